// Matching a file's header to the canonical columns, forgivingly: partners type headers by hand in Excel,
// so case, accents, straight or curly apostrophes, NFD/NFC and stray spaces must not decide whether a
// column is read. Values stay strict: ids keep their characters, and an invisible one is refused visibly.
import { editDistance } from '../config/text.js';
import type { Problem } from '../problems.js';
import type { DatasetSchema } from './datasets.js';

/** Zero-width and formatting characters that look like nothing on screen (and bidi controls, and the BOM). */
const INVISIBLE_CLASS = '[\\u00ad\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff]|\\p{Cc}';
const INVISIBLE = new RegExp(INVISIBLE_CLASS, 'gu');
const ANY_INVISIBLE = new RegExp(INVISIBLE_CLASS, 'u');
const APOSTROPHES = /[\u2018\u2019\u201b\u02bc\u02b9\u2032\u0060\u00b4]/g;

/** The rejects file's own columns: a fixed row fed back carries them, and they are not data. */
export const REASON_COLUMNS = ['_file', '_line', '_codes', '_reasons'] as const;
const REASON_SET: ReadonlySet<string> = new Set(REASON_COLUMNS);

/** The comparison form of a header: NFC, no invisible characters, lower case, no accents, one apostrophe, single spaces. */
export function headerKey(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\t\r\n]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(APOSTROPHES, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .toLowerCase()
    .normalize('NFC');
}

/** `S1\u200b` → `S1␣U+200B`: what an invisible or control character is, where it is. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `␣U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
}

/** True when the text holds a character that shows as nothing (tabs and newlines included). */
export function hasInvisible(text: string): boolean {
  return ANY_INVISIBLE.test(text);
}

/** Which source column feeds each canonical column, decided once per file from its header. */
export interface HeaderMap {
  /** For each schema column, the index of its cell in the record, or -1. */
  indexes: number[];
  /** Header problems, each reported once at line 1: missing-label rejects every row; the others are notes. */
  problems: Problem[];
  fatal: boolean;
  headerCount: number;
}

interface Where {
  dataset: string;
  file: string;
  /** A workbook's header may sit below a title: its own row. */
  line?: number;
}

/** The closest of `known` to `word` (compared as header keys), within a third of its length. */
function closest(word: string, known: Iterable<string>): string | undefined {
  const key = headerKey(word);
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = editDistance(key, headerKey(name));
    if (d <= Math.max(2, Math.floor(key.length / 3)) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/**
 * Maps each header cell to a canonical column, directly or through `columns:` (source header → canonical).
 * An unknown header that is close to a configured or canonical name gets "did you mean"; a missing
 * required column names the unknown header that probably is it.
 */
export function matchHeader(
  schema: DatasetSchema,
  header: string[],
  columns: Record<string, string>,
  where: Where,
): HeaderMap {
  const line = where.line ?? 1;
  const at = { dataset: where.dataset, file: where.file, line };
  const aliases = new Map<string, string>();
  for (const [source, canonical] of Object.entries(columns)) aliases.set(headerKey(source), headerKey(canonical));
  const known = new Map(schema.columns.map((c, i) => [c.name, i]));
  const indexes = schema.columns.map(() => -1);
  const problems: Problem[] = [];
  const unknown: { raw: string; index: number }[] = [];
  header.forEach((raw, cellIndex) => {
    const key = headerKey(raw);
    const name = aliases.get(key) ?? key;
    const schemaIndex = known.get(name);
    if (schemaIndex === undefined) {
      if (key !== '' && !REASON_SET.has(key)) unknown.push({ raw, index: cellIndex });
      // A blank header cell: its column is ignored, and said so rather than silently.
      else if (key === '')
        problems.push({ code: 'blank-label', severity: 'warning', ...at, args: { position: cellIndex + 1 } });
      return;
    }
    if (indexes[schemaIndex] !== -1) {
      problems.push({ code: 'duplicate-label', severity: 'error', ...at, column: name, value: raw });
      return;
    }
    indexes[schemaIndex] = cellIndex;
  });
  // Names a header could have meant: configured source headers and canonical columns not yet matched.
  const candidates = [
    ...Object.keys(columns).filter((source) => {
      const target = known.get(headerKey(columns[source] ?? ''));
      return target !== undefined && indexes[target] === -1;
    }),
    ...schema.columns.filter((_, i) => indexes[i] === -1).map((c) => c.name),
  ];
  const meant = new Map<string, string>(); // canonical column -> the unknown header that probably is it
  for (const { raw } of unknown) {
    const suggestion = closest(raw, candidates);
    const target = suggestion === undefined ? undefined : (aliases.get(headerKey(suggestion)) ?? headerKey(suggestion));
    if (target !== undefined && !meant.has(target)) meant.set(target, raw);
    problems.push({
      code: 'extra-label',
      severity: 'warning',
      ...at,
      column: raw,
      value: showInvisible(raw),
      ...(suggestion !== undefined ? { args: { suggestion } } : {}),
    });
  }
  schema.columns.forEach((c, i) => {
    if (c.required && indexes[i] === -1) {
      const header = meant.get(c.name);
      problems.push({
        code: 'missing-label',
        severity: 'error',
        ...at,
        column: c.name,
        ...(header !== undefined ? { args: { header: showInvisible(header) } } : {}),
      });
    }
  });
  return { indexes, problems, fatal: problems.some((p) => p.severity === 'error'), headerCount: header.length };
}

/**
 * A workbook's header row may sit below a title and notes: the first of the top rows that names the most
 * known columns (directly or through `columns:`), or the first non-empty row when none names any.
 */
export function findHeaderRow(
  rows: readonly string[][],
  schema: DatasetSchema,
  columns: Record<string, string>,
): number {
  const names = new Set([...schema.columns.map((c) => c.name), ...Object.keys(columns).map(headerKey)]);
  let best = -1;
  let bestCount = 0;
  rows.forEach((cells, i) => {
    const count = cells.filter((cell) => names.has(headerKey(cell))).length;
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  });
  if (best >= 0) return best;
  return Math.max(
    0,
    rows.findIndex((cells) => cells.some((cell) => cell.trim() !== '')),
  );
}
