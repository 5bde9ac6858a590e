// `impact profile` over the example's files. Every count below was worked out by hand from the files (a
// short Python script over the raw bytes, decoded as Windows-1252 and split on ";"), not read off the program.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, impact, tempDir } from '../helpers/cli.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function example(): string {
  const dir = copyFixture('example');
  made.push(dir);
  return dir;
}

const LYON = 'data/beneficiaries/PF-LYON.csv';

describe('impact profile FILE', () => {
  const root = example();
  const run = impact(['profile', LYON, '--json'], { cwd: root });
  const profile = JSON.parse(run.stdout);
  const column = (name: string) => profile.columns.find((c: { name: string }) => c.name === name);

  it('gives the dialect, encoding, header and row count', () => {
    expect(run.status).toBe(0);
    expect(profile).toMatchObject({
      file: LYON,
      kind: 'csv',
      encoding: 'windows-1252',
      encoding_from: 'not-utf-8',
      delimiter: ';',
      header_line: 1,
      rows: 148,
    });
    expect(profile.header).toEqual([
      'Identifiant',
      'Plateforme',
      'Date d’entrée',
      'Année de naissance',
      'Sexe',
      'QPV',
      'Commune de résidence',
      'Niveau à l’entrée',
      'Date de sortie',
      'Niveau à la sortie',
      'Issue',
    ]);
  });

  it('counts per column the share missing, the distinct values and the commonest ones', () => {
    expect(column('Identifiant')).toMatchObject({
      missing_count: 0,
      distinct: 139,
      probable: 'beneficiaries.beneficiary_id',
    });
    expect(column('Plateforme')).toMatchObject({ distinct: 1, top: [{ value: 'PF-LYON', count: 148 }] });
    expect(column('Sexe')).toMatchObject({
      type: 'text',
      missing: 0,
      distinct: 3,
      top: [
        { value: 'f', count: 75 },
        { value: 'm', count: 70 },
        { value: 'x', count: 3 },
      ],
      probable: 'beneficiaries.gender',
    });
    expect(column('QPV')).toMatchObject({
      missing_count: 11,
      missing: 11 / 148,
      distinct: 2,
      top: [
        { value: 'non', count: 85 },
        { value: 'oui', count: 52 },
      ],
      probable: 'beneficiaries.qpv',
    });
    expect(column('Niveau à l’entrée')).toMatchObject({
      distinct: 4,
      top: [
        { value: 'precarious', count: 52 },
        { value: 'severe', count: 50 },
        { value: 'fragile', count: 30 },
        { value: 'autonomous', count: 16 },
      ],
      probable: 'beneficiaries.intake_level',
    });
    expect(column('Issue')).toMatchObject({ missing_count: 41, distinct: 4, probable: 'beneficiaries.outcome' });
    // Ties broken in text order: five years of birth with 6 people each after 1989 (10) and 1980 (7).
    expect(column('Année de naissance').top).toEqual([
      { value: '1989', count: 10 },
      { value: '1980', count: 7 },
      { value: '1969', count: 6 },
      { value: '1978', count: 6 },
      { value: '1986', count: 6 },
    ]);
  });

  it('gives the range of numbers and dates', () => {
    expect(column('Année de naissance')).toMatchObject({ type: 'number', min: 1958, max: 2007, distinct: 48 });
    expect(column('Date d’entrée')).toMatchObject({
      type: 'date',
      date_format: 'dd/mm/yyyy',
      min: '2019-01-22',
      max: '2025-12-30',
      distinct: 142,
      probable: 'beneficiaries.entry_date',
    });
    expect(column('Date de sortie')).toMatchObject({
      type: 'date',
      min: '2019-07-01',
      max: '2025-12-17',
      missing_count: 41,
      distinct: 101,
      probable: 'beneficiaries.exit_date',
    });
  });

  it('speaks French and English, and needs no impact.yaml', () => {
    const bare = tempDir('impact-profile-');
    made.push(bare);
    const file = join(root, LYON);
    const en = impact(['profile', file, '--lang', 'en'], { cwd: bare });
    expect(en.status).toBe(0);
    expect(en.stdout).toContain('  encoding: windows-1252 (detected) · delimiter: ";" · header at line 1 · 148 rows');
    expect(en.stdout).toContain('    missing: 7.4% · distinct: 2 · text');
    const fr = impact(['profile', file, '--lang', 'fr'], { cwd: bare });
    expect(fr.stdout).toContain(
      '  encodage\u00a0: windows-1252 (détecté) · séparateur\u00a0: ";" · en-tête en ligne 1 · 148 lignes',
    );
    expect(fr.stdout).toContain('    manquant\u00a0: 7,4\u00a0% · distincts\u00a0: 2 · texte');
  });
});

describe('impact profile DATASET', () => {
  it('reads each file with its configured format and counts rows per site and per month', () => {
    const root = example();
    const run = impact(['profile', 'beneficiaries', '--json'], { cwd: root });
    expect(run.status).toBe(0);
    const profile = JSON.parse(run.stdout);
    // 34 files, 4,801 rows, none rejected.
    expect(profile).toMatchObject({ dataset: 'beneficiaries', used: 4801, rejected: 0 });
    expect(profile.files).toHaveLength(34);
    const lyon = profile.files.find((f: { file: string }) => f.file === LYON);
    expect(lyon).toMatchObject({ encoding: 'windows-1252', encoding_from: 'configured', delimiter: ';', rows: 148 });
    expect(lyon.columns.find((c: { name: string }) => c.name === 'Date d’entrée').probable).toBe(
      'beneficiaries.entry_date',
    );
    expect(profile.per_site).toHaveLength(34);
    expect(profile.per_site.slice(0, 3)).toEqual([
      { site_id: 'JP-AUBERVILLIERS', rows: 134 },
      { site_id: 'JP-CLICHY', rows: 194 },
      { site_id: 'JP-SAINT-DENIS', rows: 191 },
    ]);
    expect(profile.per_site.find((s: { site_id: string }) => s.site_id === 'PF-LYON')).toEqual({
      site_id: 'PF-LYON',
      rows: 148,
    });
    expect(profile.per_month).toHaveLength(84); // every month of 2019-2025
    expect(profile.per_month.slice(0, 3)).toEqual([
      { month: '2019-01', rows: 20 },
      { month: '2019-02', rows: 14 },
      { month: '2019-03', rows: 23 },
    ]);
    expect(profile.per_month.find((m: { month: string }) => m.month === '2024-03')).toEqual({
      month: '2024-03',
      rows: 75,
    });
    expect(profile.per_month.at(-1)).toEqual({ month: '2025-12', rows: 85 });
  });

  it('exits 2 for neither a file nor a configured dataset', () => {
    const root = example();
    const run = impact(['profile', 'nothing.csv'], { cwd: root });
    expect(run.status).toBe(2);
    // The example's impact.yaml says `locale: fr`: the mistake is worded in French.
    expect(run.stderr).toMatch(/^impact: pas de fichier «\u00a0nothing\.csv\u00a0»/);
  });
});
