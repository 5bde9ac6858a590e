// Numbers and labels for people, in English or French (`1,234.56` / `1 234,56`), the same on
// every machine: the locale is explicit, never taken from LANG.

import { territoryName } from '../data/territory.js';
import { type Lang, type MessageId, plural, t } from '../messages.js';
import type { ReportIndicator, ReportValue } from './model.js';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, min: number, max: number, style: 'decimal' | 'percent' = 'decimal'): Intl.NumberFormat {
  const key = `${lang}|${min}|${max}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      style,
      minimumFractionDigits: min,
      maximumFractionDigits: max,
    });
    formatters.set(key, f);
  }
  return f;
}

/** French groups thousands with a narrow no-break space; a plain no-break space reads the same and survives every terminal font. */
const normalise = (text: string): string => text.replace(/\u202f/g, '\u00a0');

export function formatNumber(value: number, format: ReportIndicator['format'], lang: Lang): string {
  switch (format) {
    case 'count':
      return normalise(formatter(lang, 0, Number.isInteger(value) ? 0 : 2).format(value));
    case 'euros': {
      const digits = Number.isInteger(value) ? 0 : 2;
      const n = normalise(formatter(lang, digits, digits).format(value));
      return lang === 'fr' ? `${n}\u00a0€` : `€${n}`;
    }
    case 'share':
      return normalise(formatter(lang, 1, 1, 'percent').format(value));
    case 'decimal':
      return normalise(formatter(lang, 0, 3).format(value));
  }
}

/** A weight or share as a plain decimal to six places (`0,16`), as attribution multiplies by it. */
export function formatWeight(value: number, lang: Lang): string {
  return normalise(formatter(lang, 0, 6).format(value));
}

/** A value cell as people read it: the number, `< k` when suppressed, `–` when undefined. */
export function displayValue(row: ReportValue, format: ReportIndicator['format'], lang: Lang, minCount = 0): string {
  if (row.error !== undefined) return t(lang, 'report.error');
  if (row.suppressed) return `< ${minCount}`;
  if (row.value === null) return '–';
  return formatNumber(row.value, format, lang);
}

/** A count the report may hide (null: privacy.min_count, as a file's rows of people): `< k` when hidden. */
export function displayCount(n: number | null, lang: Lang, minCount: number): string {
  return n === null ? `< ${minCount}` : formatNumber(n, 'count', lang);
}

/** The same, inside a counted message (`12 rows`, `< 10 rows`). */
export function pluralCount(lang: Lang, id: MessageId, n: number | null, minCount: number): string {
  return n === null ? plural(lang, id, minCount, { n: `< ${minCount}` }) : plural(lang, id, n);
}

export function formatDate(iso: string, lang: Lang): string {
  return lang === 'fr' ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

/**
 * A dimension value's name alone: `Seine-Saint-Denis`, `France`, `Total`, `hors QPV`, `inconnu`
 * for a value the data left empty (null); the value itself when it has none. A margin is named
 * by `margin`, never by its spelling, so an organisation called `total` stays itself.
 */
export function dimensionName(dimension: string, value: string | null, lang: Lang, margin = false): string {
  if (margin) return dimension === 'territory' ? 'France' : t(lang, 'report.total');
  if (value === null) return t(lang, 'report.unknown');
  if (dimension === 'territory') return value === 'FR' ? 'France' : (safeName(value) ?? '');
  if (dimension === 'qpv') {
    if (value === 'true') return t(lang, 'report.inQpv');
    if (value === 'false') return t(lang, 'report.notInQpv');
  }
  return value;
}

/** A dimension value with its name: `dep:93 Seine-Saint-Denis`, `France` (the margin), `Total`, `inconnu`. */
export function dimensionLabel(
  dimension: string,
  value: string | null,
  lang: Lang,
  range?: { from: string; to: string },
  margin = false,
): string {
  if (dimension === 'period') {
    if (margin || (range && value === `${range.from}/${range.to}`)) return t(lang, 'report.total');
    return value ?? t(lang, 'report.unknown');
  }
  // The territory margin is France as a whole; a row coded FR at a finer level reads `FR France`.
  if (margin) return dimension === 'territory' ? 'France' : t(lang, 'report.total');
  if (value === null) return t(lang, 'report.unknown');
  if (dimension === 'territory') {
    const name = value === 'FR' ? 'France' : safeName(value);
    return name ? `${value} ${name}` : value;
  }
  return dimensionName(dimension, value, lang);
}

function safeName(code: string): string | undefined {
  try {
    return territoryName(code);
  } catch {
    return undefined;
  }
}

/** A change as people read it: `+12`, `−3,5 pts` for a share (in percentage points). */
export function shownChange(change: number | null | undefined, indicator: ReportIndicator, lang: Lang): string {
  if (change === null || change === undefined) return '';
  const sign = change > 0 ? '+' : '';
  if (indicator.format === 'share') return `${sign}${plural(lang, 'diff.points', Number((change * 100).toFixed(1)))}`;
  return `${sign}${formatNumber(change, indicator.format, lang)}`;
}
