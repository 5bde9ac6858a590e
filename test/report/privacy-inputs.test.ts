// A file of people publishes a people count: its rows (INDICATORS.md "Published numbers and
// privacy"). test/fixtures/privacy-workspace with its beneficiaries split one file per site, worked
// out by hand: data/beneficiaries/paris.csv holds Paris's 12 people; saint-denis.csv Saint-Denis's 5
// and one row dated 2023-02-30 (rejected): 6 rows, 1 rejected. The other files: organisations 2 rows,
// investments 1, sites 2. All rows: 2 + 1 + 2 + 12 + 6 = 23; rejected: 1.
// With min_count 10: Saint-Denis's 6 rows are hidden, and Paris's 12 beside them (the total of
// rows, 23, minus the other files' 5 and Paris's 12 would give 6 away); 23 is published. Its 1
// rejected row is hidden, and so is the total of rejected rows (1 − 0 would give it away).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { runReport } from '../../src/pipeline.js';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/model.js';
import { renderTable } from '../../src/report/table.js';
import { renderXlsx } from '../../src/report/xlsx.js';
import { impact, ROOT, tempDir } from '../helpers/cli.js';

const SD = 'data/beneficiaries/saint-denis.csv';
const PARIS = 'data/beneficiaries/paris.csv';

function workspaceWith(minCount: number): string {
  const workspace = tempDir('impact-privacy-inputs-');
  cpSync(join(ROOT, 'test', 'fixtures', 'privacy-workspace'), workspace, { recursive: true });
  const [head, ...rows] = readFileSync(join(workspace, 'data', 'beneficiaries.csv'), 'utf8')
    .trim()
    .split('\n');
  rmSync(join(workspace, 'data', 'beneficiaries.csv'));
  mkdirSync(join(workspace, 'data', 'beneficiaries'));
  const bad = 'P99,PF-SD,2023-02-30,1990,f,true,,severe,,,';
  writeFileSync(join(workspace, SD), `${[head, ...rows.filter((r) => r.includes(',PF-SD,')), bad].join('\n')}\n`);
  writeFileSync(join(workspace, PARIS), `${[head, ...rows.filter((r) => r.includes(',PF-PARIS,'))].join('\n')}\n`);
  const file = join(workspace, 'impact.yaml');
  writeFileSync(
    file,
    readFileSync(file, 'utf8')
      .replace('min_count: 5', `min_count: ${minCount}`)
      .replace('beneficiaries: data/beneficiaries.csv', 'beneficiaries: data/beneficiaries/*.csv'),
  );
  return file;
}

async function reportWith(minCount: number): Promise<Report> {
  delete process.env.SOURCE_DATE_EPOCH;
  return (await runReport(loadConfig(workspaceWith(minCount)), { version: '1.0.0', writeRejects: false })).report;
}

const counts = (report: Report) =>
  Object.fromEntries(report.inputs.map((i) => [i.file, [i.rows, i.rejected, i.suppressed ?? false]]));

describe('the JSON report: a file of people with too few rows has rows null and suppressed', () => {
  let json: Report;
  beforeAll(async () => {
    json = JSON.parse(renderJson(await reportWith(10))) as Report;
  });

  it('hides Saint-Denis (6 rows, 1 rejected), Paris beside it, and the total of rejected rows', () => {
    expect(counts(json)).toEqual({
      'data/organisations.yaml': [2, 0, false],
      'data/investments.csv': [1, 0, false],
      'data/sites.csv': [2, 0, false],
      [PARIS]: [null, 0, true],
      [SD]: [null, null, true],
    });
    expect(json.quality).toEqual({ rows: 23, rejected: null, warnings: 0, suppressed: true });
  });

  it('publishes a count equal to min_count (6 rows with min_count 6); 1 rejected row stays hidden', async () => {
    const report = await reportWith(6);
    expect(counts(report)[SD]).toEqual([6, null, true]);
    expect(counts(report)[PARIS]).toEqual([12, 0, false]);
    expect(report.quality).toEqual({ rows: 23, rejected: null, warnings: 0, suppressed: true });
  });

  it('publishes every count without privacy (min_count 0)', async () => {
    const report = await reportWith(0);
    expect(counts(report)[SD]).toEqual([6, 1, false]);
    expect(counts(report)[PARIS]).toEqual([12, 0, false]);
    expect(report.quality).toEqual({ rows: 23, rejected: 1, warnings: 0 });
  });
});

describe('every format shows the hidden counts as `< 10` (people) or leaves them out (machines)', () => {
  let report: Report;
  beforeAll(async () => {
    report = await reportWith(10);
  });

  it('md: the inputs table and the data-quality list', () => {
    const md = renderMarkdown(report);
    const line = (file: string) => md.split('\n').find((l) => l.includes(`\`${file}\``));
    expect(line(SD)).toMatch(/\| < 10 \| < 10 \|/);
    expect(line(PARIS)).toMatch(/\| < 10 \| 0 \|/);
    expect(line('data/sites.csv')).toMatch(/\| 2 \| 0 \|/);
    expect(md).toContain('- **Rows read**: 23');
    expect(md).toContain('- **Rows rejected**: < 10');
    for (const file of [SD, PARIS]) expect(line(file)).not.toMatch(/\| (6|12|1) \|/);
  });

  it('html: the inputs appendix, the quality tiles and the table per dataset', async () => {
    const html = await renderHtml(report);
    const row = (file: string) => html.match(new RegExp(`<code>${file}</code></td><td>([^<]*)</td>`))?.[1];
    expect(row(SD)).toBe('&lt; 10');
    expect(row(PARIS)).toBe('&lt; 10');
    expect(row('data/sites.csv')).toBe('2');
    const quality = html.slice(
      html.indexOf('<section class="quality">'),
      html.indexOf('</section>', html.indexOf('<section class="quality">')),
    );
    expect(quality).toContain('<p class="figure">23</p>');
    expect(quality).toContain('<div class="tile rejected"><p class="figure">&lt; 10</p>');
    // beneficiaries: 2 files, their total of rows and of rejected rows hidden with the files.
    expect(quality).toContain(
      '<th scope="row">beneficiaries</th><td>2</td><td>&lt; 10</td><td class="rejected">&lt; 10</td>',
    );
    expect(quality).toContain('<th scope="row">sites</th><td>1</td><td>2</td><td>0</td>');
  });

  it('xlsx: the summary sheet’s inputs and quality', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderXlsx(report)) as unknown as ExcelJS.Buffer);
    const lines: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => {
      lines.push((row.values as unknown[]).slice(1));
    });
    const line = (first: string) => lines.find((l) => l[0] === first);
    expect(line(SD)?.slice(0, 4)).toEqual([SD, 'beneficiaries', '< 10', '< 10']);
    expect(line(PARIS)?.slice(0, 4)).toEqual([PARIS, 'beneficiaries', '< 10', 0]);
    expect(line('data/sites.csv')?.slice(0, 4)).toEqual(['data/sites.csv', 'sites', 2, 0]);
    expect(line('Rows read')).toEqual(['Rows read', 23]);
    expect(line('Rows rejected')).toEqual(['Rows rejected', '< 10']);
  });

  it('table: the data-quality line', () => {
    expect(renderTable(report, { full: true, width: 200 })).toContain('23 rows, < 10 rejected, 0 warnings');
  });

  it('csv: has no inputs table (values and notes only), so no file’s count', () => {
    const csv = renderCsv(report);
    expect(csv).not.toContain('beneficiaries/');
    expect(csv).not.toMatch(/,23,|,6,|,12,/);
  });
});

describe('explain lists the inputs as the report publishes them', () => {
  let config: string;
  beforeAll(() => {
    config = workspaceWith(10);
  });

  it('--json: a published cell (France, 17 people) lists both files with rows null', () => {
    const run = impact(['explain', 'mobility.people_supported', '--cell', 'period=2023', '-c', config, '--json']);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.value).toMatchObject({ value: 17 });
    expect(
      Object.fromEntries(
        (out.inputs as Report['inputs']).map((i) => [i.file, [i.rows, i.rejected, i.suppressed ?? false]]),
      ),
    ).toEqual({ [PARIS]: [null, 0, true], [SD]: [null, null, true] });
    expect(out.rejected_rows).toBeNull();
  });

  it('text: `< 10 rows` for each file, and the rejected rows as `< 10`', () => {
    const run = impact(['explain', 'mobility.people_supported', '--cell', 'period=2023', '-c', config]);
    expect(run.status).toBe(0);
    const line = (file: string) => run.stdout.split('\n').find((l) => l.includes(file));
    expect(line(SD)).toMatch(/< 10 rows, < 10 rejected$/);
    expect(line(PARIS)).toMatch(/< 10 rows, 0 rejected$/);
    expect(run.stdout).toContain('< 10 input rows rejected by validation');
    expect(run.stdout).not.toMatch(/\b(6|12) rows\b/);
  });
});
