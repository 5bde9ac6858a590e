// Breakdown items `dimension[:level]`, shared by impact.yaml's `breakdown` and the CLI's `--by`.

import { type Lang, t } from '../messages.js';
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
export function parseBreakdownItem(raw: string, lang: Lang = 'en'): BreakdownItem | BreakdownProblem {
  const item = raw.trim().toLowerCase();
  const [dim = '', level, ...rest] = item.split(':').map((p) => p.trim());
  if (!isDimension(dim)) {
    const hint = didYouMean(dim, DIMENSIONS);
    const message =
      t(lang, 'breakdown.unknownDimension', { dim }) + (hint ? t(lang, 'breakdown.didYouMean', { hint }) : '');
    return { item: raw, message, expected: t(lang, 'breakdown.oneOf', { list: listOf(DIMENSIONS) }) };
  }
  const levels = LEVELS[dim];
  if (rest.length > 0) {
    return { item: raw, message: t(lang, 'breakdown.twoLevels', { raw }), expected: t(lang, 'breakdown.itemForm') };
  }
  if (level === undefined)
    return DEFAULT_LEVEL[dim] ? { dimension: dim, level: DEFAULT_LEVEL[dim] } : { dimension: dim };
  if (levels.length === 0) return { item: raw, message: t(lang, 'breakdown.noLevel', { dim }), expected: dim };
  if (!levels.includes(level)) {
    return {
      item: raw,
      message: t(lang, 'breakdown.unknownLevel', { level, dim }),
      expected: t(lang, 'breakdown.oneOf', { list: listOf(levels) }),
    };
  }
  return { dimension: dim, level };
}

/** Items and the problems found; items may also hold comma-separated lists, as `--by` gives them. */
export function parseBreakdownDetailed(
  items: string[],
  lang: Lang = 'en',
): { items: BreakdownItem[]; problems: BreakdownProblem[] } {
  const out: BreakdownItem[] = [];
  const problems: BreakdownProblem[] = [];
  for (const raw of items.flatMap((i) => i.split(',')).filter((i) => i.trim() !== '')) {
    const r = parseBreakdownItem(raw, lang);
    if ('message' in r) problems.push(r);
    else if (out.some((o) => o.dimension === r.dimension)) {
      problems.push({
        item: raw,
        message: t(lang, 'breakdown.twice', { dim: r.dimension }),
        expected: t(lang, 'breakdown.once'),
      });
    } else out.push(r);
  }
  return { items: out, problems };
}

export function parseBreakdown(items: string[], lang: Lang = 'en'): { items: BreakdownItem[]; errors: string[] } {
  const { items: out, problems } = parseBreakdownDetailed(items, lang);
  return {
    items: out,
    errors: problems.map((p) => t(lang, 'breakdown.problem', { message: p.message, expected: p.expected })),
  };
}
