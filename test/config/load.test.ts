import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Config,
  ConfigError,
  type ConfigIssue,
  formatConfigIssue,
  parseConfigText,
} from '../../src/config/index.js';

const FILE = '/ws/impact.yaml';

/** The impact.yaml example of CONTRACT §2, copied verbatim. */
const contractExample = (): string => readFileSync(new URL('./contract-example.yaml', import.meta.url), 'utf8');

function issuesOf(text: string): ConfigIssue[] {
  try {
    parseConfigText(text, FILE);
  } catch (e) {
    if (e instanceof ConfigError) return e.issues;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

const minimal = ['version: 1', 'name: Test', 'range: { from: 2024-01-01, to: 2024-12-31 }'];

describe('parseConfigText: the CONTRACT §2 example', () => {
  const c: Config = parseConfigText(contractExample(), FILE);

  it('reads the top-level settings', () => {
    expect(c.file).toBe('/ws/impact.yaml');
    expect(c.root).toBe('/ws');
    expect(c.version).toBe(1);
    expect(c.name).toBe('Innovation sociale dans les territoires');
    expect(c.reportingEntity).toBe('BDT');
    expect(c.locale).toBe('fr');
    expect(c.range).toEqual({ from: '2019-01-01', to: '2025-12-31' });
    expect(c.breakdown).toEqual([
      { dimension: 'territory', level: 'departement' },
      { dimension: 'period', level: 'year' },
    ]);
    expect(c.params).toEqual({
      youth_age: [16, 25],
      mobility_levels: ['severe', 'precarious', 'fragile', 'autonomous'],
      precarity_threshold: 'fragile',
    });
    expect(c.indicators).toEqual(['*']);
    expect(c.plugins).toEqual(['indicators/*.ts', 'indicators/*.yaml']);
    expect(c.privacy).toEqual({ minCount: 0 });
  });

  it('reads the full beneficiaries spec, normalising column keys', () => {
    expect(c.datasets.beneficiaries).toEqual({
      name: 'beneficiaries',
      files: ['data/beneficiaries/*.csv'],
      formats: [undefined],
      store: true,
      delimiter: ';',
      decimal: ',',
      dateFormat: 'dd/mm/yyyy',
      encoding: 'windows-1252',
      columns: { identifiant: 'beneficiary_id', date_entree: 'entry_date' },
      values: {},
    });
  });

  it('gives bare-string datasets the defaults', () => {
    expect(c.datasets.sites).toEqual({
      name: 'sites',
      files: ['data/sites.csv'],
      formats: [undefined],
      store: false,
      decimal: '.',
      dateFormat: 'yyyy-mm-dd',
      columns: {},
      values: {},
    });
    expect(c.datasets.sites).not.toHaveProperty('delimiter');
    // Left to detection, file by file.
    expect(c.datasets.sites).not.toHaveProperty('encoding');
    // In reference order: a dataset only refers to those before it.
    expect(Object.keys(c.datasets)).toEqual([
      'organisations',
      'sites',
      'investments',
      'metrics',
      'actions',
      'beneficiaries',
    ]);
  });

  it('keeps target periods and territories as text and records their lines', () => {
    expect(c.targets).toEqual([
      { indicator: 'mobility.platforms_open', period: '2024', op: '>=', value: 26, line: 28 },
      { indicator: 'mobility.lift_rate', territory: 'dep:93', period: '2025', op: '>=', value: 0.4, line: 29 },
    ]);
  });
});

describe('parseConfigText: values and defaults', () => {
  it('applies every default to a minimal config', () => {
    const c = parseConfigText(minimal.join('\n'), FILE);
    expect(c.locale).toBe('en');
    expect(c.breakdown).toEqual([]);
    expect(c.datasets).toEqual({});
    expect(c.indicators).toEqual(['*']);
    expect(c.plugins).toEqual([]);
    expect(c.targets).toEqual([]);
    expect(c.privacy).toEqual({ minCount: 0 });
    expect(c.params.youth_age).toEqual([16, 25]);
    expect(c).not.toHaveProperty('reportingEntity');
  });

  it('keeps codes as written and types only numeric slots', () => {
    const text = [
      ...minimal,
      'params: { zone: 01, count: 12, weight: 1.5, strict: true, precarity_threshold: precarious }',
      'datasets: { sites: { files: s.csv, encoding: CP1252, columns: { " Code Site ": site_id } } }',
      'targets: [{ indicator: x, territory: 01, period: 2024-Q2, op: "<", value: 3 }]',
      'privacy: { min_count: 5 }',
    ].join('\n');
    const c = parseConfigText(text, FILE);
    expect(c.params).toMatchObject({
      zone: '01',
      count: 12,
      weight: 1.5,
      strict: true,
      precarity_threshold: 'precarious',
    });
    expect(c.datasets.sites?.encoding).toBe('windows-1252');
    expect(c.datasets.sites?.columns).toEqual({ 'code site': 'site_id' });
    expect(c.targets[0]).toMatchObject({ territory: '01', period: '2024-Q2', op: '<', value: 3, line: 6 });
    expect(c.privacy.minCount).toBe(5);
  });
});

describe('parseConfigText: metrics', () => {
  it('reads titles and units of reported metrics, one text standing for both languages', () => {
    const text = [
      ...minimal,
      'metrics:',
      '  co2_avoided_t: { title: { fr: CO₂ évité, en: CO₂ avoided }, unit: t CO₂ }',
      '  jobs_created: { unit: { fr: emplois, en: jobs } }',
    ].join('\n');
    expect(parseConfigText(text, FILE).metrics).toEqual({
      co2_avoided_t: { title: { en: 'CO₂ avoided', fr: 'CO₂ évité' }, unit: { en: 't CO₂', fr: 't CO₂' } },
      jobs_created: { unit: { en: 'jobs', fr: 'emplois' } },
    });
    expect(parseConfigText(minimal.join('\n'), FILE).metrics).toEqual({});
  });

  it('locates an unknown key or a title missing its French', () => {
    const issues = issuesOf(
      [...minimal, 'metrics:', '  co2: { titel: CO₂ }', '  jobs: { title: { en: Jobs } }'].join('\n'),
    );
    expect(issues.map((i) => [i.line, i.path])).toEqual([
      [5, 'metrics.co2.titel'],
      [6, 'metrics.jobs.title'],
    ]);
    expect(issues[0]?.message).toContain('title');
  });
});

describe('parseConfigText: problems', () => {
  it('reports four different mistakes at once, each located', () => {
    const text = [
      'version: 1',
      'name: Test',
      'locale: de',
      'range: { from: 2024-02-30, to: 2024-12-31 }',
      'datasets:',
      '  sites: data/sites.csv',
      '  beneficiaries:',
      '    files: data/b.csv',
      '    store: maybe',
      'targets:',
      '  - { indicator: a, op: ">=", value: 1 }',
      '  - { indicator: b, op: "=>", value: 2 }',
    ].join('\n');
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.line, i.col, i.path])).toEqual([
      [3, 9, 'locale'],
      [4, 16, 'range.from'],
      [9, 12, 'datasets.beneficiaries.store'],
      [12, 25, 'targets.1.op'],
    ]);
    expect(issues[0]).toEqual({ line: 3, col: 9, path: 'locale', message: 'got "de"', expected: 'one of en, fr' });
    expect(issues[1]?.message).toBe('"2024-02-30" is not a calendar date');
    expect(issues[2]?.expected).toBe('true or false');
    expect(issues[3]?.expected).toBe('one of ">=", ">", "<=", "<", "=="');
  });

  it('formats an issue as file:line:col  path  message  (expected …)', () => {
    const [issue] = issuesOf([...minimal, 'locale: de'].join('\n'));
    expect(formatConfigIssue('impact.yaml', issue as ConfigIssue)).toBe(
      'impact.yaml:4:9  locale  got "de"  (expected one of en, fr)',
    );
  });

  it('lists the problems in the error message too', () => {
    expect(() => parseConfigText('version: 2\nname: x\nrange: { from: 2024-01-01, to: 2023-01-01 }', FILE)).toThrow(
      /impact\.yaml: 2 problems in the config\n {2}impact\.yaml:1:10 {2}version {2}got 2 {2}\(expected 1\)\n {2}impact\.yaml:3:32 {2}range\.to/,
    );
  });

  it('rejects unknown keys with a did-you-mean', () => {
    const text = [
      ...minimal,
      'breakdwon: [period]',
      'reporting_entitiy: BDT',
      'datasets: { beneficiary: b.csv }',
      'colour: red',
    ];
    expect(issuesOf(text.join('\n'))).toEqual([
      { line: 4, col: 1, path: 'breakdwon', message: 'unknown key `breakdwon`, did you mean `breakdown`?' },
      {
        line: 5,
        col: 1,
        path: 'reporting_entitiy',
        message: 'unknown key `reporting_entitiy`, did you mean `reporting_entity`?',
      },
      {
        line: 6,
        col: 13,
        path: 'datasets.beneficiary',
        message: 'unknown key `beneficiary`, did you mean `beneficiaries`?',
      },
      expect.objectContaining({ line: 7, col: 1, path: 'colour', message: 'unknown key `colour`' }),
    ]);
  });

  it('points a missing key at the map that lacks it', () => {
    const issues = issuesOf('version: 1\nrange:\n  from: 2024-01-01\n');
    expect(issues).toEqual([
      { line: 1, col: 1, path: 'name', message: 'is required', expected: 'a non-empty name' },
      { line: 3, col: 3, path: 'range.to', message: 'is required', expected: 'a date YYYY-MM-DD' },
    ]);
  });

  it('locates a YAML syntax error', () => {
    const issues = issuesOf('version: 1\nname: [a, b\nrange: x\n');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 3, col: 1, path: '' });
    expect(issues[0]?.message).toMatch(/^YAML syntax error: /);
  });

  it('reports a duplicate key at its second occurrence', () => {
    const issues = issuesOf([...minimal, 'locale: fr', 'locale: en'].join('\n'));
    expect(issues).toEqual([
      {
        line: 5,
        col: 1,
        path: 'locale',
        message: 'duplicate key `locale`, first given on line 4',
        expected: 'each key once',
      },
    ]);
  });

  it('checks params and the meaning of their values', () => {
    const text = [...minimal, 'params:', '  youth_age: [26, 16]', '  precarity_threshold: poor'].join('\n');
    expect(issuesOf(text).map((i) => [i.line, i.col, i.path, i.message])).toEqual([
      [5, 14, 'params.youth_age', 'the youth age range [26, 16] is reversed'],
      [6, 24, 'params.precarity_threshold', '"poor" is not one of mobility_levels'],
    ]);
  });

  it('stops an alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const issues = issuesOf([...minimal, 'params:', ...bomb.map((l) => `  ${l}`)].join('\n'));
    expect(issues.map((i) => i.message)).toEqual(['too many aliases']);
  });

  it('refuses an empty file and a document that is not a map', () => {
    expect(issuesOf('# nothing\n')[0]?.message).toBe('the config is empty');
    expect(issuesOf('- a\n')[0]).toMatchObject({ line: 1, col: 1, path: '', message: 'got a list' });
  });
});

describe('parseConfigText: datasets read from the store only', () => {
  it('accepts no files with store: true (rows from impact import), and refuses no files without it', () => {
    const config = parseConfigText(
      [...minimal, 'datasets:', '  sites: { store: true }', '  beneficiaries: { files: [], store: true }'].join('\n'),
      FILE,
    );
    expect(config.datasets.sites).toMatchObject({ files: [], store: true });
    expect(config.datasets.beneficiaries).toMatchObject({ files: [], store: true });
    const issues = issuesOf([...minimal, 'datasets:', '  beneficiaries: { files: [] }'].join('\n'));
    expect(issues.map((i) => [i.line, i.path, i.message])).toEqual([
      [5, 'datasets.beneficiaries.files', 'no files: list at least one, or set store: true to read imported rows only'],
    ]);
  });
});
