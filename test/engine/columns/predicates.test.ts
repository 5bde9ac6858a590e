// predicates.ts promises that a condition's mask over columns selects exactly the rows its row test
// (where.ts `rowTest`, the documented rule) keeps. Checked here for every operator on every kind of
// column — dictionary ids, enumerations, booleans, dates, numbers, levels, a column read through a
// site or an organisation, the age at entry — on rows that hold each edge: empty cells, unknown
// references, no age at all.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ColumnTable } from '../../../src/data/columns.js';
import type { OrganisationRow, SiteRow } from '../../../src/data/datasets.js';
import type { IndicatorContext } from '../../../src/define.js';
import { Attribution } from '../../../src/engine/attribution.js';
import { columnsFromRows } from '../../../src/engine/columns/from-rows.js';
import { agesAtEntry, selectRows } from '../../../src/engine/columns/predicates.js';
import { makeContext } from '../../../src/engine/context.js';
import { rowTest, type TypedCondition } from '../../../src/engine/where.js';
import { DEFAULT_PARAMS } from '../../helpers/engine.js';

const organisations = new Map<string, OrganisationRow>([
  ['O', { org_id: 'O', name: 'O', kind: 'company' }],
  ['F', { org_id: 'F', name: 'F', kind: 'fund' }],
]);
const site = (site_id: string, kind: SiteRow['kind'], territory: string): [string, SiteRow] => [
  site_id,
  { site_id, org_id: 'O', name: site_id, kind, territory, opened_on: '2020-01-01' },
];
const sites = new Map<string, SiteRow>([
  site('S1', 'mobility_platform', 'dep:93'),
  site('S2', 'youth_project', 'dep:75'),
]);

const beneficiaries: Record<string, unknown>[] = [
  {
    beneficiary_id: 'b1',
    site_id: 'S1',
    entry_date: '2024-03-01',
    gender: 'f',
    qpv: true,
    age: 20,
    intake_level: 'severe',
    exit_date: '2024-09-30',
  },
  { beneficiary_id: 'b2', site_id: 'S2', entry_date: '2024-06-15', gender: 'm', qpv: false, birth_year: 1990 },
  { beneficiary_id: 'b3', site_id: 'S9', entry_date: '2023-12-31', intake_level: 'fragile', age: 25 }, // unknown site
  { beneficiary_id: 'b4', site_id: 'S1', entry_date: '2024-01-01', gender: 'x', age: 40, birth_year: 2000 },
  { beneficiary_id: 'b5', entry_date: '2024-04-01', birth_year: 2001 }, // no site
  { beneficiary_id: 'b1', site_id: 'S2', entry_date: '2025-02-01', qpv: true, intake_level: 'autonomous', age: 0 },
];
const actions: Record<string, unknown>[] = [
  { action_id: 'A1', type: 'orientation', date: '2024-01-01', org_id: 'O' },
  { action_id: 'A2', type: 'orientation', date: '2024-01-01', org_id: 'F' },
  { action_id: 'A3', type: 'orientation', date: '2024-01-01', org_id: 'Z' }, // unknown organisation
  { action_id: 'A4', type: 'orientation', date: '2024-01-01' },
];

/** Every operator with a value fitting the column. */
function conditions(column: string, value: unknown, values: unknown[], extra: Partial<TypedCondition> = {}) {
  const ops = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
  return [
    ...ops.map((op) => ({ column, op, value, ...extra }) as TypedCondition),
    { column, op: 'in', values, ...extra } as TypedCondition,
    { column, op: 'not_in', values, ...extra } as TypedCondition,
    { column, op: 'exists', ...extra } as TypedCondition,
    { column, op: 'missing', ...extra } as TypedCondition,
  ];
}

const BENEFICIARY_CONDITIONS: TypedCondition[] = [
  ...conditions('beneficiary_id', 'b1', ['b1', 'b4']),
  ...conditions('site_id', 'S1', ['S1', 'S9']),
  ...conditions('gender', 'm', ['f', 'x']),
  ...conditions('qpv', true, [false]),
  ...conditions('qpv', false, [true]),
  ...conditions('entry_date', '2024-03-01', ['2024-01-01', '2025-02-01']),
  ...conditions('exit_date', '2024-09-30', ['2024-09-30']),
  ...conditions('age', 20, [0, 40]),
  ...conditions('birth_year', 2000, [1990]),
  ...conditions('intake_level', 'fragile', ['severe']),
  { column: 'intake_level', op: 'in_precarity' },
  { column: 'intake_level', op: 'not_in_precarity' },
  ...conditions('kind', 'mobility_platform', ['youth_project'], { via: 'site' }),
  ...conditions('territory', 'dep:75', ['dep:93'], { via: 'site' }),
  // 2024 − 1990 = 34 for b2; b4 has its own age, 40; b5 2024 − 2001 = 23
  ...conditions('age', 25, [34, 40], { derived: 'age' }),
];
const ACTION_CONDITIONS: TypedCondition[] = [
  ...conditions('kind', 'fund', ['company'], { via: 'organisation' }),
  ...conditions('org_id', 'O', ['Z']),
];

let ctx: IndicatorContext<unknown>;
beforeEach(() => {
  ctx = makeContext(
    DEFAULT_PARAMS,
    { organisations, sites },
    new Attribution(undefined, [], organisations),
  ) as IndicatorContext<unknown>;
});
const selected = (table: ColumnTable, c: TypedCondition) => {
  const mask = selectRows(table, [c], ctx);
  return [...mask.keys()].filter((i) => mask[i]);
};
const kept = (rows: Record<string, unknown>[], c: TypedCondition) =>
  rows.flatMap((row, i) => (rowTest(c, ctx)(row) ? [i] : []));
const label = (c: TypedCondition) => `${c.derived ?? (c.via ? `${c.via}.` : '')}${c.column} ${c.op}`;

describe('a condition over columns selects the rows its row test keeps', () => {
  it('on beneficiaries: ids, enumerations, booleans, dates, numbers, levels, site references, the age', () => {
    const table = columnsFromRows('beneficiaries', beneficiaries);
    for (const c of BENEFICIARY_CONDITIONS) {
      expect([label(c), selected(table, c)]).toEqual([label(c), kept(beneficiaries, c)]);
    }
  });

  it('on actions: an organisation reference, known, unknown or empty', () => {
    const table = columnsFromRows('actions', actions);
    for (const c of ACTION_CONDITIONS) {
      expect([label(c), selected(table, c)]).toEqual([label(c), kept(actions, c)]);
    }
  });

  it('on numbers that are whole and small, and numbers that are not (decimals, negatives, large)', () => {
    // Whole numbers in [0, 65536) are answered through an array, the others through a map: the same rule.
    const values = [0, 2.5, -3, 65535, 65536, 70000.25, 2.5, 0, -3, 65536];
    const metrics = values.map((value, i) => ({
      org_id: 'O',
      metric: `m${i}`,
      value,
      period_start: '2024-01-01',
      period_end: '2024-12-31',
    }));
    const table = columnsFromRows('metrics', metrics);
    for (const bound of [0, 2.5, -3, 65535, 65536]) {
      for (const c of conditions('value', bound, [2.5, 65536, -3])) {
        expect([label(c), bound, selected(table, c)]).toEqual([label(c), bound, kept(metrics, c)]);
      }
    }
  });

  it('ANDs the conditions into the mask it is given', () => {
    const table = columnsFromRows('beneficiaries', beneficiaries);
    const mask = Uint8Array.from([1, 1, 1, 1, 1, 0]);
    selectRows(table, [{ column: 'qpv', op: 'exists' }], ctx, mask);
    expect([...mask]).toEqual([1, 1, 0, 0, 0, 0]);
  });
});

describe('the age at entry over columns', () => {
  it('is the age given, else the entry year minus the birth year, else empty', () => {
    const table = columnsFromRows('beneficiaries', [
      ...beneficiaries,
      { beneficiary_id: 'b6', site_id: 'S1', birth_year: 2001 }, // a birth year, no entry date
      { beneficiary_id: 'b7', site_id: 'S1', entry_date: '2024-04-01' }, // neither
    ]);
    // b1 20; b2 2024 − 1990; b3 25; b4 its own 40 over 2024 − 2000; b5 2024 − 2001; b1 again 0
    expect([...agesAtEntry(table)]).toEqual([20, 34, 25, 40, 23, 0, Number.NaN, Number.NaN]);
  });
});

describe('a reference through a column that holds no ids', () => {
  it('is refused, naming the column', () => {
    const table: ColumnTable = {
      dataset: 'beneficiaries',
      length: 1,
      columns: { site_id: { type: 'day', days: Int32Array.from([0]) } },
      source: { file: new Int32Array(1), line: new Int32Array(1), batch: new Int32Array(1), files: [] },
    };
    expect(() => selectRows(table, [{ column: 'kind', via: 'site', op: 'eq', value: 'x' }], ctx)).toThrow(
      'where: beneficiaries.site_id is not an id column',
    );
  });
});
