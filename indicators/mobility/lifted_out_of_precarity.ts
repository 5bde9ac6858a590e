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
  filter: {
    'site.kind = mobility_platform': (row, ctx) => ctx.site(row.site_id)?.kind === 'mobility_platform',
    'intake_level < precarity_threshold': (row, ctx) => ctx.inPrecarity(row.intake_level),
    'exit_level ≠ ∅': (row) => row.exit_level !== undefined,
    'exit_level ≥ precarity_threshold': (row, ctx) => !ctx.inPrecarity(row.exit_level),
  },
  distinct: (row) => row.beneficiary_id,
});
