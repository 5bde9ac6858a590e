// `-f xlsx`: a workbook made for pivot tables. A summary sheet (scope, key figures, targets with
// their titles, quality, inputs); the tidy data sheet (the CSV's columns, `level` saying which rows
// are cells and which are margins, so a pivot SUM over `cell` rows counts nothing twice); then one
// wide sheet per indicator, territories down and periods across. Every number carries a number
// format from its indicator's unit and kind. Rows are streamed (exceljs's WorkbookWriter commits
// each row as it goes), so a large report never sits in memory as a workbook model; the CLI streams
// the zip itself into a temp file (writeXlsx), so it is not held either.
// Same report, same bytes: the document dates and every zip entry's date are fixed (see stampZipDates).
import { closeSync, createWriteStream, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { t } from '../messages.js';
import type { Report, ReportIndicator, ReportValue } from './model.js';
import { geographyNote } from './notes.js';
import { dimensionLabel } from './numbers.js';
import { dimensionValueOf, isMargin, keyFigures, OPERATOR_SIGNS, WORDS } from './summary.js';
import { tidyTable } from './tidy.js';

/**
 * An Excel number format for a number of this format; the currency and separators then follow the
 * reader's Excel settings. A count keeps its decimals when it has some (an attributable 20.43
 * platforms); a decimal (leverage ×, people per €1,000, reported metrics) shows two places.
 */
export function numberFormat(format: ReportIndicator['format'], value: number): string {
  switch (format) {
    case 'euros':
      return '#,##0.00 €';
    case 'share':
      return '0.0%';
    case 'count':
      return Number.isInteger(value) ? '#,##0' : '#,##0.00';
    case 'decimal':
      return Number.isInteger(value) ? '#,##0' : '#,##0.00';
  }
}

/** A change shows its sign: `+1 234`, `-0.5%`. */
function signedFormat(format: ReportIndicator['format'], value: number): string {
  const base = numberFormat(format, value);
  return `+${base};-${base};${base}`;
}

const DATE_FORMAT = 'yyyy-mm-dd';

/** The DOS epoch, earliest date a zip entry can carry: used when no SOURCE_DATE_EPOCH gave `generated_at`. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

/** An ISO day as a Date at UTC midnight: exceljs turns Dates into Excel serial days in UTC. */
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

type Cell = string | number | boolean | Date | null;
type Sheet = ExcelJS.Worksheet;

/** Adds a row, gives each numeric cell the format `formatOf` names for its column, and commits it. */
function addRow(sheet: Sheet, cells: Cell[], formatOf: (column: number, value: number) => string, bold = false): void {
  const row = sheet.addRow(cells);
  cells.forEach((cell, i) => {
    if (typeof cell === 'number') row.getCell(i + 1).numFmt = formatOf(i, cell);
    else if (cell instanceof Date) row.getCell(i + 1).numFmt = DATE_FORMAT;
  });
  if (bold) row.font = { bold: true };
  row.commit();
}

const countFormat = (_: number, value: number) => numberFormat('count', value);

function summarySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: Report): void {
  const lang = report.lang;
  const w = WORDS[lang];
  const minCount = report.privacy?.min_count ?? 0;
  const sheet = workbook.addWorksheet(w.summarySheet);
  sheet.columns = [
    { width: 48 },
    { width: 30 },
    { width: 18 },
    { width: 18 },
    { width: 18 },
    { width: 18 },
    { width: 18 },
    { width: 18 },
  ];
  const plain = (cells: Cell[], bold = false) => addRow(sheet, cells, countFormat, bold);
  const heading = (text: string) => {
    plain([]);
    plain([text], true);
  };

  const title = sheet.addRow([w.title]);
  title.font = { bold: true, size: 14 };
  title.commit();
  plain([w.workspace, report.workspace]);
  if (report.reporting_entity) plain([w.reportingEntity, report.reporting_entity]);
  plain([w.range, day(report.range.from), day(report.range.to)]);
  plain([w.breakdown, report.breakdown.join(', ')]);
  plain([w.generatedBy, `impactkit ${report.generator.version}`]);
  if (report.generated_at) plain([w.generatedAt, report.generated_at]);

  heading(w.keyFigures);
  plain([w.indicator, w.id, w.value, w.unit, w.attributable], true);
  for (const { indicator, row } of keyFigures(report)) {
    const error = indicator.error ?? row?.error;
    let value: Cell = null;
    if (error !== undefined) value = `${w.error}${t(lang, 'punct.colon')}${error}`;
    else if (row?.suppressed) value = `< ${minCount}`;
    else if (row) value = row.value;
    addRow(sheet, [indicator.title, indicator.id, value, indicator.unit, row?.attributable ?? null], (_, v) =>
      numberFormat(indicator.format, v),
    );
  }

  if (report.targets.length > 0) {
    heading(w.targets);
    plain([w.indicator, w.id, w.territory, w.period, w.operator, w.target, w.actual, w.status], true);
    const byId = new Map(report.indicators.map((i) => [i.id, i]));
    for (const t of report.targets) {
      const indicator = byId.get(t.indicator);
      addRow(
        sheet,
        [
          indicator?.title ?? t.indicator,
          t.indicator,
          t.territory === undefined ? null : dimensionLabel('territory', t.territory, lang),
          dimensionLabel('period', t.period, lang, report.range),
          OPERATOR_SIGNS[t.op] ?? t.op,
          t.value,
          t.actual,
          `${t.status === 'met' ? '✅' : '❌'} ${w[t.status]}`,
        ],
        (_, v) => numberFormat(indicator?.format ?? 'decimal', v),
      );
    }
  }

  if ((report.notes ?? []).length > 0) {
    heading(w.notes);
    for (const note of report.notes ?? []) plain([note.message]);
  }

  // A count hidden by privacy.min_count reads `< k`, as a hidden value does on this sheet.
  const hidden = (n: number | null): Cell => n ?? `< ${minCount}`;
  heading(w.quality);
  for (const [label, n] of [
    [w.rows, report.quality.rows],
    [w.rejected, report.quality.rejected],
    [w.warnings, report.quality.warnings],
  ] as const) {
    plain([label, hidden(n)]);
  }

  if (report.inputs.length > 0) {
    heading(w.inputs);
    plain([w.file, w.dataset, w.rows, w.rejected, 'SHA-256'], true);
    for (const input of report.inputs)
      plain([input.file, input.dataset, hidden(input.rows), hidden(input.rejected), input.sha256]);
  }
  sheet.commit();
}

function dataSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: Report): void {
  const table = tidyTable(report);
  const sheet = workbook.addWorksheet(WORDS[report.lang].dataSheet, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
  });
  sheet.columns = table.columns.map((name) => ({
    header: name,
    key: name,
    width: name === 'indicator_title' || name === 'note' || name === 'error' ? 40 : name.endsWith('_name') ? 24 : 14,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: table.rows.length + 1, column: table.columns.length } };

  const index = (name: string) => table.columns.indexOf(name);
  const dates = new Set([index('period_start'), index('period_end')].filter((i) => i >= 0));
  const inUnit = new Set([index('value'), index('attributable'), index('previous')]);
  const change = index('change');
  for (const row of table.rows) {
    const format = row.indicator?.format ?? 'decimal';
    // Dates as dates (a filter by month works); every other cell as the tidy table holds it.
    const cells: Cell[] = row.cells.map((cell, i) => (dates.has(i) && typeof cell === 'string' ? day(cell) : cell));
    addRow(sheet, cells, (i, v) =>
      inUnit.has(i) ? numberFormat(format, v) : i === change ? signedFormat(format, v) : numberFormat('count', v),
    );
  }
  sheet.commit();
}

/** Excel's sheet names: 31 characters at most, none of `[]:*?/\`, unique ignoring case. */
function sheetName(id: string, taken: Set<string>): string {
  const base = id.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * One sheet per indicator: a row per territory (France, the margin, last), a column per period (the
 * range's total last), over the rows where every other dimension is its total.
 */
function wideSheets(workbook: ExcelJS.stream.xlsx.WorkbookWriter, report: Report): void {
  const lang = report.lang;
  const w = WORDS[lang];
  const minCount = report.privacy?.min_count ?? 0;
  const others = report.dimensions.filter((d) => d !== 'territory' && d !== 'period');
  const hasTerritory = report.dimensions.includes('territory');
  const hasPeriod = report.dimensions.includes('period');
  const taken = new Set([w.summarySheet, w.dataSheet].map((n) => n.toLowerCase()));
  const byIndicator = new Map<string, ReportValue[]>();
  for (const row of report.values) {
    if (!others.every((d) => isMargin(row, d))) continue;
    const list = byIndicator.get(row.indicator) ?? [];
    list.push(row);
    byIndicator.set(row.indicator, list);
  }
  for (const indicator of report.indicators) {
    const rows = byIndicator.get(indicator.id);
    // A failed indicator has its error row on the data sheet and nothing to lay out.
    if (!rows || indicator.error !== undefined) continue;
    const tKey = (row: ReportValue) => keyOf(row, 'territory', hasTerritory);
    const pKey = (row: ReportValue) => keyOf(row, 'period', hasPeriod);
    // Keys in the report's own order; the margins (France, the range's total) last.
    const keysOf = (key: (row: ReportValue) => string) => [
      ...[...new Set(rows.map(key))].filter((k) => k !== MARGIN),
      MARGIN,
    ];
    const territories = keysOf(tKey);
    const periods = keysOf(pKey);
    const cells = new Map(rows.map((r) => [`${tKey(r)}|${pKey(r)}`, r]));
    const sheet = workbook.addWorksheet(sheetName(indicator.id, taken), {
      views: [{ state: 'frozen', xSplit: 3, ySplit: 2 }],
    });
    sheet.columns = [{ width: 10 }, { width: 14 }, { width: 28 }, ...periods.map(() => ({ width: 14 }))];
    // A ratio of parts placed apart is laid out by territory here: its note goes beside the title.
    const geography = hasTerritory ? geographyNote(indicator, lang) : undefined;
    const title = sheet.addRow([
      `${indicator.title} (${indicator.unit})`,
      null,
      indicator.id,
      ...(geography ? [geography] : []),
    ]);
    title.font = { bold: true };
    title.commit();
    const periodLabel = (p: string) =>
      p === MARGIN ? w.total : dimensionLabel('period', p === NULL ? null : p, lang, report.range);
    addRow(sheet, [w.level, w.territory, null, ...periods.map(periodLabel)], countFormat, true);
    for (const territory of territories) {
      const margin = territory === MARGIN;
      const code = territory === NULL ? null : margin ? 'FR' : territory;
      const values = periods.map((period): Cell => {
        const row = cells.get(`${territory}|${period}`);
        if (!row || row.error !== undefined) return null;
        return row.suppressed ? `< ${minCount}` : row.value;
      });
      // The level says which rows a pivot may add up: France is the territories' margin.
      addRow(
        sheet,
        [margin ? 'margin' : 'cell', code, dimensionLabel('territory', code, lang, report.range, margin), ...values],
        (_, v) => numberFormat(indicator.format, v),
      );
    }
    sheet.commit();
  }
}

/** Keys of the wide sheets: a dimension's margin (or a dimension the report lacks), and a value the data left empty. */
const MARGIN = '\u0000margin';
const NULL = '\u0000unknown';

function keyOf(row: ReportValue, dimension: string, present: boolean): string {
  if (!present || isMargin(row, dimension)) return MARGIN;
  return dimensionValueOf(row, dimension) ?? NULL;
}

function writeDosDate(buffer: Buffer, offset: number, date: Date): void {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const days = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  buffer.writeUInt16LE(time, offset);
  buffer.writeUInt16LE(days, offset + 2);
}

/** A zip's bytes, read and written at an offset: a Buffer in memory, or a file on disk. */
interface ZipBytes {
  size: number;
  read(offset: number, length: number): Buffer;
  write(offset: number, bytes: Buffer): void;
}

function bufferBytes(zip: Buffer): ZipBytes {
  return {
    size: zip.length,
    read: (offset, length) => Buffer.from(zip.subarray(offset, offset + length)),
    write: (offset, bytes) => zip.set(bytes, offset),
  };
}

function fileBytes(fd: number): ZipBytes {
  return {
    size: fstatSync(fd).size,
    read: (offset, length) => {
      const bytes = Buffer.alloc(length);
      readSync(fd, bytes, 0, length, offset);
      return bytes;
    },
    write: (offset, bytes) => {
      writeSync(fd, bytes, 0, bytes.length, offset);
    },
  };
}

/**
 * Stamps every zip entry with `date`. The zip writer inside exceljs dates each entry with the wall
 * clock and offers no option through exceljs, so the two copies of each date — in the local file
 * header (offset 10) and in the central directory (offset 12), APPNOTE.TXT 4.3.7 and 4.3.12 — are
 * rewritten in place: only the central directory and 30 bytes per entry are read. No checksum covers them.
 */
function stampZipDates(zip: ZipBytes, date: Date): void {
  const END = 0x06054b50;
  const CENTRAL = 0x02014b50;
  const LOCAL = 0x04034b50;
  // The end record closes the zip, followed by a comment of at most 65,535 bytes.
  const tailLength = Math.min(zip.size, 22 + 0xffff);
  const tail = zip.read(zip.size - tailLength, tailLength);
  let end = tail.length - 22;
  while (end >= 0 && tail.readUInt32LE(end) !== END) end--;
  if (end < 0) throw new Error('xlsx: no end of central directory in the zip exceljs wrote');
  const entries = tail.readUInt16LE(end + 10);
  const centralOffset = tail.readUInt32LE(end + 16);
  const central = zip.read(centralOffset, tail.readUInt32LE(end + 12));
  let offset = 0;
  for (let i = 0; i < entries; i++) {
    if (central.readUInt32LE(offset) !== CENTRAL) throw new Error('xlsx: unexpected zip central directory');
    writeDosDate(central, offset + 12, date);
    const local = central.readUInt32LE(offset + 42);
    const header = zip.read(local, 14);
    if (header.readUInt32LE(0) !== LOCAL) throw new Error('xlsx: unexpected zip local header');
    writeDosDate(header, 10, date);
    zip.write(local + 10, header.subarray(10, 14));
    offset +=
      46 + central.readUInt16LE(offset + 28) + central.readUInt16LE(offset + 30) + central.readUInt16LE(offset + 32);
  }
  zip.write(centralOffset, central);
}

/** The date every part of the workbook carries: `generated_at`, or the DOS epoch. */
function workbookDate(report: Report): Date {
  const stamped = report.generated_at ? new Date(report.generated_at) : FIXED_DATE;
  // A zip date holds 1980 to 2107 only.
  return stamped.getUTCFullYear() >= 1980 && stamped.getUTCFullYear() <= 2107 ? stamped : FIXED_DATE;
}

/** Writes the workbook into `stream`, rows compressed into it as each is committed; resolves once the zip is complete. */
async function writeWorkbook(report: Report, stream: Writable, date: Date): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'impactkit';
  workbook.lastModifiedBy = 'impactkit';
  workbook.created = date;
  workbook.modified = date;
  workbook.title = report.workspace;
  summarySheet(workbook, report);
  dataSheet(workbook, report);
  wideSheets(workbook, report);
  await workbook.commit();
}

/** The workbook in memory (tests, and callers of the library that want the bytes). */
export async function renderXlsx(report: Report): Promise<Buffer> {
  const date = workbookDate(report);
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  await writeWorkbook(report, stream, date);
  await finished;
  const zip = Buffer.concat(chunks);
  stampZipDates(bufferBytes(zip), date);
  return zip;
}

/**
 * The workbook streamed into `file`, so that a large report's zip is never held in memory either; its
 * entries are then dated in place. The same bytes as renderXlsx.
 */
export async function writeXlsx(report: Report, file: string): Promise<void> {
  const date = workbookDate(report);
  const stream = createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => {
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  try {
    await writeWorkbook(report, stream, date);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  await closed;
  const fd = openSync(file, 'r+');
  try {
    stampZipDates(fileBytes(fd), date);
  } finally {
    closeSync(fd);
  }
}
