import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'network.orientations',
  kind: 'flow',
  title: { en: 'Orientations', fr: 'Orientations' },
  description: {
    en: 'Actions of type orientation (project holders directed to the right networks) dated in the period.',
    fr: 'Actions de type orientation (porteurs de projet orientés vers les bons réseaux) datées dans la période.',
  },
  unit: { en: 'actions', fr: 'actions' },
  frameworks: { sdg: ['17.17'] },
  dataset: 'actions',
  date: 'date',
  where: [{ column: 'type', op: 'eq', value: 'orientation' }],
});
