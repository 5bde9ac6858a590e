// The stored form of a row (src/store/rows.ts): the reader's columns and a typed row give the same stored
// values and the same hash, and the values read back are the typed row again. Day numbers worked out by hand:
// 2024-01-01 is 54 × 365 + 13 leap days = 19723 days after 1970-01-01, 2024-12-31 is 365 days later.
import { describe, expect, it } from 'vitest';
import type { ColumnTable } from '../../src/data/columns.js';
import { GENDERS, OUTCOMES } from '../../src/data/datasets.js';
import {
  rowFromValues,
  rowHash,
  rowLayout,
  type SqlValue,
  valuesFromColumns,
  valuesFromRow,
} from '../../src/store/rows.js';

const source = { file: Int32Array.of(0), line: Int32Array.of(2), batch: Int32Array.of(0), files: ['data/x.csv'] };
const dict = (...values: (string | undefined)[]) => {
  const strings = [...new Set(values.filter((v) => v !== undefined))] as string[];
  return {
    type: 'dict' as const,
    codes: Int32Array.from(values.map((v) => (v === undefined ? -1 : strings.indexOf(v)))),
    dict: strings,
  };
};

/** Row i of the table as the import stores it: its values, and its hash after them. */
function stored(table: ColumnTable, i: number): { values: SqlValue[]; hash: number } {
  const values: SqlValue[] = [];
  const toValues = valuesFromColumns(rowLayout(table.dataset));
  toValues.use(table);
  const hash = toValues.write(i, values);
  return { values, hash };
}

describe('the stored form of a row', () => {
  // A metric without a site (an absent key column is '') and without a territory (NULL).
  const metrics: ColumnTable = {
    dataset: 'metrics',
    length: 2,
    columns: {
      org_id: dict('ORG1', 'ORG1'),
      site_id: dict(undefined, undefined),
      metric: dict('co2_avoided_t', 'co2_avoided_t'),
      value: { type: 'number', values: Float64Array.of(12.5, 12.6) },
      period_start: { type: 'day', days: Int32Array.of(19723, 19723) },
      period_end: { type: 'day', days: Int32Array.of(20088, 20088) },
      territory: dict(undefined, undefined),
    },
    source,
  };
  const metric = {
    org_id: 'ORG1',
    metric: 'co2_avoided_t',
    value: 12.5,
    period_start: '2024-01-01',
    period_end: '2024-12-31',
  };

  it('is the same values and hash from the reader’s columns and from the typed row', () => {
    const fromColumns = stored(metrics, 0);
    expect(fromColumns.values).toEqual(['ORG1', '', 'co2_avoided_t', 12.5, 19723, 20088, null]);
    const fromRow = valuesFromRow(rowLayout('metrics'), metric);
    expect(fromRow).toEqual(fromColumns.values);
    expect(rowHash(fromRow, 0, fromRow.length)).toBe(fromColumns.hash);
    expect(Number.isSafeInteger(fromColumns.hash)).toBe(true);
    // One value changed: another hash.
    expect(stored(metrics, 1).hash).not.toBe(fromColumns.hash);
  });

  it('reads back as the typed row, columns in schema order and absent ones left out', () => {
    const values = stored(metrics, 0).values;
    const row = rowFromValues(rowLayout('metrics'), values);
    expect(row).toEqual(metric);
    expect(JSON.stringify(row)).toBe(
      '{"org_id":"ORG1","metric":"co2_avoided_t","value":12.5,"period_start":"2024-01-01","period_end":"2024-12-31"}',
    );
  });

  it('keeps booleans as 0/1 apart from a missing one, and enumerations as their text', () => {
    const beneficiaries: ColumnTable = {
      dataset: 'beneficiaries',
      length: 3,
      columns: {
        beneficiary_id: dict('B1', 'B1', 'B1'),
        site_id: dict('S1', 'S1', 'S1'),
        entry_date: { type: 'day', days: Int32Array.of(19723, 19723, 19723) },
        gender: { type: 'enum', codes: Int8Array.of(0, 0, 0), values: GENDERS },
        qpv: { type: 'boolean', codes: Int8Array.of(1, 0, -1), values: ['false', 'true'] },
        outcome: { type: 'enum', codes: Int8Array.of(3, 3, 3), values: OUTCOMES },
      },
      source,
    };
    const [yes, no, unknown] = [0, 1, 2].map((i) => stored(beneficiaries, i));
    // beneficiary_id, site_id, entry_date, birth_year, age, gender, qpv, territory, intake_level, exit_date, exit_level, outcome
    expect(yes!.values).toEqual(['B1', 'S1', 19723, null, null, 'f', 1, null, null, null, null, 'none']);
    expect(no!.values[6]).toBe(0);
    expect(unknown!.values[6]).toBe(null);
    expect(new Set([yes!.hash, no!.hash, unknown!.hash]).size).toBe(3);
    expect(rowFromValues(rowLayout('beneficiaries'), no!.values)).toEqual({
      beneficiary_id: 'B1',
      site_id: 'S1',
      entry_date: '2024-01-01',
      gender: 'f',
      qpv: false,
      outcome: 'none',
    });
  });
});
