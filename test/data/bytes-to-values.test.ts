// The byte parsers type the common shapes without a string; anything else they leave to values.ts. Either
// way a cell must get the value values.ts gives it: checked by hand on a few cells, then on generated ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  centsFromBytes,
  dayFromBytes,
  daysFromCivil,
  integerFromBytes,
  NOT_FAST,
  numberFromBytes,
} from '../../src/data/bytes-to-values.js';
import { dayNumber } from '../../src/data/columns.js';
import { DATE_FORMATS, parseDate, parseInteger, parseMoneyCents, parseNumber } from '../../src/data/values.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const day = (text: string, format: (typeof DATE_FORMATS)[number] = 'yyyy-mm-dd') => {
  const b = bytes(text);
  return dayFromBytes(b, 0, b.length, format);
};

describe('dates from bytes', () => {
  it('counts days from 1970-01-01 (worked out by hand)', () => {
    expect(day('1970-01-01')).toBe(0);
    expect(day('1970-02-01')).toBe(31);
    // 54 years of 365 days, 13 of them leap (1972…2020), then January and 28 days of February.
    expect(day('2024-02-29')).toBe(54 * 365 + 13 + 31 + 28);
    expect(day('1969-12-31')).toBe(-1);
    expect(day('29/02/2024', 'dd/mm/yyyy')).toBe(54 * 365 + 13 + 31 + 28);
    expect(day('02/29/2024', 'mm/dd/yyyy')).toBe(54 * 365 + 13 + 31 + 28);
    expect(day('1.2.1970', 'dd.mm.yyyy')).toBe(31);
  });
  it('leaves errors and unusual shapes to the text rules', () => {
    for (const text of [
      '2024-02-30',
      '2023-02-29',
      ' 2024-01-01',
      '2024-1-1 ',
      '24-01-01',
      '2024/01/01',
      '2024-13-01',
    ]) {
      expect(day(text)).toBe(NOT_FAST);
    }
  });
  it('agrees with parseDate on every accepted date, in every format', () => {
    const cell = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
        .chain(([y, m, d]) =>
          fc.constantFrom(
            `${String(y).padStart(4, '0')}-${m}-${d}`,
            `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
            `${d}/${m}/${String(y).padStart(4, '0')}`,
            `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${String(y).padStart(4, '0')}`,
            `${d}-${m}-${String(y).padStart(4, '0')}`,
            `${m}/${d}/${String(y).padStart(4, '0')}`,
          ),
        ),
      fc.stringMatching(/^[0-9\-/. ]{0,12}$/),
    );
    fc.assert(
      fc.property(cell, fc.constantFrom(...DATE_FORMATS), (text, format) => {
        const fast = day(text, format);
        const typed = parseDate(text, format);
        if (fast !== NOT_FAST) {
          expect(typed.ok).toBe(true);
          if (typed.ok) expect(fast).toBe(dayNumber(typed.value));
        }
      }),
      { numRuns: 3000 },
    );
  });
  it('daysFromCivil agrees with the calendar of Date on years 0–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719528, max: 2932896 }), (n) => {
        const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
        if (!/^\d{4}-/.test(iso)) return;
        expect(daysFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)))).toBe(n);
      }),
    );
  });
});

describe('numbers from bytes', () => {
  const cents = (text: string, mark: '.' | ',' = '.') =>
    centsFromBytes(bytes(text), 0, bytes(text).length, mark.charCodeAt(0));
  it('reads euros to exact cents, by hand', () => {
    expect(cents('1234.56')).toBe(123456);
    expect(cents('1234,5', ',')).toBe(123450);
    expect(cents('0.07')).toBe(7);
    expect(cents('1000000')).toBe(100000000);
    for (const text of ['-5', '1 234', '1.234', '1,5', '.5', '5.', '+5', '1e3', '']) expect(cents(text)).toBe(NOT_FAST);
  });
  it('agrees with parseMoneyCents, parseInteger and parseNumber wherever it answers', () => {
    const cell = fc.stringMatching(/^[-+]?[0-9]{0,16}([.,][0-9]{0,4})?$/);
    fc.assert(
      fc.property(cell, fc.constantFrom('.', ',') as fc.Arbitrary<'.' | ','>, (text, mark) => {
        const b = bytes(text);
        const fastCents = centsFromBytes(b, 0, b.length, mark.charCodeAt(0));
        const money = parseMoneyCents(text, mark);
        if (fastCents !== NOT_FAST) expect(money).toEqual({ ok: true, value: fastCents });
        const fastInt = integerFromBytes(b, 0, b.length, 0, 2100);
        const integer = parseInteger(text, mark);
        if (fastInt !== NOT_FAST) expect(integer).toEqual({ ok: true, value: fastInt });
        const fastNumber = numberFromBytes(b, 0, b.length, mark.charCodeAt(0));
        const number = parseNumber(text, mark);
        if (!Number.isNaN(fastNumber)) expect(number).toEqual({ ok: true, value: fastNumber });
      }),
      { numRuns: 3000 },
    );
  });
});
