import { beforeEach, describe, expect, it } from 'vitest';
import { PORTFOLIO_ALL, portfolio } from '../../test/fixtures/portfolio.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'finance.exits';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate({ ...portfolio, indicators: [ID] });
});
const cell = (period: string, territory = 'FR') => r.value(ID, { territory, period });

// E's investments into non-fund organisations whose exited_on falls in the cell, at their amount,
// plus funds' exits × share(E, fund, exited_on) (test/fixtures/portfolio.ts):
//   e1 E → A 100k exited 2023-06-30: 100k in 2023 (dep:93)
//   f1 F → B 200k repaid 2022-12-31 × share(E, F, 2022-12-31) = 0.3: 60k in 2022 (dep:75)
//   l1 (L leaves F) and g1 (G leaves F2) end holdings in funds, not in organisations: not exits of E's.
describe(ID, () => {
  it('counts each exit in the period of its exit date', () => {
    expect(cell('2021').value).toBe(0);
    expect(cell('2022').value).toBe(60_000);
    expect(cell('2022', 'dep:75').value).toBe(60_000);
    expect(cell('2023').value).toBe(100_000);
    expect(cell('2023', 'dep:93').value).toBe(100_000);
    expect(cell('2024').value).toBe(0);
  });

  it('sums into the range, with no attributable part', () => {
    expect(cell(PORTFOLIO_ALL).value).toBe(160_000);
    expect(cell(PORTFOLIO_ALL).attributable).toBeUndefined();
  });
});
