// One dataset, two partners, two dialects (fixtures/partner-dialects): described per file, left to detection,
// and described wrongly. Expected rows and problems were read off the fixture's files by hand.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import type { BeneficiaryRow, Sourced } from '../../src/data/datasets.js';
import { sniffBytes } from '../../src/data/dialect.js';
import { loadWorkspace, ProblemCollector } from '../../src/data/workspace.js';
import { describeProblem, type Problem } from '../../src/problems.js';
import { copyFixture, impact } from '../helpers/cli.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function workspace(): string {
  const dir = copyFixture('partner-dialects');
  made.push(dir);
  return dir;
}

async function load(root: string, config: string) {
  const problems: Problem[] = [];
  const beneficiaries: Sourced<BeneficiaryRow>[] = [];
  const result = await loadWorkspace(loadConfig(join(root, config)), {
    sink: new ProblemCollector(5, (p) => problems.push(p)),
    stream: { beneficiaries: (row) => beneficiaries.push(row) },
  });
  return { result, problems, beneficiaries };
}

const LYON = 'data/beneficiaries/lyon.csv';
const PARIS = 'data/beneficiaries/paris.csv';
const brief = (rows: Sourced<BeneficiaryRow>[]) =>
  rows.map((r) => [
    r.beneficiary_id,
    r.entry_date,
    r.birth_year,
    r.gender,
    r.intake_level,
    r.source.file,
    r.source.line,
  ]);
// Lyon: Windows-1252, ";", CRLF, curly apostrophes. Paris: UTF-8, ",", straight apostrophes, x for gender.
const ROWS = [
  ['L1', '2025-01-06', 1990, 'f', 'severe', LYON, 2],
  ['L2', '2025-02-13', 2002, 'm', 'fragile', LYON, 3],
  ['L3', '2025-03-20', 1975, 'f', 'precarious', LYON, 4],
  ['P1', '2025-01-07', 2000, 'x', 'severe', PARIS, 2],
  ['P2', '2025-04-14', 1988, 'f', 'autonomous', PARIS, 3],
];

describe('a ";" Windows-1252 file and a "," UTF-8 file in one dataset', () => {
  it('reads both when each is described in files:', async () => {
    const { problems, beneficiaries } = await load(workspace(), 'impact.yaml');
    expect(problems).toEqual([]);
    expect(brief(beneficiaries)).toEqual(ROWS);
  });

  it('reads both the same when nothing is configured: encoding and delimiter detected per file', async () => {
    const { problems, beneficiaries } = await load(workspace(), 'impact.detected.yaml');
    expect(problems).toEqual([]);
    expect(brief(beneficiaries)).toEqual(ROWS);
  });

  it('makes the same report either way, with no mojibake in it', () => {
    const root = workspace();
    const described = impact(['report', '-f', 'json', '-o', '-'], { cwd: root });
    const detected = impact(['report', '-c', 'impact.detected.yaml', '-f', 'json', '-o', '-'], { cwd: root });
    expect(described.status).toBe(0);
    expect(detected.status).toBe(0);
    const a = JSON.parse(described.stdout);
    const b = JSON.parse(detected.stdout);
    expect(a.values).toEqual(b.values);
    expect(a.quality).toEqual({ rows: 10, rejected: 0, warnings: 0 }); // 3 organisations, 2 sites, 5 people
    const q1 = a.values.find((v: { indicator: string; period: string }) => {
      return v.indicator === 'mobility.people_supported' && v.period === '2025-Q1';
    });
    expect(q1.value).toBe(4); // L1, L2, L3, P1 (P2 enters in April)
    expect(described.stdout).not.toMatch(/Ã|â€/);
    expect(detected.stdout).not.toMatch(/Ã|â€/);
  });

  it('names the setting to add when the configured encoding is plainly wrong, and lets no mojibake through', async () => {
    const root = workspace();
    const { problems, beneficiaries } = await load(root, 'impact.wrong.yaml');
    // Paris's UTF-8 read as Windows-1252: one warning naming encoding: utf-8, showing the header as read.
    const mismatch = problems.find((p) => p.code === 'encoding-mismatch');
    expect(mismatch).toMatchObject({ severity: 'warning', file: PARIS, line: 1 });
    expect(mismatch?.value).toBe(
      "Identifiant,Plateforme,Date d'entrÃ©e,AnnÃ©e de naissance,Sexe,Niveau Ã\u00a0 l'entrÃ©e",
    );
    expect(describeProblem(mismatch!, 'en')).toBe(
      'this file looks like utf-8, not windows-1252: set encoding: utf-8 for it (in files:, or for the dataset)',
    );
    // Its headers do not match: said once, with the header that probably is the missing column.
    const missing = problems.filter((p) => p.code === 'missing-label');
    expect(missing.map((p) => [p.file, p.line, p.column, p.args?.header])).toEqual([
      [PARIS, 1, 'entry_date', "Date d'entrÃ©e"],
    ]);
    // Lyon is right and read; Paris's two rows are rejected, none typed with mojibake.
    expect(brief(beneficiaries)).toEqual(ROWS.slice(0, 3));
    const report = impact(['report', '-c', 'impact.wrong.yaml', '-f', 'json', '-o', '-'], { cwd: root });
    expect(report.stdout).not.toMatch(/Ã|â€/);
    expect(JSON.parse(report.stdout).quality).toMatchObject({ rows: 10, rejected: 2 });
  });

  it('reads a UTF-16 export (with its BOM) when nothing is configured, and names utf-16 when utf-8 is', async () => {
    const root = workspace();
    const text = readFileSync(join(root, PARIS), 'utf8');
    writeFileSync(join(root, PARIS), iconv.encode(text, 'utf-16le', { addBOM: true }));
    const detected = await load(root, 'impact.detected.yaml');
    expect(detected.problems).toEqual([]);
    expect(brief(detected.beneficiaries)).toEqual(ROWS);
    const file = join(root, 'impact.yaml');
    writeFileSync(file, readFileSync(file, 'utf8'));
    const configured = await load(root, 'impact.yaml');
    const mismatch = configured.problems.find((p) => p.code === 'encoding-mismatch');
    expect(mismatch).toMatchObject({ file: PARIS, line: 1, args: { detected: 'utf-16le', setting: 'utf-16le' } });
    expect(describeProblem(mismatch!, 'fr')).toBe(
      'ce fichier semble encodé en utf-16le, pas en utf-8\u00a0: indiquer encoding: utf-16le pour lui (dans files:, ou pour le jeu de données)',
    );
  });
});

describe('sniffing a file’s first bytes', () => {
  const utf8 = Buffer.from('Date d’entrée;Sexe\n06/01/2025;f\n', 'utf8');
  it('tells UTF-8, Windows-1252, UTF-16 (BOM or NUL pattern) and plain ASCII apart', () => {
    expect(sniffBytes(utf8)).toMatchObject({ encoding: 'utf-8', evidence: 'valid-utf-8', delimiter: ';' });
    expect(sniffBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toMatchObject({
      encoding: 'utf-8',
      evidence: 'bom',
    });
    expect(sniffBytes(iconv.encode('Date d’entrée,Sexe\n', 'win1252'))).toMatchObject({
      encoding: 'windows-1252',
      evidence: 'not-utf-8',
      delimiter: ',',
    });
    expect(sniffBytes(iconv.encode('a;b\n1;2\n', 'utf-16le', { addBOM: true }))).toMatchObject({
      encoding: 'utf-16le',
      evidence: 'bom',
      delimiter: ';',
    });
    expect(sniffBytes(iconv.encode('a,b\n1,2\n', 'utf-16le'))).toMatchObject({
      encoding: 'utf-16le',
      evidence: 'nul-pattern',
    });
    expect(sniffBytes(iconv.encode('a,b\n1,2\n', 'utf-16be'))).toMatchObject({
      encoding: 'utf-16be',
      evidence: 'nul-pattern',
    });
    expect(sniffBytes(Buffer.from('a,b\n1,2\n'))).toMatchObject({ encoding: 'utf-8', evidence: 'ascii' });
  });

  it('finds the line where the first non-ASCII byte is, where a mismatch shows', () => {
    expect(sniffBytes(Buffer.from('a,b\n1,2\nSévère,3\n')).firstHighLine).toBe(3);
  });
});
