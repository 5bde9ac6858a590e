// Stocks over columns (issue 8): a stock is evaluated on the last day of each period (and of the
// whole range), never summed across periods. A row is active at day D when its start day is on or
// before D and its end day, if any, is after D (a site closed on D no longer counts on D). The mask
// of rows active at each period end then goes through the same cells, sums and distinct counts.
import { MISSING_DAY } from '../../data/columns.js';
import type { RowMask } from './predicates.js';

/** Rows of `mask` active at `day`: started on or before it, not ended on or before it. */
export function activeAt(start: Int32Array, end: Int32Array | null, day: number, mask: RowMask): RowMask {
  const active = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const s = start[i]!;
    if (s === MISSING_DAY || s > day) continue;
    const e = end === null ? MISSING_DAY : end[i]!;
    if (e !== MISSING_DAY && e <= day) continue;
    active[i] = 1;
  }
  return active;
}
