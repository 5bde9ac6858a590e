// The report as tidy data: one row per value, one column per fact. `-f csv` and the xlsx data sheet
// both write this table, so a script and a spreadsheet read the same columns.
import { periodFromLabel } from '../engine/periods.js';
import type { Report, ReportIndicator } from './model.js';
import { rowNoteText } from './notes.js';
import { dimensionName } from './numbers.js';
import { dimensionValueOf, isMargin } from './summary.js';

export type TidyCell = string | number | boolean | null;

export interface TidyRow {
  indicator: ReportIndicator | undefined;
  /** Aligned with `TidyTable.columns`. */
  cells: TidyCell[];
}

export interface TidyTable {
  columns: string[];
  rows: TidyRow[];
}

/** What follows the dimensions' columns, in this order. */
export const FACT_COLUMNS = [
  'value',
  'unit',
  'numerator',
  'denominator',
  'attributable',
  'suppressed',
  'note',
  'error',
  // Appended, so scripts reading the earlier columns by position keep working.
  'level',
  'previous',
  'change',
] as const;

/**
 * `indicator`, `indicator_title`, then per dimension its code and name (`period`: its first and
 * last day), `margin` (the dimensions the row totals over, space-separated), then the facts.
 */
export function tidyColumns(report: Report): string[] {
  const columns = ['indicator', 'indicator_title'];
  for (const dimension of report.dimensions) {
    if (dimension === 'period') columns.push('period', 'period_start', 'period_end');
    else columns.push(dimension, `${dimension}_name`);
  }
  return [...columns, 'margin', ...FACT_COLUMNS];
}

export function tidyTable(report: Report): TidyTable {
  const indicators = new Map(report.indicators.map((i) => [i.id, i]));
  const rows = report.values.map((row): TidyRow => {
    const indicator = indicators.get(row.indicator);
    const cells: TidyCell[] = [row.indicator, indicator?.title ?? ''];
    for (const dimension of report.dimensions) {
      const value = dimensionValueOf(row, dimension);
      if (dimension === 'period') {
        // Days clipped to the report range: `2019` in a range starting 2019-07-01 starts on 2019-07-01.
        const period = periodFromLabel(value ?? '', report.range);
        cells.push(value ?? '', period?.start ?? null, period?.end ?? null);
      } else {
        // A value the data left empty has no code, and its name says so (`unknown`, `inconnu`).
        cells.push(value ?? '', dimensionName(dimension, value, report.lang, isMargin(row, dimension)));
      }
    }
    cells.push(
      report.dimensions.filter((d) => isMargin(row, d)).join(' '),
      row.value,
      indicator?.unit ?? '',
      row.numerator ?? null,
      row.denominator ?? null,
      row.attributable ?? null,
      row.suppressed === true,
      rowNoteText(row, indicator, report.lang) ?? null,
      row.error ?? null,
      // A pivot table sums `cell` rows only: margins (a total, France, the whole range) would count twice.
      row.margin.length > 0 ? 'margin' : 'cell',
      row.previous ?? null,
      row.change ?? null,
    );
    return { indicator, cells };
  });
  return { columns: tidyColumns(report), rows };
}
