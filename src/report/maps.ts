// The HTML report's choropleths: an indicator's whole-range value per département (or région), drawn
// at report time as inline SVG. The outlines are written once per page (mapDefs) and each map reuses
// them with <use>, so that twenty maps cost twenty lists of colours, not twenty copies of France.
import { type Lang, t } from '../messages.js';
import { type ColourScale, colourScale } from './map-scale.js';
import {
  departementShapes,
  INSET,
  insetLeft,
  insetName,
  MAP_HEIGHT,
  MAP_WIDTH,
  OVERSEAS,
  parsePath,
  regionOfShape,
} from './map-shapes.js';
import type { Report, ReportIndicator, ReportValue } from './model.js';
import { noteText } from './notes.js';
import { dimensionLabel, displayValue, formatNumber } from './numbers.js';
import { dimensionValueOf, isMargin, marginKey, unitAfterNumber } from './summary.js';

/** HTML-escapes text for element content and quoted attribute values alike. */
const esc = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const HATCH = 'map-hatch';
const NO_VALUE = '#e4e7eb';
const shapeId = (code: string): string => code.replace(':', '-');
/** Paris and its inner ring are a few units wide on the national map: drawn again, larger, in the last inset. */
const INNER_PARIS = ['dep:75', 'dep:92', 'dep:93', 'dep:94'];

export type MapLevel = 'departement' | 'region';

/** The level a report can be mapped at: its territory breakdown's, when départements or régions. */
export function mapLevel(report: Report): MapLevel | undefined {
  const item = report.breakdown.find((b) => b === 'territory' || b.startsWith('territory:'));
  if (!item) return undefined;
  const level = item === 'territory' ? 'departement' : item.slice('territory:'.length);
  return level === 'departement' || level === 'region' ? level : undefined;
}

/** The outlines and the hatch pattern, once per page, for every map's <use> to point at. */
export function mapDefs(): string {
  const paths = departementShapes()
    .map((s) => `<path id="${shapeId(s.code)}" d="${s.d}"/>`)
    .join('');
  const hatch = `<pattern id="${HATCH}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f5f7fa"/><rect width="2" height="6" fill="#9aa5b1"/></pattern>`;
  return `<svg class="map-defs" aria-hidden="true" focusable="false" width="0" height="0"><defs>${hatch}${paths}</defs></svg>`;
}

/** One territory's row on the map: its value, or why it has none. */
interface Area {
  code: string;
  row: ReportValue | undefined;
}

function fillOf(row: ReportValue | undefined, scale: ColourScale): string {
  if (row?.suppressed) return `url(#${HATCH})`;
  if (!row || typeof row.value !== 'number') return NO_VALUE;
  return scale.classOf(row.value).colour;
}

function areaText(area: Area, indicator: ReportIndicator, lang: Lang, minCount: number): string {
  const name = dimensionLabel('territory', area.code, lang);
  const colon = t(lang, 'punct.colon');
  if (!area.row) return `${name}${colon}${t(lang, 'map.noData')}`;
  if (area.row.suppressed) return t(lang, 'map.suppressedArea', { name, k: minCount });
  const unit =
    unitAfterNumber(indicator) && typeof area.row.value === 'number' && indicator.unit ? ` ${indicator.unit}` : '';
  const note = area.row.note ? ` (${noteText(area.row.note, lang)})` : '';
  return `${name}${colon}${displayValue(area.row, indicator.format, lang, minCount)}${unit}${note}`;
}

/** The scale of where Paris's inner ring is, into the sixth inset box. */
function innerParisTransform(): string {
  const points = departementShapes()
    .filter((s) => INNER_PARIS.includes(s.code))
    .flatMap((s) => parsePath(s.d).flat());
  const minX = Math.min(...points.map((p) => p.x));
  const maxX = Math.max(...points.map((p) => p.x));
  const minY = Math.min(...points.map((p) => p.y));
  const maxY = Math.max(...points.map((p) => p.y));
  const scale = INSET.size / Math.max(maxX - minX, maxY - minY);
  const left = insetLeft(OVERSEAS.length) + (INSET.size - (maxX - minX) * scale) / 2 - minX * scale;
  const top = INSET.top + (INSET.size - (maxY - minY) * scale) / 2 - minY * scale;
  const r = (n: number) => Math.round(n * 100) / 100;
  return `translate(${r(left)} ${r(top)}) scale(${r(scale)})`;
}

function insetFrames(lang: Lang): string {
  const names = [...OVERSEAS.map((code) => insetName(code)), t(lang, 'map.innerParis')];
  return names
    .map((name, i) => {
      const x = insetLeft(i);
      const centre = x + INSET.size / 2;
      const y = INSET.top + INSET.size + 17;
      return `<rect x="${x - 3}" y="${INSET.top - 3}" width="${INSET.size + 6}" height="${INSET.size + 6}" rx="3"/><text x="${centre}" y="${y}">${insetLines(
        name,
      )
        .map((line, n) => `<tspan x="${centre}" dy="${n === 0 ? 0 : 13}">${esc(line)}</tspan>`)
        .join('')}</text>`;
    })
    .join('');
}

/**
 * An inset's name on at most two lines, split at the space nearest its middle: a long name on one
 * line (`Paris et petite couronne`, 11 px) is wider than its box and ran over its neighbour's.
 */
export function insetLines(name: string): string[] {
  if (name.length <= 14) return [name];
  let best = -1;
  for (let i = name.indexOf(' '); i !== -1; i = name.indexOf(' ', i + 1)) {
    if (best === -1 || Math.abs(i - name.length / 2) < Math.abs(best - name.length / 2)) best = i;
  }
  return best === -1 ? [name] : [name.slice(0, best), name.slice(best + 1)];
}

export interface IndicatorMap {
  /** The figure: the map, its legend and the territories it cannot place. */
  html: string;
}

/**
 * The map of one indicator at `level`: each territory's whole-range value with every other dimension
 * at its margin, coloured by quantile class; undefined when no territory of the level has a row.
 */
export function indicatorMap(
  report: Report,
  indicator: ReportIndicator,
  rows: ReportValue[],
  level: MapLevel,
  minCount: number,
): string | undefined {
  const lang = report.lang;
  const range = marginKey('period', report.range);
  const others = report.dimensions.filter((d) => d !== 'period' && d !== 'territory');
  const byCode = new Map<string, ReportValue>();
  const offMap: ReportValue[] = [];
  const shapes = departementShapes();
  const drawn = new Set(level === 'departement' ? shapes.map((s) => s.code) : shapes.map((s) => regionOfShape(s.code)));
  for (const row of rows) {
    if (row.period !== range || isMargin(row, 'territory') || !others.every((d) => isMargin(row, d))) continue;
    const code = dimensionValueOf(row, 'territory');
    if (code !== null && drawn.has(code)) byCode.set(code, row);
    else offMap.push(row);
  }
  if (byCode.size === 0) return undefined;
  const scale = colourScale(
    [...byCode.values()].flatMap((r) => (typeof r.value === 'number' && !r.suppressed ? [r.value] : [])),
  );
  const area = (code: string): Area => ({ code, row: byCode.get(code) });
  const use = (code: string, titled: boolean): string => {
    const a = area(level === 'region' ? regionOfShape(code) : code);
    // A département with no row at all is left to the legend's grey: 70 "no value" labels would drown the rest.
    if (!titled || !a.row) return `<use href="#${shapeId(code)}" fill="${fillOf(a.row, scale)}"/>`;
    const title = `<title>${esc(areaText(a, indicator, lang, minCount))}</title>`;
    return `<use href="#${shapeId(code)}" fill="${fillOf(a.row, scale)}" role="img">${title}</use>`;
  };
  let body: string;
  if (level === 'departement') {
    body = shapes.map((s) => use(s.code, true)).join('');
  } else {
    // A région is its départements under one title; their shared borders stay as faint lines.
    const regions = new Map<string, string[]>();
    for (const s of shapes) regions.set(regionOfShape(s.code), [...(regions.get(regionOfShape(s.code)) ?? []), s.code]);
    body = [...regions]
      .map(([region, codes]) => {
        const a = area(region);
        return `<g role="img" fill="${fillOf(a.row, scale)}"><title>${esc(areaText(a, indicator, lang, minCount))}</title>${codes.map((c) => `<use href="#${shapeId(c)}"/>`).join('')}</g>`;
      })
      .join('');
  }
  const zoom = INNER_PARIS.map((code) => use(code, false)).join('');
  const label = `${t(lang, 'map.map')}${t(lang, 'punct.colon')}${indicator.title} — ${t(lang, level === 'region' ? 'level.region' : 'level.departement')}, ${t(lang, 'chart.wholeRange')}`;
  const svg = [
    `<svg class="map" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="group" aria-label="${esc(label)}">`,
    `<g class="areas">${body}</g>`,
    `<g class="insets" aria-hidden="true">${insetFrames(lang)}<g class="zoom" transform="${innerParisTransform()}">${zoom}</g></g>`,
    '</svg>',
  ].join('');
  return `<figure class="map-figure">${svg}${legend(scale, byCode, drawn.size, indicator, lang, minCount)}${offMapLine(offMap, indicator, lang, minCount)}</figure>`;
}

function legend(
  scale: ColourScale,
  byCode: Map<string, ReportValue>,
  drawnCount: number,
  indicator: ReportIndicator,
  lang: Lang,
  minCount: number,
): string {
  const number = (n: number) => formatNumber(n, indicator.format, lang);
  const items = scale.classes.map(
    (c) =>
      `<li><span class="swatch" style="background:${c.colour}"></span>${esc(c.min === c.max ? number(c.min) : `${number(c.min)} – ${number(c.max)}`)}</li>`,
  );
  const rows = [...byCode.values()];
  if (rows.some((r) => r.suppressed)) {
    items.push(`<li><span class="swatch hatched"></span>${esc(t(lang, 'map.suppressed', { k: minCount }))}</li>`);
  }
  const withoutValue = drawnCount - rows.filter((r) => r.suppressed || typeof r.value === 'number').length;
  if (withoutValue > 0) items.push(`<li><span class="swatch none"></span>${esc(t(lang, 'map.noData'))}</li>`);
  const unit =
    unitAfterNumber(indicator) && indicator.unit ? `<li class="legend-unit">${esc(indicator.unit)}</li>` : '';
  return `<ul class="map-legend">${items.join('')}${unit}</ul>`;
}

function offMapLine(rows: ReportValue[], indicator: ReportIndicator, lang: Lang, minCount: number): string {
  if (rows.length === 0) return '';
  const parts = rows.map(
    (r) =>
      `${dimensionLabel('territory', dimensionValueOf(r, 'territory'), lang)} ${displayValue(r, indicator.format, lang, minCount)}`,
  );
  return `<p class="map-off">${esc(`${t(lang, 'map.offMap')}${t(lang, 'punct.colon')}${parts.join(t(lang, 'punct.semicolon'))}`)}</p>`;
}
