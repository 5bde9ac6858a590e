import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'mobility.lift_rate',
  kind: 'ratio',
  title: { en: 'Mobility precarity lift rate', fr: 'Taux de sortie de la précarité mobilité' },
  description: {
    en: 'People lifted out of precarity ÷ people in precarity at intake with an exit level, both placed by exit date.',
    fr: "Personnes sorties de la précarité ÷ personnes en précarité à l'entrée ayant un niveau de sortie, à la date de sortie.",
  },
  unit: { en: 'share', fr: 'part' },
  format: 'share',
  frameworks: { sdg: ['1.2', '11.2'] },
  numerator: 'mobility.lifted_out_of_precarity',
  denominator: {
    kind: 'unique',
    unit: { en: 'people', fr: 'personnes' },
    dataset: 'beneficiaries',
    date: 'exit_date',
    where: [
      { column: 'site.kind', op: 'eq', value: 'mobility_platform' },
      { column: 'intake_level', op: 'in_precarity' },
      { column: 'exit_level', op: 'exists' },
    ],
    distinct: 'beneficiary_id',
  },
});
