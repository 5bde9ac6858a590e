// A whole dataset table into the engine's cells (issue 8, "indicators over columns"); every dataset
// comes this way, the reference ones too (evaluate.ts builds their tables). Each row's dimension
// values are placed once per plan axis, from the columns (dimension-axes.ts: once per site or
// territory code, not per row). Then each source selects its rows into a mask: its `where`
// conditions over columns (predicates.ts), then any row functions — a TypeScript plug-in's filter,
// value, distinct key, date or organisation gate, the slower documented form — over one moving row
// view, only on the rows the mask kept. The selected rows get their finest cells (cell-index.ts),
// where distinct keys are counted (distinct-counts.ts) or values summed (sums.ts), each finest cell
// lifted to its margins once. By kind:
// - a flow or unique count places each row by its event day, and its range margin too;
// - a stock is evaluated at each period's end and at the range's end, each end its own
//   mask of active rows, never summed across periods;
// - an attributable value also carries each organisation's part (a flow's rows at their year's
//   end, a stock's at the cell's end), summed per finest cell and part, then lifted;
// - an organisation-gated flow sums per finest cell and organisation, with whether one of the
//   organisation's rows there opens the gate; the engine adds the open organisations per cell.
// Row functions run in row order and stop at a table's first failing row, as the indicator's error names it.
// `explain`'s traced indicator runs the same way: its sink is told each excluded row's reason from
// the masks, every used row, and the traced cell's rows in row order (row numbers → source refs,
// values and keys). There is no other path.
import { type ColumnTable, dayNumber, dictSize, isoDay, MISSING_DAY } from '../../data/columns.js';
import { movingRow, rowView } from '../../data/columns-to-rows.js';
import type { DatasetName, RowOf, SourceRef } from '../../data/datasets.js';
import type { IndicatorContext, RunnableSource } from '../../define.js';
import { attributionKey, yearEndDate } from '../attribution.js';
import { cellId, MARGIN, UNKNOWN_CODE } from '../cells.js';
import type { CompiledSource } from '../compiled.js';
import { cellLabels, type Engine, type Exclusion, type PlanState, type TraceSink } from '../compute.js';
import { type Axis, type CellIndex, type CellReach, indexCells, periodAxis, reachOf } from './cell-index.js';
import { columnAxes, type DimensionAxis, organisationAxis, rowAxes } from './dimension-axes.js';
import { countDistinct } from './distinct-counts.js';
import { forgetAges, type RowMask, selectRows } from './predicates.js';
import { rollUp, sumByFinest } from './sums.js';

type Row = RowOf[DatasetName] & { source: SourceRef };

/** What a table's sources share: the row view, every plan's dimension axes, distinct keys numbered once. */
interface TableRun {
  engine: Engine;
  table: ColumnTable;
  moveTo: (i: number) => Row;
  axes: DimensionAxis[][];
  keys: Map<string, number>;
  organisations: () => DimensionAxis;
  refOf: (i: number) => SourceRef;
  /** `explain`'s sink, and the traced cell's rows found so far (told in row order once the table is done). */
  trace: { sink: TraceSink; inCell: InCellRow[] } | undefined;
}

interface InCellRow {
  row: number;
  source: CompiledSource;
  value: number;
  key: string | undefined;
}

export function consumeTable(engine: Engine, dataset: DatasetName, table: ColumnTable): void {
  const sources = engine.sourcesOf(dataset).filter((s) => !engine.failures.has(s.indicator));
  if (sources.length === 0) return;
  const view = movingRow<DatasetName>(table);
  const refOf = (i: number): SourceRef => view.moveTo(i).source;
  const onCoarse = engine.options.onCoarse;
  const axes =
    columnAxes(engine, dataset, table, onCoarse, refOf) ?? rowAxes(engine, dataset, table, view.moveTo, onCoarse);
  let organisations: DimensionAxis | undefined;
  const sink = engine.options.trace;
  const run: TableRun = {
    engine,
    table,
    moveTo: view.moveTo,
    axes,
    keys: new Map(),
    organisations: () => {
      organisations ??= organisationAxis(engine, dataset, table, view.moveTo);
      return organisations;
    },
    refOf,
    trace: sink && sources.some((s) => s.indicator.traced) ? { sink, inCell: [] } : undefined,
  };
  try {
    for (const source of sources) {
      try {
        consumeSource(run, source);
      } catch (error) {
        const failed = error instanceof RowFailure ? error : undefined;
        engine.fail(source, failed ? failed.cause : error, refOf(failed?.row ?? 0));
      }
    }
  } finally {
    forgetAges();
  }
  if (run.trace) tellInCell(run, run.trace);
}

/** The traced cell's rows, in row order (a row several sources use: in the sources' order), each as a row object. */
function tellInCell(run: TableRun, trace: NonNullable<TableRun['trace']>): void {
  if (trace.inCell.length === 0) return;
  const rows = rowView(run.table);
  const organisations = run.organisations();
  // Array sort is stable: rows of one number keep their sources' order.
  trace.inCell.sort((a, b) => a.row - b.row);
  for (const { row, source, value, key } of trace.inCell) {
    const org = organisations.codes[row]!;
    trace.sink.usedInCell(source, run.refOf(row), value, {
      row: rows.at(row),
      key,
      organisation: org < 0 ? undefined : organisations.values[org],
    });
  }
}

class RowFailure extends Error {
  constructor(
    readonly row: number,
    override readonly cause: unknown,
  ) {
    super('row failure');
  }
}

/** A source's selected rows and what each adds. */
interface Selection {
  /** Rows used: for a flow, dated in the range; for a stock, those that pass the filter and have a key. */
  mask: RowMask;
  /** A flow's event day per row. */
  days: Int32Array;
  /** Distinct keys per row (< 0: none), and how many there can be. */
  keys: Int32Array | Int16Array | Int8Array | null;
  keyCount: number;
  /** Values per row (null: 1 each; NaN adds nothing). */
  values: Float64Array | Float32Array | null;
  /** Per row, whether it opens its organisation's gate (organisation-gated flows). */
  gate: Uint8Array | null;
  /** The first row on which a row function failed, and its error. */
  failure: RowFailure | undefined;
  /** A row's distinct key as text, for `explain`. */
  keyText: (i: number) => string | undefined;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A date a row function returned, as a day number; a string that is no calendar day fails the row. */
function dayOf(date: string): number {
  const day = ISO_DAY.test(date) ? dayNumber(date) : Number.NaN;
  if (Number.isNaN(day) || isoDay(day) !== date) throw new Error(`date() returned "${date}", expected YYYY-MM-DD`);
  return day;
}

/** A value a plug-in returned, as an error message shows it. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object';
  return String(value);
}

/**
 * A distinct key a row function returned: a string, or a finite number as its decimal text. Nothing
 * (undefined, null, '') counts nobody, as an empty cell of a key column does; anything else is the
 * plug-in's mistake, never a key (an object would count each row as its own person).
 */
function distinctKey(key: unknown): string | undefined {
  if (key === undefined || key === null || key === '') return undefined;
  if (typeof key === 'string') return key;
  if (typeof key === 'number' && Number.isFinite(key)) return String(key);
  throw new Error(`distinct() returned ${shown(key)}, expected a string`);
}

function select(run: TableRun, source: CompiledSource, ctx: IndicatorContext<unknown>): Selection {
  const { engine, table, moveTo } = run;
  const def = source.definition as RunnableSource<DatasetName, unknown>;
  const n = table.length;
  const stock = source.kind === 'stock';
  const dateColumn = stock || typeof def.date !== 'string' ? undefined : table.columns[def.date];
  const days = dateColumn?.type === 'day' ? dateColumn.days : new Int32Array(n).fill(MISSING_DAY);
  // A date function (or a date that is not a date column) is read row by row.
  const dateByRow = !stock && dateColumn?.type !== 'day';
  const { from, to } = engine.options.range;
  const first = dayNumber(from);
  const last = dayNumber(to);
  // The declarative conditions first, over columns; the row functions only on the rows they keep.
  const mask = selectRows(table, source.where, ctx);
  const keyColumn = source.distinctColumn ? table.columns[source.distinctColumn] : undefined;
  const valueColumn = source.valueColumn ? table.columns[source.valueColumn] : undefined;
  // A distinct count of a dictionary-coded column counts its codes: no string per row.
  let keys = source.distinct && keyColumn?.type === 'dict' ? keyColumn.codes : null;
  // dictSize: the number of codes, without decoding ten million ids into strings.
  let keyCount = keyColumn?.type === 'dict' ? dictSize(keyColumn) : 0;
  let values =
    !source.distinct && (valueColumn?.type === 'cents' || valueColumn?.type === 'number') ? valueColumn.values : null;
  const keyByRow = source.distinct && !keys;
  const valueByRow = !source.distinct && def.value !== undefined && !values;
  if (keyByRow) keys = new Int32Array(n).fill(-1);
  if (valueByRow) values = new Float64Array(n);
  const gateOf = def.organisationGate;
  const gate = gateOf ? new Uint8Array(n) : null;
  const rowFilter = source.rowFilter;
  const byRow = rowFilter !== undefined || keyByRow || valueByRow || dateByRow || gateOf !== undefined;
  const inRange = (day: number) => stock || (day !== MISSING_DAY && day >= first && day <= last);
  // `explain` is told why each row was left out: the first condition it fails, no date, out of range, no key.
  const sink = source.indicator.traced ? run.trace?.sink : undefined;
  const exclude = sink
    ? (reason: Exclusion['reason'], i: number, condition?: string) =>
        sink.excluded(source, reason, run.refOf(i), condition)
    : undefined;
  const whereMasks = exclude ? source.where.map((c) => selectRows(table, [c], ctx)) : [];
  const named = source.conditions.slice(source.where.length);
  const dateless = (i: number) => (days[i] === MISSING_DAY ? 'no-date' : 'out-of-range');
  let failure: RowFailure | undefined;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) {
      exclude?.('filter', i, source.conditions[whereMasks.findIndex((m) => !m[i])]?.label);
      continue;
    }
    if (!byRow) {
      // Undated and out-of-range rows add nothing; an empty key counts nobody.
      if (!inRange(days[i]!)) {
        mask[i] = 0;
        exclude?.(dateless(i), i);
      } else if (keys && keys[i]! < 0) {
        mask[i] = 0;
        exclude?.('no-value', i);
      }
      continue;
    }
    const row = moveTo(i);
    try {
      // In the row's own order: filter, event date, what it adds, the gate.
      if (rowFilter && !rowFilter(row, ctx)) {
        mask[i] = 0;
        if (exclude) exclude('filter', i, named.find((c) => !c.test(row, ctx))?.label);
        continue;
      }
      if (dateByRow) {
        const date =
          typeof def.date === 'function'
            ? def.date(row, ctx)
            : (row as unknown as Record<string, unknown>)[String(def.date)];
        if (typeof date === 'string') days[i] = dayOf(date);
        else if (date !== undefined && date !== null)
          throw new Error(`date() returned ${shown(date)}, expected YYYY-MM-DD`);
      }
      if (!inRange(days[i]!)) {
        mask[i] = 0;
        exclude?.(dateless(i), i);
        continue;
      }
      if (keyByRow) {
        const text = distinctKey(def.distinct!(row, ctx));
        if (text === undefined) {
          mask[i] = 0;
          exclude?.('no-value', i);
          continue;
        }
        let key = run.keys.get(text);
        if (key === undefined) {
          key = run.keys.size;
          run.keys.set(text, key);
        }
        keys![i] = key;
      } else if (keys && keys[i]! < 0) {
        mask[i] = 0;
        exclude?.('no-value', i);
        continue;
      } else if (valueByRow) {
        values![i] = engine.checkedValue(def.value!(row, ctx), row.source);
      }
      if (gate && gateOf!(row, ctx)) gate[i] = 1;
    } catch (error) {
      failure = new RowFailure(i, error);
      break;
    }
  }
  if (keyByRow) keyCount = run.keys.size;
  let texts: string[] | undefined;
  const keyText = (i: number): string | undefined => {
    if (!keys || keys[i]! < 0) return undefined;
    if (keyColumn?.type === 'dict') return keyColumn.dict[keys[i]!];
    texts ??= [...run.keys.keys()];
    return texts[keys[i]!];
  };
  return { mask, days, keys, keyCount, values, gate, failure, keyText };
}

function consumeSource(run: TableRun, source: CompiledSource): void {
  const ctx = run.engine.contextFor(source.indicator);
  const selection = select(run, source, ctx);
  if (source.kind === 'stock') consumeStock(run, source, ctx, selection);
  else if (selection.failure) throw selection.failure;
  else consumeFlow(run, source, selection);
}

/** One plan's dimension axes for a source: a dimension its dataset lacks is `unknown` where the indicator has it. */
function planAxes(run: TableRun, source: CompiledSource, s: number): Axis[] {
  const unknownMask = run.engine.unknownMaskOf(source, s);
  return run.axes[s]!.map((axis, d) => ({
    codes: unknownMask?.[d] ? asUnknown(axis.codes) : axis.codes,
    size: axis.values.length,
  }));
}

/** Whether the source's cells carry each organisation's attributable part. */
function attributable(run: TableRun, source: CompiledSource): boolean {
  return source.indicator.attribution && run.engine.options.context.reportingEntity !== undefined;
}

function consumeFlow(run: TableRun, source: CompiledSource, selection: Selection): void {
  const { engine } = run;
  const { mask, days, keys, keyCount, values, gate } = selection;
  const { from, to } = engine.options.range;
  const range = { start: dayNumber(from), end: dayNumber(to) };
  // With a reporting entity, a flow also carries each organisation's part, its rows taken at their year's end.
  const parts = attributable(run, source)
    ? attributionParts(mask, run.organisations(), (i) => yearEnd(days[i]!, to))
    : undefined;
  engine.states.forEach((state, s) => {
    const axes = planAxes(run, source, s);
    const periods = state.periods.map((p) => ({ start: dayNumber(p.start), end: dayNumber(p.end) }));
    axes.push(periodAxis(days, periods, range, mask));
    const index = indexCells(axes, mask);
    const reach = reachOf(index);
    const codes = reach.cells.map((tuple) => stateCodes(state, run.axes[s]!, tuple));
    const cellOf = (c: number) => engine.cellOf(state, codes[c]!);
    if (s === 0) traceRows(run, source, selection, index, reach, codes, values);
    if (gate) {
      const organisations = run.organisations();
      gatedByCell(index, reach, organisations, gate, values, parts).forEach((groups, c) => {
        const cell = cellOf(c);
        for (const [organisation, group] of groups) engine.addGated(state, source, cell, organisation, group);
      });
      return;
    }
    const totals = keys ? countDistinct(index, reach, keys, keyCount) : rollUp(sumByFinest(index, values), reach);
    const cellParts = parts ? partsByCell(index, reach, parts, values) : undefined;
    reach.cells.forEach((_, c) => {
      const cell = cellOf(c);
      if (cellParts) engine.addParts(state, source, cell, totals[c]!, cellParts[c]!);
      else engine.addTotal(state, source, cell, totals[c]!);
    });
  });
}

/** The day whose share a flow row takes (attribution.ts yearEndDate), from its day number. */
function yearEnd(day: number, rangeEnd: string): string {
  return yearEndDate(isoDay(day), rangeEnd);
}

/**
 * A stock at each period's end and the range's end, in the order the plans ask for them: the rows
 * active on that day (its `activeAt`), adding their value then (`valueAt`) to the cell of that
 * period only. Each day's answers are worked out for every row before the next day's; after a row
 * fails, later days are asked only of the rows before it, so the error names the first failing row.
 */
function consumeStock(
  run: TableRun,
  source: CompiledSource,
  ctx: IndicatorContext<unknown>,
  selection: Selection,
): void {
  const { engine, table, moveTo } = run;
  const def = source.definition as RunnableSource<DatasetName, unknown>;
  const { mask, keys, keyCount, values } = selection;
  let failure = selection.failure;
  const n = table.length;
  // Per day, the plans' periods that end on it (period -1: the range).
  const ends = new Map<string, { s: number; p: number }[]>();
  engine.states.forEach((state, s) => {
    for (let p = -1; p < state.periods.length; p++) {
      const end = p === -1 ? state.rangePeriod.end : state.periods[p]!.end;
      const list = ends.get(end) ?? [];
      list.push({ s, p });
      ends.set(end, list);
    }
  });
  const organisations = attributable(run, source) ? run.organisations() : undefined;
  // A stock's parts are its organisations, each taken at the cell's end.
  const parts = organisations ? attributionParts(mask, organisations, () => undefined) : undefined;
  const active = new Uint8Array(n);
  const valuesAt = def.valueAt ? new Float64Array(n) : null;
  // For `explain`: the rows active on no day at all.
  const everActive = source.indicator.traced && run.trace ? new Uint8Array(n) : undefined;
  for (const [end, periods] of ends) {
    active.fill(0);
    const limit = failure?.row ?? n;
    for (let i = 0; i < limit; i++) {
      if (!mask[i]) continue;
      const row = moveTo(i);
      try {
        if (!def.activeAt!(row, end, ctx)) continue;
        if (valuesAt) valuesAt[i] = engine.checkedValue(def.valueAt!(row, end, ctx), row.source);
        active[i] = 1;
        if (everActive) everActive[i] = 1;
      } catch (error) {
        failure = new RowFailure(i, error);
        break;
      }
    }
    if (failure) continue;
    for (const { s, p } of periods) {
      const state = engine.states[s]!;
      const index = indexCells(planAxes(run, source, s), active);
      const reach = reachOf(index);
      const dayValues = valuesAt ?? values;
      const totals = keys ? countDistinct(index, reach, keys, keyCount) : rollUp(sumByFinest(index, dayValues), reach);
      const cellParts = parts ? partsByCell(index, reach, parts, dayValues) : undefined;
      const period = p === -1 ? MARGIN : p;
      const codes = reach.cells.map((tuple) => [...stateCodes(state, run.axes[s]!, tuple), period]);
      if (s === 0) traceRows(run, source, selection, index, reach, codes, dayValues);
      reach.cells.forEach((_, c) => {
        const cell = engine.cellOf(state, codes[c]!);
        if (cellParts) engine.addParts(state, source, cell, totals[c]!, cellParts[c]!);
        else engine.addTotal(state, source, cell, totals[c]!);
      });
    }
  }
  if (failure) throw failure;
  if (everActive) {
    for (let i = 0; i < n; i++)
      if (mask[i] && !everActive[i]) run.trace!.sink.excluded(source, 'inactive', run.refOf(i));
  }
}

/**
 * For the traced indicator, the first plan's used rows: each told as used, and those whose cells
 * include the traced one kept, with what they add and their key, to be told in row order.
 */
function traceRows(
  run: TableRun,
  source: CompiledSource,
  selection: Selection,
  index: CellIndex,
  reach: CellReach,
  codes: readonly number[][],
  values: Float64Array | Float32Array | null,
): void {
  const trace = run.trace;
  if (!trace || !source.indicator.traced) return;
  const state = run.engine.states[0]!;
  const target = codes.findIndex((tuple) => {
    const { keys, margin } = cellLabels(state, tuple);
    return cellId(keys, margin) === trace.sink.cell;
  });
  const hits = new Uint8Array(index.finest.length);
  const { offsets, reached } = reach;
  if (target >= 0) {
    for (let f = 0; f < hits.length; f++) {
      for (let r = offsets[f]!; r < offsets[f + 1]!; r++) if (reached[r] === target) hits[f] = 1;
    }
  }
  const { rowCell } = index;
  for (let i = 0; i < rowCell.length; i++) {
    const f = rowCell[i]!;
    if (f < 0) continue;
    if (!hits[f]) {
      trace.sink.used(source, run.refOf(i));
      continue;
    }
    const v = values === null ? 1 : values[i]!;
    trace.inCell.push({ row: i, source, value: Number.isNaN(v) ? 0 : v, key: selection.keyText(i) });
  }
}

/** Per selected row, its attribution part (an organisation, and the day its share is taken), numbered; -1: no organisation. */
interface RowParts {
  ofRow: Int32Array;
  keys: string[];
}

function attributionParts(
  mask: RowMask,
  organisations: DimensionAxis,
  dayOf: (i: number) => string | undefined,
): RowParts {
  const ofRow = new Int32Array(mask.length).fill(-1);
  const keys: string[] = [];
  const numbered = new Map<string, number>();
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const org = organisations.codes[i]!;
    if (org < 0) continue;
    const key = attributionKey(organisations.values[org]!, dayOf(i));
    let part = numbered.get(key);
    if (part === undefined) {
      part = keys.length;
      numbered.set(key, part);
      keys.push(key);
    }
    ofRow[i] = part;
  }
  return { ofRow, keys };
}

/** Per reached cell, its parts' sums: rows are summed per finest cell and part, then lifted. */
function partsByCell(
  index: CellIndex,
  reach: CellReach,
  parts: RowParts,
  values: Float64Array | Float32Array | null,
): Map<string, number>[] {
  const { rowCell } = index;
  const partCount = parts.keys.length;
  const sums = new Map<number, number>();
  for (let i = 0; i < rowCell.length; i++) {
    const finest = rowCell[i]!;
    const part = parts.ofRow[i]!;
    if (finest < 0 || part < 0) continue;
    const v = values === null ? 1 : values[i]!;
    const key = finest * partCount + part;
    sums.set(key, (sums.get(key) ?? 0) + (Number.isNaN(v) ? 0 : v));
  }
  const byCell = reach.cells.map(() => new Map<string, number>());
  const { offsets, reached } = reach;
  for (const [key, sum] of sums) {
    const finest = Math.floor(key / partCount);
    const part = parts.keys[key - finest * partCount]!;
    for (let r = offsets[finest]!; r < offsets[finest + 1]!; r++) {
      const into = byCell[reached[r]!]!;
      into.set(part, (into.get(part) ?? 0) + sum);
    }
  }
  return byCell;
}

/** One organisation's rows in a cell of a gated flow: their sum, whether one opens the gate, their attributable parts. */
export interface GatedGroup {
  sum: number;
  open: boolean;
  parts: Map<string, number>;
}

/**
 * Per reached cell, per organisation (`''`: rows without one, together): the group of its rows
 * there. Rows are grouped per finest cell and organisation, then lifted.
 */
function gatedByCell(
  index: CellIndex,
  reach: CellReach,
  organisations: DimensionAxis,
  gate: Uint8Array,
  values: Float64Array | Float32Array | null,
  parts: RowParts | undefined,
): Map<string, GatedGroup>[] {
  const { rowCell } = index;
  const none = organisations.values.length;
  const groupCount = none + 1;
  const byFinest = new Map<number, GatedGroup>();
  for (let i = 0; i < rowCell.length; i++) {
    const finest = rowCell[i]!;
    if (finest < 0) continue;
    const org = organisations.codes[i]!;
    const key = finest * groupCount + (org < 0 ? none : org);
    let group = byFinest.get(key);
    if (!group) {
      group = { sum: 0, open: false, parts: new Map() };
      byFinest.set(key, group);
    }
    const v = values === null ? 1 : values[i]!;
    const value = Number.isNaN(v) ? 0 : v;
    group.sum += value;
    if (gate[i]) group.open = true;
    if (parts) {
      const part = parts.ofRow[i]! < 0 ? '' : parts.keys[parts.ofRow[i]!]!;
      group.parts.set(part, (group.parts.get(part) ?? 0) + value);
    }
  }
  const byCell = reach.cells.map(() => new Map<string, GatedGroup>());
  const { offsets, reached } = reach;
  for (const [key, group] of byFinest) {
    const finest = Math.floor(key / groupCount);
    const org = key - finest * groupCount;
    const name = org === none ? '' : organisations.values[org]!;
    for (let r = offsets[finest]!; r < offsets[finest + 1]!; r++) {
      const into = byCell[reached[r]!]!;
      const known = into.get(name);
      if (!known) {
        into.set(name, { sum: group.sum, open: group.open, parts: new Map(group.parts) });
        continue;
      }
      known.sum += group.sum;
      known.open ||= group.open;
      for (const [part, sum] of group.parts) known.parts.set(part, (known.parts.get(part) ?? 0) + sum);
    }
  }
  return byCell;
}

/** A dimension the source's dataset lacks, where the indicator has it through another source: `unknown`, not the margin. */
function asUnknown(codes: Int32Array): Int32Array {
  return codes.map((code) => (code === MARGIN ? UNKNOWN_CODE : code));
}

/** A reached cell's tuple in the plan's own dictionaries (which hold only values some used row has). */
function stateCodes(state: PlanState, axes: DimensionAxis[], tuple: number[]): number[] {
  return tuple.map((code, d) => {
    if (d === axes.length || code === MARGIN) return code;
    if (code === UNKNOWN_CODE) {
      state.unknownSeen[d] = true;
      return code;
    }
    return state.dictionaries[d]!.code(axes[d]!.values[code]!);
  });
}
