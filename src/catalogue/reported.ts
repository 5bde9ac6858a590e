// INDICATORS.md "Reported metrics": every metric name in the metrics dataset is also the flow
// indicator `reported.<metric>` (sum of value, placed by period_end).
import type { ReportedMetric } from '../config/types.js';
import { defineIndicator, type IndicatorDefinition } from '../define.js';

/** `declared`: impact.yaml's `metrics.<metric>` title and unit; the metric's own name otherwise. */
export function reportedIndicator(metric: string, declared: ReportedMetric = {}): IndicatorDefinition<unknown> {
  return defineIndicator({
    id: `reported.${metric}`,
    kind: 'flow',
    title: declared.title ?? { en: `Reported: ${metric}`, fr: `Déclaré\u00a0: ${metric}` },
    description: {
      en: `Sum of the reported metric "${metric}", placed by period_end.`,
      fr: `Somme de la métrique déclarée « ${metric} », placée à la fin de sa période.`,
    },
    unit: declared.unit ?? { en: metric, fr: metric },
    format: 'decimal',
    dataset: 'metrics',
    date: 'period_end',
    filter: (row) => row.metric === metric,
    value: (row) => row.value,
  }) as IndicatorDefinition<unknown>;
}
