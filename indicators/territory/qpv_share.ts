import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'territory.qpv_share',
  kind: 'ratio',
  title: { en: 'Share living in priority neighbourhoods (QPV)', fr: 'Part résidant en quartier prioritaire (QPV)' },
  description: {
    en: 'Distinct beneficiaries with qpv true ÷ distinct beneficiaries whose qpv is known, by entry date.',
    fr: 'Bénéficiaires distincts avec qpv vrai ÷ bénéficiaires distincts dont le qpv est connu, à la date d’entrée.',
  },
  unit: { en: 'share', fr: 'part' },
  format: 'share',
  frameworks: { sdg: ['10.2', '11.1'] },
  numerator: {
    kind: 'unique',
    dataset: 'beneficiaries',
    date: 'entry_date',
    where: [{ column: 'qpv', op: 'eq', value: true }],
    distinct: 'beneficiary_id',
  },
  denominator: {
    kind: 'unique',
    dataset: 'beneficiaries',
    date: 'entry_date',
    where: [{ column: 'qpv', op: 'exists' }],
    distinct: 'beneficiary_id',
  },
});
