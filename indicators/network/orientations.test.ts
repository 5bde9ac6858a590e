import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'network.orientations';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const cell = (territory: string, period: string) => r.value(ID, { territory, period });

// Orientations in range (territory: the action's own, else its organisation's):
//   a1 E 2023 dep:75 (E's), a2 E 2023 dep:93, a4 A 2024 dep:93 (A's), a12 B 2024 dep:75 (B's),
//   a13 X 2024 dep:69 (X's),
//   a7 Y 2025 dep:93 (Y's), a10 A 2025-12-31 dep:69 (the range's last day counts).
//   a9 (2022-12-31) is before the range; a6 is a support action.
// Attributable: E's own actions 1; A: 0.5 at end 2024, 0.4 at end 2025; B: 1 at end 2024,
// 0.75 at end 2025; Y: 0; X, financed only by the fund of funds F2: 40% × 50% = 0.2 at end 2024,
// 62.5% × 50% = 0.3125 at end 2025.
describe(ID, () => {
  it('counts orientations by date and territory', () => {
    expect(cell('dep:75', '2023').value).toBe(1); // a1
    expect(cell('dep:93', '2023').value).toBe(1); // a2
    expect(cell('dep:93', '2024').value).toBe(1); // a4
    expect(cell('dep:69', '2025').value).toBe(1); // a10
  });

  it('sums into its margins', () => {
    expect(cell('FR', '2023').value).toBe(2);
    expect(cell('FR', '2024').value).toBe(3); // a4, a12, a13
    expect(cell('dep:93', ALL).value).toBe(3); // a2, a4, a7
    expect(cell('dep:69', ALL).value).toBe(2); // a10, a13
    expect(cell('FR', ALL).value).toBe(7);
  });

  it('attributes by the acting organisation’s share at the end of the action’s year', () => {
    expect(cell('FR', '2023').attributable).toBeCloseTo(2, 6); // a1, a2 are E's own
    expect(cell('dep:69', '2024').attributable).toBeCloseTo(0.2, 6); // a13: E → F1 40%, F1 → F2 50%
    expect(cell('FR', '2024').attributable).toBeCloseTo(1.7, 6); // a4 A 0.5 + a12 B 1 + a13 X 0.2
    expect(cell('dep:93', '2025').attributable).toBeCloseTo(0, 6); // a7 Y 0
    expect(cell('dep:69', '2025').attributable).toBeCloseTo(0.4, 6); // a10 A 0.4
    // range: each row at its own year's end, so the sum of the years: 2 + 1.7 + 0.4 = 4.1
    expect(cell('FR', ALL).attributable).toBeCloseTo(4.1, 6);
    expect(cell('dep:69', ALL).attributable).toBeCloseTo(0.6, 6); // a13 0.2 (2024) + a10 0.4 (2025)
    expect(cell('dep:93', ALL).attributable).toBeCloseTo(1.5, 6); // a2 1 + a4 0.5 (2024) + a7 0
  });
});
