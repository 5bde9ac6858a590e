import { describe, expect, it } from 'vitest';
import {
  nextDay,
  periodFromLabel,
  periodLabel,
  periodLevelOf,
  periodsInRange,
  rangeLabel,
} from '../../src/engine/periods.js';

const RANGE = { from: '2023-03-15', to: '2025-08-10' };

describe('periodLabel', () => {
  it('labels years, quarters and months as CONTRACT §5 writes them', () => {
    expect(periodLabel('2025-07-14', 'year')).toBe('2025');
    expect(periodLabel('2025-07-14', 'quarter')).toBe('2025-Q3');
    expect(periodLabel('2025-07-14', 'month')).toBe('2025-07');
  });

  it('puts quarter edges in the right quarter', () => {
    expect(periodLabel('2025-01-01', 'quarter')).toBe('2025-Q1');
    expect(periodLabel('2025-03-31', 'quarter')).toBe('2025-Q1');
    expect(periodLabel('2025-04-01', 'quarter')).toBe('2025-Q2');
    expect(periodLabel('2025-09-30', 'quarter')).toBe('2025-Q3');
    expect(periodLabel('2025-12-31', 'quarter')).toBe('2025-Q4');
  });

  it('writes the whole range as an ISO interval', () => {
    expect(rangeLabel(RANGE)).toBe('2023-03-15/2025-08-10');
  });
});

describe('periodFromLabel', () => {
  const wide = { from: '2000-01-01', to: '2099-12-31' };

  it('gives a period’s first and last day', () => {
    expect(periodFromLabel('2024', wide)).toEqual({ label: '2024', start: '2024-01-01', end: '2024-12-31' });
    expect(periodFromLabel('2024-Q1', wide)).toEqual({ label: '2024-Q1', start: '2024-01-01', end: '2024-03-31' });
    expect(periodFromLabel('2024-Q4', wide)).toEqual({ label: '2024-Q4', start: '2024-10-01', end: '2024-12-31' });
    expect(periodFromLabel('2024-02', wide)).toEqual({ label: '2024-02', start: '2024-02-01', end: '2024-02-29' });
    expect(periodFromLabel('2023-02', wide)?.end).toBe('2023-02-28');
    expect(periodFromLabel('2024-04', wide)?.end).toBe('2024-04-30');
  });

  it('clips a period to the report range', () => {
    expect(periodFromLabel('2023', RANGE)).toEqual({ label: '2023', start: '2023-03-15', end: '2023-12-31' });
    expect(periodFromLabel('2025', RANGE)).toEqual({ label: '2025', start: '2025-01-01', end: '2025-08-10' });
    expect(periodFromLabel('2025-Q3', RANGE)).toEqual({ label: '2025-Q3', start: '2025-07-01', end: '2025-08-10' });
    expect(periodFromLabel('2023-03', RANGE)).toEqual({ label: '2023-03', start: '2023-03-15', end: '2023-03-31' });
  });

  it('reads the range interval', () => {
    expect(periodFromLabel('2023-03-15/2025-08-10', RANGE)).toEqual({
      label: '2023-03-15/2025-08-10',
      start: '2023-03-15',
      end: '2025-08-10',
    });
  });

  it('refuses periods outside the range and malformed labels', () => {
    expect(periodFromLabel('2022', RANGE)).toBeNull();
    expect(periodFromLabel('2025-09', RANGE)).toBeNull();
    expect(periodFromLabel('2025-13', RANGE)).toBeNull();
    expect(periodFromLabel('2025-Q5', RANGE)).toBeNull();
    expect(periodFromLabel('2025-12-31/2025-01-01', RANGE)).toBeNull();
    expect(periodFromLabel('last year', RANGE)).toBeNull();
  });

  it('reads a label only when it is exactly one of CONTRACT §5’s forms', () => {
    // In a wide range, so that nothing is refused for lying outside it.
    for (const label of [
      'x2024',
      '12024',
      'x2024-Q1',
      '2024-Q1x',
      'x2024-05',
      '2024-05x',
      '2024-13',
      '2024-00',
      'x2024-01-01/2024-02-01',
      '2024-01-01/2024-02-01x',
      '2024-12-31/2024-01-01',
    ])
      expect(periodFromLabel(label, wide), label).toBeNull();
  });

  it('reads a one-day interval (its start equal to its end)', () => {
    expect(periodFromLabel('2024-05-01/2024-05-01', wide)).toEqual({
      label: '2024-05-01/2024-05-01',
      start: '2024-05-01',
      end: '2024-05-01',
    });
  });

  it('keeps a period that only overlaps the range start', () => {
    // 2023-Q1 is 2023-01-01..2023-03-31; the range starts on 2023-03-15
    expect(periodFromLabel('2023-Q1', RANGE)).toEqual({ label: '2023-Q1', start: '2023-03-15', end: '2023-03-31' });
  });
});

describe('periodLevelOf', () => {
  it('tells a label’s level', () => {
    expect(periodLevelOf('2025')).toBe('year');
    expect(periodLevelOf('2025-Q2')).toBe('quarter');
    expect(periodLevelOf('2025-07')).toBe('month');
    expect(periodLevelOf('2023-01-01/2025-12-31')).toBe('range');
    expect(periodLevelOf('Q2')).toBeNull();
    for (const label of ['x2025', '12025', 'x2025-Q2', '2025-Q2x', 'x2025-07'])
      expect(periodLevelOf(label), label).toBeNull();
  });
});

describe('periodsInRange', () => {
  it('lists every year overlapping the range, clipped', () => {
    expect(periodsInRange(RANGE, 'year')).toEqual([
      { label: '2023', start: '2023-03-15', end: '2023-12-31' },
      { label: '2024', start: '2024-01-01', end: '2024-12-31' },
      { label: '2025', start: '2025-01-01', end: '2025-08-10' },
    ]);
  });

  it('lists quarters: Q1 2023 (clipped) to Q3 2025 (clipped) = 11', () => {
    const quarters = periodsInRange(RANGE, 'quarter');
    expect(quarters.map((q) => q.label)).toEqual([
      '2023-Q1',
      '2023-Q2',
      '2023-Q3',
      '2023-Q4',
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
    ]);
    expect(quarters[0]).toEqual({ label: '2023-Q1', start: '2023-03-15', end: '2023-03-31' });
    expect(quarters.at(-1)).toEqual({ label: '2025-Q3', start: '2025-07-01', end: '2025-08-10' });
  });

  it('lists months across a year end', () => {
    const months = periodsInRange({ from: '2024-11-20', to: '2025-02-03' }, 'month');
    expect(months).toEqual([
      { label: '2024-11', start: '2024-11-20', end: '2024-11-30' },
      { label: '2024-12', start: '2024-12-01', end: '2024-12-31' },
      { label: '2025-01', start: '2025-01-01', end: '2025-01-31' },
      { label: '2025-02', start: '2025-02-01', end: '2025-02-03' },
    ]);
  });

  it('keeps a last period of one day when the range ends on its first day', () => {
    expect(periodsInRange({ from: '2024-06-01', to: '2025-01-01' }, 'year')).toEqual([
      { label: '2024', start: '2024-06-01', end: '2024-12-31' },
      { label: '2025', start: '2025-01-01', end: '2025-01-01' },
    ]);
  });

  it('gives one period for a one-day range', () => {
    expect(periodsInRange({ from: '2024-02-29', to: '2024-02-29' }, 'year')).toEqual([
      { label: '2024', start: '2024-02-29', end: '2024-02-29' },
    ]);
  });
});

describe('nextDay', () => {
  it('crosses month and year ends, and leap days', () => {
    expect(nextDay('2024-01-31')).toBe('2024-02-01');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2023-02-28')).toBe('2023-03-01');
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
  });
});
