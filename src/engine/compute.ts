// The engine: one pass over each dataset feeds every indicator, plan and cell at once, then each
// cell is finalised by its kind's own rule (INDICATORS.md): flows and stocks sum, unique counts
// are fresh distinct counts per cell, ratios divide the cell's numerator by its denominator.
// Every cell — margins and grand total included — is computed from rows, never from child cells,
// so no definition can roll a unique count or a ratio up the wrong way.
import type { DatasetName, RowOf, SourceRef } from '../data/datasets.js';
import type { TerritoryLevel } from '../data/territory.js';
import type { IndicatorContext, RunnableSource } from '../define.js';
import { attributionKey, yearEndDate } from './attribution.js';
import {
  APPLICABLE,
  cellId,
  cellTuples,
  Dictionary,
  dimensionValue,
  MARGIN,
  type Plan,
  type RowFacts,
  UNKNOWN_CODE,
} from './cells.js';
import { type CompiledIndicator, type CompiledSource, indicatorDimensions, sourceDatasets } from './compiled.js';
import { DistinctIds } from './distinct.js';
import { type Period, periodLabel, periodsInRange, rangeLabel } from './periods.js';

/**
 * `byOrganisation` holds a cell's additive parts for attribution, keyed by `attributionKey`: the
 * organisation, and for a flow the day whose share its rows take (their year's end).
 */
type Accumulator =
  | { type: 'sum'; total: number; byOrganisation?: Map<string, number> }
  | { type: 'distinct'; keys: DistinctIds }
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
  /** Cells are numbered once: accumulators are then found by index, not by hashing a key string. */
  cellIndex: Map<string, number>;
  /** Each cell's code tuple (dimensions then period), by cell index. */
  cellCodes: number[][];
  /** Cell indexes of a row's dimension codes and period, shared by every row that has them. */
  keyCache: Map<string, number[]>;
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
  /** Called for every row used in a cell of the traced indicator's plan; `cell` is its cellId. */
  used(source: CompiledSource, cell: string, ref: SourceRef, value: number, detail: TracedRow): void;
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
  private readonly intern = new Map<string, number>();
  private readonly bySource = new Map<DatasetName, CompiledSource[]>();
  readonly failures = new Map<CompiledIndicator, string>();
  /** Cell keys of the row being consumed, by plan, period and mode. */
  private readonly rowKeys = new Map<string, number[]>();
  private readonly unknownMasks = new Map<CompiledSource, boolean[][]>();
  private readonly traceIds: string[] = [];
  private readonly keyTexts: string[] = [];
  private lastText: string | undefined;
  private lastId = -1;
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
        keyCache: new Map(),
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

  consume<D extends DatasetName>(
    dataset: D,
    row: RowOf[D],
    ref: SourceRef,
    sources: readonly CompiledSource[] | undefined = this.bySource.get(dataset),
  ): void {
    if (!sources || sources.length === 0) return;
    this.rowKeys.clear();
    const facts = this.options.factsOf(dataset, row);
    // Coarse territories are worth a warning in the report's own breakdown, not in a target's.
    const onCoarse = this.options.onCoarse;
    const coarse = onCoarse ? (code: string, level: TerritoryLevel) => onCoarse(code, level, ref) : undefined;
    const dimValues = this.states.map((state, s) =>
      state.plan.dimensions.map((dim) => dimensionValue(facts, dim, s === 0 ? coarse : undefined)),
    );
    for (const source of sources) {
      if (this.failures.has(source.indicator)) continue;
      try {
        this.consumeSource(source, row as RowOf[DatasetName], ref, facts, dimValues);
      } catch (error) {
        // Named by its file and the row it failed on; the other indicators go on.
        this.fail(source, error, ref);
      }
    }
  }

  private consumeSource(
    source: CompiledSource,
    row: RowOf[DatasetName],
    ref: SourceRef,
    facts: RowFacts,
    dimValues: (string | null | undefined)[][],
  ): void {
    const def = source.definition as RunnableSource<DatasetName, unknown>;
    const ctx = this.contextFor(source.indicator);
    const trace = source.indicator.traced ? this.options.trace : undefined;
    if (def.filter && !def.filter(row, ctx)) {
      if (trace) trace.excluded(source, 'filter', ref, source.conditions.find((c) => !c.test(row, ctx))?.label);
      return;
    }
    const organisation = facts.organisation ?? undefined;
    if (source.kind === 'stock') {
      const active = def.activeAt!;
      const contribution = this.contribution(source, def, row, ctx, ref);
      if (!contribution) return;
      const { value, key } = contribution;
      let counted = false;
      this.states.forEach((state, s) => {
        for (let p = -1; p < state.periods.length; p++) {
          const period = p === -1 ? state.rangePeriod : state.periods[p]!;
          if (!active(row, period.end, ctx)) continue;
          counted = true;
          // A stock is its value at this period's end: it never adds up into a longer period.
          const keys = this.keysFor(source, state, s, dimValues, p === -1 ? MARGIN : p, true);
          const valueThen = def.valueAt ? this.checkedValue(def.valueAt(row, period.end, ctx), ref) : value;
          this.add(state, source, keys, valueThen, key, organisation, false, ref, row);
        }
      });
      if (!counted) trace?.excluded(source, 'inactive', ref);
      return;
    }
    const date =
      typeof def.date === 'function'
        ? def.date(row, ctx)
        : (row as unknown as Record<string, unknown>)[String(def.date)];
    if (typeof date !== 'string') {
      trace?.excluded(source, 'no-date', ref);
      return;
    }
    const { from, to } = this.options.range;
    if (date < from || date > to) {
      trace?.excluded(source, 'out-of-range', ref);
      return;
    }
    const contribution = this.contribution(source, def, row, ctx, ref);
    if (!contribution) return;
    const { value, key } = contribution;
    const gateOpen = def.organisationGate ? def.organisationGate(row, ctx) : false;
    // A flow row is attributed at its own year's end, whatever cell it is summed in.
    const attributionDay = source.indicator.attribution ? yearEndDate(date, to) : undefined;
    this.states.forEach((state, s) => {
      const label = state.plan.periodLevel ? periodLabel(date, state.plan.periodLevel) : undefined;
      const code = label === undefined ? MARGIN : (state.periodCodes.get(label) ?? MARGIN);
      const keys = this.keysFor(source, state, s, dimValues, code);
      this.add(state, source, keys, value, key, organisation, gateOpen, ref, row, attributionDay);
    });
  }

  /** What a row adds: a distinct key, or a value (default 1); undefined when it has no key. */
  private contribution(
    source: CompiledSource,
    def: RunnableSource<DatasetName, unknown>,
    row: RowOf[DatasetName],
    ctx: IndicatorContext<unknown>,
    ref: SourceRef,
  ): { value: number; key: number | undefined } | undefined {
    if (source.distinct) {
      const text = def.distinct!(row, ctx);
      if (text === undefined) {
        if (source.indicator.traced) this.options.trace?.excluded(source, 'no-value', ref);
        return undefined;
      }
      return { value: 1, key: this.internKey(text) };
    }
    const value = def.value ? def.value(row, ctx) : 1;
    return { value: this.checkedValue(value, ref), key: undefined };
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

  /** Cell indexes for a row: its cell and margins; the period's own code only when `exactPeriod`. */
  private keysFor(
    source: CompiledSource,
    state: PlanState,
    s: number,
    dimValues: (string | null | undefined)[][],
    period: number,
    exactPeriod = false,
  ): number[] {
    // Most sources of a row share its cells, and most rows share them with earlier rows: the cell
    // indexes are looked up once per row and built once per combination (a hot loop).
    const mask = this.unknownMasks.get(source)?.[s];
    const memo = `${s},${period},${exactPeriod},${mask ? mask.join() : ''}`;
    const known = this.rowKeys.get(memo);
    if (known) return known;
    const codes = dimValues[s]!.map((value, i) => {
      if (value === undefined) return mask?.[i] ? UNKNOWN_CODE : MARGIN;
      if (value === null) return UNKNOWN_CODE;
      return state.dictionaries[i]!.code(value);
    });
    const combination = `${codes.join()};${period};${exactPeriod}`;
    let indexes = state.keyCache.get(combination);
    if (!indexes) {
      codes.forEach((code, i) => {
        if (code === UNKNOWN_CODE) state.unknownSeen[i] = true;
      });
      // A stock's period is exact; a flow's row also reaches the range margin.
      const tuples = exactPeriod
        ? cellTuples(codes).map((tuple) => [...tuple, period])
        : cellTuples([...codes, period]);
      indexes = tuples.map((tuple) => {
        const key = tuple.join(',');
        let index = state.cellIndex.get(key);
        if (index === undefined) {
          index = state.cellCodes.length;
          state.cellIndex.set(key, index);
          state.cellCodes.push(tuple);
        }
        return index;
      });
      state.keyCache.set(combination, indexes);
    }
    this.rowKeys.set(memo, indexes);
    return indexes;
  }

  /** The cellId of a cell of the first plan, for the trace sink. */
  private traceId(state: PlanState, cell: number): string {
    let id = this.traceIds[cell];
    if (id === undefined) {
      const { keys, margin } = cellLabels(state, state.cellCodes[cell]!);
      id = cellId(keys, margin);
      this.traceIds[cell] = id;
    }
    return id;
  }

  private add(
    state: PlanState,
    source: CompiledSource,
    keys: number[],
    value: number,
    key: number | undefined,
    organisation: string | undefined,
    gateOpen: boolean,
    ref: SourceRef,
    row: unknown,
    attributionDay?: string,
  ): void {
    let cells = state.cells.get(source);
    const part = organisation === undefined ? undefined : attributionKey(organisation, attributionDay);
    if (!cells) {
      cells = [];
      state.cells.set(source, cells);
    }
    const trace = source.indicator.traced && state === this.states[0] ? this.options.trace : undefined;
    const traced = trace && { row, key: key === undefined ? undefined : this.keyTexts[key], organisation };
    for (const cell of keys) {
      let acc = cells[cell];
      if (!acc) {
        acc = newAccumulator(source);
        cells[cell] = acc;
      }
      if (traced) trace.used(source, this.traceId(state, cell), ref, value, traced);
      if (acc.type === 'distinct') {
        acc.keys.add(key!);
      } else if (acc.type === 'gated') {
        const org = organisation ?? '';
        const entry = acc.byOrganisation.get(org) ?? { sum: 0, open: false, parts: new Map() };
        entry.sum += value;
        entry.open ||= gateOpen;
        const orgPart = part ?? org;
        entry.parts.set(orgPart, (entry.parts.get(orgPart) ?? 0) + value);
        acc.byOrganisation.set(org, entry);
      } else {
        acc.total += value;
        if (acc.byOrganisation && part !== undefined) {
          acc.byOrganisation.set(part, (acc.byOrganisation.get(part) ?? 0) + value);
        }
      }
    }
  }

  private internKey(text: string): number {
    // A row's unique indicators mostly count the same key (the person): remember the last one.
    if (text === this.lastText) return this.lastId;
    let id = this.intern.get(text);
    if (id === undefined) {
      id = this.intern.size;
      this.intern.set(text, id);
      // `explain` names the keys counted once: only then are they kept by number too.
      if (this.options.trace) this.keyTexts.push(text);
    }
    this.lastText = text;
    this.lastId = id;
    return id;
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

function newAccumulator(source: CompiledSource): Accumulator {
  if (source.distinct) return { type: 'distinct', keys: new DistinctIds() };
  if (source.definition.organisationGate) return { type: 'gated', byOrganisation: new Map() };
  return source.indicator.attribution
    ? { type: 'sum', total: 0, byOrganisation: new Map() }
    : { type: 'sum', total: 0 };
}

/** A cell's value from its accumulator, and its per-organisation parts for attribution. */
export function accumulatorValue(acc: Accumulator | undefined): {
  value: number;
  byOrganisation?: Map<string, number>;
} {
  if (!acc) return { value: 0 };
  if (acc.type === 'distinct') return { value: acc.keys.size };
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
