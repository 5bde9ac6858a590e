// `-f html`: one self-contained page (inline CSS and SVG, no script, no request of any kind) that
// reads well on screen and prints on A4. Every text from the data goes through `esc`.
import { type Lang, plural, t } from '../messages.js';
import { indicatorChart, levelName, renderSvgCharts } from './charts.js';
import { HTML_STYLE } from './html-style.js';
import { indicatorMap, mapDefs, mapLevel } from './maps.js';
import type { Report, ReportIndicator, ReportTarget, ReportValue } from './model.js';
import { geographyNote, rowNoteText } from './notes.js';
import { dimensionLabel, displayCount, displayValue, formatDate, formatNumber, shownChange } from './numbers.js';
import {
  dimensionTitle,
  dimensionValueOf,
  isMargin,
  KIND_WORDS,
  keyFigures,
  latestChange,
  lineKey,
  marginKey,
  OPERATOR_SIGNS,
  unitAfterNumber,
  WORDS,
} from './summary.js';

/** Period columns per table: more would not fit across an A4 page. */
const PERIODS_PER_TABLE = 10;

type Words = (typeof WORDS)[Lang];

/** HTML-escapes text for element content and quoted attribute values alike. */
function esc(text: string | number): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const anchor = (index: number): string => `indicator-${index + 1}`;

/** French puts a no-break space before a colon. */
const colon = (lang: Lang): string => t(lang, 'punct.colon');

/** Column headers; `text` ones align left like their cells, numbers right. */
const th = (labels: string[], align: 'text' | 'number' = 'number'): string =>
  labels.map((l) => `<th scope="col"${align === 'text' ? ' class="text"' : ''}>${esc(l)}</th>`).join('');

function scope(report: Report, w: Words): string {
  const lang = report.lang;
  const range =
    lang === 'fr'
      ? `${w.from} ${formatDate(report.range.from, lang)} ${w.to} ${formatDate(report.range.to, lang)}`
      : `${report.range.from} ${w.to} ${report.range.to}`;
  const breakdown = report.breakdown
    .map((item) => {
      const [dimension = item, level] = item.split(':');
      return level ? `${dimensionTitle(dimension, lang)} (${levelName(level, lang)})` : dimensionTitle(dimension, lang);
    })
    .join(', ');
  const facts: [string, string | undefined][] = [
    [w.range, range],
    [w.reportingEntity, report.reporting_entity],
    [w.breakdown, breakdown || undefined],
    [w.indicators, formatNumber(report.indicators.length, 'count', lang)],
    [w.generatedBy, `${report.generator.name} ${report.generator.version}`],
    [w.generatedAt, report.generated_at],
  ];
  const shown = facts.flatMap(([k, v]) => (v ? [`<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`] : []));
  return `<dl class="scope">${shown.join('')}</dl>`;
}

function cards(report: Report, w: Words, minCount: number): string {
  const lang = report.lang;
  const items = keyFigures(report).map(({ indicator, row }, index) => {
    const figure = indicator.error ? w.error : row ? displayValue(row, indicator.format, lang, minCount) : '–';
    const unit =
      unitAfterNumber(indicator) && !indicator.error ? `<span class="unit">${esc(indicator.unit)}</span>` : '';
    // Always there with a reporting entity, empty or not, so figures line up across a row of cards.
    const share = report.reporting_entity
      ? `<p class="attributable">${row?.attributable === undefined ? '' : esc(`${w.ofWhich} ${formatNumber(row.attributable, indicator.format, lang)} ${w.attributableTo} ${report.reporting_entity}`)}</p>`
      : '';
    const latest = indicator.error ? undefined : latestChange(report, indicator.id);
    const change = latest
      ? `<p class="change">${esc(`${w.change} ${dimensionLabel('period', latest.period, lang, report.range)}${colon(lang)}${shownChange(latest.change, indicator, lang)}`)}</p>`
      : '';
    return `<a class="card${indicator.error ? ' failed' : ''}" href="#${anchor(index)}"><p class="card-title">${esc(indicator.title)}</p><p class="figure">${esc(figure)}${unit}</p>${change}${share}</a>`;
  });
  return `<section class="key-figures"><h2>${esc(w.keyFigures)}</h2><div class="cards">${items.join('')}</div></section>`;
}

/**
 * Characters of number columns that fit in half the printed A4 width at the appendix's 6.5 pt, each
 * column counted with two for its padding (measured in Chromium: 49 fits, 54 does not).
 */
const HALF_PAGE_CHARACTERS = 50;

interface ValuesTable {
  html: string;
  /** Too wide for one of the printed appendix's two columns. */
  wide: boolean;
}

/** Breakdown rows × period columns, the whole range last as "Total", as the table format shows it. */
function valuesTable(report: Report, indicator: ReportIndicator, rows: ReportValue[], minCount: number): ValuesTable {
  const lang = report.lang;
  const others = report.dimensions.filter((d) => d !== 'period');
  const range = marginKey('period', report.range);
  const periods: string[] = [];
  const lines = new Map<string, { label: string; margin: boolean; line: Map<string, ReportValue> }>();
  for (const row of rows) {
    const period = String(row.period);
    if (!periods.includes(period)) periods.push(period);
    const key = lineKey(row, others);
    let entry = lines.get(key);
    if (!entry) {
      const label =
        others.length === 0
          ? WORDS[lang].total
          : others
              .map((d) => dimensionLabel(d, dimensionValueOf(row, d), lang, undefined, isMargin(row, d)))
              .join(' · ');
      entry = { label, margin: others.every((d) => isMargin(row, d)), line: new Map() };
      lines.set(key, entry);
    }
    entry.line.set(period, row);
  }
  if (lines.size === 0) return { html: `<p class="muted">${esc(WORDS[lang].noValues)}</p>`, wide: false };
  const ordered = [...periods.filter((p) => p !== range), ...(periods.includes(range) ? [range] : [])];
  const labelled = [...lines.values()];
  const corner = others.map((d) => dimensionTitle(d, lang)).join(' · ');
  // A line with nothing but 0 and – is left out of the printed appendix and named in one line under it.
  const zero = (line: Map<string, ReportValue>): boolean =>
    [...line.values()].every((row) => (row.value === 0 || row.value === null) && !row.suppressed && !row.error);
  const zeroLines = labelled.filter((l) => !l.margin && zero(l.line));
  const tables: string[] = [];
  let wide = false;
  for (let start = 0; start < ordered.length; start += PERIODS_PER_TABLE) {
    const slice = ordered.slice(start, start + PERIODS_PER_TABLE);
    const headings = slice.map((p) => dimensionLabel('period', p, lang, report.range));
    const head = headings.map((h) => `<th scope="col">${esc(h)}</th>`);
    const characters = slice.reduce((sum, p, i) => {
      const texts = labelled.map(({ line }) => {
        const row = line.get(p);
        return row ? displayValue(row, indicator.format, lang, minCount).length : 0;
      });
      return sum + Math.max(headings[i]!.length, ...texts) + 2;
    }, 0);
    if (characters > HALF_PAGE_CHARACTERS) wide = true;
    const body = labelled.map(({ label, margin, line }) => {
      const cells = slice.map((p) => {
        const row = line.get(p);
        return row ? valueCell(row, indicator, lang, minCount) : '<td></td>';
      });
      const rowClass = margin ? ' class="margin"' : zeroLines.some((z) => z.line === line) ? ' class="zero"' : '';
      return `<tr${rowClass}><th scope="row">${esc(label)}</th>${cells.join('')}</tr>`;
    });
    tables.push(
      `<div class="table-wrap"><table class="values"><thead><tr><th scope="col">${esc(corner)}</th>${head.join('')}</tr></thead><tbody>${body.join('')}</tbody></table></div>`,
    );
  }
  const zeroNote =
    zeroLines.length > 0
      ? `<p class="zero-lines">${esc(plural(lang, 'report.zeroLinesNotPrinted', zeroLines.length, { names: zeroLines.map((l) => l.label).join(', ') }))}</p>`
      : '';
  return { html: tables.join('') + zeroNote, wide };
}

/**
 * The table folded under its chart on screen (`<details>`); in print, every folded table goes to an
 * appendix at the end, under its indicator's title (html-style.ts). A one-line table stays open.
 */
function foldedTable(report: Report, indicator: ReportIndicator, rows: ReportValue[], minCount: number): string {
  const { html: table, wide } = valuesTable(report, indicator, rows, minCount);
  const lines = new Set(
    rows.map((r) =>
      lineKey(
        r,
        report.dimensions.filter((d) => d !== 'period'),
      ),
    ),
  ).size;
  if (lines <= 1) return table;
  const summary = plural(report.lang, 'report.valuesTable', lines);
  return `<details class="values-fold${wide ? ' wide' : ''}"><summary><span class="appendix-of">${esc(indicator.title)} — </span>${esc(summary)}</summary>${table}</details>`;
}

function valueCell(row: ReportValue, indicator: ReportIndicator, lang: Lang, minCount: number): string {
  const hints: string[] = [];
  if (typeof row.numerator === 'number' && typeof row.denominator === 'number') {
    hints.push(`${formatNumber(row.numerator, 'decimal', lang)} / ${formatNumber(row.denominator, 'decimal', lang)}`);
  }
  const note = rowNoteText(row, indicator, lang);
  if (note) hints.push(note);
  if (row.error) hints.push(row.error);
  const title = hints.length > 0 ? ` title="${esc(hints.join(' — '))}"` : '';
  const muted = row.value === null ? ' class="muted"' : '';
  return `<td${title}${muted}>${esc(displayValue(row, indicator.format, lang, minCount))}</td>`;
}

function indicatorSection(
  report: Report,
  indicator: ReportIndicator,
  index: number,
  rows: ReportValue[],
  chart: string | undefined,
  map: string | undefined,
  w: Words,
  minCount: number,
): string {
  const lang = report.lang;
  const meta = [indicator.id, indicator.unit, KIND_WORDS[lang][indicator.kind], `v${indicator.version}`];
  const geography = report.dimensions.includes('territory') ? geographyNote(indicator, lang) : undefined;
  const head = `<div class="indicator-head"><h2>${esc(indicator.title)}</h2><p class="meta">${meta.map((m) => `<span>${esc(m)}</span>`).join('')}</p><p class="description">${esc(indicator.description)}</p>${geography ? `<p class="caveat">${esc(geography)}</p>` : ''}</div>`;
  if (indicator.error) {
    const error = `<p class="error">${esc(`${w.failed}${colon(lang)}${indicator.error}`)}</p>`;
    return `<section class="indicator" id="${anchor(index)}"><div class="indicator-body">${head}${error}</div></section>`;
  }
  // Heading, chart and map in one block, which print lays out as a grid (the map beside the heading).
  const visuals = `${chart ? `<figure class="chart">${chart}</figure>` : ''}${map ?? ''}`;
  const body = `<div class="indicator-body${map ? ' with-map' : ''}">${head}${visuals}</div>`;
  return `<section class="indicator" id="${anchor(index)}">${body}${foldedTable(report, indicator, rows, minCount)}</section>`;
}

function targetsSection(report: Report, w: Words): string {
  if (report.targets.length === 0) return '';
  const lang = report.lang;
  const indicators = new Map(report.indicators.map((i) => [i.id, i]));
  const rows = report.targets.map((t) => {
    const indicator = indicators.get(t.indicator);
    const format = indicator?.format ?? 'decimal';
    const where = t.territory ? dimensionLabel('territory', t.territory, lang) : '';
    const actual = t.actual === null ? '–' : formatNumber(t.actual, format, lang);
    return `<tr><th scope="row">${esc(indicator?.title ?? t.indicator)}</th><td class="text">${esc(where)}</td><td class="text">${esc(dimensionLabel('period', t.period, lang, report.range))}</td><td>${esc(`${OPERATOR_SIGNS[t.op] ?? t.op} ${formatNumber(t.value, format, lang)}`)}</td><td>${esc(actual)}</td><td class="text">${progress(t, lang, w)}</td><td class="text"><span class="status ${t.status}">${esc(w[t.status])}</span></td></tr>`;
  });
  const head =
    th([w.indicator, w.territory, w.period], 'text') + th([w.target, w.actual]) + th([w.progress, w.status], 'text');
  return `<section class="targets"><h2>${esc(w.targets)}</h2><div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

/** The actual as a share of the target, the bar capped at 100 %. */
function progress(target: ReportTarget, lang: Lang, w: Words): string {
  if (target.actual === null || target.value === 0) return '';
  const ratio = target.actual / target.value;
  const width = Math.max(0, Math.min(1, ratio)) * 100;
  const text = `${formatNumber(ratio, 'share', lang)} ${w.ofTarget}`;
  return `<span class="progress" role="img" aria-label="${esc(text)}"><span class="${target.status}" style="width:${width.toFixed(1)}%"></span></span><span class="progress-text">${esc(text)}</span>`;
}

function qualitySection(report: Report, w: Words): string {
  const lang = report.lang;
  const q = report.quality;
  const minCount = report.privacy?.min_count ?? 0;
  const count = (n: number | null) => esc(displayCount(n, lang, minCount));
  // A hidden count (null) is at least 1: flagged like any rejection.
  const figures: [string, number | null, string][] = [
    [w.rows, q.rows, ''],
    [w.rejected, q.rejected, q.rejected !== 0 ? ' rejected' : ''],
    [w.warnings, q.warnings, q.warnings > 0 ? ' warned' : ''],
  ];
  const tiles = figures
    .map(([label, n, flag]) => `<div class="tile${flag}"><p class="figure">${count(n)}</p><p>${esc(label)}</p></div>`)
    .join('');
  // Per dataset here; the appendix lists every file with its hash. A dataset with a hidden file shows
  // its total hidden too (the sum would give the file away beside the others).
  const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
  const datasets = new Map<string, { files: number; rows: number | null; rejected: number | null }>();
  for (const input of report.inputs) {
    const d = datasets.get(input.dataset) ?? { files: 0, rows: 0, rejected: 0 };
    datasets.set(input.dataset, {
      files: d.files + 1,
      rows: add(d.rows, input.rows),
      rejected: add(d.rejected, input.rejected),
    });
  }
  const rows = [...datasets]
    .map(
      ([dataset, d]) =>
        `<tr><th scope="row">${esc(dataset)}</th><td>${count(d.files)}</td><td>${count(d.rows)}</td><td${d.rejected !== 0 ? ' class="rejected"' : ''}>${count(d.rejected)}</td></tr>`,
    )
    .join('');
  const table = rows
    ? `<div class="table-wrap"><table><thead><tr>${th([w.dataset], 'text')}${th([w.files, w.rows, w.rejected])}</tr></thead><tbody>${rows}</tbody></table></div>`
    : '';
  return `<section class="quality"><h2>${esc(w.quality)}</h2><div class="tiles">${tiles}</div>${table}</section>`;
}

/** Where a definition comes from, in the report's language: built in, a reported metric, or its plug-in file. */
function originWords(origin: string, lang: Lang): string {
  if (origin === 'built-in') return t(lang, 'indicators.builtin');
  if (origin === 'reported') return t(lang, 'indicators.reported');
  return origin;
}

function provenanceSection(report: Report, w: Words): string {
  const lang = report.lang;
  const minCount = report.privacy?.min_count ?? 0;
  const inputs = report.inputs
    .map(
      (i) =>
        `<tr><th scope="row">${esc(i.dataset)}</th><td class="text"><code>${esc(i.file)}</code></td><td>${esc(displayCount(i.rows, lang, minCount))}</td><td class="text"><code class="hash">${esc(i.sha256)}</code></td></tr>`,
    )
    .join('');
  const definitions = report.indicators
    .map((i) => {
      const frameworks = Object.entries(i.frameworks)
        .flatMap(([framework, tags]) => tags.map((tag) => `<span class="tag">${esc(`${framework} ${tag}`)}</span>`))
        .join(' ');
      return `<tr><th scope="row"><span class="def-title">${esc(i.title)}</span> <code>${esc(i.id)}</code><span class="def-description">${esc(i.description)}</span></th><td>${esc(i.version)}</td><td class="text">${esc(KIND_WORDS[lang][i.kind])}</td><td class="text">${esc(i.unit)}</td><td class="text">${esc(i.datasets.join(', '))}</td><td class="text">${frameworks}</td><td class="text">${esc(originWords(i.origin, lang))}</td></tr>`;
    })
    .join('');
  const params = Object.entries(report.params)
    .map(
      ([key, value]) =>
        `<tr><th scope="row"><code>${esc(key)}</code></th><td class="text"><code>${esc(JSON.stringify(value))}</code></td></tr>`,
    )
    .join('');
  return [
    `<section class="provenance"><h2>${esc(w.provenance)}</h2>`,
    `<p class="muted">${esc(`${w.generator}${colon(lang)}${report.generator.name} ${report.generator.version}, ${w.schema} ${report.schema_version}`)}</p>`,
    inputs
      ? `<h3>${esc(w.inputs)}</h3><div class="table-wrap"><table><thead><tr>${th([w.dataset, w.file], 'text')}${th([w.rows])}${th([w.sha256], 'text')}</tr></thead><tbody>${inputs}</tbody></table></div>`
      : '',
    `<h3>${esc(w.definitions)}</h3><div class="table-wrap"><table class="left definitions"><thead><tr>${th([w.indicator, w.version, w.kind, w.unit, w.datasets, w.frameworks, w.origin], 'text')}</tr></thead><tbody>${definitions}</tbody></table></div>`,
    params
      ? `<h3>${esc(w.parameters)}</h3><div class="table-wrap"><table class="left"><tbody>${params}</tbody></table></div>`
      : '',
    '</section>',
  ].join('');
}

/** Report-wide notes (the euro rounding rule), once, after the numbers they are about. */
function notesSection(report: Report, w: Words): string {
  const notes = report.notes ?? [];
  if (notes.length === 0) return '';
  return `<section class="notes"><h2>${esc(w.notes)}</h2>${notes.map((n) => `<p>${esc(n.message)}</p>`).join('')}</section>`;
}

export async function renderHtml(report: Report): Promise<string> {
  const lang = report.lang;
  const w: Words = WORDS[lang];
  const minCount = report.privacy?.min_count ?? 0;
  const byIndicator = new Map<string, ReportValue[]>();
  for (const row of report.values) {
    const list = byIndicator.get(row.indicator) ?? [];
    list.push(row);
    byIndicator.set(row.indicator, list);
  }
  const charted = report.indicators.flatMap((indicator, index) =>
    indicator.error
      ? []
      : [{ index, indicator, ...indicatorChart(report, indicator, byIndicator.get(indicator.id) ?? []) }],
  );
  const svgs = await renderSvgCharts(charted.map((c) => ({ spec: c.spec, id: `chart-${c.index + 1}` })));
  const charts = new Map(
    charted.map((c, i) => [c.index, svgs[i]!.replace(/^<svg /, `<svg role="img" aria-label="${esc(c.description)}" `)]),
  );
  const level = mapLevel(report);
  const maps = new Map(
    level
      ? charted.flatMap((c) => {
          if (c.indicator.geography) return [];
          const map = indicatorMap(report, c.indicator, byIndicator.get(c.indicator.id) ?? [], level, minCount);
          return map ? [[c.index, map] as const] : [];
        })
      : [],
  );
  const sections = report.indicators.map((indicator, index) =>
    indicatorSection(
      report,
      indicator,
      index,
      byIndicator.get(indicator.id) ?? [],
      charts.get(index),
      maps.get(index),
      w,
      minCount,
    ),
  );
  const title = `${report.workspace} — ${w.title}`;
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="${esc(`${report.generator.name} ${report.generator.version}`)}">
<title>${esc(title)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<main>
${maps.size > 0 ? mapDefs() : ''}
<header><p class="eyebrow">${esc(w.title)}</p><h1>${esc(report.workspace)}</h1>${scope(report, w)}</header>
${cards(report, w, minCount)}
${targetsSection(report, w)}
${sections.some((s) => s.includes('<details class="values-fold">')) ? `<h2 class="appendix-title">${esc(w.tablesAppendix)}</h2>\n` : ''}${sections.join('\n')}
${notesSection(report, w)}
${qualitySection(report, w)}
${provenanceSection(report, w)}
${maps.size > 0 ? `<footer class="credits"><p>${esc(t(lang, 'map.credit'))}</p></footer>` : ''}
</main>
</body>
</html>
`;
}
