// Small-count suppression (privacy.min_count = k): a count of people between 1 and k-1 is
// hidden in every output, and so is any ratio built on a hidden part. Counts are treated as
// additive along every dimension, so a lone hidden cell in a line (the cells that differ only
// in one dimension, with that dimension's total) could be recomputed as total − the others:
// complementary suppression hides the next smallest non-zero cell of that line (or, failing
// one, the total itself), repeated until no line has exactly one hidden cell.
import type { CompiledIndicator } from './compiled.js';
import type { CellValue, IndicatorValues } from './finalize.js';

/** People counts: distinct counts over beneficiaries (a plug-in's included). */
export function countsPeople(indicator: CompiledIndicator): boolean {
  return indicator.kind === 'unique' && indicator.sources.some((s) => s.dataset === 'beneficiaries');
}

const isSmall = (cell: CellValue, k: number): boolean => cell.value !== null && cell.value > 0 && cell.value < k;

function hide(cell: CellValue): void {
  cell.suppressed = true;
  cell.value = null;
  delete cell.attributable;
}

/** Complementary suppression over the cells of one indicator (a line's total is its cell at the margin of `dim`). */
function complement(values: IndicatorValues): void {
  const cells = [...values.values()];
  const dimensions = cells[0]?.keys.length ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (let dim = 0; dim < dimensions; dim++) {
      const lines = new Map<string, CellValue[]>();
      for (const cell of cells) {
        // The cell's identity without `dim` (JSON keeps margins, unknowns and values apart).
        const key = JSON.stringify(cell.keys.map((k, i) => (i === dim ? 0 : cell.margin[i] ? 1 : [k])));
        const line = lines.get(key);
        if (line) line.push(cell);
        else lines.set(key, [cell]);
      }
      for (const line of lines.values()) {
        const total = line.find((c) => c.margin[dim]);
        const members = line.filter((c) => c !== total);
        const hidden = members.filter((c) => c.suppressed);
        if (hidden.length !== 1 || !total || total.suppressed) continue;
        const candidates = members
          .filter((c) => !c.suppressed && c.value !== null && c.value > 0)
          .sort(
            (a, b) =>
              (a.value as number) - (b.value as number) || (JSON.stringify(a.keys) < JSON.stringify(b.keys) ? -1 : 1),
          );
        hide(candidates[0] ?? total);
        changed = true;
      }
    }
  }
}

export function suppressSmallCounts(results: Map<CompiledIndicator, IndicatorValues>, minCount: number): void {
  if (minCount <= 0) return;
  const byId = new Map([...results.keys()].map((i) => [i.id, i]));
  for (const [indicator, values] of results) {
    if (!countsPeople(indicator)) continue;
    for (const cell of values.values()) if (isSmall(cell, minCount)) hide(cell);
    complement(values);
  }
  for (const [indicator, values] of results) {
    if (indicator.kind !== 'ratio') continue;
    const parts = [indicator.numerator, indicator.denominator].map((id) =>
      id ? results.get(byId.get(id)!) : undefined,
    );
    for (const [key, cell] of values) {
      if (parts.some((part) => part?.get(key)?.suppressed)) {
        hide(cell);
        cell.numerator = null;
        cell.denominator = null;
        delete cell.note;
      }
    }
  }
}
