import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'mobility.platforms_opened';
// With every built-in, as a report computes them: the grid holds every département any of them saw.
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const cell = (territory: string, period: string) => r.value(ID, { territory, period });

// Platforms opened in range: P2 (A, dep:75, 2023-03-01), P3 (B, dep:75, 2025-02-01).
// P1 (2022) and P4 (2021) opened before the range; S3 (2026) is not a platform and after it.
describe(ID, () => {
  it('counts platforms by opening date', () => {
    expect(cell('dep:75', '2023').value).toBe(1); // P2
    expect(cell('dep:75', '2024').value).toBe(0);
    expect(cell('dep:75', '2025').value).toBe(1); // P3
    expect(cell('dep:93', '2023').value).toBe(0); // P1 opened in 2022
  });

  it('sums into its margins', () => {
    expect(cell('FR', '2023').value).toBe(1);
    expect(cell('FR', '2025').value).toBe(1);
    expect(cell('dep:75', ALL).value).toBe(2);
    expect(cell('FR', ALL).value).toBe(2);
  });

  it("attributes each opening by its operator's share at the end of the opening's year", () => {
    expect(cell('FR', '2023').attributable).toBeCloseTo(0.5, 6); // P2 × share(E, A, 2023-12-31) = 0.5
    expect(cell('FR', '2025').attributable).toBeCloseTo(0.75, 6); // P3 × share(E, B, 2025-12-31) = 0.75
    // Over the range, each row keeps its own year's share: P2 0.5 + P3 0.75 = 1.25, the sum of the
    // years (with the range's end for both it would be P2 × 0.4 + P3 × 0.75 = 1.15)
    expect(cell('FR', ALL).attributable).toBeCloseTo(1.25, 6);
  });
});
