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
  filter: {
    'site.kind = mobility_platform': (row, ctx) => ctx.site(row.site_id)?.kind === 'mobility_platform',
    'intake_level < precarity_threshold': (row, ctx) => ctx.inPrecarity(row.intake_level),
  },
  distinct: (row) => row.beneficiary_id,
});
