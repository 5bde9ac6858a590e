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

function workspaceWith(minCount: number, bad = 1): string {
  const workspace = tempDir('impact-privacy-inputs-');
  cpSync(join(ROOT, 'test', 'fixtures', 'privacy-workspace'), workspace, { recursive: true });
  const [head, ...rows] = readFileSync(join(workspace, 'data', 'beneficiaries.csv'), 'utf8')
    .trim()
    .split('\n');
  rmSync(join(workspace, 'data', 'beneficiaries.csv'));
  mkdirSync(join(workspace, 'data', 'beneficiaries'));
  // Rows dated 2023-02-30: each is rejected.
  const rejects = Array.from({ length: bad }, (_, i) => `P${99 - i},PF-SD,2023-02-30,1990,f,true,,severe,,,`);
  writeFileSync(
    join(workspace, SD),
    `${[head, ...rows.filter((r) => r.includes(',PF-SD,')), ...rejects].join('\n')}\n`,
  );
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

async function reportWith(minCount: number, bad = 1): Promise<Report> {
  delete process.env.SOURCE_DATE_EPOCH;
  return (await runReport(loadConfig(workspaceWith(minCount, bad)), { version: '1.0.0', writeRejects: false })).report;
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

  it('publishes a count equal to min_count: 5 rows, all used, with min_count 5; hidden with 6', async () => {
    // Saint-Denis without its rejected row: 5 rows, 5 used, 0 rejected.
    const report = await reportWith(5, 0);
    expect(counts(report)[SD]).toEqual([5, 0, false]);
    expect(counts(report)[PARIS]).toEqual([12, 0, false]);
    expect(report.quality).toEqual({ rows: 22, rejected: 0, warnings: 0 });
    expect(counts(await reportWith(6, 0))[SD]).toEqual([null, 0, true]);
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

// What subtraction recovers from the counts a format publishes. Each file's rows are its used rows
// plus its rejected rows; a dataset's counts are its files' sums, the report's totals the datasets'.
// Every equation with one unknown left is solved, until none is: what is left unknown is hidden.
type Part = 'rows' | 'rejected' | 'used';
const PARTS: Part[] = ['rows', 'rejected', 'used'];
interface Published {
  files?: { file: string; rows: number | null; rejected: number | null }[];
  datasets?: { dataset: string; rows: number | null; rejected: number | null }[];
  quality?: { rows: number | null; rejected: number | null };
  /** Other published sums: `value` = the sum of `parts` (variable names as below). */
  sums?: { value: number | null; parts: string[] }[];
}

function recover(universe: Report['inputs'], published: Published): Map<string, number> {
  const known = new Map<string, number>();
  const set = (name: string, n: number | null | undefined) => {
    if (typeof n === 'number') known.set(name, n);
  };
  for (const f of published.files ?? []) {
    set(`rows ${f.file}`, f.rows);
    set(`rejected ${f.file}`, f.rejected);
  }
  for (const d of published.datasets ?? []) {
    set(`rows ${d.dataset}`, d.rows);
    set(`rejected ${d.dataset}`, d.rejected);
  }
  set('rows all', published.quality?.rows);
  set('rejected all', published.quality?.rejected);
  // [total, parts]: total = Σ parts.
  const equations: [string | number, string[]][] = [];
  const datasets = [...new Set(universe.map((i) => i.dataset))];
  for (const name of [...universe.map((i) => i.file), ...datasets, 'all'])
    equations.push([`rows ${name}`, [`used ${name}`, `rejected ${name}`]]);
  for (const part of PARTS) {
    for (const d of datasets)
      equations.push([`${part} ${d}`, universe.filter((i) => i.dataset === d).map((i) => `${part} ${i.file}`)]);
    equations.push([`${part} all`, datasets.map((d) => `${part} ${d}`)]);
  }
  for (const sum of published.sums ?? []) if (sum.value !== null) equations.push([sum.value, sum.parts]);
  for (let solved = true; solved; ) {
    solved = false;
    for (const [total, parts] of equations) {
      const terms: [string | number, number][] = [[total, 1], ...parts.map((p): [string, number] => [p, -1])];
      const unknown = terms.filter(([t]) => typeof t === 'string' && !known.has(t));
      if (unknown.length !== 1) continue;
      const rest = terms
        .filter(([t]) => t !== unknown[0]![0])
        .reduce((n, [t, sign]) => n + sign * (typeof t === 'number' ? t : known.get(t)!), 0);
      known.set(unknown[0]![0] as string, -rest / unknown[0]![1]);
      solved = true;
    }
  }
  return known;
}

/** The people counts (beneficiaries' files and their dataset) that subtraction gives back below k. */
function leaks(universe: Report['inputs'], published: Published, k: number): string[] {
  const people = [...universe.filter((i) => i.dataset === 'beneficiaries').map((i) => i.file), 'beneficiaries'];
  const known = recover(universe, published);
  return people.flatMap((name) =>
    PARTS.flatMap((part) => {
      const n = known.get(`${part} ${name}`);
      return n !== undefined && n > 0 && n < k ? [`${part} ${name} = ${n}`] : [];
    }),
  );
}

/** A count as a format prints it: `< 10` is hidden. */
const parsed = (text: unknown): number | null => {
  if (typeof text === 'number') return text;
  const s = String(text).replace(/&lt;/g, '<').trim();
  return s.startsWith('<') ? null : Number(s.replace(/[^\d]/g, ''));
};

// The two workspaces: Saint-Denis with 1 rejected row (6 rows, 5 used), and with 10 (15 rows, 10
// rejected, 5 used: each count is at least 10 but the rows used, 15 − 10, are 5 people).
describe.each([1, 10])(
  'no count below min_count 10 comes back by subtraction (Saint-Denis with %i rejected)',
  (bad) => {
    let report: Report;
    beforeAll(async () => {
      report = await reportWith(10, bad);
    });

    it('the checker finds the count when nothing is hidden (min_count 0)', async () => {
      const open = await reportWith(0, bad);
      expect(leaks(open.inputs, { files: open.inputs, quality: open.quality }, 10)).toContain(`used ${SD} = 5`);
    });

    it('json: inputs and quality', () => {
      const json = JSON.parse(renderJson(report)) as Report;
      expect(leaks(json.inputs, { files: json.inputs, quality: json.quality }, 10)).toEqual([]);
    });

    it('md: the inputs table and the data-quality list', () => {
      const md = renderMarkdown(report).split('\n');
      const files = report.inputs.map((input) => {
        const cells = md.find((l) => l.includes(`\`${input.file}\``))!.split('|');
        return { file: input.file, rows: parsed(cells[3]), rejected: parsed(cells[4]) };
      });
      const figure = (label: string) => parsed(md.find((l) => l.startsWith(`- **${label}**`))!.split(':')[1]);
      const quality = { rows: figure('Rows read'), rejected: figure('Rows rejected') };
      expect(quality.rows).toBe(bad === 1 ? 23 : 32);
      expect(leaks(report.inputs, { files, quality }, 10)).toEqual([]);
    });

    it('html: the quality tiles, the table per dataset and the inputs appendix', async () => {
      const html = await renderHtml(report);
      const start = html.indexOf('<section class="quality">');
      const section = html.slice(start, html.indexOf('</section>', start));
      const [rows, rejected] = [...section.matchAll(/<p class="figure">([^<]*)<\/p>/g)].map((m) => parsed(m[1]));
      const datasets = [
        ...section.matchAll(/<th scope="row">(\w+)<\/th><td>\d+<\/td><td>([^<]*)<\/td><td[^>]*>([^<]*)<\/td>/g),
      ].map((m) => ({ dataset: m[1]!, rows: parsed(m[2]), rejected: parsed(m[3]) }));
      expect(datasets.map((d) => d.dataset).sort()).toEqual(['beneficiaries', 'investments', 'organisations', 'sites']);
      const files = report.inputs.map((input) => ({
        file: input.file,
        rows: parsed(html.match(new RegExp(`<code>${input.file}</code></td><td>([^<]*)</td>`))?.[1]),
        rejected: null,
      }));
      expect(
        leaks(report.inputs, { files, datasets, quality: { rows: rows ?? null, rejected: rejected ?? null } }, 10),
      ).toEqual([]);
    });

    it('xlsx: the summary sheet', async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await renderXlsx(report)) as unknown as ExcelJS.Buffer);
      const lines: unknown[][] = [];
      workbook.worksheets[0]!.eachRow((row) => {
        lines.push((row.values as unknown[]).slice(1));
      });
      const line = (first: string) => lines.find((l) => l[0] === first)!;
      const files = report.inputs.map((input) => ({
        file: input.file,
        rows: parsed(line(input.file)[2]),
        rejected: parsed(line(input.file)[3]),
      }));
      const quality = { rows: parsed(line('Rows read')[1]), rejected: parsed(line('Rows rejected')[1]) };
      expect(leaks(report.inputs, { files, quality }, 10)).toEqual([]);
    });

    it('table: the data-quality line', () => {
      const text = renderTable(report, { full: true, width: 200 });
      const m = text.match(/Data quality: (.+?) rows?, (.+?) rejected/);
      expect(m).not.toBeNull();
      expect(leaks(report.inputs, { quality: { rows: parsed(m![1]), rejected: parsed(m![2]) } }, 10)).toEqual([]);
    });

    it('explain --json: the inputs it lists and their rejected rows', () => {
      const run = impact([
        'explain',
        'mobility.people_supported',
        '--cell',
        'period=2023',
        '-c',
        workspaceWith(10, bad),
        '--json',
      ]);
      expect(run.status).toBe(0);
      const out = JSON.parse(run.stdout) as { inputs: Report['inputs']; rejected_rows: number | null };
      expect(out.inputs.map((i) => i.file)).toEqual([PARIS, SD]);
      const sums = [{ value: out.rejected_rows, parts: out.inputs.map((i) => `rejected ${i.file}`) }];
      expect(leaks(report.inputs, { files: out.inputs, sums }, 10)).toEqual([]);
    });
  },
);
