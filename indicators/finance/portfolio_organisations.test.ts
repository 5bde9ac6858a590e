import { beforeEach, describe, expect, it } from 'vitest';
import { PORTFOLIO_ALL, portfolio } from '../../test/fixtures/portfolio.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'finance.portfolio_organisations';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate({ ...portfolio, indicators: [ID] });
});
const cell = (period: string, territory = 'FR') => r.value(ID, { territory, period });

// Non-fund organisations with share(E, X, D) > 0 at each year's end (test/fixtures/portfolio.ts):
//   end 2021: A 0.5, B 0.3, D 0.2                     -> 3
//   end 2022: A 0.5, C2 0.3, D 0.2, A2 1 (B repaid)   -> 4
//   end 2023: C2 1, D 0.2, A2 1 (A exited)            -> 3
//   end 2024: C2 1, A2 1 (D: G left F2)               -> 2
// Funds (F, G, F2) and investors are never in it.
describe(ID, () => {
  it('counts the organisations held at each year’s end', () => {
    expect(cell('2021').value).toBe(3);
    expect(cell('2022').value).toBe(4);
    expect(cell('2023').value).toBe(3);
    expect(cell('2024').value).toBe(2);
  });

  it('is placed by territory, and over the range is the count at its end', () => {
    expect(cell('2022', 'dep:93').value).toBe(2); // A, A2
    expect(cell('2022', 'dep:75').value).toBe(1); // C2
    expect(cell('2023', 'dep:69').value).toBe(1); // D
    expect(cell(PORTFOLIO_ALL).value).toBe(2);
    expect(cell(PORTFOLIO_ALL).attributable).toBeUndefined();
  });
});
