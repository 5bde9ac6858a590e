// Checking an indicator definition and putting it in the one shape the engine runs. This is
// where each kind's rules are enforced: a unique indicator counts distinct keys (only reported
// aggregate metrics may add up inside it), a flow sums, a stock says when a row is active, a
// ratio only divides two other indicators.

// The catalogue's checker is the one place filter values are typed like the data (YAML and `where` alike).
import { checkConditions, type DefinitionIssue } from '../catalogue/check.js';
import type { DimensionName } from '../config/index.js';
import type { DatasetName } from '../data/datasets.js';
import { DATASET_ORDER, SCHEMAS } from '../data/datasets.js';
import type {
  Bilingual,
  IndicatorContext,
  IndicatorDefinition,
  IndicatorKind,
  RowIndicatorDefinition,
  RunnableSource,
  SourceDefinition,
  ValueFormat,
} from '../define.js';
import { APPLICABLE } from './cells.js';
import { conditionLabel, rowTest, type TypedCondition } from './where.js';

export interface CompiledSource {
  indicator: CompiledIndicator;
  dataset: DatasetName;
  kind: Exclude<IndicatorKind, 'ratio'>;
  distinct: boolean;
  /**
   * Its `filter` is one test of a row: the `where` conditions then the row functions, ANDed; each
   * named condition is kept in `conditions` for `explain`.
   */
  definition: RunnableSource<DatasetName, unknown>;
  conditions: FilterCondition[];
  /** The declarative conditions, typed: the columnar path turns them into a mask. */
  where: TypedCondition[];
  /** What is left of the filter once `where` holds: the row functions (undefined: none). */
  rowFilter: ((row: unknown, ctx: unknown) => boolean) | undefined;
  /** The column counted once per cell or summed, when the definition names one instead of a function. */
  distinctColumn?: string;
  valueColumn?: string;
}

export interface FilterCondition {
  label: string;
  test: (row: unknown, ctx: unknown) => boolean;
}

export interface CompiledIndicator {
  id: string;
  kind: IndicatorKind;
  title: Bilingual;
  description: Bilingual;
  unit: Bilingual;
  format: ValueFormat;
  version: string;
  frameworks: Record<string, string[]>;
  /** Where it was defined: `built-in` or the plug-in's file. */
  origin: string;
  attribution: boolean;
  sources: CompiledSource[];
  numerator?: string;
  denominator?: string;
  scale: number;
  params: unknown;
  definition: IndicatorDefinition<unknown>;
  /** Set by `explain` on the indicator it traces. */
  traced: boolean;
  /** A ratio's own numerator/denominator definitions, computed but never listed. */
  parts: CompiledIndicator[];
  hidden: boolean;
}

export class DefinitionError extends Error {
  constructor(
    readonly origin: string,
    readonly field: string,
    message: string,
    /** The indicator's id, when the definition got far enough to say it. */
    readonly id?: string,
  ) {
    super(`${origin}: ${field}: ${message}`);
  }
}

const ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const KINDS: readonly string[] = ['flow', 'stock', 'unique', 'ratio'];
const FORMATS: readonly string[] = ['count', 'euros', 'share', 'decimal'];

function isBilingual(value: unknown): value is Bilingual {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.en === 'string' && v.en !== '' && typeof v.fr === 'string' && v.fr !== '';
}

/** The datasets an indicator reads, a ratio's through its numerator and denominator; `all` includes ratio parts. */
export function indicatorDatasets(indicator: CompiledIndicator, all: readonly CompiledIndicator[]): DatasetName[] {
  if (indicator.kind !== 'ratio') return [...new Set(indicator.sources.map((s) => s.dataset))];
  const parts = [indicator.numerator, indicator.denominator].map((id) => all.find((i) => i.id === id));
  return [...new Set(parts.flatMap((p) => (p ? indicatorDatasets(p, all) : [])))];
}

/**
 * The dimensions a row indicator can be broken down by: those of any of its datasets (rows of a
 * dataset without one count as `unknown` there). A dimension none of its datasets has gives it
 * totals only.
 */
export function indicatorDimensions(indicator: CompiledIndicator): Set<DimensionName> {
  return new Set(indicator.sources.flatMap((s) => [...APPLICABLE[s.dataset]]));
}

export function sourceDatasets(indicator: CompiledIndicator): DatasetName[] {
  return indicator.sources.map((s) => s.dataset);
}

/** Validates a definition; `params` are the workspace's params, checked by the indicator's zod schema. */
export function compileIndicator(
  definition: IndicatorDefinition<unknown>,
  origin: string,
  workspaceParams: Record<string, unknown>,
): CompiledIndicator {
  const fail = (field: string, message: string): never => {
    throw new DefinitionError(origin, field, message);
  };
  if (typeof definition !== 'object' || definition === null) fail('definition', 'expected an object');
  // Reported metrics keep the user's metric name whatever its spelling.
  const idPattern = origin === 'reported' ? /^reported\..+$/s : ID;
  if (typeof definition.id !== 'string' || !idPattern.test(definition.id)) {
    fail('id', 'expected a dotted lower-case id such as `mobility.platforms_open`');
  }
  if (!KINDS.includes(definition.kind)) fail('kind', 'expected flow, stock, unique or ratio');
  for (const field of ['title', 'description', 'unit'] as const) {
    if (!isBilingual(definition[field])) fail(field, 'expected { en: "…", fr: "…" }, both non-empty');
  }
  const format = definition.format ?? (definition.kind === 'ratio' ? 'decimal' : 'count');
  if (!FORMATS.includes(format)) fail('format', 'expected count, euros, share or decimal');
  let params: unknown = {};
  if (definition.params) {
    const parsed = definition.params.safeParse(workspaceParams);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(`params.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'invalid');
    }
    params = parsed.data;
  }
  const compiled: CompiledIndicator = {
    id: definition.id,
    kind: definition.kind,
    title: definition.title,
    description: definition.description,
    unit: definition.unit,
    format,
    version: definition.version ?? '1',
    frameworks: definition.frameworks ?? {},
    origin,
    attribution: false,
    sources: [],
    scale: 1,
    params,
    definition,
    traced: false,
    parts: [],
    hidden: false,
  };
  if (definition.kind === 'ratio') {
    if (definition.scale !== undefined && !(typeof definition.scale === 'number' && definition.scale > 0)) {
      fail('scale', 'expected a positive number');
    }
    const part = (role: 'numerator' | 'denominator'): string => {
      const given = definition[role];
      if (typeof given === 'string') return given;
      if (typeof given !== 'object' || given === null || given.kind === undefined) {
        return fail(role, 'expected the id of an indicator, or a definition with kind and dataset');
      }
      if ((given.kind as string) === 'ratio') fail(`${role}.kind`, 'a ratio divides flows, stocks or unique counts');
      const inner = compileIndicator(
        {
          ...given,
          id: `${definition.id}.${role}`,
          title: definition.title,
          description: definition.description,
          unit: given.unit ?? definition.unit,
          ...(definition.params ? { params: definition.params } : {}),
        } as IndicatorDefinition<unknown>,
        origin,
        workspaceParams,
      );
      inner.id = `${definition.id}#${role}`;
      inner.hidden = true;
      compiled.parts.push(inner);
      return inner.id;
    };
    compiled.numerator = part('numerator');
    compiled.denominator = part('denominator');
    compiled.scale = definition.scale ?? 1;
    return compiled;
  }
  const rowDefinition = definition as RowIndicatorDefinition<DatasetName, unknown>;
  const sources: SourceDefinition<DatasetName, unknown>[] = rowDefinition.sources
    ? (rowDefinition.sources as unknown as SourceDefinition<DatasetName, unknown>[])
    : rowDefinition.dataset
      ? [rowDefinition as SourceDefinition<DatasetName, unknown>]
      : fail('dataset', `expected one of ${DATASET_ORDER.join(', ')} (or sources: [...])`);
  // Attributable parts are shares of an organisation's additive value: distinct counts have none.
  compiled.attribution =
    (definition.kind === 'flow' || definition.kind === 'stock') &&
    rowDefinition.attribution !== false &&
    sources.every((source) => !source.distinct);
  sources.forEach((source, i) => {
    const field = rowDefinition.sources ? `sources.${i}` : '';
    const at = (name: string) => (field ? `${field}.${name}` : name);
    if (!DATASET_ORDER.includes(source.dataset)) fail(at('dataset'), `expected one of ${DATASET_ORDER.join(', ')}`);
    const named = namedConditions(source.filter, at('filter'), fail);
    const where = typedWhere(source, params, workspaceParams, at('where'), fail);
    const whereConditions = whereFilterConditions(where);
    const conditions = [...whereConditions, ...named];
    for (const fn of ['activeAt', 'valueAt', 'organisationGate'] as const) {
      if (source[fn] !== undefined && typeof source[fn] !== 'function') fail(at(fn), 'expected a function');
    }
    for (const fn of ['value', 'distinct'] as const) {
      const given = source[fn];
      if (given === undefined || typeof given === 'function') continue;
      if (typeof given !== 'string' || !SCHEMAS[source.dataset].columns.some((c) => c.name === given)) {
        fail(at(fn), `expected a function or a column of ${source.dataset}`);
      }
    }
    let distinct = false;
    if (definition.kind === 'unique') {
      if (source.value && source.dataset !== 'metrics') {
        fail(at('value'), 'a unique indicator counts distinct keys; only reported metrics may add up inside it');
      }
      if (!source.value && !source.distinct) fail(at('distinct'), 'a unique indicator needs distinct(row)');
      distinct = !source.value;
    } else if (source.distinct) {
      if (definition.kind === 'flow') fail(at('distinct'), 'a flow sums; use kind: unique to count distinct keys');
      distinct = true;
    }
    if (definition.kind === 'stock') {
      if (typeof source.activeAt !== 'function') fail(at('activeAt'), 'a stock needs activeAt(row, date)');
      if (source.organisationGate) fail(at('organisationGate'), 'only flows can be gated by organisation');
      if (source.valueAt && (source.value || source.distinct)) fail(at('valueAt'), 'give value or valueAt, not both');
    } else {
      if (source.activeAt) fail(at('activeAt'), 'only a stock is evaluated at a date');
      if (source.valueAt) fail(at('valueAt'), 'only a stock is evaluated at a date');
      if (source.date === undefined) fail(at('date'), 'expected the column (or function) giving the event date');
      if (typeof source.date !== 'string' && typeof source.date !== 'function') {
        fail(at('date'), 'expected a column name or a function');
      }
    }
    const rowFilter =
      named.length > 0
        ? allOf(named)
        : typeof source.filter === 'function'
          ? (source.filter as FilterCondition['test'])
          : undefined;
    const whereTest = whereConditions.length > 0 ? allOf(whereConditions) : undefined;
    const filter =
      whereTest && rowFilter
        ? (row: unknown, ctx: unknown) => whereTest(row, ctx) && rowFilter(row, ctx)
        : (whereTest ?? rowFilter);
    const distinctColumn = typeof source.distinct === 'string' ? source.distinct : undefined;
    const valueColumn = typeof source.value === 'string' ? source.value : undefined;
    const { where: _declared, ...rest } = source;
    const runnable: RunnableSource<DatasetName, unknown> = {
      ...(rest as RunnableSource<DatasetName, unknown>),
      ...(filter ? { filter } : {}),
      ...(distinctColumn ? { distinct: columnText(distinctColumn) } : {}),
      ...(valueColumn ? { value: columnNumber(valueColumn) } : {}),
    };
    if (!filter) delete runnable.filter;
    compiled.sources.push({
      indicator: compiled,
      dataset: source.dataset,
      kind: definition.kind as 'flow',
      distinct,
      definition: runnable,
      conditions,
      where,
      rowFilter,
      ...(distinctColumn ? { distinctColumn } : {}),
      ...(valueColumn ? { valueColumn } : {}),
    });
  });
  return compiled;
}

/** A filter's named conditions (none for a single test); a single test must be a function. */
function namedConditions(
  filter: SourceDefinition<DatasetName, unknown>['filter'],
  field: string,
  fail: (field: string, message: string) => never,
): FilterCondition[] {
  if (filter === undefined || typeof filter === 'function') return [];
  if (typeof filter !== 'object' || filter === null || Object.keys(filter).length === 0) {
    return fail(field, 'expected a function, or named conditions { "site.kind = mobility_platform": (row, ctx) => … }');
  }
  return Object.entries(filter).map(([label, test]) => {
    if (typeof test !== 'function') fail(`${field}.${label}`, 'expected a function');
    return { label, test: test as FilterCondition['test'] };
  });
}

/** A column's value as the key a distinct count counts (undefined where empty). */
function columnText(column: string): (row: unknown) => string | undefined {
  return (row) => {
    const v = (row as Record<string, unknown>)[column];
    return v === undefined ? undefined : String(v);
  };
}

/** A number or amount column as what a row adds (0 where empty). */
function columnNumber(column: string): (row: unknown) => number {
  return (row) => Number((row as Record<string, unknown>)[column] ?? 0);
}

/** A source's `where`, its values typed like the data (a function of the params is called once, here). */
function typedWhere(
  source: SourceDefinition<DatasetName, unknown>,
  params: unknown,
  workspaceParams: Record<string, unknown>,
  field: string,
  fail: (field: string, message: string) => never,
): TypedCondition[] {
  if (source.where === undefined) return [];
  const given = typeof source.where === 'function' ? source.where(params) : source.where;
  if (!Array.isArray(given)) return fail(field, 'expected a list of conditions { column, op, value }');
  const levels = Array.isArray(workspaceParams.mobility_levels)
    ? workspaceParams.mobility_levels.map((l) => String(l).toLowerCase())
    : [];
  const issues: DefinitionIssue[] = [];
  const typed = checkConditions(source.dataset, given, [], { levels }, issues);
  const error = issues.find((i) => i.severity === 'error');
  if (error) fail([field, ...error.path].join('.'), error.en);
  return typed;
}

/** `where` conditions as named row tests (`explain`'s labels, the combined `filter`), each compiled once per context. */
function whereFilterConditions(where: readonly TypedCondition[]): FilterCondition[] {
  return where.map((c) => {
    const tests = new WeakMap<object, (row: Record<string, unknown>) => boolean>();
    return {
      label: conditionLabel(c),
      test: (row, ctx) => {
        const context = ctx as IndicatorContext<unknown>;
        let test = tests.get(context);
        if (!test) {
          test = rowTest(c, context);
          tests.set(context, test);
        }
        return test(row as Record<string, unknown>);
      },
    };
  });
}

/** Named conditions as the one test the engine runs: all must hold. */
function allOf(conditions: FilterCondition[]): (row: unknown, ctx: unknown) => boolean {
  const tests = conditions.map((c) => c.test);
  return (row, ctx) => {
    for (const test of tests) if (!test(row, ctx)) return false;
    return true;
  };
}
