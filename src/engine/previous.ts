// This period beside the previous one: each value of a period cell carries the same cell one period
// earlier. The previous periods inside the report come from the report itself; the one before its
// first period from a second evaluation over that period alone (runReport), never from a saved report.
import type { ReportIndicator, ReportValue } from '../report/model.js';
import { periodFromLabel, periodLevelOf } from './periods.js';

const ANY_DAY = { from: '0000-01-01', to: '9999-12-31' };

/** `2025` → `2024`, `2025-Q1` → `2024-Q4`, `2025-01` → `2024-12`; null for the whole range. */
export function previousPeriodLabel(label: string): string | null {
  const level = periodLevelOf(label);
  const year = Number(label.slice(0, 4));
  if (level === 'year') return String(year - 1);
  if (level === 'quarter') {
    const quarter = Number(label.slice(6));
    return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
  }
  if (level === 'month') {
    const month = Number(label.slice(5, 7));
    return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  }
  return null;
}

/** The whole period before `range.from`, when the range starts on a period's first day; else null. */
export function periodBefore(range: { from: string; to: string }, label: string): { from: string; to: string } | null {
  const current = periodFromLabel(label, ANY_DAY);
  if (!current || current.start !== range.from) return null;
  const previous = previousPeriodLabel(label);
  const period = previous ? periodFromLabel(previous, ANY_DAY) : null;
  return period ? { from: period.start, to: period.end } : null;
}

export interface PreviousOptions {
  dimensions: readonly string[];
  indicators: readonly ReportIndicator[];
  /** The days the data is declared to cover (impact.yaml `range`): an earlier period is not computable. */
  coverage: { from: string; to: string };
  /** The report range: a period it clips (half a year) is not set beside a whole one. */
  range: { from: string; to: string };
}

/** Exact in the unit people read: cents for euros, ten decimals otherwise (float noise never shows). */
function rounded(n: number, format: ReportIndicator['format']): number {
  return format === 'euros' ? Math.round(n * 100) / 100 : Number(n.toFixed(10));
}

/**
 * Adds `previous` and `change` (and `change_points` for a share) to every period value whose
 * previous period is computable: inside the data's coverage and found in `values` or `earlier`.
 * A cell absent from a computed period counted nothing there (0), except a ratio (no value).
 */
export function attachPrevious(values: ReportValue[], earlier: ReportValue[], options: PreviousOptions): ReportValue[] {
  const others = options.dimensions.filter((d) => d !== 'period');
  // A margin and a value the data left empty (both null in schema 2) are different cells. The key is
  // JSON so that no id can collide with another; it is built once per value (thousands per report).
  const cellKey = (row: ReportValue): string => {
    const parts: unknown[] = [row.indicator];
    for (const d of others) parts.push(row.margin?.includes(d) ? 0 : (row[d] ?? null));
    return JSON.stringify(parts);
  };
  const index = new Map<string, ReportValue>();
  const computedPeriods = new Set<string>();
  const add = (row: ReportValue) => {
    const period = String(row.period);
    index.set(`${period}\u001f${cellKey(row)}`, row);
    computedPeriods.add(`${row.indicator}\u001f${period}`);
  };
  for (const row of earlier) add(row);
  for (const row of values) add(row);
  const byId = new Map(options.indicators.map((i) => [i.id, i]));
  // A report has a handful of period labels: what each one's previous is, or null, is worked out once.
  const previousOf = new Map<string, string | null>();
  const comparablePrevious = (label: string): string | null => {
    let found = previousOf.get(label);
    if (found === undefined) {
      found = previousPeriodLabel(label);
      const period = found === null ? null : periodFromLabel(found, ANY_DAY);
      const whole = periodFromLabel(label, ANY_DAY);
      const clipped = periodFromLabel(label, options.range);
      const comparable =
        period !== null &&
        period.start >= options.coverage.from &&
        whole !== null &&
        clipped !== null &&
        whole.start === clipped.start &&
        whole.end === clipped.end;
      if (!comparable) found = null;
      previousOf.set(label, found);
    }
    return found;
  };
  return values.map((row) => {
    const indicator = byId.get(row.indicator);
    if (!indicator || row.error !== undefined || row.suppressed) return row;
    const previousLabel = comparablePrevious(String(row.period));
    if (previousLabel === null) return row;
    if (!computedPeriods.has(`${row.indicator}\u001f${previousLabel}`)) return row;
    const before = index.get(`${previousLabel}\u001f${cellKey(row)}`);
    // A suppressed or failed previous cell gives nothing away.
    const hidden = before !== undefined && (before.suppressed === true || before.error !== undefined);
    const previous = hidden ? null : before ? before.value : indicator.kind === 'ratio' ? null : 0;
    const change = previous !== null && row.value !== null ? rounded(row.value - previous, indicator.format) : null;
    const out: ReportValue = { indicator: row.indicator, margin: row.margin, value: row.value };
    for (const key in row) {
      out[key] = row[key];
      if (key === 'value') {
        out.previous = previous;
        out.change = change;
        if (indicator.format === 'share')
          out.change_points = change === null ? null : Number((change * 100).toFixed(10));
      }
    }
    return out;
  });
}
