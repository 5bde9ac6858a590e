import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'mobility.platforms_opened',
  kind: 'flow',
  title: { en: 'Mobility platforms opened', fr: 'Plateformes mobilité ouvertes sur la période' },
  description: {
    en: 'Mobility platforms whose opening date falls in the period.',
    fr: "Plateformes mobilité dont la date d'ouverture tombe dans la période.",
  },
  unit: { en: 'platforms', fr: 'plateformes' },
  frameworks: { sdg: ['11.2'] },
  dataset: 'sites',
  date: 'opened_on',
  where: [{ column: 'kind', op: 'eq', value: 'mobility_platform' }],
});
