// How many values a report holds, and how many each format takes before it stops being readable or
// fits no longer in memory: a report too large for its format is refused before any row is read when
// the periods alone say so, and otherwise once the rows are read, from the exact count of the engine's
// grid (Evaluation.valueCount), before any value is computed.
import type { BreakdownItem } from '../config/index.js';

/**
 * Values per format. xlsx: exceljs holds the whole workbook in memory (850,850 values ran out of a
 * 4 GB heap); table, md and html are read by people; csv and json stay well under V8's 512 MB string.
 */
export const MAX_VALUES: Record<string, number> = {
  table: 20_000,
  md: 100_000,
  html: 50_000,
  xlsx: 200_000,
  csv: 2_000_000,
  json: 2_000_000,
};

const monthIndex = (date: string): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/** The periods of a level that overlap the range (without the whole-range margin). */
export function periodCount(range: { from: string; to: string }, level: string): number {
  const months = monthIndex(range.to) - monthIndex(range.from) + 1;
  if (level === 'month') return months;
  if (level === 'quarter') return Math.floor(monthIndex(range.to) / 3) - Math.floor(monthIndex(range.from) / 3) + 1;
  return Number(range.to.slice(0, 4)) - Number(range.from.slice(0, 4)) + 1;
}

/**
 * The fewest values a report can hold before its data is read: every indicator has a value for each
 * period and the whole range, at the margin of every other dimension (their keys come from the data).
 */
export function leastValues(
  indicators: number,
  breakdown: readonly BreakdownItem[],
  range: { from: string; to: string },
): number {
  const period = breakdown.find((b) => b.dimension === 'period');
  return indicators * (period ? periodCount(range, period.level ?? 'year') + 1 : 1);
}
