import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'youth.cost_per_young_person',
  kind: 'ratio',
  title: { en: 'Cost per young person reached', fr: 'Coût par jeune touché' },
  description: {
    en: 'Euros invested by the reporting entity ÷ young people reached, both over the cell.',
    fr: "Euros investis par l'entité déclarante ÷ jeunes touchés, tous deux sur la cellule.",
  },
  unit: { en: '€', fr: '€' },
  format: 'euros',
  frameworks: { sdg: ['1.2'] },
  numerator: 'finance.invested',
  denominator: 'youth.reached',
});
