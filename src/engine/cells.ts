// Which cell a row falls in (INDICATORS.md "Which row falls in which cell"): the facts of a row
// per dataset, and the cells of a breakdown, margins and grand total included.
// A cell is a tuple of integer codes, one per plan dimension then the period: MARGIN (the
// dimension's total), UNKNOWN_CODE (the data leaves it empty) or a value's index in that
// dimension's dictionary. Margins and "unknown" are therefore their own codes, never a data value:
// an organisation whose id is `total`, a programme `unknown` or an id holding a separator keeps
// its own cell by construction.
import type { BreakdownItem, DimensionName } from '../config/index.js';
import type { DatasetName } from '../data/datasets.js';
import { rollUpTerritory, type TerritoryLevel } from '../data/territory.js';
import type { PeriodLevel } from './periods.js';

/**
 * What a row says about each dimension: a value, null when the data leaves it empty (unknown), or
 * an absent key when the dimension does not apply to the dataset.
 */
export interface RowFacts {
  territory: string | null;
  organisation?: string | null;
  site?: string | null;
  programme?: string | null;
  gender?: string | null;
  qpv?: string | null;
  age_band?: string | null;
}

/** The label of the territory margin, and of rows coded at the whole country. */
export const COUNTRY = 'FR';
/** The label people read for the margin of a dimension other than territory and period. */
export const TOTAL = 'total';

/** Codes of a cell tuple: the dimension's margin, its unknown value; values are codes ≥ 0. */
export const MARGIN = -1;
export const UNKNOWN_CODE = -2;

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
  const key = `${level}:${code}`; // territory codes are `prefix:digits`, so this key is unambiguous
  let rolled = rollUps.get(key);
  if (rolled === undefined) {
    rolled = rollUpTerritory(code, level);
    rollUps.set(key, rolled);
  }
  return rolled;
}

/** The label of a dimension's margin in the report: `FR` for territory, `total` otherwise. */
export function totalOf(dimension: PlanDimension['dimension']): string {
  return dimension === 'territory' ? COUNTRY : TOTAL;
}

/**
 * The value of one plan dimension for a row: a code, null when the data leaves it empty, or
 * undefined when the row only counts in that dimension's margin (the dimension does not apply).
 * A territory coarser than the requested level (`FR` or `reg:11` asked by département) is its own
 * cell under its own code; `onCoarse` is told.
 */
export function dimensionValue(
  facts: RowFacts,
  dim: PlanDimension,
  onCoarse?: (code: string, level: TerritoryLevel) => void,
): string | null | undefined {
  if (dim.dimension === 'territory') {
    const level = dim.territoryLevel ?? 'departement';
    const code = facts.territory;
    if (code === null) return null;
    if (code === COUNTRY) {
      if (level !== 'country') onCoarse?.(COUNTRY, level);
      return COUNTRY;
    }
    const rolled = rolledUp(code, level);
    if (rolled === null) {
      onCoarse?.(code, level);
      return code;
    }
    return rolled;
  }
  return facts[dim.dimension];
}

/**
 * Every cell a row contributes to, as code tuples: each dimension either its own code or MARGIN,
 * so a row reaches its cell, every margin and the grand total (2^n cells, without duplicates).
 * A code that is already MARGIN (the dimension does not apply) gives the margin only.
 */
export function cellTuples(codes: readonly number[]): number[][] {
  let tuples: number[][] = [[]];
  for (const code of codes) {
    const next: number[][] = [];
    for (const prefix of tuples) {
      if (code !== MARGIN) next.push([...prefix, code]);
      next.push([...prefix, MARGIN]);
    }
    tuples = next;
  }
  return tuples;
}

/**
 * The identity of a cell as people name it: per dimension its value (null: unknown) or the margin.
 * JSON of [value] / null / 0 is injective, so no value can be mistaken for another or for a margin.
 */
export function cellId(keys: readonly (string | null)[], margin: readonly boolean[]): string {
  return JSON.stringify(keys.map((key, i) => (margin[i] ? 0 : key === null ? null : [key])));
}

/** A dimension's dictionary: each distinct value gets the next code, in order of first appearance. */
export class Dictionary {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];

  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }
}

export function ageBand(age: number | undefined, youth: readonly [number, number]): string | null {
  if (age === undefined) return null;
  const [lo, hi] = youth;
  if (age < lo) return `<${lo}`;
  if (age <= hi) return `${lo}-${hi}`;
  if (age < 50) return `${hi + 1}-49`;
  return '50+';
}
