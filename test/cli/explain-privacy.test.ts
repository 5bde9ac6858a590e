// `impact explain` of a suppressed cell prints neither its count nor its rows' count, as text or
// --json (INDICATORS.md "Published numbers and privacy"). test/fixtures/privacy-workspace with
// min_count 10, worked out by hand: Saint-Denis (com:93066) 5 people leaving in 2023-Q2, 3 of them
// lifted out of precarity (lift_rate 3 / 5); Paris (com:75056) 12 people, hidden beside Saint-Denis
// (France's 17 − 12 would give it away); France 17, published.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { impact, ROOT, tempDir } from '../helpers/cli.js';

let config: string;

beforeAll(() => {
  const workspace = tempDir('impact-explain-privacy-');
  cpSync(join(ROOT, 'test', 'fixtures', 'privacy-workspace'), workspace, { recursive: true });
  config = join(workspace, 'impact.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('min_count: 5', 'min_count: 10'));
});

const explain = (indicator: string, cell: string, json = false) =>
  impact(['explain', indicator, '--cell', cell, '-c', config, ...(json ? ['--json'] : [])]);

/** The numbers explain prints about the cell: the definition, parameters and inputs lines left out. */
function cellNumbers(text: string): number[] {
  const about = text
    .split('\n')
    .filter((l) => !/^(Parameters| {2}beneficiaries| {2}ratio| {2}unique)/.test(l))
    .join('\n')
    .replace(/com:\d+|20\d\d(-Q\d)?|privacy\.min_count = 10|< 10|sha256 \w+/g, '');
  return (about.match(/\d+/g) ?? []).map(Number);
}

describe.each([
  ['mobility.lift_rate', 'territory=93066,period=2023-Q2', 'a ratio of small counts (3 / 5)'],
  ['mobility.people_supported', 'territory=93066,period=2023', 'a small count (5)'],
  ['mobility.people_supported', 'territory=75056,period=2023', 'a count hidden beside a small one (12)'],
])('explain %s --cell %s: %s', (indicator, cell) => {
  it('text: says the cell is suppressed and prints no count of it', () => {
    const run = explain(indicator, cell);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('< 10 (suppressed by privacy.min_count = 10)');
    expect(run.stdout).toContain('Rows: rows hidden: the cell is suppressed (privacy.min_count = 10)');
    expect(cellNumbers(run.stdout)).toEqual([]);
    expect(run.stdout).not.toContain('beneficiaries.csv:');
  });

  it('--json: no value, parts, rows or source rows', () => {
    const run = explain(indicator, cell, true);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.value).toMatchObject({ value: null, suppressed: true });
    expect(out.value.numerator ?? null).toBeNull();
    expect(out.value.denominator ?? null).toBeNull();
    expect(out).toMatchObject({ rows: null, attribution: null, source_rows: [], source_rows_total: null });
    expect(run.stdout).not.toContain('beneficiaries.csv:');
  });
});

describe('explain of a published cell', () => {
  it('prints its count and its rows (so the checks above can fail)', () => {
    const run = explain('mobility.people_supported', 'period=2023');
    expect(run.stdout).toContain('→ 17');
    expect(run.stdout).toContain('17 rows used in this cell');
    expect(cellNumbers(run.stdout)).toContain(17);
    expect(JSON.parse(explain('mobility.people_supported', 'period=2023', true).stdout).source_rows_total).toBe(17);
  });
});
