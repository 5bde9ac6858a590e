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
  filter: (row, ctx) => row.instrument === 'donation' && ctx.organisation(row.investor_id)?.kind === 'company',
  value: (row) => row.amount_eur,
});
