// The HTML report's charts: one vega-lite spec per indicator, rendered to SVG at build time (no
// script in the page). The specs carry inline data only, and the SVG is made byte-stable: vega's
// clip and gradient ids come from a process-wide counter, so they are renamed per chart.
import type { Config, TopLevelSpec } from 'vega-lite';
import { isMessageId, type Lang, section, t } from '../messages.js';
import type { Report, ReportIndicator, ReportTarget, ReportValue } from './model.js';
import { dimensionLabel, dimensionName, formatNumber } from './numbers.js';
import { dimensionTitle, dimensionValueOf, isMargin as isRowMargin, marginKey, OPERATOR_SIGNS } from './summary.js';

type Panel = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];
type Layer = Extract<Panel, { layer: unknown }>['layer'][number];

/** Bars beyond this many make a breakdown unreadable; the table below the chart has them all. */
export const TOP_BARS = 15;
/** Above this many periods, points lose their value labels and the axis labels turn. */
const LABELLED_PERIODS = 12;

const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#cbd2d9';
const BAR = '#2f5d8a';
const TARGET = '#b44d12';

const words = { en: section('en', 'chart'), fr: section('fr', 'chart') } as const;

const BY_PERIOD = { year: 'chart.byYear', quarter: 'chart.byQuarter', month: 'chart.byMonth' } as const;

/** A breakdown level in words: `département`, `année`; the level itself when unknown. */
export function levelName(level: string, lang: Lang): string {
  const id = `level.${level}`;
  return isMessageId(id) ? t(lang, id) : level;
}

export interface IndicatorChart {
  spec: TopLevelSpec;
  /** What the chart shows, in words, for its `aria-label`. */
  description: string;
}

interface Point {
  key: string;
  label: string;
  value: number;
  text: string;
  /** Whether the value label is drawn (period panels thin them out so that none overlaps). */
  shown?: boolean;
}

/** vega's text estimate for 11 px labels: about 6.2 px per character, digits and spaces alike. */
const LABEL_CHAR_WIDTH = 6.2;
const PERIOD_PANEL_WIDTH = 380;

/**
 * Which period labels to draw: every k-th one counted back from the last (the latest period is
 * always labelled), k the smallest step at which the widest label fits its share of the width.
 */
export function shownLabels(texts: readonly string[], width = PERIOD_PANEL_WIDTH): boolean[] {
  if (texts.length === 0) return [];
  const widest = Math.max(...texts.map((t) => t.length)) * LABEL_CHAR_WIDTH + 6;
  const every = Math.max(1, Math.ceil(widest / (width / texts.length)));
  return texts.map((_, i) => (texts.length - 1 - i) % every === 0);
}

const isMargin = (_report: Report, dimension: string, row: ReportValue): boolean => isRowMargin(row, dimension);

function periodLevel(labels: string[]): 'year' | 'quarter' | 'month' {
  if (labels.some((l) => l.includes('-Q'))) return 'quarter';
  return labels.some((l) => l.length === 7) ? 'month' : 'year';
}

function breakdownTitle(report: Report, dimension: string): string {
  const level = report.breakdown.find((b) => b.startsWith(`${dimension}:`))?.slice(dimension.length + 1);
  if (level) return levelName(level, report.lang);
  const title = dimensionTitle(dimension, report.lang);
  return title === title.toUpperCase() ? title : title.toLowerCase(); // `QPV` stays an acronym
}

const point = (key: string, label: string, row: ReportValue, indicator: ReportIndicator, lang: Lang): Point[] =>
  typeof row.value === 'number'
    ? [{ key, label, value: row.value, text: formatNumber(row.value, indicator.format, lang) }]
    : [];

/** d3-format patterns for the value axis; chartConfig's locale makes them French or English. */
const AXIS_FORMAT: Record<ReportIndicator['format'], string> = {
  count: ',~f',
  euros: ',~f',
  share: '.0%',
  decimal: ',~f',
};

function valueAxis(indicator: ReportIndicator) {
  return {
    title: null,
    format: AXIS_FORMAT[indicator.format],
    ...(indicator.format === 'count' ? { tickMinStep: 1 } : {}),
  };
}

function targetLayers(targets: ReportTarget[], indicator: ReportIndicator, lang: Lang, channel: 'x' | 'y'): Layer[] {
  if (targets.length === 0) return [];
  // Targets with the same operator and value share one line and one label.
  const lines = new Map<string, { value: number; sign: string; where: string[] }>();
  for (const t of targets) {
    const sign = OPERATOR_SIGNS[t.op] ?? t.op;
    const line = lines.get(`${sign}${t.value}`) ?? { value: t.value, sign, where: [] };
    line.where.push([t.territory, t.period].filter(Boolean).join(' '));
    lines.set(`${sign}${t.value}`, line);
  }
  const values = [...lines.values()].map(({ value, sign, where }) => ({
    value,
    label: `${words[lang].target} ${sign} ${formatNumber(value, indicator.format, lang)}\n${where.join(', ')}`,
  }));
  const position = { field: 'value', type: 'quantitative' } as const;
  const rule: Layer = {
    data: { values },
    mark: { type: 'rule', color: TARGET, strokeDash: [6, 4], strokeWidth: 1.5 },
    encoding: { [channel]: position },
  };
  const text = { type: 'text', color: TARGET, fontSize: 11, lineBreak: '\n' } as const;
  // A horizontal line is labelled beside the plot, at its right end, where no bar or point can hide it.
  const label: Layer =
    channel === 'y'
      ? {
          data: { values },
          mark: { ...text, align: 'left', baseline: 'middle', dx: 6 },
          encoding: { y: position, x: { value: 'width' }, text: { field: 'label' } },
        }
      : {
          data: { values },
          // Below the plot: the bars' own value labels sit at their ends, inside it.
          mark: { ...text, align: 'left', baseline: 'top', dx: 3, dy: 4 },
          encoding: { x: position, y: { value: 'height' }, text: { field: 'label' } },
        };
  return [rule, label];
}

function periodPanel(
  points: Point[],
  indicator: ReportIndicator,
  title: string,
  targets: { layers: Layer[]; values: number[] },
): Panel {
  const labelled = points.length <= LABELLED_PERIODS;
  const x = {
    field: 'key',
    type: 'ordinal',
    sort: null,
    title: null,
    axis: { labelAngle: labelled ? 0 : -90, labelOverlap: true },
  } as const;
  // Headroom above the highest value or target keeps the value labels inside the plot, where they
  // do not push this panel's title above its neighbour's.
  const top = Math.max(0, ...points.map((p) => p.value), ...targets.values);
  const scale = top > 0 ? { domainMax: top * 1.12 } : {};
  const y = { field: 'value', type: 'quantitative', axis: valueAxis(indicator), scale } as const;
  // A stock or a ratio is a level read at each period: a line. Flows and distinct counts add up: bars.
  const asLine = indicator.kind === 'stock' || indicator.kind === 'ratio';
  const marks: Layer[] = asLine
    ? [{ mark: { type: 'line', color: BAR, strokeWidth: 2, point: { color: BAR, size: 36 } }, encoding: { x, y } }]
    : [{ mark: { type: 'bar', color: BAR, width: { band: 0.7 } }, encoding: { x, y } }];
  if (labelled) {
    marks.push({
      transform: [{ filter: 'datum.shown' }],
      mark: { type: 'text', color: INK, baseline: 'bottom', dy: asLine ? -6 : -3, fontSize: 11 },
      encoding: { x, y, text: { field: 'text' } },
    });
  }
  const shown = shownLabels(points.map((p) => p.text));
  const values = points.map((p, i) => ({ ...p, shown: shown[i] }));
  return { title, width: PERIOD_PANEL_WIDTH, height: 200, data: { values }, layer: [...marks, ...targets.layers] };
}

function barsPanel(points: Point[], title: string, targets: Layer[]): Panel {
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 230 } } as const;
  const x = { field: 'value', type: 'quantitative', axis: null, scale: { zero: true } } as const;
  return {
    title,
    width: 220,
    height: { step: 18 },
    data: { values: points },
    layer: [
      { mark: { type: 'bar', color: BAR, height: { band: 0.75 } }, encoding: { x, y } },
      {
        mark: { type: 'text', color: INK, align: 'left', baseline: 'middle', dx: 4, fontSize: 11 },
        encoding: { x, y, text: { field: 'text' } },
      },
      ...targets,
    ],
  };
}

/**
 * The chart of one indicator: its national total over the periods, and its whole-range total by each
 * other dimension of the breakdown (the largest first). Targets are drawn as dashed lines.
 */
export function indicatorChart(report: Report, indicator: ReportIndicator, rows: ReportValue[]): IndicatorChart {
  const lang = report.lang;
  const w = words[lang];
  const range = marginKey('period', report.range);
  const others = report.dimensions.filter((d) => d !== 'period');
  const targets = report.targets.filter((t) => t.indicator === indicator.id);
  const panels: Panel[] = [];
  const descriptions: string[] = [];

  const national = rows.filter((r) => r.period !== range && others.every((d) => isMargin(report, d, r)));
  const series = national.flatMap((r) => point(String(r.period), String(r.period), r, indicator, lang));
  if (series.length >= 2) {
    const territory = others.includes('territory') ? dimensionName('territory', 'FR', lang) : w.total;
    // The unit goes in the title: an axis title would lift this panel's title above its neighbour's.
    const title = `${t(lang, BY_PERIOD[periodLevel(series.map((p) => p.key))])} — ${territory}${indicator.unit ? ` (${indicator.unit})` : ''}`;
    const lines = { layers: targetLayers(targets, indicator, lang, 'y'), values: targets.map((t) => t.value) };
    panels.push(periodPanel(series, indicator, title, lines));
    descriptions.push(title);
  }
  // Without a period line, the targets go across the first bars.
  const barTargets = () => (panels.length === 0 ? targetLayers(targets, indicator, lang, 'x') : []);

  // A ratio whose parts are placed apart has no meaning territory by territory (report/notes.ts).
  for (const dimension of others.filter((d) => !(d === 'territory' && indicator.geography))) {
    const slice = rows.filter(
      (r) =>
        r.period === range &&
        !isMargin(report, dimension, r) &&
        others.every((d) => d === dimension || isMargin(report, d, r)),
    );
    const bars = slice
      .flatMap((r) =>
        point(
          JSON.stringify(dimensionValueOf(r, dimension)),
          dimensionLabel(dimension, dimensionValueOf(r, dimension), lang),
          r,
          indicator,
          lang,
        ),
      )
      // A zero bar says nothing a missing bar does not, and would fill a top 15 with nothing.
      .filter((p) => p.value !== 0)
      .sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (bars.length === 0) continue;
    const shown = bars.slice(0, TOP_BARS);
    const top = bars.length > shown.length ? `, ${t(lang, 'chart.top', { shown: shown.length, of: bars.length })}` : '';
    const title = `${w.by} ${breakdownTitle(report, dimension)} (${w.wholeRange}${top})`;
    panels.push(barsPanel(shown, title, barTargets()));
    descriptions.push(title);
  }

  if (panels.length === 0) {
    // Nothing to break down (one period, no other dimension): the grand total as a single bar.
    const total = rows.filter((r) => r.period === range && others.every((d) => isMargin(report, d, r)));
    const bars = total.flatMap((r) => point('total', w.total, r, indicator, lang));
    panels.push(barsPanel(bars, w.total, barTargets()));
    descriptions.push(w.total);
  }

  // Two panels a row: a third (a second breakdown dimension) goes below rather than shrinking them all.
  const lines: Panel[] = [];
  for (let i = 0; i < panels.length; i += 2) lines.push({ hconcat: panels.slice(i, i + 2), spacing: 32 });
  const frame = { background: 'transparent', padding: 4, config: chartConfig(lang) };
  const spec: TopLevelSpec =
    lines.length === 1 ? { ...frame, hconcat: panels, spacing: 32 } : { ...frame, vconcat: lines, spacing: 24 };
  const colon = t(lang, 'punct.colon');
  return { spec, description: `${w.chart}${colon}${indicator.title} — ${descriptions.join(' ; ')}` };
}

function chartConfig(lang: Lang): Config {
  // French groups with a no-break space and spaces the percent sign, as formatNumber does.
  const number: NonNullable<Config['locale']>['number'] =
    lang === 'fr'
      ? { decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', '\u00a0€'], percent: '\u00a0%' }
      : { decimal: '.', thousands: ',', grouping: [3], currency: ['€', ''], percent: '%' };
  return {
    // Drops vega's per-mark ARIA attributes: the page gives the whole <svg> role="img" and a label.
    aria: false,
    // The page's stylesheet gives chart text the system font stack; this is the fallback.
    font: 'sans-serif',
    locale: { number },
    view: { stroke: null },
    title: { anchor: 'start', fontSize: 13, fontWeight: 600, color: INK, offset: 10 },
    axis: {
      labelColor: MUTED,
      titleColor: MUTED,
      labelFontSize: 11,
      titleFontSize: 11,
      titleFontWeight: 'normal',
      domainColor: RULE,
      tickColor: RULE,
      gridColor: '#eef0f3',
    },
    axisBand: { grid: false },
    // The top tick label kept inside the plot, so that both panels' titles sit at the same height.
    axisQuantitative: { labelFlush: true },
  };
}

/**
 * Renders the specs to SVG strings, one per spec, in order. vega and vega-lite load on first use
 * (~240 ms, NOTES.md). The output depends only on the specs: ids are numbered per chart, text is
 * measured by vega's estimate (never by an optional native canvas), coordinates are rounded.
 */
export async function renderSvgCharts(charts: { spec: TopLevelSpec; id: string }[]): Promise<string[]> {
  if (charts.length === 0) return [];
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const quiet = vega.logger(vega.None);
  // Not in vega's typings; a `canvas` package installed next to us would otherwise change text widths.
  (vega as unknown as { textMetrics?: { canvas(use: boolean): void } }).textMetrics?.canvas(false);
  const out: string[] = [];
  for (const chart of charts) {
    const compiled = vegaLite.compile(chart.spec, { logger: quiet }).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger: quiet });
    try {
      out.push(stabilise(await view.toSVG(), chart.id));
    } finally {
      view.finalize();
    }
  }
  return out;
}

/**
 * Renames ids per chart, rounds coordinates to 0.01 px, and drops what only an interactive view
 * uses (the xlink namespace, pointer events, per-mark ARIA: the page labels the whole image).
 */
export function stabilise(svg: string, id: string): string {
  const ids = new Map<string, string>();
  const rename = (old: string): string => {
    let name = ids.get(old);
    if (!name) {
      name = `${id}-${ids.size + 1}`;
      ids.set(old, name);
    }
    return name;
  };
  // Tags only: vega escapes text content (no raw `<` or `>`), so a tag never spans text.
  return svg
    .replace(/<[^>]+>/g, (tag) =>
      tag
        .replace(/\bid="([^"]+)"/g, (_, old: string) => `id="${rename(old)}"`)
        .replace(/url\(#([^)]+)\)/g, (_, old: string) => `url(#${rename(old)})`)
        .replace(/ (?:role="graphics-[^"]*"|aria-[a-z]+="[^"]*"|pointer-events="none")/g, '')
        .replace(/-?\d+\.\d+(?:e-?\d+)?/g, (n) => String(Math.round(Number(n) * 100) / 100)),
    )
    .replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', '');
}
