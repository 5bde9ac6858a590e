// Declarative `.yaml` indicators: a count, distinct count or sum with a filter written as data,
// or a ratio of other indicators. Turned into the same definition a `.ts` plug-in would export.
import { z } from 'zod';
import type { DatasetName } from '../data/datasets.js';
import { DATASET_ORDER } from '../data/datasets.js';
import type { IndicatorDefinition, RatioPart, SourceDefinition } from '../define.js';
import { type CheckedSource, FILTER_OPS } from './check.js';

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

/**
 * A row part as the TypeScript API declares it: the filter as `where` conditions (named by their
 * canonical column, their values as written, typed again by the engine like the checker did), the
 * counted and summed columns by name, so the engine runs all of it over columns.
 */
function toSource(part: RowPart, checked: CheckedSource): SourceDefinition<DatasetName, unknown> {
  const source: SourceDefinition<DatasetName, unknown> = { dataset: part.dataset };
  if (part.date) source.date = part.date as never;
  if (checked.conditions.length > 0) {
    source.where = checked.conditions.map((c, i) => {
      const written = part.filter?.[i]?.value;
      return {
        column: c.derived ?? (c.via ? `${c.via}.${c.column}` : c.column),
        op: c.op,
        ...(written !== undefined ? { value: written } : {}),
      };
    });
  }
  if (part.distinct) source.distinct = part.distinct as never;
  if (part.value) {
    const column = part.value;
    // Euro indicators are summed in integer cents: money columns already are, a plain number is euros.
    const toCents = checked.valueUnit === 'number' && (checked.format ?? part.format) === 'euros';
    source.value = toCents ? (((row: Row) => Math.round(Number(row[column] ?? 0) * 100)) as never) : (column as never);
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
