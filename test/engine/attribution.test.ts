// INDICATORS.md "Attribution to the reporting entity E", checked against shares worked out by hand.
import { beforeEach, describe, expect, it } from 'vitest';
import type { InvestmentRow, OrganisationRow } from '../../src/data/datasets.js';
import { defineIndicator } from '../../src/define.js';
import { Attribution, flowShareDays, solveLinear } from '../../src/engine/attribution.js';
import { type EngineOutput, evaluate, toCents } from '../helpers/engine.js';

const orgs = (kinds: Record<string, OrganisationRow['kind']>) =>
  new Map(Object.entries(kinds).map(([org_id, kind]) => [org_id, { org_id, name: org_id, kind }]));
let n = 0;
const inv = (investor_id: string, investee_id: string, euros: number, date: string): InvestmentRow => ({
  investment_id: `i${++n}`,
  investor_id,
  investee_id,
  amount_eur: toCents(euros),
  date,
  instrument: 'equity',
});

// E holds 40% of F1 (400 of 1,000); F1 holds 50% of F2 (500 of 1,000, beside C); F2 and D invest in X.
const organisations = orgs({
  E: 'investor',
  L: 'investor',
  C: 'investor',
  F1: 'fund',
  F2: 'fund',
  X: 'enterprise',
  Y: 'enterprise',
});
const investments = [
  inv('E', 'F1', 400, '2023-01-01'),
  inv('L', 'F1', 600, '2023-01-01'),
  inv('F1', 'F2', 500, '2023-02-01'),
  inv('C', 'F2', 500, '2023-02-01'),
  inv('F2', 'X', 300, '2023-06-01'),
  inv('C', 'X', 100, '2023-06-01'),
  inv('E', 'Y', 200, '2023-03-01'),
  inv('C', 'Y', 600, '2023-03-01'),
  // after 2023: E doubles its stake in F1, C puts more into Y
  inv('E', 'F1', 600, '2024-05-01'),
  inv('C', 'Y', 200, '2024-07-01'),
];

describe('share(E, X, D)', () => {
  // Made in each test, not at collection, so that StrykerJS sees which tests cover which code.
  let attribution: Attribution;
  beforeEach(() => {
    attribution = new Attribution('E', investments, organisations);
  });

  it('is the E-weighted part of the euros X received', () => {
    expect(attribution.share('Y', '2023-12-31')).toBeCloseTo(0.25, 12); // 200 / (200 + 600)
  });

  it('composes through funds of funds', () => {
    expect(attribution.share('F1', '2023-12-31')).toBeCloseTo(0.4, 12); // 400 / 1,000
    expect(attribution.share('F2', '2023-12-31')).toBeCloseTo(0.2, 12); // 500 × 0.4 / 1,000
    expect(attribution.share('X', '2023-12-31')).toBeCloseTo(0.15, 12); // 300 × 0.2 / (300 + 100)
  });

  it('ignores investments dated after D, and weighs funds at D', () => {
    // before X's financing: nothing yet, share 0
    expect(attribution.share('X', '2023-05-31')).toBe(0);
    // 2024-12-31: F1 = (400 + 600) / 1,600 = 0.625, F2 = 500 × 0.625 / 1,000 = 0.3125,
    // X = 300 × 0.3125 / 400 = 0.234375 (F2's 2023 investment is weighed by F2's share at D)
    expect(attribution.share('F1', '2024-12-31')).toBeCloseTo(0.625, 12);
    expect(attribution.share('X', '2024-12-31')).toBeCloseTo(0.234375, 12);
    // Y: 200 / (200 + 600 + 200) = 0.2 from 2024-07-01; 0.25 the day before
    expect(attribution.share('Y', '2024-06-30')).toBeCloseTo(0.25, 12);
    expect(attribution.share('Y', '2024-07-01')).toBeCloseTo(0.2, 12);
  });

  it('weighs investors: 1 for E, its share for a fund, 0 for anyone else', () => {
    expect(attribution.weight('E', '2023-12-31')).toBe(1);
    expect(attribution.weight('F2', '2023-12-31')).toBeCloseTo(0.2, 12);
    expect(attribution.weight('C', '2023-12-31')).toBe(0);
    // an enterprise is not a fund: its own investments are not looked through
    expect(attribution.weight('Y', '2023-12-31')).toBe(0);
  });

  it('is 0 everywhere without a reporting entity', () => {
    const none = new Attribution(undefined, investments, organisations);
    expect(none.share('Y', '2023-12-31')).toBe(0);
    expect(none.weight('E', '2023-12-31')).toBe(0);
  });
});

describe('what explain reads of the shares', () => {
  // Ids i1…i10 are the investments above, in order: i7 E → Y and i8 C → Y on 2023-03-01, i10 C → Y on
  // 2024-07-01; i5 F2 → X and i6 C → X on 2023-06-01.
  it('timeline: each change of share, with the investments into X or the funds above it that day', () => {
    const attribution = new Attribution('E', investments, organisations);
    const y = attribution.timeline('Y', '2024-12-31');
    expect(y.map((c) => c.date)).toEqual(['2023-03-01', '2024-07-01']);
    expect(y[0]!.share).toBeCloseTo(0.25, 12); // 200 / 800
    expect(y[1]!.share).toBeCloseTo(0.2, 12); // 200 / 1,000
    expect(y[0]!.why.map((w) => [w.investment_id, w.investor_id, w.investee_id, w.event])).toEqual([
      ['i7', 'E', 'Y', 'invested'],
      ['i8', 'C', 'Y', 'invested'],
    ]);
    expect(y[1]!.why.map((w) => w.investment_id)).toEqual(['i10']);
    expect(attribution.timeline('Y', '2024-06-30').map((c) => c.date)).toEqual(['2023-03-01']);
    // X through F2 and F1: 300 × 0.2 / 400 = 0.15 from 2023-06-01; E doubling in F1 on 2024-05-01
    // (F1 0.625, F2 0.3125) moves X to 0.234375, and the investment that did it is F1's, upstream.
    const x = attribution.timeline('X', '2024-12-31');
    expect(x.map((c) => [c.date, c.why.map((w) => w.investment_id)])).toEqual([
      ['2023-06-01', ['i5', 'i6']],
      ['2024-05-01', ['i9']],
    ]);
    expect(x[1]!.share).toBeCloseTo(0.234375, 12);
  });

  it('timeline: only funds are followed upstream, the why sorted by organisation, exits named, `until` included', () => {
    // G (fund) is held by E, then by C too; Z by G, and by C until C exits. C is no fund, so K's
    // investment into C is no reason Z's share changed. By hand:
    //   2023-01-01 a1 E → G 100, a2 G → Z 100: G = 1, Z = 1.
    //   2023-05-01 a5 C → G 100, a3 C → Z 100 (and a4 K → C): G = 100 / 200 = 0.5, Z = 100 × 0.5 / 200 = 0.25.
    //   2023-09-01 a3 exits: Z is held by G alone, Z = 0.5.
    const row = (id: string, from: string, to: string, date: string, exited_on?: string): InvestmentRow => ({
      investment_id: id,
      investor_id: from,
      investee_id: to,
      amount_eur: toCents(100),
      date,
      instrument: 'equity',
      ...(exited_on ? { exited_on } : {}),
    });
    const attribution = new Attribution(
      'E',
      [
        row('a1', 'E', 'G', '2023-01-01'),
        row('a2', 'G', 'Z', '2023-01-01'),
        row('a3', 'C', 'Z', '2023-05-01', '2023-09-01'),
        row('a4', 'K', 'C', '2023-05-01'),
        row('a5', 'C', 'G', '2023-05-01'),
      ],
      orgs({ E: 'investor', C: 'investor', K: 'investor', G: 'fund', Z: 'enterprise' }),
    );
    const z = attribution.timeline('Z', '2023-09-01');
    expect(z.map((c) => [c.date, c.why.map((w) => `${w.investment_id} ${w.event}`)])).toEqual([
      ['2023-01-01', ['a1 invested', 'a2 invested']], // G's before Z's
      ['2023-05-01', ['a5 invested', 'a3 invested']],
      ['2023-09-01', ['a3 exited']],
    ]);
    expect(z.map((c) => c.share)).toEqual([1, 0.25, 0.5]);
  });

  it('share: a fund E reaches only by an investment not yet made weighs 0 (its circle is not solved)', () => {
    // F1 and F2 hold each other from 2024-01-01; E joins F1 on 2024-06-01; F2 → X on 2024-03-01.
    // On 2024-03-01 E holds nothing: share 0 (solving F1 and F2 then, held only by each other, has no
    // solution). From 2024-06-01: s1 = 100/200 + (100/200) s2 and s2 = s1, so s1 = s2 = 1, X = 1.
    const attribution = new Attribution(
      'E',
      [
        { ...inv('E', 'F1', 100, '2024-06-01'), investment_id: 'b1' },
        { ...inv('F1', 'F2', 100, '2024-01-01'), investment_id: 'b2' },
        { ...inv('F2', 'F1', 100, '2024-01-01'), investment_id: 'b3' },
        { ...inv('F2', 'X', 100, '2024-03-01'), investment_id: 'b4' },
      ],
      orgs({ E: 'investor', F1: 'fund', F2: 'fund', X: 'enterprise' }),
    );
    expect(attribution.share('X', '2024-03-01')).toBe(0);
    expect(attribution.share('X', '2024-06-01')).toBeCloseTo(1, 12);
  });

  it('holdings: the investments into X that count on the day', () => {
    const attribution = new Attribution('E', investments, organisations);
    expect(attribution.holdings('Y', '2023-12-31').map((i) => i.investment_id)).toEqual(['i7', 'i8']);
    expect(attribution.holdings('Y', '2023-02-28')).toEqual([]);
  });

  it('used: every share asked for, once, never E’s own, nothing without a reporting entity', () => {
    const attribution = new Attribution('E', investments, organisations);
    attribution.share('Y', '2023-12-31');
    attribution.share('Y', '2023-12-31');
    attribution.share('E', '2023-12-31');
    expect([...attribution.used.values()]).toEqual([{ organisation: 'Y', date: '2023-12-31', share: 0.25 }]);
    const none = new Attribution(undefined, investments, organisations);
    none.share('Y', '2023-12-31');
    expect(none.used.size).toBe(0);
  });

  it('flowShareDays: each year’s last day in the cell, or the range’s end', () => {
    expect(flowShareDays('2023-03-01', '2025-06-30', '2025-06-30')).toEqual(['2023-12-31', '2024-12-31', '2025-06-30']);
    expect(flowShareDays('2024-01-01', '2024-12-31', '2025-12-31')).toEqual(['2024-12-31']);
  });
});

describe('only funds are looked through', () => {
  it('an enterprise E holds wholly weighs 0 when it invests in a fund', () => {
    // E owns X (an enterprise) outright; X and CO put 100 each into F. X is not a fund: w(E, X) = 0, so
    // share(E, F) = 0, not 0.5.
    const attribution = new Attribution(
      'E',
      [inv('E', 'X', 100, '2023-01-01'), inv('X', 'F', 100, '2023-02-01'), inv('CO', 'F', 100, '2023-02-01')],
      orgs({ E: 'investor', CO: 'investor', X: 'enterprise', F: 'fund' }),
    );
    expect(attribution.share('X', '2023-12-31')).toBe(1);
    expect(attribution.share('F', '2023-12-31')).toBe(0);
  });
});

describe('funds that hold each other (INDICATORS.md "Funds that hold each other")', () => {
  // F1 is held by E 1 M, CO 1 M and F2 1 M; F2 by F1 1 M and CO2 1 M:
  //   s1 = (1 + s2) / 3 and s2 = s1 / 2, so s1 = (1 + s1/2) / 3, 5 s1 / 6 = 1 / 3, s1 = 0.4, s2 = 0.2.
  const circleOrgs = orgs({ E: 'investor', CO: 'investor', CO2: 'investor', F1: 'fund', F2: 'fund' });
  const circle = [
    inv('E', 'F1', 1_000_000, '2023-01-01'),
    inv('CO', 'F1', 1_000_000, '2023-01-01'),
    inv('F2', 'F1', 1_000_000, '2023-01-01'),
    inv('F1', 'F2', 1_000_000, '2023-01-01'),
    inv('CO2', 'F2', 1_000_000, '2023-01-01'),
  ];

  it('solves the share equations: 0.4 and 0.2, whichever fund is asked first', () => {
    const f1First = new Attribution('E', circle, circleOrgs);
    expect(f1First.share('F1', '2023-12-31')).toBeCloseTo(0.4, 12);
    expect(f1First.share('F2', '2023-12-31')).toBeCloseTo(0.2, 12);
    const f2First = new Attribution('E', circle, circleOrgs);
    expect(f2First.share('F2', '2023-12-31')).toBeCloseTo(0.2, 12);
    expect(f2First.share('F1', '2023-12-31')).toBeCloseTo(0.4, 12);
  });

  it('gives the same shares whatever the order of the rows', () => {
    const reversed = new Attribution('E', [...circle].reverse(), circleOrgs);
    expect(reversed.share('F2', '2023-12-31')).toBeCloseTo(0.2, 12);
    expect(reversed.share('F1', '2023-12-31')).toBeCloseTo(0.4, 12);
    expect(reversed.weight('F2', '2023-12-31')).toBeCloseTo(0.2, 12);
  });

  it('gives share 0 to funds E does not reach', () => {
    const attribution = new Attribution('E', circle, orgs({ E: 'investor', F1: 'fund', F2: 'fund', G: 'fund' }));
    expect(attribution.share('G', '2023-12-31')).toBe(0);
    // before any investment, no fund is held by E
    expect(attribution.share('F1', '2022-12-31')).toBe(0);
  });
});

describe('solveLinear', () => {
  it('solves a system that needs a row swap', () => {
    // 0·x + 2y = 4, 3x + y = 5  ->  y = 2, x = 1
    expect(
      solveLinear([
        [0, 2, 4],
        [3, 1, 5],
      ]),
    ).toEqual([1, 2]);
  });

  it('divides by the pivot when it is not 1', () => {
    // 2x + y = 3, x + 3y = 5: factor 1/2, then 2.5y = 3.5 -> y = 1.4, x = (3 − 1.4) / 2 = 0.8
    const [x, y] = solveLinear([
      [2, 1, 3],
      [1, 3, 5],
    ]);
    expect(x).toBeCloseTo(0.8, 12);
    expect(y).toBeCloseTo(1.4, 12);
  });

  it('refuses a singular system instead of returning a guess', () => {
    expect(() =>
      solveLinear([
        [1, -1, 0],
        [-1, 1, 0],
      ]),
    ).toThrow(/no unique solution/);
  });
});

describe('the circle of funds in a report', () => {
  // The workspace of INDICATORS.md, plus F2's 100,000 € into X on 2023-06-01, X's one platform and
  // an orientation of X's: everywhere a share is used, F2's is 0.2 (X is held only by F2, so share(X) = 0.2).
  const input = (reverse: boolean) => {
    const investments = [
      { investor_id: 'E', investee_id: 'F1', euros: 1_000_000, date: '2023-01-01', instrument: 'commitment' as const },
      { investor_id: 'CO', investee_id: 'F1', euros: 1_000_000, date: '2023-01-01', instrument: 'commitment' as const },
      { investor_id: 'F2', investee_id: 'F1', euros: 1_000_000, date: '2023-01-01', instrument: 'commitment' as const },
      { investor_id: 'F1', investee_id: 'F2', euros: 1_000_000, date: '2023-01-01', instrument: 'commitment' as const },
      {
        investor_id: 'CO2',
        investee_id: 'F2',
        euros: 1_000_000,
        date: '2023-01-01',
        instrument: 'commitment' as const,
      },
      { investor_id: 'F2', investee_id: 'X', euros: 100_000, date: '2023-06-01' },
    ];
    return {
      range: { from: '2023-01-01', to: '2023-12-31' },
      reportingEntity: 'E',
      indicators: ['finance.invested', 'finance.invested_via_funds', 'mobility.platforms_open', 'network.orientations'],
      organisations: [
        { org_id: 'E', kind: 'investor' as const },
        { org_id: 'CO', kind: 'investor' as const },
        { org_id: 'CO2', kind: 'investor' as const },
        { org_id: 'F1', kind: 'fund' as const },
        { org_id: 'F2', kind: 'fund' as const },
        { org_id: 'X', territory: 'dep:93' },
      ],
      investments: reverse ? investments.reverse() : investments,
      sites: [
        { site_id: 'P', org_id: 'X', kind: 'mobility_platform' as const, territory: 'dep:93', opened_on: '2023-01-01' },
      ],
      actions: [{ type: 'orientation' as const, date: '2023-09-01', org_id: 'X' }],
    };
  };

  for (const reverse of [false, true]) {
    it(`looks through F2 at 0.2 in finance.invested and in attributable parts (rows ${reverse ? 'reversed' : 'in order'})`, () => {
      const r = evaluate(input(reverse));
      expect(r.value('finance.invested').value).toBe(20_000); // 100,000 × 0.2
      expect(r.value('finance.invested_via_funds').value).toBe(20_000);
      expect(r.value('mobility.platforms_open').attributable).toBeCloseTo(0.2, 6); // 1 platform × 0.2
      expect(r.value('network.orientations').attributable).toBeCloseTo(0.2, 6); // 1 orientation × 0.2
      expect(r.evaluation.attribution.share('F2', '2023-06-01')).toBeCloseTo(0.2, 12);
    });
  }
});

describe('attributable values', () => {
  // X runs a mobility platform; E holds X only through F1 -> F2 (40% × 50% = 20%).
  let result: EngineOutput;
  beforeEach(() => {
    result = evaluate({
      range: { from: '2023-01-01', to: '2024-12-31' },
      reportingEntity: 'E',
      indicators: ['mobility.platforms_open', 'network.orientations'],
      organisations: [
        { org_id: 'E', kind: 'investor', territory: 'dep:75' },
        { org_id: 'L', kind: 'investor' },
        { org_id: 'C', kind: 'investor' },
        { org_id: 'F1', kind: 'fund' },
        { org_id: 'F2', kind: 'fund' },
        { org_id: 'X', territory: 'dep:93' },
      ],
      investments: [
        { investor_id: 'E', investee_id: 'F1', euros: 400, date: '2023-01-01', instrument: 'commitment' },
        { investor_id: 'L', investee_id: 'F1', euros: 600, date: '2023-01-01', instrument: 'commitment' },
        { investor_id: 'F1', investee_id: 'F2', euros: 500, date: '2023-02-01', instrument: 'commitment' },
        { investor_id: 'C', investee_id: 'F2', euros: 500, date: '2023-02-01', instrument: 'commitment' },
        { investor_id: 'F2', investee_id: 'X', euros: 1_000, date: '2023-06-01' },
        // dated after the end of 2023: ignored at D = 2023-12-31, counted at D = 2024-12-31
        { investor_id: 'C', investee_id: 'X', euros: 1_000, date: '2024-03-01' },
      ],
      sites: [
        { site_id: 'P', org_id: 'X', kind: 'mobility_platform', territory: 'dep:93', opened_on: '2023-01-01' },
        { site_id: 'Q', org_id: 'X', kind: 'mobility_platform', territory: 'dep:93', opened_on: '2023-01-01' },
      ],
      actions: [
        { type: 'orientation', date: '2023-05-01', org_id: 'X' },
        { type: 'orientation', date: '2023-05-02', org_id: 'E' },
      ],
    });
  });

  it('multiplies a stock by the share at the period end', () => {
    // end 2023: 2 platforms × (1,000 × 0.2 / 1,000) = 0.4
    expect(result.value('mobility.platforms_open', { period: '2023' }).attributable).toBeCloseTo(0.4, 6);
    // end 2024: 2 × (1,000 × 0.2 / 2,000) = 0.2
    expect(result.value('mobility.platforms_open', { period: '2024' }).attributable).toBeCloseTo(0.2, 6);
  });

  it('multiplies a flow row by the share at its year’s end; E’s own actions are wholly its own', () => {
    // 2023: X's orientation × 0.2 + E's × 1 = 1.2
    expect(result.value('network.orientations', { period: '2023' }).attributable).toBeCloseTo(1.2, 6);
    // over the range, X's 2023 row keeps share(X, 2023-12-31) = 0.2 (not 0.1 at 2024-12-31): 1.2
    expect(result.value('network.orientations', { territory: 'FR' }).attributable).toBeCloseTo(1.2, 6);
  });

  it('attributes a flow gated by organisation through each organisation let in', () => {
    // euros received by organisations E finances: X (E 100 + C 300, share 0.25) is let in, Y (C only) is not
    const received = defineIndicator({
      id: 'my.received',
      kind: 'flow',
      title: { en: 'Received', fr: 'Reçus' },
      description: { en: 'Received', fr: 'Reçus' },
      unit: { en: '€', fr: '€' },
      format: 'euros',
      dataset: 'investments',
      date: 'date',
      value: (row) => row.amount_eur,
      organisationGate: (row, ctx) => ctx.investorWeight(row.investor_id, row.date) > 0,
    });
    const gated = evaluate({
      range: { from: '2024-01-01', to: '2024-12-31' },
      reportingEntity: 'E',
      indicators: ['my.received'],
      extra: [received],
      organisations: [
        { org_id: 'E', kind: 'investor' },
        { org_id: 'C', kind: 'investor' },
        { org_id: 'X', territory: 'dep:93' },
        { org_id: 'Y', territory: 'dep:93' },
      ],
      investments: [
        { investor_id: 'E', investee_id: 'X', euros: 100, date: '2024-02-02' },
        { investor_id: 'C', investee_id: 'X', euros: 300, date: '2024-02-02' },
        { investor_id: 'C', investee_id: 'Y', euros: 500, date: '2024-02-02' },
      ],
    });
    // value 400 (X only); attributable 400 × 100 / 400 = 100
    expect(gated.value('my.received')).toMatchObject({ value: 400, attributable: 100 });
  });
});
