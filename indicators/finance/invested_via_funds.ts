import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'finance.invested_via_funds',
  kind: 'flow',
  title: { en: 'Euros invested through funds', fr: 'Euros investis via des fonds' },
  description: {
    en: "The reporting entity's share (at the investment date) of funds' investments into non-fund organisations dated in the period.",
    fr: "Part de l'entité déclarante (à la date de l'investissement) des investissements des fonds vers des organisations hors fonds, datés dans la période.",
  },
  unit: { en: '€', fr: '€' },
  format: 'euros',
  frameworks: { sdg: ['17.3'] },
  attribution: false,
  dataset: 'investments',
  date: 'date',
  where: [
    { column: 'investor.kind', op: 'eq', value: 'fund' },
    { column: 'investee.kind', op: 'ne', value: 'fund' },
  ],
  filter: {
    'w(reporting_entity, investor_id, date) > 0': (row, ctx) => ctx.investorWeight(row.investor_id, row.date) > 0,
  },
  value: (row, ctx) => row.amount_eur * ctx.investorWeight(row.investor_id, row.date),
});
