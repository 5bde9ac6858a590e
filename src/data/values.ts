// Typing rules of CONTRACT §3, written out by hand: zod's coercions turn '' into 0, 'false' into
// true and '2024-02-30' into 1 March (see NOTES.md), which would silently corrupt people counts.

export const DATE_FORMATS = ['yyyy-mm-dd', 'dd/mm/yyyy', 'dd-mm-yyyy', 'dd.mm.yyyy', 'mm/dd/yyyy'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export type DecimalMark = '.' | ',';

/** A typing failure: what was expected, in both languages, for the `type-error` wording. */
export interface TypeFailure {
  expected_en: string;
  expected_fr: string;
}

export type Typed<T> = { ok: true; value: T } | { ok: false; failure: TypeFailure };

const fail = (expected_en: string, expected_fr: string): { ok: false; failure: TypeFailure } => ({
  ok: false,
  failure: { expected_en, expected_fr },
});

// Thousands groups may be separated by a space, NBSP or narrow NBSP (Excel fr exports use U+202F).
const GROUP_SEPARATORS = /[ \u00a0\u202f]/g;

function numberPattern(decimal: DecimalMark): RegExp {
  return decimal === ','
    ? /^[+-]?(\d{1,3}([ \u00a0\u202f]\d{3})+|\d+)(,\d+)?$/
    : /^[+-]?(\d{1,3}([ \u00a0\u202f]\d{3})+|\d+)(\.\d+)?$/;
}
const NUMBER_DOT = numberPattern('.');
const NUMBER_COMMA = numberPattern(',');

/** Splits a decimal literal into sign, integer digits and fraction digits, or null. */
function decimalParts(raw: string, decimal: DecimalMark): { negative: boolean; int: string; frac: string } | null {
  const text = raw.trim();
  if (!(decimal === ',' ? NUMBER_COMMA : NUMBER_DOT).test(text)) return null;
  const negative = text.startsWith('-');
  const unsigned = text.replace(/^[+-]/, '').replace(GROUP_SEPARATORS, '');
  const [int = '', frac = ''] = unsigned.split(decimal);
  return { negative, int, frac };
}

export function parseNumber(raw: string, decimal: DecimalMark): Typed<number> {
  const parts = decimalParts(raw, decimal);
  if (!parts) {
    return decimal === ','
      ? fail('a number (decimal comma, e.g. 1 234,5)', 'un nombre (virgule décimale, ex. 1 234,5)')
      : fail('a number (e.g. 1234.5)', 'un nombre (ex. 1234.5)');
  }
  const value = Number(`${parts.negative ? '-' : ''}${parts.int}.${parts.frac || '0'}`);
  // Beyond 2^53 a double skips whole numbers: the value read would not be the value written.
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    return fail('a number of at most 2^53 (9007199254740991)', 'un nombre d’au plus 2^53 (9007199254740991)');
  }
  return { ok: true, value };
}

export function parseInteger(raw: string, decimal: DecimalMark): Typed<number> {
  const parts = decimalParts(raw, decimal);
  if (!parts || /[1-9]/.test(parts.frac)) return fail('a whole number', 'un nombre entier');
  const value = Number(`${parts.negative ? '-' : ''}${parts.int}`);
  if (!Number.isSafeInteger(value))
    return fail('a whole number of safe size', 'un nombre entier de taille raisonnable');
  return { ok: true, value };
}

/** Euros to exact integer cents; more than two decimals would need rounding, so it is refused. */
export function parseMoneyCents(raw: string, decimal: DecimalMark): Typed<number> {
  const parts = decimalParts(raw, decimal);
  const example = decimal === ',' ? '1 234,56' : '1234.56';
  if (!parts) return fail(`an amount in euros (e.g. ${example})`, `un montant en euros (ex. ${example})`);
  const frac = parts.frac.replace(/0+$/, '');
  if (frac.length > 2) return fail('an amount with at most 2 decimals', 'un montant avec au plus 2 décimales');
  const cents = Number(parts.int) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return fail('an amount of safe size', 'un montant de taille raisonnable');
  return { ok: true, value: parts.negative ? -cents : cents };
}

const DATE_PATTERNS: Record<DateFormat, { re: RegExp; order: [number, number, number] }> = {
  // order = capture indexes of [year, month, day]
  'yyyy-mm-dd': { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: [1, 2, 3] },
  'dd/mm/yyyy': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 2, 1] },
  'dd-mm-yyyy': { re: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: [3, 2, 1] },
  'dd.mm.yyyy': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: [3, 2, 1] },
  'mm/dd/yyyy': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 1, 2] },
};

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A calendar date in the given format, returned as ISO `yyyy-mm-dd` (which sorts as text). */
/** Excel writes a date as a date-time at midnight (`03/03/2025 00:00`): that is the date; another time is not. */
const MIDNIGHT = /[ T]0?0:00(:00(\.0+)?)?Z?$/;

export function parseDate(raw: string, format: DateFormat): Typed<string> {
  const { re, order } = DATE_PATTERNS[format];
  const m = re.exec(raw.trim().replace(MIDNIGHT, ''));
  if (!m) return fail(`a date ${format}`, `une date ${format.replace(/y/g, 'a').replace(/d/g, 'j')}`);
  const year = Number(m[order[0]]);
  const month = Number(m[order[1]]);
  const day = Number(m[order[2]]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail('a calendar date', 'une date du calendrier');
  }
  return { ok: true, value: isoDate(year, month, day) };
}

const TRUE_WORDS = new Set(['true', 'yes', 'oui', '1', 'vrai']);
const FALSE_WORDS = new Set(['false', 'no', 'non', '0', 'faux']);

export function parseBoolean(raw: string): Typed<boolean> {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return { ok: true, value: true };
  if (FALSE_WORDS.has(word)) return { ok: true, value: false };
  return fail('a boolean (true/false, yes/no, oui/non, 1/0)', 'un booléen (oui/non, true/false, 1/0)');
}

/** SIREN: 9 digits whose Luhn sum is a multiple of 10 (INSEE's check key). */
export function parseSiren(raw: string): Typed<string> {
  const digits = raw.replace(/[ \u00a0\u202f]/g, '');
  if (!/^\d{9}$/.test(digits)) return fail('a SIREN (9 digits)', 'un SIREN (9 chiffres)');
  if (!luhnValid(digits)) return fail('a SIREN with a valid check digit (Luhn)', 'un SIREN à clé valide (Luhn)');
  return { ok: true, value: digits };
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
