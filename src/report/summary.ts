// What the formats for people (Markdown, the xlsx summary sheet) say around the numbers: their words
// in English and French, and each indicator's key figure, its grand total over the whole range.
import { rangeLabel } from '../engine/periods.js';
import { isMessageId, type Lang, section, t } from '../messages.js';
import type { Report, ReportIndicator, ReportValue } from './model.js';

export const WORDS = { en: section('en', 'report'), fr: section('fr', 'report') } as const;

export function dimensionTitle(dimension: string, lang: Lang): string {
  const id = `dimension.${dimension}`;
  return isMessageId(id) ? t(lang, id) : dimension;
}

export const KIND_WORDS: Record<Lang, Record<ReportIndicator['kind'], string>> = {
  en: section('en', 'kind'),
  fr: section('fr', 'kind'),
};

/** How people read a target's operator. */
export const OPERATOR_SIGNS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=' };

/** The value key of a dimension's margin: `FR` for territory, the range interval for period, `total` otherwise. */
export function marginKey(dimension: string, range: Report['range']): string {
  if (dimension === 'period') return rangeLabel(range);
  return dimension === 'territory' ? 'FR' : 'total';
}

/** Whether a value row totals over `dimension` (schema_version 2 `margin`), whatever the key spells. */
export function isMargin(row: ReportValue, dimension: string): boolean {
  return row.margin.includes(dimension);
}

/** A value row's key for `dimension`: the value, null when the data left it empty. */
export function dimensionValueOf(row: ReportValue, dimension: string): string | null {
  const value = row[dimension];
  return value === null || value === undefined ? null : String(value);
}

/** A value row's line among others: its keys for `dimensions`, margins and unknowns kept apart from every value. */
export function lineKey(row: ReportValue, dimensions: readonly string[]): string {
  return JSON.stringify(dimensions.map((d) => (isMargin(row, d) ? 0 : dimensionValueOf(row, d))));
}

export interface KeyFigure {
  indicator: ReportIndicator;
  /** The grand total row (every dimension at its margin); undefined when the engine gave none. */
  row: ReportValue | undefined;
}

/** One key figure per indicator, in the report's order: its grand total over the whole range. */
export function keyFigures(report: Report): KeyFigure[] {
  const totals = new Map<string, ReportValue>();
  for (const row of report.values) {
    if (!totals.has(row.indicator) && report.dimensions.every((d) => isMargin(row, d))) totals.set(row.indicator, row);
  }
  return report.indicators.map((indicator) => ({ indicator, row: totals.get(indicator.id) }));
}

/** Euros and shares carry their unit in the number (`1 234 €`, `43,8 %`); counts and decimals need it after. */
export function unitAfterNumber(indicator: ReportIndicator): boolean {
  return indicator.format === 'count' || indicator.format === 'decimal';
}

export interface LatestChange {
  /** The latest period with a change, `2025`. */
  period: string;
  change: number;
}

/**
 * An indicator's change in its latest period against the one before, every other dimension at its
 * margin; undefined when that period has no previous one (or its cell is suppressed).
 */
export function latestChange(report: Report, indicatorId: string): LatestChange | undefined {
  const range = marginKey('period', report.range);
  const others = report.dimensions.filter((d) => d !== 'period');
  let latest: LatestChange | undefined;
  for (const row of report.values) {
    if (row.indicator !== indicatorId || !others.every((d) => isMargin(row, d))) continue;
    const period = String(row.period);
    if (period === range || row.suppressed || typeof row.change !== 'number') continue;
    if (!latest || period > latest.period) latest = { period, change: row.change };
  }
  return latest;
}
