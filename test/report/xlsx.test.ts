import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tidyColumns } from '../../src/report/tidy.js';
import { numberFormat, renderXlsx, writeXlsx } from '../../src/report/xlsx.js';
import { programmeReport, sampleReport } from './sample.js';

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Each zip entry's DOS date and time, from the central directory (APPNOTE.TXT 4.3.12). */
function zipDates(zip: Buffer): string[] {
  let end = zip.length - 22;
  while (zip.readUInt32LE(end) !== 0x06054b50) end--;
  const dates: string[] = [];
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const time = zip.readUInt16LE(offset + 12);
    const day = zip.readUInt16LE(offset + 14);
    const pad = (n: number) => String(n).padStart(2, '0');
    dates.push(
      `${(day >> 9) + 1980}-${pad((day >> 5) & 15)}-${pad(day & 31)}T${pad(time >> 11)}:${pad((time >> 5) & 63)}:${pad((time & 31) * 2)}`,
    );
    offset += 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return dates;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('renderXlsx', () => {
  it('has a summary sheet, a data sheet named in the report language, then one sheet per indicator', async () => {
    // `broken` failed: its error is on the data sheet, it has no sheet of its own.
    expect((await load(await renderXlsx(sampleReport()))).worksheets.map((s) => s.name)).toEqual([
      'Synthèse',
      'Données',
      'people',
      'invested',
      'rate',
    ]);
    expect(
      (await load(await renderXlsx(sampleReport({ lang: 'en' })))).worksheets.map((s) => s.name).slice(0, 2),
    ).toEqual(['Summary', 'Data']);
  });

  it('gives every numeric cell of every sheet a number format', async () => {
    const workbook = await load(await renderXlsx(sampleReport()));
    let numbers = 0;
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type !== ExcelJS.ValueType.Number) return;
          numbers++;
          expect(cell.numFmt, `${sheet.name}!${cell.address}`).toMatch(/[0#]/);
        }),
      );
    }
    // Summary: 3 key figures + 1 attributable, 3 target numbers, 3 quality counts, 2 input counts (12);
    // data: 7 values, 2 attributable, 4 ratio parts (13); wide sheets: people 4 (its 2025 cell is "< 5"),
    // invested 2, rate 1 (7).
    expect(numbers).toBe(32);
  });

  it('flags margins in a level column, so a pivot over cells counts nothing twice', async () => {
    const workbook = await load(await renderXlsx(sampleReport()));
    const data = workbook.getWorksheet('Données')!;
    const level = tidyColumns(sampleReport()).indexOf('level') + 1;
    const levels = data.getColumn(level).values.slice(2);
    // The 4 rows with no margin (dep:93 × a year) are cells; France or the whole range are margins.
    expect(levels).toEqual([
      'margin',
      'margin',
      'margin',
      'cell',
      'cell',
      'margin',
      'cell',
      'margin',
      'cell',
      'margin',
    ]);
    const people = workbook.getWorksheet('people')!;
    const rows = people
      .getSheetValues()
      .slice(1)
      .map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(rows).toEqual([
      ['Personnes (personnes)', undefined, 'people'],
      ['Niveau', 'Territoire', undefined, '2024', '2025', 'Total'],
      // dep:93 has no value over the whole range in the sample; 2025 is suppressed (< 5).
      ['cell', 'dep:93', 'dep:93 Seine-Saint-Denis', 1230, '< 5'],
      ['margin', 'FR', 'France', 1230, 4, 1234],
    ]);
  });

  it('keeps the decimals of counts and decimals that have some (an attributable 20.43 platforms, a leverage)', () => {
    expect(numberFormat('count', 20.43)).toBe('#,##0.00');
    expect(numberFormat('count', 20)).toBe('#,##0');
    expect(numberFormat('decimal', 1.63164731534835)).toBe('#,##0.00');
    expect(numberFormat('euros', 56_000)).toBe('#,##0.00 €');
    expect(numberFormat('share', 0.5)).toBe('0.0%');
  });

  it('writes the tidy table: the CSV columns, a frozen header row, an auto-filter', async () => {
    const report = sampleReport();
    const sheet = (await load(await renderXlsx(report))).getWorksheet('Données')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(tidyColumns(report));
    expect(sheet.rowCount).toBe(1 + report.values.length);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:S11');
  });

  it('stores numbers as numbers with their format, dates as dates, a suppressed value as empty', async () => {
    const sheet = (await load(await renderXlsx(sampleReport()))).getWorksheet('Données')!;
    // Columns: F/G period days, H margin, I value, K numerator, L denominator, M attributable, N suppressed.
    const invested = sheet.getRow(7);
    expect(invested.getCell('I').value).toBe(1234.5);
    expect(invested.getCell('I').numFmt).toBe('#,##0.00 €');
    expect(invested.getCell('M').value).toBe(617.25);
    expect(invested.getCell('M').numFmt).toBe('#,##0.00 €');
    const refund = sheet.getRow(8);
    expect(refund.getCell('I').value).toBe(-250);
    expect(refund.getCell('I').type).toBe(ExcelJS.ValueType.Number);
    const rate = sheet.getRow(9);
    expect(rate.getCell('I').value).toBe(0.4375);
    expect(rate.getCell('I').numFmt).toBe('0.0%');
    expect([rate.getCell('K').value, rate.getCell('L').value]).toEqual([7, 16]);
    const people = sheet.getRow(2);
    expect(people.getCell('I').value).toBe(1234);
    expect(people.getCell('I').numFmt).toBe('#,##0');
    expect(people.getCell('F').value).toEqual(new Date('2024-01-01T00:00:00Z'));
    expect(people.getCell('G').value).toEqual(new Date('2025-06-30T00:00:00Z'));
    expect(people.getCell('F').numFmt).toBe('yyyy-mm-dd');
    const suppressed = sheet.getRow(6);
    expect(suppressed.getCell('I').value).toBeNull();
    expect(suppressed.getCell('N').value).toBe(true);
  });

  it('keeps text that looks like a formula as text, never a formula', async () => {
    const workbook = await load(await renderXlsx(programmeReport()));
    const cell = workbook.getWorksheet('Données')!.getRow(3).getCell('C');
    expect(cell.value).toBe('=1+2');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    const error = (await load(await renderXlsx(sampleReport()))).getWorksheet('Données')!.getRow(11).getCell('P');
    expect(error.value).toBe('=HYPERLINK("http://x")');
    expect(error.type).toBe(ExcelJS.ValueType.String);
  });

  it('sums up scope, key figures, targets, quality and inputs', async () => {
    const sheet = (await load(await renderXlsx(sampleReport()))).getWorksheet('Synthèse')!;
    const rows = sheet
      .getSheetValues()
      .slice(1)
      .map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(rows.slice(0, 6)).toEqual([
      ['Rapport d’impact'],
      ['Espace de travail', 'Atelier | *pilote*'],
      ['Entité déclarante', 'BDT'],
      ['Période', new Date('2024-01-01T00:00:00Z'), new Date('2025-06-30T00:00:00Z')],
      ['Ventilation', 'territory:departement, period:year'],
      ['Produit par', 'impactkit 1.0.0'],
    ]);
    expect(rows).toContainEqual(['Personnes', 'people', 1234, 'personnes']);
    expect(rows).toContainEqual(['Euros investis', 'invested', 1234.5, '€', 617.25]);
    expect(rows).toContainEqual(['Greffon', 'broken', 'erreur\u00a0: =HYPERLINK("http://x")']);
    // Targets by their titles, ids beside them.
    expect(rows).toContainEqual(['Personnes', 'people', undefined, '2024', '≥', 1000, 1230, '✅ atteinte']);
    expect(rows).toContainEqual([
      'Taux',
      'rate',
      'dep:93 Seine-Saint-Denis',
      '2025',
      '≥',
      0.5,
      undefined,
      '❌ sans donnée',
    ]);
    expect(rows).toContainEqual(['Lignes lues', 1500]);
    expect(rows).toContainEqual(['data/sites.csv', 'sites', 3, 1, 'ab'.repeat(32)]);
  });

  it('gives the same bytes whatever the clock says: fixed document dates and zip entry dates', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-05-06T07:08:09Z'));
    const first = await renderXlsx(sampleReport());
    vi.setSystemTime(new Date('2042-10-11T12:13:14Z'));
    const second = await renderXlsx(sampleReport());
    vi.useRealTimers();
    expect(first.equals(second)).toBe(true);
    expect(new Set(zipDates(first))).toEqual(new Set(['1980-01-01T00:00:00']));
    const workbook = await load(first);
    expect(workbook.created).toEqual(new Date('1980-01-01T00:00:00Z'));
    expect(workbook.modified).toEqual(new Date('1980-01-01T00:00:00Z'));
  });

  it('dates the workbook and its zip entries with generated_at when SOURCE_DATE_EPOCH gave one', async () => {
    const buffer = await renderXlsx(sampleReport({ generated_at: '2025-01-02T03:04:06.000Z' }));
    expect(new Set(zipDates(buffer))).toEqual(new Set(['2025-01-02T03:04:06']));
    expect((await load(buffer)).created).toEqual(new Date('2025-01-02T03:04:06Z'));
  });

  it('streams into a file the same bytes it renders in memory, its zip entries dated in place', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'impact-xlsx-'));
    const file = join(folder, 'report.xlsx');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-05-06T07:08:09Z'));
    await writeXlsx(sampleReport({ generated_at: '2025-01-02T03:04:06.000Z' }), file);
    vi.useRealTimers();
    const streamed = readFileSync(file);
    expect(new Set(zipDates(streamed))).toEqual(new Set(['2025-01-02T03:04:06']));
    expect(streamed.equals(await renderXlsx(sampleReport({ generated_at: '2025-01-02T03:04:06.000Z' })))).toBe(true);
    await writeXlsx(programmeReport(), file);
    expect(readFileSync(file).equals(await renderXlsx(programmeReport()))).toBe(true);
    expect(new Set(zipDates(readFileSync(file)))).toEqual(new Set(['1980-01-01T00:00:00']));
  });
});
