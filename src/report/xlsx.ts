// `-f xlsx`: a workbook with a summary sheet (scope, key figures, targets, quality, inputs) and the
// tidy data sheet (the CSV's columns), numbers stored as numbers with number formats.
// Same report, same bytes: the document dates and every zip entry's date are fixed (see zipDate).
// exceljs writes through a promise (JSZip), so this format is async; it is still pure.
import ExcelJS from 'exceljs';
import type { Report, ReportIndicator } from './model.js';
import { dimensionLabel } from './numbers.js';
import { keyFigures, OPERATOR_SIGNS, WORDS } from './summary.js';
import { tidyTable } from './tidy.js';

/** Excel number formats; the currency and separators then follow the reader's own Excel settings. */
const NUMBER_FORMATS: Record<ReportIndicator['format'], string> = {
  count: '#,##0',
  euros: '#,##0.00 €',
  share: '0.0%',
  decimal: 'General',
};
const DATE_FORMAT = 'yyyy-mm-dd';

/** The DOS epoch, earliest date a zip entry can carry: used when no SOURCE_DATE_EPOCH gave `generated_at`. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

/** An ISO day as a Date at UTC midnight: exceljs turns Dates into Excel serial days in UTC. */
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

type Cell = string | number | boolean | Date | null;

function bold(row: ExcelJS.Row): void {
  row.font = { bold: true };
}

function summarySheet(workbook: ExcelJS.Workbook, report: Report): void {
  const lang = report.lang;
  const w = WORDS[lang];
  const minCount = report.privacy?.min_count ?? 0;
  const sheet = workbook.addWorksheet(w.summarySheet);
  sheet.columns = [{ width: 48 }, { width: 30 }, { width: 18 }, { width: 18 }, { width: 18 }, { width: 18 }];
  const add = (cells: Cell[]) => sheet.addRow(cells);
  const heading = (text: string) => {
    add([]);
    bold(add([text]));
  };

  const title = add([w.title]);
  title.font = { bold: true, size: 14 };
  add([w.workspace, report.workspace]);
  if (report.reporting_entity) add([w.reportingEntity, report.reporting_entity]);
  const range = add([w.range, day(report.range.from), day(report.range.to)]);
  range.getCell(2).numFmt = DATE_FORMAT;
  range.getCell(3).numFmt = DATE_FORMAT;
  add([w.breakdown, report.breakdown.join(', ')]);
  add([w.generatedBy, `impactkit ${report.generator.version}`]);
  if (report.generated_at) add([w.generatedAt, report.generated_at]);

  heading(w.keyFigures);
  bold(add([w.indicator, w.id, w.value, w.unit, w.attributable]));
  for (const { indicator, row } of keyFigures(report)) {
    const error = indicator.error ?? row?.error;
    let value: Cell = null;
    if (error !== undefined) value = `${w.error}: ${error}`;
    else if (row?.suppressed) value = `< ${minCount}`;
    else if (row) value = row.value;
    const line = add([indicator.title, indicator.id, value, indicator.unit, row?.attributable ?? null]);
    line.getCell(3).numFmt = NUMBER_FORMATS[indicator.format];
    line.getCell(5).numFmt = NUMBER_FORMATS[indicator.format];
  }

  if (report.targets.length > 0) {
    heading(w.targets);
    bold(add([w.indicator, w.territory, w.period, w.operator, w.target, w.actual, w.status]));
    const formats = new Map(report.indicators.map((i) => [i.id, i.format]));
    for (const t of report.targets) {
      const line = add([
        t.indicator,
        t.territory === undefined ? null : dimensionLabel('territory', t.territory, lang),
        dimensionLabel('period', t.period, lang, report.range),
        OPERATOR_SIGNS[t.op] ?? t.op,
        t.value,
        t.actual,
        `${t.status === 'met' ? '✅' : '❌'} ${w[t.status]}`,
      ]);
      const format = NUMBER_FORMATS[formats.get(t.indicator) ?? 'decimal'];
      line.getCell(5).numFmt = format;
      line.getCell(6).numFmt = format;
    }
  }

  if ((report.notes ?? []).length > 0) {
    heading(w.notes);
    for (const note of report.notes ?? []) add([note.message]);
  }

  heading(w.quality);
  for (const [label, n] of [
    [w.rows, report.quality.rows],
    [w.rejected, report.quality.rejected],
    [w.warnings, report.quality.warnings],
  ] as const) {
    add([label, n]).getCell(2).numFmt = NUMBER_FORMATS.count;
  }

  if (report.inputs.length > 0) {
    heading(w.inputs);
    bold(add([w.file, w.dataset, w.rows, w.rejected, 'SHA-256']));
    for (const input of report.inputs) add([input.file, input.dataset, input.rows, input.rejected, input.sha256]);
  }
}

function dataSheet(workbook: ExcelJS.Workbook, report: Report): void {
  const table = tidyTable(report);
  const sheet = workbook.addWorksheet(WORDS[report.lang].dataSheet, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
  });
  sheet.columns = table.columns.map((name) => ({
    header: name,
    key: name,
    width: name === 'indicator_title' || name === 'note' || name === 'error' ? 40 : name.endsWith('_name') ? 24 : 14,
  }));
  bold(sheet.getRow(1));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: table.rows.length + 1, column: table.columns.length } };

  const index = (name: string) => table.columns.indexOf(name);
  const dates = [index('period_start'), index('period_end')].filter((i) => i >= 0);
  const formatted = [index('value'), index('attributable')];
  const ratioParts = [index('numerator'), index('denominator')];
  for (const row of table.rows) {
    // Dates as dates (a filter by month works); every other cell as the tidy table holds it.
    const cells: Cell[] = row.cells.map((cell, i) =>
      dates.includes(i) && typeof cell === 'string' ? day(cell) : cell,
    );
    const line = sheet.addRow(cells);
    for (const i of dates) line.getCell(i + 1).numFmt = DATE_FORMAT;
    const format = NUMBER_FORMATS[row.indicator?.format ?? 'decimal'];
    for (const i of formatted) line.getCell(i + 1).numFmt = format;
    for (const i of ratioParts) line.getCell(i + 1).numFmt = 'General';
  }
}

function writeDosDate(buffer: Buffer, offset: number, date: Date): void {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const days = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  buffer.writeUInt16LE(time, offset);
  buffer.writeUInt16LE(days, offset + 2);
}

/**
 * Stamps every zip entry with `date`. JSZip (inside exceljs) dates each entry with the wall clock and
 * offers no option through exceljs, so the two copies of each date — in the local file header
 * (offset 10) and in the central directory (offset 12), APPNOTE.TXT 4.3.7 and 4.3.12 — are rewritten.
 * No checksum covers them.
 */
function zipDate(zip: Buffer, date: Date): Buffer {
  const END = 0x06054b50;
  const CENTRAL = 0x02014b50;
  const LOCAL = 0x04034b50;
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END) end--;
  if (end < 0) throw new Error('xlsx: no end of central directory in the zip exceljs wrote');
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL) throw new Error('xlsx: unexpected zip central directory');
    writeDosDate(zip, offset + 12, date);
    const local = zip.readUInt32LE(offset + 42);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error('xlsx: unexpected zip local header');
    writeDosDate(zip, local + 10, date);
    offset += 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return zip;
}

export async function renderXlsx(report: Report): Promise<Buffer> {
  const stamped = report.generated_at ? new Date(report.generated_at) : FIXED_DATE;
  // A zip date holds 1980 to 2107 only.
  const date = stamped.getUTCFullYear() >= 1980 && stamped.getUTCFullYear() <= 2107 ? stamped : FIXED_DATE;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'impactkit';
  workbook.lastModifiedBy = 'impactkit';
  workbook.created = date;
  workbook.modified = date;
  workbook.title = report.workspace;
  summarySheet(workbook, report);
  dataSheet(workbook, report);
  const written = await workbook.xlsx.writeBuffer();
  return zipDate(Buffer.from(written as unknown as Uint8Array), date);
}
