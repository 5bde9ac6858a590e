import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'finance.exits',
  kind: 'flow',
  title: { en: 'Euros exited', fr: 'Euros sortis' },
  description: {
    en: "The reporting entity's investments into non-fund organisations that ended in the period (sold, repaid, agreement ended), at their invested amount, plus its share on the exit day of its funds' exits, looking through funds of funds.",
    fr: "Investissements de l'entité déclarante dans des organisations hors fonds terminés sur la période (cession, remboursement, fin de convention), au montant investi, plus sa part le jour de la sortie des sorties de ses fonds, fonds de fonds compris.",
  },
  unit: { en: '€', fr: '€' },
  format: 'euros',
  frameworks: { sdg: ['17.3'] },
  // Already the reporting entity's own euros: attributing them again would count its share twice.
  attribution: false,
  dataset: 'investments',
  date: 'exited_on',
  filter: (row, ctx) =>
    row.exited_on !== undefined &&
    !ctx.isFund(row.investee_id) &&
    ctx.investorWeight(row.investor_id, row.exited_on) > 0,
  value: (row, ctx) => row.amount_eur * ctx.investorWeight(row.investor_id, row.exited_on ?? row.date),
});
