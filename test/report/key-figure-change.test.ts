// Key figures in Markdown and HTML show the latest period's change against the one before (Δ), as the
// table's summary does; a share moves in percentage points, and a suppressed cell shows none.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/model.js';
import { sampleReport } from './sample.js';

const NBSP = '\u00a0';

/** The sample with 2025 beside 2024 for euros (734,50 € → 500 €) and a share (40 % → 43,75 %). */
function withChanges(): Report {
  const base = sampleReport();
  return {
    ...base,
    values: [
      ...base.values,
      { indicator: 'invested', territory: 'FR', period: '2024', margin: ['territory'], value: 734.5 },
      {
        indicator: 'invested',
        territory: 'FR',
        period: '2025',
        margin: ['territory'],
        value: 500,
        previous: 734.5,
        change: -234.5,
      },
      {
        indicator: 'rate',
        territory: 'FR',
        period: '2025',
        margin: ['territory'],
        value: 0.4375,
        numerator: 7,
        denominator: 16,
        previous: 0.4,
        change: 0.0375,
        change_points: 3.75,
      },
      // A suppressed cell's change would tell its hidden count: never shown.
      {
        indicator: 'people',
        territory: 'FR',
        period: '2026',
        margin: ['territory'],
        value: null,
        suppressed: true,
        previous: 4,
        change: -1,
      },
    ],
  };
}

describe('the change beside each key figure', () => {
  const report = withChanges();

  it('Markdown: the euros by 234,50 € down, the share by 3,8 points up, none for people', () => {
    const md = renderMarkdown(report);
    const line = (title: string) => md.split('\n').find((l) => l.startsWith(`- **${title}**`))!;
    // 500 − 734,50 = −234,50; 43,75 % − 40 % = 3,75 points, shown to one decimal.
    expect(line('Euros investis')).toContain(`— Δ 2025${NBSP}: -234,50${NBSP}€`);
    expect(line('Taux')).toContain(`— Δ 2025${NBSP}: +3,8 pts`);
    expect(line('Personnes')).not.toContain('Δ');
  });

  it('HTML: the same under each card’s figure', async () => {
    const html = await renderHtml(report);
    const cards = [...html.matchAll(/<a class="card[^"]*"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => m[1]!);
    const card = (title: string) => cards.find((c) => c.includes(`<p class="card-title">${title}</p>`))!;
    expect(card('Euros investis')).toContain(`<p class="change">Δ 2025${NBSP}: -234,50${NBSP}€</p>`);
    expect(card('Taux')).toContain(`<p class="change">Δ 2025${NBSP}: +3,8 pts</p>`);
    expect(card('Personnes')).not.toContain('class="change"');
  });
});
