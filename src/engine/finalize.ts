// From accumulated cells to value rows: the grid of a plan (every cell, every margin, the grand
// total), each indicator's value by its kind, ratios from the cell's own numerator and
// denominator, and the attributable part of additive values.
import type { DimensionName } from '../config/index.js';
import type { Attribution } from './attribution.js';
import { type CompiledIndicator, indicatorDimensions } from './compiled.js';
import { accumulatorValue, cellAccumulator, type Engine } from './compute.js';
import { periodFromLabel } from './periods.js';

export interface CellValue {
  /** One entry per plan dimension, then the period. */
  keys: string[];
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  attributable?: number;
  note?: string;
  error?: string;
  /** Hidden by privacy.min_count (value null). */
  suppressed?: boolean;
}

export type IndicatorValues = Map<string, CellValue>;

const centsToEuros = (cents: number): number => Math.round(cents) / 100;
/**
 * A sum of decimals (reported metrics) published with 12 significant digits: the floating-point
 * error of a sum depends on the order rows come in (12471.199999999999 or 12471.2), and a report
 * must not (CONTRACT §5); 12 digits keep every decimal a data file can hold exactly.
 */
const publishedDecimal = (value: number): number =>
  Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(12));

export const UNSAFE_TOTAL = 'the total is beyond 2^53 (in cents for euros) and cannot be computed exactly';

function applicableDims(indicator: CompiledIndicator, byId: Map<string, CompiledIndicator>): Set<DimensionName> {
  if (indicator.kind === 'ratio') {
    const num = byId.get(indicator.numerator!);
    const den = byId.get(indicator.denominator!);
    const a = num ? applicableDims(num, byId) : new Set<DimensionName>();
    const b = den ? applicableDims(den, byId) : new Set<DimensionName>();
    return new Set([...a].filter((d) => b.has(d)));
  }
  return indicatorDimensions(indicator);
}

/** Every cell key of a plan for one indicator, in a stable order: totals first, then codes sorted. */
function gridKeys(engine: Engine, planIndex: number, dims: Set<DimensionName>): string[][] {
  const state = engine.states[planIndex]!;
  const axes: string[][] = state.plan.dimensions.map((d, i) => {
    const total = state.totals[i]!;
    if (!dims.has(d.dimension)) return [total];
    const seen = [...state.seen[i]!].filter((v) => v !== total).sort();
    return [total, ...seen];
  });
  axes.push([state.rangePeriod.label, ...state.periods.map((p) => p.label)]);
  let keys: string[][] = [[]];
  for (const axis of axes) keys = keys.flatMap((prefix) => axis.map((v) => [...prefix, v]));
  return keys;
}

export function finalizePlan(
  engine: Engine,
  planIndex: number,
  indicators: CompiledIndicator[],
  attribution: Attribution,
  range: { from: string; to: string },
): Map<CompiledIndicator, IndicatorValues> {
  const state = engine.states[planIndex]!;
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const results = new Map<CompiledIndicator, IndicatorValues>();
  const periodEnd = (label: string): string => periodFromLabel(label, range)?.end ?? range.to;

  const compute = (indicator: CompiledIndicator): IndicatorValues => {
    const done = results.get(indicator);
    if (done) return done;
    const values: IndicatorValues = new Map();
    results.set(indicator, values);
    const grid = gridKeys(engine, planIndex, applicableDims(indicator, byId));
    const failure = engine.failures.get(indicator);
    if (failure) {
      const keys = grid[0]!;
      values.set(keys.join('\u001f'), { keys, value: null, error: failure });
      return values;
    }
    if (indicator.kind === 'ratio') {
      const num = byId.get(indicator.numerator!);
      const den = byId.get(indicator.denominator!);
      const numValues = num ? compute(num) : undefined;
      const denValues = den ? compute(den) : undefined;
      for (const keys of grid) {
        const key = keys.join('\u001f');
        const n = numValues?.get(key);
        const d = denValues?.get(key);
        const error = n?.error ?? d?.error ?? (!num || !den ? 'numerator or denominator unavailable' : undefined);
        if (error) {
          values.set(key, { keys, value: null, error });
          continue;
        }
        const numerator = n?.value ?? 0;
        const denominator = d?.value ?? 0;
        if (numerator === null || denominator === null) {
          values.set(key, { keys, value: null, numerator, denominator });
        } else if (denominator === 0) {
          values.set(key, { keys, value: null, numerator, denominator, note: 'zero denominator' });
        } else {
          values.set(key, { keys, value: (indicator.scale * numerator) / denominator, numerator, denominator });
        }
      }
      return values;
    }
    const withAttribution = indicator.attribution && attribution.entity !== undefined;
    for (const keys of grid) {
      const key = keys.join('\u001f');
      let value = 0;
      let attributable = 0;
      for (const source of indicator.sources) {
        const part = accumulatorValue(cellAccumulator(state, source, key));
        value += part.value;
        if (withAttribution && part.byOrganisation) {
          const end = periodEnd(keys[keys.length - 1]!);
          // Sorted so the floating-point sum is the same whatever order rows came in.
          for (const org of [...part.byOrganisation.keys()].sort()) {
            attributable += part.byOrganisation.get(org)! * attribution.share(org, end);
          }
        }
      }
      // Past 2^53 a sum of whole numbers (cents, people) is no longer exact: no value rather than a drifted one.
      if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
        values.set(key, { keys, value: null, error: UNSAFE_TOTAL });
        continue;
      }
      const cell: CellValue = {
        keys,
        value: indicator.format === 'euros' ? centsToEuros(value) : publishedDecimal(value),
      };
      if (withAttribution) {
        cell.attributable =
          indicator.format === 'euros' ? centsToEuros(attributable) : Math.round(attributable * 1e6) / 1e6;
      }
      values.set(key, cell);
    }
    return values;
  };
  for (const indicator of indicators) compute(indicator);
  return results;
}
