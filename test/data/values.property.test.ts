// The typing rules of CONTRACT §3 as properties (src/data/values.ts): whatever a file holds, a number,
// an amount, a date or a boolean is read back exactly as written or refused, never guessed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DATE_FORMATS,
  daysInMonth,
  isoDate,
  parseBoolean,
  parseDate,
  parseInteger,
  parseMoneyCents,
  parseNumber,
} from '../../src/data/values.js';

/** An integer written with a thousands separator every three digits, as French exports do. */
function grouped(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}
const separator = fc.constantFrom('', ' ', '\u00a0', '\u202f');
const safeInteger = fc.bigInt({ min: -BigInt(Number.MAX_SAFE_INTEGER), max: BigInt(Number.MAX_SAFE_INTEGER) });

describe('parseNumber and parseInteger', () => {
  it('read every safe integer back exactly, with either decimal mark and any thousands separator', () => {
    fc.assert(
      fc.property(safeInteger, separator, fc.constantFrom('.' as const, ',' as const), (n, sep, mark) => {
        const abs = n < 0n ? -n : n;
        const text = `${n < 0n ? '-' : ''}${grouped(abs.toString(), sep)}`;
        expect(parseNumber(text, mark)).toEqual({ ok: true, value: Number(n) });
        expect(parseInteger(text, mark)).toEqual({ ok: true, value: Number(n) });
      }),
    );
  });

  it('refuse every integer beyond 2^53 instead of rounding it', () => {
    const beyond = fc.bigInt({ min: BigInt(Number.MAX_SAFE_INTEGER) + 1n, max: 10n ** 30n });
    fc.assert(
      fc.property(beyond, fc.boolean(), (n, negative) => {
        const text = `${negative ? '-' : ''}${n.toString()}`;
        expect(parseNumber(text, '.').ok).toBe(false);
        expect(parseInteger(text, '.').ok).toBe(false);
      }),
    );
  });

  it('read a decimal as the same number JavaScript reads from its dotted form, whichever mark it uses', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 999_999 }), (int, frac) => {
        const fraction = String(frac).padStart(6, '0');
        const dotted = `${int}.${fraction}`;
        const expected = Number(dotted);
        expect(parseNumber(dotted, '.')).toEqual({ ok: true, value: expected });
        expect(parseNumber(`${int},${fraction}`, ',')).toEqual({ ok: true, value: expected });
      }),
    );
  });

  it('never read text with a letter, an exponent or a stray mark as a number (no 0x1F, 1e5, 1.2.3)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        fc.pre(/[a-zA-Z]|\..*\.|,.*,/.test(text));
        expect(parseNumber(text, '.').ok).toBe(false);
        expect(parseNumber(text, ',').ok).toBe(false);
      }),
    );
  });
});

describe('parseMoneyCents', () => {
  it('reads euros with at most two decimals as the exact integer number of cents', () => {
    const cents = fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) });
    fc.assert(
      fc.property(cents, separator, fc.constantFrom('.' as const, ',' as const), (c, sep, mark) => {
        const euros = grouped((c / 100n).toString(), sep);
        const text = `${euros}${mark}${(c % 100n).toString().padStart(2, '0')}`;
        expect(parseMoneyCents(text, mark)).toEqual({ ok: true, value: Number(c) });
      }),
    );
  });

  it('refuses a third decimal that is not zero rather than rounding it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 9 }), (euros, third) => {
        expect(parseMoneyCents(`${euros}.12${third}`, '.').ok).toBe(false);
      }),
    );
  });
});

describe('parseDate', () => {
  const calendarDay = fc
    .record({ year: fc.integer({ min: 1900, max: 2100 }), month: fc.integer({ min: 1, max: 12 }) })
    .chain(({ year, month }) =>
      fc.integer({ min: 1, max: daysInMonth(year, month) }).map((day) => ({ year, month, day })),
    );

  it('reads every calendar day in every format as its ISO date', () => {
    fc.assert(
      fc.property(calendarDay, fc.constantFrom(...DATE_FORMATS), ({ year, month, day }, format) => {
        const dd = String(day).padStart(2, '0');
        const mm = String(month).padStart(2, '0');
        const text = format.replace('yyyy', String(year)).replace('mm', mm).replace('dd', dd);
        expect(parseDate(text, format)).toEqual({ ok: true, value: isoDate(year, month, day) });
      }),
    );
  });

  it('refuses a day past the end of its month (2024-02-30) instead of rolling it over', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const day = daysInMonth(year, month) + 1;
        expect(parseDate(isoDate(year, month, day), 'yyyy-mm-dd').ok).toBe(false);
      }),
    );
  });
});

describe('parseBoolean', () => {
  it('accepts only its words, in any case, and refuses everything else', () => {
    const words = ['true', 'yes', 'oui', '1', 'vrai', 'false', 'no', 'non', '0', 'faux'];
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), (text) => {
        const known = words.includes(text.trim().toLowerCase());
        expect(parseBoolean(text).ok).toBe(known);
      }),
    );
  });
});
