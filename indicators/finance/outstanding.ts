import { defineIndicator } from '../../src/define.js';

const heldOn = (row: { date: string; exited_on?: string }, date: string) =>
  row.date <= date && (row.exited_on === undefined || date < row.exited_on);

export default defineIndicator({
  id: 'finance.outstanding',
  kind: 'stock',
  title: { en: 'Euros outstanding', fr: 'Encours' },
  description: {
    en: "The reporting entity's equity, quasi-equity and loans still held in non-fund organisations on the last day of the period, plus its share on that day of what its funds still hold of those kinds, looking through funds of funds.",
    fr: "Fonds propres, quasi-fonds propres et prêts de l'entité déclarante encore détenus dans des organisations hors fonds le dernier jour de la période, plus sa part ce jour-là de ce que ses fonds en détiennent encore, fonds de fonds compris.",
  },
  unit: { en: '€', fr: '€' },
  format: 'euros',
  frameworks: { sdg: ['17.3'] },
  // Already the reporting entity's own euros: attributing them again would count its share twice.
  attribution: false,
  dataset: 'investments',
  where: [
    // Holdings whose euros are still at work: equity, quasi-equity and loans (INDICATORS.md catalogue).
    { column: 'instrument', op: 'in', value: ['equity', 'quasi_equity', 'loan'] },
    { column: 'investee.kind', op: 'ne', value: 'fund' },
  ],
  activeAt: (row, date, ctx) => heldOn(row, date) && ctx.investorWeight(row.investor_id, date) > 0,
  valueAt: (row, date, ctx) => row.amount_eur * ctx.investorWeight(row.investor_id, date),
});
