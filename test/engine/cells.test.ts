import { describe, expect, it } from 'vitest';
import {
  ageBand,
  cellId,
  cellTuples,
  Dictionary,
  dimensionValue,
  MARGIN,
  planFromBreakdown,
  type RowFacts,
  UNKNOWN_CODE,
} from '../../src/engine/cells.js';

const M = MARGIN;

describe('cellTuples', () => {
  it('gives a row its cell, every margin and the grand total', () => {
    expect(cellTuples([3, 0])).toEqual([
      [3, 0],
      [3, M],
      [M, 0],
      [M, M],
    ]);
  });

  it('gives 2^n distinct tuples for n dimensions', () => {
    const tuples = cellTuples([0, 1, UNKNOWN_CODE, 2]);
    expect(tuples).toHaveLength(16);
    expect(new Set(tuples.map((t) => t.join())).size).toBe(16);
  });

  it('puts a row whose dimension does not apply only in that margin', () => {
    expect(cellTuples([M, 0])).toEqual([
      [M, 0],
      [M, M],
    ]);
    expect(cellTuples([])).toEqual([[]]);
  });
});

describe('cellId', () => {
  it('tells a margin, an unknown value and every spelling apart', () => {
    const ids = [
      cellId(['total'], [true]),
      cellId(['total'], [false]),
      cellId([null], [false]),
      cellId(['unknown'], [false]),
      cellId(['null'], [false]),
      cellId(['a\u001fb', 'c'], [false, false]),
      cellId(['a', 'b\u001fc'], [false, false]),
      cellId(['a,b', 'c'], [false, false]),
      cellId(['a', 'b,c'], [false, false]),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    // a margin is the margin whatever label it carries
    expect(cellId(['FR'], [true])).toBe(cellId(['total'], [true]));
  });
});

describe('Dictionary', () => {
  it('codes values in order of first appearance, each once', () => {
    const dict = new Dictionary();
    expect(['b', 'a', 'b', 'total'].map((v) => dict.code(v))).toEqual([0, 1, 0, 2]);
    expect(dict.values).toEqual(['b', 'a', 'total']);
  });
});

describe('dimensionValue', () => {
  const facts: RowFacts = { territory: 'com:93066', organisation: 'A', gender: 'f', qpv: null };

  it('rolls a territory up to the requested level', () => {
    expect(dimensionValue(facts, { dimension: 'territory', territoryLevel: 'commune' })).toBe('com:93066');
    expect(dimensionValue(facts, { dimension: 'territory', territoryLevel: 'departement' })).toBe('dep:93');
    expect(dimensionValue(facts, { dimension: 'territory', territoryLevel: 'region' })).toBe('reg:11');
    // the country is a cell of its own (coded FR), not the territory margin
    expect(dimensionValue(facts, { dimension: 'territory', territoryLevel: 'country' })).toBe('FR');
  });

  it('reports a coarser territory under its own code and says so', () => {
    const coarse: [string, string][] = [];
    const onCoarse = (code: string, level: string) => coarse.push([code, level]);
    const dep = { territory: 'dep:93' };
    expect(dimensionValue(dep, { dimension: 'territory', territoryLevel: 'commune' }, onCoarse)).toBe('dep:93');
    expect(dimensionValue({ territory: 'FR' }, { dimension: 'territory', territoryLevel: 'region' }, onCoarse)).toBe(
      'FR',
    );
    expect(coarse).toEqual([
      ['dep:93', 'commune'],
      ['FR', 'region'],
    ]);
  });

  it('reads other dimensions from the facts: null is unknown, absent means not applicable', () => {
    expect(dimensionValue(facts, { dimension: 'gender' })).toBe('f');
    expect(dimensionValue(facts, { dimension: 'organisation' })).toBe('A');
    expect(dimensionValue(facts, { dimension: 'qpv' })).toBeNull();
    expect(dimensionValue(facts, { dimension: 'programme' })).toBeUndefined();
    expect(dimensionValue({ territory: null }, { dimension: 'territory' })).toBeNull();
  });
});

describe('ageBand', () => {
  it('uses the youth band of the params and the fixed 50 boundary', () => {
    const youth: [number, number] = [16, 25];
    expect(ageBand(15, youth)).toBe('<16');
    expect(ageBand(16, youth)).toBe('16-25');
    expect(ageBand(25, youth)).toBe('16-25');
    expect(ageBand(26, youth)).toBe('26-49');
    expect(ageBand(49, youth)).toBe('26-49');
    expect(ageBand(50, youth)).toBe('50+');
    expect(ageBand(undefined, youth)).toBeNull();
    expect(ageBand(30, [18, 30])).toBe('18-30');
    expect(ageBand(31, [18, 30])).toBe('31-49');
  });
});

describe('planFromBreakdown', () => {
  it('keeps the non-period dimensions in order and the period level apart', () => {
    expect(
      planFromBreakdown([
        { dimension: 'territory', level: 'region' },
        { dimension: 'period', level: 'quarter' },
        { dimension: 'gender' },
      ]),
    ).toEqual({
      dimensions: [{ dimension: 'territory', territoryLevel: 'region' }, { dimension: 'gender' }],
      periodLevel: 'quarter',
    });
    expect(planFromBreakdown([{ dimension: 'territory' }]).periodLevel).toBeNull();
  });
});
