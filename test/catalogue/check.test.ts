// The definition checker (issue 10): every way a plug-in used to give a silent 0 is now a located error.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/index.js';
import type { IndicatorContext, RunnableSource } from '../../src/define.js';
import { tempDir } from '../helpers/cli.js';
import { DEFAULT_PARAMS } from '../helpers/engine.js';

const HEAD = `id: custom.femmes
kind: unique
title: { en: Women, fr: Femmes }
description: { en: Women, fr: Femmes }
unit: { en: people, fr: personnes }
`;

/** Loads one plug-in file in an empty workspace; the catalogue's failures and indicators for it. */
async function load(
  name: string,
  text: string,
  options: { columns?: Record<string, string>; lang?: 'en' | 'fr' } = {},
) {
  const root = tempDir('impact-check-');
  mkdirSync(join(root, 'indicators'));
  writeFileSync(join(root, 'indicators', name), text);
  const catalogue = await loadCatalogue({
    root,
    pluginGlobs: ['indicators/*'],
    plugins: true,
    params: DEFAULT_PARAMS,
    ...(options.columns ? { columnMappings: { beneficiaries: options.columns } } : {}),
    ...(options.lang ? { lang: options.lang } : {}),
  });
  const mine = catalogue.indicators.filter((i) => i.origin !== 'built-in');
  return { catalogue, failures: catalogue.failures, lines: catalogue.failures.flatMap((f) => f.lines), mine };
}

const beneficiaries = (filter: string, rest = 'date: entry_date\ndistinct: beneficiary_id\n') =>
  `${HEAD}dataset: beneficiaries\n${rest}filter:\n${filter}`;

describe('YAML plug-ins: columns, dates, keys and values must exist', () => {
  it('locates an unknown filter column at its line and column, with "did you mean"', async () => {
    const { lines } = await load('femmes.yaml', beneficiaries('  - { column: gendr, op: eq, value: f }\n'));
    // Line 10 of the file: the filter's first item, where `gendr` starts at column 15.
    expect(lines).toEqual([
      'indicators/femmes.yaml:10:15  filter.0.column  unknown column "gendr", did you mean "gender"?',
    ]);
  });

  it('words it in French when the workspace is French', async () => {
    const { lines } = await load('femmes.yaml', beneficiaries('  - { column: gendr, op: eq, value: f }\n'), {
      lang: 'fr',
    });
    expect(lines[0]).toContain('colonne inconnue « gendr », vouliez-vous dire « gender »\u00a0?');
  });

  it('refuses an unknown date, distinct key and value column', async () => {
    const date = await load('a.yaml', `${HEAD}dataset: beneficiaries\ndate: entry_dat\ndistinct: beneficiary_id\n`);
    expect(date.lines[0]).toMatch(
      /^indicators\/a\.yaml:7:7 {2}date {2}unknown column "entry_dat", did you mean "entry_date"\?$/,
    );
    const distinct = await load('a.yaml', `${HEAD}dataset: beneficiaries\ndate: entry_date\ndistinct: beneficiary\n`);
    expect(distinct.lines[0]).toContain('distinct  unknown column "beneficiary", did you mean "beneficiary_id"?');
    const value = await load(
      'a.yaml',
      HEAD.replace('unique', 'flow') + 'dataset: investments\ndate: date\nvalue: amount\n',
    );
    expect(value.lines[0]).toContain('value  unknown column "amount", did you mean "amount_eur"?');
  });

  it('refuses a reference the dataset does not have (site.kind on investments)', async () => {
    const { lines } = await load(
      'a.yaml',
      `${HEAD.replace('unique', 'flow')}dataset: investments\ndate: date\nfilter:\n  - { column: site.kind, op: eq, value: other }\n`,
    );
    expect(lines[0]).toContain('filter.0.column  investments rows have no "site." reference');
    expect(lines[0]).toContain('investor., investee.');
  });

  it('never takes constructor or toString for columns', async () => {
    for (const column of ['constructor', 'toString', '__proto__']) {
      const { lines, mine } = await load('a.yaml', beneficiaries(`  - { column: ${column}, op: exists }\n`));
      expect(mine).toEqual([]);
      expect(lines[0]).toContain(`unknown column "${column}"`);
    }
  });

  it("accepts a source header of the dataset's columns: mapping", async () => {
    const { failures, mine } = await load('a.yaml', beneficiaries('  - { column: Sexe, op: eq, value: f }\n'), {
      columns: { Sexe: 'gender' },
    });
    expect(failures).toEqual([]);
    expect(mine.map((i) => i.id)).toEqual(['custom.femmes']);
  });
});

describe('YAML plug-ins: operators and values', () => {
  it('refuses eq with a list and eq with no value', async () => {
    const list = await load('a.yaml', beneficiaries('  - { column: gender, op: eq, value: [f, m] }\n'));
    expect(list.lines[0]).toContain('filter.0.value  eq takes one value, not a list (use in for several)');
    const none = await load('a.yaml', beneficiaries('  - { column: gender, op: eq }\n'));
    expect(none.lines[0]).toContain('filter.0.value  eq needs a value');
  });

  it('refuses an enum value outside the column, listing the allowed values', async () => {
    const { lines } = await load('a.yaml', beneficiaries('  - { column: gender, op: in, value: [f, w] }\n'));
    expect(lines[0]).toContain('filter.0.value.1  "w" is not a value of gender: expected one of f, m, x');
  });

  it('refuses an unknown operator and kind with "did you mean" and the allowed values', async () => {
    const op = await load('a.yaml', beneficiaries('  - { column: gender, op: equals, value: f }\n'));
    expect(op.lines[0]).toMatch(
      /filter\.0\.op {2}"equals" is not allowed, did you mean "eq"\? \(expected one of eq, ne, in/,
    );
    const kind = await load('a.yaml', HEAD.replace('kind: unique', 'kind: uniqe') + 'dataset: beneficiaries\n');
    expect(kind.lines[0]).toBe(
      'indicators/a.yaml:2:7  kind  "uniqe" is not a kind, did you mean "unique"? (expected one of flow, stock, unique, ratio)',
    );
  });

  it('locates an unknown key at the key, with "did you mean"', async () => {
    const { lines } = await load(
      'a.yaml',
      beneficiaries('  - { column: gender, op: eq, value: f }\n').replace('filter:', 'filters:'),
    );
    expect(lines[0]).toBe('indicators/a.yaml:9:1  filters  unknown key "filters", did you mean "filter"?');
  });

  it("types filter values by the column's parser: oui, F, numbers and dates", async () => {
    const { failures, mine } = await load(
      'a.yaml',
      beneficiaries(
        [
          '  - { column: qpv, op: eq, value: oui }',
          '  - { column: gender, op: eq, value: F }',
          '  - { column: age, op: gt, value: "9" }',
          '  - { column: entry_date, op: gte, value: 2024-01-01 }',
          '',
        ].join('\n'),
      ),
    );
    expect(failures).toEqual([]);
    const filter = (mine[0]!.sources[0]!.definition as RunnableSource<'beneficiaries'>).filter!;
    const ctx = { ageAtEntry: (row: { age?: number }) => row.age } as unknown as IndicatorContext;
    const row = {
      beneficiary_id: 'b',
      site_id: 's',
      entry_date: '2024-03-01',
      gender: 'f' as const,
      qpv: true,
      age: 17,
    };
    // 17 > 9 as numbers (as text "17" < "9"); oui is true; F is the data's f.
    expect(filter(row, ctx)).toBe(true);
    expect(filter({ ...row, age: 8 }, ctx)).toBe(false);
    expect(filter({ ...row, qpv: false }, ctx)).toBe(false);
    expect(filter({ ...row, entry_date: '2023-12-31' }, ctx)).toBe(false);
  });

  it('compares a number column as numbers (gt: "999" on metrics.value)', async () => {
    const { mine } = await load(
      'a.yaml',
      `${HEAD.replace('unique', 'flow')}dataset: metrics\ndate: period_end\nvalue: value\nfilter:\n  - { column: value, op: gt, value: "999" }\n`,
    );
    const filter = (mine[0]!.sources[0]!.definition as RunnableSource<'metrics'>).filter!;
    const ctx = {} as IndicatorContext;
    const metric = { org_id: 'o', metric: 'm', period_start: '2024-01-01', period_end: '2024-12-31' };
    expect(filter({ ...metric, value: 1500 }, ctx)).toBe(true); // as text, "1500" < "999"
    expect(filter({ ...metric, value: 999 }, ctx)).toBe(false);
  });

  it('refuses gt on a column that has no order, and a level outside params.mobility_levels', async () => {
    const gt = await load('a.yaml', beneficiaries('  - { column: gender, op: gt, value: f }\n'));
    expect(gt.lines[0]).toContain('filter.0.op  gt compares numbers, amounts or dates; gender is enum');
    const level = await load('a.yaml', beneficiaries('  - { column: intake_level, op: eq, value: sever }\n'));
    expect(level.lines[0]).toContain(
      '"sever" is not a value of intake_level: expected one of severe, precarious, fragile, autonomous',
    );
  });
});

describe('money in YAML plug-ins', () => {
  it('reads a money column summed without a format in euros', async () => {
    const { failures, mine } = await load(
      'a.yaml',
      `${HEAD.replace('unique', 'flow')}dataset: investments\ndate: date\nvalue: amount_eur\n`,
    );
    expect(failures).toEqual([]);
    expect(mine[0]!.format).toBe('euros');
  });

  it('refuses a money column summed as a count', async () => {
    const { lines } = await load(
      'a.yaml',
      `${HEAD.replace('unique', 'flow')}format: count\ndataset: investments\ndate: date\nvalue: amount_eur\n`,
    );
    expect(lines[0]).toContain(
      'format  amount_eur is an amount in euros: format must be euros (or left out), not count',
    );
  });
});

describe('TypeScript plug-ins', () => {
  it('names the file and the field of an unknown date column', async () => {
    const { lines, mine } = await load(
      'women.ts',
      `import { defineIndicator } from 'impactkit';
export default defineIndicator({
  id: 'custom.women', kind: 'unique', dataset: 'beneficiaries', date: 'entry_dat',
  title: { en: 'W', fr: 'F' }, description: { en: 'W', fr: 'F' }, unit: { en: 'w', fr: 'f' },
  distinct: (row) => row.beneficiary_id,
});
`,
    );
    expect(mine).toEqual([]);
    expect(lines).toEqual(['indicators/women.ts  date  unknown column "entry_dat", did you mean "entry_date"?']);
  });
});
