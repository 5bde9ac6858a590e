import { defineIndicator } from '../../src/define.js';

export default defineIndicator({
  id: 'youth.reached_per_keur',
  kind: 'ratio',
  title: { en: 'Young people reached per €1,000 invested', fr: 'Jeunes touchés pour 1 000 € investis' },
  description: {
    en: '1000 × young people reached ÷ euros invested by the reporting entity, both over the cell.',
    fr: "1000 × jeunes touchés ÷ euros investis par l'entité déclarante, tous deux sur la cellule.",
  },
  unit: { en: 'people per €1,000', fr: 'personnes pour 1 000 €' },
  format: 'decimal',
  frameworks: { sdg: ['1.2'] },
  numerator: 'youth.reached',
  denominator: 'finance.invested',
  scale: 1000,
});
