import { describe, expect, it } from 'vitest';
import { CATALOGUE, plural, t } from '../../src/messages.js';

describe('the message catalogue', () => {
  it('gives every id an English and a French form, with the same placeholders and plural forms', () => {
    const lacking: string[] = [];
    for (const [id, message] of Object.entries(CATALOGUE)) {
      if (!message.en?.trim() || !message.fr?.trim()) lacking.push(id);
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      // territory-error names its language's own reason: reason_en / reason_fr.
      const neutral = (xs: (string | undefined)[]) => xs.map((x) => x?.replace(/_(en|fr)$/, ''));
      // French names the dataset where English names the row's target (a gender question): a chosen difference.
      if (id !== 'problem.foreign-key-error')
        expect(neutral(names(message.fr)), id).toEqual(neutral(names(message.en)));
      // A plural has two forms, `one|other`; a language may need one where the other does not ("read", "lues").
      expect(Math.max(message.en.split('|').length, message.fr.split('|').length), id).toBeLessThanOrEqual(2);
    }
    expect(lacking).toEqual([]);
  });

  it('spaces French punctuation with a no-break space, never a plain one or none', () => {
    const wrong: string[] = [];
    for (const [id, message] of Object.entries(CATALOGUE)) {
      // A letter or a closing bracket right before `: ; ! ? %`, or a plain space: both wrong in French.
      // `{n}%` never occurs; URLs and `--flags` carry no such punctuation in the catalogue.
      // impact.yaml keys (`encoding:`, `columns:`) are code, not French prose.
      const prose = message.fr.replace(/\b(encoding|files|columns|datasets|metrics|allow_paths):/g, '');
      if (/[ \p{L})][:;!?%]/u.test(prose)) wrong.push(`${id}: ${message.fr}`);
    }
    expect(wrong).toEqual([]);
  });

  it('chooses French plurals as French does (0 and 1 singular) and English ones as English does', () => {
    expect(plural('fr', 'updated', 1)).toBe('mise à jour');
    expect(plural('fr', 'updated', 0)).toBe('mise à jour');
    expect(plural('fr', 'updated', 2)).toBe('mises à jour');
    expect(plural('en', 'report.rowCount', 1)).toBe('1 row');
    expect(plural('en', 'report.rowCount', 0)).toBe('0 rows');
    // 1 234 with a no-break space, as French groups thousands.
    expect(plural('fr', 'report.rowCount', 1234)).toBe('1\u00a0234 lignes');
  });

  it('fills placeholders and names levels with their accents', () => {
    expect(t('fr', 'target.gateMissed', { actual: '117', sign: '<', value: '150' })).toBe(
      '117 < 150\u00a0: cible manquée',
    );
    expect(t('en', 'target.gateMissed', { actual: '117', sign: '<', value: '150' })).toBe('117 < 150: target missed');
    expect(t('fr', 'level.departement')).toBe('département');
    expect(t('fr', 'level.region')).toBe('région');
  });
});
