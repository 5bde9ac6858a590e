// explain as an audit, on test/fixtures/audit-workspace (every value below worked out by hand from
// its seven beneficiary rows and four investments; levels: severe < precarious < fragile <
// autonomous, precarity = below fragile).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { impact, ROOT } from '../helpers/cli.js';

const DIR = join(ROOT, 'test/fixtures/audit-workspace');
const explain = (args: string[], config = 'impact.yaml') =>
  impact(['explain', '-c', join(DIR, config), ...args], { cwd: DIR });
const json = (args: string[], config?: string) => {
  const run = explain([...args, '--json'], config);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
};
const RATIO_CELL = ['mobility.lift_rate', '--cell', 'territory=dep:93,period=2024'];

describe('explain audits a ratio cell', () => {
  it('labels numerator, denominator and both, rows → people, exclusions per condition', () => {
    const out = json(RATIO_CELL);
    // P93.csv: line 2 B1 severe→fragile and line 7 B1 severe→autonomous are lifted (both parts);
    // line 3 B2 precarious→precarious is in the denominator only. 1 person ÷ 2 people = 0.5.
    expect(out.value.value).toBe(0.5);
    expect(out.source_rows.map((r: { line: number; role: string; key: string }) => [r.line, r.role, r.key])).toEqual([
      [2, 'both', 'B1'],
      [3, 'denominator', 'B2'],
      [7, 'both', 'B1'],
    ]);
    expect(out.rows_in_both).toBe(2);
    // Each excluded row counted under the first condition it fails: line 6 (B5, a youth project),
    // line 4 (B3, fragile at intake), line 5 (B4, no exit), and for the numerator line 3 (B2 still
    // precarious). P75.csv's B9 is used in dep:75, another cell.
    expect(out.rows.numerator).toEqual({
      used_in_cell: 2,
      used_in_other_cells: 1,
      distinct: 1,
      duplicates: [
        {
          key: 'B1',
          rows: [
            { file: 'data/beneficiaries/P93.csv', line: 2 },
            { file: 'data/beneficiaries/P93.csv', line: 7 },
          ],
        },
      ],
      excluded: { filter: 4 },
      excluded_by_condition: {
        'site.kind = mobility_platform': 1,
        'intake_level < precarity_threshold': 1,
        'exit_level ≠ ∅': 1,
        'exit_level ≥ precarity_threshold': 1,
      },
    });
    expect(out.rows.denominator).toMatchObject({
      used_in_cell: 3,
      used_in_other_cells: 1,
      distinct: 2,
      excluded: { filter: 3 },
      excluded_by_condition: {
        'site.kind = mobility_platform': 1,
        'intake_level < precarity_threshold': 1,
        'exit_level ≠ ∅': 1,
      },
    });
    // Only the file whose rows fed dep:93; P75.csv fed none of them.
    expect(out.inputs.map((i: { file: string }) => i.file)).toEqual(['data/beneficiaries/P93.csv']);
    expect(out.other_inputs).toBe(1);
  });

  it('says the same to people, in English and in French', () => {
    const en = explain([...RATIO_CELL, '--lang', 'en']).stdout;
    expect(en).toContain('numerator: 2 rows used in this cell, 1 only in other cells');
    expect(en).toContain('3 rows → 2 distinct people; on several rows: B1 (data/beneficiaries/P93.csv:2, 7)');
    expect(en).toContain('1 excluded: fails the condition `exit_level ≥ precarity_threshold`');
    expect(en).toContain('2 rows counted in both numerator and denominator');
    expect(en).toContain('data/beneficiaries/P93.csv:3  (denominator)  B2');
    expect(en).not.toContain('P75.csv');
    const fr = explain([...RATIO_CELL, '-f', 'text', '--lang', 'fr']).stdout;
    expect(fr).toContain('dénominateur\u00a0: 3 lignes utilisées dans cette cellule, 1 seulement dans d’autres');
    expect(fr).toContain('3 lignes → 2 personnes après dédoublonnage');
    expect(fr).toContain('2 lignes comptées au numérateur et au dénominateur');
    expect(fr).toContain('(numérateur et dénominateur)');
  });
});

describe('explain shows euros through a fund as amount × share', () => {
  it('350 000 × 0,4 (via F) for the fund F, in which E holds 400 000 of 1 000 000', () => {
    const out = json(['finance.invested', '--cell', 'period=2024']);
    // I3 (F → M 350 000) × 0.4 = 140 000; I4 (E → M 100 000) direct; I1 and I2 go into the fund.
    expect(out.value.value).toBe(240_000);
    expect(out.source_rows).toEqual([
      {
        role: 'value',
        file: 'data/investments.csv',
        line: 4,
        value: 140_000,
        attributed: { amount: 350_000, weight: 0.4, via: 'F' },
      },
      { role: 'value', file: 'data/investments.csv', line: 5, value: 100_000 },
    ]);
    expect(out.rows.value.excluded_by_condition).toEqual({ 'investee.kind ≠ fund': 2 });
    expect(explain(['finance.invested', '--cell', 'period=2024', '--lang', 'fr']).stdout).toContain(
      'data/investments.csv:4  350\u00a0000\u00a0€ × 0,4 (via F) = 140\u00a0000\u00a0€',
    );
  });
});

describe('a suppressed cell stays suppressed in explain', () => {
  it('gives no count, no row count and no row (privacy.min_count: 5)', () => {
    const out = json(['mobility.people_supported', '--cell', 'territory=dep:93,period=2024'], 'impact-private.yaml');
    expect(out.suppressed).toBe(true);
    expect(out.value.value).toBeNull();
    expect(out).toMatchObject({ rows: null, rows_in_both: null, source_rows: [], source_rows_total: null });
    const text = explain(
      ['mobility.people_supported', '--cell', 'territory=dep:93,period=2024', '--lang', 'en'],
      'impact-private.yaml',
    ).stdout;
    expect(text).toContain('rows hidden');
    // Four people entered at P93 in 2024 (B1 on two rows, B2, B3, B4): no count of them, nor of
    // their rows; the files' own row counts (P93's 5, P75's) are below min_count and read `< 5 rows`.
    expect(text).not.toMatch(/used in this cell|distinct|→ 4|(?<!< )\b5 rows\b/);
    expect(text).toContain('data/beneficiaries/P93.csv');
    expect(text).toMatch(/P93\.csv .*< 5 rows, 0 rejected/);
    expect(text).not.toContain('Source rows');
  });
});
