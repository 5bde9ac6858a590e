// dimension-axes.ts works out each row's dimension values once per code (per site, per territory
// code, per age) instead of once per row; its answer must be the documented per-row rule's
// (INDICATORS.md "Which row falls in which cell", `dimensionValue` over context.ts's facts, which
// rowAxes applies). Checked here for every dimension, two plans, beneficiaries and actions whose
// rows hold each edge (own territory or the site's, unknown site or organisation, empty cells,
// territories coarser than the level asked), plus a few values written out by hand. Every row
// has its required site_id or org_id, as the reader guarantees.
import { beforeEach, describe, expect, it } from 'vitest';
import { parseBreakdown } from '../../../src/config/index.js';
import type { ColumnTable } from '../../../src/data/columns.js';
import { movingRow } from '../../../src/data/columns-to-rows.js';
import type { DatasetName, OrganisationRow, SiteRow, SourceRef } from '../../../src/data/datasets.js';
import { Attribution } from '../../../src/engine/attribution.js';
import { planFromBreakdown } from '../../../src/engine/cells.js';
import {
  columnAxes,
  type DimensionAxis,
  organisationAxis,
  rowAxes,
} from '../../../src/engine/columns/dimension-axes.js';
import { columnsFromRows } from '../../../src/engine/columns/from-rows.js';
import { Engine } from '../../../src/engine/compute.js';
import { makeContext, makeFactsOf } from '../../../src/engine/context.js';
import { DEFAULT_PARAMS } from '../../helpers/engine.js';

const organisations = new Map<string, OrganisationRow>([
  ['O', { org_id: 'O', name: 'O', kind: 'association', territory: 'dep:69' }],
  ['N', { org_id: 'N', name: 'N', kind: 'association' }], // no territory
]);
const sites = new Map<string, SiteRow>([
  ['S1', { site_id: 'S1', org_id: 'O', name: 'S1', kind: 'other', territory: 'com:93066', opened_on: '2020-01-01' }],
  ['S2', { site_id: 'S2', org_id: 'N', name: 'S2', kind: 'other', territory: 'dep:75', opened_on: '2020-01-01' }],
]);
const reference = { organisations, sites };

const ref = (i: number): SourceRef => ({ file: 't', line: i + 2 });
const beneficiaries = [
  { beneficiary_id: 'b1', site_id: 'S1', entry_date: '2024-03-01', age: 20, gender: 'f', qpv: true }, // 2
  { beneficiary_id: 'b2', site_id: 'S2', entry_date: '2024-03-01', birth_year: 1950, qpv: false }, // 3: S2 by dep
  { beneficiary_id: 'b3', site_id: 'S9', entry_date: '2024-03-01', age: 30 }, // 4: unknown site
  { beneficiary_id: 'b4', site_id: 'S1', entry_date: '2024-03-01', territory: 'dep:13', age: 12, gender: 'x' }, // 5
  { beneficiary_id: 'b5', site_id: 'S9', entry_date: '2024-03-01', territory: 'com:93066' }, // 6: unknown site
  { beneficiary_id: 'b6', site_id: 'S9', entry_date: '2024-03-01' }, // 7: nothing known
  { beneficiary_id: 'b7', site_id: 'S2', entry_date: '2024-03-01', territory: 'FR', age: 20 }, // 8
  { beneficiary_id: 'b8', site_id: 'S1', entry_date: '2024-03-01', gender: 'm' }, // 9
];
const actions = [
  { action_id: 'a1', type: 'orientation', date: '2024-01-01', org_id: 'O' }, // 2: O's dep:69
  { action_id: 'a2', type: 'orientation', date: '2024-01-01', org_id: 'N' }, // 3: N has none
  { action_id: 'a3', type: 'orientation', date: '2024-01-01', org_id: 'Z' }, // 4: unknown organisation
  { action_id: 'a4', type: 'orientation', date: '2024-01-01', org_id: 'O', territory: 'com:93066' }, // 5
  { action_id: 'a5', type: 'orientation', date: '2024-01-01', org_id: 'Z', territory: 'dep:93' }, // 6
  { action_id: 'a6', type: 'orientation', date: '2024-01-01', org_id: 'N' }, // 7
];

const ALL = ['territory:commune', 'site', 'organisation', 'gender', 'qpv', 'age_band', 'programme', 'period:year'];
const engineFor = (...breakdowns: string[][]) =>
  new Engine({
    range: { from: '2024-01-01', to: '2024-12-31' },
    plans: breakdowns.map((b) => planFromBreakdown(parseBreakdown(b).items)),
    indicators: [],
    context: makeContext(DEFAULT_PARAMS, reference, new Attribution(undefined, [], organisations)),
    factsOf: makeFactsOf(DEFAULT_PARAMS, reference),
  });
/** Per plan, per dimension, per row: its value, or -1 (margin) / -2 (unknown). */
const decoded = (axes: DimensionAxis[][]) =>
  axes.map((plan) => plan.map((axis) => [...axis.codes].map((c) => (c >= 0 ? axis.values[c] : c))));

type Told = [string, string, number];
function both(engine: Engine, dataset: DatasetName, table: ColumnTable) {
  const view = movingRow(table);
  const toldByColumns: Told[] = [];
  const toldByRows: Told[] = [];
  const byColumns = columnAxes(
    engine,
    dataset,
    table,
    (c, l, r) => toldByColumns.push([c, l, r.line]),
    (i) => ref(i),
  );
  const byRows = rowAxes(engine, dataset, table, view.moveTo, (c, l, r) => toldByRows.push([c, l, r.line]));
  return { byColumns: byColumns!, byRows, toldByColumns, toldByRows };
}

let tables: Record<'beneficiaries' | 'actions', ColumnTable>;
beforeEach(() => {
  tables = {
    beneficiaries: columnsFromRows(
      'beneficiaries',
      beneficiaries,
      beneficiaries.map((_, i) => ref(i)),
    ),
    actions: columnsFromRows(
      'actions',
      actions,
      actions.map((_, i) => ref(i)),
    ),
  };
});

describe('dimension axes over columns are the per-row rule’s', () => {
  for (const dataset of ['beneficiaries', 'actions'] as const) {
    it(`${dataset}: every dimension of two plans, and the coarse territories told for the first plan only`, () => {
      const engine = engineFor(ALL, ['territory:departement', 'organisation', 'gender']);
      const r = both(engine, dataset, tables[dataset]);
      expect(decoded(r.byColumns)).toEqual(decoded(r.byRows));
      expect(r.toldByColumns).toEqual(r.toldByRows);
    });
  }

  it('beneficiaries, by hand: territory by residence else the site’s, organisation the site’s operator', () => {
    const r = both(engineFor(ALL), 'beneficiaries', tables.beneficiaries);
    const [territory, site, organisation, gender, qpv, ageBand, programme] = decoded(r.byColumns)[0]!;
    expect(territory).toEqual(['com:93066', 'dep:75', -2, 'dep:13', 'com:93066', -2, 'FR', 'com:93066']);
    expect(site).toEqual(['S1', 'S2', 'S9', 'S1', 'S9', 'S9', 'S2', 'S1']);
    expect(organisation).toEqual(['O', 'N', -2, 'O', -2, -2, 'N', 'O']);
    expect(gender).toEqual(['f', -2, -2, 'x', -2, -2, -2, 'm']);
    expect(qpv).toEqual(['true', 'false', -2, -2, -2, -2, -2, -2]);
    // 74 at entry for b2 (2024 − 1950); youth is 16–25
    expect(ageBand).toEqual(['16-25', '50+', '26-49', '<16', -2, -2, '16-25', -2]);
    expect(programme).toEqual(new Array(8).fill(-1));
    // dep:75 (S2), dep:13 (b4's own) and FR (b7's own) are coarser than a commune
    expect(r.toldByColumns).toEqual([
      ['dep:75', 'commune', 3],
      ['dep:13', 'commune', 5],
      ['FR', 'commune', 8],
    ]);
  });

  it('actions, by hand: territory its own else its organisation’s', () => {
    const r = both(engineFor(['territory:departement', 'organisation', 'site']), 'actions', tables.actions);
    const [territory, organisation, site] = decoded(r.byColumns)[0]!;
    expect(territory).toEqual(['dep:69', -2, -2, 'dep:93', 'dep:93', -2]);
    expect(organisation).toEqual(['O', 'N', 'Z', 'O', 'Z', 'N']);
    expect(site).toEqual(new Array(6).fill(-1));
  });
});

describe('the organisation axis (whose attributable part a row is)', () => {
  it('reads the site’s operator over columns, and the facts row by row elsewhere', () => {
    const engine = engineFor(['territory:departement']);
    const axisOf = (dataset: DatasetName, table: ColumnTable) => {
      const axis = organisationAxis(engine, dataset, table, movingRow(table).moveTo);
      return [...axis.codes].map((c) => (c >= 0 ? axis.values[c] : c));
    };
    expect(axisOf('beneficiaries', tables.beneficiaries)).toEqual(['O', 'N', -2, 'O', -2, -2, 'N', 'O']);
    const investments = columnsFromRows('investments', [
      { investment_id: 'i1', investor_id: 'E', investee_id: 'O', date: '2024-01-01', amount_eur: 1 },
      { investment_id: 'i2', investor_id: 'E', investee_id: 'N', date: '2024-01-01', amount_eur: 1 },
    ]);
    expect(axisOf('investments', investments)).toEqual(['O', 'N']);
  });
});
