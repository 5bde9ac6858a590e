// A whole dataset table into the engine's cells (issue 8, "indicators over columns"); every dataset
// comes this way, the reference ones too (evaluate.ts builds their tables). Each row's dimension
// values are placed once per plan axis, from the columns (dimension-axes.ts: once per site or
// territory code, not per row); then every source dated by a column — unique counts and flows,
// attributable ones included — selects its rows into a mask (its `where` conditions over columns,
// predicates.ts; then any row functions, over one moving row view, only on the rows the mask kept),
// indexes their finest cells (cell-index.ts) and counts distinct keys — a column's dictionary codes,
// or the strings a function returns — (distinct-counts.ts) or sums values (sums.ts) there, lifting
// each finest cell to its margins once; an attributable flow's per-organisation parts (each row at
// its year's end) are summed per finest cell and part, then lifted the same way. Stocks (a row
// function per period end), organisation-gated flows and the traced indicator of `explain` (which
// needs each row) keep the row-by-row path (compute.ts).
import { type ColumnTable, dayNumber, dictSize, isoDay } from '../../data/columns.js';
import { movingRow } from '../../data/columns-to-rows.js';
import type { DatasetName, RowOf, Sourced, SourceRef } from '../../data/datasets.js';
import type { RunnableSource } from '../../define.js';
import { attributionKey, yearEndDate } from '../attribution.js';
import { MARGIN, UNKNOWN_CODE } from '../cells.js';
import type { CompiledSource } from '../compiled.js';
import type { Engine, PlanState } from '../compute.js';
import { type Axis, type CellIndex, type CellReach, indexCells, periodAxis, reachOf } from './cell-index.js';
import { columnAxes, type DimensionAxis, organisationAxis, rowAxes } from './dimension-axes.js';
import { countDistinct } from './distinct-counts.js';
import { type RowMask, selectRows } from './predicates.js';
import { rollUp, sumByFinest } from './sums.js';

/** Whether a source's rows can be counted or summed over columns (what the row path would add, cell by cell). */
function isColumnar(source: CompiledSource, table: ColumnTable): boolean {
  const def = source.definition;
  if (source.indicator.traced || source.kind === 'stock' || def.organisationGate) return false;
  if (typeof def.date !== 'string' || table.columns[def.date]?.type !== 'day') return false;
  return source.kind === 'unique' ? source.distinct : true;
}

/**
 * `rows`: the table's rows as objects, when the caller holds them (the reference datasets): the row
 * path then reads those rather than the row view.
 */
export function consumeTable(
  engine: Engine,
  dataset: DatasetName,
  table: ColumnTable,
  rows?: readonly Sourced<RowOf[DatasetName]>[],
): void {
  const sources = engine.sourcesOf(dataset).filter((s) => !engine.failures.has(s.indicator));
  if (sources.length === 0) return;
  const columnar = sources.filter((s) => isColumnar(s, table));
  const byRow = sources.filter((s) => !columnar.includes(s));
  const view = movingRow<DatasetName>(table);
  const refOf = (i: number): SourceRef => view.moveTo(i).source;
  if (byRow.length > 0) {
    // The row path also tells coarse territories, row by row.
    for (let i = 0; i < table.length; i++) {
      const row = rows ? rows[i]! : view.moveTo(i);
      engine.consume(dataset, row as RowOf[DatasetName], row.source, byRow);
    }
  }
  if (columnar.length === 0) return;
  // The row path also tells coarse territories, row by row.
  const onCoarse = byRow.length === 0 ? engine.options.onCoarse : undefined;
  const axes =
    columnAxes(engine, dataset, table, onCoarse, refOf) ?? rowAxes(engine, dataset, table, view.moveTo, onCoarse);
  const keys = new Map<string, number>();
  let organisations: DimensionAxis | undefined;
  const organisationsOf = () => {
    organisations ??= organisationAxis(engine, dataset, table, view.moveTo);
    return organisations;
  };
  for (const source of columnar) {
    try {
      consumeSource(engine, source, table, view.moveTo, axes, keys, organisationsOf);
    } catch (error) {
      const failed = error instanceof RowFailure ? error : undefined;
      engine.fail(source, failed ? failed.cause : error, refOf(failed?.row ?? 0));
    }
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

function consumeSource(
  engine: Engine,
  source: CompiledSource,
  table: ColumnTable,
  moveTo: (i: number) => RowOf[DatasetName] & { source: SourceRef },
  axes: DimensionAxis[][],
  keys: Map<string, number>,
  organisationsOf: () => DimensionAxis,
): void {
  const def = source.definition as RunnableSource<DatasetName, unknown>;
  const ctx = engine.contextFor(source.indicator);
  const n = table.length;
  const days = (table.columns[String(def.date)] as { days: Int32Array }).days;
  const { from, to } = engine.options.range;
  const first = dayNumber(from);
  const last = dayNumber(to);
  // The declarative conditions first, over columns; the row functions only on the rows they keep.
  const mask = selectRows(table, source.where, ctx);
  const keyColumn = source.distinctColumn ? table.columns[source.distinctColumn] : undefined;
  const valueColumn = source.valueColumn ? table.columns[source.valueColumn] : undefined;
  // A distinct count of a dictionary-coded column counts its codes: no string per row.
  let distinctKeys = source.distinct && keyColumn?.type === 'dict' ? keyColumn.codes : null;
  // dictSize: the number of codes, without decoding ten million ids into strings.
  let keyCount = keyColumn?.type === 'dict' ? dictSize(keyColumn) : 0;
  let values =
    !source.distinct && (valueColumn?.type === 'cents' || valueColumn?.type === 'number') ? valueColumn.values : null;
  const keyByRow = source.distinct && !distinctKeys;
  const valueByRow = !source.distinct && def.value !== undefined && !values;
  if (keyByRow) distinctKeys = new Int32Array(n).fill(-1);
  if (valueByRow) values = new Float64Array(n);
  const rowFilter = source.rowFilter;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    const day = days[i]!;
    if (!rowFilter && (day < first || day > last)) {
      mask[i] = 0;
      continue;
    }
    if (!rowFilter && !keyByRow && !valueByRow) {
      if (distinctKeys && distinctKeys[i]! < 0) mask[i] = 0; // an empty key counts nobody
      continue;
    }
    const row = moveTo(i);
    try {
      if (rowFilter && !rowFilter(row, ctx)) {
        mask[i] = 0;
        continue;
      }
      // Undated and out-of-range rows add nothing (periodAxis drops them too); skip their contribution.
      if (day < first || day > last) {
        mask[i] = 0;
        continue;
      }
      if (keyByRow) {
        const text = def.distinct!(row, ctx);
        if (text === undefined) {
          mask[i] = 0;
          continue;
        }
        let key = keys.get(text);
        if (key === undefined) {
          key = keys.size;
          keys.set(text, key);
        }
        distinctKeys![i] = key;
      } else if (distinctKeys && distinctKeys[i]! < 0) {
        mask[i] = 0;
      } else if (valueByRow) {
        values![i] = engine.checkedValue(def.value!(row, ctx), row.source);
      }
    } catch (error) {
      throw new RowFailure(i, error);
    }
  }
  if (keyByRow) keyCount = keys.size;
  // With a reporting entity, a flow also carries each organisation's part, its rows taken at their year's end.
  const parts =
    source.indicator.attribution && engine.options.context.reportingEntity !== undefined
      ? attributionParts(mask, days, organisationsOf(), to)
      : undefined;
  engine.states.forEach((state, s) => {
    const unknownMask = engine.unknownMaskOf(source, s);
    const planAxes: Axis[] = axes[s]!.map((axis, d) => ({
      codes: unknownMask?.[d] ? asUnknown(axis.codes) : axis.codes,
      size: axis.values.length,
    }));
    const periods = state.periods.map((p) => ({ start: dayNumber(p.start), end: dayNumber(p.end) }));
    planAxes.push(periodAxis(days, periods, { start: first, end: last }, mask));
    const index = indexCells(planAxes, mask);
    const reach = reachOf(index);
    const totals = distinctKeys
      ? countDistinct(index, reach, distinctKeys, keyCount)
      : rollUp(sumByFinest(index, values), reach);
    const cellParts = parts ? partsByCell(index, reach, parts, values) : undefined;
    reach.cells.forEach((tuple, c) => {
      const cell = engine.cellOf(state, stateCodes(state, axes[s]!, tuple));
      if (cellParts) engine.addParts(state, source, cell, totals[c]!, cellParts[c]!);
      else engine.addTotal(state, source, cell, totals[c]!);
    });
  });
}

/** Per selected row, its attribution part (an organisation and its year's end), numbered; -1: no organisation. */
interface RowParts {
  ofRow: Int32Array;
  keys: string[];
}

function attributionParts(mask: RowMask, days: Int32Array, organisations: DimensionAxis, rangeEnd: string): RowParts {
  const ofRow = new Int32Array(mask.length).fill(-1);
  const keys: string[] = [];
  const numbered = new Map<string, number>();
  // A row's year-end day (attribution.ts yearEndDate), worked out once per day.
  const yearEnds = new Map<number, string>();
  const byOrganisation = new Map<number, Map<string, number>>();
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const org = organisations.codes[i]!;
    if (org < 0) continue;
    const day = days[i]!;
    let yearEnd = yearEnds.get(day);
    if (yearEnd === undefined) {
      yearEnd = yearEndDate(isoDay(day), rangeEnd);
      yearEnds.set(day, yearEnd);
    }
    let ofOrganisation = byOrganisation.get(org);
    if (!ofOrganisation) {
      ofOrganisation = new Map();
      byOrganisation.set(org, ofOrganisation);
    }
    let part = ofOrganisation.get(yearEnd);
    if (part === undefined) {
      const key = attributionKey(organisations.values[org]!, yearEnd);
      part = numbered.get(key) ?? keys.length;
      if (part === keys.length) {
        numbered.set(key, part);
        keys.push(key);
      }
      ofOrganisation.set(yearEnd, part);
    }
    ofRow[i] = part;
  }
  return { ofRow, keys };
}

/**
 * Per reached cell, its parts' sums, in the order rows first bring each part to the cell (the order
 * the row path would insert them): rows are summed per finest cell and part, then lifted.
 */
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
