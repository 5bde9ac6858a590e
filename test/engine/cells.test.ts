import { describe, expect, it } from 'vitest';
import {
  ageBand,
  COUNTRY,
  cellId,
  cellTuples,
  Dictionary,
  dimensionValue,
  MARGIN,
  planFromBreakdown,
  type RowFacts,
  TOTAL,
  totalOf,
  UNKNOWN_CODE,
} from '../../src/engine/cells.js';
import { evaluate } from '../helpers/engine.js';

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

  it('says nothing of the country asked at country level, nor of a code at its own level', () => {
    const coarse: string[] = [];
    const onCoarse = (code: string) => coarse.push(code);
    expect(dimensionValue({ territory: 'FR' }, { dimension: 'territory', territoryLevel: 'country' }, onCoarse)).toBe(
      'FR',
    );
    expect(dimensionValue({ territory: 'dep:69' }, { dimension: 'territory' }, onCoarse)).toBe('dep:69');
    expect(coarse).toEqual([]);
  });

  it('rolls each code up on its own: the answers remembered for one code or level are not another’s', () => {
    const at = (territory: string, territoryLevel: 'commune' | 'departement' | 'region') =>
      dimensionValue({ territory }, { dimension: 'territory', territoryLevel });
    expect(at('com:69123', 'departement')).toBe('dep:69');
    expect(at('com:93066', 'departement')).toBe('dep:93');
    expect(at('com:93066', 'region')).toBe('reg:11');
    expect(at('com:69123', 'region')).toBe('reg:84');
    expect(at('com:69123', 'departement')).toBe('dep:69');
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

  it('reads every territory level by its name, département and year when none is given', () => {
    for (const level of ['commune', 'epci', 'departement', 'region', 'country']) {
      expect(planFromBreakdown([{ dimension: 'territory', level }]).dimensions).toEqual([
        { dimension: 'territory', territoryLevel: level },
      ]);
    }
    expect(planFromBreakdown([{ dimension: 'territory', level: 'canton' }]).dimensions).toEqual([
      { dimension: 'territory', territoryLevel: 'departement' },
    ]);
    expect(planFromBreakdown([{ dimension: 'territory' }, { dimension: 'period' }])).toEqual({
      dimensions: [{ dimension: 'territory', territoryLevel: 'departement' }],
      periodLevel: 'year',
    });
  });
});

describe('totalOf', () => {
  it('labels the territory margin FR and every other margin total', () => {
    expect(totalOf('territory')).toBe(COUNTRY);
    expect(COUNTRY).toBe('FR');
    for (const dimension of ['organisation', 'site', 'programme', 'gender', 'qpv', 'age_band'] as const) {
      expect(totalOf(dimension)).toBe(TOTAL);
    }
    expect(TOTAL).toBe('total');
  });
});

// Which dimensions each dataset's rows break down by (APPLICABLE, INDICATORS.md "Which row falls
// in which cell"): one row of each dataset, counted by one indicator per dataset, broken down by
// each dimension in turn. A dimension that does not apply gives that indicator its margin only.
describe('the dimensions of each dataset', () => {
  const text = { en: 'Test', fr: 'Test' };
  const DATES = {
    beneficiaries: 'entry_date',
    sites: 'opened_on',
    investments: 'date',
    actions: 'date',
    metrics: 'period_end',
    organisations: () => '2024-06-01',
  };
  const datasets = Object.keys(DATES) as (keyof typeof DATES)[];
  const counts = datasets.map((dataset) => ({
    id: `test.${dataset}`,
    kind: 'flow',
    format: 'count',
    title: text,
    description: text,
    unit: text,
    dataset,
    date: DATES[dataset],
    attribution: false,
  }));
  const run = (dimension: string) =>
    evaluate({
      range: { from: '2024-01-01', to: '2024-12-31' },
      breakdown: [dimension],
      indicators: counts.map((c) => c.id),
      extra: counts,
      organisations: [
        { org_id: 'A', kind: 'association', territory: 'dep:93' },
        { org_id: 'C', kind: 'investor', territory: 'dep:69' },
      ],
      sites: [{ site_id: 'S1', org_id: 'A', territory: 'dep:93', opened_on: '2024-02-01' }],
      beneficiaries: [
        { beneficiary_id: 'b1', site_id: 'S1', entry_date: '2024-03-01', gender: 'f', qpv: true, age: 30 },
      ],
      investments: [{ investor_id: 'C', investee_id: 'A', euros: 10, programme: 'p1', date: '2024-04-01' }],
      actions: [{ type: 'orientation', date: '2024-05-01', org_id: 'A' }],
      metrics: [
        { org_id: 'A', site_id: 'S1', metric: 'm', value: 2, period_start: '2024-01-01', period_end: '2024-06-30' },
      ],
    });
  // Per dimension, each cell of each dataset's count (value=count): a dimension's cells list every
  // value the plan's rows show there (C, in dep:69, is only the organisations' row); a dataset
  // left out has the margin only.
  const expected: Record<string, Partial<Record<(typeof datasets)[number], string[]>>> = {
    territory: {
      ...Object.fromEntries(datasets.map((d) => [d, ['dep:69=0', 'dep:93=1']])),
      organisations: ['dep:69=1', 'dep:93=1'],
    },
    organisation: {
      ...Object.fromEntries(datasets.map((d) => [d, ['A=1', 'C=0']])),
      organisations: ['A=1', 'C=1'],
    },
    site: { beneficiaries: ['S1=1'], sites: ['S1=1'], metrics: ['S1=1'] },
    programme: { investments: ['p1=1'] },
    gender: { beneficiaries: ['f=1'] },
    qpv: { beneficiaries: ['true=1'] },
    age_band: { beneficiaries: ['26-49=1'] },
  };
  for (const [dimension, byDataset] of Object.entries(expected)) {
    it(`breaks down by ${dimension} the rows of ${Object.keys(byDataset).join(', ')} only`, () => {
      const r = run(dimension);
      for (const dataset of datasets) {
        const values = [...r.cells(`test.${dataset}`).values()]
          .filter((c) => !c.margin[0])
          .map((c) => `${c.keys[0]}=${c.value}`);
        expect({ dataset, values }).toEqual({ dataset, values: byDataset[dataset] ?? [] });
      }
    });
  }
});
