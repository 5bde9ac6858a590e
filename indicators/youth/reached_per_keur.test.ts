import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'youth.reached_per_keur';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const cell = (territory: string, period: string) => r.value(ID, { territory, period });

// 1000 × youth.reached ÷ finance.invested (euros), both over the cell.
//   youth.reached: FR 14 / 7 / 8 (2023 / 2024 / 2025), 28 over the range; dep:93 2023 12; dep:69 range 7
//   finance.invested: FR 50,000 / 50,000 / 12,500, 112,500 over the range; dep:93 2023 50,000; dep:69 range 32,500
describe(ID, () => {
  it('divides the cell values, scaled per €1,000', () => {
    expect(cell('FR', '2023')).toMatchObject({ numerator: 14, denominator: 50_000 });
    expect(cell('FR', '2023').value).toBeCloseTo(0.28, 12); // 1000 × 14 / 50,000
    expect(cell('FR', '2025').value).toBeCloseTo(0.64, 12); // 1000 × 8 / 12,500
    expect(cell('dep:93', '2023').value).toBeCloseTo(0.24, 12); // 1000 × 12 / 50,000
    expect(cell('dep:69', ALL).value).toBeCloseTo(1000 * (7 / 32_500), 12);
  });

  it('computes the grand total from the summed parts', () => {
    const total = cell('FR', ALL);
    expect(total).toMatchObject({ numerator: 28, denominator: 112_500 });
    expect(total.value).toBeCloseTo((1000 * 28) / 112_500, 12); // ≈ 0.2489
  });

  it('gives null and a note where nothing was invested', () => {
    const none = cell('dep:75', '2025'); // 7 reached (metric), 0 € invested in dep:75 in 2025
    expect(none).toMatchObject({ value: null, numerator: 7, denominator: 0 });
    expect(none.note).toBeTruthy();
  });
});
