// This period beside the previous one (src/engine/previous.ts), on values written by hand: the
// previous label of each level, the period before a range that starts on a period's first day,
// and `previous`/`change` per kind. The CLI test of the same (test/report/previous.test.ts) runs
// the built program; this one runs the module itself, so that mutation testing reaches it.
import { describe, expect, it } from 'vitest';
import { attachPrevious, periodBefore, previousPeriodLabel } from '../../src/engine/previous.js';
import type { ReportIndicator, ReportValue } from '../../src/report/model.js';

const indicator = (id: string, kind: ReportIndicator['kind'], format: ReportIndicator['format']): ReportIndicator => ({
  id,
  title: id,
  description: id,
  unit: '',
  kind,
  format,
  version: '1',
  datasets: [],
  frameworks: {},
  origin: 'built-in',
});
const INDICATORS = [
  indicator('count', 'flow', 'count'),
  indicator('euros', 'flow', 'euros'),
  indicator('share', 'ratio', 'share'),
];
const value = (ind: string, period: string, v: number | null, extra: Partial<ReportValue> = {}): ReportValue => ({
  indicator: ind,
  territory: 'dep:93',
  period,
  margin: [],
  value: v,
  ...extra,
});
const options = (range = { from: '2024-01-01', to: '2025-12-31' }) => ({
  dimensions: ['territory', 'period'],
  indicators: INDICATORS,
  coverage: { from: '2024-01-01', to: '2025-12-31' },
  range,
});
const find = (values: ReportValue[], ind: string, period: string, territory: string | null = 'dep:93') =>
  values.find((v) => v.indicator === ind && v.period === period && v.territory === territory);

describe('the previous period’s label', () => {
  it('steps back one year, quarter or month, across a year end', () => {
    expect(previousPeriodLabel('2025')).toBe('2024');
    expect(previousPeriodLabel('2025-Q1')).toBe('2024-Q4');
    expect(previousPeriodLabel('2025-Q3')).toBe('2025-Q2');
    expect(previousPeriodLabel('2025-01')).toBe('2024-12');
    expect(previousPeriodLabel('2025-10')).toBe('2025-09');
    expect(previousPeriodLabel('2025-01-01/2025-12-31')).toBeNull();
  });

  it('gives the whole period before a range that starts on a period’s first day, else none', () => {
    expect(periodBefore({ from: '2025-01-01', to: '2025-12-31' }, '2025')).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(periodBefore({ from: '2025-04-01', to: '2025-06-30' }, '2025-Q2')).toEqual({
      from: '2025-01-01',
      to: '2025-03-31',
    });
    // 2025 clipped to start on 15 March: no whole period just before it.
    expect(periodBefore({ from: '2025-03-15', to: '2025-12-31' }, '2025')).toBeNull();
    expect(periodBefore({ from: '2025-01-01', to: '2025-12-31' }, 'nonsense')).toBeNull();
  });
});

describe('previous and change beside each value', () => {
  it('a count: 6 in 2025 after 4 in 2024 is a change of 2; a cell absent in 2024 counted 0 there', () => {
    const out = attachPrevious(
      [value('count', '2024', 4), value('count', '2025', 6), value('count', '2025', 3, { territory: 'dep:75' })],
      [],
      options(),
    );
    expect(find(out, 'count', '2025')).toMatchObject({ value: 6, previous: 4, change: 2 });
    expect(find(out, 'count', '2025', 'dep:75')).toMatchObject({ value: 3, previous: 0, change: 3 });
    // 2023 is before the data's coverage: 2024 has no previous.
    expect(find(out, 'count', '2024')).not.toHaveProperty('previous');
  });

  it('euros: the change is exact to the cent (0.3 € − 0.1 € = 0.2 €, not 0.19999…)', () => {
    const out = attachPrevious([value('euros', '2024', 0.1), value('euros', '2025', 0.3)], [], options());
    expect(find(out, 'euros', '2025')).toMatchObject({ previous: 0.1, change: 0.2 });
  });

  it('a share: its change in points too; a ratio absent the year before has no previous', () => {
    const out = attachPrevious(
      [
        value('share', '2024', 0.5),
        value('share', '2025', 0.625),
        value('share', '2025', 0.5, { territory: 'dep:75' }),
      ],
      [],
      options(),
    );
    expect(find(out, 'share', '2025')).toMatchObject({ previous: 0.5, change: 0.125, change_points: 12.5 });
    expect(find(out, 'share', '2025', 'dep:75')).toMatchObject({ previous: null, change: null, change_points: null });
  });

  it('a hidden or failed previous cell gives nothing away; a hidden or failed cell gets no previous', () => {
    const out = attachPrevious(
      [
        value('count', '2024', null, { suppressed: true }),
        value('count', '2025', 12),
        value('count', '2024', null, { territory: 'dep:75', error: 'boom' }),
        value('count', '2025', 30, { territory: 'dep:75' }),
        value('count', '2024', 20, { territory: 'dep:69' }),
        value('count', '2025', null, { territory: 'dep:69', suppressed: true }),
        value('euros', '2024', 5, { territory: 'dep:69' }),
        value('euros', '2025', null, { territory: 'dep:69', error: 'boom' }),
      ],
      [],
      options(),
    );
    expect(find(out, 'count', '2025')).toMatchObject({ value: 12, previous: null, change: null });
    expect(find(out, 'count', '2025', 'dep:75')).toMatchObject({ value: 30, previous: null, change: null });
    expect(find(out, 'count', '2025', 'dep:69')).not.toHaveProperty('previous');
    expect(find(out, 'euros', '2025', 'dep:69')).not.toHaveProperty('previous');
  });

  it('takes the period before the report from `earlier`, and leaves a value without one when it was not computed', () => {
    const earlier = [value('count', '2024', 10)];
    const out = attachPrevious([value('count', '2025', 15), value('euros', '2025', 1)], earlier, options());
    expect(find(out, 'count', '2025')).toMatchObject({ previous: 10, change: 5 });
    // Nothing of `euros` was computed for 2024: no previous (not 0).
    expect(find(out, 'euros', '2025')).not.toHaveProperty('previous');
  });

  it('keeps a margin and a territory the data left empty apart', () => {
    const out = attachPrevious(
      [
        value('count', '2024', 7, { territory: null, margin: ['territory'] }),
        value('count', '2024', 2, { territory: null }),
        value('count', '2025', 9, { territory: null, margin: ['territory'] }),
        value('count', '2025', 3, { territory: null }),
      ],
      [],
      options(),
    );
    const at2025 = out.filter((v) => v.period === '2025');
    expect(at2025.map((v) => [v.margin, v.previous])).toEqual([
      [['territory'], 7],
      [[], 2],
    ]);
  });

  it('sets no previous beside a period the range clips, nor the whole range', () => {
    const out = attachPrevious(
      [value('count', '2024', 4), value('count', '2025', 6), value('count', '2024-01-01/2025-06-30', 10)],
      [],
      options({ from: '2024-01-01', to: '2025-06-30' }),
    );
    expect(find(out, 'count', '2025')).not.toHaveProperty('previous');
    expect(find(out, 'count', '2024-01-01/2025-06-30')).not.toHaveProperty('previous');
  });

  it('compares periods only inside the data’s coverage', () => {
    const out = attachPrevious([value('count', '2025', 6)], [value('count', '2024', 4)], {
      ...options(),
      coverage: { from: '2024-06-01', to: '2025-12-31' },
    });
    expect(find(out, 'count', '2025')).not.toHaveProperty('previous');
    const onTheDay = attachPrevious([value('count', '2025', 6)], [value('count', '2024', 4)], options());
    expect(find(onTheDay, 'count', '2025')).toMatchObject({ previous: 4 });
  });

  it('keeps each indicator’s cells apart, and gives a count no change in points', () => {
    const out = attachPrevious(
      [value('count', '2024', 4), value('euros', '2024', 100), value('count', '2025', 6), value('euros', '2025', 150)],
      [],
      options(),
    );
    expect(find(out, 'count', '2025')).toMatchObject({ previous: 4, change: 2 });
    expect(find(out, 'euros', '2025')).toMatchObject({ previous: 100, change: 50 });
    expect(find(out, 'count', '2025')).not.toHaveProperty('change_points');
  });

  it('a share with no value (nothing to divide) has no change', () => {
    const out = attachPrevious([value('share', '2024', 0.5), value('share', '2025', null)], [], options());
    expect(find(out, 'share', '2025')).toMatchObject({ previous: 0.5, change: null, change_points: null });
  });

  it('sets no previous beside a first period the range clips at its start, even inside the coverage', () => {
    const out = attachPrevious([value('count', '2025', 6)], [value('count', '2024', 4)], {
      ...options({ from: '2025-03-15', to: '2025-12-31' }),
      coverage: { from: '2024-01-01', to: '2025-12-31' },
    });
    expect(find(out, 'count', '2025')).not.toHaveProperty('previous');
  });

  it('quarters and months: 2025-Q1 beside 2024-Q4, 2025-01 beside 2024-12', () => {
    const out = attachPrevious(
      [
        value('count', '2024-Q4', 1),
        value('count', '2025-Q1', 4),
        value('count', '2024-12', 2),
        value('count', '2025-01', 5),
      ],
      [],
      options(),
    );
    expect(find(out, 'count', '2025-Q1')).toMatchObject({ previous: 1, change: 3 });
    expect(find(out, 'count', '2025-01')).toMatchObject({ previous: 2, change: 3 });
  });
});
