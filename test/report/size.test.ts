import { describe, expect, it } from 'vitest';
import { leastValues, periodCount } from '../../src/report/size.js';

describe('periodCount', () => {
  it('counts the periods a range overlaps, partial ones included', () => {
    const range = { from: '2019-03-15', to: '2025-12-31' };
    expect(periodCount(range, 'year')).toBe(7); // 2019 … 2025
    expect(periodCount(range, 'quarter')).toBe(28); // 2019-Q1 … 2025-Q4
    expect(periodCount(range, 'month')).toBe(82); // 10 months of 2019 + 6 × 12
    expect(periodCount({ from: '2024-02-29', to: '2024-02-29' }, 'month')).toBe(1);
  });
});

describe('leastValues', () => {
  const range = { from: '2019-01-01', to: '2025-12-31' };
  it('is a value per indicator, period and the whole range', () => {
    expect(
      leastValues(
        3,
        [
          { dimension: 'territory', level: 'departement' },
          { dimension: 'period', level: 'year' },
        ],
        range,
      ),
    ).toBe(3 * 8);
  });
  it('is one value per indicator without a period dimension', () => {
    expect(leastValues(5, [{ dimension: 'territory', level: 'commune' }], range)).toBe(5);
  });
});
