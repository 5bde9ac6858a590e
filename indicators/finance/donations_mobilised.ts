import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'finance.donations_mobilised',
  kind: 'flow',
  title: { en: 'Company donations mobilised', fr: 'Dons des entreprises mobilisés' },
  description: {
    en: 'Donations from organisations of kind company, dated in the period.',
    fr: 'Dons des organisations de type entreprise (company), datés dans la période.',
  },
  unit: { en: '€', fr: '€' },
  format: 'euros',
  frameworks: { sdg: ['17.17', '1.2'] },
  dataset: 'investments',
  date: 'date',
  where: [
    { column: 'instrument', op: 'eq', value: 'donation' },
    { column: 'investor.kind', op: 'eq', value: 'company' },
  ],
  value: 'amount_eur',
});
