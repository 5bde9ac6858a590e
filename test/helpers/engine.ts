// An in-memory builder for engine tests: plain row objects in, the engine's cells out, no files.
// Rows get sensible defaults and a source ref `test/<dataset>:<i+2>` (as if line 1 were a header).
// Money is explicit: an investment gives either `euros` (converted to integer cents, the unit rows
// carry) or `cents` (taken as is) — never a bare `amount_eur`, so a test cannot mix them up.
import { builtInIndicators } from '../../indicators/index.js';
import { parseBreakdown } from '../../src/config/index.js';
import type {
  ActionRow,
  BeneficiaryRow,
  InvestmentRow,
  MetricRow,
  OrganisationRow,
  SiteRow,
  Sourced,
  SourceRef,
} from '../../src/data/datasets.js';
import type { TerritoryLevel } from '../../src/data/territory.js';
import type { IndicatorDefinition } from '../../src/define.js';
import { planFromBreakdown } from '../../src/engine/cells.js';
import { columnsFromRows } from '../../src/engine/columns/from-rows.js';
import { type CompiledIndicator, compileIndicator } from '../../src/engine/compiled.js';
import type { TraceSink } from '../../src/engine/compute.js';
import type { WorkspaceParams } from '../../src/engine/context.js';
import { Evaluation } from '../../src/engine/evaluate.js';
import type { CellValue, IndicatorValues } from '../../src/engine/finalize.js';
import { rangeLabel } from '../../src/engine/periods.js';

/** CONTRACT §2's example params, which every built-in test assumes unless it says otherwise. */
export const DEFAULT_PARAMS: WorkspaceParams = {
  youth_age: [16, 25],
  mobility_levels: ['severe', 'precarious', 'fragile', 'autonomous'],
  precarity_threshold: 'fragile',
};

export type OrganisationInput = Pick<OrganisationRow, 'org_id'> & Partial<OrganisationRow>;
export type SiteInput = Pick<SiteRow, 'site_id' | 'org_id' | 'territory'> & Partial<SiteRow>;
export type InvestmentInput = Pick<InvestmentRow, 'investor_id' | 'investee_id' | 'date'> &
  Partial<Omit<InvestmentRow, 'amount_eur'>> &
  ({ euros: number; cents?: never } | { cents: number; euros?: never });
export type BeneficiaryInput = Pick<BeneficiaryRow, 'beneficiary_id' | 'site_id' | 'entry_date'> &
  Partial<BeneficiaryRow>;
export type ActionInput = Pick<ActionRow, 'type' | 'date' | 'org_id'> & Partial<ActionRow>;
export type MetricInput = Pick<MetricRow, 'org_id' | 'metric' | 'value' | 'period_start' | 'period_end'> &
  Partial<MetricRow>;

export interface EngineInput {
  /** Ids to report (default: every built-in); the ratios' numerators and denominators come along. */
  indicators?: string[];
  /** Definitions beside the built-ins, as `defineIndicator` returned them (any params type). */
  extra?: object[];
  /** Ids taken out of the computed list after the ratios' parts came along (a ratio then lacks that part). */
  leaveOut?: string[];
  /** `--by` items, e.g. ['territory:departement', 'period:year'] (the default). */
  breakdown?: string[];
  /** Further `--by` plans computed in the same run (as targets outside the breakdown add); read with `otherCells`. */
  otherBreakdowns?: string[][];
  range: { from: string; to: string };
  params?: Partial<WorkspaceParams>;
  reportingEntity?: string;
  organisations?: OrganisationInput[];
  sites?: SiteInput[];
  investments?: InvestmentInput[];
  beneficiaries?: BeneficiaryInput[];
  actions?: ActionInput[];
  metrics?: MetricInput[];
  /** `explain`'s trace: the sink told of the rows, and the ids it traces (as `explain` marks them). */
  trace?: { sink: TraceSink; indicators: string[] };
  /** Told of every row whose territory is coarser than the breakdown's level. */
  onCoarse?: (code: string, level: TerritoryLevel, ref: SourceRef) => void;
}

/**
 * A cell by dimension name; a dimension left out means its margin, null means the unknown value.
 * As in the report, `territory: 'FR'` and the range as `period` name those margins (a row coded
 * `FR` at a finer level is found through `cells()`, named `FR`).
 */
export type CellQuery = Partial<Record<string, string | null>>;

export interface EngineOutput {
  /** The cell of one indicator; throws when the indicator or the cell is not there. */
  value(id: string, cell?: CellQuery): CellValue;
  /** Every cell of one indicator, keyed by its keys joined with `|` (margins as `*`, unknown as `?`). */
  cells(id: string): Map<string, CellValue>;
  /** The same for the `n`th of `otherBreakdowns` (0 is the first). */
  otherCells(n: number, id: string): Map<string, CellValue>;
  results: Map<CompiledIndicator, IndicatorValues>;
  evaluation: Evaluation;
  /** The dimension names of the plan, in key order (`period` last). */
  dimensions: string[];
  rangeLabel: string;
}

const ref = (dataset: string, i: number) => ({ file: `test/${dataset}`, line: i + 2 });

export function toCents(euros: number): number {
  return Math.round(euros * 100);
}

function organisationRow(o: OrganisationInput, i: number): Sourced<OrganisationRow> {
  return { name: o.org_id, kind: 'enterprise', ...o, source: ref('organisations', i) };
}
function siteRow(s: SiteInput, i: number): Sourced<SiteRow> {
  return { name: s.site_id, kind: 'other', opened_on: '2000-01-01', ...s, source: ref('sites', i) };
}
function investmentRow(input: InvestmentInput, i: number): Sourced<InvestmentRow> {
  const { euros, cents, ...rest } = input;
  const amount = cents ?? toCents(euros ?? Number.NaN);
  if (!Number.isInteger(amount)) throw new Error(`investment ${i}: give euros or integer cents`);
  return {
    investment_id: `I${i + 1}`,
    instrument: 'equity',
    ...rest,
    amount_eur: amount,
    source: ref('investments', i),
  };
}

/** Compiles every built-in plus `extra`, and keeps the asked ids with what their ratios divide. */
export function compileCatalogue(
  params: WorkspaceParams,
  ids: string[] | undefined,
  extra: object[] = [],
): CompiledIndicator[] {
  const all = [
    ...builtInIndicators.map((d) => compileIndicator(d, 'built-in', params)),
    ...extra.map((d) => compileIndicator(d as IndicatorDefinition<unknown>, 'test', params)),
  ];
  const byId = new Map(all.map((c) => [c.id, c]));
  const chosen = new Set<CompiledIndicator>();
  const add = (id: string) => {
    const indicator = byId.get(id);
    if (!indicator) throw new Error(`unknown indicator ${id}`);
    if (chosen.has(indicator)) return;
    chosen.add(indicator);
    for (const part of indicator.parts) byId.set(part.id, part);
    if (indicator.numerator) add(indicator.numerator);
    if (indicator.denominator) add(indicator.denominator);
  };
  for (const id of ids ?? all.map((c) => c.id)) add(id);
  return [...chosen];
}

export function evaluate(input: EngineInput): EngineOutput {
  const params: WorkspaceParams = { ...DEFAULT_PARAMS, ...input.params };
  const parsed = parseBreakdown(input.breakdown ?? ['territory:departement', 'period:year']);
  if (parsed.errors.length > 0) throw new Error(`breakdown: ${parsed.errors.join('; ')}`);
  const plan = planFromBreakdown(parsed.items);
  const otherPlans = (input.otherBreakdowns ?? []).map((items) => planFromBreakdown(parseBreakdown(items).items));
  const indicators = compileCatalogue(params, input.indicators, input.extra).filter(
    (i) => !input.leaveOut?.includes(i.id),
  );
  for (const indicator of indicators.flatMap((i) => [i, ...i.parts])) {
    indicator.traced = input.trace?.indicators.includes(indicator.id) ?? false;
  }
  const organisations = new Map((input.organisations ?? []).map((o, i) => [o.org_id, organisationRow(o, i)]));
  const sites = new Map((input.sites ?? []).map((s, i) => [s.site_id, siteRow(s, i)]));
  const evaluation = new Evaluation({
    range: input.range,
    plans: [plan, ...otherPlans],
    params,
    reportingEntity: input.reportingEntity,
    indicators,
    organisations,
    sites,
    investments: (input.investments ?? []).map(investmentRow),
    metrics: (input.metrics ?? []).map((row, i) => ({ ...row, source: ref('metrics', i) })),
    ...(input.trace ? { trace: input.trace.sink } : {}),
    ...(input.onCoarse ? { onCoarse: input.onCoarse } : {}),
  });
  evaluation.consumeReference();
  // The large datasets go in as column tables, as the pipeline hands them to the engine.
  const beneficiaries = input.beneficiaries ?? [];
  evaluation.consumeTable(
    'beneficiaries',
    columnsFromRows(
      'beneficiaries',
      beneficiaries,
      beneficiaries.map((_, i) => ref('beneficiaries', i)),
    ),
  );
  const actions = (input.actions ?? []).map((row, i) => ({ action_id: `A${i + 1}`, ...row }));
  evaluation.consumeTable(
    'actions',
    columnsFromRows(
      'actions',
      actions,
      actions.map((_, i) => ref('actions', i)),
    ),
  );
  const results = evaluation.results(0);

  const dimensions = [...plan.dimensions.map((d) => d.dimension as string), 'period'];
  const label = rangeLabel(input.range);
  const cellsOf = (planResults: Map<CompiledIndicator, IndicatorValues>, id: string): Map<string, CellValue> => {
    const byId = new Map([...planResults].map(([indicator, values]) => [indicator.id, values]));
    const values = byId.get(id);
    if (!values) throw new Error(`indicator ${id} was not computed (computed: ${[...byId.keys()].join(', ')})`);
    const name = (cell: CellValue) => cell.keys.map((k, i) => (cell.margin[i] ? '*' : (k ?? '?'))).join('|');
    return new Map([...values.values()].map((cell) => [name(cell), cell]));
  };
  const cells = (id: string) => cellsOf(results, id);
  const otherCells = (n: number, id: string) => cellsOf(evaluation.results(n + 1), id);
  const value = (id: string, cell: CellQuery = {}): CellValue => {
    for (const name of Object.keys(cell)) {
      if (!dimensions.includes(name)) throw new Error(`${id}: no dimension "${name}" in [${dimensions.join(', ')}]`);
    }
    const period = cell.period === label ? undefined : cell.period;
    const territory = (v: string | null | undefined) => (v === 'FR' ? undefined : v);
    const keys = [
      ...plan.dimensions.map((d) => (d.dimension === 'territory' ? territory(cell.territory) : cell[d.dimension])),
      period,
    ].map((k) => (k === undefined ? '*' : (k ?? '?')));
    const all = cells(id);
    const found = all.get(keys.join('|'));
    if (!found) {
      throw new Error(`${id}: no cell ${keys.join('|')} (cells: ${[...all.keys()].join(', ')})`);
    }
    return found;
  };
  return { value, cells, otherCells, results, evaluation, dimensions, rangeLabel: label };
}
