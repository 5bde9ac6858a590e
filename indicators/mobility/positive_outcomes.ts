import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'mobility.positive_outcomes',
  kind: 'unique',
  title: { en: 'Positive outcomes at exit', fr: 'Sorties positives' },
  description: {
    en: 'Distinct beneficiaries of mobility platforms who left in the period for employment or training.',
    fr: 'Bénéficiaires distincts des plateformes mobilité sortis sur la période vers un emploi ou une formation.',
  },
  unit: { en: 'people', fr: 'personnes' },
  frameworks: { sdg: ['8.6', '8.5'] },
  dataset: 'beneficiaries',
  date: 'exit_date',
  where: [
    { column: 'site.kind', op: 'eq', value: 'mobility_platform' },
    { column: 'outcome', op: 'in', value: ['employment', 'training'] },
  ],
  distinct: 'beneficiary_id',
});
