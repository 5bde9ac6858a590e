// From accumulated cells to value rows: the grid of a plan (every cell, every margin, the grand
// total), each indicator's value by its kind, ratios from the cell's own numerator and
// denominator, and the attributable part of additive values. Values are keyed by cellId, which
// tells a margin from every data value and an unknown value from every spelling.
import type { DimensionName } from '../config/index.js';
import { type Attribution, fromAttributionKey } from './attribution.js';
import { cellId, MARGIN, UNKNOWN_CODE } from './cells.js';
import { type CompiledIndicator, indicatorDimensions } from './compiled.js';
import { accumulatorValue, cellAccumulator, cellLabels, type Engine, type PlanState } from './compute.js';

export interface CellValue {
  /** One entry per plan dimension, then the period: a value, null when the data left it empty, or the margin's label. */
  keys: (string | null)[];
  /** Per key: whether it is that dimension's margin (its total) rather than a value. */
  margin: boolean[];
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  attributable?: number;
  note?: string;
  error?: string;
  /** Hidden by privacy.min_count (value null). */
  suppressed?: boolean;
}

/** An indicator's cells by cellId. */
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

/** How many codes each axis of an indicator's grid holds: a dimension it does not break down by is its margin only. */
function axisSizes(state: PlanState, dims: Set<DimensionName>): number[] {
  const sizes = state.plan.dimensions.map((d, i) =>
    dims.has(d.dimension) ? 1 + state.dictionaries[i]!.values.length + (state.unknownSeen[i] ? 1 : 0) : 1,
  );
  sizes.push(1 + state.periods.length);
  return sizes;
}

/**
 * How many values finalizePlan will give each indicator, known once every row is consumed and before
 * any value is computed: a report too large for its format is refused then, not after the work.
 */
export function gridSize(
  engine: Engine,
  planIndex: number,
  indicator: CompiledIndicator,
  byId: Map<string, CompiledIndicator>,
): number {
  if (engine.failures.has(indicator)) return 1;
  return axisSizes(engine.states[planIndex]!, applicableDims(indicator, byId)).reduce((a, b) => a * b, 1);
}

/** Every cell of a plan for one indicator, as code tuples in a stable order: margins first, then values sorted, unknown last. */
function gridCodes(state: PlanState, dims: Set<DimensionName>): number[][] {
  const axes: number[][] = state.plan.dimensions.map((d, i) => {
    if (!dims.has(d.dimension)) return [MARGIN];
    const values = state.dictionaries[i]!.values;
    const sorted = values.map((_, code) => code).sort((a, b) => (values[a]! < values[b]! ? -1 : 1));
    return [MARGIN, ...sorted, ...(state.unknownSeen[i] ? [UNKNOWN_CODE] : [])];
  });
  axes.push([MARGIN, ...state.periods.map((_, p) => p)]);
  let tuples: number[][] = [[]];
  for (const axis of axes) tuples = tuples.flatMap((prefix) => axis.map((code) => [...prefix, code]));
  return tuples;
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
  const periodEnd = (code: number): string => (code === MARGIN ? range.to : (state.periods[code]?.end ?? range.to));
  const grids = new Map<string, { codes: number[]; id: string; keys: (string | null)[]; margin: boolean[] }[]>();
  const gridOf = (dims: Set<DimensionName>) => {
    const signature = [...dims].sort().join();
    let grid = grids.get(signature);
    if (!grid) {
      grid = gridCodes(state, dims).map((codes) => {
        const { keys, margin } = cellLabels(state, codes);
        return { codes, id: cellId(keys, margin), keys, margin };
      });
      grids.set(signature, grid);
    }
    return grid;
  };

  const compute = (indicator: CompiledIndicator): IndicatorValues => {
    const done = results.get(indicator);
    if (done) return done;
    const values: IndicatorValues = new Map();
    results.set(indicator, values);
    const grid = gridOf(applicableDims(indicator, byId));
    const failure = engine.failures.get(indicator);
    if (failure) {
      const { id, keys, margin } = grid[0]!;
      values.set(id, { keys, margin, value: null, error: failure });
      return values;
    }
    if (indicator.kind === 'ratio') {
      const num = byId.get(indicator.numerator!);
      const den = byId.get(indicator.denominator!);
      const numValues = num ? compute(num) : undefined;
      const denValues = den ? compute(den) : undefined;
      // A failed part has one value, its error: every cell of the ratio fails with it, none is
      // divided as if that part were 0.
      const partFailure = (num && engine.failures.get(num)) ?? (den && engine.failures.get(den));
      for (const { id: key, keys, margin } of grid) {
        const n = numValues?.get(key);
        const d = denValues?.get(key);
        const error = partFailure ?? n?.error ?? d?.error;
        if (error || !n || !d) {
          values.set(key, { keys, margin, value: null, error: error ?? 'numerator or denominator unavailable' });
          continue;
        }
        // A part without a value (a ratio of a ratio whose denominator is 0) gives none: not a 0.
        const numerator = n.value;
        const denominator = d.value;
        if (numerator === null || denominator === null) {
          values.set(key, { keys, margin, value: null, numerator, denominator });
        } else if (denominator === 0) {
          values.set(key, { keys, margin, value: null, numerator, denominator, note: 'zero denominator' });
        } else {
          values.set(key, {
            keys,
            margin,
            value: (indicator.scale * numerator) / denominator,
            numerator,
            denominator,
          });
        }
      }
      return values;
    }
    const withAttribution = indicator.attribution && attribution.entity !== undefined;
    for (const { codes, id: key, keys, margin } of grid) {
      let value = 0;
      let attributable = 0;
      for (const source of indicator.sources) {
        const part = accumulatorValue(cellAccumulator(state, source, codes));
        value += part.value;
        if (withAttribution && part.byOrganisation) {
          // A stock takes the share at the cell's end; a flow's parts carry their own year's end.
          const end = periodEnd(codes[codes.length - 1]!);
          // Sorted so the floating-point sum is the same whatever order rows came in.
          for (const key of [...part.byOrganisation.keys()].sort()) {
            const { organisation, day } = fromAttributionKey(key);
            attributable += part.byOrganisation.get(key)! * attribution.share(organisation, day ?? end);
          }
        }
      }
      // Past 2^53 a sum of whole numbers (cents, people) is no longer exact: no value rather than a drifted one.
      if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
        values.set(key, { keys, margin, value: null, error: UNSAFE_TOTAL });
        continue;
      }
      const cell: CellValue = {
        keys,
        margin,
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
