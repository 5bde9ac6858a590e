import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'mobility.positive_outcomes';
// With every built-in, as a report computes them: the grid holds every département any of them saw.
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const v = (territory: string, period: string) => r.value(ID, { territory, period }).value;

// Platform exits in range with outcome employment or training:
//   M1 P1 employment 2023-08-31 dep:93, M2 training 2023-12-20 dep:93, M7 employment 2023-02-15 dep:93,
//   M6 training 2023-06-30 dep:69, M2 employment 2024-10-01 dep:93, M4 employment 2025-11-30 dep:75.
// Not counted: M1 P2 (none), M3 (other), M8 (left 2026), youth sites.
describe(ID, () => {
  it('counts distinct people leaving for employment or training, by exit date', () => {
    expect(v('dep:93', '2023')).toBe(3); // M1, M2, M7
    expect(v('dep:69', '2023')).toBe(1); // M6
    expect(v('dep:93', '2024')).toBe(1); // M2 again
    expect(v('dep:75', '2025')).toBe(1); // M4
    expect(v('dep:75', '2024')).toBe(0); // M1's P2 exit had outcome none
  });

  it('has distinct-count margins', () => {
    expect(v('FR', '2023')).toBe(4);
    expect(v('FR', '2024')).toBe(1);
    expect(v('dep:93', ALL)).toBe(3); // M2 in 2023 and 2024 counts once
    expect(v('FR', ALL)).toBe(5); // M1, M2, M4, M6, M7 (the years add up to 6)
  });
});
