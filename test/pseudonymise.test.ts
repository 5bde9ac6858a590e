// `impact pseudonymise` (CONTRACT §4, issue 13): the pseudonym is HMAC-SHA256 of the normalised values,
// checked against a value computed outside impactkit; partners sharing a key give one person one id.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { normaliseValue, pseudonym } from '../src/pseudonymise.js';
import type { Report } from '../src/report/model.js';
import { impact, tempDir } from './helpers/cli.js';

// 32 ASCII bytes; the file ends with a newline, which is not part of the key.
const KEY = '0123456789abcdef0123456789abcdef';
// Computed independently, with both
//   python3 -c "import hmac,hashlib; print(hmac.new(b'0123456789abcdef0123456789abcdef',
//     'LEFEVREDUPONT\x1fHELENE\x1f1990-03-05'.encode(), hashlib.sha256).hexdigest()[:20])"
//   printf 'LEFEVREDUPONT\x1fHELENE\x1f1990-03-05' | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef
const HELENE = 'b67be81625209c69f920';
// The same for 'MARTIN\x1fJEANPIERRE\x1f1985-12-31'.
const JEAN_PIERRE = '6ee1f9dc75a7143fcb2b';

const ARGS = [
  '--columns',
  'nom,prenom,date_naissance',
  '--date-columns',
  'date_naissance',
  '--date-format',
  'dd/mm/yyyy',
];

function workspace(): string {
  const ws = tempDir('impact-pseudo-');
  writeFileSync(join(ws, 'network.key'), `${KEY}\n`);
  writeFileSync(
    join(ws, 'partner-a.csv'),
    'nom,prenom,date_naissance,site_id,entry_date,gender\n' +
      'Lefèvre-Dupont,Hélène,05/03/1990,S1,2024-02-01,f\n' +
      'Martin,Jean-Pierre,31/12/1985,S1,2024-03-01,m\n',
  );
  // Another partner's Excel export: Windows-1252, semicolons, CRLF, its own headers and spelling.
  writeFileSync(
    join(ws, 'partner-b.csv'),
    iconv.encode(
      'Nom;Prénom;Date de naissance;Plateforme;Date d’entrée;Sexe\r\n' +
        'LEFEVRE DUPONT;HÉLÈNE;5/3/1990;S2;01/04/2024;F\r\n' +
        'Durand;Zoé;;S2;02/04/2024;f\r\n',
      'win1252',
    ),
  );
  return ws;
}

describe('the pseudonym', () => {
  it('normalises a value: NFD, no combining marks, upper case, no spaces, hyphens or apostrophes', () => {
    expect(normaliseValue('Lefèvre-Dupont')).toBe('LEFEVREDUPONT');
    expect(normaliseValue(' d’Artagnan ')).toBe('DARTAGNAN');
    expect(normaliseValue("O'Neil Zoé")).toBe('ONEILZOE');
  });

  it('is the first 20 hex digits of HMAC-SHA256 over the values joined by U+001F', () => {
    expect(pseudonym(Buffer.from(KEY), ['LEFEVREDUPONT', 'HELENE', '1990-03-05'])).toBe(HELENE);
  });
});

describe('impact pseudonymise', () => {
  it('replaces the identifying columns by the pseudonym, other columns unchanged', () => {
    const ws = workspace();
    const run = impact(['pseudonymise', 'partner-a.csv', '--key-file', 'network.key', ...ARGS, '-o', 'a.csv'], {
      cwd: ws,
    });
    expect(run.status).toBe(0);
    expect(readFileSync(join(ws, 'a.csv'), 'utf8')).toBe(
      `beneficiary_id,site_id,entry_date,gender\n${HELENE},S1,2024-02-01,f\n${JEAN_PIERRE},S1,2024-03-01,m\n`,
    );
    // Neither the key nor a name reaches the terminal.
    expect(run.stderr).not.toContain(KEY);
    expect(run.stderr).not.toMatch(/Lef|Hél|Martin/);
  });

  it("writes a partner's file in its own dialect, gives the same person the same id, and says which rows it could not do", () => {
    const ws = workspace();
    const run = impact(
      [
        'pseudonymise',
        'partner-b.csv',
        '--key-file',
        'network.key',
        '--columns',
        'Nom,Prénom,Date de naissance',
        '--date-columns',
        'Date de naissance',
        '--date-format',
        'dd/mm/yyyy',
        '-o',
        'b.csv',
      ],
      { cwd: ws },
    );
    // Zoé Durand has no birth date: left out, named by line and column, and exit 1.
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('partner-b.csv:3  Date de naissance  missing value');
    expect(run.stderr).not.toContain('Zo');
    const bytes = readFileSync(join(ws, 'b.csv'));
    expect(iconv.decode(bytes, 'win1252')).toBe(
      `beneficiary_id;Plateforme;Date d’entrée;Sexe\r\n${HELENE};S2;01/04/2024;F\r\n`,
    );
  });

  it('counts a person pseudonymised by two partners once nationally', () => {
    const ws = workspace();
    for (const [input, output, columns] of [
      ['partner-a.csv', 'data/a.csv', 'nom,prenom,date_naissance'],
      ['partner-b.csv', 'data/b.csv', 'Nom,Prénom,Date de naissance'],
    ] as const) {
      const dates = columns.split(',')[2]!;
      impact(
        [
          'pseudonymise',
          input,
          '--key-file',
          'network.key',
          '--columns',
          columns,
          '--date-columns',
          dates,
          '--date-format',
          'dd/mm/yyyy',
          '-o',
          output,
        ],
        { cwd: ws },
      );
    }
    writeFileSync(join(ws, 'data/organisations.csv'), 'org_id,name,kind\nO1,Platforms,enterprise\n');
    writeFileSync(
      join(ws, 'data/sites.csv'),
      'site_id,org_id,name,kind,territory,opened_on\nS1,O1,Saint-Denis,mobility_platform,93066,2023-01-01\nS2,O1,Lyon,mobility_platform,69123,2023-01-01\n',
    );
    writeFileSync(
      join(ws, 'impact.yaml'),
      `version: 1
name: Network
range: { from: 2024-01-01, to: 2024-12-31 }
breakdown: [territory:departement]
datasets:
  organisations: data/organisations.csv
  sites: data/sites.csv
  beneficiaries:
    files:
      - data/a.csv
      - path: data/b.csv
        date_format: dd/mm/yyyy
        columns: { Plateforme: site_id, "Date d’entrée": entry_date, Sexe: gender }
`,
    );
    const report = JSON.parse(
      impact(['report', '-f', 'json', '--indicators', 'mobility.people_supported'], { cwd: ws }).stdout,
    ) as Report;
    const at = (territory: string) =>
      report.values.find((v) => v.indicator === 'mobility.people_supported' && v.territory === territory)?.value;
    // Hélène at S1 (dep:93) and S2 (dep:69), Jean-Pierre at S1: 2 in 93, 1 in 69, and 2 people nationally, not 3.
    expect(at('dep:93')).toBe(2);
    expect(at('dep:69')).toBe(1);
    expect(at('FR')).toBe(2);
  });

  it('gives other ids with another key', () => {
    const ws = workspace();
    writeFileSync(join(ws, 'other.key'), 'another network, another secret key\n');
    impact(['pseudonymise', 'partner-a.csv', '--key-file', 'other.key', ...ARGS, '-o', 'a.csv'], { cwd: ws });
    const ids = readFileSync(join(ws, 'a.csv'), 'utf8')
      .split('\n')
      .slice(1, 3)
      .map((l) => l.split(',')[0]);
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(HELENE);
    expect(ids).not.toContain(JEAN_PIERRE);
    expect(ids.every((id) => /^[0-9a-f]{20}$/.test(id!))).toBe(true);
  });

  it('refuses a short key with exit 2, without showing it', () => {
    const ws = workspace();
    writeFileSync(join(ws, 'short.key'), 'too-short-secret\n');
    const run = impact(['pseudonymise', 'partner-a.csv', '--key-file', 'short.key', ...ARGS], { cwd: ws });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('short.key: 16 bytes, at least 32 needed');
    expect(run.stderr).not.toContain('too-short-secret');
    expect(run.stdout).toBe('');
  });

  it('never overwrites its input', () => {
    const ws = workspace();
    const before = readFileSync(join(ws, 'partner-a.csv'));
    const run = impact(
      ['pseudonymise', 'partner-a.csv', '--key-file', 'network.key', ...ARGS, '-o', './partner-a.csv'],
      { cwd: ws },
    );
    expect(run.status).toBe(2);
    expect(readFileSync(join(ws, 'partner-a.csv'))).toEqual(before);
  });

  it('speaks French', () => {
    const ws = workspace();
    const run = impact(
      [
        'pseudonymise',
        'partner-b.csv',
        '--key-file',
        'network.key',
        '--columns',
        'Nom,Prénom,Date de naissance',
        '--lang',
        'fr',
        '-o',
        'b.csv',
      ],
      { cwd: ws },
    );
    expect(run.stderr).toContain('partner-b.csv:3  Date de naissance  valeur manquante');
  });

  it('words its refusals in French too: a short key, a column the header lacks, a taken id column', () => {
    const ws = workspace();
    writeFileSync(join(ws, 'short.key'), 'too-short-secret\n');
    const fr = ['--lang', 'fr', '-o', 'b.csv'];
    const key = impact(['pseudonymise', 'partner-b.csv', '--key-file', 'short.key', '--columns', 'Nom', ...fr], {
      cwd: ws,
    });
    expect(key.status).toBe(2);
    expect(key.stderr).toContain('fichier de clé short.key\u00a0: 16 octets, il en faut au moins 32');
    expect(key.stderr).toContain('en créer une\u00a0: openssl rand -hex 32');
    const column = impact(['pseudonymise', 'partner-b.csv', '--key-file', 'network.key', '--columns', 'Nome', ...fr], {
      cwd: ws,
    });
    expect(column.status).toBe(2);
    expect(column.stderr).toContain('partner-b.csv\u00a0: pas de colonne Nome dans l’en-tête (');
    const taken = impact(
      [
        'pseudonymise',
        'partner-b.csv',
        '--key-file',
        'network.key',
        '--columns',
        'Nom',
        '--id-column',
        'Prénom',
        ...fr,
      ],
      { cwd: ws },
    );
    expect(taken.status).toBe(2);
    expect(taken.stderr).toContain('le fichier a déjà une colonne Prénom (choisissez-en une autre avec --id-column)');
    for (const run of [key, column, taken]) expect(run.stderr).not.toMatch(/bytes|no column|already has/);
  });
});
