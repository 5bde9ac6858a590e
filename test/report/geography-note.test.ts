// INDICATORS.md, honest ratios: a ratio whose numerator and denominator are placed among territories by
// different rules carries the same note in every format that shows it by territory: JSON (`geography`),
// CSV and XLSX (the note column of each territory's row, and the XLSX sheet of the indicator), Markdown,
// HTML and the table format (under the indicator's table).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/model.js';
import { renderTable } from '../../src/report/table.js';
import { renderXlsx } from '../../src/report/xlsx.js';
import { sampleReport } from './sample.js';

// Written out by hand from the catalogue's French wording (a no-break space before the colon).
const NOTE =
  'numérateur et dénominateur placés selon des géographies différentes (territoire de l’investi / commune ou site du bénéficiaire)\u00a0: pas comparable d’un territoire à l’autre';

/** The sample, its ratio `rate` made of euros placed at the investee over people placed where they live. */
function mixedReport(): Report {
  const base = sampleReport();
  return {
    ...base,
    indicators: base.indicators.map((i) =>
      i.id === 'rate' ? { ...i, geography: { numerator: ['investee'], denominator: ['residence'] } } : i,
    ),
    // One territory cell with a value (dep:93 in 2025 already has its own note: zero denominator).
    values: [
      ...base.values,
      { indicator: 'rate', territory: 'dep:93', period: '2024', margin: [], value: 0.5, numerator: 1, denominator: 2 },
    ],
  };
}

describe('a ratio of parts placed by different geographies', () => {
  const report = mixedReport();

  it('JSON carries the two placements', () => {
    const json = JSON.parse(renderJson(report)) as Report;
    expect(json.indicators.find((i) => i.id === 'rate')?.geography).toEqual({
      numerator: ['investee'],
      denominator: ['residence'],
    });
    expect(json.indicators.find((i) => i.id === 'people')?.geography).toBeUndefined();
  });

  it('CSV notes it on the territory’s row, not on France’s nor on another indicator’s', () => {
    const lines = renderCsv(report, { dialect: 'rfc4180' }).split(/\r?\n/);
    const header = lines[0]!.split(',');
    const note = header.indexOf('note');
    const rows = lines.slice(1).filter(Boolean);
    const cell = rows.find((l) => l.startsWith('rate,Taux,dep:93,') && l.includes(',2024,'));
    expect(cell).toBeDefined();
    expect(cell!.split(',')[note]).toBe(NOTE);
    const france = rows.find((l) => l.startsWith('rate,Taux,FR,'))!;
    expect(france).not.toContain(NOTE);
    expect(rows.filter((l) => l.includes(NOTE)).every((l) => l.startsWith('rate,'))).toBe(true);
  });

  it('XLSX notes it on the data sheet’s row and on the indicator’s own sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderXlsx(report)) as unknown as ExcelJS.Buffer);
    const data = workbook.getWorksheet('Données')!;
    const header = (data.getRow(1).values as unknown[]).map(String);
    const column = (name: string) => header.indexOf(name);
    let noted = 0;
    data.eachRow((row, n) => {
      if (n === 1) return;
      const get = (name: string) => row.getCell(column(name)).value;
      if (get('note') === NOTE) {
        noted++;
        expect(get('indicator')).toBe('rate');
        expect(get('territory')).toBe('dep:93');
        expect(get('period')).toBe('2024');
      }
    });
    expect(noted).toBe(1);
    const sheet = workbook.getWorksheet('rate')!;
    const texts: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toContain(NOTE);
    expect(JSON.stringify(workbook.getWorksheet('people')!.getSheetValues())).not.toContain('géographies');
  });

  it('Markdown, HTML and the table by territory say it under the indicator', async () => {
    expect(renderMarkdown(report)).toContain(`> ${NOTE}`);
    expect(await renderHtml(report)).toContain(`<p class="caveat">${NOTE}</p>`);
    expect(renderTable(report, { full: true, width: 200 })).toContain(`rate\u00a0: ${NOTE}`);
  });

  it('is not said of a report without a territory', async () => {
    const byPeriod: Report = {
      ...report,
      breakdown: ['period:year'],
      dimensions: ['period'],
      values: report.values
        .filter((v) => v.margin.includes('territory'))
        .map(({ territory: _, ...v }) => ({ ...v, margin: v.margin.filter((m) => m !== 'territory') })),
    };
    expect(renderMarkdown(byPeriod)).not.toContain(NOTE);
    expect(await renderHtml(byPeriod)).not.toContain(NOTE);
    expect(renderTable(byPeriod, { full: true, width: 200 })).not.toContain(NOTE);
  });
});
