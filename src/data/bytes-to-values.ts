// Bytes -> typed values for the common shapes of a cell (plain digits, ISO or dd/mm/yyyy dates), without a
// string. Each parser accepts only text that the rules of values.ts certainly type to the same value, and
// says NOT_FAST for anything else (spaces, signs, group separators, errors): the reader then types that
// cell's text with values.ts itself, so wording and edge cases come from one place. test/data/bytes-to-values
// checks the agreement.
import type { DateFormat } from './values.js';

/** The bytes are not a shape this module types: use the text rules. */
export const NOT_FAST = -2147483647;

const ZERO = 48;
const isDigit = (b: number): boolean => b >= ZERO && b <= ZERO + 9;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function monthDays(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Reads 1 or 2 digits at i; returns value * 4 + digits read, or -1. */
function smallNumber(buf: Uint8Array, i: number, end: number): number {
  if (i >= end || !isDigit(buf[i]!)) return -1;
  const first = buf[i]! - ZERO;
  if (i + 1 < end && isDigit(buf[i + 1]!)) return (first * 10 + buf[i + 1]! - ZERO) * 4 + 2;
  return first * 4 + 1;
}

function year4(buf: Uint8Array, i: number, end: number): number {
  if (i + 4 > end) return -1;
  let y = 0;
  for (let k = i; k < i + 4; k++) {
    const b = buf[k]!;
    if (!isDigit(b)) return -1;
    y = y * 10 + b - ZERO;
  }
  return y;
}

/** A date cell in the dataset's format -> its day number, or NOT_FAST. */
export function dayFromBytes(buf: Uint8Array, start: number, end: number, format: DateFormat): number {
  let year: number;
  let month: number;
  let day: number;
  if (format === 'yyyy-mm-dd') {
    year = year4(buf, start, end);
    if (year < 0 || buf[start + 4] !== 45) return NOT_FAST;
    const m = smallNumber(buf, start + 5, end);
    if (m < 0) return NOT_FAST;
    const at = start + 5 + (m & 3);
    if (buf[at] !== 45) return NOT_FAST;
    const d = smallNumber(buf, at + 1, end);
    if (d < 0 || at + 1 + (d & 3) !== end) return NOT_FAST;
    month = m >> 2;
    day = d >> 2;
  } else {
    const sep = format === 'dd/mm/yyyy' || format === 'mm/dd/yyyy' ? 47 : format === 'dd-mm-yyyy' ? 45 : 46;
    const a = smallNumber(buf, start, end);
    if (a < 0) return NOT_FAST;
    let at = start + (a & 3);
    if (buf[at] !== sep) return NOT_FAST;
    const b = smallNumber(buf, at + 1, end);
    if (b < 0) return NOT_FAST;
    at += 1 + (b & 3);
    if (buf[at] !== sep || at + 5 !== end) return NOT_FAST;
    year = year4(buf, at + 1, end);
    if (year < 0) return NOT_FAST;
    if (format === 'mm/dd/yyyy') {
      month = a >> 2;
      day = b >> 2;
    } else {
      day = a >> 2;
      month = b >> 2;
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > monthDays(year, month)) return NOT_FAST;
  return daysFromCivil(year, month, day);
}

/** Plain digits (no sign, at most 15) within [min, max] -> the integer, or NOT_FAST. */
export function integerFromBytes(buf: Uint8Array, start: number, end: number, min: number, max: number): number {
  const length = end - start;
  if (length < 1 || length > 15) return NOT_FAST;
  let value = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (!isDigit(b)) return NOT_FAST;
    value = value * 10 + b - ZERO;
  }
  return value < min || value > max ? NOT_FAST : value;
}

/** Euros as digits with at most two decimals after the dataset's decimal mark -> cents, or NOT_FAST. */
export function centsFromBytes(buf: Uint8Array, start: number, end: number, decimalMark: number): number {
  let i = start;
  let euros = 0;
  while (i < end && isDigit(buf[i]!)) {
    euros = euros * 10 + buf[i]! - ZERO;
    i++;
  }
  const intDigits = i - start;
  if (intDigits < 1 || intDigits > 13) return NOT_FAST;
  if (i === end) return euros * 100;
  if (buf[i] !== decimalMark) return NOT_FAST;
  const fracDigits = end - i - 1;
  if (fracDigits < 1 || fracDigits > 2) return NOT_FAST;
  const d1 = buf[i + 1]!;
  const d2 = fracDigits === 2 ? buf[i + 2]! : ZERO;
  if (!isDigit(d1) || !isDigit(d2)) return NOT_FAST;
  return euros * 100 + (d1 - ZERO) * 10 + (d2 - ZERO);
}

/** A decimal number (optional '-', digits, optionally the mark and digits) -> the number, or NaN. */
export function numberFromBytes(buf: Uint8Array, start: number, end: number, decimalMark: number): number {
  let i = start;
  if (i < end && buf[i] === 45) i++;
  const digitsStart = i;
  while (i < end && isDigit(buf[i]!)) i++;
  if (i === digitsStart || end - start > 30) return Number.NaN;
  let text = String.fromCharCode(...buf.subarray(start, i));
  if (i < end) {
    if (buf[i] !== decimalMark) return Number.NaN;
    const fracStart = i + 1;
    i = fracStart;
    while (i < end && isDigit(buf[i]!)) i++;
    if (i === fracStart || i !== end) return Number.NaN;
    text += `.${String.fromCharCode(...buf.subarray(fracStart, end))}`;
  }
  const value = Number(text);
  // Beyond 2^53 the value read would not be the value written: the reference rules (values.ts) refuse it.
  return Math.abs(value) > Number.MAX_SAFE_INTEGER ? Number.NaN : value;
}
