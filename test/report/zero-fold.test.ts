// The one-screen summary folds an indicator that is zero in every period and the total into one
// line naming it, instead of a row of zeros; an indicator with one non-zero value keeps its row.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { renderTable } from '../../src/report/table.js';
import { sampleReport } from './sample.js';

function withIndicator(report: Report, id: string, title: string, values: number[]): Report {
  const base = report.indicators.find((i) => i.id === 'invested')!;
  // Its rows are the invested rows' cells and margins, every value replaced by the given ones in turn.
  const rows = report.values.filter((v) => v.indicator === 'invested');
  return {
    ...report,
    indicators: [...report.indicators, { ...base, id, title, format: 'count', unit: 'plateformes' }],
    values: [
      ...report.values,
      ...rows.map((v, n) => {
        const { attributable: _a, ...rest } = v;
        return { ...rest, indicator: id, value: values[n % values.length]! };
      }),
    ],
  };
}

describe('the summary with an indicator that is zero everywhere', () => {
  const report = withIndicator(withIndicator(sampleReport(), 'opened', 'Ouvertures', [0]), 'closed', 'Fermetures', [2]);

  it('prints no row for it, and one line naming it, in French', () => {
    const out = renderTable(report);
    const summary = out.slice(0, out.indexOf('\n\n', out.indexOf('Chiffres clés')));
    expect(summary).not.toContain('Ouvertures');
    expect(out).toContain('1 indicateur nul partout\u00a0: opened');
    // An indicator of 2s beside it keeps its row.
    expect(summary).toMatch(/│ Fermetures/);
  });

  it('and in English', () => {
    const out = renderTable({ ...report, lang: 'en' });
    expect(out).toContain('1 indicator is zero everywhere: opened');
    expect(out).not.toMatch(/│ Ouvertures/);
  });
});
