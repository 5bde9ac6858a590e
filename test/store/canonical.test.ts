// The canonical forms the store relies on: the key text, the JSON it compares, and the cells it exports,
// which must type back to the same row (so an export can be imported again unchanged).
import { describe, expect, it } from 'vitest';
import { canonicalCells, canonicalJson, rowKey } from '../../src/data/canonical.js';
import { SCHEMAS } from '../../src/data/datasets.js';
import { typeRecord } from '../../src/data/rows.js';

const CANONICAL = { decimal: '.', dateFormat: 'yyyy-mm-dd', levels: ['severe', 'fragile'] } as const;
const where = { dataset: 'test', file: 'test.csv', line: 2 };

describe('canonical rows', () => {
  it('keys join the key columns, an absent optional one as empty', () => {
    expect(rowKey(SCHEMAS.metrics, { org_id: 'O1', metric: 'jobs', period_start: '2024-01-01', value: 3 })).toBe(
      'O1\u001f\u001fjobs\u001f2024-01-01',
    );
  });

  it('JSON follows the schema order whatever the property order, without source or absent values', () => {
    const a = {
      site_id: 'S1',
      beneficiary_id: 'B1',
      entry_date: '2024-01-02',
      qpv: false,
      source: { file: 'x', line: 3 },
    };
    const b = { beneficiary_id: 'B1', entry_date: '2024-01-02', site_id: 'S1', qpv: false, age: undefined };
    expect(canonicalJson(SCHEMAS.beneficiaries, a)).toBe(
      '{"beneficiary_id":"B1","site_id":"S1","entry_date":"2024-01-02","qpv":false}',
    );
    expect(canonicalJson(SCHEMAS.beneficiaries, b)).toBe(canonicalJson(SCHEMAS.beneficiaries, a));
  });

  it('cells write euros from cents, plain decimals and true/false', () => {
    const investment = {
      investment_id: 'I1',
      investor_id: 'A',
      investee_id: 'B',
      amount_eur: 123456,
      date: '2024-05-01',
      instrument: 'loan',
      exited_on: '2029-05-01',
    };
    expect(canonicalCells(SCHEMAS.investments, investment)).toEqual([
      'I1',
      'A',
      'B',
      '1234.56',
      '2024-05-01',
      'loan',
      '',
      '2029-05-01',
    ]);
    expect(canonicalCells(SCHEMAS.investments, { ...investment, amount_eur: 5 })[3]).toBe('0.05');
    const metric = { org_id: 'O', metric: 'm', value: 1e-7, period_start: '2024-01-01', period_end: '2024-12-31' };
    expect(canonicalCells(SCHEMAS.metrics, metric)[3]).toBe('0.0000001');
    expect(canonicalCells(SCHEMAS.metrics, { ...metric, value: 2.5e21 })[3]).toBe('2500000000000000000000');
    expect(canonicalCells(SCHEMAS.metrics, { ...metric, value: -1.25 })[3]).toBe('-1.25');
  });

  it('cells type back to the same row', () => {
    const rows: [keyof typeof SCHEMAS, Record<string, unknown>][] = [
      [
        'investments',
        {
          investment_id: 'I1',
          investor_id: 'A',
          investee_id: 'B',
          amount_eur: 100000001,
          date: '2024-02-29',
          instrument: 'grant',
          programme: 'P, "quoted"',
        },
      ],
      [
        'metrics',
        {
          org_id: 'O',
          site_id: 'S',
          metric: 'co2',
          value: 0.000123,
          period_start: '2024-01-01',
          period_end: '2024-12-31',
          territory: 'dep:93',
        },
      ],
      [
        'beneficiaries',
        {
          beneficiary_id: 'B1',
          site_id: 'S1',
          entry_date: '2024-03-01',
          birth_year: 1990,
          gender: 'x',
          qpv: true,
          territory: 'com:93066',
          intake_level: 'severe',
          exit_date: '2024-04-01',
          exit_level: 'fragile',
          outcome: 'none',
        },
      ],
    ];
    for (const [dataset, row] of rows) {
      const schema = SCHEMAS[dataset];
      const typed = typeRecord(schema, canonicalCells(schema, row), CANONICAL, where);
      expect(typed.problems, dataset).toEqual([]);
      expect(typed.row, dataset).toEqual(row);
    }
  });
});
