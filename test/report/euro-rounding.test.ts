// Euros are rounded to the cent per published number, margins from the rows' exact amounts, and every
// format that shows euros says so once (INDICATORS.md "Published numbers and privacy, rounding").
// The workspace, by hand: E holds 1 € of fund F and CO 2 €, so E's share of F is 1/3. F invests 1 € in
// X (Saint-Denis, dep:93) and 1 € in Y (Créteil, dep:94). finance.invested_via_funds is then 1/3 €
// in each département, published 0.33 €, and 2/3 € for France, published 0.67 €, not 0.33 + 0.33.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { t } from '../../src/messages.js';
import { runReport } from '../../src/pipeline.js';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/model.js';
import { renderTable } from '../../src/report/table.js';
import { tidyColumns } from '../../src/report/tidy.js';
import { renderXlsx } from '../../src/report/xlsx.js';
import { tempDir } from '../helpers/cli.js';

function workspace(lang: 'en' | 'fr', indicators: string): string {
  const root = tempDir('impact-rounding-');
  mkdirSync(join(root, 'data'));
  writeFileSync(
    join(root, 'impact.yaml'),
    `version: 1
name: Arrondis
reporting_entity: E
locale: ${lang}
range: { from: 2023-01-01, to: 2023-12-31 }
breakdown: [territory:departement, period:year]
indicators: [${indicators}]
datasets:
  organisations: data/organisations.yaml
  investments: data/investments.csv
`,
  );
  writeFileSync(
    join(root, 'data', 'organisations.yaml'),
    `E: { name: Investisseur, kind: investor }
CO: { name: Co-investisseur, kind: investor }
F: { name: Fonds, kind: fund }
X: { name: Entreprise X, kind: enterprise, territory: "93066" }
Y: { name: Entreprise Y, kind: enterprise, territory: "94028" }
`,
  );
  writeFileSync(
    join(root, 'data', 'investments.csv'),
    `investment_id,investor_id,investee_id,amount_eur,date,instrument
C1,E,F,1,2023-01-10,commitment
C2,CO,F,2,2023-01-10,commitment
I1,F,X,1,2023-03-01,equity
I2,F,Y,1,2023-03-01,equity
`,
  );
  return join(root, 'impact.yaml');
}

async function reportOf(lang: 'en' | 'fr', indicators = 'finance.invested_via_funds'): Promise<Report> {
  delete process.env.SOURCE_DATE_EPOCH;
  return (await runReport(loadConfig(workspace(lang, indicators)), { version: '1.0.0', writeRejects: false })).report;
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('euro margins from exact cents', () => {
  it('publishes 0.33 € per département and 0.67 € for France', async () => {
    const report = await reportOf('en');
    const value = (territory: string) =>
      report.values.find((v) => v.territory === territory && v.period === '2023-01-01/2023-12-31')?.value;
    expect(value('dep:93')).toBe(0.33);
    expect(value('dep:94')).toBe(0.33);
    expect(value('FR')).toBe(0.67);
  });
});

describe.each(['en', 'fr'] as const)('the rounding rule stated once per format (%s)', (lang) => {
  const rule = t(lang, 'reportNote.euro-rounding');
  let report: Report;
  beforeAll(async () => {
    report = await reportOf(lang);
  });

  it('is the catalogue’s wording, in the language of the report', () => {
    expect(rule).toMatch(lang === 'en' ? /rounded to the cent/ : /arrondis au centime/);
    expect(rule).toMatch(lang === 'en' ? /half a cent per cell/ : /demi-centime par cellule/);
    if (lang === 'fr') expect(rule).toContain('arrondies\u00a0:');
  });

  it('json: one notes entry', () => {
    expect(report.notes).toEqual([{ code: 'euro-rounding', message: rule }]);
  });

  it('table', () => {
    // The table wraps at the terminal's width: compare with spaces and line breaks alike.
    const flat = renderTable(report, { width: 400, full: true });
    expect(count(flat, rule)).toBe(1);
  });

  it('md', () => {
    expect(count(renderMarkdown(report), rule)).toBe(1);
  });

  it('html', async () => {
    expect(count(await renderHtml(report), rule)).toBe(1);
  });

  it('csv: one footnote row, level `note`, after the values', () => {
    const csv = renderCsv(report);
    expect(count(csv, rule)).toBe(1);
    // The rule holds commas: csv-stringify quotes it.
    const footnote = tidyColumns(report)
      .map((column) => (column === 'level' ? 'note' : column === 'note' ? `"${rule}"` : ''))
      .join(',');
    expect(csv.trimEnd().split('\n').at(-1)).toBe(footnote);
  });

  it('xlsx: once, on the summary sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderXlsx(report)) as unknown as ExcelJS.Buffer);
    const texts: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') texts.push(`${sheet.name}!${cell.value}`);
        }),
      ),
    );
    expect(texts.filter((x) => x.endsWith(`!${rule}`))).toEqual([`${t(lang, 'report.summarySheet')}!${rule}`]);
  });
});

describe('a report without euros says nothing about them', () => {
  it('has no notes, and no format states the rule', async () => {
    const report = await reportOf('en', 'finance.portfolio_organisations');
    expect(report.indicators.map((i) => i.format)).toEqual(['count']);
    expect(report.notes).toEqual([]);
    const rule = t('en', 'reportNote.euro-rounding');
    expect(renderTable(report, { width: 400, full: true })).not.toContain(rule);
    expect(renderMarkdown(report)).not.toContain(rule);
    expect(renderCsv(report)).not.toContain(rule);
    expect(await renderHtml(report)).not.toContain(rule);
  });
});
