import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'mobility.people_in_precarity_at_intake';
// With every built-in, as a report computes them: the grid holds every département any of them saw.
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const v = (territory: string, period: string) => r.value(ID, { territory, period }).value;

// In precarity = severe or precarious (below the threshold fragile). Platform entries in range with
// such an intake level: M1 (2023 at P1 dep:93 and P2 dep:75), M2 (2023 only: 2024 intake is fragile),
// M3 (2024 dep:75), M4 and M8 (2025 dep:75), M5 (2023 dep:92). M6 entered fragile.
describe(ID, () => {
  it('counts distinct people in precarity at intake in each cell', () => {
    expect(v('dep:93', '2023')).toBe(2); // M1, M2
    expect(v('dep:75', '2023')).toBe(1); // M1
    expect(v('dep:92', '2023')).toBe(1); // M5
    expect(v('dep:69', '2023')).toBe(0); // M6 entered fragile
    expect(v('dep:93', '2024')).toBe(0); // M2 re-entered fragile
    expect(v('dep:75', '2025')).toBe(2); // M4, M8
  });

  it('counts each person once in the territory margin', () => {
    expect(v('FR', '2023')).toBe(3); // {M1, M2, M5}, not 2 + 1 + 1 = 4
    expect(v('FR', '2024')).toBe(1); // M3
    expect(v('FR', '2025')).toBe(2); // M4, M8
  });

  it('counts each person once over the range', () => {
    expect(v('dep:75', ALL)).toBe(4); // M1, M3, M4, M8
    expect(v('dep:93', ALL)).toBe(2); // M1, M2
    expect(v('FR', ALL)).toBe(6); // M1, M2, M3, M4, M5, M8
  });
});
