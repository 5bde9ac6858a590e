import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'mobility.lift_rate';
// With every built-in, as a report computes them: the grid holds every département any of them saw.
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const cell = (territory: string, period: string) => r.value(ID, { territory, period });

// Numerator: mobility.lifted_out_of_precarity (M1, M2, M7 in dep:93 2023; M3 in dep:75 2025).
// Denominator: in precarity at intake with an exit level, placed by exit_date:
//   M1 P1 (2023 dep:93), M2 (2023 dep:93), M7 (2023 dep:93), M1 P2 (2024-03-15 dep:75),
//   M3 (2025 dep:75), M4 (2025-11-30 dep:75, severe -> severe). M5 has no exit, M8 left after range.
describe(ID, () => {
  it('divides the cell numerator by the cell denominator', () => {
    expect(cell('dep:93', '2023')).toMatchObject({ value: 1, numerator: 3, denominator: 3 }); // M1, M2, M7 / same
    expect(cell('dep:75', '2024')).toMatchObject({ value: 0, numerator: 0, denominator: 1 }); // 0 / M1
    expect(cell('dep:75', '2025')).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 }); // M3 / M3, M4
  });

  it('gives null and a note for a zero denominator', () => {
    const empty = cell('dep:69', ALL); // M6 entered fragile: nobody in the denominator
    expect(empty.value).toBeNull();
    expect(empty.denominator).toBe(0);
    expect(empty.note).toBeTruthy();
    expect(cell('dep:93', '2024').value).toBeNull();
  });

  it('computes margins from summed parts, never as an average of child ratios', () => {
    expect(cell('FR', '2023')).toMatchObject({ value: 1, numerator: 3, denominator: 3 });
    // dep:75 over the range: M3 / {M1, M3, M4} = 1/3
    const dep75 = cell('dep:75', ALL);
    expect(dep75).toMatchObject({ numerator: 1, denominator: 3 });
    expect(dep75.value).toBeCloseTo(1 / 3, 12);
    // grand total: 4 lifted (M1, M2, M3, M7) / 5 with an exit level (M1, M2, M3, M4, M7) = 0.8;
    // the mean of the départements would be (1 + 1/3) / 2 ≈ 0.667, of the years (1 + 0 + 0.5) / 3 = 0.5
    expect(cell('FR', ALL)).toMatchObject({ value: 0.8, numerator: 4, denominator: 5 });
  });
});
