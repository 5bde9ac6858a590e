import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'finance.contributing_companies',
  kind: 'unique',
  title: { en: 'Contributing companies', fr: 'Entreprises contributrices' },
  description: {
    en: 'Distinct companies with a donation dated in the period.',
    fr: 'Entreprises distinctes ayant fait un don daté dans la période.',
  },
  unit: { en: 'companies', fr: 'entreprises' },
  frameworks: { sdg: ['17.17'] },
  dataset: 'investments',
  date: 'date',
  where: [
    { column: 'instrument', op: 'eq', value: 'donation' },
    { column: 'investor.kind', op: 'eq', value: 'company' },
  ],
  distinct: 'investor_id',
});
