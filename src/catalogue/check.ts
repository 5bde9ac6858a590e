// The definition checker shared by YAML and TypeScript plug-ins (and the built-ins): every column a
// definition names declaratively must exist in its dataset's canonical schema, and every filter value
// is typed by that column's own parser, so a typo or a value the data can never hold is an error
// when the catalogue loads instead of a silent 0 in every cell.
import { didYouMean, listOf } from '../config/text.js';
import { type ColumnSpec, DATASET_ORDER, type DatasetName, SCHEMAS } from '../data/datasets.js';
import { parseTerritory } from '../data/territory.js';
import { parseBoolean, parseDate, parseInteger, parseMoneyCents, parseNumber, type Typed } from '../data/values.js';
import { REFERENCES, type ReferenceName, type TypedCondition, type WhereOp, type WhereValue } from '../engine/where.js';

export type DefinitionPath = (string | number)[];

/** One thing wrong with a definition, at a field, worded in both languages. */
export interface DefinitionIssue {
  path: DefinitionPath;
  en: string;
  fr: string;
  /** `warning`: the definition runs but can never give a non-zero value (a filter outside the column's domain). */
  severity: 'error' | 'warning';
}

export interface CheckOptions {
  /** params.mobility_levels: the domain of level columns. */
  levels: readonly string[];
  /** Per dataset, the config's `columns:` mapping (source header -> canonical column). */
  columnMappings?: Partial<Record<DatasetName, Record<string, string>>>;
}

export const FILTER_OPS = [
  'eq',
  'ne',
  'in',
  'not_in',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'missing',
  'in_precarity',
  'not_in_precarity',
] as const satisfies readonly WhereOp[];
export type FilterOp = (typeof FILTER_OPS)[number];

/** What authors write for an operator from other tools (SQL, spreadsheets), for "did you mean". */
const OP_SYNONYMS: Record<string, FilterOp> = {
  equals: 'eq',
  equal: 'eq',
  is: 'eq',
  '=': 'eq',
  '==': 'eq',
  not_equals: 'ne',
  neq: 'ne',
  '!=': 'ne',
  '<>': 'ne',
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
  one_of: 'in',
  not_one_of: 'not_in',
  nin: 'not_in',
  present: 'exists',
  empty: 'missing',
};

export function operatorHint(op: string): FilterOp | undefined {
  const word = op.trim().toLowerCase();
  return Object.hasOwn(OP_SYNONYMS, word) ? OP_SYNONYMS[word] : (didYouMean(word, FILTER_OPS) as FilterOp | undefined);
}
export type FilterValue = WhereValue;
// The typed condition and the references it reads through are the engine's (src/engine/where.ts):
// one shape from this checker to the row test and the column mask.
export { REFERENCES, type ReferenceName, type TypedCondition };

const AGE: ColumnSpec = { name: 'age', required: false, kind: { type: 'integer', min: 0, max: 120 } };
const ORDERED = new Set(['money', 'number', 'integer', 'date']);
const NUMERIC = new Set(['money', 'number', 'integer']);

const issue = (path: DefinitionPath, en: string, fr: string): DefinitionIssue => ({ path, en, fr, severity: 'error' });
const q = (s: string): string => `"${s}"`;
const fq = (s: string): string => `« ${s} »`;

/** Own columns only: a Map, so `constructor` or `toString` are never columns. */
function columnsOf(dataset: DatasetName): Map<string, ColumnSpec> {
  return new Map(SCHEMAS[dataset].columns.map((c) => [c.name, c]));
}

/** Every name a filter on `dataset` may use: its columns, `age`, and the columns read through its references. */
export function filterColumnNames(dataset: DatasetName): string[] {
  const own = SCHEMAS[dataset].columns.map((c) => c.name);
  const derived = dataset === 'beneficiaries' ? ['age'] : [];
  const through = Object.entries(REFERENCES).flatMap(([name, ref]) =>
    own.includes(ref.column) ? SCHEMAS[ref.dataset].columns.map((c) => `${name}.${c.name}`) : [],
  );
  return [...own, ...derived, ...through];
}

/** A source header of the `columns:` mapping stands for its canonical column (headers compare trimmed, lower-cased). */
function canonicalName(dataset: DatasetName, name: string, options: CheckOptions): string {
  const mapping = options.columnMappings?.[dataset];
  if (!mapping) return name;
  const wanted = name.trim().toLowerCase();
  for (const [header, canonical] of Object.entries(mapping)) {
    if (header.trim().toLowerCase() === wanted) return canonical;
  }
  return name;
}

type Resolved = { spec: ColumnSpec; column: string; via?: ReferenceName; derived?: 'age' };

function unknownColumn(path: DefinitionPath, name: string, dataset: DatasetName, known: string[]): DefinitionIssue {
  const hint = didYouMean(name, known);
  return hint
    ? issue(
        path,
        `unknown column ${q(name)}, did you mean ${q(hint)}?`,
        `colonne inconnue ${fq(name)}, vouliez-vous dire ${fq(hint)}\u00a0?`,
      )
    : issue(
        path,
        `unknown column ${q(name)} in ${dataset} (columns: ${listOf(known)})`,
        `colonne inconnue ${fq(name)} dans ${dataset} (colonnes\u00a0: ${listOf(known)})`,
      );
}

/** A column of the dataset itself (date, distinct, value, active): no reference, no derived age. */
function ownColumn(
  dataset: DatasetName,
  raw: unknown,
  path: DefinitionPath,
  options: CheckOptions,
  issues: DefinitionIssue[],
): ColumnSpec | undefined {
  if (typeof raw !== 'string' || raw === '') {
    issues.push(issue(path, 'expected a column name', 'nom de colonne attendu'));
    return undefined;
  }
  const columns = columnsOf(dataset);
  const spec = columns.get(canonicalName(dataset, raw, options));
  if (!spec) issues.push(unknownColumn(path, raw, dataset, [...columns.keys()]));
  return spec;
}

function filterColumn(
  dataset: DatasetName,
  raw: unknown,
  path: DefinitionPath,
  options: CheckOptions,
  issues: DefinitionIssue[],
): Resolved | undefined {
  if (typeof raw !== 'string' || raw === '') {
    issues.push(issue(path, 'expected a column name', 'nom de colonne attendu'));
    return undefined;
  }
  const known = filterColumnNames(dataset);
  const dot = raw.indexOf('.');
  if (dot < 0) {
    const name = canonicalName(dataset, raw, options);
    if (name === 'age' && dataset === 'beneficiaries') return { spec: AGE, column: 'age', derived: 'age' };
    const spec = columnsOf(dataset).get(name);
    if (spec) return { spec, column: spec.name };
    issues.push(unknownColumn(path, raw, dataset, known));
    return undefined;
  }
  const head = raw.slice(0, dot);
  const rest = raw.slice(dot + 1);
  const reference = Object.hasOwn(REFERENCES, head) ? REFERENCES[head as ReferenceName] : undefined;
  if (!reference || !columnsOf(dataset).has(reference.column)) {
    const usable = Object.entries(REFERENCES)
      .filter(([, r]) => columnsOf(dataset).has(r.column))
      .map(([n]) => `${n}.`);
    const hint = didYouMean(raw, known);
    const also = hint
      ? `, did you mean ${q(hint)}?`
      : usable.length
        ? ` (${dataset} refers through ${listOf(usable)})`
        : ` (${dataset} refers to no other dataset)`;
    const alsoFr = hint
      ? `, vouliez-vous dire ${fq(hint)}\u00a0?`
      : usable.length
        ? ` (${dataset} renvoie par ${listOf(usable)})`
        : ` (${dataset} ne renvoie à aucun autre jeu de données)`;
    issues.push(
      issue(
        path,
        `${dataset} rows have no ${q(`${head}.`)} reference${also}`,
        `les lignes de ${dataset} n'ont pas de référence ${fq(`${head}.`)}${alsoFr}`,
      ),
    );
    return undefined;
  }
  const spec = columnsOf(reference.dataset).get(rest);
  if (!spec) {
    issues.push(unknownColumn(path, raw, dataset, known));
    return undefined;
  }
  return { spec, column: spec.name, via: head as ReferenceName };
}

/** A filter value typed by the column's own parser, as a data cell of that column would be. */
export function typeFilterValue(spec: ColumnSpec, raw: FilterValue, levels: readonly string[]): Typed<FilterValue> {
  const text = String(raw).trim();
  const kind = spec.kind;
  const notOneOf = (values: readonly string[]): Typed<FilterValue> => ({
    ok: false,
    failure: { expected_en: `one of ${listOf(values)}`, expected_fr: `une valeur parmi ${listOf(values)}` },
  });
  switch (kind.type) {
    case 'id':
    case 'text':
    case 'siren':
      return { ok: true, value: text };
    case 'enum': {
      const value = text.toLowerCase();
      return kind.values.includes(value) ? { ok: true, value } : notOneOf(kind.values);
    }
    case 'level': {
      const value = text.toLowerCase();
      return levels.includes(value) ? { ok: true, value } : notOneOf(levels);
    }
    case 'money':
      return parseMoneyCents(text, '.');
    case 'number':
      return parseNumber(text, '.');
    case 'integer':
      return parseInteger(text, '.');
    case 'date':
      return parseDate(text, 'yyyy-mm-dd');
    case 'boolean':
      return parseBoolean(text);
    case 'territory': {
      const parsed = parseTerritory(text);
      return parsed.ok
        ? { ok: true, value: parsed.code }
        : {
            ok: false,
            failure: {
              expected_en: 'a territory code (e.g. 93, dep:93, com:93066)',
              expected_fr: 'un code territoire (ex. 93, dep:93, com:93066)',
            },
          };
    }
  }
}

const isScalar = (v: unknown): v is FilterValue =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function typedOrIssue(
  spec: ColumnSpec,
  raw: FilterValue,
  label: string,
  path: DefinitionPath,
  options: CheckOptions,
  issues: DefinitionIssue[],
): FilterValue | undefined {
  const typed = typeFilterValue(spec, raw, options.levels);
  if (typed.ok) return typed.value;
  issues.push(
    issue(
      path,
      `${q(String(raw))} is not a value of ${label}: expected ${typed.failure.expected_en}`,
      `${fq(String(raw))} n'est pas une valeur de ${label}\u00a0: attendu ${typed.failure.expected_fr}`,
    ),
  );
  return undefined;
}

/** One YAML filter condition: its column found, its operator fitting the column, its value typed. */
export function checkCondition(
  dataset: DatasetName,
  condition: { column: unknown; op: unknown; value?: unknown },
  path: DefinitionPath,
  options: CheckOptions,
  issues: DefinitionIssue[],
): TypedCondition | undefined {
  const before = issues.length;
  const resolved = filterColumn(dataset, condition.column, [...path, 'column'], options, issues);
  const op = condition.op as FilterOp;
  if (!FILTER_OPS.includes(op)) {
    const hint = typeof condition.op === 'string' ? operatorHint(condition.op) : undefined;
    issues.push(
      issue(
        [...path, 'op'],
        `unknown operator ${q(String(condition.op))}${hint ? `, did you mean ${q(hint)}?` : ''} (operators: ${listOf(FILTER_OPS)})`,
        `opérateur inconnu ${fq(String(condition.op))}${hint ? `, vouliez-vous dire ${fq(hint)}\u00a0?` : ''} (opérateurs\u00a0: ${listOf(FILTER_OPS)})`,
      ),
    );
  }
  if (!resolved || issues.length > before) return undefined;
  const { spec } = resolved;
  const label = String(condition.column);
  const typeName = spec.kind.type;
  const valuePath = [...path, 'value'];
  const base: TypedCondition = {
    column: resolved.column,
    op,
    ...(resolved.via ? { via: resolved.via } : {}),
    ...(resolved.derived ? { derived: resolved.derived } : {}),
  };
  const given = condition.value;
  switch (op) {
    case 'exists':
    case 'missing':
    case 'in_precarity':
    case 'not_in_precarity': {
      if (given !== undefined && given !== null) {
        issues.push(issue(valuePath, `${op} takes no value`, `${op} ne prend pas de valeur`));
        return undefined;
      }
      if ((op === 'in_precarity' || op === 'not_in_precarity') && typeName !== 'level') {
        issues.push(
          issue(
            [...path, 'op'],
            `${op} reads a mobility level; ${label} is not one (level columns: intake_level, exit_level)`,
            `${op} lit un niveau de mobilité\u00a0; ${label} n'en est pas un (colonnes de niveau\u00a0: intake_level, exit_level)`,
          ),
        );
        return undefined;
      }
      return base;
    }
    case 'in':
    case 'not_in': {
      if (!Array.isArray(given) || given.length === 0 || !given.every(isScalar)) {
        issues.push(
          issue(
            valuePath,
            `${op} takes a non-empty list of values, e.g. [a, b]`,
            `${op} prend une liste de valeurs non vide, ex. [a, b]`,
          ),
        );
        return undefined;
      }
      const values = given.map((v, i) => typedOrIssue(spec, v, label, [...valuePath, i], options, issues));
      return issues.length > before ? undefined : { ...base, values: values as FilterValue[] };
    }
    default: {
      if (given === undefined || given === null || !isScalar(given)) {
        const en = Array.isArray(given)
          ? `${op} takes one value, not a list (use in for several)`
          : `${op} needs a value`;
        const fr = Array.isArray(given)
          ? `${op} prend une seule valeur, pas une liste (in pour plusieurs)`
          : `${op} demande une valeur`;
        issues.push(issue(valuePath, en, fr));
        return undefined;
      }
      if (!['eq', 'ne'].includes(op) && !ORDERED.has(typeName)) {
        issues.push(
          issue(
            [...path, 'op'],
            `${op} compares numbers, amounts or dates; ${label} is ${typeName}`,
            `${op} compare des nombres, montants ou dates\u00a0; ${label} est de type ${typeName}`,
          ),
        );
        return undefined;
      }
      const value = typedOrIssue(spec, given, label, valuePath, options, issues);
      return value === undefined ? undefined : { ...base, value };
    }
  }
}

/** Conditions that no row of the column's domain can meet: the definition would give 0 in every cell. */
export function neverTrue(conditions: readonly TypedCondition[], path: DefinitionPath): DefinitionIssue[] {
  const found: DefinitionIssue[] = [];
  const warn = (i: number, en: string, fr: string) =>
    found.push({ path: [...path, i, 'value'], en, fr, severity: 'warning' });
  const eqByColumn = new Map<string, { value: FilterValue; index: number }>();
  conditions.forEach((c, i) => {
    const spec = c.derived === 'age' ? AGE : undefined;
    const range = spec?.kind.type === 'integer' ? spec.kind : undefined;
    if (range && typeof c.value === 'number') {
      const outside =
        ((c.op === 'eq' || c.op === 'gte') && c.value > range.max) ||
        (c.op === 'gt' && c.value >= range.max) ||
        ((c.op === 'eq' || c.op === 'lte') && c.value < range.min) ||
        (c.op === 'lt' && c.value <= range.min);
      if (outside) {
        warn(
          i,
          `${c.op} ${c.value} is outside ${c.column}'s range ${range.min}–${range.max}: no row can match`,
          `${c.op} ${c.value} est hors de l'intervalle ${range.min}–${range.max} de ${c.column}\u00a0: aucune ligne ne peut correspondre`,
        );
      }
    }
    if (c.op !== 'eq' || c.value === undefined) return;
    const key = `${c.via ?? ''}.${c.column}`;
    const earlier = eqByColumn.get(key);
    if (earlier && earlier.value !== c.value) {
      warn(
        i,
        `${c.column} cannot equal both ${String(earlier.value)} (condition ${earlier.index}) and ${String(c.value)}: no row can match`,
        `${c.column} ne peut valoir à la fois ${String(earlier.value)} (condition ${earlier.index}) et ${String(c.value)}\u00a0: aucune ligne ne peut correspondre`,
      );
    }
    if (!earlier) eqByColumn.set(key, { value: c.value, index: i });
  });
  return found;
}

/** What a summed column holds: euros as integer cents (money), or plain numbers. */
export type ValueUnit = 'cents' | 'number';

export interface CheckedSource {
  conditions: TypedCondition[];
  /** The summed column's unit, when `value` names a column. */
  valueUnit?: ValueUnit;
  /** The format the indicator prints in, once a money column has said it is euros. */
  format?: 'euros';
}

/**
 * The declarative fields of one source: `date`, `distinct`, `value` and `active` when they are column
 * names, `filter` when it is a list of conditions. Functions are the author's code and are not read here.
 */
export function checkSource(
  source: Record<string, unknown>,
  path: DefinitionPath,
  format: string | undefined,
  options: CheckOptions,
  issues: DefinitionIssue[],
): CheckedSource {
  const checked: CheckedSource = { conditions: [] };
  const dataset = source.dataset as DatasetName;
  if (!DATASET_ORDER.includes(dataset)) return checked; // the schema or compileIndicator says why
  if (typeof source.date === 'string') {
    const spec = ownColumn(dataset, source.date, [...path, 'date'], options, issues);
    if (spec && spec.kind.type !== 'date') {
      issues.push(
        issue(
          [...path, 'date'],
          `${source.date} is not a date column of ${dataset}`,
          `${source.date} n'est pas une colonne de date de ${dataset}`,
        ),
      );
    }
  }
  if (typeof source.distinct === 'string') ownColumn(dataset, source.distinct, [...path, 'distinct'], options, issues);
  const active = source.active as { from?: unknown; until?: unknown } | undefined;
  if (active && typeof active === 'object') {
    for (const end of ['from', 'until'] as const) {
      if (active[end] === undefined) continue;
      const spec = ownColumn(dataset, active[end], [...path, 'active', end], options, issues);
      if (spec && spec.kind.type !== 'date') {
        issues.push(
          issue(
            [...path, 'active', end],
            `${String(active[end])} is not a date column of ${dataset}`,
            `${String(active[end])} n'est pas une colonne de date de ${dataset}`,
          ),
        );
      }
    }
  }
  if (typeof source.value === 'string') {
    const spec = ownColumn(dataset, source.value, [...path, 'value'], options, issues);
    if (spec && !NUMERIC.has(spec.kind.type)) {
      issues.push(
        issue(
          [...path, 'value'],
          `${source.value} is not a number or amount column of ${dataset}`,
          `${source.value} n'est pas une colonne de nombres ou de montants de ${dataset}`,
        ),
      );
    } else if (spec?.kind.type === 'money') {
      // Money is held in integer cents: a sum of it is euros, whatever the author forgot to say.
      if (format !== undefined && format !== 'euros') {
        issues.push(
          issue(
            ['format'],
            `${source.value} is an amount in euros: format must be euros (or left out), not ${format}`,
            `${source.value} est un montant en euros\u00a0: format doit être euros (ou omis), pas ${format}`,
          ),
        );
      }
      checked.valueUnit = 'cents';
      checked.format = 'euros';
    } else if (spec) checked.valueUnit = 'number';
  }
  // YAML writes its conditions as `filter`, a TypeScript plug-in as `where` (a list, or a function
  // of the params that the engine checks when it compiles).
  for (const field of ['filter', 'where'] as const) {
    const conditions = source[field];
    if (!Array.isArray(conditions)) continue;
    const typed = checkConditions(dataset, conditions, [...path, field], options, issues);
    checked.conditions.push(...typed);
  }
  return checked;
}

/** A list of conditions, each typed; the never-true warnings once all of them are. */
export function checkConditions(
  dataset: DatasetName,
  conditions: readonly unknown[],
  path: DefinitionPath,
  options: CheckOptions,
  issues: DefinitionIssue[],
): TypedCondition[] {
  const typed: TypedCondition[] = [];
  conditions.forEach((condition, i) => {
    if (typeof condition !== 'object' || condition === null) {
      issues.push(issue([...path, i], 'expected { column, op, value }', 'attendu { column, op, value }'));
      return;
    }
    const c = checkCondition(dataset, condition as { column: unknown; op: unknown }, [...path, i], options, issues);
    if (c) typed.push(c);
  });
  if (typed.length === conditions.length) issues.push(...neverTrue(typed, path));
  return typed;
}

/** The sources of a definition of any origin, each with the path of its fields. */
export function sourcesOf(
  definition: Record<string, unknown>,
): { source: Record<string, unknown>; path: DefinitionPath }[] {
  if (definition.kind === 'ratio') {
    return (['numerator', 'denominator'] as const).flatMap((role) => {
      const part = definition[role];
      return typeof part === 'object' && part !== null
        ? sourcesOf({ ...(part as Record<string, unknown>), kind: 'part' }).map((s) => ({
            ...s,
            path: [role, ...s.path],
          }))
        : [];
    });
  }
  if (Array.isArray(definition.sources)) {
    return definition.sources.map((source, i) => ({ source: source as Record<string, unknown>, path: ['sources', i] }));
  }
  return definition.dataset !== undefined ? [{ source: definition, path: [] }] : [];
}

/** Checks the declarative fields of a whole definition (TypeScript plug-ins and built-ins). */
export function checkDefinition(definition: unknown, options: CheckOptions): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  if (typeof definition !== 'object' || definition === null) return issues;
  const d = definition as Record<string, unknown>;
  for (const { source, path } of sourcesOf(d)) {
    // A ratio's inline part prints in its own format (euros), not the ratio's (decimal).
    const format = typeof source.format === 'string' ? source.format : d.format;
    checkSource(source, path, typeof format === 'string' ? format : undefined, options, issues);
  }
  return issues;
}
