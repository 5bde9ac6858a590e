// From accumulated cells to values (src/engine/finalize.ts), in-process so that StrykerJS sees it:
// the ratios' error, empty and zero-denominator cells, the dimensions a ratio breaks down by, the
// order of a grid's cells, the 2^53 guard and how many values each indicator gives. Every expected
// value is worked out by hand from the rows below.
import { describe, expect, it } from 'vitest';
import { UNSAFE_TOTAL } from '../../src/engine/finalize.js';
import { type EngineInput, evaluate, type InvestmentInput } from '../helpers/engine.js';

const RANGE = { from: '2024-01-01', to: '2024-12-31' };
const ALL = '2024-01-01/2024-12-31';
const text = { en: 'Test', fr: 'Test' };
const common = { title: text, description: text, unit: text };

/** A flow over the investments: their euros by default, a count of rows with `format: 'count'` and no value. */
const flow = (id: string, more: object = { value: 'amount_eur' }) => ({
  id,
  kind: 'flow',
  format: 'euros',
  ...common,
  dataset: 'investments',
  date: 'date',
  attribution: false,
  ...more,
});
const ratio = (id: string, numerator: string, denominator: string, scale?: number) => ({
  id,
  kind: 'ratio',
  format: 'decimal',
  ...common,
  numerator,
  denominator,
  ...(scale === undefined ? {} : { scale }),
});

const euros = flow('test.euros');
const rows = flow('test.rows', { format: 'count' });
const p1Rows = flow('test.p1_rows', {
  format: 'count',
  where: [{ column: 'programme', op: 'eq', value: 'p1' }],
});
const failing = flow('test.failing', {
  value: (row: { investee_id: string; amount_eur: number }) => {
    if (row.investee_id === 'B') throw new Error('no amount for B');
    return row.amount_eur;
  },
});

const organisations = ['A', 'B'].map((org_id) => ({ org_id, territory: 'dep:93' }));
const investment = (investee_id: string, euros: number, programme: string, date: string): InvestmentInput => ({
  investor_id: 'C',
  investee_id,
  euros,
  programme,
  date,
});
// p1: 300 + 100 euros in 2 rows; p2: 50 euros in 1 row. B's row is the second (test/investments:3).
const investments = [
  investment('A', 300, 'p1', '2024-02-01'),
  investment('B', 100, 'p1', '2024-03-01'),
  investment('A', 50, 'p2', '2024-04-01'),
];

function run(ids: string[], extra: object[], more: Partial<EngineInput> = {}) {
  return evaluate({
    range: RANGE,
    breakdown: ['programme'],
    indicators: ids,
    extra: [euros, rows, p1Rows, failing, ...extra],
    organisations,
    investments,
    ...more,
  });
}

describe('ratios', () => {
  it('divides each cell’s numerator by its denominator, times the scale', () => {
    const r = run(
      ['test.per_row', 'test.percent'],
      [ratio('test.per_row', 'test.euros', 'test.rows'), ratio('test.percent', 'test.rows', 'test.euros', 100)],
    );
    // euros per row: p1 400 / 2, p2 50 / 1, all 450 / 3
    expect(r.value('test.per_row', { programme: 'p1' })).toEqual({
      keys: ['p1', ALL],
      margin: [false, true],
      value: 200,
      numerator: 400,
      denominator: 2,
    });
    expect(r.value('test.per_row', { programme: 'p2' })).toMatchObject({ value: 50, numerator: 50, denominator: 1 });
    expect(r.value('test.per_row')).toMatchObject({ value: 150, numerator: 450, denominator: 3 });
    // 100 × rows per euro: p1 100 × 2 / 400 = 0.5
    expect(r.value('test.percent', { programme: 'p1' })).toMatchObject({ value: 0.5, numerator: 2, denominator: 400 });
  });

  it('gives no value and a note when the denominator is 0', () => {
    const r = run(['test.per_p1'], [ratio('test.per_p1', 'test.euros', 'test.p1_rows')]);
    // p2 has no row of programme p1
    expect(r.value('test.per_p1', { programme: 'p2' })).toEqual({
      keys: ['p2', ALL],
      margin: [false, true],
      value: null,
      numerator: 50,
      denominator: 0,
      note: 'zero denominator',
    });
    expect(r.value('test.per_p1')).toMatchObject({ value: 225, numerator: 450, denominator: 2 });
  });

  it('gives no value, and no note, when its numerator or denominator is a ratio without one', () => {
    const r = run(
      ['test.of_ratio', 'test.by_ratio'],
      [
        ratio('test.per_p1', 'test.euros', 'test.p1_rows'),
        ratio('test.of_ratio', 'test.per_p1', 'test.rows'),
        ratio('test.by_ratio', 'test.rows', 'test.per_p1'),
      ],
    );
    // test.per_p1 is empty in p2 (0 rows of p1 there); 200 in p1, 225 over all
    expect(r.value('test.of_ratio', { programme: 'p2' })).toEqual({
      keys: ['p2', ALL],
      margin: [false, true],
      value: null,
      numerator: null,
      denominator: 1,
    });
    expect(r.value('test.by_ratio', { programme: 'p2' })).toEqual({
      keys: ['p2', ALL],
      margin: [false, true],
      value: null,
      numerator: 1,
      denominator: null,
    });
    expect(r.value('test.of_ratio', { programme: 'p1' })).toMatchObject({ value: 100, numerator: 200, denominator: 2 });
    expect(r.value('test.by_ratio')).toMatchObject({ value: 3 / 225, numerator: 3, denominator: 225 });
  });

  it('fails in every cell, with the error of its numerator or denominator, when that one failed', () => {
    const r = run(
      ['test.failed_numerator', 'test.failed_denominator'],
      [
        ratio('test.failed_numerator', 'test.failing', 'test.rows'),
        ratio('test.failed_denominator', 'test.rows', 'test.failing'),
      ],
    );
    const error = 'test: no amount for B (on test/investments:3)';
    // the failed flow itself has one value: its error
    expect([...r.cells('test.failing').values()]).toEqual([
      { keys: ['total', ALL], margin: [true, true], value: null, error },
    ]);
    for (const id of ['test.failed_numerator', 'test.failed_denominator']) {
      const cells = [...r.cells(id).values()];
      expect(cells.map((c) => c.keys[0])).toEqual(['total', 'p1', 'p2']);
      for (const cell of cells) expect(cell).toEqual({ keys: cell.keys, margin: cell.margin, value: null, error });
    }
  });

  it('fails when its numerator or its denominator is not computed', () => {
    const unavailable = { value: null, error: 'numerator or denominator unavailable' };
    const definitions = [ratio('test.per_row', 'test.euros', 'test.rows')];
    for (const part of ['test.euros', 'test.rows']) {
      const r = run(['test.per_row'], definitions, { leaveOut: [part] });
      // without one of its parts a ratio breaks down by nothing: its one cell is the grand total
      expect([...r.cells('test.per_row').values()]).toEqual([
        { keys: ['total', ALL], margin: [true, true], ...unavailable },
      ]);
    }
  });

  it('breaks down only by the dimensions both its numerator and its denominator have', () => {
    // people per euro: beneficiaries have a gender and an organisation (their site's), investments
    // only an organisation (the investee)
    const people = {
      id: 'test.people',
      kind: 'flow',
      format: 'count',
      ...common,
      dataset: 'beneficiaries',
      date: 'entry_date',
      attribution: false,
    };
    const r = run(['test.people_per_euro'], [people, ratio('test.people_per_euro', 'test.people', 'test.euros')], {
      breakdown: ['organisation', 'gender'],
      sites: [{ site_id: 'S1', org_id: 'A', territory: 'dep:93' }],
      beneficiaries: [
        { beneficiary_id: 'b1', site_id: 'S1', entry_date: '2024-05-01', gender: 'f' },
        { beneficiary_id: 'b2', site_id: 'S1', entry_date: '2024-06-01', gender: 'm' },
      ],
    });
    expect([...r.cells('test.people').keys()]).toContain('A|f|*');
    // A: 2 people / 350 euros; B: 0 / 100; all: 2 / 450 — and no cell by gender
    expect([...r.cells('test.people_per_euro').keys()]).toEqual(['*|*|*', 'A|*|*', 'B|*|*']);
    expect(r.value('test.people_per_euro', { organisation: 'A' })).toMatchObject({ numerator: 2, denominator: 350 });
    expect(r.value('test.people_per_euro', { organisation: 'B' })).toMatchObject({ value: 0, denominator: 100 });
  });
});

describe('the grid', () => {
  it('lists the margin first, then the values sorted, the unknown value last', () => {
    const r = run(['test.euros'], [], {
      investments: [
        investment('A', 1, 'p2', '2024-01-05'),
        { investor_id: 'C', investee_id: 'A', euros: 2, date: '2024-01-06' },
        investment('A', 4, 'p3', '2024-01-07'),
        investment('A', 8, 'p1', '2024-01-08'),
      ],
    });
    expect([...r.cells('test.euros').values()].map((c) => [c.keys[0], c.value])).toEqual([
      ['total', 15],
      ['p1', 8],
      ['p2', 1],
      ['p3', 4],
      [null, 2],
    ]);
  });

  it('is known in size before any value is computed: one value for a failed indicator', () => {
    const r = run(['test.euros', 'test.failing', 'test.per_row'], [ratio('test.per_row', 'test.euros', 'test.rows')], {
      breakdown: ['programme', 'organisation', 'period:quarter'],
      // a fourth row without a programme: the programme's unknown value
      investments: [...investments, { investor_id: 'C', investee_id: 'B', euros: 1, date: '2024-11-01' }],
    });
    const sizes = [...r.results].map(([indicator, values]) => [
      indicator.id,
      r.evaluation.valueCount([indicator]),
      values.size,
    ]);
    // programme (margin, p1, p2, unknown) × organisation (margin, A, B) × period (range, 4 quarters) = 60
    expect(sizes).toEqual([
      ['test.euros', 60, 60],
      ['test.failing', 1, 1],
      ['test.per_row', 60, 60],
      ['test.rows', 60, 60],
    ]);
  });
});

describe('the 2^53 guard', () => {
  // 2^53 − 1 cents is still exact; 2^53 cents is not, nor is the total of both
  const big: InvestmentInput[] = [
    { investor_id: 'C', investee_id: 'A', cents: Number.MAX_SAFE_INTEGER, programme: 'largest', date: '2024-02-01' },
    { investor_id: 'C', investee_id: 'A', cents: 2 ** 53, programme: 'over', date: '2024-02-01' },
  ];
  const negative = flow('test.negative', { value: (row: { amount_eur: number }) => -row.amount_eur });

  it('publishes a sum of exactly 2^53 − 1 and refuses one beyond, of either sign', () => {
    const r = run(['test.euros', 'test.negative'], [negative], { investments: big });
    expect(r.value('test.euros', { programme: 'largest' }).value).toBe(Number.MAX_SAFE_INTEGER / 100);
    expect(r.value('test.negative', { programme: 'largest' }).value).toBe(-Number.MAX_SAFE_INTEGER / 100);
    for (const id of ['test.euros', 'test.negative']) {
      for (const programme of ['over', undefined]) {
        expect(r.value(id, { programme })).toEqual({
          keys: [programme ?? 'total', ALL],
          margin: [programme === undefined, true],
          value: null,
          error: UNSAFE_TOTAL,
        });
      }
    }
  });

  it('says why in English', () => {
    expect(UNSAFE_TOTAL).toBe('the total is beyond 2^53 (in cents for euros) and cannot be computed exactly');
  });

  it('publishes a count of exactly 2^53 − 1 whole, and a sum of decimals with 12 significant digits', () => {
    const largest = flow('test.largest', { format: 'count', value: () => Number.MAX_SAFE_INTEGER });
    const tenth = flow('test.tenth', { format: 'decimal', value: () => 0.1 });
    const r = run(['test.largest'], [largest], { investments: investments.slice(0, 1) });
    expect(r.value('test.largest').value).toBe(Number.MAX_SAFE_INTEGER);
    const tenths = run(['test.tenth'], [tenth]);
    // 0.1 + 0.1 + 0.1 is 0.30000000000000004 in floating point
    expect(0.1 + 0.1 + 0.1).not.toBe(0.3);
    expect(tenths.value('test.tenth').value).toBe(0.3);
    expect(tenths.value('test.tenth', { programme: 'p1' }).value).toBe(0.2);
  });

  it('gives a ratio the error of a part’s cell beyond 2^53, in that cell only', () => {
    const r = run(
      ['test.per_row', 'test.rows_per_euro'],
      [ratio('test.per_row', 'test.euros', 'test.rows'), ratio('test.rows_per_euro', 'test.rows', 'test.euros')],
      { investments: big },
    );
    for (const id of ['test.per_row', 'test.rows_per_euro']) {
      expect(r.value(id, { programme: 'over' })).toMatchObject({ value: null, error: UNSAFE_TOTAL });
    }
    expect(r.value('test.per_row', { programme: 'largest' })).toMatchObject({
      value: Number.MAX_SAFE_INTEGER / 100,
      denominator: 1,
    });
    expect(r.value('test.rows_per_euro', { programme: 'largest' }).error).toBeUndefined();
  });
});

describe('attributable parts', () => {
  // E put 100 € of A's 300 €: share(E, A) = 1/3 all year
  const input: Partial<EngineInput> = {
    breakdown: ['period:year'],
    organisations: [
      { org_id: 'E', kind: 'investor', territory: 'dep:75' },
      { org_id: 'C', kind: 'investor', territory: 'dep:75' },
      { org_id: 'A', kind: 'association', territory: 'dep:93' },
    ],
    investments: [
      { investor_id: 'E', investee_id: 'A', euros: 100, date: '2024-01-10' },
      { investor_id: 'C', investee_id: 'A', euros: 200, date: '2024-01-10' },
    ],
    actions: [{ type: 'orientation', date: '2024-05-01', org_id: 'A' }],
  };
  const actions = { ...common, kind: 'flow', dataset: 'actions', date: 'date' };
  const count = { ...actions, id: 'test.actions', format: 'count' };
  // one euro (100 cents) per action
  const euro = { ...actions, id: 'test.action_euros', format: 'euros', value: () => 100 };

  it('rounds a count’s part to 6 decimals and a euro part to the cent', () => {
    const r = run(['test.actions', 'test.action_euros'], [count, euro], { ...input, reportingEntity: 'E' });
    expect(r.value('test.actions')).toMatchObject({ value: 1, attributable: 0.333333 });
    expect(r.value('test.actions', { period: '2024' })).toMatchObject({ value: 1, attributable: 0.333333 });
    // 100 cents × 1/3 = 33.33… cents: 0.33 €
    expect(r.value('test.action_euros')).toMatchObject({ value: 1, attributable: 0.33 });
  });

  it('sums the parts in the same order whatever order the rows came in', () => {
    // E holds all of Z and half of A and of B. Parts (cents): Z 2^52 × 1, A 1 × 0.5, B 1 × 0.5. In the
    // organisations' order (A, B, Z): 0.5 + 0.5 + 2^52 = 2^52 + 1. In the rows' order (Z, A, B) the
    // halves would be lost one by one (2^52 + 0.5 rounds to 2^52, to even): 2^52, a cent less.
    const halves = {
      breakdown: ['period:year'],
      reportingEntity: 'E',
      organisations: ['E', 'C', 'A', 'B', 'Z'].map((org_id) => ({ org_id, kind: 'investor', territory: 'dep:75' })),
      investments: [
        { investor_id: 'E', investee_id: 'A', euros: 100, date: '2024-01-10' },
        { investor_id: 'C', investee_id: 'A', euros: 100, date: '2024-01-10' },
        { investor_id: 'E', investee_id: 'B', euros: 100, date: '2024-01-10' },
        { investor_id: 'C', investee_id: 'B', euros: 100, date: '2024-01-10' },
        { investor_id: 'E', investee_id: 'Z', euros: 100, date: '2024-01-10' },
      ],
      actions: ['Z', 'A', 'B'].map((org_id) => ({ type: 'orientation', date: '2024-05-01', org_id })),
    } as Partial<EngineInput>;
    const big = {
      ...actions,
      id: 'test.big_euros',
      format: 'euros',
      value: (row: { org_id?: string }) => (row.org_id === 'Z' ? 2 ** 52 : 1),
    };
    const r = run(['test.big_euros'], [big], halves);
    expect(r.value('test.big_euros')).toMatchObject({
      value: (2 ** 52 + 2) / 100,
      attributable: (2 ** 52 + 1) / 100,
    });
  });

  it('gives no attributable part without a reporting entity', () => {
    const r = run(['test.actions', 'test.action_euros'], [count, euro], input);
    expect(r.value('test.actions')).toEqual({ keys: [ALL], margin: [true], value: 1 });
    expect(r.value('test.action_euros')).toEqual({ keys: [ALL], margin: [true], value: 1 });
  });
});
