// Distinct counts over columns (issue 8): people (or organisations) are counted afresh in every
// cell, margins included, never by summing child cells. The selected rows are grouped by key with
// one counting sort (keys are dense dictionary codes, so this is a one-digit radix sort); then,
// key after key, each cell its rows reach is counted once, a cell remembering the last key it
// counted. No pair is packed or sorted, and the work grows with rows × cells reached per row.
import type { CellIndex, CellReach } from './cell-index.js';

/**
 * Per reached cell: the number of distinct `keys` among its rows (keys < 0 are missing: not counted).
 * `keyCount` bounds the key codes (the dictionary's size).
 */
export function countDistinct(
  index: CellIndex,
  reach: CellReach,
  keys: Int32Array | Int16Array | Int8Array,
  keyCount: number,
): Float64Array {
  const { rowCell } = index;
  // starts[k] .. starts[k + 1]: where key k's rows go in `finestOfRow`.
  const starts = new Int32Array(keyCount + 1);
  for (let i = 0; i < rowCell.length; i++) if (rowCell[i]! >= 0 && keys[i]! >= 0) starts[keys[i]! + 1]! += 1;
  for (let k = 0; k < keyCount; k++) starts[k + 1]! += starts[k]!;
  const next = starts.slice(0, keyCount);
  const finestOfRow = new Int32Array(starts[keyCount]!);
  for (let i = 0; i < rowCell.length; i++) {
    const cell = rowCell[i]!;
    const key = keys[i]!;
    if (cell >= 0 && key >= 0) finestOfRow[next[key]!++] = cell;
  }
  const { offsets, reached } = reach;
  const counts = new Float64Array(reach.cells.length);
  // The last key each cell (and each finest cell) counted: a person seen twice in a cell counts once.
  const lastInCell = new Int32Array(reach.cells.length).fill(-1);
  const lastInFinest = new Int32Array(index.finest.length).fill(-1);
  for (let k = 0; k < keyCount; k++) {
    for (let j = starts[k]!; j < starts[k + 1]!; j++) {
      const f = finestOfRow[j]!;
      if (lastInFinest[f] === k) continue;
      lastInFinest[f] = k;
      for (let r = offsets[f]!; r < offsets[f + 1]!; r++) {
        const cell = reached[r]!;
        if (lastInCell[cell] !== k) {
          lastInCell[cell] = k;
          counts[cell]! += 1;
        }
      }
    }
  }
  return counts;
}
