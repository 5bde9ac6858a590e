import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'network.introductions';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const cell = (territory: string, period: string) => r.value(ID, { territory, period });

// Introductions in range: a3 E 2023 dep:69, a5 A 2024 dep:75, a8 E 2025 dep:93.
// a11 (2026-01-01) is after the range.
describe(ID, () => {
  it('counts introductions by date and territory', () => {
    expect(cell('dep:69', '2023').value).toBe(1);
    expect(cell('dep:75', '2024').value).toBe(1);
    expect(cell('dep:93', '2025').value).toBe(1);
    expect(cell('dep:93', '2023').value).toBe(0);
  });

  it('sums into its margins', () => {
    expect(cell('FR', '2024').value).toBe(1);
    expect(cell('dep:75', ALL).value).toBe(1);
    expect(cell('FR', ALL).value).toBe(3);
  });

  it('attributes by the acting organisation’s share', () => {
    expect(cell('FR', '2023').attributable).toBeCloseTo(1, 6); // a3 is E's own
    expect(cell('FR', '2024').attributable).toBeCloseTo(0.5, 6); // a5 × share(E, A, 2024-12-31)
    // range: a3 1 + a8 1 + a5 × share(E, A, 2024-12-31) = 0.5 (its own year's end) -> 2.5
    expect(cell('FR', ALL).attributable).toBeCloseTo(2.5, 6);
  });
});
