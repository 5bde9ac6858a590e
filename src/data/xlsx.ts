// Excel workbooks as inputs, read like CSV: one sheet becomes a header record and data records, each at its
// own row number. The header row is found when a title sits above it. Cells Excel typed itself (dates,
// numbers) are given in canonical text (ISO date, '.' decimal) and marked native, so they are taken as they
// are; text cells are parsed like CSV cells. exceljs's streaming reader keeps memory flat on big sheets.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Problem } from '../problems.js';
import type { DatasetSchema } from './datasets.js';
import { findHeaderRow } from './headers.js';
import type { SourceRecord } from './records.js';
import { orderedWorkbook } from './workbook-zip.js';

/** Spreadsheet formats read by nothing here: saying so beats 1,179 lines of invalid bytes. */
const UNSUPPORTED = /\.(ods|xls|xlsb|numbers)$/i;

export const isWorkbookFile = (file: string): boolean => /\.(xlsx|xlsm)$/i.test(file);
export const isUnsupportedSpreadsheet = (file: string): boolean => UNSUPPORTED.test(file);
export const spreadsheetFormat = (file: string): string => (/\.([^.]+)$/.exec(file)?.[1] ?? '').toLowerCase();

/** How many rows at the top may hold a title and notes before the header. */
const HEADER_SEARCH_ROWS = 20;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** An Excel date (exceljs gives the serial as a UTC instant) as ISO text; a time of day other than midnight is kept. */
function dateText(date: Date): string {
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const h = date.getUTCHours();
  const m = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return day;
  return `${day} ${pad(h)}:${pad(m)}${s > 0 ? `:${pad(s)}` : ''}`;
}

/** A cell's text and whether Excel typed it (a date or a number). */
export function cellText(value: unknown): { text: string; native: boolean } {
  if (value === null || value === undefined) return { text: '', native: false };
  if (value instanceof Date) return { text: dateText(value), native: true };
  if (typeof value === 'number') return { text: String(value), native: true };
  if (typeof value === 'string') return { text: value, native: false };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', native: false };
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>;
    // A formula counts for the value Excel last computed; rich text for its runs; a link for its text.
    if ('result' in cell) return cellText(cell.result);
    if ('formula' in cell || 'sharedFormula' in cell) return { text: '', native: false };
    if (Array.isArray(cell.richText)) {
      return { text: cell.richText.map((run: { text?: unknown }) => String(run.text ?? '')).join(''), native: false };
    }
    if ('text' in cell) return cellText(cell.text);
    if ('error' in cell) return { text: String(cell.error), native: false };
  }
  return { text: String(value), native: false };
}

/** `B` for the second column, `AA` for the 27th. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

interface Row {
  line: number;
  cells: string[];
  native: boolean[];
}

function rowOf(number: number, values: unknown): Row {
  const list = Array.isArray(values) ? values : [];
  const cells: string[] = [];
  const native: boolean[] = [];
  // exceljs's row.values is 1-based: index 0 is always empty.
  for (let i = 1; i < list.length; i++) {
    const cell = cellText(list[i]);
    cells.push(cell.text);
    native.push(cell.native);
  }
  return { line: number, cells, native };
}

const isBlank = (row: Row): boolean => row.cells.every((c) => c.trim() === '');

export interface WorkbookOptions {
  /** The sheet to read; default the first. */
  sheet?: string;
  schema: DatasetSchema;
  columns: Record<string, string>;
  /** The file's bytes, when the caller has read them already. */
  bytes?: Buffer;
  /** Told the sheet's name once it is known. */
  onSheet?: (name: string) => void;
}

/** The header record (at its own row), then each non-blank row below it, cells from column A. */
export async function* readWorkbook(file: string, options: WorkbookOptions): AsyncGenerator<SourceRecord> {
  // Imported here, not at the top: exceljs costs ~0.2 s of start-up that a run without workbooks need not pay.
  const { default: ExcelJS } = await import('exceljs');
  // Given in memory, reordered: read from the file as it is, exceljs would copy Excel's sheets to the
  // system temp folder (workbook-zip.ts).
  const bytes = orderedWorkbook(options.bytes ?? readFileSync(file));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const names: string[] = [];
  let found = false;
  for await (const sheet of reader) {
    const name = String((sheet as { name?: unknown }).name ?? `Sheet${names.length + 1}`);
    names.push(name);
    const wanted = options.sheet === undefined ? !found : !found && name.trim() === options.sheet.trim();
    if (!wanted) {
      // The streaming reader needs each sheet consumed before the next one comes.
      for await (const _ of sheet) {
      }
      continue;
    }
    found = true;
    options.onSheet?.(name);
    const top: Row[] = [];
    let headerWidth = 0;
    let started = false;
    for await (const raw of sheet) {
      const { number, values } = raw as { number: number; values: unknown };
      const row = rowOf(number, values);
      if (!started) {
        top.push(row);
        if (top.length < HEADER_SEARCH_ROWS) continue;
        headerWidth = yield* startRows(top, options);
        started = true;
        continue;
      }
      if (!isBlank(row)) yield fitted(row, headerWidth);
    }
    if (!started) yield* startRows(top, options);
  }
  if (!found) throw new MissingSheetError(options.sheet ?? '', names);
}

/** The sheet impact.yaml names is not in the workbook: the whole file is refused, naming the sheets there are. */
export class MissingSheetError extends Error {
  constructor(
    readonly sheet: string,
    readonly sheets: string[],
  ) {
    super(
      sheets.length === 0
        ? 'this workbook has no sheet'
        : `no sheet "${sheet}" in this workbook (sheets: ${sheets.join(', ')})`,
    );
  }
}

/** Yields the header found among the top rows and the data rows below it; returns the header's width. */
function* startRows(top: Row[], options: WorkbookOptions): Generator<SourceRecord, number> {
  const at = findHeaderRow(
    top.map((r) => r.cells),
    options.schema,
    options.columns,
  );
  const header = top[at];
  if (!header) {
    yield { line: 1, cells: [] };
    return 0;
  }
  const width = header.cells.length;
  yield { line: header.line, cells: header.cells };
  for (const row of top.slice(at + 1)) if (!isBlank(row)) yield fitted(row, width);
  return width;
}

/** Rows as wide as the header (Excel leaves trailing empty cells out); a longer row keeps its extra cells. */
function fitted(row: Row, width: number): SourceRecord {
  let end = row.cells.length;
  while (end > width && row.cells[end - 1]!.trim() === '') end--;
  const cells = row.cells.slice(0, end);
  const native = row.native.slice(0, end);
  while (cells.length < width) {
    cells.push('');
    native.push(false);
  }
  return { line: row.line, cells, native };
}

/** Locates a problem in the sheet: `Feuille1!B14` for a cell (its column found through the header), else the row. */
export function locateInSheet(problem: Problem, sheet: string, cellOf: (column: string) => number): Problem {
  const index = problem.column !== undefined ? cellOf(problem.column) : -1;
  return { ...problem, sheet, ...(index >= 0 ? { cell: columnLetter(index) } : {}) };
}

/**
 * A workbook row's cells as the dataset's own text: Excel's dates in its date_format and numbers with its
 * decimal mark, so a rejected row fixed in the rejects file reads back like the rest.
 */
export function cellsInDialect(
  cells: readonly string[],
  native: readonly boolean[] | undefined,
  format: { decimal: '.' | ','; dateFormat: string },
): string[] {
  if (!native) return [...cells];
  return cells.map((cell, i) => {
    if (!native[i]) return cell;
    const date = /^(\d{4})-(\d{2})-(\d{2})( .*)?$/.exec(cell);
    if (date) {
      const [, y = '', m = '', d = '', time = ''] = date;
      return format.dateFormat.replace('yyyy', y).replace('mm', m).replace('dd', d) + time;
    }
    return format.decimal === ',' ? cell.replace('.', ',') : cell;
  });
}
