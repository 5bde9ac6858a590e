// Where each dataset's rows are placed among territories (INDICATORS.md "Which row falls in which
// cell", context.ts makeFactsOf). A ratio whose numerator and denominator come from datasets placed
// by different rules divides, in a territory's cell, euros counted at one place by people counted at
// another (an investee's head office, a young person's commune): it is not read territory by territory.
import type { DatasetName } from '../data/datasets.js';
import { type CompiledIndicator, indicatorDatasets } from './compiled.js';

export type Placement = 'residence' | 'site' | 'investee' | 'action' | 'reported' | 'organisation';

export const PLACED_BY: Record<DatasetName, Placement> = {
  beneficiaries: 'residence', // the row's commune, else its site's
  sites: 'site',
  investments: 'investee', // the investee organisation's territory
  actions: 'action', // the row's territory, else its organisation's
  metrics: 'reported', // the row's territory, else its site's, else its organisation's
  organisations: 'organisation',
};

/** The order placements are named in: the people first, then places, then what was declared. */
const ORDER: readonly Placement[] = ['residence', 'site', 'action', 'investee', 'organisation', 'reported'];

/** A ratio's parts' placements when they differ (each once, in ORDER); undefined otherwise. */
export function partsPlacedApart(
  indicator: CompiledIndicator,
  all: readonly CompiledIndicator[],
): { numerator: Placement[]; denominator: Placement[] } | undefined {
  if (indicator.kind !== 'ratio') return undefined;
  const placements = (id: string | undefined): Placement[] => {
    const part = all.find((i) => i.id === id);
    const placed = new Set(part ? indicatorDatasets(part, all).map((d) => PLACED_BY[d]) : []);
    return ORDER.filter((p) => placed.has(p));
  };
  const numerator = placements(indicator.numerator);
  const denominator = placements(indicator.denominator);
  if (numerator.length === 0 || denominator.length === 0) return undefined;
  return numerator.join() === denominator.join() ? undefined : { numerator, denominator };
}
