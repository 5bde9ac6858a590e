import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'finance.leverage';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const cell = (territory: string, period: string) => r.value(ID, { territory, period });

// Numerator: euros received in the cell, from every investor, by the organisations E finances —
// read as "organisations receiving E's euros (direct or through funds) in that same cell", as the
// indicator's own description says. Denominator: finance.invested.
// Investments into non-fund organisations dated in range:
//   A (dep:93): i6 E 50k 2023, i10 C 50k 2023, i9 C 25k 2025
//   B (dep:75): i7 E 30k 2024, i13 K2 donation 10k 2025
//   X (dep:69): i5 F2 100k 2024, i17 F2 40k 2025 — whole amounts, E's part is only 20% / 31.25%
//   Y (dep:93): 13k in 2024 (K1, Fd, K2) — never financed by E;  Z (dep:69): K1 3k 2025 — idem
describe(ID, () => {
  it('divides what E’s investees received in the cell by E’s euros in it', () => {
    // 2023: A 50k + 50k = 100k / 50k = 2
    expect(cell('FR', '2023')).toMatchObject({ value: 2, numerator: 100_000, denominator: 50_000 });
    // 2024: X 100k / E's 20k = 5 (dep:69); B 30k / 30k = 1 (dep:75)
    expect(cell('dep:69', '2024')).toMatchObject({ value: 5, numerator: 100_000, denominator: 20_000 });
    expect(cell('dep:75', '2024')).toMatchObject({ value: 1, numerator: 30_000, denominator: 30_000 });
    // 2024 FR: (100k + 30k) / 50k = 2.6; Y's 13k does not count, E does not finance Y
    expect(cell('FR', '2024')).toMatchObject({ value: 2.6, numerator: 130_000, denominator: 50_000 });
    // 2025: only X receives E's euros (i17): 40k / 12.5k = 3.2; A's 25k and B's 10k came in a year
    // in which E put nothing into them
    expect(cell('FR', '2025')).toMatchObject({ value: 3.2, numerator: 40_000, denominator: 12_500 });
  });

  it('computes the grand total from its own numerator and denominator', () => {
    // Over the range E finances A, B and X: A 125k + B 40k + X 140k = 305k; / 112.5k ≈ 2.711
    // (the years' numerators add up to only 270k: A's and B's 2025 money counts over the range)
    const total = cell('FR', ALL);
    expect(total).toMatchObject({ numerator: 305_000, denominator: 112_500 });
    expect(total.value).toBeCloseTo(305_000 / 112_500, 12);
    expect(cell('dep:93', ALL)).toMatchObject({ value: 2.5, numerator: 125_000, denominator: 50_000 });
  });

  it('gives null and a note when E invested nothing in the cell', () => {
    const none = cell('dep:93', '2024'); // Y received 13k, E invested nothing in dep:93 in 2024
    expect(none).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(none.note).toBeTruthy();
  });
});
