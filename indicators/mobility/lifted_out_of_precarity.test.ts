import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'mobility.lifted_out_of_precarity';
// With every built-in, as a report computes them: the grid holds every département any of them saw.
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const v = (territory: string, period: string) => r.value(ID, { territory, period }).value;

// Intake severe/precarious and exit fragile/autonomous, placed by exit_date:
//   M1 at P1 (severe -> fragile, left 2023-08-31, dep:93)      lifted
//   M1 at P2 (precarious -> precarious)                         not lifted
//   M2 at P1 (precarious -> autonomous, left 2023-12-20)        lifted
//   M3 at P2 (severe -> fragile, left 2025-01-20, dep:75)       lifted
//   M4 at P3 (severe -> severe)                                 not lifted
//   M7 at P1 (entered 2022, severe -> autonomous, left 2023-02-15) lifted: placed by its exit
//   M8 at P3 (left 2026-01-15, after the range)                 not used
//   M2's 2024 stay and M6 entered fragile: not in precarity at intake
describe(ID, () => {
  it('places people by their exit date', () => {
    expect(v('dep:93', '2023')).toBe(3); // M1, M2, M7
    expect(v('dep:93', '2024')).toBe(0);
    expect(v('dep:75', '2025')).toBe(1); // M3, who entered in 2024
    expect(v('dep:75', '2024')).toBe(0); // M1's P2 exit is still precarious
  });

  it('has margins that are distinct counts', () => {
    expect(v('FR', '2023')).toBe(3);
    expect(v('FR', '2025')).toBe(1);
    expect(v('dep:93', ALL)).toBe(3);
    expect(v('FR', ALL)).toBe(4); // M1, M2, M3, M7
  });
});
