import { describe, expect, it } from 'vitest';
import { ageBand, cellKeys, dimensionValue, planFromBreakdown, type RowFacts } from '../../src/engine/cells.js';

const split = (keys: string[]) => keys.map((k) => k.split('\u001f'));

describe('cellKeys', () => {
  it('gives a row its cell, every margin and the grand total', () => {
    expect(split(cellKeys(['dep:93', '2024'], ['FR', 'RANGE']))).toEqual([
      ['dep:93', '2024'],
      ['dep:93', 'RANGE'],
      ['FR', '2024'],
      ['FR', 'RANGE'],
    ]);
  });

  it('gives 2^n distinct keys for n dimensions', () => {
    const keys = cellKeys(['dep:93', 'f', 'true', '2024'], ['FR', 'total', 'total', 'RANGE']);
    expect(keys).toHaveLength(16);
    expect(new Set(keys).size).toBe(16);
  });

  it('puts a row whose dimension does not apply only in that margin', () => {
    expect(split(cellKeys([null, '2024'], ['FR', 'RANGE']))).toEqual([
      ['FR', '2024'],
      ['FR', 'RANGE'],
    ]);
    expect(split(cellKeys([], []))).toEqual([['']]);
  });

  it('never repeats a key when a value is spelt like its margin', () => {
    // a programme called "total" falls in the programme margin once, not twice
    expect(split(cellKeys(['total', '2024'], ['total', 'RANGE']))).toEqual([
      ['total', '2024'],
      ['total', 'RANGE'],
    ]);
  });
});

describe('dimensionValue', () => {
  const facts: RowFacts = { territory: 'com:93066', organisation: 'A', gender: 'f' };

  it('rolls a territory up to the requested level', () => {
    expect(dimensionValue(facts, { dimension: 'territory', territoryLevel: 'commune' })).toBe('com:93066');
    expect(dimensionValue(facts, { dimension: 'territory', territoryLevel: 'departement' })).toBe('dep:93');
    expect(dimensionValue(facts, { dimension: 'territory', territoryLevel: 'region' })).toBe('reg:11');
    // the country is the territory margin itself
    expect(dimensionValue(facts, { dimension: 'territory', territoryLevel: 'country' })).toBeNull();
  });

  it('reports a coarser territory under its own code and says so', () => {
    const coarse: [string, string][] = [];
    const onCoarse = (code: string, level: string) => coarse.push([code, level]);
    const dep = { territory: 'dep:93' };
    expect(dimensionValue(dep, { dimension: 'territory', territoryLevel: 'commune' }, onCoarse)).toBe('dep:93');
    expect(
      dimensionValue({ territory: 'FR' }, { dimension: 'territory', territoryLevel: 'region' }, onCoarse),
    ).toBeNull();
    expect(coarse).toEqual([
      ['dep:93', 'commune'],
      ['FR', 'region'],
    ]);
  });

  it('reads other dimensions from the facts; absent means not applicable', () => {
    expect(dimensionValue(facts, { dimension: 'gender' })).toBe('f');
    expect(dimensionValue(facts, { dimension: 'organisation' })).toBe('A');
    expect(dimensionValue(facts, { dimension: 'programme' })).toBeNull();
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
    expect(ageBand(undefined, youth)).toBe('unknown');
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
