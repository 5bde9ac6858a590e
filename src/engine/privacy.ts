// Small-count suppression (privacy.min_count = k): a count of people between 1 and k-1 is
// hidden in every output, and so is any ratio built on a hidden part. Counts are treated as
// additive along every dimension, so a lone hidden cell in a line (the cells that differ only
// in one dimension, with that dimension's total) could be recomputed as total − the others:
// complementary suppression hides the next smallest non-zero cell of that line (or, failing
// one, the total itself), repeated until no line has exactly one hidden cell.
import type { CompiledIndicator } from './compiled.js';
import type { CellValue, IndicatorValues } from './finalize.js';

/** The datasets whose rows are people: a count of their rows is a people count. */
export const PEOPLE_DATASETS: ReadonlySet<string> = new Set(['beneficiaries']);

/** People counts: distinct counts over beneficiaries (a plug-in's included). */
export function countsPeople(indicator: CompiledIndicator): boolean {
  return indicator.kind === 'unique' && indicator.sources.some((s) => PEOPLE_DATASETS.has(s.dataset));
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

export interface InputCounts {
  dataset: string;
  rows: number;
  rejected: number;
}

/** An input's counts as a report publishes them: null (and `suppressed`) where they count too few people. */
export type PublishedInput<T extends InputCounts> = Omit<T, 'rows' | 'rejected'> & {
  rows: number | null;
  rejected: number | null;
  suppressed?: true;
};

/**
 * The inputs' row and rejected counts under privacy.min_count. A file of people (PEOPLE_DATASETS)
 * publishes three people counts, one of them by subtraction: its rows, its rejected rows, and its
 * rows used (rows − rejected). They make a table of cells `used` and `rejected` per file, each
 * file's rows as the margin over the two, and the totals over the files of people as the margin
 * over files, which the report's quality figures give away (`rowsHidden`, `rejectedHidden`): the
 * other datasets' counts are published beside them. Complementary suppression runs over that
 * table as over an indicator's cells, so no small count of used, rejected or read rows is left
 * alone in a line of published numbers.
 */
export function suppressInputCounts<T extends InputCounts>(
  inputs: readonly T[],
  minCount: number,
): { inputs: PublishedInput<T>[]; rowsHidden: boolean; rejectedHidden: boolean } {
  const people = inputs.flatMap((input, i) => (PEOPLE_DATASETS.has(input.dataset) ? [i] : []));
  // keys: [file, part], part 'used' | 'rejected'; the margin over a dimension is its total.
  const table: IndicatorValues = new Map();
  const cell = (file: number | null, part: 'used' | 'rejected' | null): CellValue => {
    const key = `${file ?? '*'}/${part ?? '*'}`;
    let found = table.get(key);
    if (!found) {
      found = { keys: [file === null ? null : String(file), part], margin: [file === null, part === null], value: 0 };
      table.set(key, found);
    }
    return found;
  };
  for (const i of [...people, null]) for (const part of ['used', 'rejected', null] as const) cell(i, part);
  for (const i of people) {
    const { rows, rejected } = inputs[i]!;
    for (const [part, n] of [
      ['used', rows - rejected],
      ['rejected', rejected],
      [null, rows],
    ] as const) {
      cell(i, part).value = n;
      (cell(null, part).value as number) += n;
    }
  }
  if (minCount > 0) {
    for (const c of table.values()) if (isSmall(c, minCount)) hide(c);
    complement(table);
  }
  const hidden = (file: number | null, part: 'used' | 'rejected' | null) => cell(file, part).suppressed === true;
  const published = inputs.map((input, i): PublishedInput<T> => {
    const isPeople = PEOPLE_DATASETS.has(input.dataset);
    const rowsShown = isPeople && hidden(i, null) ? null : input.rows;
    const rejectedShown = isPeople && hidden(i, 'rejected') ? null : input.rejected;
    return {
      ...input,
      rows: rowsShown,
      rejected: rejectedShown,
      ...(rowsShown === null || rejectedShown === null ? { suppressed: true as const } : {}),
    };
  });
  return {
    inputs: published,
    rowsHidden: hidden(null, null),
    rejectedHidden: hidden(null, 'rejected'),
  };
}
