import { beforeEach, describe, expect, it } from 'vitest';
import { PORTFOLIO_ALL, portfolio } from '../../test/fixtures/portfolio.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'finance.outstanding';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate({ ...portfolio, indicators: [ID] });
});
const cell = (period: string, territory = 'FR') => r.value(ID, { territory, period });

// At each year's end D, E's equity, quasi-equity and loans held in non-fund organisations, plus
// each fund's holdings of those kinds held at D × share(E, fund, D) (test/fixtures/portfolio.ts):
//   e1 E → A 100k equity, exited 2023-06-30: 100k at end 2021 and 2022, then 0
//   f1 F → B 200k loan, repaid 2022-12-31: 200k × 0.3 = 60k at end 2021; 0 at end 2022 (repaid that day)
//   f2 F → C2 100k equity from 2022-02-01: × 0.3 = 30k at end 2022; × 1 = 100k at end 2023 and 2024
//   h1 F2 → D 50k equity: × 0.2 = 10k at end 2021–2023; × 0 at end 2024 (G left F2 on 2024-03-31)
//   e4 E → A2 20k is a grant, not outstanding; commitments are into funds, looked through instead.
describe(ID, () => {
  it('is the euros still at work at each year’s end, falling as holdings end', () => {
    expect(cell('2021').value).toBe(170_000); // 100k + 60k + 10k
    expect(cell('2022').value).toBe(140_000); // 100k + 30k + 10k
    expect(cell('2023').value).toBe(110_000); // 100k + 10k
    expect(cell('2024').value).toBe(100_000); // C2 only
  });

  it('is placed by the investee’s territory, and is a stock over the range', () => {
    expect(cell('2021', 'dep:93').value).toBe(100_000); // A
    expect(cell('2021', 'dep:75').value).toBe(60_000); // B
    expect(cell('2023', 'dep:69').value).toBe(10_000); // D
    expect(cell(PORTFOLIO_ALL).value).toBe(100_000); // the value at the range's end, not a sum
  });

  it('is already E’s own money: no attributable part', () => {
    expect(cell('2021').attributable).toBeUndefined();
  });
});
