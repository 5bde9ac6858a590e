// The plug-in API: what an indicator module declares. Built-ins and users' plug-ins use exactly
// this, and it imports nothing of the pipeline (the catalogue imports it; see STYLE.md).
// An indicator says *what* (which rows, which date, what each row adds); the engine does grouping,
// periods, roll-ups by kind, attribution, targets and provenance, and no definition can change
// how its kind rolls up (INDICATORS.md "Kinds, and how each rolls up").
import type { z } from 'zod';
import type {
  ActionRow,
  BeneficiaryRow,
  DatasetName,
  InvestmentRow,
  MetricRow,
  OrganisationRow,
  RowOf,
  SiteRow,
} from './data/datasets.js';

export type IndicatorKind = 'flow' | 'stock' | 'unique' | 'ratio';
export type Bilingual = { en: string; fr: string };
/** How values print: counts, euros (held as integer cents), a share (0–1), or a plain decimal. */
export type ValueFormat = 'count' | 'euros' | 'share' | 'decimal';

export type { ActionRow, BeneficiaryRow, DatasetName, InvestmentRow, MetricRow, OrganisationRow, RowOf, SiteRow };

/** What row functions may ask about the workspace. */
export interface IndicatorContext<P = Record<string, unknown>> {
  /** The indicator's parameters, validated by its zod schema from impact.yaml `params:`. */
  params: P;
  /** The reporting entity's org_id, when configured. */
  reportingEntity: string | undefined;
  organisation(orgId: string): OrganisationRow | undefined;
  site(siteId: string): SiteRow | undefined;
  isFund(orgId: string): boolean;
  /** Position of a mobility level in params.mobility_levels (0 = worst), or -1. */
  levelRank(level: string | undefined): number;
  /** A level ranked below params.precarity_threshold. */
  inPrecarity(level: string | undefined): boolean;
  /** The code of `code`'s ancestor at `level` (`com:93066` at departement -> `dep:93`), if it has one. */
  territoryAt(code: string, level: 'commune' | 'epci' | 'departement' | 'region' | 'country'): string | undefined;
  /** `age`, else entry year minus `birth_year`. */
  ageAtEntry(row: BeneficiaryRow): number | undefined;
  /**
   * w(E, investor, date) of INDICATORS.md: 1 for the reporting entity itself, E's share of a fund
   * (looking through funds of funds) for a fund, 0 otherwise.
   */
  investorWeight(investorId: string, date: string): number;
  /**
   * share(E, X, date) of INDICATORS.md: the reporting entity's share of organisation X's financing
   * on `date`, counting the investments held that day and looking through funds (0 without E).
   */
  attributableShare(orgId: string, date: string): number;
}

/** A test of one row, in the workspace. */
export type RowTest<D extends DatasetName = DatasetName, P = Record<string, unknown>> = (
  row: RowOf[D],
  ctx: IndicatorContext<P>,
) => boolean;

type DateFieldOf<D extends DatasetName> = {
  [K in keyof RowOf[D]]-?: RowOf[D][K] extends string | undefined ? K : never;
}[keyof RowOf[D]] &
  string;

/** The operators of a declarative condition (CONTRACT: the same as a YAML indicator's `filter:`). */
export type WhereOp =
  | 'eq'
  | 'ne'
  | 'in'
  | 'not_in'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'exists'
  | 'missing'
  | 'in_precarity'
  | 'not_in_precarity';
export type WhereValue = string | number | boolean;

type NumberFieldOf<D extends DatasetName> = {
  [K in keyof RowOf[D]]-?: RowOf[D][K] extends number | undefined ? K : never;
}[keyof RowOf[D]] &
  string;

/**
 * A declarative condition on a column: the row's own (`outcome`), a column of the row it refers to
 * (`site.kind`, `investor.kind`, `investee.kind`, `organisation.kind`) or `age` (at entry), an
 * operator, and a value written as the data would be (checked against the column when the catalogue
 * loads). The same conditions as a YAML indicator's `filter:`.
 */
export interface WhereCondition {
  column: string;
  op: WhereOp;
  value?: WhereValue | readonly WhereValue[];
}

/** One stream of rows feeding an indicator. Most indicators have exactly one. */
export interface SourceDefinition<D extends DatasetName = DatasetName, P = Record<string, unknown>> {
  dataset: D;
  /** flow and unique: the event date that places a row in a period (a column name or a function). */
  date?: DateFieldOf<D> | ((row: RowOf[D], ctx: IndicatorContext<P>) => string | undefined);
  /**
   * Rows for which this is false are not used (and `explain` lists them as excluded). Either one
   * test, or named conditions that must all hold, in order, each named as the data reads
   * (`site.kind = mobility_platform`): `explain` then counts the rows each condition excluded.
   */
  filter?: RowTest<D, P> | Readonly<Record<string, RowTest<D, P>>>;
  /**
   * Rows must meet every condition (before `filter`, if both are given): the fast form, run over
   * the dataset's columns, each value tested once per distinct value (a site's kind once per site),
   * not once per row; `explain` names each condition as the data reads (`site.kind = mobility_platform`).
   * A function of the indicator's params gives conditions that depend on them (an age range).
   */
  where?: readonly WhereCondition[] | ((params: P) => readonly WhereCondition[]);
  /**
   * flow and stock: what a row adds (default 1): a number or amount column (0 where empty), or a
   * function of the row. For `format: 'euros'`, integer cents.
   */
  value?: NumberFieldOf<D> | ((row: RowOf[D], ctx: IndicatorContext<P>) => number);
  /** unique (and distinct stocks): the key counted once per cell, a column (`beneficiary_id`) or a function of the row. */
  distinct?: (keyof RowOf[D] & string) | ((row: RowOf[D], ctx: IndicatorContext<P>) => string | undefined);
  /** stock: whether the row counts on `date`, the period's last day. */
  activeAt?: (row: RowOf[D], date: string, ctx: IndicatorContext<P>) => boolean;
  /**
   * stock: what an active row adds on `date`, when that depends on the day (a holding weighed by
   * the share held then); in place of `value`. For `format: 'euros'`, integer cents.
   */
  valueAt?: (row: RowOf[D], date: string, ctx: IndicatorContext<P>) => number;
  /**
   * Only organisations that, in the same cell, have at least one row passing this test add their
   * value (e.g. euros received by the organisations the reporting entity finances in that cell).
   */
  organisationGate?: (row: RowOf[D], ctx: IndicatorContext<P>) => boolean;
}

/** A source as the engine runs row by row: its filter is one test (conditions ANDed), columns read by functions. */
export type RunnableSource<D extends DatasetName = DatasetName, P = Record<string, unknown>> = Omit<
  SourceDefinition<D, P>,
  'filter' | 'where' | 'value' | 'distinct'
> & {
  filter?: RowTest<D, P>;
  value?: (row: RowOf[D], ctx: IndicatorContext<P>) => number;
  distinct?: (row: RowOf[D], ctx: IndicatorContext<P>) => string | undefined;
};

/** A source of any dataset, typed by its `dataset` so row functions see that dataset's columns. */
export type AnySourceDefinition<P = Record<string, unknown>> = {
  [D in DatasetName]: SourceDefinition<D, P>;
}[DatasetName];

interface CommonDefinition<P> {
  /** Dotted id, e.g. `mobility.platforms_open`; a plug-in's id must not collide with a built-in's. */
  id: string;
  title: Bilingual;
  description: Bilingual;
  unit: Bilingual;
  format?: ValueFormat;
  version?: string;
  /** Framework tags, e.g. { sdg: ['1.2', '11.2'] }. */
  frameworks?: Record<string, string[]>;
  /** Parameters read from impact.yaml `params:` (unknown keys are ignored). */
  params?: z.ZodType<P>;
}

export interface RowIndicatorDefinition<D extends DatasetName = DatasetName, P = Record<string, unknown>>
  extends CommonDefinition<P>,
    Partial<SourceDefinition<D, P>> {
  kind: 'flow' | 'stock' | 'unique';
  /** Several sources whose contributions add up (a unique count plus reported aggregate metrics). */
  sources?: AnySourceDefinition<P>[];
  /**
   * With a reporting entity, additive values (flow, stock) also carry their attributable part.
   * Set false where the value is already the reporting entity's own (finance.invested).
   */
  attribution?: boolean;
}

/** A numerator or denominator that is not an indicator of its own: the row part of a definition. */
export type RatioPart<P = Record<string, unknown>> = {
  [D in DatasetName]: Omit<
    RowIndicatorDefinition<D, P>,
    'id' | 'title' | 'description' | 'unit' | 'params' | 'version' | 'frameworks' | 'dataset' | 'sources'
  > & { unit?: Bilingual; dataset: D };
}[DatasetName];

export interface RatioIndicatorDefinition<P = Record<string, unknown>> extends CommonDefinition<P> {
  kind: 'ratio';
  /** The indicators divided, each computed for the cell first: an id, or a definition of its own. */
  numerator: string | RatioPart<P>;
  denominator: string | RatioPart<P>;
  /** Multiplies the quotient (1000 for "per €1,000"). */
  scale?: number;
}

export type IndicatorDefinition<P = Record<string, unknown>> =
  | RowIndicatorDefinition<DatasetName, P>
  | RatioIndicatorDefinition<P>;

/** Declares an indicator. Typed so the row functions see the columns of the chosen dataset. */
export function defineIndicator<D extends DatasetName, P = Record<string, unknown>>(
  definition: RowIndicatorDefinition<D, P>,
): IndicatorDefinition<P>;
export function defineIndicator<P = Record<string, unknown>>(
  definition: RatioIndicatorDefinition<P>,
): IndicatorDefinition<P>;
export function defineIndicator(definition: IndicatorDefinition<unknown>): IndicatorDefinition<unknown> {
  return definition;
}
