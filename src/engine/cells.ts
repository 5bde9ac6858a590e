// Which cell a row falls in (INDICATORS.md "Which row falls in which cell"): the facts of a row
// per dataset, and the cells of a breakdown, margins and grand total included.
import type { BreakdownItem, DimensionName } from '../config/index.js';
import type { DatasetName } from '../data/datasets.js';
import { rollUpTerritory, type TerritoryLevel } from '../data/territory.js';
import type { PeriodLevel } from './periods.js';

/** What a row says about each dimension; an absent key means the dimension does not apply. */
export interface RowFacts {
  territory: string;
  organisation?: string;
  site?: string;
  programme?: string;
  gender?: string;
  qpv?: string;
  age_band?: string;
}

export const UNKNOWN = 'unknown';
export const TOTAL = 'total';
export const COUNTRY = 'FR';

/** The dimensions each dataset's rows can be broken down by. */
export const APPLICABLE: Record<DatasetName, ReadonlySet<DimensionName>> = {
  beneficiaries: new Set(['territory', 'period', 'organisation', 'site', 'gender', 'qpv', 'age_band']),
  sites: new Set(['territory', 'period', 'organisation', 'site']),
  investments: new Set(['territory', 'period', 'organisation', 'programme']),
  actions: new Set(['territory', 'period', 'organisation']),
  metrics: new Set(['territory', 'period', 'organisation', 'site']),
  organisations: new Set(['territory', 'period', 'organisation']),
};

export interface PlanDimension {
  dimension: Exclude<DimensionName, 'period'>;
  territoryLevel?: TerritoryLevel;
}

/** A breakdown to compute: the non-period dimensions and the period level (null: the range only). */
export interface Plan {
  dimensions: PlanDimension[];
  periodLevel: PeriodLevel | null;
}

const TERRITORY_LEVEL_NAMES: Record<string, TerritoryLevel> = {
  commune: 'commune',
  epci: 'epci',
  departement: 'departement',
  region: 'region',
  country: 'country',
};

export function planFromBreakdown(items: readonly BreakdownItem[]): Plan {
  const dimensions: PlanDimension[] = [];
  let periodLevel: PeriodLevel | null = null;
  for (const item of items) {
    if (item.dimension === 'period') {
      periodLevel = (item.level ?? 'year') as PeriodLevel;
    } else if (item.dimension === 'territory') {
      dimensions.push({
        dimension: 'territory',
        territoryLevel: TERRITORY_LEVEL_NAMES[item.level ?? 'departement'] ?? 'departement',
      });
    } else {
      dimensions.push({ dimension: item.dimension });
    }
  }
  return { dimensions, periodLevel };
}

// Every row asks for its territory at the breakdown's level: remember each code's answer.
const rollUps = new Map<string, string | null>();
function rolledUp(code: string, level: TerritoryLevel): string | null {
  const key = `${level}\u001f${code}`;
  let rolled = rollUps.get(key);
  if (rolled === undefined) {
    rolled = rollUpTerritory(code, level);
    rollUps.set(key, rolled);
  }
  return rolled;
}

export function totalOf(dimension: PlanDimension['dimension']): string {
  return dimension === 'territory' ? COUNTRY : TOTAL;
}

/**
 * The value of one plan dimension for a row: a code, or null when the row only counts in that
 * dimension's total (the dimension does not apply, or the territory is the whole country).
 * `onCoarse` is told when a territory is coarser than the requested level.
 */
export function dimensionValue(
  facts: RowFacts,
  dim: PlanDimension,
  onCoarse?: (code: string, level: TerritoryLevel) => void,
): string | null {
  if (dim.dimension === 'territory') {
    const level = dim.territoryLevel ?? 'departement';
    if (facts.territory === COUNTRY) {
      if (level !== 'country') onCoarse?.(COUNTRY, level);
      return null;
    }
    const rolled = rolledUp(facts.territory, level);
    if (rolled === null) {
      onCoarse?.(facts.territory, level);
      return facts.territory;
    }
    return rolled === COUNTRY ? null : rolled;
  }
  const value = facts[dim.dimension];
  return value === undefined ? null : value;
}

/**
 * Every cell key a row contributes to: each dimension either its own value or its total, so a
 * row reaches its cell, every margin and the grand total (2^n keys, without duplicates).
 */
export function cellKeys(values: readonly (string | null)[], totals: readonly string[]): string[] {
  let keys: string[][] = [[]];
  values.forEach((value, i) => {
    const next: string[][] = [];
    for (const prefix of keys) {
      // A value spelt like its margin (a programme called "total") is that margin: adding the row
      // under both keys would count it twice there.
      if (value !== null && value !== totals[i]) next.push([...prefix, value]);
      next.push([...prefix, totals[i]!]);
    }
    keys = next;
  });
  return keys.map((k) => k.join('\u001f'));
}

export function ageBand(age: number | undefined, youth: readonly [number, number]): string {
  if (age === undefined) return UNKNOWN;
  const [lo, hi] = youth;
  if (age < lo) return `<${lo}`;
  if (age <= hi) return `${lo}-${hi}`;
  if (age < 50) return `${hi + 1}-49`;
  return '50+';
}
