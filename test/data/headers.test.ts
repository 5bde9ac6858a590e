// Forgiving headers, strict values: what partners' hand-typed headers and ids look like, and what is made of them.
import { describe, expect, it } from 'vitest';
import { ConfigError, type ConfigIssue, parseConfigText } from '../../src/config/index.js';
import { SCHEMAS } from '../../src/data/datasets.js';
import { headerKey, matchHeader, showInvisible } from '../../src/data/headers.js';
import { typeRecord } from '../../src/data/rows.js';
import { buildVocabulary } from '../../src/data/vocabulary.js';
import { describeProblem } from '../../src/problems.js';

const where = { dataset: 'beneficiaries', file: 'data/b.csv' };
const HEADER = ['Identifiant', 'Plateforme', 'Date d’entrée'];
const MAPPING = { identifiant: 'beneficiary_id', plateforme: 'site_id', 'date d’entrée': 'entry_date' };

describe('header matching', () => {
  it('matches a straight apostrophe against a curly one in the mapping, ignoring case and accents', () => {
    const map = matchHeader(SCHEMAS.beneficiaries, ['IDENTIFIANT', ' plateforme ', "Date d'entree"], MAPPING, where);
    expect(map.problems).toEqual([]);
    expect(map.indexes.slice(0, 3)).toEqual([0, 1, 2]);
  });

  it('matches an NFD header (as macOS writes it) against an NFC mapping', () => {
    const nfd = 'Date d’entrée'.normalize('NFD');
    expect(nfd).not.toBe('Date d’entrée'); // e + combining acute: looks the same, is not the same string
    const map = matchHeader(SCHEMAS.beneficiaries, ['Identifiant', 'Plateforme', nfd], MAPPING, where);
    expect(map.fatal).toBe(false);
    expect(map.indexes[2]).toBe(2);
  });

  it('folds headers to one comparison form', () => {
    expect(headerKey('  Niveau à l’entrée\u200b ')).toBe("niveau a l'entree");
    expect(headerKey('Date\u00a0de  sortie')).toBe('date de sortie');
  });

  it('says "did you mean" for a header that still does not match, and names it on the missing column', () => {
    const map = matchHeader(SCHEMAS.beneficiaries, ['Identifiant', 'Plateforme', 'Date dentrée'], MAPPING, where);
    expect(map.problems).toEqual([
      {
        code: 'extra-label',
        severity: 'warning',
        ...where,
        line: 1,
        column: 'Date dentrée',
        value: 'Date dentrée',
        args: { suggestion: 'date d’entrée' },
      },
      {
        code: 'missing-label',
        severity: 'error',
        ...where,
        line: 1,
        column: 'entry_date',
        args: { header: 'Date dentrée' },
      },
    ]);
    expect(describeProblem(map.problems[0]!, 'en')).toBe('unknown column, ignored (did you mean "date d’entrée"?)');
    expect(describeProblem(map.problems[0]!, 'fr')).toBe(
      'colonne inconnue, ignorée (vouliez-vous dire « date d’entrée »\u00a0?)',
    );
    expect(describeProblem(map.problems[1]!, 'en')).toBe(
      'required column is missing from the header (is it "Date dentrée"? map it under columns:)',
    );
  });

  it('ignores the reason columns of a rejects file fed back', () => {
    const map = matchHeader(SCHEMAS.beneficiaries, ['_line', '_codes', '_reasons', ...HEADER], MAPPING, where);
    expect(map.problems).toEqual([]);
    expect(map.indexes.slice(0, 3)).toEqual([3, 4, 5]);
  });
});

const typing = {
  decimal: '.' as const,
  dateFormat: 'dd/mm/yyyy' as const,
  levels: ['severe', 'precarious', 'fragile', 'autonomous'],
};
const cells = (overrides: Partial<Record<string, string>>): (string | undefined)[] =>
  SCHEMAS.beneficiaries.columns.map(
    (c) =>
      overrides[c.name] ??
      (c.name === 'entry_date'
        ? '03/03/2025'
        : c.name === 'beneficiary_id'
          ? 'B1'
          : c.name === 'site_id'
            ? 'S1'
            : undefined),
  );
const at = { ...where, line: 7 };

describe('ids: NFC and no invisible characters', () => {
  it('refuses an id with a zero-width space, showing where it is', () => {
    const { row, problems } = typeRecord(SCHEMAS.beneficiaries, cells({ site_id: 'S1\u200b' }), typing, at);
    expect(row).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ code: 'constraint-error', column: 'site_id', line: 7 })]);
    expect(describeProblem(problems[0]!, 'en')).toBe('invisible character in the id: S1␣U+200B (remove it)');
    expect(describeProblem(problems[0]!, 'fr')).toBe(
      'caractère invisible dans l’identifiant : S1␣U+200B (à supprimer)',
    );
  });

  it('gives an NFD id in NFC, so it equals the same id typed elsewhere', () => {
    const { row } = typeRecord(
      SCHEMAS.beneficiaries,
      cells({ beneficiary_id: 'Hélène-1'.normalize('NFD') }),
      typing,
      at,
    );
    expect(row?.beneficiary_id).toBe('Hélène-1'.normalize('NFC'));
  });

  it('shows invisible and control characters by their code point', () => {
    expect(showInvisible('S1\u200b')).toBe('S1␣U+200B');
    expect(showInvisible('\ufeffA\u202eB\u0007')).toBe('␣U+FEFFA␣U+202EB␣U+0007');
  });
});

describe('their own words: values:', () => {
  const vocabulary = buildVocabulary(
    { gender: { Femme: 'f', Homme: 'm' }, intake_level: { Sévère: 'severe', Autonome: 'autonomous' } },
    { outcome: { Emploi: 'employment' } },
  );

  it('maps the partner’s words to canonical values, ignoring case and accents', () => {
    const { row, problems } = typeRecord(
      SCHEMAS.beneficiaries,
      cells({ gender: 'FEMME', intake_level: 'Sévère', outcome: 'emploi' }),
      { ...typing, vocabulary },
      at,
    );
    expect(problems).toEqual([]);
    expect(row).toMatchObject({ gender: 'f', intake_level: 'severe', outcome: 'employment' });
    // exit_level has no words of its own: Autonome is not one of its values.
    const exit = typeRecord(SCHEMAS.beneficiaries, cells({ exit_level: 'Autonome' }), { ...typing, vocabulary }, at);
    expect(exit.problems.map((p) => [p.code, p.column])).toEqual([['constraint-error', 'exit_level']]);
    const sevre = typeRecord(SCHEMAS.beneficiaries, cells({ intake_level: 'SEVERE' }), { ...typing, vocabulary }, at);
    expect(sevre.row?.intake_level).toBe('severe');
    const accentless = typeRecord(
      SCHEMAS.beneficiaries,
      cells({ intake_level: 'Severe ' }),
      { ...typing, vocabulary },
      at,
    );
    expect(accentless.row?.intake_level).toBe('severe');
  });

  it('stays strict for a word it does not name', () => {
    const { problems } = typeRecord(SCHEMAS.beneficiaries, cells({ gender: 'Féminin' }), { ...typing, vocabulary }, at);
    expect(problems.map((p) => [p.code, p.column, p.value])).toEqual([['constraint-error', 'gender', 'Féminin']]);
  });
});

function issuesOf(text: string): ConfigIssue[] {
  try {
    parseConfigText(text, '/ws/impact.yaml');
  } catch (e) {
    if (e instanceof ConfigError) return e.issues;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('values: checked at config time', () => {
  const head = [
    'version: 1',
    'name: T',
    'range: { from: 2024-01-01, to: 2024-12-31 }',
    'datasets:',
    '  beneficiaries:',
    '    files: b.csv',
  ];
  it('accepts words for enum and level columns', () => {
    const config = parseConfigText(
      [...head, '    values:', '      gender: { Femme: f }', '      intake_level: { Sévère: severe }'].join('\n'),
      '/ws/impact.yaml',
    );
    expect(config.datasets.beneficiaries?.values).toEqual({
      gender: { Femme: 'f' },
      intake_level: { Sévère: 'severe' },
    });
  });

  it('locates a canonical value outside the column’s list, an unknown column and an open column', () => {
    const issues = issuesOf(
      [
        ...head,
        '    values:',
        '      gender: { Femme: female }',
        '      genre: { Femme: f }',
        '      site_id: { A: B }',
      ].join('\n'),
    );
    expect(issues).toEqual([
      {
        line: 8,
        col: 24,
        path: 'datasets.beneficiaries.values.gender.Femme',
        message: '"female" is not a value of gender',
        expected: 'one of f, m, x',
      },
      expect.objectContaining({
        line: 9,
        path: 'datasets.beneficiaries.values.genre',
        message: 'beneficiaries has no column genre',
      }),
      expect.objectContaining({
        line: 10,
        path: 'datasets.beneficiaries.values.site_id',
        message: 'site_id takes any value of its type: values: applies to columns with a closed list',
      }),
    ]);
  });

  it('checks a level against params.mobility_levels', () => {
    const issues = issuesOf([...head, '    values: { intake_level: { Sévère: grave } }'].join('\n'));
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'datasets.beneficiaries.values.intake_level.Sévère',
        message: '"grave" is not a value of intake_level',
        expected: 'one of severe, precarious, fragile, autonomous',
      }),
    ]);
  });
});
