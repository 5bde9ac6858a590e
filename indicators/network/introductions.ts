import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'network.introductions',
  kind: 'flow',
  title: { en: 'Introductions', fr: 'Mises en relation' },
  description: {
    en: 'Actions of type introduction (putting actors in touch) dated in the period.',
    fr: 'Actions de type mise en relation (introduction entre acteurs) datées dans la période.',
  },
  unit: { en: 'actions', fr: 'actions' },
  frameworks: { sdg: ['17.17'] },
  dataset: 'actions',
  date: 'date',
  where: [{ column: 'type', op: 'eq', value: 'introduction' }],
});
