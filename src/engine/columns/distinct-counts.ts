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
  // ends[k]: where key k's rows end in `finestOfRow`; filled from the last row back, each key's slot
  // moves down to where its rows start (ends[k] = start of key k, ends[k + 1] its end): one array, not two.
  const ends = new Int32Array(keyCount + 1);
  for (let i = 0; i < rowCell.length; i++) if (rowCell[i]! >= 0 && keys[i]! >= 0) ends[keys[i]!]! += 1;
  // ends[keyCount] becomes the total (no key has that code), so key k's rows end up [ends[k], ends[k + 1]).
  for (let k = 1; k <= keyCount; k++) ends[k]! += ends[k - 1]!;
  const finestOfRow = new Int32Array(ends[keyCount]!);
  for (let i = rowCell.length - 1; i >= 0; i--) {
    const cell = rowCell[i]!;
    const key = keys[i]!;
    if (cell >= 0 && key >= 0) finestOfRow[--ends[key]!] = cell;
  }
  const starts = ends;
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
