// What a table's sources tell `explain` and the engine's failures, in process (the CLI tests see
// the same through the built binary, out of StrykerJS's sight): each excluded row's reason and
// failing condition, the traced cell's rows in row order with what each adds, the rows active on
// no day of a stock, a row function's error named at the first row it fails on, and the rows
// whose territory is coarser than the breakdown. Every expected value is read off the rows here.
// Each run is made inside a test or its beforeEach, never while the file is collected, so that
// StrykerJS sees which test runs which code.
import { beforeEach, describe, expect, it } from 'vitest';
import type { SourceRef } from '../../../src/data/datasets.js';
import { defineIndicator } from '../../../src/define.js';
import { CellTrace } from '../../../src/engine/cell-audit.js';
import { cellId } from '../../../src/engine/cells.js';
import {
  type BeneficiaryInput,
  type EngineInput,
  type EngineOutput,
  evaluate,
  type SiteInput,
} from '../../helpers/engine.js';

const text = { en: 'Test', fr: 'Test' };
const RANGE = { from: '2023-01-01', to: '2024-12-31' };
const sites: SiteInput[] = [
  { site_id: 'S1', org_id: 'A', territory: 'dep:93' },
  { site_id: 'S2', org_id: 'B', territory: 'dep:69' },
];
const organisations = [
  { org_id: 'A', territory: 'dep:93' },
  { org_id: 'B', territory: 'dep:69' },
];
/** The trace of the cell (département, year) of the first plan. */
const traceOf = (territory: string, year: string) => new CellTrace(cellId([territory, year], [false, false]));
const lines = (refs: Iterable<string>) => [...refs].map((r) => Number(r.split(':')[1])).sort((a, b) => a - b);
const run = (input: Omit<EngineInput, 'range'>) => evaluate({ range: RANGE, sites, organisations, ...input });

// A distinct count through row functions: the key, the date and a named filter, each per row.
const people = defineIndicator({
  id: 'test.people',
  kind: 'unique',
  title: text,
  description: text,
  unit: text,
  dataset: 'beneficiaries',
  date: (row) => row.exit_date,
  distinct: (row) => (row.outcome === 'other' ? undefined : row.beneficiary_id),
  where: [{ column: 'gender', op: 'ne', value: 'm' }],
  filter: {
    'has an age': (row) => row.age !== undefined,
    'under 65': (row) => (row.age ?? 0) < 65,
  },
});

// A stock: active from entry to exit; worth its age on the day; men left out.
const enrolled = defineIndicator({
  id: 'test.enrolled',
  kind: 'stock',
  title: text,
  description: text,
  unit: text,
  dataset: 'beneficiaries',
  where: [{ column: 'gender', op: 'ne', value: 'm' }],
  activeAt: (row, date) => row.entry_date <= date && (row.exit_date === undefined || row.exit_date > date),
  valueAt: (row) => row.age ?? 1,
});

// A flow read from columns only (no row function): ages summed by exit date, women only.
const ages = defineIndicator({
  id: 'test.ages',
  kind: 'flow',
  title: text,
  description: text,
  unit: text,
  dataset: 'beneficiaries',
  date: 'exit_date',
  value: 'age',
  where: [{ column: 'gender', op: 'eq', value: 'f' }],
});
// Line = row + 2 (test/beneficiaries:2 is row 0).
const exits: BeneficiaryInput[] = [
  { beneficiary_id: 'b1', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2024-03-01', gender: 'f', age: 20 }, // 2: in the cell
  { beneficiary_id: 'b2', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2024-05-01', gender: 'm', age: 30 }, // 3: filter
  { beneficiary_id: 'b3', site_id: 'S1', entry_date: '2022-01-01', gender: 'f', age: 40 }, // 4: no date
  { beneficiary_id: 'b4', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2022-06-01', gender: 'f', age: 50 }, // 5: before the range
  { beneficiary_id: 'b5', site_id: 'S2', entry_date: '2022-01-01', exit_date: '2024-02-01', gender: 'f', age: 60 }, // 6: dep:69
  { beneficiary_id: 'b6', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2023-07-01', gender: 'f', age: 70 }, // 7: 2023
  { beneficiary_id: 'b7', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2024-09-01', gender: 'f' }, // 8: in the cell, no age
  { beneficiary_id: 'b8', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2025-01-01', gender: 'f', age: 80 }, // 9: after the range
];

describe('explain’s trace of a flow read from columns', () => {
  let trace: CellTrace;
  let r: EngineOutput;
  beforeEach(() => {
    trace = traceOf('dep:93', '2024');
    // Beside it, on the same rows, a distinct count and a stock it does not trace.
    r = run({
      indicators: ['test.ages', 'test.people', 'test.enrolled'],
      extra: [ages, people, enrolled],
      beneficiaries: exits,
      trace: { sink: trace, indicators: ['test.ages'] },
    });
  });

  it('tells each excluded row’s reason, and the condition a filtered row fails', () => {
    expect(Object.fromEntries(trace.excludedBy.get('test.ages')!)).toEqual({
      filter: 1,
      'no-date': 1,
      'out-of-range': 2,
    });
    expect(Object.fromEntries(trace.excludedByCondition.get('test.ages')!)).toEqual({ 'gender = f': 1 });
  });

  it('tells every used row, and the cell’s rows in row order with what each adds (an empty age: 0)', () => {
    expect(lines(trace.passing.get('test.ages')!)).toEqual([2, 6, 7, 8]);
    expect(trace.rows.map((row) => [row.ref.line, row.value, row.detail.key, row.detail.organisation])).toEqual([
      [2, 20, undefined, 'A'],
      [8, 0, undefined, 'A'],
    ]);
    expect((trace.rows[0]!.detail.row as { beneficiary_id: string }).beneficiary_id).toBe('b1');
    // the cell itself: 20 + nothing
    expect(r.value('test.ages', { territory: 'dep:93', period: '2024' }).value).toBe(20);
  });

  it('tells nothing of the indicators beside it that it does not trace', () => {
    expect([...trace.passing.keys()]).toEqual(['test.ages']);
    expect([...trace.excludedBy.keys()]).toEqual(['test.ages']);
    expect(new Set(trace.rows.map((row) => row.indicator))).toEqual(new Set(['test.ages']));
  });

  it('tells nothing when it traces no indicator', () => {
    const other = traceOf('dep:93', '2024');
    run({ indicators: ['test.ages'], extra: [ages], beneficiaries: exits, trace: { sink: other, indicators: [] } });
    expect(other.rows).toEqual([]);
    expect(other.passing.size).toBe(0);
    expect(other.excludedBy.size).toBe(0);
  });
});

// Line = row + 2. The distinct count above, on people leaving.
const leavers: BeneficiaryInput[] = [
  { beneficiary_id: 'p1', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2024-03-01', age: 20 }, // 2: in the cell
  { beneficiary_id: 'p2', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2024-03-01', gender: 'm', age: 20 }, // 3: where
  { beneficiary_id: 'p3', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2024-03-01' }, // 4: 'has an age'
  { beneficiary_id: 'p4', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2024-03-01', age: 70 }, // 5: 'under 65'
  { beneficiary_id: 'p9', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2024-03-01', age: 80 }, // 6: 'under 65'
  { beneficiary_id: 'p5', site_id: 'S1', entry_date: '2022-01-01', age: 20 }, // 7: no date
  { beneficiary_id: 'p6', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2025-03-01', age: 20 }, // 8: out of range
  { beneficiary_id: 'p7', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2024-03-01', age: 20, outcome: 'other' }, // 9: no key
  { beneficiary_id: 'p1', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2024-06-01', age: 20 }, // 10: p1 again
  { beneficiary_id: 'p8', site_id: 'S2', entry_date: '2022-01-01', exit_date: '2023-03-01', age: 20 }, // 11: other cell
];

describe('explain’s trace of a distinct count through row functions', () => {
  let trace: CellTrace;
  let r: EngineOutput;
  beforeEach(() => {
    trace = traceOf('dep:93', '2024');
    r = run({
      indicators: ['test.people'],
      extra: [people],
      beneficiaries: leavers,
      trace: { sink: trace, indicators: ['test.people'] },
    });
  });

  it('tells each reason, and the first named condition a row fails', () => {
    expect(Object.fromEntries(trace.excludedBy.get('test.people')!)).toEqual({
      filter: 4,
      'no-date': 1,
      'out-of-range': 1,
      'no-value': 1,
    });
    expect(Object.fromEntries(trace.excludedByCondition.get('test.people')!)).toEqual({
      'gender ≠ m': 1,
      'has an age': 1,
      'under 65': 2,
    });
  });

  it('tells the cell’s rows with their keys, a key seen twice counted once', () => {
    expect(trace.rows.map((row) => [row.ref.line, row.value, row.detail.key])).toEqual([
      [2, 1, 'p1'],
      [10, 1, 'p1'],
    ]);
    expect(lines(trace.passing.get('test.people')!)).toEqual([2, 10, 11]);
    expect(r.value('test.people', { territory: 'dep:93', period: '2024' }).value).toBe(1);
    expect(r.value('test.people', { territory: 'dep:69', period: '2023' }).value).toBe(1);
  });
});

// A distinct count of a column with a where only: no row function at all.
const sitesSeen = defineIndicator({
  id: 'test.territories',
  kind: 'unique',
  title: text,
  description: text,
  unit: text,
  dataset: 'beneficiaries',
  date: 'exit_date',
  distinct: 'territory',
});

describe('explain’s trace of a distinct count of a column', () => {
  it('leaves out a row without a key as no value, and tells the key of each row of the cell', () => {
    const trace = traceOf('dep:93', '2024');
    const rows: BeneficiaryInput[] = [
      { beneficiary_id: 'q1', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2024-03-01', territory: 'dep:93' }, // 2
      { beneficiary_id: 'q2', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2024-03-01' }, // 3: no key
      { beneficiary_id: 'q3', site_id: 'S1', entry_date: '2022-01-01', territory: 'dep:93' }, // 4: no date
      { beneficiary_id: 'q4', site_id: 'S1', entry_date: '2022-01-01', exit_date: '2024-04-01', territory: 'dep:93' }, // 5
    ];
    const r = run({
      indicators: ['test.territories'],
      extra: [sitesSeen],
      beneficiaries: rows,
      trace: { sink: trace, indicators: ['test.territories'] },
    });
    expect(Object.fromEntries(trace.excludedBy.get('test.territories')!)).toEqual({ 'no-value': 1, 'no-date': 1 });
    expect(trace.rows.map((row) => [row.ref.line, row.detail.key])).toEqual([
      [2, 'dep:93'],
      [5, 'dep:93'],
    ]);
    expect(r.value('test.territories', { territory: 'dep:93', period: '2024' }).value).toBe(1);
  });
});

describe('explain’s trace of a stock', () => {
  it('tells the rows active on no period’s end as inactive, and the cell’s rows with their value on its day', () => {
    const trace = traceOf('dep:93', '2023');
    const rows: BeneficiaryInput[] = [
      { beneficiary_id: 's1', site_id: 'S1', entry_date: '2023-02-01', age: 30 }, // 2: active at both ends
      { beneficiary_id: 's2', site_id: 'S1', entry_date: '2023-02-01', exit_date: '2023-06-01', age: 40 }, // 3: never at an end
      { beneficiary_id: 's3', site_id: 'S1', entry_date: '2024-02-01', age: 50 }, // 4: 2024 only
      { beneficiary_id: 's4', site_id: 'S1', entry_date: '2023-03-01' }, // 5: active, worth 1
      { beneficiary_id: 's5', site_id: 'S1', entry_date: '2023-03-01', gender: 'm', age: 60 }, // 6: filtered, not inactive
    ];
    const r = run({
      indicators: ['test.enrolled'],
      extra: [enrolled],
      beneficiaries: rows,
      trace: { sink: trace, indicators: ['test.enrolled'] },
    });
    expect(Object.fromEntries(trace.excludedBy.get('test.enrolled')!)).toEqual({ filter: 1, inactive: 1 });
    expect(trace.rows.map((row) => [row.ref.line, row.value])).toEqual([
      [2, 30],
      [5, 1],
    ]);
    expect(lines(trace.passing.get('test.enrolled')!)).toEqual([2, 4, 5]);
    expect(r.value('test.enrolled', { territory: 'dep:93', period: '2023' }).value).toBe(31);
    expect(r.value('test.enrolled', { territory: 'dep:93', period: '2024' }).value).toBe(81);
  });
});

describe('a row function’s error, named at the first row it fails on', () => {
  const failure = (definition: object, beneficiaries: BeneficiaryInput[]) => {
    const r = run({ indicators: [(definition as { id: string }).id], extra: [definition], beneficiaries });
    return [...r.evaluation.engine.failures.values()];
  };
  const row = (id: string, extra: Partial<BeneficiaryInput> = {}): BeneficiaryInput => ({
    beneficiary_id: id,
    site_id: 'S1',
    entry_date: '2023-05-01',
    ...extra,
  });

  it('a value that is not a finite number, on its own line', () => {
    const bad = defineIndicator({
      id: 'test.bad_value',
      kind: 'flow',
      title: text,
      description: text,
      unit: text,
      dataset: 'beneficiaries',
      date: 'entry_date',
      value: (r) => (r.beneficiary_id === 'x' ? Number.NaN : 1),
    });
    expect(failure(bad, [row('a'), row('x'), row('x')])).toEqual([
      'test: value() returned NaN for test/beneficiaries:3 (on test/beneficiaries:3)',
    ]);
  });

  it('a date that is no calendar day, or not of the form YYYY-MM-DD', () => {
    const dated = (id: string, date: (r: BeneficiaryInput) => string) =>
      defineIndicator({
        id,
        kind: 'flow',
        title: text,
        description: text,
        unit: text,
        dataset: 'beneficiaries',
        date: date as never,
      });
    expect(
      failure(
        dated('test.feb', (r) => (r.beneficiary_id === 'x' ? '2023-02-30' : r.entry_date)),
        [row('a'), row('x')],
      ),
    ).toEqual(['test: date() returned "2023-02-30", expected YYYY-MM-DD (on test/beneficiaries:3)']);
    expect(
      failure(
        dated('test.short', (r) => (r.beneficiary_id === 'x' ? '2023-2-3' : r.entry_date)),
        [row('x')],
      ),
    ).toEqual(['test: date() returned "2023-2-3", expected YYYY-MM-DD (on test/beneficiaries:2)']);
    expect(
      failure(
        dated('test.long', (r) => (r.beneficiary_id === 'x' ? `${r.entry_date}T00:00` : r.entry_date)),
        [row('a'), row('b'), row('x')],
      ),
    ).toEqual(['test: date() returned "2023-05-01T00:00", expected YYYY-MM-DD (on test/beneficiaries:4)']);
    expect(
      failure(
        dated('test.prefix', (r) => (r.beneficiary_id === 'x' ? `x${r.entry_date}` : r.entry_date)),
        [row('x')],
      ),
    ).toEqual(['test: date() returned "x2023-05-01", expected YYYY-MM-DD (on test/beneficiaries:2)']);
  });

  it('a stock whose activeAt fails on a later row one day and an earlier row another: the earlier row', () => {
    // Period ends in order: the range's end 2024-12-31 (asked first), 2023-12-31, 2024-12-31.
    // Row 2 (line 4) fails on 2024-12-31; row 1 (line 3) fails on 2023-12-31, and is named.
    const stock = defineIndicator({
      id: 'test.flaky',
      kind: 'stock',
      title: text,
      description: text,
      unit: text,
      dataset: 'beneficiaries',
      activeAt: (r, date) => {
        if (r.beneficiary_id === 'late' && date === '2024-12-31') throw new Error('late fails');
        if (r.beneficiary_id === 'early' && date === '2023-12-31') throw new Error('early fails');
        return true;
      },
    });
    expect(failure(stock, [row('a'), row('early'), row('late')])).toEqual([
      'test: early fails (on test/beneficiaries:3)',
    ]);
  });

  it('a stock whose activeAt fails on a row one day: later days are not asked of the rows after it', () => {
    // `late` (line 3) fails on 2024-12-31, asked first; `after` (line 4) would fail on 2023-12-31.
    const stock = defineIndicator({
      id: 'test.flaky_after',
      kind: 'stock',
      title: text,
      description: text,
      unit: text,
      dataset: 'beneficiaries',
      activeAt: (r, date) => {
        if (r.beneficiary_id === 'late' && date === '2024-12-31') throw new Error('late fails');
        if (r.beneficiary_id === 'after' && date === '2023-12-31') throw new Error('after fails');
        return true;
      },
    });
    expect(failure(stock, [row('a'), row('late'), row('after')])).toEqual([
      'test: late fails (on test/beneficiaries:3)',
    ]);
  });
});

describe('rows whose territory is coarser than the breakdown’s level', () => {
  it('are told row by row with their line, from their own territory or their site’s', () => {
    const told: [string, string, SourceRef][] = [];
    const coarseSites: SiteInput[] = [
      { site_id: 'S1', org_id: 'A', territory: 'dep:93', kind: 'mobility_platform' },
      { site_id: 'S2', org_id: 'B', territory: 'com:93066', kind: 'mobility_platform' },
    ];
    evaluate({
      range: RANGE,
      breakdown: ['territory:commune', 'period:year'],
      indicators: ['mobility.people_supported'],
      sites: coarseSites,
      organisations,
      beneficiaries: [
        { beneficiary_id: 'c1', site_id: 'S2', entry_date: '2023-05-01' }, // 2: its site's commune
        { beneficiary_id: 'c2', site_id: 'S1', entry_date: '2023-05-01' }, // 3: its site's département
        { beneficiary_id: 'c3', site_id: 'S2', entry_date: '2023-05-01', territory: 'dep:75' }, // 4: its own département
        { beneficiary_id: 'c4', site_id: 'S1', entry_date: '2023-05-01' }, // 5: its site's département again
      ],
      onCoarse: (code, level, ref) => told.push([code, level, ref]),
    });
    expect(told.map(([code, level, ref]) => [code, level, ref.line])).toEqual([
      ['dep:93', 'commune', 3],
      ['dep:75', 'commune', 4],
      ['dep:93', 'commune', 5],
    ]);
  });
});

describe('explain’s trace of an indicator with two sources on one table', () => {
  it('tells the cell’s rows in row order whatever source used them', () => {
    // Women counted by the first source, men by the second: row 0 (a man) is the second source's.
    const both = defineIndicator({
      id: 'test.both',
      kind: 'flow',
      title: text,
      description: text,
      unit: text,
      sources: [
        { dataset: 'beneficiaries', date: 'entry_date', where: [{ column: 'gender', op: 'eq', value: 'f' }] },
        { dataset: 'beneficiaries', date: 'entry_date', where: [{ column: 'gender', op: 'eq', value: 'm' }] },
      ],
    });
    const trace = traceOf('dep:93', '2023');
    run({
      indicators: ['test.both'],
      extra: [both],
      beneficiaries: [
        { beneficiary_id: 'm1', site_id: 'S1', entry_date: '2023-05-01', gender: 'm' }, // 2
        { beneficiary_id: 'f1', site_id: 'S1', entry_date: '2023-05-01', gender: 'f' }, // 3
        { beneficiary_id: 'm2', site_id: 'S1', entry_date: '2023-06-01', gender: 'm' }, // 4
      ],
      trace: { sink: trace, indicators: ['test.both'] },
    });
    expect(trace.rows.map((row) => row.ref.line)).toEqual([2, 3, 4]);
  });
});

describe('a distinct count of a column behind a row filter', () => {
  it('leaves out a row without a key as no value, and tells each kept row’s key', () => {
    const territories = defineIndicator({
      id: 'test.territories_filtered',
      kind: 'unique',
      title: text,
      description: text,
      unit: text,
      dataset: 'beneficiaries',
      date: 'entry_date',
      distinct: 'territory',
      filter: (row) => row.beneficiary_id !== 'out',
    });
    const trace = traceOf('dep:93', '2023');
    const r = run({
      indicators: ['test.territories_filtered'],
      extra: [territories],
      beneficiaries: [
        { beneficiary_id: 't1', site_id: 'S1', entry_date: '2023-05-01', territory: 'dep:93' }, // 2
        { beneficiary_id: 't2', site_id: 'S1', entry_date: '2023-05-01' }, // 3: no key
        { beneficiary_id: 'out', site_id: 'S1', entry_date: '2023-05-01', territory: 'dep:93' }, // 4: filtered
        { beneficiary_id: 't3', site_id: 'S1', entry_date: '2023-06-01', territory: 'dep:93' }, // 5
      ],
      trace: { sink: trace, indicators: ['test.territories_filtered'] },
    });
    expect(Object.fromEntries(trace.excludedBy.get('test.territories_filtered')!)).toEqual({
      filter: 1,
      'no-value': 1,
    });
    expect(trace.rows.map((row) => [row.ref.line, row.detail.key])).toEqual([
      [2, 'dep:93'],
      [5, 'dep:93'],
    ]);
    expect(r.value('test.territories_filtered', { territory: 'dep:93', period: '2023' }).value).toBe(1);
  });
});
