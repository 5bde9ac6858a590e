// `impact validate` run as a child process over copies of fixtures/example and fixtures/broken:
// exit codes, what goes to stdout and stderr, --json, --errors-out, --max-errors, languages, colour,
// pipes and internal errors. Expected lines were written by hand from the fixtures' files.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvText } from '../../src/data/csv.js';
import { copyFixture, impact, ROOT, type Run, shell, tempDir } from '../helpers/cli.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function fixture(name: string): string {
  const dir = copyFixture(name);
  made.push(dir);
  return dir;
}
function temp(): string {
  const dir = tempDir('impact-cli-');
  made.push(dir);
  return dir;
}

const ESC = '\x1b[';
const problemLines = (run: Run): string[] => run.stdout.split('\n').filter((l) => /^ {2}data\//.test(l));

// Every problem of fixtures/broken as `impact validate` lists it: codes in alphabetical order, then
// in reading order (datasets organisations, sites, investments, metrics, actions, beneficiaries).
const BROKEN_SCREEN = [
  'blank-row (1)',
  '  data/beneficiaries/site-s1.csv:8  every cell is empty',
  'constraint-error (4)',
  '  data/organisations.yaml:16  kind  "bank"  not one of investor, fund, enterprise, association, foundation, company, public_body',
  '  data/organisations.yaml:19  siren  "123456789"  wrong SIREN check digit (Luhn)',
  '  data/investments.csv:5  amount_eur  "-500"  amount must be ≥ 0',
  '  data/beneficiaries/site-s1.csv:4  birth_year  "1850"  must be between 1900 and 2100',
  'encoding-error (1)',
  "  data/actions.csv:4  bytes that are not valid utf-8 (set the dataset's encoding?)",
  'encoding-mismatch (1)',
  '  data/actions.csv:4  "A-R\uFFFDUNION,support,2022-05-01,BDT,ENT1,974"  this file looks like windows-1252, not utf-8: set encoding: windows-1252 for it (in files:, or for the dataset)',
  'extra-cell (1)',
  '  data/beneficiaries/site-s1.csv:11  12 cells but the header has 11',
  'extra-label (1)',
  '  data/sites.csv:1  notes  "notes"  unknown column, ignored',
  'foreign-key-error (2)',
  '  data/investments.csv:7  investee_id  "GHOST"  unknown organisation "GHOST"',
  '  data/beneficiaries/site-s1.csv:6  site_id  "GHOST-SITE"  unknown site "GHOST-SITE"',
  'format-error (2)',
  '  data/organisations.yaml:27  a record must be a map of column: value',
  '  data/investments.csv:9  unclosed quote',
  'missing-cell (2)',
  '  data/beneficiaries/site-s1.csv:9  site_id  required value is empty',
  '  data/beneficiaries/site-s1.csv:10  3 cells but the header has 11',
  // Said once, at the header; its two rows are rejected with it (in the rejects file).
  'missing-label (1)',
  '  data/beneficiaries/site-s2-no-entry-date.csv:1  entry_date  required column is missing from the header',
  'row-constraint-error (3)',
  '  data/sites.csv:5  closed_on  "2022-04-30"  closed_on is before opened_on',
  '  data/metrics.csv:5  period_end  "2023-01-01"  period_end is before period_start',
  '  data/beneficiaries/site-s1.csv:7  exit_date  "2023-04-01"  exit_date is before entry_date',
  'territory-error (2)',
  '  data/organisations.yaml:23  territory  "99999"  unknown commune code "99999"',
  '  data/sites.csv:4  territory  "93100"  unknown commune code "93100" (looks like a postal code; the INSEE code of Montreuil is 93048)',
  'type-error (4)',
  '  data/investments.csv:4  amount_eur  "12,50"  not an amount in euros (e.g. 1234.56)',
  '  data/investments.csv:6  date  "2024-02-30"  not a calendar date',
  '  data/metrics.csv:4  value  "douze"  not a number (decimal comma, e.g. 1 234,5)',
  '  data/beneficiaries/site-s1.csv:5  qpv  "peut-être"  not a boolean (true/false, yes/no, oui/non, 1/0)',
  'unique-error (1)',
  '  data/investments.csv:8  investment_id  "INV-2"  duplicate key investment_id, first seen at data/investments.csv:3',
];
const PROBLEM_COUNT = 26; // 24 errors (23 rows, the header lacking entry_date) and 2 warnings

describe('impact validate: the example workspace', () => {
  it('is valid: exit 0, a summary on stdout, nothing on stderr', () => {
    const ws = fixture('example');
    const run = impact(['validate', '-c', join(ws, 'impact.yaml')]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Espace de travail\u00a0: Innovation sociale dans les territoires'); // locale: fr
    expect(run.stdout).toMatch(/✔ valide\u00a0: 5\s017 lignes = 5\s017 utilisées \+ 0 rejetée\n$/);
  });
});

describe('impact validate: the broken workspace', () => {
  let ws = '';
  let run: Run;
  beforeAll(() => {
    ws = fixture('broken');
    run = impact(['validate', '--max-errors', '100'], { cwd: ws });
  });

  it('exits 1 and lists every problem located as file:line  column  value  message', () => {
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const listed = run.stdout.split('\n').filter((l) => /^[a-z-]+ \(\d+\)$/.test(l) || l.startsWith('  data/'));
    expect(listed).toEqual(BROKEN_SCREEN);
  });

  it('accounts for every row and names the rejects files', () => {
    const tail = run.stdout.slice(run.stdout.indexOf('✖'));
    expect(tail).toBe(
      [
        '✖ rows rejected: 41 rows = 16 used + 25 rejected, 2 warnings',
        '  rejected rows and reasons: .impact/rejects/organisations/organisations.csv',
        '  rejected rows and reasons: .impact/rejects/sites/sites.csv',
        '  rejected rows and reasons: .impact/rejects/investments/investments.csv',
        '  rejected rows and reasons: .impact/rejects/metrics/metrics.csv',
        '  rejected rows and reasons: .impact/rejects/actions/actions.csv',
        '  rejected rows and reasons: .impact/rejects/beneficiaries/site-s1.csv',
        '  rejected rows and reasons: .impact/rejects/beneficiaries/site-s2-no-entry-date.csv',
        '',
      ].join('\n'),
    );
  });

  it('writes the rejects file with exactly the rejected rows and their reasons', () => {
    const investments = parseCsvText(readFileSync(join(ws, '.impact/rejects/investments/investments.csv'), 'utf8'));
    expect(investments.map((r) => r.cells.slice(0, 3))).toEqual([
      ['_line', '_codes', '_reasons'],
      ['4', 'type-error', 'amount_eur: not an amount in euros (e.g. 1234.56)'],
      ['5', 'constraint-error', 'amount_eur: amount must be ≥ 0'],
      ['6', 'type-error', 'date: not a calendar date'],
      ['7', 'foreign-key-error', 'investee_id: unknown organisation "GHOST"'],
      ['8', 'unique-error', 'investment_id: duplicate key investment_id, first seen at data/investments.csv:3'],
      ['9', 'format-error', 'unclosed quote'],
    ]);
    // The rejects file is opened in a spreadsheet: a formula-looking cell (-500) is neutralised as errors.csv does.
    expect(investments[2]?.cells[3 + 3]).toBe("'-500");
    // The unclosed quote keeps the rest of the file in its last cell, so nothing read is lost.
    expect(investments.at(-1)?.cells.at(-1)).toBe('Mobilité\nINV-8,BDT,ENT1,2000,2023-07-01,loan,\n');
  });

  it('lists at most --max-errors problems and counts the rest', () => {
    const few = impact(['validate', '--max-errors', '3'], { cwd: ws });
    expect(few.status).toBe(1);
    expect(problemLines(few)).toEqual([
      '  data/beneficiaries/site-s1.csv:8  every cell is empty',
      '  data/organisations.yaml:16  kind  "bank"  not one of investor, fund, enterprise, association, foundation, company, public_body',
      '  data/organisations.yaml:19  siren  "123456789"  wrong SIREN check digit (Luhn)',
    ]);
    const more = [...few.stdout.matchAll(/^ {2}… (\d+) more$/gm)].map((m) => Number(m[1]));
    expect(more.reduce((a, b) => a + b, 0)).toBe(PROBLEM_COUNT - 3);
    expect(few.stdout).toContain('constraint-error (4)\n  data/organisations.yaml:16');
    expect(few.stdout).toContain('  … 2 more\n\nencoding-error (1)\n  … 1 more\n');
  });

  it('writes every problem to --errors-out, spreadsheet-safe', () => {
    const out = impact(['validate', '--errors-out', 'out/errors.csv'], { cwd: ws });
    expect(out.status).toBe(1);
    expect(readFileSync(join(ws, 'out/errors.csv'), 'utf8')).toBe(
      [
        'file,line,column,value,code,severity,message',
        'data/organisations.yaml,16,kind,bank,constraint-error,error,"not one of investor, fund, enterprise, association, foundation, company, public_body"',
        'data/organisations.yaml,19,siren,123456789,constraint-error,error,wrong SIREN check digit (Luhn)',
        'data/organisations.yaml,23,territory,99999,territory-error,error,"unknown commune code ""99999"""',
        'data/organisations.yaml,27,,,format-error,error,a record must be a map of column: value',
        'data/sites.csv,1,notes,notes,extra-label,warning,"unknown column, ignored"',
        'data/sites.csv,4,territory,93100,territory-error,error,"unknown commune code ""93100"" (looks like a postal code; the INSEE code of Montreuil is 93048)"',
        'data/sites.csv,5,closed_on,2022-04-30,row-constraint-error,error,closed_on is before opened_on',
        'data/investments.csv,4,amount_eur,"12,50",type-error,error,not an amount in euros (e.g. 1234.56)',
        // A leading "-" is neutralised so a spreadsheet does not read the cell as a formula.
        "data/investments.csv,5,amount_eur,'-500,constraint-error,error,amount must be ≥ 0",
        'data/investments.csv,6,date,2024-02-30,type-error,error,not a calendar date',
        'data/investments.csv,7,investee_id,GHOST,foreign-key-error,error,"unknown organisation ""GHOST"""',
        'data/investments.csv,8,investment_id,INV-2,unique-error,error,"duplicate key investment_id, first seen at data/investments.csv:3"',
        'data/investments.csv,9,,,format-error,error,unclosed quote',
        'data/metrics.csv,4,value,douze,type-error,error,"not a number (decimal comma, e.g. 1 234,5)"',
        'data/metrics.csv,5,period_end,2023-01-01,row-constraint-error,error,period_end is before period_start',
        'data/actions.csv,4,,"A-R\uFFFDUNION,support,2022-05-01,BDT,ENT1,974",encoding-mismatch,warning,"this file looks like windows-1252, not utf-8: set encoding: windows-1252 for it (in files:, or for the dataset)"',
        "data/actions.csv,4,,,encoding-error,error,bytes that are not valid utf-8 (set the dataset's encoding?)",
        'data/beneficiaries/site-s1.csv,4,birth_year,1850,constraint-error,error,must be between 1900 and 2100',
        'data/beneficiaries/site-s1.csv,5,qpv,peut-être,type-error,error,"not a boolean (true/false, yes/no, oui/non, 1/0)"',
        'data/beneficiaries/site-s1.csv,6,site_id,GHOST-SITE,foreign-key-error,error,"unknown site ""GHOST-SITE"""',
        'data/beneficiaries/site-s1.csv,7,exit_date,2023-04-01,row-constraint-error,error,exit_date is before entry_date',
        'data/beneficiaries/site-s1.csv,8,,,blank-row,error,every cell is empty',
        'data/beneficiaries/site-s1.csv,9,site_id,,missing-cell,error,required value is empty',
        'data/beneficiaries/site-s1.csv,10,,,missing-cell,error,3 cells but the header has 11',
        'data/beneficiaries/site-s1.csv,11,,,extra-cell,error,12 cells but the header has 11',
        'data/beneficiaries/site-s2-no-entry-date.csv,1,entry_date,,missing-label,error,required column is missing from the header',
        '',
      ].join('\n'),
    );
  });

  it('--json: one JSON document on stdout with counts per dataset and file, problems and rejects', () => {
    const json = impact(['validate', '--json'], { cwd: ws });
    expect(json.status).toBe(1);
    expect(json.stderr).toBe('');
    const report = JSON.parse(json.stdout);
    expect(Object.keys(report)).toEqual([
      'valid',
      'workspace',
      'datasets',
      'quality',
      'problems',
      'indicators',
      'rejects',
    ]);
    expect(report.valid).toBe(false);
    expect(report.workspace).toBe('Broken workspace');
    expect(report.quality).toEqual({ rows: 41, used: 16, rejected: 25, errors: 24, warnings: 2 });
    const perDataset = report.datasets.map((d: any) => [d.dataset, d.files.length, d.rows, d.used, d.rejected]);
    expect(perDataset).toEqual([
      ['organisations', 1, 7, 3, 4],
      ['sites', 1, 5, 3, 2],
      ['investments', 1, 8, 2, 6],
      ['metrics', 1, 4, 2, 2],
      ['actions', 1, 4, 3, 1],
      ['beneficiaries', 2, 13, 3, 10],
    ]);
    const beneficiaryFiles = report.datasets.at(-1).files;
    expect(beneficiaryFiles.map((f: any) => [f.file, f.rows, f.used, f.rejected])).toEqual([
      ['data/beneficiaries/site-s1.csv', 11, 3, 8],
      ['data/beneficiaries/site-s2-no-entry-date.csv', 2, 0, 2],
    ]);
    const sitesFile = report.datasets[1].files[0];
    const sha = createHash('sha256')
      .update(readFileSync(join(ws, 'data/sites.csv')))
      .digest('hex');
    expect(sitesFile).toEqual({ dataset: 'sites', file: 'data/sites.csv', sha256: sha, rows: 5, used: 3, rejected: 2 });
    expect(report.problems.map((p: any) => [p.code, p.severity, p.count])).toEqual([
      ['blank-row', 'error', 1],
      ['constraint-error', 'error', 4],
      ['encoding-error', 'error', 1],
      ['encoding-mismatch', 'warning', 1],
      ['extra-cell', 'error', 1],
      ['extra-label', 'warning', 1],
      ['foreign-key-error', 'error', 2],
      ['format-error', 'error', 2],
      ['missing-cell', 'error', 2],
      ['missing-label', 'error', 1],
      ['row-constraint-error', 'error', 3],
      ['territory-error', 'error', 2],
      ['type-error', 'error', 4],
      ['unique-error', 'error', 1],
    ]);
    const unique = report.problems.find((p: any) => p.code === 'unique-error').examples[0];
    expect(unique).toMatchObject({
      code: 'unique-error',
      severity: 'error',
      dataset: 'investments',
      file: 'data/investments.csv',
      line: 8,
      column: 'investment_id',
      value: 'INV-2',
      message: 'duplicate key investment_id, first seen at data/investments.csv:3',
    });
    expect(report.rejects).toEqual({
      organisations: ['.impact/rejects/organisations/organisations.csv'],
      sites: ['.impact/rejects/sites/sites.csv'],
      investments: ['.impact/rejects/investments/investments.csv'],
      metrics: ['.impact/rejects/metrics/metrics.csv'],
      actions: ['.impact/rejects/actions/actions.csv'],
      beneficiaries: [
        '.impact/rejects/beneficiaries/site-s1.csv',
        '.impact/rejects/beneficiaries/site-s2-no-entry-date.csv',
      ],
    });
  });

  it('speaks French when the workspace says locale: fr', () => {
    const fr = fixture('broken');
    const configFile = join(fr, 'impact.yaml');
    writeFileSync(configFile, readFileSync(configFile, 'utf8').replace('locale: en', 'locale: fr'));
    const text = impact(['validate', '--max-errors', '100'], { cwd: fr });
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('Espace de travail\u00a0: Broken workspace');
    expect(text.stdout).toContain('  data/beneficiaries/site-s1.csv:9  site_id  valeur obligatoire vide');
    expect(text.stdout).toContain(
      '  data/investments.csv:7  investee_id  "GHOST"  référence inconnue « GHOST » (jeu de données organisations)',
    );
    expect(text.stdout).toContain(
      '  data/investments.csv:8  investment_id  "INV-2"  clé en double investment_id, déjà vue en data/investments.csv:3',
    );
    expect(text.stdout).toMatch(/✖ lignes rejetées\u00a0: 41 lignes = 16 utilisées \+ 25 rejetées, 2 avertissements\n/);
    const reasons = readFileSync(join(fr, '.impact/rejects/beneficiaries/site-s1.csv'), 'utf8');
    expect(reasons).toContain('site_id: valeur obligatoire vide');
    const json = JSON.parse(impact(['validate', '--json'], { cwd: fr }).stdout);
    const blank = json.problems.find((p: any) => p.code === 'blank-row').examples[0];
    expect(blank.message).toBe('toutes les cellules sont vides');
  });
});

describe('impact validate: usage and config errors exit 2', () => {
  it('lists every problem of a bad impact.yaml as impact.yaml:LINE:COL  key  message', () => {
    const ws = temp();
    writeFileSync(
      join(ws, 'impact.yaml'),
      [
        'version: 2',
        'name: ""',
        'locale: de',
        'range: { from: 2024-02-30, to: 2024-12-31 }',
        'datasets:',
        '  organisation: data/organisations.csv',
        'privacy: { min_count: -1 }',
        '',
      ].join('\n'),
    );
    const run = impact(['validate'], { cwd: ws });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        'impact.yaml: 6 problems in the config',
        '  impact.yaml:1:10  version  got 2  (expected 1)',
        '  impact.yaml:2:7  name  is empty  (expected a non-empty name)',
        '  impact.yaml:3:9  locale  got "de"  (expected one of en, fr)',
        '  impact.yaml:4:16  range.from  "2024-02-30" is not a calendar date  (expected a date YYYY-MM-DD)',
        '  impact.yaml:6:3  datasets.organisation  unknown key `organisation`, did you mean `organisations`?',
        '  impact.yaml:7:23  privacy.min_count  got -1  (expected a whole number ≥ 0)',
        '',
      ].join('\n'),
    );
  });

  it('refuses an unknown flag', () => {
    const run = impact(['validate', '--bogus', '-c', 'fixtures/example/impact.yaml']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe("error: unknown option '--bogus'");
  });

  it('refuses a missing config, named or searched for', () => {
    const named = impact(['validate', '-c', 'nope.yaml'], { cwd: temp() });
    expect(named.status).toBe(2);
    expect(named.stderr).toContain('nope.yaml  config file not found');
    const empty = temp();
    const searched = impact(['validate'], { cwd: empty });
    expect(searched.status).toBe(2);
    expect(searched.stderr).toContain(`no impact.yaml in ${empty} or any folder above it`);
  });

  it('refuses a --max-errors that is not a whole number', () => {
    const run = impact(['validate', '--max-errors', 'many', '-c', 'fixtures/example/impact.yaml']);
    expect(run.status).toBe(2);
    // The example's impact.yaml says `locale: fr`: the mistake is worded in French.
    expect(run.stderr).toContain('attendu un nombre entier, reçu «\u00a0many\u00a0»');
  });
});

describe('impact: the common surface', () => {
  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = impact(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it('--help lists the commands with examples', () => {
    const run = impact(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: impact [options] [command]');
    expect(run.stdout).toContain('Examples:\n  impact init my-workspace --example');
    expect(run.stdout).toContain('  impact validate --json');
    expect(impact(['validate', '--help']).stdout).toContain(
      'Exit codes: 0 valid, 1 rows rejected, 2 config or usage error.',
    );
  });

  it('colours only when asked, and never with NO_COLOR or --no-color', () => {
    const ws = fixture('broken');
    const forced = impact(['validate'], { cwd: ws, env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    expect(forced.stdout).toContain(ESC); // so the checks below can fail
    const noColor = impact(['validate'], { cwd: ws, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(noColor.stdout + noColor.stderr).not.toContain(ESC);
    expect(noColor.status).toBe(1);
    const flag = impact(['validate', '--no-color'], { cwd: ws, env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    expect(flag.stdout + flag.stderr).not.toContain(ESC);
    const plain = impact(['validate', '-c', 'nope.yaml'], { cwd: ws, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(plain.stderr).not.toContain(ESC);
  });

  it('leaves quietly when stdout is closed early (| head)', () => {
    const config = join(fixture('example'), 'impact.yaml');
    const head = shell(`set -o pipefail; impact validate --json -c "${config}" | head -c 10`);
    expect(head.stdout).toBe('{\n  "valid');
    expect(head.stderr).toBe('');
    expect(head.status).toBe(0);
    // A reader that leaves before the first write forces EPIPE (head -c 10 may read all 11 kB first).
    const gone = shell(`set -o pipefail; impact validate --json -c "${config}" | true`);
    expect(gone.stderr).toBe('');
    expect(gone.status).toBe(0);
  });

  it('an ordinary file-system fault is one located line and exit 2, not an internal error', () => {
    // `.impact` is impactkit's own folder; a file in its place is the user's to move.
    const ws = fixture('broken');
    writeFileSync(join(ws, '.impact'), 'not a folder\n');
    const run = impact(['validate'], { cwd: ws });
    expect(run.status).toBe(2);
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toEqual([
      expect.stringMatching(/^impact: .*\.impact.*: part of the path is a file, not a folder \(ENOTDIR\)$/),
    ]);
  });

  it('an internal error prints one line and exits 3 (a stack only with --verbose)', () => {
    // A plug-in runs with the user's privileges (README): this one breaks JSON for the whole process.
    const ws = fixture('broken');
    mkdirSync(join(ws, 'indicators'), { recursive: true });
    writeFileSync(
      join(ws, 'indicators', 'break.js'),
      "JSON.stringify = () => { throw new Error('JSON is broken'); };\nexport default [];\n",
    );
    writeFileSync(
      join(ws, 'impact.yaml'),
      `${readFileSync(join(ws, 'impact.yaml'), 'utf8')}\nplugins: [indicators/break.js]\n`,
    );
    const run = impact(['report', '-f', 'json'], { cwd: ws });
    expect(run.status).toBe(3);
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toEqual([
      expect.stringMatching(
        /^impact: internal error: JSON is broken \(run again with --verbose for details, and report it\)$/,
      ),
    ]);
    const verbose = impact(['report', '-f', 'json', '--verbose'], { cwd: ws });
    expect(verbose.status).toBe(3);
    expect(verbose.stderr).toMatch(/^impact: internal error: JSON is broken\nError: JSON is broken\n {4}at /);
  });
});
