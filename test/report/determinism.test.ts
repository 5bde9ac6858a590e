// CONTRACT §5: the same inputs and definitions give byte-identical reports. The built CLI writes every
// format twice, under two time zones and two locales, and each file must come out the same.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, impact, ROOT, tempDir } from '../helpers/cli.js';

const FORMATS = 'json,md,csv,xlsx,table,html';
const UTC_C = { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' };
const AUCKLAND_FR = { TZ: 'Pacific/Auckland', LANG: 'fr_FR.UTF-8', LC_ALL: 'fr_FR.UTF-8' };
// West of UTC, where a date built from local midnight falls on the day before.
const LOS_ANGELES_US = { TZ: 'America/Los_Angeles', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' };

function reportFiles(workspace: string, env: Record<string, string | undefined>): Map<string, Buffer> {
  const out = tempDir('impact-determinism-');
  // The folder is outside the workspace: written with the user's consent (--allow-outside).
  const run = impact(['--allow-outside', out, 'report', '-f', FORMATS, '-o', out], { cwd: workspace, env });
  expect(run.status, run.stderr).toBe(0);
  return new Map(
    readdirSync(out)
      .sort()
      .map((name) => [name, readFileSync(join(out, name))]),
  );
}

function expectIdentical(first: Map<string, Buffer>, second: Map<string, Buffer>): void {
  expect([...first.keys()]).toEqual([
    'report.csv',
    'report.html',
    'report.json',
    'report.md',
    'report.txt',
    'report.xlsx',
  ]);
  expect([...second.keys()]).toEqual([...first.keys()]);
  for (const [name, bytes] of first) expect(second.get(name)!.equals(bytes), `${name} differs`).toBe(true);
}

describe('impact report -f json,md,csv,xlsx,table,html -o DIR', () => {
  it('is not a no-op: the two environments do change what Node formats and which day it is', () => {
    const probe =
      'process.stdout.write(new Intl.NumberFormat().format(1234.5) + " " + new Date(0).getTimezoneOffset())';
    const show = (env: Record<string, string>) =>
      execFileSync(process.execPath, ['-e', probe], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(show(UTC_C)).toBe('1,234.5 0');
    expect(show(AUCKLAND_FR)).toBe('1\u202f234,5 -720');
    expect(show(LOS_ANGELES_US)).toBe('1,234.5 480');
  });

  it('writes byte-identical files under UTC/C, Pacific/Auckland/fr_FR and America/Los_Angeles (the example workspace)', () => {
    const workspace = copyFixture('example');
    const first = reportFiles(workspace, { ...UTC_C, SOURCE_DATE_EPOCH: undefined });
    expectIdentical(first, reportFiles(workspace, { ...AUCKLAND_FR, SOURCE_DATE_EPOCH: undefined }));
    expectIdentical(first, reportFiles(workspace, { ...LOS_ANGELES_US, SOURCE_DATE_EPOCH: undefined }));
    expect(first.get('report.json')!.toString('utf8')).not.toContain('generated_at');
    // Eighteen reports in a row: on shared cores under load this takes more than the default minute.
  }, 240_000);

  it('with SOURCE_DATE_EPOCH, dates the reports with it, still identically everywhere', () => {
    const workspace = tempDir('impact-golden-');
    cpSync(join(ROOT, 'test', 'fixtures', 'golden-workspace'), workspace, { recursive: true });
    const epoch = { SOURCE_DATE_EPOCH: '1735787046' }; // 2025-01-02T03:04:06Z
    const first = reportFiles(workspace, { ...UTC_C, ...epoch });
    expectIdentical(first, reportFiles(workspace, { ...AUCKLAND_FR, ...epoch }));
    expectIdentical(first, reportFiles(workspace, { ...LOS_ANGELES_US, ...epoch }));
    expect(first.get('report.json')!.toString('utf8')).toContain('"generated_at": "2025-01-02T03:04:06.000Z"');
  });
});

describe('impact report formats on the command line', () => {
  const workspace = join(ROOT, 'test', 'fixtures', 'golden-workspace');

  it('writes an xlsx to stdout when stdout is a pipe', () => {
    const bytes = execFileSync(process.execPath, [join(ROOT, 'bin', 'impact.js'), 'report', '-f', 'xlsx'], {
      cwd: workspace,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  });

  it('writes the same xlsx bytes to a pipe (rendered in memory) as to a file (streamed through .impact/tmp)', () => {
    const copy = tempDir('impact-xlsx-pipe-');
    cpSync(workspace, copy, { recursive: true });
    const piped = execFileSync(process.execPath, [join(ROOT, 'bin', 'impact.js'), 'report', '-f', 'xlsx'], {
      cwd: copy,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = impact(['report', '-f', 'xlsx', '-o', 'report.xlsx'], { cwd: copy });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(copy, 'report.xlsx')).equals(piped)).toBe(true);
    // The temp file was renamed over the target: nothing is left in .impact/tmp.
    expect(readdirSync(join(copy, '.impact', 'tmp'))).toEqual([]);
  });

  it('writes the excel-fr CSV dialect with --csv-dialect', () => {
    const run = impact(['report', '-f', 'csv', '--csv-dialect', 'excel-fr', '--period', '2024'], { cwd: workspace });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.startsWith('\uFEFFindicator;indicator_title;territory;')).toBe(true);
    expect(run.stdout).toContain(
      '\r\nfinance.invested;Euros investis;FR;France;2024;2024-01-01;2024-12-31;territory;120000,5;€;;;;FAUX;;;margin;;\r\n',
    );
  });

  it('refuses an unknown CSV dialect with exit code 2', () => {
    const run = impact(['report', '-f', 'csv', '--csv-dialect', 'excel-de', '--lang', 'en'], { cwd: workspace });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--csv-dialect takes rfc4180 or excel-fr, not "excel-de"');
    // Without --lang, in the workspace's locale (fr).
    const fr = impact(['report', '-f', 'csv', '--csv-dialect', 'excel-de'], { cwd: workspace });
    expect(fr.stderr).toContain('--csv-dialect prend rfc4180 ou excel-fr, pas «\u00a0excel-de\u00a0»');
  });
});
