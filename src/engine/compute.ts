// The engine's state: per plan, per indicator source, one accumulator per cell, the cells numbered
// once as tuples of integer codes (cells.ts). Every dataset is counted and summed over its column
// table (columns/table-sources.ts), which adds each reached cell's total here — margins and grand
// total included, each computed from rows, never from child cells — then each cell is finalised
// by its kind's own rule (finalize.ts, INDICATORS.md): flows and stocks sum, unique counts are
// fresh distinct counts per cell, ratios divide the cell's numerator by its denominator. An
// attributable value keeps its parts per organisation; an organisation-gated flow keeps, per
// organisation, its sum and whether the gate opened. `explain`'s trace is told the rows of the
// traced cell from the same masks.
import type { DatasetName, RowOf, SourceRef } from '../data/datasets.js';
import type { TerritoryLevel } from '../data/territory.js';
import type { IndicatorContext } from '../define.js';
import { APPLICABLE, Dictionary, MARGIN, type Plan, type RowFacts, UNKNOWN_CODE } from './cells.js';
import { type CompiledIndicator, type CompiledSource, indicatorDimensions, sourceDatasets } from './compiled.js';
import { type Period, periodsInRange, rangeLabel } from './periods.js';

/**
 * `byOrganisation` holds a cell's additive parts for attribution, keyed by `attributionKey`: the
 * organisation, and for a flow the day whose share its rows take (their year's end).
 */
type Accumulator =
  | { type: 'sum'; total: number; byOrganisation?: Map<string, number> }
  | { type: 'gated'; byOrganisation: Map<string, { sum: number; open: boolean; parts: Map<string, number> }> };

export interface Exclusion {
  reason: 'filter' | 'no-date' | 'out-of-range' | 'no-value' | 'inactive';
  count: number;
}

/** One plan's accumulated state: per indicator source, per cell. */
export interface PlanState {
  plan: Plan;
  periods: Period[];
  rangePeriod: Period;
  periodCodes: Map<string, number>;
  /** Each dimension's values, coded in order of first appearance. */
  dictionaries: Dictionary[];
  /** Per dimension: whether some row left it empty (an `unknown` cell exists). */
  unknownSeen: boolean[];
  /** Cells are numbered once, by their code tuple (once per reached cell and source, never per row). */
  cellIndex: Map<string, number>;
  /** Each cell's code tuple (dimensions then period), by cell index. */
  cellCodes: number[][];
  cells: Map<CompiledSource, Accumulator[]>;
}

/** A cell's accumulator for one source, by the cell's code tuple (dimensions then period). */
export function cellAccumulator(
  state: PlanState,
  source: CompiledSource,
  codes: readonly number[],
): Accumulator | undefined {
  const index = state.cellIndex.get(codes.join(','));
  return index === undefined ? undefined : state.cells.get(source)?.[index];
}

/** A cell's keys as people name them (null: unknown), and which of them are margins. */
export function cellLabels(state: PlanState, codes: readonly number[]): { keys: (string | null)[]; margin: boolean[] } {
  const n = state.plan.dimensions.length;
  const keys = codes.map((code, i): string | null => {
    if (i === n) return code === MARGIN ? state.rangePeriod.label : state.periods[code]!.label;
    if (code === MARGIN) return state.plan.dimensions[i]!.dimension === 'territory' ? 'FR' : 'total';
    return code === UNKNOWN_CODE ? null : state.dictionaries[i]!.values[code]!;
  });
  return { keys, margin: codes.map((code) => code === MARGIN) };
}

/** What `explain` is told of a used row besides its value: the row itself, and the key it counts. */
export interface TracedRow {
  row: unknown;
  /** A distinct count's key (the person's id). */
  key: string | undefined;
  organisation: string | undefined;
}

export interface TraceSink {
  /** The traced cell: its cellId in the first plan. */
  readonly cell: string;
  /** A row the traced indicator used in some cell of the first plan. */
  used(source: CompiledSource, ref: SourceRef): void;
  /** A row used in the traced cell, with what it adds there; told in the order of the rows. */
  usedInCell(source: CompiledSource, ref: SourceRef, value: number, detail: TracedRow): void;
  /** `condition`: the first of the filter's named conditions the row fails. */
  excluded(source: CompiledSource, reason: Exclusion['reason'], ref: SourceRef, condition?: string): void;
}

export interface EngineOptions {
  range: { from: string; to: string };
  plans: Plan[];
  indicators: CompiledIndicator[];
  context: IndicatorContext;
  factsOf: <D extends DatasetName>(dataset: D, row: RowOf[D]) => RowFacts;
  /** Told with the row, so the warning names its file and line. */
  onCoarse?: (code: string, level: TerritoryLevel, ref: SourceRef) => void;
  trace?: TraceSink;
}

export class Engine {
  readonly states: PlanState[];
  private readonly bySource = new Map<DatasetName, CompiledSource[]>();
  readonly failures = new Map<CompiledIndicator, string>();
  private readonly unknownMasks = new Map<CompiledSource, boolean[][]>();
  private readonly contexts = new Map<CompiledIndicator, IndicatorContext<unknown>>();

  constructor(readonly options: EngineOptions) {
    const rangePeriod = { label: rangeLabel(options.range), ...{ start: options.range.from, end: options.range.to } };
    this.states = options.plans.map((plan) => {
      const periods = plan.periodLevel ? periodsInRange(options.range, plan.periodLevel) : [];
      return {
        plan,
        periods,
        rangePeriod,
        periodCodes: new Map(periods.map((p, i) => [p.label, i])),
        dictionaries: plan.dimensions.map(() => new Dictionary()),
        unknownSeen: plan.dimensions.map(() => false),
        cellIndex: new Map(),
        cellCodes: [],
        cells: new Map(),
      };
    });
    for (const indicator of options.indicators) {
      const dims = indicatorDimensions(indicator);
      for (const source of indicator.sources) {
        const list = this.bySource.get(source.dataset) ?? [];
        list.push(source);
        this.bySource.set(source.dataset, list);
        // A dimension the indicator has through another source, but this source's rows lack (the
        // gender of reported aggregates): these rows are `unknown` there, so cells still add up.
        const masks = this.states.map((state) =>
          state.plan.dimensions.map((d) => dims.has(d.dimension) && !APPLICABLE[source.dataset].has(d.dimension)),
        );
        if (masks.some((mask) => mask.includes(true))) this.unknownMasks.set(source, masks);
      }
    }
  }

  datasetsNeeded(): Set<DatasetName> {
    return new Set(this.options.indicators.flatMap((i) => sourceDatasets(i)));
  }

  /** The sources that read a dataset's rows. */
  sourcesOf(dataset: DatasetName): readonly CompiledSource[] {
    return this.bySource.get(dataset) ?? [];
  }

  /** Whether a dimension the source's dataset lacks is `unknown` (not the margin) for its rows, per plan dimension. */
  unknownMaskOf(source: CompiledSource, planIndex: number): readonly boolean[] | undefined {
    return this.unknownMasks.get(source)?.[planIndex];
  }

  /** Records that an indicator failed on a row; its other rows are not used. */
  fail(source: CompiledSource, error: unknown, ref: SourceRef): void {
    const message = error instanceof Error ? error.message : String(error);
    this.failures.set(source.indicator, `${source.indicator.origin}: ${message} (on ${ref.file}:${ref.line})`);
  }

  /** The index of a cell of a plan (its code tuple, dimensions then period), numbered on first sight. */
  cellOf(state: PlanState, tuple: number[]): number {
    const key = tuple.join(',');
    let index = state.cellIndex.get(key);
    if (index === undefined) {
      index = state.cellCodes.length;
      state.cellIndex.set(key, index);
      state.cellCodes.push(tuple);
    }
    return index;
  }

  /** Adds a cell's total for a source that was summed or counted over columns (no per-organisation parts). */
  addTotal(state: PlanState, source: CompiledSource, cell: number, total: number): void {
    const cells = cellsOf(state, source);
    const acc = cells[cell];
    if (acc?.type === 'sum') acc.total += total;
    else cells[cell] = { type: 'sum', total };
  }

  /** Adds a cell's total and its per-organisation parts (keyed by `attributionKey`) for a flow summed over columns. */
  addParts(state: PlanState, source: CompiledSource, cell: number, total: number, parts: Map<string, number>): void {
    const cells = cellsOf(state, source);
    let acc = cells[cell];
    if (!acc) {
      acc = { type: 'sum', total: 0, byOrganisation: new Map() };
      cells[cell] = acc;
    }
    if (acc.type !== 'sum') throw new Error(`addParts: ${source.indicator.id} is not a sum`);
    acc.total += total;
    const into = acc.byOrganisation ?? new Map<string, number>();
    acc.byOrganisation = into;
    for (const [part, value] of parts) into.set(part, (into.get(part) ?? 0) + value);
  }

  /** Adds one organisation's rows in a cell of an organisation-gated flow ('': rows without one). */
  addGated(
    state: PlanState,
    source: CompiledSource,
    cell: number,
    organisation: string,
    group: { sum: number; open: boolean; parts: Map<string, number> },
  ): void {
    const cells = cellsOf(state, source);
    let acc = cells[cell];
    if (!acc) {
      acc = { type: 'gated', byOrganisation: new Map() };
      cells[cell] = acc;
    }
    if (acc.type !== 'gated') throw new Error(`addGated: ${source.indicator.id} is not gated`);
    const entry = acc.byOrganisation.get(organisation) ?? { sum: 0, open: false, parts: new Map<string, number>() };
    entry.sum += group.sum;
    entry.open ||= group.open;
    for (const [part, sum] of group.parts) entry.parts.set(part, (entry.parts.get(part) ?? 0) + sum);
    acc.byOrganisation.set(organisation, entry);
  }

  checkedValue(value: number, ref: SourceRef): number {
    if (!Number.isFinite(value)) throw new Error(`value() returned ${value} for ${ref.file}:${ref.line}`);
    return value;
  }

  /**
   * The context row functions see: `params` are the indicator's own, as its zod schema parsed them
   * (defaults filled, define.ts); an indicator without a schema sees the workspace's params.
   */
  contextFor(indicator: CompiledIndicator): IndicatorContext<unknown> {
    let ctx = this.contexts.get(indicator);
    if (!ctx) {
      const shared = this.options.context as IndicatorContext<unknown>;
      ctx = indicator.definition.params ? { ...shared, params: indicator.params } : shared;
      this.contexts.set(indicator, ctx);
    }
    return ctx;
  }
}

/** A source's accumulators in a plan, by cell index. */
function cellsOf(state: PlanState, source: CompiledSource): Accumulator[] {
  let cells = state.cells.get(source);
  if (!cells) {
    cells = [];
    state.cells.set(source, cells);
  }
  return cells;
}

/** A cell's value from its accumulator, and its per-organisation parts for attribution. */
export function accumulatorValue(acc: Accumulator | undefined): {
  value: number;
  byOrganisation?: Map<string, number>;
} {
  if (!acc) return { value: 0 };
  if (acc.type === 'gated') {
    // The organisations let in are the cell's additive parts: each is attributable by its own share.
    let value = 0;
    const byOrganisation = new Map<string, number>();
    for (const entry of acc.byOrganisation.values()) {
      if (!entry.open) continue;
      value += entry.sum;
      for (const [part, sum] of entry.parts) byOrganisation.set(part, sum);
    }
    return { value, byOrganisation };
  }
  return acc.byOrganisation ? { value: acc.total, byOrganisation: acc.byOrganisation } : { value: acc.total };
}
