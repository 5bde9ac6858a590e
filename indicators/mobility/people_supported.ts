import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'mobility.people_supported',
  kind: 'unique',
  title: { en: 'People supported by mobility platforms', fr: 'Personnes accompagnées par les plateformes mobilité' },
  description: {
    en: 'Distinct beneficiaries of mobility platforms who entered in the period.',
    fr: 'Bénéficiaires distincts des plateformes mobilité entrés sur la période.',
  },
  unit: { en: 'people', fr: 'personnes' },
  frameworks: { sdg: ['11.2', '10.2'] },
  dataset: 'beneficiaries',
  date: 'entry_date',
  where: [{ column: 'site.kind', op: 'eq', value: 'mobility_platform' }],
  distinct: 'beneficiary_id',
});
