// Periods of a report: labels `2025`, `2025-Q2`, `2025-07`, and the whole range as `FROM/TO`.
// Dates are ISO `yyyy-mm-dd` strings throughout, so comparing them as text compares the days.
import { daysInMonth, isoDate } from '../data/values.js';

export type PeriodLevel = 'year' | 'quarter' | 'month';

export interface Period {
  label: string;
  /** First and last day of the period, clipped to the report range. */
  start: string;
  end: string;
}

export function rangeLabel(range: { from: string; to: string }): string {
  return `${range.from}/${range.to}`;
}

/** The label of the period holding `date` (an ISO date). */
export function periodLabel(date: string, level: PeriodLevel): string {
  if (level === 'year') return date.slice(0, 4);
  if (level === 'month') return date.slice(0, 7);
  const quarter = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
  return `${date.slice(0, 4)}-Q${quarter}`;
}

function bounds(label: string): { start: string; end: string } | null {
  let m = /^(\d{4})$/.exec(label);
  if (m) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  m = /^(\d{4})-Q([1-4])$/.exec(label);
  if (m) {
    const year = Number(m[1]);
    const last = Number(m[2]) * 3;
    return { start: isoDate(year, last - 2, 1), end: isoDate(year, last, daysInMonth(year, last)) };
  }
  m = /^(\d{4})-(\d{2})$/.exec(label);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return { start: isoDate(year, month, 1), end: isoDate(year, month, daysInMonth(year, month)) };
  }
  m = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(label);
  if (m && m[1]! <= m[2]!) return { start: m[1]!, end: m[2]! };
  return null;
}

/** A period label's days, clipped to the range; null when the label is malformed or outside it. */
export function periodFromLabel(label: string, range: { from: string; to: string }): Period | null {
  const b = bounds(label);
  if (!b) return null;
  // ISO dates compare as text, so the later start and the earlier end are picked by sorting.
  const start = [b.start, range.from].sort()[1]!;
  const end = [b.end, range.to].sort()[0]!;
  if (start > end) return null;
  return { label, start, end };
}

export function periodLevelOf(label: string): PeriodLevel | 'range' | null {
  if (/^\d{4}$/.test(label)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(label)) return 'quarter';
  if (/^\d{4}-\d{2}$/.test(label)) return 'month';
  if (label.includes('/')) return 'range';
  return null;
}

/** Every period of `level` that overlaps the range, in order, clipped to it. */
export function periodsInRange(range: { from: string; to: string }, level: PeriodLevel): Period[] {
  const periods: Period[] = [];
  let label = periodLabel(range.from, level);
  for (;;) {
    const period = periodFromLabel(label, range);
    if (!period) break;
    periods.push(period);
    const next = nextDay(period.end);
    if (next > range.to) break;
    label = periodLabel(next, level);
  }
  return periods;
}

export function nextDay(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (day < daysInMonth(year, month)) return isoDate(year, month, day + 1);
  if (month < 12) return isoDate(year, month + 1, 1);
  return isoDate(year + 1, 1, 1);
}
