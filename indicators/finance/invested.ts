import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'finance.invested',
  kind: 'flow',
  title: { en: 'Euros invested', fr: 'Euros investis' },
  description: {
    en: "The reporting entity's euros into non-fund organisations dated in the period: its direct investments plus its share (at the investment date) of funds' investments, looking through funds of funds.",
    fr: "Euros de l'entité déclarante vers des organisations hors fonds datés dans la période : investissements directs plus sa part (à la date de l'investissement) des investissements des fonds, fonds de fonds compris.",
  },
  unit: { en: '€', fr: '€' },
  format: 'euros',
  frameworks: { sdg: ['17.3'] },
  // Already the reporting entity's own euros: attributing them again would count its share twice.
  attribution: false,
  dataset: 'investments',
  date: 'date',
  where: [{ column: 'investee.kind', op: 'ne', value: 'fund' }],
  filter: {
    'w(reporting_entity, investor_id, date) > 0': (row, ctx) => ctx.investorWeight(row.investor_id, row.date) > 0,
  },
  value: (row, ctx) => row.amount_eur * ctx.investorWeight(row.investor_id, row.date),
});
