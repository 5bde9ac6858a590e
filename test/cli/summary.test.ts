// The default `impact report` is one screen: every indicator's total as a row, within 80 columns
// when piped, in at most 60 lines, in French and in English.
import { describe, expect, it } from 'vitest';
import { impact } from '../helpers/cli.js';

const CONFIG = 'fixtures/example/impact.yaml';

describe('impact report: the one-screen summary', () => {
  for (const lang of ['fr', 'en'] as const) {
    it(`fits in 60 lines of 80 columns (${lang})`, () => {
      const run = impact(['report', '-c', CONFIG, '--lang', lang]);
      expect(run.status, run.stderr).toBe(0);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines.length).toBeLessThanOrEqual(60);
      expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);
      // Indicators are rows: the example's mobility.people_supported total over 2019–2025 is 3 922.
      const people = lines.find((l) => l.includes(lang === 'fr' ? 'Personnes accompagnées' : 'People supported'));
      expect(people).toMatch(lang === 'fr' ? /3\u00a0922 │$/ : /3,922 │$/);
      // The change column says which period it is the change of: 2025 against 2024.
      expect(lines.find((l) => l.includes('Total'))).toMatch(/│ +Δ 2025 │ +Total │$/);
      // The 2025 rows of investments.csv are grants and donations by others, none by BDT or through a
      // fund it holds: leverage's denominator is 0 in 2025, so no value and no change, and the cell says so.
      const leverage = lines.find((l) => l.includes(lang === 'fr' ? 'Effet de levier' : 'Leverage'));
      expect(leverage).toMatch(lang === 'fr' ? /│ +n\.d\. │ +[\d,.]+ │$/ : /│ +n\/a │ +[\d,.]+ │$/);
    }, 60_000);
  }

  it('keeps the key that tells breakdown rows apart: --by territory:region,gender,period:year', () => {
    const run = impact(['report', '-c', CONFIG, '--lang', 'en', '--by', 'territory:region,gender,period:year']);
    expect(run.status, run.stderr).toBe(0);
    // Centre-Val de Loire (reg:24) by gender: four rows, each ending with its own gender.
    const rows = run.stdout.split('\n').filter((l) => l.includes('reg:24'));
    const genders = new Set(rows.map((l) => /· (\w+)\s*│/.exec(l)?.[1]));
    expect([...genders].filter(Boolean).sort()).toEqual(expect.arrayContaining(['Total', 'f', 'm']));
  }, 60_000);
});
