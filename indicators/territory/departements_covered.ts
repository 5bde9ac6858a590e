import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'territory.departements_covered',
  kind: 'stock',
  title: { en: 'Départements covered', fr: 'Départements couverts' },
  description: {
    en: 'Distinct départements with at least one site open on the last day of the period.',
    fr: 'Départements distincts avec au moins un site ouvert le dernier jour de la période.',
  },
  unit: { en: 'départements', fr: 'départements' },
  frameworks: { sdg: ['10.2'] },
  dataset: 'sites',
  activeAt: (row, date) => row.opened_on <= date && (row.closed_on === undefined || row.closed_on > date),
  distinct: (row, ctx) => ctx.territoryAt(row.territory, 'departement'),
});
