// `-f html` on a small hand-built report: escaping, one chart per indicator, target lines, no
// external resource, numbers per language, and the same bytes on every render.
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { renderSvgCharts, stabilise } from '../../src/report/charts.js';
import { renderHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/model.js';

const NBSP = '\u00a0';
const EVIL_TITLE = `Plug-in &<>"' title`;

function report(overrides: Partial<Report> = {}): Report {
  const range = '2024-01-01/2025-12-31';
  return {
    schema_version: 2,
    generator: { name: 'impactkit', version: '1.0.0' },
    workspace: '<script>alert(1)</script>',
    reporting_entity: 'BDT & Co',
    lang: 'fr',
    range: { from: '2024-01-01', to: '2025-12-31' },
    breakdown: ['territory:departement', 'period:year'],
    dimensions: ['territory', 'period'],
    params: { label: '<b>bold</b>' },
    inputs: [{ dataset: 'sites', file: 'data/<sites>.csv', sha256: 'ab'.repeat(32), rows: 3, rejected: 1 }],
    indicators: [
      {
        id: 'example.people',
        title: EVIL_TITLE,
        description: 'People <em>supported</em>.',
        unit: 'personnes',
        kind: 'unique',
        format: 'count',
        version: '2',
        datasets: ['beneficiaries'],
        frameworks: { sdg: ['1.2'] },
        origin: 'indicators/people.ts',
      },
      {
        id: 'rate',
        title: 'Taux',
        description: 'Une part.',
        unit: 'part',
        kind: 'ratio',
        format: 'share',
        version: '1',
        datasets: ['beneficiaries'],
        frameworks: {},
        origin: 'built-in',
      },
      {
        id: 'invested',
        title: 'Euros investis',
        description: 'Euros.',
        unit: '€',
        kind: 'flow',
        format: 'euros',
        version: '1',
        datasets: ['investments'],
        frameworks: {},
        origin: 'built-in',
      },
      {
        id: 'broken',
        title: 'Greffon',
        description: 'Un greffon en échec.',
        unit: '',
        kind: 'flow',
        format: 'count',
        version: '',
        datasets: [],
        frameworks: {},
        origin: 'indicators/broken.ts',
        error: '<img src=x onerror=alert(1)>',
      },
    ],
    values: [
      { indicator: 'example.people', territory: 'FR', period: range, margin: ['territory', 'period'], value: 1234 },
      { indicator: 'example.people', territory: 'FR', period: '2024', margin: ['territory'], value: 1000 },
      { indicator: 'example.people', territory: 'FR', period: '2025', margin: ['territory'], value: 234 },
      { indicator: 'example.people', territory: 'dep:93', period: range, margin: ['period'], value: 1230 },
      { indicator: 'example.people', territory: 'dep:93', period: '2024', margin: [], value: 1000 },
      { indicator: 'example.people', territory: 'dep:93', period: '2025', margin: [], value: null, suppressed: true },
      {
        indicator: 'rate',
        territory: 'FR',
        period: range,
        margin: ['territory', 'period'],
        value: 0.4375,
        numerator: 7,
        denominator: 16,
      },
      {
        indicator: 'rate',
        territory: 'FR',
        period: '2024',
        margin: ['territory'],
        value: 0.5,
        numerator: 4,
        denominator: 8,
      },
      {
        indicator: 'rate',
        territory: 'FR',
        period: '2025',
        margin: ['territory'],
        value: 0.375,
        numerator: 3,
        denominator: 8,
      },
      {
        indicator: 'rate',
        territory: 'dep:93',
        period: range,
        margin: ['period'],
        value: null,
        numerator: 0,
        denominator: 0,
        note: 'zero denominator',
      },
      {
        indicator: 'invested',
        territory: 'FR',
        period: range,
        margin: ['territory', 'period'],
        value: 1234.5,
        attributable: 617.25,
      },
      { indicator: 'invested', territory: 'FR', period: '2024', margin: ['territory'], value: 1000 },
      { indicator: 'invested', territory: 'FR', period: '2025', margin: ['territory'], value: 234.5 },
      { indicator: 'invested', territory: 'dep:93', period: range, margin: ['period'], value: 1234.5 },
      {
        indicator: 'broken',
        territory: 'FR',
        period: range,
        margin: ['territory', 'period'],
        value: null,
        error: '<img src=x onerror=alert(1)>',
      },
    ],
    targets: [
      { indicator: 'example.people', period: '2025', op: '>=', value: 1500, actual: 234, status: 'missed' },
      { indicator: 'rate', territory: 'dep:93', period: '2025', op: '>=', value: 0.4, actual: null, status: 'no_data' },
    ],
    quality: { rows: 1500, rejected: 1, warnings: 2 },
    privacy: { min_count: 5 },
    ...overrides,
  };
}

/** The section of each indicator, in report order. */
function sections(html: string): string[] {
  return [...html.matchAll(/<section class="indicator" id="indicator-\d+">([\s\S]*?)<\/section>/g)].map((m) => m[1]!);
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('renderHtml', () => {
  it('escapes every text from the data: workspace, titles, descriptions, errors, files, parameters', async () => {
    const html = await renderHtml(report());
    expect(html).not.toContain('<script');
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; — Rapport d’impact</title>');
    expect(html).not.toContain(EVIL_TITLE);
    expect(html).toContain('<h2>Plug-in &amp;&lt;&gt;&quot;&#39; title</h2>');
    // The chart's label carries the title too, escaped inside the attribute.
    expect(html).toContain('aria-label="Graphique\u00a0: Plug-in &amp;&lt;&gt;&quot;&#39; title — ');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<em>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('data/&lt;sites&gt;.csv');
    expect(html).toContain('BDT &amp; Co');
  });

  it('draws one chart per indicator that did not fail, each an image with a label', async () => {
    const html = await renderHtml(report());
    expect(count(html, '<figure class="chart"><svg')).toBe(3);
    expect(count(html, '<svg role="img" aria-label="')).toBe(3);
    const [people, rate, invested, broken] = sections(html);
    for (const section of [people, rate, invested]) expect(count(section!, '<svg role="img"')).toBe(1);
    expect(broken).not.toContain('<svg');
    expect(broken).toContain('Cet indicateur n’a pas pu être calculé');
  });

  it('draws a dashed target line, labelled, only on the charts of indicators with a target', async () => {
    const [people, rate, invested] = sections(await renderHtml(report()));
    const dashed = 'stroke-dasharray="6,4"';
    expect(count(people!, dashed)).toBe(1);
    expect(people).toContain(`>cible ≥ 1${NBSP}500</tspan><tspan`);
    expect(people).toContain('>2025</tspan>');
    expect(count(rate!, dashed)).toBe(1);
    expect(rate).toContain(`>cible ≥ 40,0${NBSP}%</tspan><tspan`);
    expect(rate).toContain('>dep:93 2025</tspan>');
    expect(invested).not.toContain(dashed);
    expect(invested).not.toContain('cible');
  });

  it('asks for no external resource: no script, link, src, external href or url(); only the SVG namespace', async () => {
    const html = await renderHtml(report());
    // The one address allowed: the SVG namespace, a name that is never fetched, once per chart.
    const urls = html.match(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)]*/gi) ?? [];
    expect(urls).toEqual(Array(3).fill('http://www.w3.org/2000/svg'));
    const withoutNamespace = html.replaceAll(' xmlns="http://www.w3.org/2000/svg"', '');
    expect(count(html, ' xmlns="http://www.w3.org/2000/svg"')).toBe(3);
    expect(withoutNamespace).not.toContain('//'); // no scheme-relative address either
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|image|audio|video|source)\b/i);
    // The maps' <use> point at outlines written once in the page itself, never at another document.
    for (const use of html.match(/<use\b[^>]*>/g) ?? []) expect(use).toMatch(/^<use href="#dep-[0-9AB]+"/);
    // Attributes are looked for in tags only: the data's escaped `<img src=x …>` is text.
    const tags = (html.match(/<[^>]+>/g) ?? []).join('\n');
    expect(tags).not.toMatch(/\s(src|srcset|xlink:href|action|formaction|poster|background)=/i);
    const hrefs = (tags.match(/\shref="[^"]*"/g) ?? []).filter((href) => !href.startsWith(' href="#dep-'));
    expect(hrefs.length).toBe(4); // the key-figure cards link to their sections
    expect(hrefs.every((href) => href.startsWith(' href="#indicator-'))).toBe(true);
    expect(html.match(/url\([^)]*\)/g) ?? []).toEqual(html.match(/url\(#[^)]*\)/g) ?? []);
    expect(html).not.toContain('@import');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
  });

  it('writes numbers the French way in French, in cards, tables, targets and chart labels', async () => {
    const html = await renderHtml(report());
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(`1${NBSP}234<span class="unit">personnes</span>`);
    expect(html).toContain(`43,8${NBSP}%`);
    expect(html).toContain(`1${NBSP}234,50${NBSP}€`);
    expect(html).toContain(`dont 617,25${NBSP}€ attribuable à BDT &amp; Co`);
    expect(html).toContain('<td class="muted">&lt; 5</td>'); // suppressed, privacy.min_count 5
    expect(html).toContain(`<td title="0 / 0 — n.d.${NBSP}: dénominateur nul" class="muted">–</td>`);
    expect(html).toContain(`15,6${NBSP}% de la cible`); // 234 / 1 500
    const [people, rate] = sections(html);
    expect(people).toContain(`>1${NBSP}000</text>`); // value label of 2024, and the axis tick
    expect(rate).toContain(`>50${NBSP}%</text>`); // axis tick, vega-format with the French locale
  });

  it('writes numbers the English way in English', async () => {
    const html = await renderHtml(report({ lang: 'en' }));
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('1,234<span class="unit">personnes</span>');
    expect(html).toContain('43.8%');
    expect(html).toContain('€1,234.50');
    expect(html).toContain('>target ≥ 1,500</tspan>');
    expect(html).toContain('aria-label="Chart: Plug-in &amp;');
    expect(sections(html)[1]).toContain('>50%</text>');
  });

  it('puts key figures and targets first, and folds each table by territory under its chart', async () => {
    const html = await renderHtml(report());
    const targets = html.indexOf('<section class="targets">');
    expect(html.indexOf('<section class="key-figures">')).toBeLessThan(targets);
    expect(targets).toBeLessThan(html.indexOf('<section class="indicator"'));
    // The sample's tables have two lines (France, dep:93): folded, the count in the summary.
    expect(html).toContain('<details class="values-fold"><summary><span class="appendix-of">');
    expect(html).toContain('Tableau des valeurs (2 lignes)</summary>');
    expect(html).toContain('<h2 class="appendix-title">Annexe\u00a0: tableaux des valeurs</h2>');
  });

  it('gives the same bytes on every render, whatever was rendered before or alongside', async () => {
    const first = await renderHtml(report());
    await renderHtml(report({ lang: 'en', workspace: 'other' }));
    const [second, third] = await Promise.all([renderHtml(report()), renderHtml(report())]);
    expect(second).toBe(first);
    expect(third).toBe(first);
    // vega numbers clip and gradient ids process-wide; here any id is the chart's own.
    for (const id of first.match(/\sid="[^"]*"/g) ?? [])
      expect(id).toMatch(/^ id="((indicator|chart)-\d+(-\d+)?|map-hatch|dep-[0-9AB]+)"$/);
  });

  it('prints on A4 with a page rule, and keeps cards and charts whole', async () => {
    const html = await renderHtml(report());
    expect(html).toContain('@page { size: A4; margin: 15mm; }');
    expect(html).toMatch(/@media print \{[\s\S]*\.card, \.tile, \.chart, tr \{ break-inside: avoid; \}/);
  });
});

describe('renderSvgCharts', () => {
  it('numbers clip ids per chart: vega counts them process-wide (clip1, then clip2 for the same spec)', async () => {
    const spec: TopLevelSpec = {
      width: 100,
      height: 50,
      data: {
        values: [
          { a: 1, b: 2 },
          { a: 2, b: 5 },
        ],
      },
      mark: { type: 'line', clip: true },
      encoding: {
        x: { field: 'a', type: 'quantitative', scale: { domain: [0, 1.5] } },
        y: { field: 'b', type: 'quantitative' },
      },
    };
    const [first, second] = await renderSvgCharts([
      { spec, id: 'c' },
      { spec, id: 'c' },
    ]);
    expect(first).toBe(second);
    expect(first!.match(/id="[^"]+"|url\(#[^)]+\)/g)).toEqual(['url(#c-1)', 'id="c-1"']);
  });

  it('rounds coordinates to 0.01 in tags only, and leaves text alone', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><g transform="translate(66.66666666666666,1.2246467991473532e-16)" clip-path="url(#clip9)"><clipPath id="clip9"/><text>v1.23456</text></g></svg>';
    expect(stabilise(svg, 'chart-2')).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg"><g transform="translate(66.67,0)" clip-path="url(#chart-2-1)"><clipPath id="chart-2-1"/><text>v1.23456</text></g></svg>',
    );
  });
});
