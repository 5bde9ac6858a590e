import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'finance.organisations_supported';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const v = (territory: string, period: string) => r.value(ID, { territory, period }).value;

// Non-fund organisations with E's euros: A (i6, 2023, dep:93), B (i7, 2024, dep:75),
// X through F1 → F2 (i5 2024, i17 2025, dep:69). F1 and F2 are funds; Y and Z only get others' money.
describe(ID, () => {
  it('counts distinct organisations receiving E’s euros in the cell', () => {
    expect(v('dep:93', '2023')).toBe(1); // A
    expect(v('dep:69', '2024')).toBe(1); // X, through the fund of funds
    expect(v('dep:69', '2025')).toBe(1); // X again
    expect(v('dep:93', '2024')).toBe(0); // Y: no euro from E
  });

  it('counts each organisation once in the margins', () => {
    expect(v('FR', '2024')).toBe(2); // B, X
    expect(v('dep:69', ALL)).toBe(1); // X in 2024 and 2025
    expect(v('FR', ALL)).toBe(3); // A, B, X (the years add up to 1 + 2 + 1 = 4)
    expect(r.value(ID, { territory: 'FR', period: ALL }).attributable).toBeUndefined();
  });
});
