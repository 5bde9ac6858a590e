// Breakdown items `dimension[:level]`, shared by impact.yaml's `breakdown` and the CLI's `--by`.

import { didYouMean, listOf } from './text.js';
import type { BreakdownItem, DimensionName } from './types.js';

const LEVELS: Record<DimensionName, readonly string[]> = {
  territory: ['commune', 'epci', 'departement', 'region', 'country'],
  period: ['year', 'quarter', 'month'],
  organisation: [],
  site: [],
  programme: [],
  gender: [],
  qpv: [],
  age_band: [],
};
const DEFAULT_LEVEL: Partial<Record<DimensionName, string>> = { territory: 'departement', period: 'year' };
export const DIMENSIONS = Object.keys(LEVELS) as DimensionName[];

export interface BreakdownProblem {
  item: string;
  message: string;
  expected: string;
}

const isDimension = (s: string): s is DimensionName => Object.hasOwn(LEVELS, s);

/** One item, or what is wrong with it; the level defaults so consumers never guess it. */
export function parseBreakdownItem(raw: string): BreakdownItem | BreakdownProblem {
  const item = raw.trim().toLowerCase();
  const [dim = '', level, ...rest] = item.split(':').map((p) => p.trim());
  if (!isDimension(dim)) {
    const hint = didYouMean(dim, DIMENSIONS);
    const message = `unknown dimension "${dim}"${hint ? `, did you mean \`${hint}\`?` : ''}`;
    return { item: raw, message, expected: `one of ${listOf(DIMENSIONS)}` };
  }
  const levels = LEVELS[dim];
  if (rest.length > 0) return { item: raw, message: `"${raw}" has more than one level`, expected: 'dimension[:level]' };
  if (level === undefined)
    return DEFAULT_LEVEL[dim] ? { dimension: dim, level: DEFAULT_LEVEL[dim] } : { dimension: dim };
  if (levels.length === 0) return { item: raw, message: `${dim} takes no level`, expected: dim };
  if (!levels.includes(level)) {
    return { item: raw, message: `unknown level "${level}" for ${dim}`, expected: `one of ${listOf(levels)}` };
  }
  return { dimension: dim, level };
}

/** Items and the problems found; items may also hold comma-separated lists, as `--by` gives them. */
export function parseBreakdownDetailed(items: string[]): { items: BreakdownItem[]; problems: BreakdownProblem[] } {
  const out: BreakdownItem[] = [];
  const problems: BreakdownProblem[] = [];
  for (const raw of items.flatMap((i) => i.split(',')).filter((i) => i.trim() !== '')) {
    const r = parseBreakdownItem(raw);
    if ('message' in r) problems.push(r);
    else if (out.some((o) => o.dimension === r.dimension)) {
      problems.push({ item: raw, message: `${r.dimension} is given twice`, expected: 'each dimension once' });
    } else out.push(r);
  }
  return { items: out, problems };
}

export function parseBreakdown(items: string[]): { items: BreakdownItem[]; errors: string[] } {
  const { items: out, problems } = parseBreakdownDetailed(items);
  return { items: out, errors: problems.map((p) => `${p.message} (expected ${p.expected})`) };
}
