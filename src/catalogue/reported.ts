// INDICATORS.md "Reported metrics": every metric name in the metrics dataset is also the flow
// indicator `reported.<metric>` (sum of value, placed by period_end).
import { defineIndicator, type IndicatorDefinition } from '../define.js';

export function reportedIndicator(metric: string): IndicatorDefinition<unknown> {
  return defineIndicator({
    id: `reported.${metric}`,
    kind: 'flow',
    title: { en: `Reported: ${metric}`, fr: `Déclaré : ${metric}` },
    description: {
      en: `Sum of the reported metric "${metric}", placed by period_end.`,
      fr: `Somme de la métrique déclarée « ${metric} », placée à la fin de sa période.`,
    },
    unit: { en: metric, fr: metric },
    format: 'decimal',
    dataset: 'metrics',
    date: 'period_end',
    filter: (row) => row.metric === metric,
    value: (row) => row.value,
  }) as IndicatorDefinition<unknown>;
}
