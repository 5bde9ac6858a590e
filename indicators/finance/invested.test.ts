import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'finance.invested';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const cell = (territory: string, period: string) => r.value(ID, { territory, period });

// E's euros into non-fund organisations: direct, plus w(E, fund, date) × each fund investment.
//   direct: i6 E → A 50,000 (2023, dep:93), i7 E → B 30,000 (2024, dep:75); commitments into F1 are
//     into a fund; i18 (2026) is after the range.
//   via funds: i5 F2 → X 100,000 on 2024-03-15 × share(E, F2) = 50% × 40% = 20% -> 20,000 (dep:69);
//     E's 2025 top-up of F1 (i16) is dated after it and ignored;
//     i17 F2 → X 40,000 on 2025-05-05 × 50% × 62.5% = 31.25% -> 12,500 (dep:69).
//   C's, K1's... investments: weight 0.
// The share is taken at the investment's date (w(E, F, date(i))): the natural reading of "E's euros",
// and the only one under which this flow is the sum of its sub-periods, as a flow must be.
describe(ID, () => {
  it('adds direct and looked-through euros in each cell', () => {
    expect(cell('dep:93', '2023').value).toBe(50_000); // i6
    expect(cell('dep:75', '2024').value).toBe(30_000); // i7
    expect(cell('dep:69', '2024').value).toBe(20_000); // 20% of i5
    expect(cell('dep:69', '2025').value).toBe(12_500); // 31.25% of i17
  });

  it('sums into its margins', () => {
    expect(cell('FR', '2024').value).toBe(50_000); // 30,000 + 20,000
    expect(cell('dep:69', ALL).value).toBe(32_500); // 20,000 + 12,500
    expect(cell('FR', ALL).value).toBe(112_500); // 80,000 direct + 32,500 via funds
  });

  it('is already E’s own money: no attributable part', () => {
    expect(cell('FR', ALL).attributable).toBeUndefined();
  });

  it('breaks down by final investee, after looking through funds', () => {
    const byOrg = evaluate({ ...workspace, indicators: [ID], breakdown: ['organisation'] });
    expect(byOrg.value(ID, { organisation: 'X' }).value).toBe(32_500);
    expect(byOrg.value(ID, { organisation: 'A' }).value).toBe(50_000);
    expect(byOrg.value(ID, { organisation: 'B' }).value).toBe(30_000);
    expect(() => byOrg.value(ID, { organisation: 'F2' })).toThrow(/no cell/); // a fund is never an investee here
  });
});

describe(`${ID}: the look-through share is the one on the fund's investment date`, () => {
  // E puts 500,000 into F on 2024-01-10, beside L's 500,000: share(E, F) = 0.5. F invests 100,000 in X
  // on 2024-03-01. C joins F with 1,000,000 on 2024-09-01, so at the year's end share(E, F) = 0.25.
  // E's euros into X are 100,000 × 0.5 = 50,000 (at the year's end it would be 25,000).
  let r2: EngineOutput;
  beforeEach(() => {
    r2 = evaluate({
      range: { from: '2024-01-01', to: '2024-12-31' },
      reportingEntity: 'E',
      indicators: [ID],
      organisations: [
        { org_id: 'E', kind: 'investor' },
        { org_id: 'L', kind: 'investor' },
        { org_id: 'C', kind: 'investor' },
        { org_id: 'F', kind: 'fund' },
        { org_id: 'X', territory: 'dep:93' },
      ],
      investments: [
        { investor_id: 'E', investee_id: 'F', euros: 500_000, date: '2024-01-10', instrument: 'commitment' },
        { investor_id: 'L', investee_id: 'F', euros: 500_000, date: '2024-01-10', instrument: 'commitment' },
        { investor_id: 'F', investee_id: 'X', euros: 100_000, date: '2024-03-01' },
        { investor_id: 'C', investee_id: 'F', euros: 1_000_000, date: '2024-09-01', instrument: 'commitment' },
      ],
    });
  });

  it('takes share(E, F) on 2024-03-01 (0.5), not on 2024-12-31 (0.25)', () => {
    expect(r2.evaluation.attribution.share('F', '2024-12-31')).toBeCloseTo(0.25, 12);
    expect(r2.value(ID, { territory: 'dep:93', period: '2024' }).value).toBe(50_000);
    expect(r2.value(ID).value).toBe(50_000);
  });
});
