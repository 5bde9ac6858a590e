// Declarative `.yaml` indicators: a count, distinct count or sum with a filter written as data,
// or a ratio of other indicators. Turned into the same definition a `.ts` plug-in would export.
import { z } from 'zod';
import type { DatasetName, RowOf } from '../data/datasets.js';
import { DATASET_ORDER } from '../data/datasets.js';
import type { IndicatorContext, IndicatorDefinition, RatioPart, SourceDefinition } from '../define.js';
import { type CheckedSource, FILTER_OPS, type FilterValue, REFERENCES, type TypedCondition } from './check.js';

const bilingual = z.object({ en: z.string().min(1), fr: z.string().min(1) }).strict();
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const conditionSchema = z
  .object({
    column: z.string().min(1),
    op: z.enum(FILTER_OPS),
    value: z.union([scalar, z.array(scalar)]).optional(),
  })
  .strict();

export const rowPartSchema = z
  .object({
    kind: z.enum(['flow', 'stock', 'unique']),
    dataset: z.enum(DATASET_ORDER),
    date: z.string().min(1).optional(),
    filter: z.array(conditionSchema).optional(),
    distinct: z.string().min(1).optional(),
    value: z.string().min(1).optional(),
    active: z
      .object({ from: z.string().min(1), until: z.string().min(1).optional() })
      .strict()
      .optional(),
    unit: bilingual.optional(),
    format: z.enum(['count', 'euros', 'share', 'decimal']).optional(),
  })
  .strict();

const common = {
  id: z.string().min(1),
  title: bilingual,
  description: bilingual,
  unit: bilingual,
  format: z.enum(['count', 'euros', 'share', 'decimal']).optional(),
  version: z.union([z.string(), z.number()]).transform(String).optional(),
  frameworks: z.record(z.string(), z.array(z.union([z.string(), z.number()]).transform(String))).optional(),
};

export const rowIndicatorSchema = rowPartSchema.extend(common).strict();
export const ratioIndicatorSchema = z
  .object({
    ...common,
    kind: z.literal('ratio'),
    numerator: z.union([z.string().min(1), rowPartSchema]),
    denominator: z.union([z.string().min(1), rowPartSchema]),
    scale: z.number().positive().optional(),
  })
  .strict();
export const yamlIndicatorSchema = z.union([rowIndicatorSchema, ratioIndicatorSchema]);
export type YamlIndicator = z.infer<typeof yamlIndicatorSchema>;

type RowPart = z.infer<typeof rowPartSchema>;
type Row = Record<string, unknown>;

/** Where a condition reads its value: the row's own column, a column of the row it refers to, or the age at entry. */
function reader(c: TypedCondition, ctx: IndicatorContext): (row: Row) => unknown {
  if (c.derived === 'age') return (row) => ctx.ageAtEntry(row as unknown as RowOf['beneficiaries']);
  const column = c.column;
  if (!c.via) return (row) => row[column];
  const through = REFERENCES[c.via].column;
  const lookup =
    c.via === 'site'
      ? (id: string) => ctx.site(id) as Row | undefined
      : (id: string) => ctx.organisation(id) as Row | undefined;
  return (row) => {
    const id = row[through];
    return typeof id === 'string' ? lookup(id)?.[column] : undefined;
  };
}

// Values were typed like the data by the checker, so equality is strict and order is numeric or ISO-date.
function test(c: TypedCondition, ctx: IndicatorContext): (row: Row) => boolean {
  const read = reader(c, ctx);
  const bound = c.value as number | string;
  const list = new Set(c.values ?? []);
  const present = (v: unknown): v is number | string => v !== undefined && v !== null;
  switch (c.op) {
    case 'eq':
      return (row) => read(row) === c.value;
    case 'ne':
      return (row) => read(row) !== c.value;
    case 'in':
      return (row) => list.has(read(row) as FilterValue);
    case 'not_in':
      return (row) => !list.has(read(row) as FilterValue);
    case 'exists':
      return (row) => present(read(row));
    case 'missing':
      return (row) => !present(read(row));
    case 'in_precarity':
      return (row) => ctx.inPrecarity(read(row) as string | undefined);
    case 'not_in_precarity':
      return (row) => present(read(row)) && !ctx.inPrecarity(read(row) as string);
    case 'gt':
      return (row) => {
        const v = read(row);
        return present(v) && v > bound;
      };
    case 'gte':
      return (row) => {
        const v = read(row);
        return present(v) && v >= bound;
      };
    case 'lt':
      return (row) => {
        const v = read(row);
        return present(v) && v < bound;
      };
    case 'lte':
      return (row) => {
        const v = read(row);
        return present(v) && v <= bound;
      };
  }
}

function toSource(part: RowPart, checked: CheckedSource): SourceDefinition<DatasetName, unknown> {
  // Compiled lazily per context: the tests need the workspace (sites, levels) to read through.
  const cache = new WeakMap<IndicatorContext, ((row: Row) => boolean)[]>();
  const testsFor = (ctx: IndicatorContext) => {
    let tests = cache.get(ctx);
    if (!tests) {
      tests = checked.conditions.map((c) => test(c, ctx));
      cache.set(ctx, tests);
    }
    return tests;
  };
  const source: SourceDefinition<DatasetName, unknown> = { dataset: part.dataset };
  const ctxOf = (ctx: IndicatorContext<unknown>) => ctx as IndicatorContext;
  if (part.date) source.date = ((row: Row) => row[part.date!] as string | undefined) as never;
  if (checked.conditions.length > 0) {
    // Named as written, so `explain` counts the rows each condition excluded.
    source.filter = Object.fromEntries(
      checked.conditions.map((c, i) => [
        conditionLabel(c),
        (row: Row, ctx: IndicatorContext<unknown>) => testsFor(ctxOf(ctx))[i]!(row),
      ]),
    ) as never;
  }
  if (part.distinct) {
    const column = part.distinct;
    source.distinct = ((row: Row) => {
      const v = row[column];
      return v === undefined ? undefined : String(v);
    }) as never;
  }
  if (part.value) {
    const column = part.value;
    // Euro indicators are summed in integer cents: money columns already are, a plain number is euros.
    const toCents = checked.valueUnit === 'number' && (checked.format ?? part.format) === 'euros';
    source.value = ((row: Row) => {
      const v = Number(row[column] ?? 0);
      return toCents ? Math.round(v * 100) : v;
    }) as never;
  }
  if (part.active) {
    const { from, until } = part.active;
    source.activeAt = ((row: Row, date: string) => {
      const start = row[from];
      const end = until ? row[until] : undefined;
      return typeof start === 'string' && start <= date && (typeof end !== 'string' || end > date);
    }) as never;
  }
  return source;
}

/** The checked sources of a YAML indicator: the row part itself, or a ratio's inline parts. */
export interface CheckedParts {
  main?: CheckedSource;
  numerator?: CheckedSource;
  denominator?: CheckedSource;
}

const NOTHING_CHECKED: CheckedSource = { conditions: [] };

export function yamlToDefinition(parsed: YamlIndicator, checked: CheckedParts): IndicatorDefinition<unknown> {
  if (parsed.kind === 'ratio') {
    const part = (p: string | RowPart, c: CheckedSource | undefined): string | RatioPart<unknown> => {
      if (typeof p === 'string') return p;
      const format = c?.format ?? p.format;
      return {
        ...toSource(p, c ?? NOTHING_CHECKED),
        kind: p.kind,
        ...(p.unit ? { unit: p.unit } : {}),
        ...(format ? { format } : {}),
      } as RatioPart<unknown>;
    };
    const { numerator, denominator, ...rest } = parsed;
    return {
      ...rest,
      numerator: part(numerator, checked.numerator),
      denominator: part(denominator, checked.denominator),
    } as IndicatorDefinition<unknown>;
  }
  const { dataset, date, filter, distinct, value, active, ...rest } = parsed;
  const main = checked.main ?? NOTHING_CHECKED;
  const format = main.format ?? parsed.format;
  const source = toSource(
    { kind: parsed.kind, dataset, date, filter, distinct, value, active, ...(format ? { format } : {}) },
    main,
  );
  return { ...rest, ...(format ? { format } : {}), ...source } as IndicatorDefinition<unknown>;
}

const OP_SIGNS: Record<TypedCondition['op'], string> = {
  eq: '=',
  ne: '≠',
  in: '∈',
  not_in: '∉',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  exists: '≠ ∅',
  missing: '= ∅',
  in_precarity: '< precarity_threshold',
  not_in_precarity: '≥ precarity_threshold',
};

/** A condition as the data reads: `site.kind = mobility_platform`, `outcome ∈ {employment, training}`. */
function conditionLabel(c: TypedCondition): string {
  const column = c.derived ?? (c.via ? `${c.via}.${c.column}` : c.column);
  const value = c.values ? ` {${c.values.join(', ')}}` : c.value !== undefined ? ` ${c.value}` : '';
  return `${column} ${OP_SIGNS[c.op]}${value}`;
}
