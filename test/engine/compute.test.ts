// The engine's state (src/engine/compute.ts), run in-process: an indicator whose row function
// throws or returns no finite number fails alone, naming its file and line (rows written by hand);
// and the accumulators themselves, fed by hand as the column pass feeds them — a cell numbered once,
// its total and per-organisation parts summed, a gated flow's organisations let in once any row opens
// the gate, and one kind of accumulator per cell.
import { describe, expect, it } from 'vitest';
import { parseBreakdown } from '../../src/config/index.js';
import { MARGIN, planFromBreakdown, UNKNOWN_CODE } from '../../src/engine/cells.js';
import type { CompiledSource } from '../../src/engine/compiled.js';
import { accumulatorValue, cellAccumulator, cellLabels, Engine } from '../../src/engine/compute.js';
import type { CellValue } from '../../src/engine/finalize.js';
import { type ActionInput, type EngineInput, evaluate } from '../helpers/engine.js';

const RANGE = { from: '2025-01-01', to: '2025-12-31' };
const text = { en: 'Test', fr: 'Test' };
const actions: ActionInput[] = [
  { type: 'orientation', date: '2025-03-01', org_id: 'O' },
  { type: 'orientation', date: '2025-04-01', org_id: 'O' },
  { type: 'orientation', date: '2025-05-01', org_id: 'O' },
];
const flow = (id: string, value: (row: { date: string }) => number) => ({
  id,
  kind: 'flow',
  title: text,
  description: text,
  unit: text,
  dataset: 'actions',
  date: 'date',
  value,
});

/** The one cell a failed indicator gives: its error. */
function failure(extra: object, id: string): CellValue {
  const result = evaluate({
    range: RANGE,
    breakdown: ['period:year'],
    indicators: [id, 'network.orientations'],
    extra: [extra],
    organisations: [{ org_id: 'O', territory: 'dep:93' }],
    actions,
  });
  // The other indicators of the run are computed as usual.
  expect(result.value('network.orientations').value).toBe(3);
  const cells = [...result.cells(id).values()];
  expect(cells).toHaveLength(1);
  return cells[0]!;
}

describe('an indicator that fails on a row', () => {
  it('is an error naming where it was defined, what was thrown and the row', () => {
    const thrown = flow('my.thrown', (row) => {
      if (row.date === '2025-04-01') throw new Error('no weight for this row');
      return 1;
    });
    const cell = failure(thrown, 'my.thrown');
    expect(cell.value).toBeNull();
    expect(cell.error).toBe('test: no weight for this row (on test/actions:3)');
  });

  it('says what was thrown when it is not an Error', () => {
    const thrown = flow('my.thrown', (row) => {
      if (row.date === '2025-05-01') throw 'out of weights';
      return 1;
    });
    expect(failure(thrown, 'my.thrown').error).toBe('test: out of weights (on test/actions:4)');
  });

  it('is an error when a value is not a finite number', () => {
    expect(
      failure(
        flow('my.nan', () => Number.NaN),
        'my.nan',
      ).error,
    ).toBe('test: value() returned NaN for test/actions:2 (on test/actions:2)');
    const infinite = flow('my.infinite', (row) => (row.date === '2025-05-01' ? Number.POSITIVE_INFINITY : 1));
    expect(failure(infinite, 'my.infinite').error).toBe(
      'test: value() returned Infinity for test/actions:4 (on test/actions:4)',
    );
  });
});

describe('the accumulators', () => {
  const source = { indicator: { id: 'my.x' } } as unknown as CompiledSource;
  const other = { indicator: { id: 'my.y' } } as unknown as CompiledSource;
  const engine = () =>
    new Engine({
      range: RANGE,
      plans: [planFromBreakdown(parseBreakdown(['period:year']).items)],
      indicators: [],
      context: {} as never,
      factsOf: () => ({}) as never,
    });
  const group = (sum: number, open: boolean, parts: [string, number][] = []) => ({ sum, open, parts: new Map(parts) });

  it('numbers a cell once, on first sight, and names it as people read it', () => {
    const e = engine();
    const state = e.states[0]!;
    expect(e.cellOf(state, [0])).toBe(0);
    expect(e.cellOf(state, [MARGIN])).toBe(1);
    expect(e.cellOf(state, [0])).toBe(0);
    expect(state.cellCodes).toEqual([[0], [MARGIN]]);
    expect(cellLabels(state, [0])).toEqual({ keys: ['2025'], margin: [false] });
    expect(cellLabels(state, [MARGIN])).toEqual({ keys: ['2025-01-01/2025-12-31'], margin: [true] });
    e.addTotal(state, source, 1, 4);
    expect(cellAccumulator(state, source, [MARGIN])).toEqual({ type: 'sum', total: 4 });
    expect(cellAccumulator(state, source, [0])).toBeUndefined();
    expect(cellAccumulator(state, other, [MARGIN])).toBeUndefined();
    expect(cellAccumulator(state, source, [3])).toBeUndefined();
    expect(accumulatorValue(undefined)).toStrictEqual({ value: 0 });
  });

  it('names a dimension’s margin FR for the territory, total for any other, and an empty value null', () => {
    const e = new Engine({
      range: RANGE,
      plans: [planFromBreakdown(parseBreakdown(['territory:departement', 'gender', 'period:year']).items)],
      indicators: [],
      context: {} as never,
      factsOf: () => ({}) as never,
    });
    const state = e.states[0]!;
    state.dictionaries[0]!.code('dep:93');
    state.dictionaries[1]!.code('f');
    expect(cellLabels(state, [0, 0, 0])).toEqual({ keys: ['dep:93', 'f', '2025'], margin: [false, false, false] });
    expect(cellLabels(state, [MARGIN, MARGIN, 0])).toEqual({
      keys: ['FR', 'total', '2025'],
      margin: [true, true, false],
    });
    expect(cellLabels(state, [UNKNOWN_CODE, UNKNOWN_CODE, MARGIN]).keys).toStrictEqual([
      null,
      null,
      '2025-01-01/2025-12-31',
    ]);
  });

  it('sums a cell’s totals, and its per-organisation parts once it has some', () => {
    const e = engine();
    const state = e.states[0]!;
    e.cellOf(state, [0]);
    e.cellOf(state, [MARGIN]);
    e.addTotal(state, source, 0, 3);
    e.addTotal(state, source, 0, 4);
    expect(accumulatorValue(cellAccumulator(state, source, [0]))).toStrictEqual({ value: 7 });
    e.addParts(state, source, 0, 5, new Map([['A@2025-12-31', 5]]));
    e.addParts(
      state,
      source,
      0,
      2,
      new Map([
        ['A@2025-12-31', 1],
        ['B@2025-12-31', 1],
      ]),
    );
    expect(accumulatorValue(cellAccumulator(state, source, [0]))).toStrictEqual({
      value: 14,
      byOrganisation: new Map([
        ['A@2025-12-31', 6],
        ['B@2025-12-31', 1],
      ]),
    });
    e.addParts(state, source, 1, 2, new Map([['A@2025-12-31', 2]]));
    expect(accumulatorValue(cellAccumulator(state, source, [MARGIN]))).toStrictEqual({
      value: 2,
      byOrganisation: new Map([['A@2025-12-31', 2]]),
    });
  });

  it('lets an organisation of a gated flow in once any of its rows opens the gate', () => {
    const e = engine();
    const state = e.states[0]!;
    e.cellOf(state, [0]);
    e.addGated(state, source, 0, 'A', group(2, true, [['A@2025-12-31', 2]]));
    e.addGated(state, source, 0, 'A', group(3, false, [['A@2025-12-31', 3]]));
    e.addGated(state, source, 0, 'B', group(5, false, [['B@2025-12-31', 5]]));
    e.addGated(state, source, 0, 'C', group(7, false));
    e.addGated(state, source, 0, 'C', group(1, true, [['C@2025-12-31', 1]]));
    // A: 2 + 3, opened by its first rows; C: 7 + 1, opened by its last; B never opened.
    expect(accumulatorValue(cellAccumulator(state, source, [0]))).toStrictEqual({
      value: 13,
      byOrganisation: new Map([
        ['A@2025-12-31', 5],
        ['C@2025-12-31', 1],
      ]),
    });
  });

  it('keeps one kind of accumulator per cell', () => {
    const e = engine();
    const state = e.states[0]!;
    e.addGated(state, source, 0, 'A', group(2, true));
    expect(() => e.addParts(state, source, 0, 1, new Map())).toThrow('addParts: my.x is not a sum');
    e.addTotal(state, source, 1, 1);
    expect(() => e.addGated(state, source, 1, 'A', group(1, true))).toThrow('addGated: my.x is not gated');
  });
});

describe('a dimension a source’s dataset lacks', () => {
  // youth.reached counts beneficiaries (who have a gender) and adds reported youth_reached metrics
  // (which have none): by gender, the metrics are `unknown`, so the genders and unknown add up to
  // the margin. Worked by hand: f 1, m 1, unknown 5, total 7.
  const youth: Omit<EngineInput, 'breakdown'> = {
    range: RANGE,
    indicators: ['youth.reached'],
    organisations: [{ org_id: 'O', territory: 'dep:93' }],
    sites: [{ site_id: 'S', org_id: 'O', territory: 'dep:93' }],
    beneficiaries: [
      { beneficiary_id: 'b1', site_id: 'S', entry_date: '2025-02-01', age: 20, gender: 'f' },
      { beneficiary_id: 'b2', site_id: 'S', entry_date: '2025-03-01', age: 22, gender: 'm' },
    ],
    metrics: [{ org_id: 'O', metric: 'youth_reached', value: 5, period_start: '2025-01-01', period_end: '2025-06-30' }],
  };
  const byGender = (cells: Map<string, CellValue>) =>
    Object.fromEntries([...cells].filter(([k]) => k.endsWith('|*')).map(([k, c]) => [k, c.value]));

  it('is unknown for that source’s rows only, and only where the indicator has the dimension', () => {
    const result = evaluate({ ...youth, breakdown: ['gender', 'period:year'] });
    expect(byGender(result.cells('youth.reached'))).toEqual({ 'f|*': 1, 'm|*': 1, '?|*': 5, '*|*': 7 });
    // network.orientations has no gender at all: by gender it has only its margin, no unknown cell.
    const orientations = evaluate({
      range: RANGE,
      breakdown: ['gender', 'period:year'],
      indicators: ['network.orientations'],
      organisations: [{ org_id: 'O', territory: 'dep:93' }],
      actions,
    });
    expect(byGender(orientations.cells('network.orientations'))).toEqual({ '*|*': 3 });
  });

  it('is unknown in the plan that has the dimension when another plan of the run lacks it', () => {
    const result = evaluate({ ...youth, breakdown: ['period:year'], otherBreakdowns: [['gender', 'period:year']] });
    expect(result.value('youth.reached').value).toBe(7);
    expect(byGender(result.otherCells(0, 'youth.reached'))).toEqual({ 'f|*': 1, 'm|*': 1, '?|*': 5, '*|*': 7 });
    const reversed = evaluate({ ...youth, breakdown: ['gender', 'period:year'], otherBreakdowns: [['period:year']] });
    expect(byGender(reversed.cells('youth.reached'))).toEqual({ 'f|*': 1, 'm|*': 1, '?|*': 5, '*|*': 7 });
  });
});
