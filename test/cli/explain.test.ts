import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const workspace = path.join(root, 'test/fixtures/explain-workspace');
const copy = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'impact-explain-'));
  cpSync(workspace, dir, { recursive: true });
  return dir;
};

function impact(args: string[]): string {
  return execFileSync(process.execPath, [path.join(root, 'bin/impact.js'), ...args], {
    cwd: workspace,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

describe('impact explain', () => {
  it('lists exactly the source lines that make a cell, and the rows excluded by reason', () => {
    const out = JSON.parse(
      impact(['explain', 'mobility.people_supported', '--cell', 'territory=dep:93,period=2024', '--json']),
    );
    // Lines 2, 3, 4 (B1, B2 twice) at P93 (Saint-Denis, 93066) and line 6 (B4 at P75 but living in
    // Montreuil, 93048) fall in dep:93 in 2024; B2 counts once: 3 people.
    expect(out.source_rows.map((r: { file: string; line: number }) => `${r.file}:${r.line}`)).toEqual([
      'data/beneficiaries.csv:2',
      'data/beneficiaries.csv:3',
      'data/beneficiaries.csv:4',
      'data/beneficiaries.csv:6',
    ]);
    expect(out.value).toMatchObject({
      indicator: 'mobility.people_supported',
      territory: 'dep:93',
      period: '2024',
      value: 3,
    });
    // B3 (Paris) and B5 (2025) are used elsewhere; B6 is at a youth project (filter); B7 entered
    // before the range; B8's age "abc" was rejected by validation.
    // 4 rows, 3 people: B2 is on lines 3 and 4.
    expect(out.rows.value).toEqual({
      used_in_cell: 4,
      used_in_other_cells: 2,
      distinct: 3,
      duplicates: [
        {
          key: 'B2',
          rows: [
            { file: 'data/beneficiaries.csv', line: 3 },
            { file: 'data/beneficiaries.csv', line: 4 },
          ],
        },
      ],
      excluded: { filter: 1, 'out-of-range': 1 },
      excluded_by_condition: { 'site.kind = mobility_platform': 1 },
    });
    expect(out.rejected_rows).toBe(1);
    expect(out.inputs.map((i: { dataset: string }) => i.dataset)).toEqual(['beneficiaries']);
    expect(out.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prints the same for people, with file:line', () => {
    const out = impact(['explain', 'mobility.people_supported', '--cell', 'territory=93,period=2024']);
    expect(out).toContain('data/beneficiaries.csv:6');
    expect(out).toContain('4 rows used in this cell');
  });

  it('explains a ratio through its numerator and denominator', () => {
    const out = JSON.parse(impact(['explain', 'territory.qpv_share', '--json']));
    expect(out.indicator.numerator).toBe('territory.qpv_share#numerator');
    expect(out.value.value).toBeNull();
    expect(out.value.note).toBe('zero denominator');
  });
});

describe('a territory coarser than the breakdown', () => {
  it('is reported under its own code with a coarse-territory warning', () => {
    // Y93 (a youth project) is located by its département, 93: asked by commune, its young
    // beneficiary B6 (line 8, 18 at entry in 2024) counts under dep:93, beside the communes.
    const out = execFileSync(
      process.execPath,
      [
        path.join(root, 'bin/impact.js'),
        'report',
        '-f',
        'json',
        '--by',
        'territory:commune',
        '--indicators',
        'youth.reached',
      ],
      // In a copy: a report writes .impact/rejects/, which must not land in the repository's fixture.
      { cwd: copy(), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const report = JSON.parse(out);
    const cell = (territory: string) =>
      report.values.find(
        (v: { territory: string; period: string }) => v.territory === territory && v.period.includes('/'),
      );
    expect(cell('dep:93').value).toBe(1);
    // B2 (22) at P93 in Saint-Denis (com:93066): one young person there.
    expect(cell('com:93066').value).toBe(1);
    expect(report.quality.warnings).toBeGreaterThanOrEqual(1);
  });
});
