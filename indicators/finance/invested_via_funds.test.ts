import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'finance.invested_via_funds';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const cell = (territory: string, period: string) => r.value(ID, { territory, period });

// Fund of funds: E holds 40% of F1 (400k of 1,000k), F1 holds 50% of F2 (500k of 1,000k, beside C).
//   i5 F2 → X 100,000 on 2024-03-15: E's share of F2 = 50% × 40% = 20% -> 20,000
//   i17 F2 → X 40,000 on 2025-05-05: E topped F1 up by 600k on 2025-01-15, so
//     share(E, F1) = 1,000k / 1,600k = 62.5%, share(E, F2) = 50% × 62.5% = 31.25% -> 12,500
//   F1 → F2 (i3) is into a fund, so it is looked through rather than counted.
describe(ID, () => {
  it('takes E’s looked-through share of each fund investment at its date', () => {
    expect(cell('dep:69', '2024').value).toBe(20_000);
    expect(cell('dep:69', '2025').value).toBe(12_500);
    expect(cell('dep:69', '2023').value).toBe(0);
    expect(cell('dep:93', ALL).value).toBe(0); // A only has direct money
  });

  it('sums into its margins', () => {
    expect(cell('FR', '2024').value).toBe(20_000);
    expect(cell('dep:69', ALL).value).toBe(32_500);
    expect(cell('FR', ALL).value).toBe(32_500);
    expect(cell('FR', ALL).attributable).toBeUndefined();
  });

  it('adds up with the direct part to finance.invested', () => {
    for (const period of ['2023', '2024', '2025', ALL]) {
      const direct = r.value('finance.invested_direct', { territory: 'FR', period }).value ?? Number.NaN;
      const via = cell('FR', period).value ?? Number.NaN;
      expect(direct + via).toBe(r.value('finance.invested', { territory: 'FR', period }).value);
    }
  });
});
