// Problems are data: a stable code, where it happened, and the arguments the wording needs.
// They are worded in English and French here and nowhere else (publint's way), so tests assert
// codes and callers never build sentences. Codes follow Frictionless Data's error names where
// one exists (https://specs.frictionlessdata.io/ : type-error, constraint-error, unique-error,
// foreign-key-error, missing-cell, extra-cell, missing-label, blank-row, encoding-error).

export type Lang = 'en' | 'fr';

export type ProblemCode =
  | 'source-error' // a file cannot be found or read
  | 'encoding-error' // bytes that are not valid in the declared encoding
  | 'encoding-mismatch' // warning: the bytes plainly are another encoding than the configured one
  | 'unsupported-format' // a spreadsheet format impactkit does not read (.ods, .xls)
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
  | 'row-constraint-error' // two values of one row disagree (exit before entry, closed before opened)
  | 'circular-holding' // funds held only by one another: their shares have no solution
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

type Wording = Record<ProblemCode, { en: (a: Args) => string; fr: (a: Args) => string }>;
type Args = Record<string, string | number | undefined>;

const s = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

const wording: Wording = {
  'source-error': {
    en: (a) => `cannot read the file: ${s(a.reason)}`,
    fr: (a) => `fichier illisible : ${s(a.reason)}`,
  },
  'encoding-error': {
    en: (a) => `bytes that are not valid ${s(a.encoding)} (set the dataset's encoding?)`,
    fr: (a) => `octets invalides en ${s(a.encoding)} (préciser l'encodage du jeu de données ?)`,
  },
  'encoding-mismatch': {
    en: (a) =>
      `this file looks like ${s(a.detected)}, not ${s(a.configured)}: set encoding: ${s(a.setting)} for it (in files:, or for the dataset)`,
    fr: (a) =>
      `ce fichier semble encodé en ${s(a.detected)}, pas en ${s(a.configured)} : indiquer encoding: ${s(a.setting)} pour lui (dans files:, ou pour le jeu de données)`,
  },
  'unsupported-format': {
    en: (a) => `${s(a.format)} files are not read: save it as .xlsx or .csv`,
    fr: (a) => `les fichiers ${s(a.format)} ne sont pas lus : l’enregistrer en .xlsx ou en .csv`,
  },
  'format-error': {
    en: (a) => s(a.reason_en ?? a.reason),
    fr: (a) => s(a.reason_fr ?? a.reason),
  },
  'missing-label': {
    en: (a) =>
      `required column is missing from the header${a.header !== undefined ? ` (is it "${s(a.header)}"? map it under columns:)` : ''}`,
    fr: (a) =>
      `colonne obligatoire absente de l'en-tête${a.header !== undefined ? ` (est-ce « ${s(a.header)} » ? à associer sous columns:)` : ''}`,
  },
  'duplicate-label': {
    en: (a) => `two columns map to "${s(a.column)}"`,
    fr: (a) => `deux colonnes correspondent à « ${s(a.column)} »`,
  },
  'extra-label': {
    en: (a) => `unknown column, ignored${a.suggestion !== undefined ? ` (did you mean "${s(a.suggestion)}"?)` : ''}`,
    fr: (a) =>
      `colonne inconnue, ignorée${a.suggestion !== undefined ? ` (vouliez-vous dire « ${s(a.suggestion)} » ?)` : ''}`,
  },
  'blank-row': {
    en: () => 'every cell is empty',
    fr: () => 'toutes les cellules sont vides',
  },
  'extra-cell': {
    en: (a) => `${s(a.cells)} cells but the header has ${s(a.headers)}`,
    fr: (a) => `${s(a.cells)} cellules mais l'en-tête en a ${s(a.headers)}`,
  },
  'missing-cell': {
    en: (a) =>
      a.cells !== undefined ? `${s(a.cells)} cells but the header has ${s(a.headers)}` : 'required value is empty',
    fr: (a) =>
      a.cells !== undefined ? `${s(a.cells)} cellules mais l'en-tête en a ${s(a.headers)}` : 'valeur obligatoire vide',
  },
  'type-error': {
    en: (a) => `not ${s(a.expected_en ?? a.expected)}`,
    fr: (a) => `n'est pas ${s(a.expected_fr ?? a.expected)}`,
  },
  'constraint-error': {
    en: (a) => s(a.reason_en ?? a.reason),
    fr: (a) => s(a.reason_fr ?? a.reason),
  },
  'territory-error': {
    en: (a) => `${s(a.reason_en)}${a.hint_en ? ` (${s(a.hint_en)})` : ''}`,
    fr: (a) => `${s(a.reason_fr)}${a.hint_fr ? ` (${s(a.hint_fr)})` : ''}`,
  },
  'unique-error': {
    en: (a) => `duplicate key ${s(a.key)}, first seen at ${s(a.first)}`,
    fr: (a) => `clé en double ${s(a.key)}, déjà vue en ${s(a.first)}`,
  },
  'blank-update': {
    en: (a) =>
      `this update would blank ${s(a.columns)} (stored by batch ${s(a.batch)}): held back; --allow-blank-updates applies it`,
    fr: (a) =>
      `cette mise à jour viderait ${s(a.columns)} (enregistré par le lot ${s(a.batch)})\u00a0: retenue\u00a0; --allow-blank-updates l’applique`,
  },
  'foreign-key-error': {
    en: (a) => `unknown ${s(a.target)} "${s(a.ref)}"`,
    // "organisation" is feminine: naming the dataset keeps the French right for every target.
    fr: (a) => `référence inconnue « ${s(a.ref)} » (jeu de données ${s(a.dataset)})`,
  },
  'row-constraint-error': {
    en: (a) => s(a.reason_en),
    fr: (a) => s(a.reason_fr),
  },
  'circular-holding': {
    en: (a) =>
      `funds ${s(a.funds)} are held only by one another from ${s(a.from)}: investments ${s(a.investments)} close the circle, so no share of them exists`,
    fr: (a) =>
      `les fonds ${s(a.funds)} ne sont détenus que les uns par les autres à partir du ${s(a.from)}\u00a0: les investissements ${s(a.investments)} ferment le cercle, aucune part n'en existe`,
  },
  'coarse-territory': {
    en: (a) => `territory ${s(a.code)} is coarser than ${s(a.level)}: reported under its own code`,
    fr: (a) => `territoire ${s(a.code)} moins fin que ${s(a.level)} : compté sous son propre code`,
  },
};

export function describeProblem(p: Problem, lang: Lang): string {
  return wording[p.code][lang]({ ...(p.args ?? {}), column: p.column });
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
  const where = p.batch !== undefined ? `${located} (${lang === 'fr' ? 'lot' : 'batch'} ${p.batch})` : located;
  const parts = [where, p.column ?? '', p.value !== undefined ? JSON.stringify(p.value) : '', describeProblem(p, lang)];
  return parts.filter((x) => x !== '').join('  ');
}

export function problem(
  code: ProblemCode,
  fields: Omit<Problem, 'code' | 'severity'> & { severity?: Severity },
): Problem {
  return { severity: 'error', ...fields, code };
}
