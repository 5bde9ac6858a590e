// A partner's Excel workbook as input (fixtures/partner-workbook, written by scripts/generate-partner-workbook.ts):
// a title above the header, French headers and words, Excel-typed dates beside dates typed as text, one bad
// row. Every expected value below was read off the fixture by hand.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import type { BeneficiaryRow, Sourced } from '../../src/data/datasets.js';
import { loadWorkspace, ProblemCollector } from '../../src/data/workspace.js';
import { cellText, columnLetter } from '../../src/data/xlsx.js';
import { formatProblem, type Problem } from '../../src/problems.js';
import { copyFixture, impact } from '../helpers/cli.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function workspace(): string {
  const dir = copyFixture('partner-workbook');
  made.push(dir);
  return dir;
}

async function load(root: string, config = 'impact.yaml') {
  const problems: Problem[] = [];
  const beneficiaries: Sourced<BeneficiaryRow>[] = [];
  const result = await loadWorkspace(loadConfig(join(root, config)), {
    sink: new ProblemCollector(5, (p) => problems.push(p)),
    stream: { beneficiaries: (row) => beneficiaries.push(row) },
  });
  return { result, problems, beneficiaries };
}

const XLSX = 'data/partenaire.xlsx';

describe('a workbook with a title above its header, French headers and the partner’s words', () => {
  it('types the good rows: Excel dates as they are, text dates like CSV, the partner’s words mapped', async () => {
    const { beneficiaries } = await load(workspace());
    expect(beneficiaries).toEqual([
      {
        beneficiary_id: 'B1',
        site_id: 'S1',
        entry_date: '2025-01-06', // an Excel date
        birth_year: 1990, // an Excel number
        gender: 'f', // Femme
        intake_level: 'severe', // Sévère
        exit_date: '2025-03-03',
        exit_level: 'autonomous', // Autonome
        outcome: 'employment', // Emploi
        source: { file: XLSX, line: 5 }, // row 5: the title takes rows 1-2, the header row 4
      },
      {
        beneficiary_id: 'B2',
        site_id: 'S1',
        entry_date: '2025-01-13', // "13/01/2025" typed as text, read with date_format dd/mm/yyyy
        birth_year: 2001,
        gender: 'm',
        intake_level: 'fragile',
        source: { file: XLSX, line: 6 },
      },
      {
        beneficiary_id: 'B3',
        site_id: 'S2',
        entry_date: '2025-02-03',
        birth_year: 1985, // "1985" as text
        gender: 'f',
        intake_level: 'precarious', // Précaire
        exit_date: '2025-03-31', // "31/03/2025 00:00": Excel's date-time at midnight is the date
        exit_level: 'fragile',
        outcome: 'training', // Formation
        source: { file: XLSX, line: 7 },
      },
    ]);
  });

  it('locates the bad row’s problem at its cell and row: Feuille1!E8', async () => {
    const { problems, result } = await load(workspace());
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'constraint-error',
        file: XLSX,
        sheet: 'Feuille1',
        cell: 'E',
        line: 8,
        column: 'gender',
        value: 'Inconnu',
      }),
    ]);
    expect(formatProblem(problems[0]!, 'fr')).toBe(
      'data/partenaire.xlsx:Feuille1!E8  gender  "Inconnu"  pas parmi f, m, x',
    );
    const file = result.inputs.find((f) => f.file === XLSX);
    expect(file).toMatchObject({ rows: 4, used: 3, rejected: 1 });
  });

  it('writes the bad row to a rejects file in the workbook’s terms: its headers, its words, its date format', () => {
    const root = workspace();
    const run = impact(['validate'], { cwd: root });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('  data/partenaire.xlsx:Feuille1!E8  gender  "Inconnu"  pas parmi f, m, x');
    const bytes = readFileSync(join(root, '.impact/rejects/beneficiaries/partenaire.csv'));
    // UTF-8 with a BOM, so that Excel opens it with its accents.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      [
        "_line,_codes,_reasons,Identifiant,Plateforme,Date d'entrée,Année de naissance,Sexe,Niveau à l’entrée,Date de sortie,Niveau à la sortie,Issue",
        '8,constraint-error,"gender: pas parmi f, m, x",B4,S2,10/02/2025,1999,Inconnu,Sévère,,,',
        '',
      ].join('\n'),
    );
  });

  it('makes the same report as the same rows in a CSV file', () => {
    const root = workspace();
    const fromWorkbook = impact(['report', '-f', 'json', '-o', '-'], { cwd: root });
    const fromCsv = impact(['report', '-c', 'impact.csv.yaml', '-f', 'json', '-o', '-'], { cwd: root });
    expect(fromWorkbook.status).toBe(0);
    expect(fromCsv.status).toBe(0);
    const a = JSON.parse(fromWorkbook.stdout);
    const b = JSON.parse(fromCsv.stdout);
    expect(a.values.length).toBeGreaterThan(0);
    expect(a.values).toEqual(b.values);
    expect(a.quality).toEqual(b.quality);
    expect(a.quality).toMatchObject({ rows: 8, rejected: 1 });
    // Worked out from the three good rows (B1, B2, B3, all entering in Q1 2025).
    const q1 = (indicator: string) =>
      a.values.find((v: { indicator: string; period: string }) => v.indicator === indicator && v.period === '2025-Q1')
        ?.value;
    expect(q1('mobility.people_supported')).toBe(3);
    expect(q1('mobility.people_in_precarity_at_intake')).toBe(2); // B1 severe, B3 precarious
    expect(q1('mobility.lifted_out_of_precarity')).toBe(2); // B1 to autonomous, B3 to fragile
    expect(q1('mobility.positive_outcomes')).toBe(2); // B1 employment, B3 training
    expect(q1('youth.reached')).toBe(1); // B2, born 2001: 24 at entry
  });

  it('chooses a sheet by name, and says which sheets there are when it is not found', async () => {
    const root = workspace();
    const file = join(root, 'impact.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('sheet: Feuille1', 'sheet: Feuille2'));
    const { problems } = await load(root);
    expect(problems.map((p) => [p.code, p.file, p.line])).toEqual([['format-error', XLSX, undefined]]);
    expect(formatProblem(problems[0]!, 'en')).toBe(
      'data/partenaire.xlsx  no sheet "Feuille2" in this workbook (sheets: Feuille1)',
    );
    expect(formatProblem(problems[0]!, 'fr')).toBe(
      'data/partenaire.xlsx  pas de feuille « Feuille2 » dans ce classeur (feuilles\u00a0: Feuille1)',
    );
  });

  it('refuses an .ods file with what to do instead, not invalid bytes', async () => {
    const root = workspace();
    writeFileSync(join(root, 'data/partenaire.ods'), 'PK\u0003\u0004 not really a spreadsheet');
    const file = join(root, 'impact.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('path: data/partenaire.xlsx', 'path: data/partenaire.ods'));
    const { problems } = await load(root);
    expect(problems.map((p) => [p.code, p.file, p.severity])).toEqual([
      ['unsupported-format', 'data/partenaire.ods', 'error'],
    ]);
    expect(formatProblem(problems[0]!, 'en')).toBe(
      'data/partenaire.ods  .ods files are not read: save it as .xlsx or .csv',
    );
    expect(formatProblem(problems[0]!, 'fr')).toBe(
      'data/partenaire.ods  les fichiers .ods ne sont pas lus\u00a0: l’enregistrer en .xlsx ou en .csv',
    );
  });
});

describe('workbook cells', () => {
  it('gives Excel’s own values as canonical text, marked native', () => {
    expect(cellText(new Date(Date.UTC(2025, 2, 3)))).toEqual({ text: '2025-03-03', native: true });
    expect(cellText(new Date(Date.UTC(2025, 2, 3, 14, 30)))).toEqual({ text: '2025-03-03 14:30', native: true });
    expect(cellText(1234.5)).toEqual({ text: '1234.5', native: true });
    expect(cellText('1 234,5')).toEqual({ text: '1 234,5', native: false });
    expect(cellText({ formula: 'A1+1', result: 2 })).toEqual({ text: '2', native: true });
    expect(cellText({ richText: [{ text: 'Fem' }, { text: 'me' }] })).toEqual({ text: 'Femme', native: false });
    expect(cellText(null)).toEqual({ text: '', native: false });
  });

  it('names columns as Excel does', () => {
    expect([0, 1, 4, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'E', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
