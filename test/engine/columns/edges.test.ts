// The column steps at their edges, on arrays written here: every (value, unknown, margin) pair of
// two axes its own cell, the first row's cell, the range's and the periods' first and last days,
// a plan without periods, more periods than a byte holds, and the rows-to-columns adapter's source
// references, column types and codes. Each expected value is read off the inputs.
import { describe, expect, it } from 'vitest';
import { type DictColumn, dayNumber } from '../../../src/data/columns.js';
import { MARGIN, UNKNOWN_CODE } from '../../../src/engine/cells.js';
import { type Axis, indexCells, periodAxis, reachOf } from '../../../src/engine/columns/cell-index.js';
import { columnsFromRows } from '../../../src/engine/columns/from-rows.js';

const U = UNKNOWN_CODE;
const M = MARGIN;
const axis = (codes: number[], size: number): Axis => ({ codes: Int32Array.from(codes), size });
const ones = (n: number) => new Uint8Array(n).fill(1);

describe('indexCells', () => {
  it('gives every pair of a value, unknown or margin on two axes its own finest cell', () => {
    // Axis A: 2 values; axis B: 3 values. 4 × 5 = 20 pairs, each on one row.
    const a = [0, 1, U, M];
    const b = [0, 1, 2, U, M];
    const pairs = a.flatMap((x) => b.map((y) => [x, y]));
    const index = indexCells(
      [
        axis(
          pairs.map((p) => p[0]!),
          2,
        ),
        axis(
          pairs.map((p) => p[1]!),
          3,
        ),
      ],
      ones(pairs.length),
    );
    expect(index.finest).toEqual(pairs);
    expect([...index.rowCell]).toEqual(pairs.map((_, i) => i));
  });

  it('keeps apart cells whose digits would collide if the key were not a mixed-radix number', () => {
    // Axis A: 3 values (digits 0–4), axis B: none (unknown 0, margin 1). (2, unknown) and
    // (0, margin) are two cells.
    const index = indexCells([axis([2, 0], 3), axis([U, M], 0)], ones(2));
    expect(index.finest).toEqual([
      [2, U],
      [0, M],
    ]);
  });

  it('finds a cell seen before, not only the previous row’s', () => {
    const index = indexCells([axis([0, 1, 0], 2)], ones(3));
    expect([...index.rowCell]).toEqual([0, 1, 0]);
    expect(index.finest).toEqual([[0], [1]]);
  });

  it('places the first row whatever its key, and leaves rows out of the mask in no cell', () => {
    // Key of (1) is 1: the first row is not mistaken for "the previous row's cell".
    const index = indexCells([axis([1, 1, 0, 1], 2)], Uint8Array.from([1, 1, 1, 0]));
    expect([...index.rowCell]).toEqual([0, 0, 1, -1]);
    expect(index.finest).toEqual([[1], [0]]);
  });

  it('numbers cells the same way when the keys are too many for an array (a map then)', () => {
    // 1,100 × 1,000 values: (1,102 × 1,002) possible keys, past the array's 2^20.
    const big = [axis([1099, 0, 1099, U, 5], 1100), axis([999, 0, 999, M, 5], 1000)];
    const index = indexCells(big, ones(5));
    expect(index.finest).toEqual([
      [1099, 999],
      [0, 0],
      [U, M],
      [5, 5],
    ]);
    expect([...index.rowCell]).toEqual([0, 1, 0, 2, 3]);
    // The same rows on small axes (through the array) give the same numbering.
    const small = indexCells([axis([3, 0, 3, U, 1], 4), axis([2, 0, 2, M, 1], 3)], ones(5));
    expect([...small.rowCell]).toEqual([0, 1, 0, 2, 3]);
  });

  it('reaches, from each finest cell, itself and each margin: offsets delimit them', () => {
    const index = indexCells([axis([0, 1], 2), axis([M, M], 0)], ones(2));
    const reach = reachOf(index);
    // (0, M) reaches (0, M) and (M, M); (1, M) reaches (1, M) and (M, M).
    expect([...reach.offsets]).toEqual([0, 2, 4]);
    expect([...reach.reached].map((c) => reach.cells[c])).toEqual([
      [0, M],
      [M, M],
      [1, M],
      [M, M],
    ]);
  });
});

describe('periodAxis', () => {
  const day = dayNumber;
  const RANGE = { start: day('2023-01-01'), end: day('2025-12-31') };
  const YEARS = ['2023', '2024', '2025'].map((y) => ({ start: day(`${y}-01-01`), end: day(`${y}-12-31`) }));

  it('keeps the range’s first and last days, drops the days just outside, and puts a period’s last day in it', () => {
    const days = Int32Array.from(
      [
        '2022-12-31',
        '2023-01-01',
        '2023-12-31',
        '2024-01-01',
        '2024-12-31',
        '2025-12-31',
        '2026-01-01',
        '2024-06-01',
      ].map(day),
    );
    const mask = ones(days.length);
    mask[7] = 0; // not selected: stays out, and in no period
    const period = periodAxis(days, YEARS, RANGE, mask);
    expect([...mask]).toEqual([0, 1, 1, 1, 1, 1, 0, 0]);
    expect([...period.codes]).toEqual([M, 0, 0, 1, 1, 2, M, M]);
    expect(period.size).toBe(3);
  });

  it('without periods, keeps the rows in the range as the period margin', () => {
    const days = Int32Array.from(['2022-12-31', '2023-01-01', '2025-12-31'].map(day));
    const mask = ones(3);
    const period = periodAxis(days, [], RANGE, mask);
    expect([...mask]).toEqual([0, 1, 1]);
    expect([...period.codes]).toEqual([M, M, M]);
    expect(period.size).toBe(0);
  });

  it('finds each day’s period in a range too long for a table of days (two centuries)', () => {
    // 1900-01-01 to 2099-12-31 (73,048 days) by century: 1999-12-31 in the first, 2000-01-01 in the second.
    const long = { start: day('1900-01-01'), end: day('2099-12-31') };
    const centuries = [
      { start: long.start, end: day('1999-12-31') },
      { start: day('2000-01-01'), end: long.end },
    ];
    const days = Int32Array.from(
      ['1899-12-31', '1900-01-01', '1999-12-31', '2000-01-01', '2099-12-31', '2100-01-01'].map(day),
    );
    const mask = ones(days.length);
    const period = periodAxis(days, centuries, long, mask);
    expect([...mask]).toEqual([0, 1, 1, 1, 1, 0]);
    expect([...period.codes]).toEqual([M, 0, 0, 1, 1, M]);
  });

  it('numbers more periods than a byte holds', () => {
    // 200 one-day periods from 2023-01-01: the day 2023-01-01 + 150 is in period 150.
    const periods = Array.from({ length: 200 }, (_, i) => ({ start: RANGE.start + i, end: RANGE.start + i }));
    const period = periodAxis(Int32Array.from([RANGE.start + 150, RANGE.start + 199]), periods, RANGE, ones(2));
    expect([...period.codes]).toEqual([150, 199]);
  });
});

describe('columnsFromRows', () => {
  it('keeps each row’s source (file, line, batch), files once each, and none for a row without one', () => {
    const rows = [0, 1, 2, 3].map((i) => ({
      action_id: `A${i}`,
      type: 'orientation',
      date: '2024-01-01',
      org_id: 'O',
    }));
    const table = columnsFromRows('actions', rows, [
      { file: 'a.csv', line: 2 },
      undefined,
      { file: 'b.csv', line: 7, batch: 3 },
      { file: 'a.csv', line: 9 },
    ]);
    expect(table.source.files).toEqual(['a.csv', 'b.csv']);
    expect([...table.source.file]).toEqual([0, 0, 1, 0]);
    expect([...table.source.line]).toEqual([2, 0, 7, 9]);
    expect([...table.source.batch]).toEqual([0, 0, 3, 0]);
    expect(table.length).toBe(4);
  });

  it('types each column by the schema: days, cents, numbers, enumerations, booleans, dictionaries', () => {
    const table = columnsFromRows('beneficiaries', [
      { beneficiary_id: 'b1', site_id: 'S1', entry_date: '2024-01-02', age: 30, gender: 'm', qpv: true },
      { beneficiary_id: 'b2', site_id: 'S1', entry_date: '2024-01-03', age: '30', gender: 'nobody', qpv: false },
      { beneficiary_id: 'b1', entry_date: '2024-01-04' },
    ]);
    const c = table.columns;
    // no source references given: no files
    expect(table.source.files).toEqual([]);
    expect(c.entry_date).toEqual({
      type: 'day',
      days: Int32Array.from(['2024-01-02', '2024-01-03', '2024-01-04'].map(dayNumber)),
    });
    // a number column's non-number is empty, even a numeric text
    expect(c.age!.type).toBe('number');
    expect([...(c.age as { values: Float64Array }).values]).toEqual([30, Number.NaN, Number.NaN]);
    // an enumeration's code is its place in the schema's values; a value not there, or none, is empty
    const gender = c.gender as { type: string; codes: Int8Array; values: readonly string[] };
    expect(gender.type).toBe('enum');
    expect([...gender.codes]).toEqual([gender.values.indexOf('m'), -1, -1]);
    const qpv = c.qpv as { type: string; codes: Int8Array; values: readonly string[] };
    expect(qpv.type).toBe('boolean');
    expect(qpv.values).toEqual(['false', 'true']);
    expect([...qpv.codes]).toEqual([1, 0, -1]);
    // dictionary codes in order of first sight, -1 where empty
    expect(c.site_id).toEqual({ type: 'dict', codes: Int32Array.from([0, 0, -1]), dict: ['S1'] });
    expect((c.beneficiary_id as DictColumn).dict).toEqual(['b1', 'b2']);
    expect([...(c.beneficiary_id as DictColumn).codes]).toEqual([0, 1, 0]);
    expect(
      columnsFromRows('investments', [
        { investment_id: 'I', investor_id: 'E', investee_id: 'X', date: '2024-01-01', amount_eur: 12_345 },
      ]).columns.amount_eur,
    ).toEqual({ type: 'cents', values: Float64Array.from([12_345]) });
    expect(
      columnsFromRows('metrics', [
        { org_id: 'O', metric: 'm', value: 2.5, period_start: '2024-01-01', period_end: '2024-12-31' },
      ]).columns.value,
    ).toEqual({ type: 'number', values: Float64Array.from([2.5]) });
  });
});
