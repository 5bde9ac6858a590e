// Flows over columns (issue 8): each selected row adds its value (or 1) to its finest cell in a
// Float64Array, and each finest cell's sum is added once to every cell it reaches. Money is
// integer cents, so every sum is exact below 2^53 whatever the order; a margin is the sum of the
// rows it covers because it is the sum of the finest cells those rows fall in.
import type { CellIndex, CellReach } from './cell-index.js';

/** Per finest cell: the sum of `values` (1 per row when null) over its rows; NaN values add nothing. */
export function sumByFinest(index: CellIndex, values: Float64Array | Float32Array | null): Float64Array {
  const sums = new Float64Array(index.finest.length);
  const { rowCell } = index;
  for (let i = 0; i < rowCell.length; i++) {
    const cell = rowCell[i]!;
    if (cell < 0) continue;
    if (values === null) sums[cell]! += 1;
    else {
      const v = values[i]!;
      if (!Number.isNaN(v)) sums[cell]! += v;
    }
  }
  return sums;
}

/** Per reached cell: the sum of the finest cells that reach it. */
export function rollUp(
  finestSums: Float64Array,
  reach: CellReach,
  into = new Float64Array(reach.cells.length),
): Float64Array {
  const { offsets, reached } = reach;
  for (let f = 0; f < finestSums.length; f++) {
    const s = finestSums[f]!;
    if (s === 0) continue;
    for (let k = offsets[f]!; k < offsets[f + 1]!; k++) into[reached[k]!]! += s;
  }
  return into;
}
