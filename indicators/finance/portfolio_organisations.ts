import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'finance.portfolio_organisations',
  kind: 'stock',
  title: { en: 'Organisations in the portfolio', fr: 'Organisations en portefeuille' },
  description: {
    en: 'Distinct non-fund organisations of which the reporting entity holds a share (directly or through funds) on the last day of the period.',
    fr: "Organisations hors fonds distinctes dont l'entité déclarante détient une part (en direct ou via des fonds) le dernier jour de la période.",
  },
  unit: { en: 'organisations', fr: 'organisations' },
  frameworks: { sdg: ['17.3'] },
  dataset: 'investments',
  // The entity itself has share 1 by definition, but is not part of its own portfolio.
  where: [{ column: 'investee.kind', op: 'ne', value: 'fund' }],
  filter: (row, ctx) => row.investee_id !== ctx.reportingEntity,
  activeAt: (row, date, ctx) =>
    row.date <= date &&
    (row.exited_on === undefined || date < row.exited_on) &&
    ctx.attributableShare(row.investee_id, date) > 0,
  distinct: (row) => row.investee_id,
});
