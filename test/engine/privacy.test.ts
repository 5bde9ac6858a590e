import { beforeEach, describe, expect, it } from 'vitest';
import contributingCompanies from '../../indicators/finance/contributing_companies.js';
import qpvShare from '../../indicators/territory/qpv_share.js';
import youthReached from '../../indicators/youth/reached.js';
import { cellId } from '../../src/engine/cells.js';
import { type CompiledIndicator, compileIndicator } from '../../src/engine/compiled.js';
import type { CellValue, IndicatorValues } from '../../src/engine/finalize.js';
import { suppressInputCounts, suppressSmallCounts } from '../../src/engine/privacy.js';

const params = {
  youth_age: [16, 25],
  mobility_levels: ['severe', 'fragile', 'autonomous'],
  precarity_threshold: 'fragile',
};
const RANGE = '2024-01-01/2025-12-31';

// Compiled in each test, not at import, so that StrykerJS sees which tests cover compileIndicator.
let people: CompiledIndicator;
let platforms: CompiledIndicator;
beforeEach(() => {
  people = compileIndicator(
    {
      id: 'test.people',
      kind: 'unique',
      title: { en: 'People', fr: 'Personnes' },
      description: { en: 'People', fr: 'Personnes' },
      unit: { en: 'people', fr: 'personnes' },
      dataset: 'beneficiaries',
      date: 'entry_date',
      distinct: (row: { beneficiary_id: string }) => row.beneficiary_id,
    } as never,
    'test',
    params,
  );
  platforms = compileIndicator(
    {
      id: 'test.platforms',
      kind: 'flow',
      title: { en: 'Platforms', fr: 'Plateformes' },
      description: { en: 'Platforms', fr: 'Plateformes' },
      unit: { en: 'platforms', fr: 'plateformes' },
      dataset: 'sites',
      date: 'opened_on',
    } as never,
    'test',
    params,
  );
});

/** A territory × period grid written out by hand: rows A, B, C and FR (the margin); columns 2024, 2025 and the range. */
function grid(table: Record<string, [number, number, number]>): IndicatorValues {
  const values: IndicatorValues = new Map();
  for (const [territory, [y2024, y2025, total]] of Object.entries(table)) {
    for (const [period, value] of [
      ['2024', y2024],
      ['2025', y2025],
      [RANGE, total],
    ] as const) {
      const keys = [territory, period];
      const margin = [territory === 'FR', period === RANGE];
      values.set(cellId(keys, margin), { keys, margin, value });
    }
  }
  return values;
}

const at = (values: IndicatorValues, territory: string, period: string): CellValue =>
  values.get(cellId([territory, period], [territory === 'FR', period === RANGE]))!;

describe('small-count suppression', () => {
  it('hides a people count below k and enough other cells that it cannot be recomputed from a margin', () => {
    //            2024  2025  range
    // dep:A        2    10     12
    // dep:B        8     9     17
    // dep:C       20    30     50
    // FR          30    49     79
    const values = grid({
      'dep:A': [2, 10, 12],
      'dep:B': [8, 9, 17],
      'dep:C': [20, 30, 50],
      FR: [30, 49, 79],
    });
    suppressSmallCounts(new Map([[people, values]]), 5);
    const hidden = [...values.values()].filter((c) => c.suppressed).map((c) => c.keys.join(' '));
    // Primary: A-2024 (2 < 5). Column 2024: the next smallest is B-2024 (8). Row A: A-2025 (10).
    // Row B now has one hidden cell: B-2025 (9). Column 2025 then holds A and B hidden: done.
    expect(hidden.sort()).toEqual(['dep:A 2024', 'dep:A 2025', 'dep:B 2024', 'dep:B 2025']);
    expect(at(values, 'dep:A', '2024')).toMatchObject({ value: null, suppressed: true });
    // Every line (row or column with its margin) that holds a hidden cell holds at least two.
    for (let dim = 0; dim < 2; dim++) {
      const lines = new Map<string, CellValue[]>();
      for (const cell of values.values()) {
        const key = cell.keys.filter((_, i) => i !== dim).join();
        lines.set(key, [...(lines.get(key) ?? []), cell]);
      }
      for (const line of lines.values()) {
        const members = line.filter((c) => c.keys[dim] !== (dim === 0 ? 'FR' : RANGE));
        const n = members.filter((c) => c.suppressed).length;
        expect(n === 0 || n >= 2).toBe(true);
      }
    }
    // The margins stay published.
    expect(at(values, 'FR', '2024').value).toBe(30);
    expect(at(values, 'dep:A', RANGE).value).toBe(12);
  });

  it('hides the margin itself when no other cell of the line can hide the small one', () => {
    // Only dep:A has people: FR 2024 would equal A 2024.
    const values = grid({ 'dep:A': [3, 0, 3], FR: [3, 0, 3] });
    suppressSmallCounts(new Map([[people, values]]), 5);
    expect(at(values, 'dep:A', '2024').suppressed).toBe(true);
    expect(at(values, 'FR', '2024').suppressed).toBe(true);
    expect(at(values, 'dep:A', RANGE).suppressed).toBe(true);
    expect(at(values, 'FR', RANGE).suppressed).toBe(true);
    // Zeros are not disclosive and stay.
    expect(at(values, 'dep:A', '2025').value).toBe(0);
  });

  it('leaves counts that are not people, and every count when min_count is 0', () => {
    const flows = grid({ 'dep:A': [1, 1, 2], FR: [1, 1, 2] });
    const counts = grid({ 'dep:A': [1, 1, 2], FR: [1, 1, 2] });
    suppressSmallCounts(new Map([[platforms, flows]]), 5);
    suppressSmallCounts(new Map([[people, counts]]), 0);
    expect([...flows.values(), ...counts.values()].some((c) => c.suppressed)).toBe(false);
  });
});

// Each test below pins one rule of INDICATORS.md "Published numbers and privacy" (or of the
// complementary suppression above) that a planted bug would break.
const builtIn = (definition: unknown) => compileIndicator(definition as never, 'built-in', params);
const hiddenKeys = (values: IndicatorValues) =>
  [...values.values()]
    .filter((c) => c.suppressed)
    .map((c) => c.keys.join(' '))
    .sort();

describe('which counts are people counts', () => {
  it('a distinct count over beneficiaries and metrics (youth.reached) is; a distinct count of companies is not', () => {
    const young = grid({ 'dep:A': [3, 0, 3], 'dep:B': [20, 0, 20], FR: [23, 0, 23] });
    const companies = grid({ 'dep:A': [3, 0, 3], 'dep:B': [20, 0, 20], FR: [23, 0, 23] });
    suppressSmallCounts(
      new Map([
        [builtIn(youthReached), young],
        [builtIn(contributingCompanies), companies],
      ]),
      5,
    );
    expect(at(young, 'dep:A', '2024').suppressed).toBe(true);
    expect([...companies.values()].some((c) => c.suppressed)).toBe(false);
  });

  it('a flow over beneficiaries is not a distinct count of people', () => {
    const entries = compileIndicator(
      {
        id: 'test.entries',
        kind: 'flow',
        title: { en: 'Entries', fr: 'Entrées' },
        description: { en: 'Entries', fr: 'Entrées' },
        unit: { en: 'entries', fr: 'entrées' },
        dataset: 'beneficiaries',
        date: 'entry_date',
      } as never,
      'test',
      params,
    );
    const values = grid({ 'dep:A': [3, 0, 3], FR: [3, 0, 3] });
    suppressSmallCounts(new Map([[entries, values]]), 5);
    expect(hiddenKeys(values)).toEqual([]);
  });
});

describe('complementary suppression picks the next smallest non-zero cell of the line', () => {
  // One period only (2024 = the range): the line is the column of territories.
  const column = (cells: [string, number][]): IndicatorValues => {
    const values: IndicatorValues = new Map();
    for (const [territory, value] of cells) {
      for (const period of ['2024', RANGE]) {
        const keys = [territory, period];
        const margin = [territory === 'FR', period === RANGE];
        values.set(cellId(keys, margin), { keys, margin, value });
      }
    }
    return values;
  };
  const run = (cells: [string, number][]) => {
    const values = column(cells);
    suppressSmallCounts(new Map([[people, values]]), 5);
    return hiddenKeys(values).filter((k) => k.endsWith(' 2024'));
  };

  it('skips zeros and cells listed first: A 2 hidden, B 20, C 0, D 10 -> D', () => {
    expect(
      run([
        ['dep:A', 2],
        ['dep:B', 20],
        ['dep:C', 0],
        ['dep:D', 10],
        ['FR', 32],
      ]),
    ).toEqual(['dep:A 2024', 'dep:D 2024']);
  });

  it('breaks a tie by the cell keys, whichever comes first: B and C at 10 -> B', () => {
    const cells: [string, number][] = [
      ['dep:A', 2],
      ['dep:B', 10],
      ['dep:C', 10],
      ['FR', 22],
    ];
    expect(run(cells)).toEqual(['dep:A 2024', 'dep:B 2024']);
    expect(run([cells[0]!, cells[2]!, cells[1]!, cells[3]!])).toEqual(['dep:A 2024', 'dep:B 2024']);
  });

  it('hides a cell rather than the total when they are equal (people of A all seen in B too)', () => {
    expect(
      run([
        ['dep:A', 3],
        ['dep:B', 10],
        ['FR', 10],
      ]),
    ).toEqual(['dep:A 2024', 'dep:B 2024']);
  });

  it('repeats until no line holds a lone hidden cell', () => {
    //            2024  2025  range
    // dep:A       10     2     12
    // dep:B        0     8      8
    // dep:C       20    30     50
    // FR          30    40     70
    // Columns first: 2025 holds A (2 < 5) alone -> B 2025 (8). Then rows: row A -> A 2024 (10); row B
    // has no other non-zero cell -> its total B range. Second pass: column 2024 now holds A alone
    // (B's 0 is no help) -> C 2024 (20); the range column holds B alone -> A range (12). Row C then
    // holds C 2024 alone -> C 2025 (30). Third pass: every line holds 0 or at least 2 hidden cells.
    const values = grid({
      'dep:A': [10, 2, 12],
      'dep:B': [0, 8, 8],
      'dep:C': [20, 30, 50],
      FR: [30, 40, 70],
    });
    suppressSmallCounts(new Map([[people, values]]), 5);
    expect(hiddenKeys(values)).toEqual(
      ['dep:A 2024', 'dep:A 2025', `dep:A ${RANGE}`, 'dep:B 2025', `dep:B ${RANGE}`, 'dep:C 2024', 'dep:C 2025'].sort(),
    );
  });

  it('leaves an indicator without cells alone', () => {
    const empty: IndicatorValues = new Map();
    expect(() => suppressSmallCounts(new Map([[people, empty]]), 5)).not.toThrow();
  });
});

describe('a ratio is hidden when either part is', () => {
  let ratio: CompiledIndicator;
  beforeEach(() => {
    ratio = builtIn(qpvShare);
  });
  const withParts = (num: IndicatorValues | undefined, den: IndicatorValues | undefined) => {
    const values = grid({ 'dep:A': [0.5, 0, 0.5], 'dep:B': [0.5, 0, 0.5], FR: [0.5, 0, 0.5] });
    const results = new Map<CompiledIndicator, IndicatorValues>([[ratio, values]]);
    const [numerator, denominator] = ratio.parts;
    if (num) results.set(numerator!, num);
    if (den) results.set(denominator!, den);
    suppressSmallCounts(results, 5);
    return values;
  };
  const big = () => grid({ 'dep:A': [10, 0, 10], 'dep:B': [10, 0, 10], FR: [20, 0, 20] });
  const smallA = () => grid({ 'dep:A': [3, 0, 3], 'dep:B': [3, 0, 3], FR: [6, 0, 6] });

  it('stays when both parts are published', () => {
    expect(hiddenKeys(withParts(big(), big()))).toEqual([]);
  });

  it('goes with its numerator alone, or its denominator alone', () => {
    expect(at(withParts(smallA(), big()), 'dep:A', '2024')).toMatchObject({
      value: null,
      suppressed: true,
      numerator: null,
      denominator: null,
    });
    expect(at(withParts(big(), smallA()), 'dep:B', '2024').suppressed).toBe(true);
  });

  it('stays when a part was not computed, or lacks the cell', () => {
    expect(hiddenKeys(withParts(undefined, big()))).toEqual([]);
    expect(hiddenKeys(withParts(new Map(), big()))).toEqual([]);
  });
});

/** Files of beneficiaries with their rows and rejected rows; what suppressInputCounts publishes of each. */
const files = (...counts: [number, number][]) =>
  counts.map(([rows, rejected], i) => ({ dataset: 'beneficiaries', file: `${'abc'[i]}.csv`, rows, rejected }));
const shown = (result: ReturnType<typeof suppressInputCounts>) => ({
  files: result.inputs.map((i) => [i.rows, i.rejected]),
  totals: [result.rowsHidden, result.rejectedHidden],
});

describe('counts that are not cells: the inputs’ rows, rejected rows and rows used', () => {
  it('hides a small file, then the next smallest beside it, and keeps the total', () => {
    // 3 rows < 10 are hidden; 33 − 10 − 20 would give them back, so the smallest other non-zero, 10, goes too.
    expect(shown(suppressInputCounts(files([10, 0], [3, 0], [20, 0]), 10))).toEqual({
      files: [
        [null, 0],
        [null, 0],
        [20, 0],
      ],
      totals: [false, false],
    });
  });

  it('hides the total when no other count can hide beside the small one', () => {
    // One file of 1 row: the total of rows is that file's count, so it goes with it.
    expect(shown(suppressInputCounts(files([1, 0]), 10))).toEqual({ files: [[null, 0]], totals: [true, false] });
  });

  it('publishes a count equal to min_count, zeros, and everything when min_count is 0', () => {
    expect(shown(suppressInputCounts(files([10, 0], [0, 0]), 10))).toEqual({
      files: [
        [10, 0],
        [0, 0],
      ],
      totals: [false, false],
    });
    expect(shown(suppressInputCounts(files([9, 4]), 0))).toEqual({ files: [[9, 4]], totals: [false, false] });
  });

  it('hides the rejected rows when the rows used (rows − rejected) are too few', () => {
    // 15 rows, 10 rejected: both are at least 10, but 15 − 10 = 5 people used. The rejected count
    // goes beside them (the smallest other count in the file's line), and the total of rejected rows
    // with it (10 − 0 others); the 15 rows stay, and 15 − ? tells nothing.
    const result = suppressInputCounts(files([15, 10]), 10);
    expect(shown(result)).toEqual({ files: [[15, null]], totals: [false, true] });
    expect(result.inputs[0]?.suppressed).toBe(true);
  });

  it('hides the file used beside it too, when the totals would give the rows used back', () => {
    // a: 15 rows, 10 rejected, 5 used; b: 30 rows, none rejected. Hidden in turn: a's rejected
    // rows (a's line: 15 − 10 = 5 used), b's rows used (the line of rows used: 35 − 30 = 5), the
    // total of rejected rows (10 − 0), b's rows (30 − 0 = b's rows used), a's rows (45 − 30 in the
    // line of rows), and the total of rows used (45 − 10). The 45 rows in all stay: 45 − ? − ? tells nothing.
    expect(shown(suppressInputCounts(files([15, 10], [30, 0]), 10))).toEqual({
      files: [
        [null, null],
        [null, 0],
      ],
      totals: [false, true],
    });
  });

  it('hides the total of the files of people when it is small itself', () => {
    // 2 + 3 = 5 rows < 10: both files hidden, and the total, which is a count of people too. 12
    // rows with 1 rejected: the rows are published, the rejected row is not, and the entry says so.
    const { inputs, rowsHidden, rejectedHidden } = suppressInputCounts(
      [
        { dataset: 'beneficiaries', file: 'a.csv', rows: 2, rejected: 0 },
        { dataset: 'beneficiaries', file: 'b.csv', rows: 3, rejected: 0 },
      ],
      10,
    );
    expect(inputs.map((i) => i.rows)).toEqual([null, null]);
    expect([rowsHidden, rejectedHidden]).toEqual([true, false]);
    const one = suppressInputCounts([{ dataset: 'beneficiaries', file: 'c.csv', rows: 12, rejected: 1 }], 10);
    expect(one.inputs).toEqual([
      { dataset: 'beneficiaries', file: 'c.csv', rows: 12, rejected: null, suppressed: true },
    ]);
    expect([one.rowsHidden, one.rejectedHidden]).toEqual([false, true]);
  });

  it('applies to the files of people only, rows and rejected rows as two lines', () => {
    // beneficiaries: a.csv 12 rows (0 rejected), b.csv 4 rows (1 rejected); sites: 3 rows (1 rejected).
    // Rows: 4 hidden, then 12 beside it; the total 16 stays. Rejected: 1 hidden, no other non-zero
    // file of people, so the total goes. The sites file is not people: published whatever its size.
    const { inputs, rowsHidden, rejectedHidden } = suppressInputCounts(
      [
        { dataset: 'beneficiaries', file: 'a.csv', rows: 12, rejected: 0 },
        { dataset: 'beneficiaries', file: 'b.csv', rows: 4, rejected: 1 },
        { dataset: 'sites', file: 's.csv', rows: 3, rejected: 1 },
      ],
      10,
    );
    expect(inputs).toEqual([
      { dataset: 'beneficiaries', file: 'a.csv', rows: null, rejected: 0, suppressed: true },
      { dataset: 'beneficiaries', file: 'b.csv', rows: null, rejected: null, suppressed: true },
      { dataset: 'sites', file: 's.csv', rows: 3, rejected: 1 },
    ]);
    expect([rowsHidden, rejectedHidden]).toEqual([false, true]);
  });
});
