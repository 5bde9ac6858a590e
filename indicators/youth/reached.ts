import { z } from 'zod';
import { defineIndicator } from '../../src/define.js';

const params = z.object({ youth_age: z.tuple([z.number().int(), z.number().int()]).default([16, 25]) });
type Params = z.infer<typeof params>;

export default defineIndicator<'beneficiaries', Params>({
  id: 'youth.reached',
  kind: 'unique',
  title: { en: 'Young people reached', fr: 'Jeunes touchés' },
  description: {
    en: 'Distinct beneficiaries of any site whose age at entry is inside youth_age, entered in the period, plus reported youth_reached metrics (summed, placed by period end).',
    fr: "Bénéficiaires distincts de tout site dont l'âge à l'entrée est dans youth_age, entrés sur la période, plus les métriques youth_reached déclarées (sommées, à la fin de leur période).",
  },
  unit: { en: 'young people', fr: 'jeunes' },
  frameworks: { sdg: ['1.2', '4.4', '8.6'] },
  params,
  sources: [
    {
      dataset: 'beneficiaries',
      date: 'entry_date',
      // The age at entry inside youth_age, both ends included.
      where: ({ youth_age: [youngest, oldest] }) => [
        { column: 'age', op: 'gte', value: youngest },
        { column: 'age', op: 'lte', value: oldest },
      ],
      distinct: 'beneficiary_id',
    },
    {
      dataset: 'metrics',
      date: 'period_end',
      where: [{ column: 'metric', op: 'eq', value: 'youth_reached' }],
      value: 'value',
    },
  ],
});
