// No published number reveals a people count below min_count, in any format (INDICATORS.md "Published
// numbers and privacy"). test/fixtures/privacy-workspace with min_count 10, by commune and quarter,
// worked out by hand: Saint-Denis (com:93066) has 5 people, entered in 2023-Q1, leaving in 2023-Q2
// (3 lifted out of precarity, 3 positive outcomes, 3 in a QPV); Paris (com:75056) 12, entered in
// 2023-Q1, no exit, none in a QPV; France 17. So every Saint-Denis count (5, 3) is hidden, Paris's 12
// too (France 17 − 12 would give Saint-Denis away), lift_rate (3 / 5) and qpv_share (3 / 17) too.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { runReport } from '../../src/pipeline.js';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/model.js';
import { renderTable } from '../../src/report/table.js';
import { renderXlsx } from '../../src/report/xlsx.js';
import { ROOT, tempDir } from '../helpers/cli.js';

const K = 10;
const HIDDEN = `< ${K}`;
/** The indicators that count people, and the ratios built on them. */
const PEOPLE = [
  'mobility.people_supported',
  'mobility.people_in_precarity_at_intake',
  'mobility.lifted_out_of_precarity',
  'mobility.positive_outcomes',
];
const RATIOS = ['mobility.lift_rate', 'territory.qpv_share'];

let report: Report;

beforeAll(async () => {
  const workspace = tempDir('impact-privacy-formats-');
  cpSync(join(ROOT, 'test', 'fixtures', 'privacy-workspace'), workspace, { recursive: true });
  const file = join(workspace, 'impact.yaml');
  const yaml = readFileSync(file, 'utf8')
    .replace('min_count: 5', `min_count: ${K}`)
    .replace('breakdown: [period:year]', 'breakdown: [territory:commune, period:quarter]');
  writeFileSync(
    file,
    `${yaml}indicators: [${[...PEOPLE, ...RATIOS].join(', ')}]
targets:
  - { indicator: mobility.lift_rate, territory: "93066", period: 2023-Q2, op: ">=", value: 0.5 }
  - { indicator: mobility.people_supported, territory: "93066", period: "2023", op: ">=", value: 1 }
  - { indicator: mobility.people_supported, period: "2023", op: ">=", value: 15 }
`,
  );
  delete process.env.SOURCE_DATE_EPOCH;
  report = (await runReport(loadConfig(file), { version: '1.0.0', writeRejects: false })).report;
});

/** A people count may be published when it is 0 or at least min_count. */
const publishable = (n: number) => n === 0 || n >= K;
const numbersIn = (text: string): number[] =>
  (text.match(/\d+(?:[.,]\d+)?/g) ?? []).map((x) => Number(x.replace(',', '.')));
const suppressedRows = (id: string) => report.values.filter((v) => v.indicator === id && v.suppressed);

describe('the report hides what it must (the JSON every format is drawn from)', () => {
  it('hides Saint-Denis, and Paris beside it', () => {
    const cell = (id: string, territory: string, period: string) =>
      report.values.find((v) => v.indicator === id && v.territory === territory && v.period === period);
    expect(cell('mobility.people_supported', 'com:93066', '2023-Q1')).toMatchObject({ value: null, suppressed: true });
    expect(cell('mobility.people_supported', 'com:75056', '2023-Q1')).toMatchObject({ value: null, suppressed: true });
    expect(cell('mobility.people_supported', 'FR', '2023-Q1')).toMatchObject({ value: 17 });
    expect(cell('mobility.lift_rate', 'com:93066', '2023-Q2')).toMatchObject({
      value: null,
      numerator: null,
      denominator: null,
      suppressed: true,
    });
    expect(cell('territory.qpv_share', 'FR', '2023-Q1')).toMatchObject({ value: null, suppressed: true });
  });

  it('json: no cell, margin, numerator, denominator, previous or change reveals a small count', () => {
    const json = JSON.parse(JSON.stringify(report)) as Report;
    for (const row of json.values.filter((v) => [...PEOPLE, ...RATIOS].includes(v.indicator))) {
      const where = `${row.indicator} ${row.territory} ${row.period}`;
      if (row.suppressed) {
        for (const key of ['value', 'numerator', 'denominator', 'previous', 'change'] as const)
          expect(row[key] ?? null, `${where} ${key}`).toBeNull();
        expect(row.attributable, where).toBeUndefined();
        continue;
      }
      const counts = PEOPLE.includes(row.indicator) ? [row.value, row.previous] : [row.numerator, row.denominator];
      for (const n of counts) if (typeof n === 'number') expect(publishable(n), `${where}: ${n}`).toBe(true);
    }
  });

  it('json: target actuals, inside the breakdown (commune × year) or outside it (commune × quarter)', () => {
    expect(report.targets.map((t) => [t.actual, t.status])).toEqual([
      [null, 'no_data'],
      [null, 'no_data'],
      [17, 'met'],
    ]);
  });
});

/** Markdown and HTML tables: per indicator section, the cells people read. */
function sectionsOf(text: string, start: string, idPattern: RegExp): Map<string, string> {
  const sections = new Map<string, string>();
  for (const chunk of text.split(start).slice(1)) {
    const id = idPattern.exec(chunk)?.[1]?.replace(/\\/g, '');
    if (id && [...PEOPLE, ...RATIOS].includes(id)) sections.set(id, chunk);
  }
  return sections;
}

function expectCellsHidden(cells: string[], id: string): void {
  // Each suppressed value shows as `< 10`, and no other cell shows a people count below 10.
  expect(cells.filter((c) => c === HIDDEN).length, id).toBe(suppressedRows(id).length);
  if (PEOPLE.includes(id))
    for (const c of cells.filter((x) => x !== HIDDEN))
      for (const n of numbersIn(c)) expect(publishable(n), `${id}: ${c}`).toBe(true);
}

describe('every format people read shows `< 10` for each hidden value, and no small count', () => {
  it('md: the tables, the key figures and the targets', () => {
    const md = renderMarkdown(report);
    const sections = sectionsOf(md.slice(md.indexOf('\n### ')), '\n### ', /\n`([^`]+)`/);
    expect([...sections.keys()].sort()).toEqual([...PEOPLE, ...RATIOS].sort());
    for (const [id, section] of sections) {
      const cells = section
        .split('\n')
        .filter((l) => l.startsWith('| ') && !l.startsWith('| :'))
        .slice(1)
        .flatMap((l) => l.split(' | ').slice(1))
        .map((c) => c.replace(/ \|$/, '').replace(/\\/g, ''));
      expectCellsHidden(cells, id);
    }
    expect(md).toContain('- **People lifted out of mobility precarity**: < 10 people');
    expect(md).not.toMatch(/60(\.0)? ?%/);
  });

  it('html: the tables, the cards and the charts', async () => {
    const html = await renderHtml(report);
    const sections = sectionsOf(html, '<section class="indicator"', /<p class="meta"><span>([^<]+)<\/span>/);
    expect(sections.size).toBe(PEOPLE.length + RATIOS.length);
    for (const [id, section] of sections) {
      const table = section.slice(section.indexOf('<table class="values">'));
      const cells = [...table.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!.replace('&lt;', '<'));
      expectCellsHidden(cells, id);
      // The chart draws published values only: its labels are numbers people may read.
      const chart = section.slice(0, section.indexOf('<table class="values">'));
      if (PEOPLE.includes(id))
        for (const m of chart.matchAll(/fill="#1f2933">([^<]*)</g))
          for (const n of numbersIn(m[1]!)) expect(publishable(n), `${id} chart: ${m[1]}`).toBe(true);
    }
    // Saint-Denis's lift rate, 3 / 5, nowhere in the page (its style sheet aside).
    expect(html.slice(html.indexOf('<main>'))).not.toMatch(/60(\.0)?(&nbsp;|\u00a0| )?%/);
  });

  it('table: the per-indicator blocks and the summary', () => {
    const text = renderTable(report, { full: true, width: 200 });
    const blocks = text.split(/\n(?=\S.*\) (?:mobility|territory)\.)/);
    for (const id of [...PEOPLE, ...RATIOS]) {
      const block = blocks.find((b) => b.split('\n')[0]!.endsWith(id));
      expect(block, id).toBeDefined();
      const cells = block!
        .split('\n')
        .filter((l) => l.startsWith('│') && !l.includes('2023-Q1 │ 2023-Q2'))
        .flatMap((l) => l.split('│').slice(2, -1))
        .map((c) => c.trim());
      expectCellsHidden(cells, id);
    }
    // The summary: Saint-Denis's 3 lifted out of precarity stay hidden in the totals too.
    const summary = blocks[0]!.split('\n').find((l) => l.includes('People lifted out'));
    expect(summary).toContain(HIDDEN);
    for (const n of numbersIn(summary!.replace(HIDDEN, ''))) expect(publishable(n), summary).toBe(true);
  });
});

function parseCsv(text: string): Record<string, string>[] {
  // RFC 4180 as renderCsv writes it: quoted fields may hold commas, doubled quotes and line breaks.
  const records: string[][] = [[]];
  let field = '';
  let quoted = false;
  const endField = () => {
    records[records.length - 1]!.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== ',' && c !== '\n')) field += c;
    else {
      endField();
      if (c === '\n') records.push([]);
    }
  }
  const [head, ...rows] = records.filter((r) => r.length > 0);
  return rows.map((r) => Object.fromEntries(head!.map((h, k) => [h, r[k] ?? ''])));
}

describe('every format for machines leaves a hidden value empty', () => {
  it('csv: a suppressed row has no value, parts, previous or change', () => {
    const rows = parseCsv(renderCsv(report));
    const hidden = rows.filter((r) => r.suppressed === 'true');
    expect(hidden).toHaveLength(report.values.filter((v) => v.suppressed).length);
    for (const row of hidden)
      for (const key of ['value', 'numerator', 'denominator', 'attributable', 'previous', 'change'])
        expect(row[key], `${row.indicator} ${row.territory} ${row.period} ${key}`).toBe('');
    for (const row of rows.filter((r) => PEOPLE.includes(r.indicator!) && r.value !== ''))
      expect(publishable(Number(row.value)), `${row.territory} ${row.period}`).toBe(true);
  });

  it('xlsx: the data sheet leaves hidden cells empty; the summary shows `< 10` and no hidden target actual', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderXlsx(report)) as unknown as ExcelJS.Buffer);
    const [summary, data] = workbook.worksheets;
    const head = (data!.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => head.indexOf(name);
    let hidden = 0;
    data!.eachRow((row, n) => {
      if (n === 1 || row.getCell(col('suppressed')).value !== true) return;
      hidden++;
      for (const key of ['value', 'numerator', 'denominator', 'attributable', 'previous', 'change'])
        expect(row.getCell(col(key)).value ?? null, `row ${n} ${key}`).toBeNull();
    });
    expect(hidden).toBe(report.values.filter((v) => v.suppressed).length);
    const lines: unknown[][] = [];
    summary!.eachRow((row) => {
      lines.push((row.values as unknown[]).slice(1));
    });
    const lifted = lines.find((l) => l[1] === 'mobility.lifted_out_of_precarity');
    expect(lifted?.[2]).toBe(HIDDEN);
    const target = lines.find((l) => l[0] === 'mobility.lift_rate' && l[2] === '2023-Q2');
    expect(target?.[5] ?? null).toBeNull();
  });
});
