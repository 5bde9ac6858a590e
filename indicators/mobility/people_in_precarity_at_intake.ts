import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'mobility.people_in_precarity_at_intake',
  kind: 'unique',
  title: { en: 'People in mobility precarity at intake', fr: "Personnes en précarité mobilité à l'entrée" },
  description: {
    en: 'Distinct beneficiaries of mobility platforms who entered in the period with an intake level below the precarity threshold.',
    fr: "Bénéficiaires distincts des plateformes mobilité entrés sur la période avec un niveau d'entrée sous le seuil de précarité.",
  },
  unit: { en: 'people', fr: 'personnes' },
  frameworks: { sdg: ['1.2', '11.2'] },
  dataset: 'beneficiaries',
  date: 'entry_date',
  where: [
    { column: 'site.kind', op: 'eq', value: 'mobility_platform' },
    { column: 'intake_level', op: 'in_precarity' },
  ],
  distinct: 'beneficiary_id',
});
