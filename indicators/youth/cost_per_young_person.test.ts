import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'youth.cost_per_young_person';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const cell = (territory: string, period: string) => r.value(ID, { territory, period });

// finance.invested (euros) ÷ youth.reached, both over the cell (see their own tests for the parts).
describe(ID, () => {
  it('divides euros invested by young people reached in the cell', () => {
    expect(cell('FR', '2023')).toMatchObject({ numerator: 50_000, denominator: 14 });
    expect(cell('FR', '2023').value).toBeCloseTo(50_000 / 14, 9); // ≈ 3,571.43 €
    expect(cell('FR', '2025').value).toBeCloseTo(1_562.5, 9); // 12,500 / 8
    expect(cell('dep:93', '2023').value).toBeCloseTo(50_000 / 12, 9);
    expect(cell('dep:75', '2025')).toMatchObject({ value: 0, numerator: 0, denominator: 7 });
  });

  it('computes the grand total from the summed parts', () => {
    // 112,500 / 28 ≈ 4,017.86 € — not the mean of the years (3,571.43 + 7,142.86 + 1,562.5) / 3
    expect(cell('FR', ALL)).toMatchObject({ numerator: 112_500, denominator: 28 });
    expect(cell('FR', ALL).value).toBeCloseTo(112_500 / 28, 9);
  });

  it('gives null and a note where nobody was reached', () => {
    const none = cell('dep:69', '2025'); // 12,500 € into X, no young person in dep:69 in 2025
    expect(none).toMatchObject({ value: null, numerator: 12_500, denominator: 0 });
    expect(none.note).toBeTruthy();
  });
});
