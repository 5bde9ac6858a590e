// The columnar engine's steps on tiny hand-built tables: predicates, cell indexes, sums, distinct
// counts. Every expected value is worked out by hand from the rows written here.
import { beforeEach, describe, expect, it } from 'vitest';
import { type ColumnTable, type DictColumn, dayNumber } from '../../../src/data/columns.js';
import type { IndicatorContext } from '../../../src/define.js';
import { MARGIN, UNKNOWN_CODE } from '../../../src/engine/cells.js';
import {
  type Axis,
  type CellIndex,
  type CellReach,
  indexCells,
  periodAxis,
  reachOf,
} from '../../../src/engine/columns/cell-index.js';
import { countDistinct } from '../../../src/engine/columns/distinct-counts.js';
import { columnsFromRows } from '../../../src/engine/columns/from-rows.js';
import { allRows, selectRows } from '../../../src/engine/columns/predicates.js';
import { rollUp, sumByFinest } from '../../../src/engine/columns/sums.js';
import type { TypedCondition } from '../../../src/engine/where.js';

// Range 2024-01-01 … 2025-12-31, years 2024 and 2025. Everything is built in a test's own hooks,
// not while the file is collected, so StrykerJS sees which test runs which code (no "static" mutants).
const rows = () =>
  columnsFromRows('beneficiaries', [
    { beneficiary_id: 'b1', site_id: 'S1', entry_date: '2024-03-01', gender: 'f', age: 20 }, // 0
    { beneficiary_id: 'b1', site_id: 'S1', entry_date: '2024-07-01', gender: 'f', age: 20 }, // 1: b1 again, same cell
    { beneficiary_id: 'b2', site_id: 'S2', entry_date: '2024-05-01', gender: 'm', age: 30 }, // 2
    { beneficiary_id: 'b1', site_id: 'S2', entry_date: '2025-01-10', gender: 'f', birth_year: 2000 }, // 3: b1 at the other site, 25 at entry
    { beneficiary_id: 'b3', site_id: 'S1', entry_date: '2025-02-01' }, // 4: no gender
    { beneficiary_id: 'b4', site_id: 'S2', entry_date: '2026-01-01', gender: 'x' }, // 5: after the range
  ]);
let beneficiaries: ColumnTable;
beforeEach(() => {
  beneficiaries = rows();
});
const RANGE = { start: dayNumber('2024-01-01'), end: dayNumber('2025-12-31') };
const YEARS = [
  { start: dayNumber('2024-01-01'), end: dayNumber('2024-12-31') },
  { start: dayNumber('2025-01-01'), end: dayNumber('2025-12-31') },
];
const selected = (mask: Uint8Array) => [...mask.keys()].filter((i) => mask[i]);
const dict = (name: string) => beneficiaries.columns[name] as DictColumn;

describe('predicates', () => {
  // S1 is a platform, S2 a youth project; every look-up of a site is counted.
  const lookups: string[] = [];
  const kinds: Record<string, string> = { S1: 'mobility_platform', S2: 'youth_project' };
  const ctx = {
    site: (id: string) => {
      lookups.push(id);
      return kinds[id] ? { site_id: id, kind: kinds[id] } : undefined;
    },
    inPrecarity: () => false,
  } as unknown as IndicatorContext<unknown>;
  const where = (...conditions: TypedCondition[]) => selected(selectRows(beneficiaries, conditions, ctx));

  it('matches enumerations by code, with the row test’s own rule for empty cells (≠ and ∉ keep them)', () => {
    expect(where({ column: 'gender', op: 'eq', value: 'f' })).toEqual([0, 1, 3]);
    expect(where({ column: 'gender', op: 'in', values: ['m', 'x'] })).toEqual([2, 5]);
    expect(where({ column: 'gender', op: 'ne', value: 'f' })).toEqual([2, 4, 5]);
    expect(where({ column: 'gender', op: 'not_in', values: ['f'] })).toEqual([2, 4, 5]);
    expect(where({ column: 'gender', op: 'missing' })).toEqual([4]);
    expect(where({ column: 'gender', op: 'eq', value: 'nobody' })).toEqual([]);
  });

  it('matches ids through the dictionary, dates by day, numbers by value, all conditions together', () => {
    expect(where({ column: 'site_id', op: 'eq', value: 'S1' })).toEqual([0, 1, 4]);
    expect(
      where(
        { column: 'entry_date', op: 'gte', value: '2024-06-01' },
        { column: 'entry_date', op: 'lte', value: '2025-01-31' },
      ),
    ).toEqual([1, 3]);
    expect(where({ column: 'age', op: 'gte', value: 25 })).toEqual([2]);
    expect(where({ column: 'age', op: 'missing' })).toEqual([3, 4, 5]);
    expect(where({ column: 'site_id', op: 'eq', value: 'S2' }, { column: 'gender', op: 'eq', value: 'f' })).toEqual([
      3,
    ]);
  });

  it('reads the age at entry as given, else entry year minus birth year (row 3: 2025 − 2000 = 25)', () => {
    expect(where({ column: 'age', derived: 'age', op: 'gte', value: 25 })).toEqual([2, 3]);
  });

  it('reads a column through a reference once per referring id, not once per row', () => {
    lookups.length = 0;
    expect(where({ column: 'kind', via: 'site', op: 'eq', value: 'mobility_platform' })).toEqual([0, 1, 4]);
    expect(lookups).toEqual(['S1', 'S2']);
    expect(
      where(
        { column: 'kind', via: 'site', op: 'eq', value: 'mobility_platform' },
        { column: 'gender', op: 'eq', value: 'f' },
      ),
    ).toEqual([0, 1]);
  });

  it('names a column the dataset does not have', () => {
    expect(() => where({ column: 'colour', op: 'eq', value: 'red' })).toThrow(
      'where: beneficiaries has no column "colour"',
    );
  });
});

describe('cells over columns', () => {
  let mask: Uint8Array;
  let index: CellIndex;
  let reach: CellReach;
  beforeEach(() => {
    mask = allRows(beneficiaries);
    const period = periodAxis((beneficiaries.columns.entry_date as { days: Int32Array }).days, YEARS, RANGE, mask);
    const site: Axis = { codes: dict('site_id').codes, size: dict('site_id').dict.length };
    index = indexCells([site, period], mask);
    reach = reachOf(index);
  });
  const cellOf = (siteCode: number, year: number) => reach.cells.findIndex((c) => c[0] === siteCode && c[1] === year);
  const S1 = 0;
  const S2 = 1;

  it('drops rows outside the range and gives each other row its finest cell once', () => {
    expect(selected(mask)).toEqual([0, 1, 2, 3, 4]);
    // (S1, 2024), (S1, 2024), (S2, 2024), (S2, 2025), (S1, 2025), dropped
    expect([...index.rowCell]).toEqual([0, 0, 1, 2, 3, -1]);
    expect(index.finest).toEqual([
      [S1, 0],
      [S2, 0],
      [S2, 1],
      [S1, 1],
    ]);
  });

  it('reaches every margin of a finest cell once: 4 finest cells × 4 = 16, 9 distinct cells', () => {
    expect(reach.reached).toHaveLength(16);
    expect(reach.cells).toHaveLength(9); // 2 sites + margin, × 2 years + range margin
    expect(reach.cells).toContainEqual([MARGIN, MARGIN]);
  });

  it('sums a flow into every cell: each margin is the sum of the rows it covers', () => {
    const sums = rollUp(sumByFinest(index, null), reach);
    expect(sums[cellOf(S1, 0)]).toBe(2);
    expect(sums[cellOf(S2, 0)]).toBe(1);
    expect(sums[cellOf(S1, MARGIN)]).toBe(3);
    expect(sums[cellOf(MARGIN, 1)]).toBe(2);
    expect(sums[cellOf(MARGIN, MARGIN)]).toBe(5);
  });

  it('sums values exactly, NaN (empty) adding nothing', () => {
    const ages = beneficiaries.columns.age as { values: Float64Array };
    const sums = rollUp(sumByFinest(index, ages.values), reach);
    expect(sums[cellOf(S1, 0)]).toBe(40); // 20 + 20
    expect(sums[cellOf(MARGIN, MARGIN)]).toBe(70); // 20 + 20 + 30; rows 3 and 4 have no age
  });

  it('counts distinct people afresh in every cell, never by summing', () => {
    const people = dict('beneficiary_id');
    const counts = countDistinct(index, reach, people.codes, people.dict.length);
    expect(counts[cellOf(S1, 0)]).toBe(1); // b1 twice
    expect(counts[cellOf(S2, 1)]).toBe(1); // b1
    expect(counts[cellOf(S1, MARGIN)]).toBe(2); // b1, b3
    expect(counts[cellOf(S2, MARGIN)]).toBe(2); // b2, b1
    expect(counts[cellOf(MARGIN, 0)]).toBe(2); // b1, b2
    expect(counts[cellOf(MARGIN, 1)]).toBe(2); // b1, b3
    expect(counts[cellOf(MARGIN, MARGIN)]).toBe(3); // b1, b2, b3 — not 2 + 2
  });

  it('keeps an unknown value as its own code and a dimension that does not apply as the margin only', () => {
    const gender = beneficiaries.columns.gender as { codes: Int8Array; values: readonly string[] };
    const codes = Int32Array.from(gender.codes, (c) => (c < 0 ? UNKNOWN_CODE : c));
    const notApplicable: Axis = { codes: new Int32Array(beneficiaries.length).fill(MARGIN), size: 0 };
    const rows = allRows(beneficiaries);
    rows[5] = 0;
    const byGender = indexCells([{ codes, size: gender.values.length }, notApplicable], rows);
    const cells = reachOf(byGender).cells.map((c) => c.join());
    // f, m, unknown, and the gender margin; the second axis is always its margin
    expect(cells.sort()).toEqual(
      [`${MARGIN},${MARGIN}`, `0,${MARGIN}`, `1,${MARGIN}`, `${UNKNOWN_CODE},${MARGIN}`].sort(),
    );
  });
});
