// Period labels that do not overlap, and top-N bars without zero bars (charts.ts), on hand-sized cases.
import { describe, expect, it } from 'vitest';
import { shownLabels } from '../../src/report/charts.js';

describe('shownLabels', () => {
  it('labels every period when the widest label fits its share of the width', () => {
    // 5 labels of 3 characters: 3 × 6.2 + 6 = 24.6 px, under 380 / 5 = 76 px each.
    expect(shownLabels(['100', '200', '300', '400', '500'])).toEqual([true, true, true, true, true]);
  });

  it('labels every second period, counted back from the last, when labels would touch', () => {
    // 7 labels of 11 characters (`1 234 567 €`): 11 × 6.2 + 6 = 74.2 px, over 380 / 7 ≈ 54.3: every 2nd.
    const texts = Array(7).fill('1 234 567 €');
    expect(shownLabels(texts)).toEqual([true, false, true, false, true, false, true]);
  });

  it('always labels the latest period, and nothing for no period', () => {
    // 12 labels of 10 characters: 68 px over 380 / 12 ≈ 31.7: every 3rd, back from the 12th.
    const shown = shownLabels(Array(12).fill('12 345,6 €'));
    expect(shown.at(-1)).toBe(true);
    expect(shown.filter(Boolean)).toHaveLength(4);
    expect(shownLabels([])).toEqual([]);
  });
});

describe('bars by territory', () => {
  it('draws no zero bar: a territory at 0 over the whole range is left out of the top bars', async () => {
    const { indicatorChart } = await import('../../src/report/charts.js');
    const { sampleReport } = await import('./sample.js');
    const report = sampleReport();
    const whole = '2024-01-01/2025-06-30';
    const rows = [
      { indicator: 'people', territory: 'dep:93', period: whole, margin: ['period'], value: 1230 },
      { indicator: 'people', territory: 'dep:59', period: whole, margin: ['period'], value: 0 },
      { indicator: 'people', territory: 'dep:62', period: whole, margin: ['period'], value: 7 },
    ];
    const spec = JSON.stringify(indicatorChart(report, report.indicators[0]!, rows).spec);
    expect(spec).toContain('"label":"dep:93 Seine-Saint-Denis"');
    expect(spec).toContain('"label":"dep:62 Pas-de-Calais"');
    expect(spec).not.toContain('dep:59');
  });
});
