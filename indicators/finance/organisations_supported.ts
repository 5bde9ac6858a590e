import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'finance.organisations_supported',
  kind: 'unique',
  title: { en: 'Organisations supported', fr: 'Organisations soutenues' },
  description: {
    en: 'Distinct non-fund organisations receiving euros from the reporting entity (directly or through funds) in the period.',
    fr: "Organisations hors fonds distinctes recevant des euros de l'entité déclarante (en direct ou via des fonds) sur la période.",
  },
  unit: { en: 'organisations', fr: 'organisations' },
  frameworks: { sdg: ['17.3'] },
  dataset: 'investments',
  date: 'date',
  where: [{ column: 'investee.kind', op: 'ne', value: 'fund' }],
  filter: {
    'w(reporting_entity, investor_id, date) > 0': (row, ctx) => ctx.investorWeight(row.investor_id, row.date) > 0,
  },
  distinct: 'investee_id',
});
