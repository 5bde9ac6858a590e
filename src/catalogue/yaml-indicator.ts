// Declarative `.yaml` indicators: a count, distinct count or sum with a filter written as data,
// or a ratio of other indicators. Turned into the same definition a `.ts` plug-in would export.
import { z } from 'zod';
import type { DatasetName, RowOf } from '../data/datasets.js';
import { DATASET_ORDER } from '../data/datasets.js';
import type { IndicatorContext, IndicatorDefinition, RatioPart, SourceDefinition } from '../define.js';

const bilingual = z.object({ en: z.string().min(1), fr: z.string().min(1) }).strict();
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const condition = z
  .object({
    column: z.string().min(1),
    op: z.enum([
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
    ]),
    value: z.union([scalar, z.array(scalar)]).optional(),
  })
  .strict();

const rowPart = z
  .object({
    kind: z.enum(['flow', 'stock', 'unique']),
    dataset: z.enum(DATASET_ORDER),
    date: z.string().min(1).optional(),
    filter: z.array(condition).optional(),
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

export const yamlIndicatorSchema = z.union([
  rowPart.extend(common).strict(),
  z
    .object({
      ...common,
      kind: z.literal('ratio'),
      numerator: z.union([z.string().min(1), rowPart]),
      denominator: z.union([z.string().min(1), rowPart]),
      scale: z.number().positive().optional(),
    })
    .strict(),
]);

type Condition = z.infer<typeof condition>;
type RowPart = z.infer<typeof rowPart>;
type Row = Record<string, unknown>;

/** A column of the row, or of a row it refers to: `site.kind`, `organisation.kind`, `investor.kind`, `investee.kind`, `age`. */
function reader(column: string, ctx: IndicatorContext): (row: Row) => unknown {
  const [head, rest] = column.includes('.') ? (column.split('.', 2) as [string, string]) : [column, undefined];
  if (rest === undefined) {
    if (head === 'age') return (row) => ctx.ageAtEntry(row as unknown as RowOf['beneficiaries']);
    return (row) => row[head];
  }
  const lookups: Record<string, (row: Row) => unknown> = {
    site: (row) => (typeof row.site_id === 'string' ? ctx.site(row.site_id) : undefined),
    organisation: (row) => (typeof row.org_id === 'string' ? ctx.organisation(row.org_id) : undefined),
    investor: (row) => (typeof row.investor_id === 'string' ? ctx.organisation(row.investor_id) : undefined),
    investee: (row) => (typeof row.investee_id === 'string' ? ctx.organisation(row.investee_id) : undefined),
  };
  const lookup = lookups[head];
  if (!lookup) throw new Error(`filter column "${column}": expected site., organisation., investor. or investee.`);
  return (row) => (lookup(row) as Row | undefined)?.[rest];
}

function test(c: Condition, ctx: IndicatorContext): (row: Row) => boolean {
  const read = reader(c.column, ctx);
  const list = Array.isArray(c.value) ? c.value : [c.value];
  const same = (a: unknown, b: unknown) => a === b || (a !== undefined && b !== undefined && String(a) === String(b));
  switch (c.op) {
    case 'eq':
      return (row) => same(read(row), c.value);
    case 'ne':
      return (row) => !same(read(row), c.value);
    case 'in':
      return (row) => list.some((v) => same(read(row), v));
    case 'not_in':
      return (row) => !list.some((v) => same(read(row), v));
    case 'exists':
      return (row) => read(row) !== undefined;
    case 'missing':
      return (row) => read(row) === undefined;
    case 'in_precarity':
      return (row) => ctx.inPrecarity(read(row) as string | undefined);
    case 'not_in_precarity':
      return (row) => read(row) !== undefined && !ctx.inPrecarity(read(row) as string | undefined);
    default: {
      const bound = c.value as string | number;
      const compare = {
        gt: (x: number) => x > 0,
        gte: (x: number) => x >= 0,
        lt: (x: number) => x < 0,
        lte: (x: number) => x <= 0,
      }[c.op];
      return (row) => {
        const v = read(row);
        if (v === undefined || v === null) return false;
        const diff =
          typeof v === 'number' && typeof bound === 'number'
            ? v - bound
            : String(v) < String(bound)
              ? -1
              : String(v) > String(bound)
                ? 1
                : 0;
        return compare(diff);
      };
    }
  }
}

function toSource(part: RowPart): SourceDefinition<DatasetName, unknown> {
  // Compiled lazily per context: the tests need the workspace (sites, levels) to read through.
  const cache = new WeakMap<IndicatorContext, (row: Row) => boolean>();
  const filterFor = (ctx: IndicatorContext) => {
    let f = cache.get(ctx);
    if (!f) {
      const tests = (part.filter ?? []).map((c) => test(c, ctx));
      f = (row) => tests.every((t) => t(row));
      cache.set(ctx, f);
    }
    return f;
  };
  const source: SourceDefinition<DatasetName, unknown> = { dataset: part.dataset };
  const ctxOf = (ctx: IndicatorContext<unknown>) => ctx as IndicatorContext;
  if (part.date) source.date = ((row: Row) => row[part.date!] as string | undefined) as never;
  if (part.filter) source.filter = ((row: Row, ctx: IndicatorContext<unknown>) => filterFor(ctxOf(ctx))(row)) as never;
  if (part.distinct) {
    const column = part.distinct;
    source.distinct = ((row: Row) => {
      const v = row[column];
      return v === undefined ? undefined : String(v);
    }) as never;
  }
  if (part.value) {
    const column = part.value;
    // Euro indicators are summed in integer cents; amount_eur already is, any other column is euros.
    const toCents = part.format === 'euros' && column !== 'amount_eur';
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

export function yamlToDefinition(parsed: z.infer<typeof yamlIndicatorSchema>): IndicatorDefinition<unknown> {
  if (parsed.kind === 'ratio') {
    const part = (p: string | RowPart): string | RatioPart<unknown> =>
      typeof p === 'string'
        ? p
        : ({
            ...toSource(p),
            kind: p.kind,
            ...(p.unit ? { unit: p.unit } : {}),
            ...(p.format ? { format: p.format } : {}),
          } as RatioPart<unknown>);
    const { numerator, denominator, ...rest } = parsed;
    return { ...rest, numerator: part(numerator), denominator: part(denominator) } as IndicatorDefinition<unknown>;
  }
  const { dataset, date, filter, distinct, value, active, ...rest } = parsed;
  const source = toSource({ kind: parsed.kind, dataset, date, filter, distinct, value, active, format: parsed.format });
  return { ...rest, ...source } as IndicatorDefinition<unknown>;
}
