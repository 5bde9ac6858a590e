import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'finance.leverage',
  kind: 'ratio',
  title: { en: 'Leverage', fr: 'Effet de levier' },
  description: {
    en: 'Euros received in the cell from all investors by the organisations the reporting entity finances in that cell ÷ its euros invested.',
    fr: "Euros reçus dans la cellule de tous les investisseurs par les organisations que l'entité déclarante finance dans cette cellule ÷ ses euros investis.",
  },
  unit: { en: '×', fr: '×' },
  format: 'decimal',
  frameworks: { sdg: ['17.3'] },
  numerator: {
    kind: 'flow',
    unit: { en: '€', fr: '€' },
    format: 'euros',
    attribution: false,
    dataset: 'investments',
    date: 'date',
    where: [{ column: 'investee.kind', op: 'ne', value: 'fund' }],
    value: 'amount_eur',
    // An organisation counts in a cell when the reporting entity put euros into it there.
    organisationGate: (row, ctx) => ctx.investorWeight(row.investor_id, row.date) > 0,
  },
  denominator: 'finance.invested',
});
