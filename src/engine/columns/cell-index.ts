// Which cell each row falls in, over columns (issue 8, "cells as integers"): every breakdown
// dimension is an axis of integer codes per row — a value's code (≥ 0), UNKNOWN_CODE when the data
// leaves it empty, MARGIN when the dimension does not apply — and the period is one more axis.
// Each selected row gets the index of its finest cell once (an Int32Array); each finest cell then
// lists the cells it reaches (itself, every margin, the grand total, without duplicates), so
// sums and counts never look at a string again.
import { cellTuples, MARGIN, UNKNOWN_CODE } from '../cells.js';
import type { RowMask } from './predicates.js';

export interface Axis {
  /** Per row: a value code in [0, size), UNKNOWN_CODE, or MARGIN (the dimension does not apply). */
  codes: Int32Array | Int16Array | Int8Array;
  /** Number of distinct value codes. */
  size: number;
}

export interface CellIndex {
  /** Per row: its finest cell, or -1 when the row is not selected. */
  rowCell: Int32Array;
  /** Per finest cell: its code on each axis. */
  finest: number[][];
}

export interface CellReach {
  /** Every cell reached (finest cells, margins, the grand total), as code tuples; MARGIN marks a margin. */
  cells: number[][];
  /** Cells reached by finest cell f: reached[offsets[f] .. offsets[f + 1]). */
  offsets: Int32Array;
  reached: Int32Array;
}

/** Ranges up to this many days find a day's period in a table (four bytes a day). */
const DAYS_TABLE = 1 << 16;

/** Up to this many possible keys (4 MiB of Int32), finest cells are numbered through an array, not a map. */
const DENSE_KEYS = 1 << 20;

/** The finest cell of every selected row (axes with as many rows as the mask). */
export function indexCells(axes: readonly Axis[], mask: RowMask): CellIndex {
  const n = mask.length;
  const rowCell = new Int32Array(n).fill(-1);
  const finest: number[][] = [];
  const byKey = new Map<number, number>();
  // Mixed radix: value codes, then UNKNOWN at `size`, MARGIN at `size + 1`. Exact below 2^53,
  // which holds for any breakdown a report can print.
  const radix = axes.map((a) => a.size + 2);
  // While the keys are few (départements × years: about a thousand), cells are found by key in an
  // array: a map look-up per row was half of this pass at a million rows in no order.
  const keySpace = radix.reduce((product, r) => product * r, 1);
  const dense = keySpace <= DENSE_KEYS ? new Int32Array(keySpace).fill(-1) : null;
  let lastKey = -1;
  let lastCell = -1;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    let key = 0;
    for (let a = 0; a < axes.length; a++) {
      const code = axes[a]!.codes[i]!;
      const digit = code >= 0 ? code : code === UNKNOWN_CODE ? axes[a]!.size : axes[a]!.size + 1;
      key = key * radix[a]! + digit;
    }
    // Rows of one cell often come together (a site's rows, a year's rows): skip the look-up then.
    if (key !== lastKey) {
      let cell = dense ? dense[key]! : (byKey.get(key) ?? -1);
      if (cell < 0) {
        cell = finest.length;
        if (dense) dense[key] = cell;
        else byKey.set(key, cell);
        finest.push(axes.map((a) => a.codes[i]!));
      }
      lastKey = key;
      lastCell = cell;
    }
    rowCell[i] = lastCell;
  }
  return { rowCell, finest };
}

/** The cells each finest cell reaches; `known` numbers cells across calls (several sources, one grid). */
export function reachOf(index: CellIndex, known: Map<string, number> = new Map(), cells: number[][] = []): CellReach {
  const offsets = new Int32Array(index.finest.length + 1);
  const reached: number[] = [];
  index.finest.forEach((codes, f) => {
    for (const tuple of cellTuples(codes)) {
      const key = tuple.join();
      let cell = known.get(key);
      if (cell === undefined) {
        cell = cells.length;
        known.set(key, cell);
        cells.push(tuple);
      }
      reached.push(cell);
    }
    offsets[f + 1] = reached.length;
  });
  return { cells, offsets, reached: Int32Array.from(reached) };
}

/**
 * The period axis of a flow: per row the index of the period holding its day, or MARGIN when the
 * plan has no period level; rows outside the range are dropped from `mask`.
 */
export function periodAxis(
  days: Int32Array,
  periods: readonly { start: number; end: number }[],
  range: { start: number; end: number },
  mask: RowMask,
): Axis {
  // One byte a row while the periods are few (years, quarters, months of a decade): a period axis is
  // made per source, and at ten million rows four bytes each is 40 MB more to hold.
  const codes = (periods.length < 127 ? new Int8Array(days.length) : new Int32Array(days.length)).fill(MARGIN);
  // Periods are few and in order: a binary search finds the one holding a day, asked once per day of
  // the range when the range is short enough to hold them all (DAYS_TABLE: 179 years), else per row.
  const periodOf = (d: number): number => {
    let lo = 0;
    let hi = periods.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (periods[mid]!.end < d) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const span = range.end - range.start + 1;
  let byDay: Int32Array | null = null;
  if (periods.length > 0 && span <= DAYS_TABLE) {
    byDay = new Int32Array(span);
    for (let d = 0; d < span; d++) byDay[d] = periodOf(range.start + d);
  }
  for (let i = 0; i < days.length; i++) {
    if (!mask[i]) continue;
    const d = days[i]!;
    if (d < range.start || d > range.end) {
      mask[i] = 0;
      continue;
    }
    if (periods.length === 0) continue;
    codes[i] = byDay ? byDay[d - range.start]! : periodOf(d);
  }
  return { codes, size: periods.length };
}
