import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'mobility.platforms_open',
  kind: 'stock',
  title: { en: 'Mobility platforms open', fr: 'Plateformes mobilité ouvertes' },
  description: {
    en: 'Mobility platforms open on the last day of the period: opened on or before it and not closed by then.',
    fr: 'Plateformes mobilité ouvertes le dernier jour de la période : ouvertes avant ou ce jour-là et pas encore fermées.',
  },
  unit: { en: 'platforms', fr: 'plateformes' },
  frameworks: { sdg: ['11.2'] },
  dataset: 'sites',
  where: [{ column: 'kind', op: 'eq', value: 'mobility_platform' }],
  activeAt: (row, date) => row.opened_on <= date && (row.closed_on === undefined || row.closed_on > date),
});
