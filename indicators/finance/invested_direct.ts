import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'finance.invested_direct',
  kind: 'flow',
  title: { en: 'Euros invested directly', fr: 'Euros investis en direct' },
  description: {
    en: "The reporting entity's own investments into non-fund organisations dated in the period.",
    fr: "Investissements de l'entité déclarante elle-même vers des organisations hors fonds, datés dans la période.",
  },
  unit: { en: '€', fr: '€' },
  format: 'euros',
  frameworks: { sdg: ['17.3'] },
  attribution: false,
  dataset: 'investments',
  date: 'date',
  where: [{ column: 'investee.kind', op: 'ne', value: 'fund' }],
  filter: (row, ctx) => row.investor_id === ctx.reportingEntity,
  value: (row) => row.amount_eur,
});
