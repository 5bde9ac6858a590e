// Attributable parts, a stock and leverage over columns on a small workspace, against numbers
// worked out by hand from INDICATORS.md's rules ("Attribution to the reporting entity E",
// "Attribution over time", the stock and finance.leverage rows of the catalogue) — never against
// the engine's own output. Each expected number carries its arithmetic.
import { beforeEach, describe, expect, it } from 'vitest';
import { type EngineInput, type EngineOutput, evaluate } from '../../helpers/engine.js';

// Range 2023–2024 by département and year. E is the reporting entity; F a fund held half by E.
//   I1  E → A  100k  2023-03-01                    w(E, E) = 1
//   I2  C → A  300k  2023-06-01                    w(E, C) = 0 (C is neither E nor a fund)
//   I3  E → F  200k  2023-01-15 (commitment)
//   I4  D → F  200k  2023-01-15 (commitment)      share(E, F, ·) = 200 × 1 / (200 + 200) = 0.5
//   I5  F → B  100k  2023-05-01 (loan), exited 2024-06-30
//   I6  C → B  100k  2024-02-01
// Shares at the year ends:
//   share(E, A, 2023-12-31) = share(E, A, 2024-12-31) = 100 × 1 / (100 + 300) = 0.25
//   share(E, B, 2023-12-31) = 100 × 0.5 / 100 = 0.5
//   share(E, B, 2024-12-31) = 100 × 0 / 100 = 0   (I5 no longer counts after its exit)
const input: EngineInput = {
  range: { from: '2023-01-01', to: '2024-12-31' },
  breakdown: ['territory:departement', 'period:year'],
  reportingEntity: 'E',
  organisations: [
    { org_id: 'E', kind: 'investor', territory: 'dep:75' },
    { org_id: 'C', kind: 'investor', territory: 'dep:75' },
    { org_id: 'D', kind: 'investor', territory: 'dep:75' },
    { org_id: 'F', kind: 'fund', territory: 'dep:75' },
    { org_id: 'A', kind: 'association', territory: 'dep:93' },
    { org_id: 'B', kind: 'association', territory: 'dep:69' },
  ],
  investments: [
    { investor_id: 'E', investee_id: 'A', date: '2023-03-01', euros: 100_000 },
    { investor_id: 'C', investee_id: 'A', date: '2023-06-01', euros: 300_000, instrument: 'grant' },
    { investor_id: 'E', investee_id: 'F', date: '2023-01-15', euros: 200_000, instrument: 'commitment' },
    { investor_id: 'D', investee_id: 'F', date: '2023-01-15', euros: 200_000, instrument: 'commitment' },
    {
      investor_id: 'F',
      investee_id: 'B',
      date: '2023-05-01',
      euros: 100_000,
      instrument: 'loan',
      exited_on: '2024-06-30',
    },
    { investor_id: 'C', investee_id: 'B', date: '2024-02-01', euros: 100_000 },
  ],
  sites: [
    { site_id: 'S1', org_id: 'A', territory: 'dep:93', kind: 'mobility_platform', opened_on: '2022-05-01' },
    {
      site_id: 'S2',
      org_id: 'B',
      territory: 'dep:69',
      kind: 'mobility_platform',
      opened_on: '2023-06-01',
      closed_on: '2024-03-31',
    },
    // Opened on the range's last day: open on that day.
    { site_id: 'S3', org_id: 'A', territory: 'dep:93', kind: 'mobility_platform', opened_on: '2024-12-31' },
    // Not a platform.
    { site_id: 'S4', org_id: 'B', territory: 'dep:69', kind: 'youth_project', opened_on: '2022-01-01' },
  ],
  actions: [
    { type: 'orientation', org_id: 'A', date: '2023-04-01' },
    { type: 'orientation', org_id: 'A', date: '2023-10-01' },
    { type: 'orientation', org_id: 'B', date: '2023-07-01' },
    { type: 'orientation', org_id: 'B', date: '2024-03-01' },
    { type: 'orientation', org_id: 'A', date: '2024-05-01' },
    // Another type: not an orientation.
    { type: 'support', org_id: 'A', date: '2023-04-01' },
  ],
};

let r: EngineOutput;
beforeEach(() => {
  r = evaluate({ ...input, indicators: ['network.orientations', 'mobility.platforms_open', 'finance.leverage'] });
});
const RANGE = '2023-01-01/2024-12-31';
const cell = (id: string, period: string, territory = 'FR') => r.value(id, { territory, period });

describe('a flow’s attributable part: each row at its own year’s end', () => {
  it('by year and département', () => {
    // 2023: A's 2 orientations × 0.25 + B's 1 × 0.5 = 0.5 + 0.5 = 1
    expect(cell('network.orientations', '2023')).toMatchObject({ value: 3, attributable: 1 });
    // 2024: A's 1 × 0.25 + B's 1 × 0 = 0.25
    expect(cell('network.orientations', '2024')).toMatchObject({ value: 2, attributable: 0.25 });
    // dep:93 (A) in 2023: 2 × 0.25 = 0.5; dep:69 (B) in 2023: 1 × 0.5 = 0.5
    expect(cell('network.orientations', '2023', 'dep:93')).toMatchObject({ value: 2, attributable: 0.5 });
    expect(cell('network.orientations', '2023', 'dep:69')).toMatchObject({ value: 1, attributable: 0.5 });
  });

  it('over the range: the sum of its years, not the share at the range’s end', () => {
    // 1 + 0.25 = 1.25 (the share at 2024-12-31 for every row would give 3 × 0.25 + 2 × 0 = 0.75)
    expect(cell('network.orientations', RANGE)).toMatchObject({ value: 5, attributable: 1.25 });
    // dep:69 (B): 0.5 in 2023 + 0 in 2024 = 0.5
    expect(cell('network.orientations', RANGE, 'dep:69')).toMatchObject({
      value: 2,
      attributable: 0.5,
    });
  });
});

describe('a stock at each period’s end, attributable at that end', () => {
  it('by year: the platforms open on 31 December, at that day’s shares', () => {
    // 2023-12-31: S1 (A) and S2 (B) open → 2; attributable 0.25 + 0.5 = 0.75
    expect(cell('mobility.platforms_open', '2023')).toMatchObject({ value: 2, attributable: 0.75 });
    // 2024-12-31: S1 and S3 (A; S3 opened that day), S2 closed on 2024-03-31 → 2; 2 × 0.25 = 0.5
    expect(cell('mobility.platforms_open', '2024')).toMatchObject({ value: 2, attributable: 0.5 });
    expect(cell('mobility.platforms_open', '2024', 'dep:93')).toMatchObject({ value: 2, attributable: 0.5 });
    expect(cell('mobility.platforms_open', '2024', 'dep:69')).toMatchObject({ value: 0, attributable: 0 });
    // dep:69 at 2023-12-31: S2 (B) → 1 × 0.5
    expect(cell('mobility.platforms_open', '2023', 'dep:69')).toMatchObject({ value: 1, attributable: 0.5 });
  });

  it('over the range: its value at the range’s end, never the sum of its years', () => {
    // At 2024-12-31: S1 and S3 → 2 (not 2 + 2 = 4); 2 × 0.25 = 0.5
    expect(cell('mobility.platforms_open', RANGE)).toMatchObject({ value: 2, attributable: 0.5 });
  });
});

describe('leverage: the organisations E finances in the cell, all their euros, over E’s euros', () => {
  it('by year', () => {
    // Numerator 2023: A is let in by I1 (w(E, E) = 1 > 0): I1 + I2 = 400k; B by I5 (w(E, F) = 0.5 > 0): 100k → 500k
    // finance.invested 2023: I1 100k × 1 + I5 100k × 0.5 = 150k → 500 / 150 = 3.333…
    const y2023 = cell('finance.leverage', '2023');
    expect(y2023.numerator).toBe(500_000);
    expect(y2023.denominator).toBe(150_000);
    expect(y2023.value).toBeCloseTo(500 / 150, 12);
    // 2024: B has only I6 (w(E, C) = 0): not let in → 0; E invested nothing → no value (zero denominator)
    expect(cell('finance.leverage', '2024')).toMatchObject({ value: null, numerator: 0, denominator: 0 });
  });

  it('by département: each organisation let in by its own cell’s rows', () => {
    // dep:93 2023 (A): 400k / 100k = 4; dep:69 2023 (B): 100k / 50k = 2
    expect(cell('finance.leverage', '2023', 'dep:93')).toMatchObject({ value: 4, numerator: 400_000 });
    expect(cell('finance.leverage', '2023', 'dep:69')).toMatchObject({ value: 2, numerator: 100_000 });
    // dep:69 in 2024 alone: B is not let in (I6 only) → numerator 0
    expect(cell('finance.leverage', '2024', 'dep:69')).toMatchObject({ numerator: 0 });
  });

  it('over the range: the gate is the range cell’s, so B’s 2024 euros come in through I5', () => {
    // A: 400k; B: I5 100k (opens) + I6 100k = 200k → 600k / 150k = 4
    expect(cell('finance.leverage', RANGE)).toMatchObject({
      value: 4,
      numerator: 600_000,
      denominator: 150_000,
    });
    // dep:69: 200k / 50k = 4
    expect(cell('finance.leverage', RANGE, 'dep:69')).toMatchObject({ value: 4 });
  });
});
