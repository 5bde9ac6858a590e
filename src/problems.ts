// Problems are data: a stable code, where it happened, and the arguments the wording needs.
// They are worded in English and French here and nowhere else (publint's way), so tests assert
// codes and callers never build sentences. Codes follow Frictionless Data's error names where
// one exists (https://specs.frictionlessdata.io/ : type-error, constraint-error, unique-error,
// foreign-key-error, missing-cell, extra-cell, missing-label, blank-row, encoding-error).

import { isMessageId, type Lang, type MessageArgs, t } from './messages.js';

export type { Lang };

export type ProblemCode =
  | 'source-error' // a file cannot be found or read
  | 'encoding-error' // bytes that are not valid in the declared encoding
  | 'format-error' // malformed CSV (unclosed quote) or YAML that is not a list/map of records
  | 'missing-label' // a required column is absent from the header
  | 'duplicate-label' // two headers map to the same column
  | 'extra-label' // a column impactkit does not know (warning: it is ignored)
  | 'blank-row' // a row whose cells are all empty
  | 'extra-cell' // more cells than headers
  | 'missing-cell' // a required value is empty, or the row is shorter than the header
  | 'type-error' // not a number / date / boolean / code of the right form
  | 'constraint-error' // right form, but outside what the column allows (enum, range, Luhn)
  | 'territory-error' // a territory code that the official geography does not know
  | 'unique-error' // a key seen on an earlier row
  | 'blank-update' // warning at import: an update that would blank stored values, held back
  | 'foreign-key-error' // a reference to a row of another dataset that does not exist
  | 'encoding-mismatch' // warning: the bytes plainly are another encoding than the configured one
  | 'unsupported-format' // a spreadsheet format impactkit does not read (.ods, .xls)
  | 'row-constraint-error' // two values of one row disagree (exit before entry, closed before opened)
  | 'circular-holding' // funds held only by one another: their shares have no solution
  | 'blank-label' // a header cell that is empty (warning: its column is ignored)
  | 'empty-file' // a data file of 0 bytes: no header, no rows (warning)
  | 'coarse-territory'; // warning at report time: a territory coarser than the requested level

export type Severity = 'error' | 'warning';

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  dataset?: string;
  file?: string; // workspace-relative, as the user wrote it
  line?: number; // as the user's editor shows it: header = 1
  sheet?: string; // a workbook's sheet: line is then its row number
  cell?: string; // the column letter of the cell in that sheet
  batch?: number; // the store batch that imported the row (file and line are then those of the imported file)
  column?: string;
  value?: string;
  /** What the wording needs, e.g. { expected: 'a date dd/mm/yyyy' }. */
  args?: Record<string, string | number>;
}

/** The catalogue id and arguments that word a problem. */
function wordingOf(p: Problem, lang: Lang): string {
  const a: MessageArgs = { ...(p.args ?? {}), column: p.column };
  switch (p.code) {
    case 'missing-cell':
      return t(lang, a.cells !== undefined ? 'problem.short-row' : 'problem.missing-cell', a);
    case 'format-error':
    case 'constraint-error':
      // Some readers give one reason for both languages.
      return t(lang, `problem.${p.code}`, { reason_en: a.reason, reason_fr: a.reason, ...a });
    case 'type-error':
      return t(lang, 'problem.type-error', { expected_en: a.expected, expected_fr: a.expected, ...a });
    case 'territory-error':
      return t(lang, 'problem.territory-error', {
        ...a,
        hint_en: a.hint_en ? ` (${a.hint_en})` : '',
        hint_fr: a.hint_fr ? ` (${a.hint_fr})` : '',
      });
    case 'missing-label':
      return t(lang, 'problem.missing-label', {
        hint: a.header === undefined ? '' : t(lang, 'problem.missing-label.hint', { header: a.header }),
      });
    case 'extra-label':
      return t(lang, 'problem.extra-label', {
        hint: a.suggestion === undefined ? '' : t(lang, 'problem.extra-label.hint', { suggestion: a.suggestion }),
      });
    case 'source-error': {
      // The system's reason in the reader's language when it is one the catalogue knows, else as given.
      const id = `fs.${a.errno}`;
      return t(lang, 'problem.source-error', { ...a, reason: isMessageId(id) ? t(lang, id) : a.reason });
    }
    case 'coarse-territory':
      return t(lang, 'problem.coarse-territory', {
        ...a,
        level: typeof a.level === 'string' ? levelWord(lang, a.level) : a.level,
      });
    default:
      return t(lang, `problem.${p.code}`, a);
  }
}

/** `departement` as people write it: `département`. */
function levelWord(lang: Lang, level: string): string {
  const id = `level.${level}`;
  return isMessageId(id) ? t(lang, id) : level;
}

export function describeProblem(p: Problem, lang: Lang): string {
  return wordingOf(p, lang);
}

/** `14` in a text file; `Feuille1!B14` for a workbook's cell, `Feuille1!14:14` for its whole row. */
function sheetPlace(p: Problem): string {
  if (p.sheet === undefined) return String(p.line);
  const sheet = /^[\p{L}\p{N}_]+$/u.test(p.sheet) ? p.sheet : `'${p.sheet.replace(/'/g, "''")}'`;
  return p.cell !== undefined ? `${sheet}!${p.cell}${p.line}` : `${sheet}!${p.line}:${p.line}`;
}

/** `data/beneficiaries.csv:14  entry_date  "2024-02-30"  not a calendar date` */
export function formatProblem(p: Problem, lang: Lang): string {
  const located = p.file ? (p.line ? `${p.file}:${sheetPlace(p)}` : p.file) : '';
  const where = p.batch !== undefined ? `${located} (${t(lang, 'explain.batch', { batch: p.batch })})` : located;
  const parts = [where, p.column ?? '', p.value !== undefined ? JSON.stringify(p.value) : '', describeProblem(p, lang)];
  return parts.filter((x) => x !== '').join('  ');
}

export function problem(
  code: ProblemCode,
  fields: Omit<Problem, 'code' | 'severity'> & { severity?: Severity },
): Problem {
  return { severity: 'error', ...fields, code };
}
