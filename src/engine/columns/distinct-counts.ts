// Distinct counts over columns (issue 8): people (or organisations) are counted afresh in every
// cell, margins included, never by summing child cells. Each selected row's (finest cell, key) pair
// is packed into one integer and the pairs are sorted and deduplicated once; then, per cell a pair
// reaches, the distinct keys of that cell are the distinct packed (cell, key) integers. Keys are
// codes of a dictionary column, so packing is exact: cell × keys + key stays below 2^53.
import type { CellIndex, CellReach } from './cell-index.js';

function sortedUnique(values: Float64Array): Float64Array {
  values.sort();
  let kept = 0;
  for (let i = 0; i < values.length; i++) if (kept === 0 || values[i] !== values[kept - 1]) values[kept++] = values[i]!;
  return values.subarray(0, kept);
}

/**
 * Per reached cell: the number of distinct `keys` among its rows (keys < 0 are missing: not counted).
 * `keyCount` bounds the key codes (the dictionary's size).
 */
export function countDistinct(index: CellIndex, reach: CellReach, keys: Int32Array, keyCount: number): Float64Array {
  const { rowCell } = index;
  const width = Math.max(1, keyCount);
  let n = 0;
  for (let i = 0; i < rowCell.length; i++) if (rowCell[i]! >= 0 && keys[i]! >= 0) n++;
  const pairs = new Float64Array(n);
  n = 0;
  for (let i = 0; i < rowCell.length; i++) {
    const cell = rowCell[i]!;
    const key = keys[i]!;
    if (cell >= 0 && key >= 0) pairs[n++] = cell * width + key;
  }
  // Finest (cell, key) pairs, each once: a person seen twice in one cell is one pair.
  const finestPairs = sortedUnique(pairs);
  const { offsets, reached } = reach;
  let total = 0;
  for (let p = 0; p < finestPairs.length; p++) {
    const f = Math.floor(finestPairs[p]! / width);
    total += offsets[f + 1]! - offsets[f]!;
  }
  // The same pairs lifted to every cell they reach, then deduplicated there.
  const lifted = new Float64Array(total);
  let k = 0;
  for (let p = 0; p < finestPairs.length; p++) {
    const packed = finestPairs[p]!;
    const f = Math.floor(packed / width);
    const key = packed - f * width;
    for (let r = offsets[f]!; r < offsets[f + 1]!; r++) lifted[k++] = reached[r]! * width + key;
  }
  const unique = sortedUnique(lifted);
  const counts = new Float64Array(reach.cells.length);
  for (let u = 0; u < unique.length; u++) counts[Math.floor(unique[u]! / width)]! += 1;
  return counts;
}
