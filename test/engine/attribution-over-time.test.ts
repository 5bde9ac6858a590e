// INDICATORS.md "Attribution over time": holdings that end, and flows attributed at their own
// year's end, checked against shares worked out by hand in test/fixtures/portfolio.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { builtInIndicators } from '../../indicators/index.js';
import { countsOn, yearEndDate } from '../../src/engine/attribution.js';
import { ALL, workspace } from '../fixtures/engine.js';
import { PORTFOLIO_ALL, portfolio } from '../fixtures/portfolio.js';
import { type EngineOutput, evaluate } from '../helpers/engine.js';

// Evaluated in each test (not at import) so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate({ ...portfolio, indicators: ['network.orientations'] });
});
const share = (org: string, date: string) => r.evaluation.attribution.share(org, date);
const orientations = (period: string, territory = 'FR') =>
  r.value('network.orientations', { territory, period }).attributable;

describe('an investment counts from its date until the day before its exit', () => {
  it('countsOn', () => {
    const held = { date: '2021-03-01', exited_on: '2023-06-30' };
    expect(countsOn(held, '2021-02-28')).toBe(false);
    expect(countsOn(held, '2021-03-01')).toBe(true);
    expect(countsOn(held, '2023-06-29')).toBe(true);
    expect(countsOn(held, '2023-06-30')).toBe(false); // an exit on D: no longer held on D
    expect(countsOn({ date: '2021-03-01' }, '2099-12-31')).toBe(true);
  });

  it('a direct exit: E’s 100k of A’s 200k, then nothing', () => {
    expect(share('A', '2023-06-29')).toBeCloseTo(0.5, 12);
    expect(share('A', '2023-06-30')).toBe(0); // C's 100k alone: 0 / 100k
  });

  it('a fund’s exit ends what is looked through', () => {
    expect(share('B', '2022-12-30')).toBeCloseTo(0.3, 12);
    expect(share('B', '2022-12-31')).toBe(0); // F's loan repaid: B has no counted investment
  });

  it('a holder leaving a fund ends its weight', () => {
    expect(share('F', '2023-09-29')).toBeCloseTo(0.3, 12); // 300 / (300 + 700)
    expect(share('F', '2023-09-30')).toBeCloseTo(1, 12); // 300 / 300
    expect(share('C2', '2023-12-31')).toBeCloseTo(1, 12);
  });

  it('funds of funds with an exit in between', () => {
    expect(share('F2', '2024-03-30')).toBeCloseTo(0.2, 12); // 400 × 0.5 / 1,000
    expect(share('D', '2024-03-30')).toBeCloseTo(0.2, 12);
    expect(share('F2', '2024-03-31')).toBe(0); // G has left: M's 600 × 0 / 600
    expect(share('D', '2024-12-31')).toBe(0);
  });
});

describe('a flow row takes the share on its own year’s last day', () => {
  it('yearEndDate: the year’s last day, or the range’s end when earlier', () => {
    expect(yearEndDate('2023-05-01', '2024-12-31')).toBe('2023-12-31');
    expect(yearEndDate('2024-05-01', '2024-06-30')).toBe('2024-06-30');
    expect(yearEndDate('2024-12-31', '2024-12-31')).toBe('2024-12-31');
  });

  it('attributable orientations by year', () => {
    expect(orientations('2021')).toBeCloseTo(0.8, 6); // A 0.5 + B 0.3
    expect(orientations('2022')).toBeCloseTo(0.8, 6); // A 0.5 + B 0 (repaid on 2022-12-31) + C2 0.3
    expect(orientations('2023')).toBeCloseTo(1.2, 6); // A 0 (exited) + C2 1 (L left) + D 0.2
    expect(orientations('2024')).toBeCloseTo(0, 6); // A 0 + D 0 (G left F2)
    expect(orientations('2023', 'dep:69')).toBeCloseTo(0.2, 6); // D
  });

  it('attributable orientations over the range: the sum of its years', () => {
    expect(r.value('network.orientations').value).toBe(10);
    expect(orientations(PORTFOLIO_ALL)).toBeCloseTo(2.8, 6); // 0.8 + 0.8 + 1.2 + 0
    expect(orientations(PORTFOLIO_ALL, 'dep:75')).toBeCloseTo(1.6, 6); // B 0.3 + C2 0.3 + C2 1
  });

  it('in quarter cells too, a row keeps its year’s share', () => {
    const byQuarter = evaluate({ ...portfolio, indicators: ['network.orientations'], breakdown: ['period:quarter'] });
    // A's 2023-05-01 orientation: share(A, 2023-06-30) would be 0 too, so take C2's 2023-03-01 one:
    // share(C2, 2023-03-31) = 0.3, but its year's end gives 1.
    expect(byQuarter.value('network.orientations', { period: '2023-Q1' }).attributable).toBeCloseTo(1, 6);
  });

  it('a range ending mid-year takes the range’s end', () => {
    const short = evaluate({
      ...portfolio,
      range: { from: '2021-01-01', to: '2023-06-29' },
      indicators: ['network.orientations'],
    });
    // A's 2023-05-01 row: share(A, 2023-06-29) = 0.5 (at 2023-12-31 it would be 0); C2's 2023-03-01
    // row: share(C2, 2023-06-29) = 0.3 (at 2023-12-31, 1). D's 2023-07-01 row is after the range.
    expect(short.value('network.orientations', { period: '2023' }).attributable).toBeCloseTo(0.8, 6);
  });
});

describe('every flow’s range total is the sum of its years', () => {
  const flows = builtInIndicators.filter((d) => d.kind === 'flow').map((d) => d.id);
  const cases = [
    { name: 'test/fixtures/engine.ts', input: workspace, all: ALL, years: ['2023', '2024', '2025'] },
    {
      name: 'test/fixtures/portfolio.ts',
      input: portfolio,
      all: PORTFOLIO_ALL,
      years: ['2021', '2022', '2023', '2024'],
    },
  ];
  for (const c of cases) {
    it(`in ${c.name}, values and attributable parts`, () => {
      const run = evaluate({ ...c.input, indicators: flows });
      for (const id of flows) {
        const total = run.value(id, { period: c.all });
        const years = c.years.map((period) => run.value(id, { period }));
        const sum = (pick: (v: (typeof years)[number]) => number | null | undefined) =>
          years.reduce((n, v) => n + (pick(v) ?? 0), 0);
        expect(total.value, id).toBeCloseTo(
          sum((v) => v.value),
          6,
        );
        if (total.attributable !== undefined)
          expect(total.attributable, id).toBeCloseTo(
            sum((v) => v.attributable),
            6,
          );
      }
    });
  }
});
