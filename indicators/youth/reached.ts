import { z } from 'zod';
import { defineIndicator } from '../../src/define.js';

const params = z.object({ youth_age: z.tuple([z.number().int(), z.number().int()]).default([16, 25]) });
type Params = z.infer<typeof params>;

const isYoung = (age: number | undefined, [lo, hi]: [number, number]) => age !== undefined && age >= lo && age <= hi;

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
      filter: (row, ctx) => isYoung(ctx.ageAtEntry(row), ctx.params.youth_age),
      distinct: (row) => row.beneficiary_id,
    },
    {
      dataset: 'metrics',
      date: 'period_end',
      filter: (row) => row.metric === 'youth_reached',
      value: (row) => row.value,
    },
  ],
});
