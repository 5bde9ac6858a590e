// The engine: one pass over each dataset feeds every indicator, plan and cell at once, then each
// cell is finalised by its kind's own rule (INDICATORS.md): flows and stocks sum, unique counts
// are fresh distinct counts per cell, ratios divide the cell's numerator by its denominator.
// Every cell — margins and grand total included — is computed from rows, never from child cells,
// so no definition can roll a unique count or a ratio up the wrong way.
import type { DatasetName, RowOf, SourceRef } from '../data/datasets.js';
import type { TerritoryLevel } from '../data/territory.js';
import type { IndicatorContext, SourceDefinition } from '../define.js';
import { attributionKey, yearEndDate } from './attribution.js';
import { APPLICABLE, cellKeys, dimensionValue, type Plan, type RowFacts, totalOf, UNKNOWN } from './cells.js';
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

/** One plan's accumulated state: per indicator source, per cell key. */
interface PlanState {
  plan: Plan;
  periods: Period[];
  rangePeriod: Period;
  totals: string[];
  /** Values seen per dimension, to list every cell of the grid. */
  seen: Set<string>[];
  /** Cells are numbered once: accumulators are then found by index, not by hashing a key string. */
  cellIndex: Map<string, number>;
  cellNames: string[];
  /** Cell indexes of a row's dimension values and period, shared by every row that has them. */
  keyCache: Map<string, number[]>;
  cells: Map<CompiledSource, Accumulator[]>;
}

/** A cell's accumulator for one source, by the cell's key (dimension values then period). */
export function cellAccumulator(state: PlanState, source: CompiledSource, key: string): Accumulator | undefined {
  const index = state.cellIndex.get(key);
  return index === undefined ? undefined : state.cells.get(source)?.[index];
}

export interface TraceSink {
  /** Called for every row used in a cell of the traced indicator's plan. */
  used(source: CompiledSource, cellKey: string, ref: SourceRef, value: number, organisation: string | undefined): void;
  excluded(source: CompiledSource, reason: Exclusion['reason'], ref: SourceRef): void;
}

export interface EngineOptions {
  range: { from: string; to: string };
  plans: Plan[];
  indicators: CompiledIndicator[];
  context: IndicatorContext;
  factsOf: <D extends DatasetName>(dataset: D, row: RowOf[D]) => RowFacts;
  onCoarse?: (code: string, level: TerritoryLevel) => void;
  trace?: TraceSink;
}

export class Engine {
  readonly states: PlanState[];
  private readonly intern = new Map<string, number>();
  private readonly bySource = new Map<DatasetName, CompiledSource[]>();
  readonly failures = new Map<CompiledIndicator, string>();
  /** Cell keys of the row being consumed, by plan, period and mode. */
  private readonly rowKeys = new Map<string, number[]>();
  private readonly unknownMasks = new Map<CompiledSource, string[]>();
  private lastText: string | undefined;
  private lastId = -1;
  private readonly contexts = new Map<CompiledIndicator, IndicatorContext<unknown>>();

  constructor(private readonly options: EngineOptions) {
    const rangePeriod = { label: rangeLabel(options.range), ...{ start: options.range.from, end: options.range.to } };
    this.states = options.plans.map((plan) => ({
      plan,
      periods: plan.periodLevel ? periodsInRange(options.range, plan.periodLevel) : [],
      rangePeriod,
      totals: plan.dimensions.map((d) => totalOf(d.dimension)),
      seen: plan.dimensions.map(() => new Set<string>()),
      cellIndex: new Map(),
      cellNames: [],
      keyCache: new Map(),
      cells: new Map(),
    }));
    for (const indicator of options.indicators) {
      const dims = indicatorDimensions(indicator);
      for (const source of indicator.sources) {
        const list = this.bySource.get(source.dataset) ?? [];
        list.push(source);
        this.bySource.set(source.dataset, list);
        // A dimension the indicator has through another source, but this source's rows lack (the
        // gender of reported aggregates): these rows are `unknown` there, so cells still add up.
        const masks = this.states.map((state) =>
          state.plan.dimensions
            .map((d) => (dims.has(d.dimension) && !APPLICABLE[source.dataset].has(d.dimension) ? '1' : '0'))
            .join(''),
        );
        if (masks.some((mask) => mask.includes('1'))) this.unknownMasks.set(source, masks);
      }
    }
  }

  datasetsNeeded(): Set<DatasetName> {
    return new Set(this.options.indicators.flatMap((i) => sourceDatasets(i)));
  }

  consume<D extends DatasetName>(dataset: D, row: RowOf[D], ref: SourceRef): void {
    const sources = this.bySource.get(dataset);
    if (!sources) return;
    this.rowKeys.clear();
    const facts = this.options.factsOf(dataset, row);
    // Coarse territories are worth a warning in the report's own breakdown, not in a target's.
    const dimValues = this.states.map((state, s) =>
      state.plan.dimensions.map((dim) => dimensionValue(facts, dim, s === 0 ? this.options.onCoarse : undefined)),
    );
    for (const source of sources) {
      if (this.failures.has(source.indicator)) continue;
      try {
        this.consumeSource(source, row as RowOf[DatasetName], ref, facts, dimValues);
      } catch (error) {
        // Named by its file and the row it failed on; the other indicators go on.
        const message = error instanceof Error ? error.message : String(error);
        this.failures.set(source.indicator, `${source.indicator.origin}: ${message} (on ${ref.file}:${ref.line})`);
      }
    }
  }

  private consumeSource(
    source: CompiledSource,
    row: RowOf[DatasetName],
    ref: SourceRef,
    facts: RowFacts,
    dimValues: (string | null)[][],
  ): void {
    const def = source.definition as SourceDefinition<DatasetName, unknown>;
    const ctx = this.contextFor(source.indicator);
    const trace = source.indicator.traced ? this.options.trace : undefined;
    if (def.filter && !def.filter(row, ctx)) {
      trace?.excluded(source, 'filter', ref);
      return;
    }
    const organisation = facts.organisation;
    if (source.kind === 'stock') {
      const active = def.activeAt!;
      const contribution = this.contribution(source, def, row, ctx, ref);
      if (!contribution) return;
      const { value, key } = contribution;
      let counted = false;
      this.states.forEach((state, s) => {
        for (const period of [state.rangePeriod, ...state.periods]) {
          if (!active(row, period.end, ctx)) continue;
          counted = true;
          // A stock is its value at this period's end: it never adds up into a longer period.
          const keys = this.keysFor(source, state, s, dimValues, period.label, true);
          const valueThen = def.valueAt ? this.checkedValue(def.valueAt(row, period.end, ctx), ref) : value;
          this.add(state, source, keys, valueThen, key, organisation, false, ref);
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
      const label = state.plan.periodLevel ? periodLabel(date, state.plan.periodLevel) : null;
      const keys = this.keysFor(source, state, s, dimValues, label);
      this.add(state, source, keys, value, key, organisation, gateOpen, ref, attributionDay);
    });
  }

  /** What a row adds: a distinct key, or a value (default 1); undefined when it has no key. */
  private contribution(
    source: CompiledSource,
    def: SourceDefinition<DatasetName, unknown>,
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

  private checkedValue(value: number, ref: SourceRef): number {
    if (!Number.isFinite(value)) throw new Error(`value() returned ${value} for ${ref.file}:${ref.line}`);
    return value;
  }

  /**
   * The context row functions see: `params` are the indicator's own, as its zod schema parsed them
   * (defaults filled, define.ts); an indicator without a schema sees the workspace's params.
   */
  private contextFor(indicator: CompiledIndicator): IndicatorContext<unknown> {
    let ctx = this.contexts.get(indicator);
    if (!ctx) {
      const shared = this.options.context as IndicatorContext<unknown>;
      ctx = indicator.definition.params ? { ...shared, params: indicator.params } : shared;
      this.contexts.set(indicator, ctx);
    }
    return ctx;
  }

  /** Cell keys for a row: its cell and margins; the period's own label only when `exactPeriod`. */
  private keysFor(
    source: CompiledSource,
    state: PlanState,
    s: number,
    dimValues: (string | null)[][],
    period: string | null,
    exactPeriod = false,
  ): number[] {
    // Most sources of a row share its cells, and most rows share them with earlier rows: the cell
    // indexes are looked up once per row and built once per combination (a hot loop).
    const mask = this.unknownMasks.get(source)?.[s];
    const memo = `${s}\u001f${period}\u001f${exactPeriod}\u001f${mask ?? ''}`;
    const known = this.rowKeys.get(memo);
    if (known) return known;
    const values = mask ? dimValues[s]!.map((v, i) => (v === null && mask[i] === '1' ? UNKNOWN : v)) : dimValues[s]!;
    const combination = `${values.join('\u001f')}\u001e${period}\u001e${exactPeriod}`;
    let indexes = state.keyCache.get(combination);
    if (!indexes) {
      values.forEach((v, i) => {
        if (v !== null) state.seen[i]!.add(v);
      });
      let keys: string[];
      if (exactPeriod) keys = cellKeys(values, state.totals).map((key) => joinKey(key, period!));
      else {
        const withPeriod = [...values, period === state.rangePeriod.label ? null : period];
        keys = cellKeys(withPeriod, [...state.totals, state.rangePeriod.label]);
      }
      indexes = keys.map((key) => {
        let index = state.cellIndex.get(key);
        if (index === undefined) {
          index = state.cellNames.length;
          state.cellIndex.set(key, index);
          state.cellNames.push(key);
        }
        return index;
      });
      state.keyCache.set(combination, indexes);
    }
    this.rowKeys.set(memo, indexes);
    return indexes;
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
    attributionDay?: string,
  ): void {
    let cells = state.cells.get(source);
    const part = organisation === undefined ? undefined : attributionKey(organisation, attributionDay);
    if (!cells) {
      cells = [];
      state.cells.set(source, cells);
    }
    const trace = source.indicator.traced && state === this.states[0] ? this.options.trace : undefined;
    for (const cell of keys) {
      let acc = cells[cell];
      if (!acc) {
        acc = newAccumulator(source);
        cells[cell] = acc;
      }
      trace?.used(source, state.cellNames[cell]!, ref, value, organisation);
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
    }
    this.lastText = text;
    this.lastId = id;
    return id;
  }
}

const joinKey = (prefix: string, last: string): string => (prefix === '' ? last : `${prefix}\u001f${last}`);

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
