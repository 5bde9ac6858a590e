// A declarative `where` condition (a TypeScript plug-in's `where`, a YAML indicator's `filter`, the
// built-ins' column tests), typed like the data by the catalogue's checker, as one test of a row,
// named as the data reads (`site.kind = mobility_platform`) for `explain`. The engine
// (columns/predicates.ts) turns the condition into a mask by calling this very test once per
// dictionary code, so the mask keeps exactly the rows the test keeps, by construction.
import type { RowOf } from '../data/datasets.js';
import type { IndicatorContext, WhereOp, WhereValue } from '../define.js';

export type { WhereOp, WhereValue };

// A column of the row a row refers to: `site.kind` on beneficiaries reads the site's kind.
export const REFERENCES = {
  site: { column: 'site_id', dataset: 'sites' },
  organisation: { column: 'org_id', dataset: 'organisations' },
  investor: { column: 'investor_id', dataset: 'organisations' },
  investee: { column: 'investee_id', dataset: 'organisations' },
} as const;
export type ReferenceName = keyof typeof REFERENCES;

/** A condition whose column was found and whose value was typed like the data. */
export interface TypedCondition {
  /** The canonical column on the row itself, or on the row it refers to (`via`). */
  column: string;
  via?: ReferenceName;
  /** `age`: the age at entry (given, or entry year minus birth_year). */
  derived?: 'age';
  op: WhereOp;
  /** One typed value for eq, ne, gt…; a list for in and not_in; none for exists, missing, in_precarity. */
  value?: WhereValue;
  values?: WhereValue[];
}

type Row = Record<string, unknown>;

/** Where a condition reads its value: the row's own column, a column of the row it refers to, or the age at entry. */
export function conditionReader(c: TypedCondition, ctx: IndicatorContext<unknown>): (row: Row) => unknown {
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

/** Whether a value (undefined: the cell is empty) meets the condition. Values were typed like the data, so equality is strict. */
export function valueTest(c: TypedCondition, ctx: IndicatorContext<unknown>): (value: unknown) => boolean {
  const bound = c.value as number | string;
  const list = new Set(c.values ?? []);
  const present = (v: unknown): v is number | string => v !== undefined && v !== null;
  switch (c.op) {
    case 'eq':
      return (v) => v === c.value;
    case 'ne':
      return (v) => v !== c.value;
    case 'in':
      return (v) => list.has(v as WhereValue);
    case 'not_in':
      return (v) => !list.has(v as WhereValue);
    case 'exists':
      return (v) => present(v);
    case 'missing':
      return (v) => !present(v);
    case 'in_precarity':
      return (v) => ctx.inPrecarity(v as string | undefined);
    case 'not_in_precarity':
      return (v) => present(v) && !ctx.inPrecarity(v as string);
    case 'gt':
      return (v) => present(v) && v > bound;
    case 'gte':
      return (v) => present(v) && v >= bound;
    case 'lt':
      return (v) => present(v) && v < bound;
    case 'lte':
      return (v) => present(v) && v <= bound;
  }
}

/** The condition as one test of a row (the masks ask it once per code; a plug-in's combined `filter`). */
export function rowTest(c: TypedCondition, ctx: IndicatorContext<unknown>): (row: Row) => boolean {
  const read = conditionReader(c, ctx);
  const test = valueTest(c, ctx);
  return (row) => test(read(row));
}

const OP_SIGNS: Record<WhereOp, string> = {
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
export function conditionLabel(c: TypedCondition): string {
  const column = c.derived ?? (c.via ? `${c.via}.${c.column}` : c.column);
  const value = c.values ? ` {${c.values.join(', ')}}` : c.value !== undefined ? ` ${c.value}` : '';
  return `${column} ${OP_SIGNS[c.op]}${value}`;
}
