import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'mobility.platforms_open';
// With every built-in, as a report computes them: the grid holds every département any of them saw.
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const cell = (territory: string, period: string) => r.value(ID, { territory, period });

// Open on a period's last day: opened_on <= end and (no closed_on or closed_on > end).
//   P1 (A, dep:93) since 2022; P2 (A, dep:75) 2023-03-01 to 2024-06-30; P3 (B, dep:75) from 2025-02-01;
//   P4 (Z, dep:69) closed on 2023-12-31 itself, so not open at the end of 2023. S1, S2 are not platforms.
// Attributable: share(E, A) = 0.5 at end 2023 and 2024, 0.4 at end 2025; share(E, B) = 0.75 at end 2025.
describe(ID, () => {
  it('counts platforms open at each period end', () => {
    expect(cell('dep:93', '2023').value).toBe(1); // P1
    expect(cell('dep:75', '2023').value).toBe(1); // P2
    expect(cell('dep:69', '2023').value).toBe(0); // P4 closed that very day
    expect(cell('dep:75', '2024').value).toBe(0); // P2 closed mid-2024
    expect(cell('dep:75', '2025').value).toBe(1); // P3 opened in the last year
  });

  it('sums across territories', () => {
    expect(cell('FR', '2023').value).toBe(2); // P1, P2
    expect(cell('FR', '2024').value).toBe(1); // P1
    expect(cell('FR', '2025').value).toBe(2); // P1, P3
  });

  it('takes the value at the range end over the whole range, never a sum over years', () => {
    expect(cell('dep:75', ALL).value).toBe(1); // P3 on 2025-12-31 (not 1 + 0 + 1)
    expect(cell('FR', ALL).value).toBe(2); // not 2 + 1 + 2 = 5
  });

  it('attributes each platform by its operator share at the period end', () => {
    expect(cell('dep:93', '2023').attributable).toBeCloseTo(0.5, 6); // P1 × 0.5
    expect(cell('FR', '2023').attributable).toBeCloseTo(1, 6); // P1 × 0.5 + P2 × 0.5
    expect(cell('FR', '2024').attributable).toBeCloseTo(0.5, 6); // P1 × 0.5
    expect(cell('dep:93', '2025').attributable).toBeCloseTo(0.4, 6); // P1 × 50k / 125k
    expect(cell('dep:75', '2025').attributable).toBeCloseTo(0.75, 6); // P3 × 30k / 40k
    expect(cell('FR', ALL).attributable).toBeCloseTo(1.15, 6); // 0.4 + 0.75
  });

  it('has no attributable part without a reporting entity', () => {
    const plain = evaluate({ ...workspace, reportingEntity: undefined, indicators: [ID] });
    expect(plain.value(ID, { territory: 'FR', period: ALL }).attributable).toBeUndefined();
  });
});
