import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'mobility.lifted_out_of_precarity',
  kind: 'unique',
  title: { en: 'People lifted out of mobility precarity', fr: 'Personnes sorties de la précarité mobilité' },
  description: {
    en: 'Distinct beneficiaries of mobility platforms in precarity at intake and no longer at exit, placed by exit date.',
    fr: "Bénéficiaires distincts des plateformes mobilité en précarité à l'entrée et plus à la sortie, comptés à la date de sortie.",
  },
  unit: { en: 'people', fr: 'personnes' },
  frameworks: { sdg: ['1.2', '11.2'] },
  dataset: 'beneficiaries',
  date: 'exit_date',
  where: [
    { column: 'site.kind', op: 'eq', value: 'mobility_platform' },
    { column: 'intake_level', op: 'in_precarity' },
    { column: 'exit_level', op: 'exists' },
    { column: 'exit_level', op: 'not_in_precarity' },
  ],
  distinct: 'beneficiary_id',
});
