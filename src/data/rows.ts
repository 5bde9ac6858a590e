// From a source record (header + cells) to a typed row, or to the problems that reject it.
import type { Problem } from '../problems.js';
import type { ColumnSpec, DatasetSchema } from './datasets.js';
import { ROW_ORDER_CHECKS } from './datasets.js';
import { type HeaderMap, hasInvisible, matchHeader, showInvisible } from './headers.js';
import { parseTerritory } from './territory.js';
import { translate, type Vocabulary } from './vocabulary.js';

export type { HeaderMap };

import {
  type DateFormat,
  type DecimalMark,
  parseBoolean,
  parseDate,
  parseInteger,
  parseMoneyCents,
  parseNumber,
  parseSiren,
  type Typed,
} from './values.js';

export interface TypingOptions {
  decimal: DecimalMark;
  dateFormat: DateFormat;
  /** params.mobility_levels, ordered worst to best. */
  levels: readonly string[];
  /** The partner's own words for canonical values (`values:`). */
  vocabulary?: Vocabulary;
}

export interface Where {
  dataset: string;
  file: string;
  line: number;
}

/** Header matching lives in headers.ts (forgiving: case, accents, apostrophes, NFC); kept here under its old name. */
export function mapHeader(
  schema: DatasetSchema,
  header: string[],
  columns: Record<string, string>,
  where: Omit<Where, 'line'> & { line?: number },
): HeaderMap {
  return matchHeader(schema, header, columns, where);
}

/** The raw cell of every schema column (undefined when the file lacks the column). */
export function cellsForSchema(map: HeaderMap, cells: string[]): (string | undefined)[] {
  return map.indexes.map((i) => (i === -1 ? undefined : cells[i]));
}

/** One cell's text by the rules of CONTRACT §3 (the columnar reader types each distinct text through here). */
export function typeCell(
  spec: ColumnSpec,
  raw: string,
  options: TypingOptions,
): Typed<unknown> | { constraint: Problem['args'] } {
  const kind = spec.kind;
  switch (kind.type) {
    case 'id': {
      // NFC so that an id typed on a Mac (NFD) equals the same id typed elsewhere; an invisible character
      // would make "S1" and "S1\u200b" two sites that look the same, so it is refused and shown.
      const value = raw.trim().normalize('NFC');
      if (!hasInvisible(value)) return { ok: true, value };
      const shown = showInvisible(value);
      return {
        constraint: {
          reason_en: `invisible character in the id: ${shown} (remove it)`,
          reason_fr: `caractère invisible dans l’identifiant : ${shown} (à supprimer)`,
        },
      };
    }
    case 'text':
      return { ok: true, value: raw.trim().normalize('NFC') };
    case 'enum': {
      const value = raw.trim().toLowerCase();
      if (kind.values.includes(value)) return { ok: true, value };
      const translated = translate(options.vocabulary, spec.name, raw);
      if (translated !== undefined) return { ok: true, value: translated };
      return {
        constraint: {
          reason_en: `not one of ${kind.values.join(', ')}`,
          reason_fr: `pas parmi ${kind.values.join(', ')}`,
        },
      };
    }
    case 'level': {
      const value = raw.trim().toLowerCase();
      if (options.levels.includes(value)) return { ok: true, value };
      const translated = translate(options.vocabulary, spec.name, raw);
      if (translated !== undefined) return { ok: true, value: translated };
      const list = options.levels.join(', ');
      return {
        constraint: { reason_en: `not a mobility level (${list})`, reason_fr: `pas un niveau de mobilité (${list})` },
      };
    }
    case 'money': {
      const typed = parseMoneyCents(raw, options.decimal);
      if (typed.ok && typed.value < 0) {
        return { constraint: { reason_en: 'amount must be ≥ 0', reason_fr: 'le montant doit être ≥ 0' } };
      }
      return typed;
    }
    case 'number':
      return parseNumber(raw, options.decimal);
    case 'integer': {
      const typed = parseInteger(raw, options.decimal);
      if (typed.ok && (typed.value < kind.min || typed.value > kind.max)) {
        return {
          constraint: {
            reason_en: `must be between ${kind.min} and ${kind.max}`,
            reason_fr: `doit être entre ${kind.min} et ${kind.max}`,
          },
        };
      }
      return typed;
    }
    case 'date':
      return parseDate(raw, options.dateFormat);
    case 'boolean':
      return parseBoolean(raw);
    case 'siren': {
      const typed = parseSiren(raw);
      // Nine digits with a wrong check key have the right form: a constraint is broken, not the type.
      if (!typed.ok && /^\d{9}$/.test(raw.replace(/[ \u00a0\u202f]/g, ''))) {
        return {
          constraint: {
            reason_en: 'wrong SIREN check digit (Luhn)',
            reason_fr: 'clé de contrôle du SIREN invalide (Luhn)',
          },
        };
      }
      return typed;
    }
    case 'territory': {
      const parsed = parseTerritory(raw);
      if (parsed.ok) return { ok: true, value: parsed.code };
      return {
        constraint: {
          territory: 1,
          reason_en: parsed.reason_en,
          reason_fr: parsed.reason_fr,
          ...(parsed.hint_en ? { hint_en: parsed.hint_en, hint_fr: parsed.hint_fr ?? parsed.hint_en } : {}),
        },
      };
    }
  }
}

/**
 * Types every cell of one record. Returns the row (canonical column -> typed value; missing
 * values are absent, never 0 or false) when no error was found, and every problem either way.
 */
export function typeRecord(
  schema: DatasetSchema,
  cells: (string | undefined)[],
  options: TypingOptions,
  where: Where,
  /** Cells a workbook typed itself (dates, numbers): their text is canonical (ISO date, '.' decimal). */
  native?: readonly boolean[],
): { row: Record<string, unknown> | null; problems: Problem[] } {
  const row: Record<string, unknown> = {};
  const problems: Problem[] = [];
  const canonical: TypingOptions | undefined = native && { ...options, decimal: '.', dateFormat: 'yyyy-mm-dd' };
  schema.columns.forEach((spec, i) => {
    const raw = cells[i];
    const empty = raw === undefined || raw.trim() === '';
    if (empty) {
      if (spec.default !== undefined) row[spec.name] = spec.default;
      else if (spec.required) problems.push({ code: 'missing-cell', severity: 'error', ...where, column: spec.name });
      return;
    }
    const typed = typeCell(spec, raw, canonical && native?.[i] ? canonical : options);
    if ('constraint' in typed) {
      const { territory, ...args } = typed.constraint ?? {};
      problems.push({
        code: territory ? 'territory-error' : 'constraint-error',
        severity: 'error',
        ...where,
        column: spec.name,
        value: raw,
        args,
      });
    } else if (typed.ok) {
      row[spec.name] = typed.value;
    } else {
      problems.push({
        code: 'type-error',
        severity: 'error',
        ...where,
        column: spec.name,
        value: raw,
        args: { ...typed.failure },
      });
    }
  });
  for (const check of ROW_ORDER_CHECKS[schema.name] ?? []) {
    const before = row[check.before];
    const after = row[check.after];
    if (typeof before === 'string' && typeof after === 'string' && after < before) {
      problems.push({
        code: 'row-constraint-error',
        severity: 'error',
        ...where,
        column: check.after,
        value: after,
        args: { reason_en: check.en, reason_fr: check.fr },
      });
    }
  }
  if (schema.name === 'beneficiaries') problems.push(...ageProblems(row, where));
  return { row: problems.length === 0 ? row : null, problems };
}

// Oldest age at entry that is believed; the same bound as the `age` column's (datasets.ts).
const MAX_AGE = 120;

/**
 * Age at entry must be a real one: a birth year after the entry, an age above MAX_AGE from the birth
 * year, or an age and a birth year more than one year apart (a birthday explains one) would put a
 * person in the wrong age band (issue 9: −66 counted as under 16), so the row is rejected.
 */
function ageProblems(row: Record<string, unknown>, where: Where): Problem[] {
  const entry = row.entry_date;
  const born = row.birth_year;
  if (typeof entry !== 'string' || typeof born !== 'number') return [];
  const fromBirth = Number(entry.slice(0, 4)) - born;
  const value = String(born);
  const problem = (en: string, fr: string): Problem[] => [
    {
      code: 'row-constraint-error',
      severity: 'error',
      ...where,
      column: 'birth_year',
      value,
      args: { reason_en: en, reason_fr: fr },
    },
  ];
  if (fromBirth < 0) return problem('birth_year is after entry_date', 'birth_year est postérieure à entry_date');
  if (fromBirth > MAX_AGE) {
    return problem(
      `gives an age of ${fromBirth} at entry, above ${MAX_AGE}`,
      `donne un âge de ${fromBirth} ans à l’entrée, au-delà de ${MAX_AGE}`,
    );
  }
  const age = row.age;
  if (typeof age === 'number' && Math.abs(age - fromBirth) > 1) {
    return problem(
      `disagrees with age ${age} by more than one year (entry year − birth_year = ${fromBirth})`,
      `contredit age ${age} de plus d’un an (année d’entrée − birth_year = ${fromBirth})`,
    );
  }
  return [];
}
