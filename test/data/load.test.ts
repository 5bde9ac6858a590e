// fixtures/broken read through loadWorkspace: every problem located as the user's editor shows it,
// every good row kept, every row counted, and the rejects files. Expectations were written by hand
// from the fixture's files; each bad row is commented there in impact.yaml's dataset notes.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { parseCsvText } from '../../src/data/csv.js';
import type { ActionRow, BeneficiaryRow, Sourced } from '../../src/data/datasets.js';
import { type LoadResult, loadWorkspace, ProblemCollector } from '../../src/data/workspace.js';
import { describeProblem, type Problem } from '../../src/problems.js';
import { copyFixture } from '../helpers/cli.js';

const FIXTURE = new URL('../../fixtures/broken/', import.meta.url);
const base = realpathSync(mkdtempSync(join(tmpdir(), 'impact-load-')));
afterAll(() => rmSync(base, { recursive: true, force: true }));

interface Loaded {
  result: LoadResult;
  problems: Problem[];
  collector: ProblemCollector;
  actions: Sourced<ActionRow>[];
  beneficiaries: Sourced<BeneficiaryRow>[];
}

/** Loads a copy of fixtures/broken (the rejects files are written into the copy, not the repo). */
async function loadBroken(): Promise<Loaded & { root: string }> {
  const root = join(base, 'broken');
  copyFixture('broken', root);
  const problems: Problem[] = [];
  const collector = new ProblemCollector(5, (p) => problems.push(p));
  const actions: Sourced<ActionRow>[] = [];
  const beneficiaries: Sourced<BeneficiaryRow>[] = [];
  const result = await loadWorkspace(loadConfig(join(root, 'impact.yaml')), {
    sink: collector,
    stream: {
      actions: (row) => actions.push(row),
      beneficiaries: (row) => beneficiaries.push(row),
    },
  });
  return { root, result, problems, collector, actions, beneficiaries };
}

let loaded: Loaded & { root: string };
beforeAll(async () => {
  loaded = await loadBroken();
});

const ORGS = 'data/organisations.yaml';
const SITES = 'data/sites.csv';
const INV = 'data/investments.csv';
const ACTIONS = 'data/actions.csv';
const METRICS = 'data/metrics.csv';
const S1 = 'data/beneficiaries/site-s1.csv';
const S2 = 'data/beneficiaries/site-s2-no-entry-date.csv';

describe('the broken fixture itself', () => {
  it('holds an invalid UTF-8 byte on line 4 of actions.csv', () => {
    const bytes = readFileSync(new URL('data/actions.csv', FIXTURE));
    expect(bytes.includes(0xc9)).toBe(true); // "É" written as Latin-1 in a UTF-8 file
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  });

  it('has metrics.csv as a Windows-1252 CRLF export with ’ œ € é', () => {
    const bytes = readFileSync(new URL('data/metrics.csv', FIXTURE));
    for (const byte of [0x92, 0x9c, 0x80, 0xe9]) expect(bytes.includes(byte)).toBe(true); // ’ œ € é in cp1252
    expect(iconv.decode(bytes, 'win1252').split('\r\n')[0]).toBe(
      'Organisation;Site;Indicateur;Valeur;Début;Fin;Territoire',
    );
  });
});

describe('loadWorkspace over fixtures/broken: problems', () => {
  it('reports each bad row with its code, file, line and column', () => {
    const located = loaded.problems.map((p) => [p.code, p.file, p.line, p.column ?? null, p.severity]);
    // Dataset order (organisations, sites, investments, metrics, actions, beneficiaries), then file order and line.
    expect(located).toEqual([
      ['constraint-error', ORGS, 16, 'kind', 'error'], // kind: bank
      ['constraint-error', ORGS, 19, 'siren', 'error'], // 123456789 fails the Luhn check
      ['territory-error', ORGS, 23, 'territory', 'error'], // 99999
      ['format-error', ORGS, 27, null, 'error'], // - [LIST, not, a, record]
      ['extra-label', SITES, 1, 'notes', 'warning'],
      ['territory-error', SITES, 4, 'territory', 'error'], // 93100 is Montreuil's postal code
      ['row-constraint-error', SITES, 5, 'closed_on', 'error'],
      ['type-error', INV, 4, 'amount_eur', 'error'], // "12,50" in a "." file
      ['constraint-error', INV, 5, 'amount_eur', 'error'], // -500
      ['type-error', INV, 6, 'date', 'error'], // 2024-02-30
      ['foreign-key-error', INV, 7, 'investee_id', 'error'], // GHOST
      ['unique-error', INV, 8, 'investment_id', 'error'], // INV-2 again
      ['format-error', INV, 9, null, 'error'], // unclosed quote: swallows line 10 too
      ['type-error', METRICS, 4, 'value', 'error'], // douze
      ['row-constraint-error', METRICS, 5, 'period_end', 'error'],
      ['encoding-mismatch', ACTIONS, 4, null, 'warning'], // said once, with the setting that fixes it
      ['encoding-error', ACTIONS, 4, null, 'error'],
      ['constraint-error', S1, 4, 'birth_year', 'error'], // 1850
      ['type-error', S1, 5, 'qpv', 'error'], // peut-être
      ['foreign-key-error', S1, 6, 'site_id', 'error'], // GHOST-SITE
      ['row-constraint-error', S1, 7, 'exit_date', 'error'],
      ['blank-row', S1, 8, null, 'error'], // ;;;
      ['missing-cell', S1, 9, 'site_id', 'error'], // required and empty
      ['missing-cell', S1, 10, null, 'error'], // 3 cells
      ['extra-cell', S1, 11, null, 'error'], // 12 cells
      // The header lacks it: said once at line 1; each of its rows is rejected with it (rejects file).
      ['missing-label', S2, 1, 'entry_date', 'error'],
    ]);
    expect(loaded.collector.errors).toBe(24);
    expect(loaded.collector.warnings).toBe(2);
  });

  const find = (file: string, line: number): Problem => {
    const found = loaded.problems.find((p) => p.file === file && p.line === line && p.severity === 'error');
    if (!found) throw new Error(`no problem at ${file}:${line}`);
    return found;
  };
  const said = (file: string, line: number): string => describeProblem(find(file, line), 'en');

  it('words the problems for people, with the value as written', () => {
    expect(find(SITES, 4).value).toBe('93100');
    expect(said(SITES, 4)).toBe(
      'unknown commune code "93100" (looks like a postal code; the INSEE code of Montreuil is 93048)',
    );
    expect(said(INV, 8)).toBe('duplicate key investment_id, first seen at data/investments.csv:3');
    expect(said(INV, 6)).toBe('not a calendar date');
    expect(said(INV, 4)).toBe('not an amount in euros (e.g. 1234.56)');
    expect(said(INV, 5)).toBe('amount must be ≥ 0');
    expect(said(INV, 7)).toBe('unknown organisation "GHOST"');
    expect(said(INV, 9)).toBe('unclosed quote');
    expect(said(S1, 6)).toBe('unknown site "GHOST-SITE"');
    expect(said(ORGS, 19)).toBe('wrong SIREN check digit (Luhn)');
    expect(said(ORGS, 23)).toBe('unknown commune code "99999"');
    expect(said(ORGS, 27)).toBe('a record must be a map of column: value');
    expect(said(ACTIONS, 4)).toBe("bytes that are not valid utf-8 (set the dataset's encoding?)");
    const mismatch = loaded.problems.find((p) => p.code === 'encoding-mismatch');
    expect(mismatch && describeProblem(mismatch, 'en')).toBe(
      'this file looks like windows-1252, not utf-8: set encoding: windows-1252 for it (in files:, or for the dataset)',
    );
    expect(mismatch && describeProblem(mismatch, 'fr')).toBe(
      'ce fichier semble encodé en windows-1252, pas en utf-8\u00a0: indiquer encoding: windows-1252 pour lui (dans files:, ou pour le jeu de données)',
    );
    expect(said(METRICS, 4)).toBe('not a number (decimal comma, e.g. 1 234,5)');
    expect(said(S1, 5)).toBe('not a boolean (true/false, yes/no, oui/non, 1/0)');
    expect(said(S1, 7)).toBe('exit_date is before entry_date');
    expect(said(SITES, 5)).toBe('closed_on is before opened_on');
    expect(said(S1, 10)).toBe('3 cells but the header has 11');
    expect(said(S1, 11)).toBe('12 cells but the header has 11');
    expect(describeProblem(find(INV, 7), 'fr')).toBe('référence inconnue « GHOST » (jeu de données organisations)');
    expect(describeProblem(find(SITES, 4), 'fr')).toBe(
      'code commune inconnu « 93100 » (ressemble à un code postal ; code INSEE : Montreuil (93048))',
    );
  });
});

describe('loadWorkspace over fixtures/broken: rows', () => {
  it('keeps every good row, typed, with its source line', () => {
    const { result } = loaded;
    expect([...result.organisations.values()]).toEqual([
      {
        org_id: 'BDT',
        name: 'Banque des Territoires',
        kind: 'investor',
        siren: '180020026',
        territory: 'dep:75',
        source: { file: ORGS, line: 2 },
      },
      { org_id: 'FUND1', name: 'Fonds Mobilité', kind: 'fund', territory: 'dep:93', source: { file: ORGS, line: 7 } },
      {
        org_id: 'ENT1',
        name: 'Mobilité Solidaire',
        kind: 'association',
        siren: '732829320', // written "732 829 320"
        territory: 'com:93048',
        source: { file: ORGS, line: 11 },
      },
    ]);
    expect([...result.sites.values()]).toEqual([
      {
        site_id: 'S1',
        org_id: 'ENT1',
        name: 'Plateforme Montreuil',
        kind: 'mobility_platform',
        territory: 'com:93048',
        opened_on: '2020-03-01',
        source: { file: SITES, line: 2 },
      },
      {
        site_id: 'S2',
        org_id: 'ENT1',
        name: 'Plateforme Saint-Denis',
        kind: 'mobility_platform',
        territory: 'com:93066',
        opened_on: '2021-01-15',
        closed_on: '2024-06-30',
        source: { file: SITES, line: 3 },
      },
      {
        site_id: 'S3',
        org_id: 'FUND1',
        name: 'Sans type',
        kind: 'other', // empty kind: the default
        territory: 'dep:93',
        opened_on: '2023-01-01',
        source: { file: SITES, line: 6 },
      },
    ]);
    expect(result.investments).toEqual([
      {
        investment_id: 'INV-1',
        investor_id: 'BDT',
        investee_id: 'FUND1',
        amount_eur: 100_000_000, // "1 000 000" euros, in cents
        date: '2021-03-15',
        instrument: 'commitment',
        programme: 'Mobilité',
        source: { file: INV, line: 2 },
      },
      {
        investment_id: 'INV-2',
        investor_id: 'FUND1',
        investee_id: 'ENT1',
        amount_eur: 25_000_050,
        date: '2021-06-01',
        instrument: 'equity',
        programme: 'Mobilité',
        source: { file: INV, line: 3 },
      },
    ]);
    expect(loaded.actions.map((a) => [a.action_id, a.counterpart_id, a.territory, a.source.line])).toEqual([
      ['A1', 'ENT1', 'dep:93', 2],
      ['A2', 'FUND1', 'reg:11', 3],
      ['A4', undefined, undefined, 5],
    ]);
    expect(loaded.beneficiaries).toEqual([
      {
        beneficiary_id: 'B1',
        site_id: 'S1',
        entry_date: '2023-01-10',
        birth_year: 2001,
        gender: 'f',
        qpv: true,
        territory: 'com:93048',
        intake_level: 'severe',
        exit_date: '2023-06-30',
        exit_level: 'fragile',
        outcome: 'employment',
        source: { file: S1, line: 2 },
      },
      {
        beneficiary_id: 'B2',
        site_id: 'S1',
        entry_date: '2023-02-01',
        birth_year: 1999,
        gender: 'm',
        qpv: false,
        intake_level: 'precarious',
        source: { file: S1, line: 3 },
      },
      {
        beneficiary_id: 'B10',
        site_id: 'S2',
        entry_date: '2023-07-01',
        birth_year: 2005,
        gender: 'f',
        qpv: true,
        territory: 'com:93066',
        intake_level: 'fragile',
        exit_date: '2024-01-15',
        exit_level: 'autonomous',
        outcome: 'training',
        source: { file: S1, line: 12 },
      },
    ]);
  });

  it('reads the French Windows-1252 file: accents, decimal comma, dd/mm/yyyy, mapped headers', () => {
    expect(loaded.result.metrics).toEqual([
      {
        org_id: 'ENT1',
        site_id: 'S1',
        metric: 'Économies de main-d’œuvre (€)',
        value: 1234.56, // "1 234,56"
        period_start: '2023-01-01', // "01/01/2023"
        period_end: '2023-12-31',
        territory: 'com:93048',
        source: { file: METRICS, line: 2 },
      },
      {
        org_id: 'ENT1',
        metric: 'co2_avoided_t',
        value: 12.5,
        period_start: '2023-01-01',
        period_end: '2023-12-31',
        source: { file: METRICS, line: 3 },
      },
    ]);
  });

  it('counts every row as used or rejected, per file', () => {
    const counts = loaded.result.inputs.map((f) => [f.dataset, f.file, f.rows, f.used, f.rejected]);
    expect(counts).toEqual([
      ['organisations', ORGS, 7, 3, 4],
      ['sites', SITES, 5, 3, 2],
      ['investments', INV, 8, 2, 6], // lines 9-10 are one record: the unclosed quote runs to the end
      ['metrics', METRICS, 4, 2, 2],
      ['actions', ACTIONS, 4, 3, 1],
      ['beneficiaries', S1, 11, 3, 8],
      ['beneficiaries', S2, 2, 0, 2],
    ]);
    for (const f of loaded.result.inputs) expect(f.rows).toBe(f.used + f.rejected);
    const total = (k: 'rows' | 'used' | 'rejected') => loaded.result.inputs.reduce((n, f) => n + f[k], 0);
    expect([total('rows'), total('used'), total('rejected')]).toEqual([41, 16, 25]);
    expect(loaded.result.configured).toEqual([
      'organisations',
      'sites',
      'investments',
      'metrics',
      'actions',
      'beneficiaries',
    ]);
  });
});

describe('loadWorkspace over fixtures/broken: rejects files', () => {
  /** The rejects file of one source file, decoded with the encoding it is written in. */
  const rejectsOf = (name: string, encoding = 'utf8'): string[][] =>
    parseCsvText(iconv.decode(readFileSync(join(loaded.root, '.impact', 'rejects', name)), encoding)).map(
      (r) => r.cells,
    );

  it('writes one file per source file with rejected rows, named after it', () => {
    const written = Object.fromEntries(
      Object.entries(loaded.result.rejectsWritten).map(([d, files]) => [
        d,
        files.map((f) => f.slice(join(loaded.root, '.impact', 'rejects').length + 1)),
      ]),
    );
    expect(written).toEqual({
      organisations: ['organisations/organisations.csv'],
      sites: ['sites/sites.csv'],
      investments: ['investments/investments.csv'],
      metrics: ['metrics/metrics.csv'],
      actions: ['actions/actions.csv'],
      beneficiaries: ['beneficiaries/site-s1.csv', 'beneficiaries/site-s2-no-entry-date.csv'],
    });
  });

  it('lists exactly the rejected rows, with codes and reasons first', () => {
    const where = (name: string, encoding?: string) => rejectsOf(name, encoding).map((r) => r.slice(0, 2).join(' '));
    expect(where('organisations/organisations.csv')).toEqual([
      '_line _codes',
      '16 constraint-error',
      '19 constraint-error',
      '23 territory-error',
      '27 format-error',
    ]);
    expect(where('sites/sites.csv')).toEqual(['_line _codes', '4 territory-error', '5 row-constraint-error']);
    expect(where('investments/investments.csv')).toEqual([
      '_line _codes',
      '4 type-error',
      '5 constraint-error',
      '6 type-error',
      '7 foreign-key-error',
      '8 unique-error',
      '9 format-error',
    ]);
    expect(where('actions/actions.csv')).toEqual(['_line _codes', '4 encoding-error']);
    expect(where('metrics/metrics.csv', 'win1252')).toEqual(['_line _codes', '4 type-error', '5 row-constraint-error']);
    expect(where('beneficiaries/site-s1.csv')).toEqual([
      '_line _codes',
      '4 constraint-error',
      '5 type-error',
      '6 foreign-key-error',
      '7 row-constraint-error',
      '8 blank-row',
      '9 missing-cell',
      '10 missing-cell',
      '11 extra-cell',
    ]);
    expect(where('beneficiaries/site-s2-no-entry-date.csv')).toEqual([
      '_line _codes',
      '2 missing-label',
      '3 missing-label',
    ]);
  });

  it('keeps the source file’s own header and cells, so a fixed row can be copied back', () => {
    expect(rejectsOf('sites/sites.csv')).toEqual([
      [
        '_line',
        '_codes',
        '_reasons',
        'site_id',
        'org_id',
        'name',
        'kind',
        'territory',
        'opened_on',
        'closed_on',
        'notes',
      ],
      [
        '4',
        'territory-error',
        'territory: unknown commune code "93100" (looks like a postal code; the INSEE code of Montreuil is 93048)',
        'S-POSTAL',
        'ENT1',
        'Postal code',
        'mobility_platform',
        '93100',
        '2021-01-01',
        '',
        '',
      ],
      [
        '5',
        'row-constraint-error',
        'closed_on: closed_on is before opened_on',
        'S-CLOSED',
        'ENT1',
        'Closed early',
        'other',
        '93',
        '2022-05-01',
        '2022-04-30',
        '',
      ],
    ]);
  });

  it('writes a French export’s rejects in its own dialect: Windows-1252, semicolons, French headers, decimal commas', () => {
    const bytes = readFileSync(join(loaded.root, '.impact', 'rejects', 'metrics', 'metrics.csv'));
    // "Début" in Windows-1252 is one byte 0xE9, not UTF-8's C3 A9.
    expect(bytes.includes(Buffer.from([0xc3, 0xa9]))).toBe(false);
    const lines = iconv.decode(bytes, 'win1252').split('\n');
    expect(lines[0]).toBe('_line;_codes;_reasons;Organisation;Site;Indicateur;Valeur;Début;Fin;Territoire');
    expect(lines[1]).toBe(
      '4;type-error;value: not a number (decimal comma, e.g. 1 234,5);ENT1;S1;jobs_created;douze;01/01/2023;31/12/2023;',
    );
  });

  it('gives a row of a file lacking a required column its own cells, as written', () => {
    expect(rejectsOf('beneficiaries/site-s2-no-entry-date.csv').at(-1)).toEqual([
      '3',
      'missing-label',
      'entry_date: required column is missing from the header',
      'B21',
      'S2',
      '2002',
    ]);
  });

  it('removes a dataset’s stale rejects file once it is clean', async () => {
    const root = join(base, 'clean-again');
    copyFixture('broken', root);
    const config = loadConfig(join(root, 'impact.yaml'));
    await loadWorkspace(config, { sink: new ProblemCollector() });
    writeFileSync(join(root, 'data', 'actions.csv'), 'action_id,type,date,org_id\nA1,orientation,2022-03-01,BDT\n');
    const second = await loadWorkspace(config, { sink: new ProblemCollector() });
    expect(second.rejectsWritten.actions).toBeUndefined();
    expect(() => readFileSync(join(root, '.impact', 'rejects', 'actions', 'actions.csv'))).toThrow(/ENOENT/);
    expect(second.rejectsWritten.sites).toEqual([join(root, '.impact', 'rejects', 'sites', 'sites.csv')]);
  });
});

describe('loadWorkspace: unreadable sources', () => {
  it('reports a YAML or CSV path that is a folder as a source-error, not a crash', async () => {
    const root = join(base, 'folders');
    mkdirSync(join(root, 'data', 'organisations.yaml'), { recursive: true });
    mkdirSync(join(root, 'data', 'sites.csv'), { recursive: true });
    writeFileSync(
      join(root, 'impact.yaml'),
      [
        'version: 1',
        'name: Folders',
        'range: { from: 2024-01-01, to: 2024-12-31 }',
        'datasets:',
        '  organisations: data/organisations.yaml',
        '  sites: data/sites.csv',
        '',
      ].join('\n'),
    );
    const problems: Problem[] = [];
    const result = await loadWorkspace(loadConfig(join(root, 'impact.yaml')), {
      sink: new ProblemCollector(5, (p) => problems.push(p)),
    });
    expect(problems.map((p) => [p.code, p.file, p.args?.reason])).toEqual([
      ['source-error', 'data/organisations.yaml', expect.stringMatching(/^EISDIR/)],
      ['source-error', 'data/sites.csv', expect.stringMatching(/^EISDIR/)],
    ]);
    expect(result.inputs.map((f) => [f.file, f.rows])).toEqual([
      ['data/organisations.yaml', 0],
      ['data/sites.csv', 0],
    ]);
  });
});
