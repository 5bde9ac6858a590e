// `-f csv`: the tidy table (one row per value), RFC 4180 with a comma, `.` decimals, UTF-8 and LF.
// `--csv-dialect excel-fr` writes what French Excel opens by double-click: `;`, decimal comma,
// a UTF-8 BOM (without it Excel reads the bytes as Windows-1252) and CRLF.
import { stringify } from 'csv-stringify/sync';
import type { Report } from './model.js';
import { tidyTable } from './tidy.js';

export type CsvDialect = 'rfc4180' | 'excel-fr';

export const CSV_DIALECTS: readonly CsvDialect[] = ['rfc4180', 'excel-fr'];

export interface CsvOptions {
  dialect?: CsvDialect;
}

/** A number as plain digits, never `1e-7`: a spreadsheet or a script reads it back exactly. */
export function plainNumber(value: number, decimal: '.' | ',' = '.'): string {
  let text = String(value);
  // JS prints exponents below 1e-6 and from 1e21: move the point by hand, keeping exactly the digits JS chose.
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (m) {
    const digits = m[2]! + (m[3] ?? '');
    const exponent = Number(m[4]);
    text =
      exponent < 0 ? `${m[1]}0.${'0'.repeat(-exponent - 1)}${digits}` : `${m[1]}${digits.padEnd(exponent + 1, '0')}`;
  }
  return decimal === ',' ? text.replace('.', ',') : text;
}

export function renderCsv(report: Report, options: CsvOptions = {}): string {
  const excelFr = options.dialect === 'excel-fr';
  const table = tidyTable(report);
  // Report-wide notes (the euro rounding rule) as footnote rows: `level` is `note`, the text in `note`.
  const noteRows = (report.notes ?? []).map((n) =>
    table.columns.map((column) => (column === 'level' ? 'note' : column === 'note' ? n.message : null)),
  );
  return stringify([...table.rows.map((row) => row.cells), ...noteRows], {
    header: true,
    columns: table.columns,
    delimiter: excelFr ? ';' : ',',
    record_delimiter: excelFr ? 'windows' : 'unix',
    bom: excelFr,
    // `= + - @`, tab or CR at the start of a string becomes `'=…`, so a spreadsheet never runs a
    // formula from the data (OWASP "CSV injection"). csv-stringify leaves real numbers, even negative, alone.
    escape_formulas: true,
    cast: {
      number: (value) => plainNumber(value, excelFr ? ',' : '.'),
      // French Excel reads VRAI and FAUX as booleans, not `true`/`false`.
      boolean: (value) => (excelFr ? (value ? 'VRAI' : 'FAUX') : value ? 'true' : 'false'),
    },
  });
}
