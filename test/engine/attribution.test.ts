// INDICATORS.md "Attribution to the reporting entity E", checked against shares worked out by hand.
import { describe, expect, it } from 'vitest';
import type { InvestmentRow, OrganisationRow } from '../../src/data/datasets.js';
import { defineIndicator } from '../../src/define.js';
import { Attribution } from '../../src/engine/attribution.js';
import { evaluate, toCents } from '../helpers/engine.js';

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
  const attribution = new Attribution('E', investments, organisations);

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

  it('stops on funds that hold each other', () => {
    const loop = new Attribution(
      'E',
      [inv('E', 'F1', 100, '2023-01-01'), inv('F1', 'F2', 100, '2023-01-01'), inv('F2', 'F1', 100, '2023-01-01')],
      orgs({ E: 'investor', F1: 'fund', F2: 'fund' }),
    );
    expect(Number.isFinite(loop.share('F2', '2023-12-31'))).toBe(true);
  });
});

describe('attributable values', () => {
  // X runs a mobility platform; E holds X only through F1 -> F2 (40% × 50% = 20%).
  const result = evaluate({
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

  it('multiplies a stock by the share at the period end', () => {
    // end 2023: 2 platforms × (1,000 × 0.2 / 1,000) = 0.4
    expect(result.value('mobility.platforms_open', { period: '2023' }).attributable).toBeCloseTo(0.4, 6);
    // end 2024: 2 × (1,000 × 0.2 / 2,000) = 0.2
    expect(result.value('mobility.platforms_open', { period: '2024' }).attributable).toBeCloseTo(0.2, 6);
  });

  it('multiplies a flow by the share at its cell’s end; E’s own actions are wholly its own', () => {
    // 2023: X's orientation × 0.2 + E's × 1 = 1.2
    expect(result.value('network.orientations', { period: '2023' }).attributable).toBeCloseTo(1.2, 6);
    // over the range, D = 2024-12-31: X's × 0.1 + E's × 1 = 1.1
    expect(result.value('network.orientations', { territory: 'FR' }).attributable).toBeCloseTo(1.1, 6);
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
