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
    filter: {
      'site.kind = mobility_platform': (row, ctx) => ctx.site(row.site_id)?.kind === 'mobility_platform',
      'intake_level < precarity_threshold': (row, ctx) => ctx.inPrecarity(row.intake_level),
      'exit_level ≠ ∅': (row) => row.exit_level !== undefined,
    },
    distinct: (row) => row.beneficiary_id,
  },
});
