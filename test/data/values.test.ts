import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  luhnValid,
  parseBoolean,
  parseDate,
  parseInteger,
  parseMoneyCents,
  parseNumber,
  parseSiren,
} from '../../src/data/values.js';

const ok = <T>(value: T) => ({ ok: true, value });

describe('numbers', () => {
  it('reads a decimal point by default and a decimal comma when configured', () => {
    expect(parseNumber('1234.5', '.')).toEqual(ok(1234.5));
    expect(parseNumber('1234,5', ',')).toEqual(ok(1234.5));
    expect(parseNumber('-0,25', ',')).toEqual(ok(-0.25));
    expect(parseNumber('+7', '.')).toEqual(ok(7));
  });
  it('accepts space, NBSP and narrow NBSP thousands groups', () => {
    expect(parseNumber('1 234,56', ',')).toEqual(ok(1234.56));
    expect(parseNumber('1\u00a0234\u00a0567,5', ',')).toEqual(ok(1234567.5));
    expect(parseNumber('12\u202f345', ',')).toEqual(ok(12345));
    expect(parseNumber('1 234.56', '.')).toEqual(ok(1234.56));
  });
  it('refuses what would be guessed: wrong mark, bad groups, hex, blanks', () => {
    expect(parseNumber('1234,5', '.').ok).toBe(false);
    expect(parseNumber('1,234.5', '.').ok).toBe(false);
    expect(parseNumber('12 34', ',').ok).toBe(false);
    expect(parseNumber('0x1F', '.').ok).toBe(false);
    expect(parseNumber('', '.').ok).toBe(false);
    expect(parseNumber('1e3', '.').ok).toBe(false);
    expect(parseNumber('abc', '.').ok).toBe(false);
  });
  it('integers refuse fractions but accept trailing zero decimals', () => {
    expect(parseInteger('1987', '.')).toEqual(ok(1987));
    expect(parseInteger('19,0', ',')).toEqual(ok(19));
    expect(parseInteger('19,5', ',').ok).toBe(false);
  });
});

describe('money is exact integer cents', () => {
  it('converts without floating point error', () => {
    expect(parseMoneyCents('0.1', '.')).toEqual(ok(10));
    expect(parseMoneyCents('12500.50', '.')).toEqual(ok(1250050));
    expect(parseMoneyCents('1 234,56', ',')).toEqual(ok(123456));
    expect(parseMoneyCents('1000000', '.')).toEqual(ok(100000000));
    expect(parseMoneyCents('2.500', '.')).toEqual(ok(250));
  });
  it('refuses sub-cent amounts instead of rounding them', () => {
    expect(parseMoneyCents('0.005', '.').ok).toBe(false);
  });
  it('sums of parsed cents are exact (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000_00 }), { maxLength: 50 }), (cents) => {
        const texts = cents.map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`);
        const parsed = texts.map((t) => {
          const r = parseMoneyCents(t, '.');
          if (!r.ok) throw new Error(t);
          return r.value;
        });
        expect(parsed).toEqual(cents);
      }),
    );
  });
});

describe('dates exist on the calendar', () => {
  it('reads ISO and French formats into ISO', () => {
    expect(parseDate('2024-03-04', 'yyyy-mm-dd')).toEqual(ok('2024-03-04'));
    expect(parseDate('03/04/2024', 'dd/mm/yyyy')).toEqual(ok('2024-04-03'));
    expect(parseDate('3/4/2024', 'dd/mm/yyyy')).toEqual(ok('2024-04-03'));
    expect(parseDate('03/04/2024', 'mm/dd/yyyy')).toEqual(ok('2024-03-04'));
    expect(parseDate('29.02.2024', 'dd.mm.yyyy')).toEqual(ok('2024-02-29'));
  });
  it('refuses impossible dates and the wrong format', () => {
    expect(parseDate('2024-02-30', 'yyyy-mm-dd').ok).toBe(false);
    expect(parseDate('2023-02-29', 'yyyy-mm-dd').ok).toBe(false);
    expect(parseDate('1900-02-29', 'yyyy-mm-dd').ok).toBe(false);
    expect(parseDate('2000-02-29', 'yyyy-mm-dd').ok).toBe(true);
    expect(parseDate('31/04/2024', 'dd/mm/yyyy').ok).toBe(false);
    expect(parseDate('2024-13-01', 'yyyy-mm-dd').ok).toBe(false);
    expect(parseDate('03/04/2024', 'yyyy-mm-dd').ok).toBe(false);
    expect(parseDate('2024-03-04', 'dd/mm/yyyy').ok).toBe(false);
  });
});

describe('booleans in English and French', () => {
  it.each([
    ['true', true],
    ['Yes', true],
    ['oui', true],
    ['OUI', true],
    ['1', true],
    ['false', false],
    ['no', false],
    ['Non', false],
    ['0', false],
  ])('%s -> %s', (raw, value) => {
    expect(parseBoolean(raw)).toEqual(ok(value));
  });
  it('refuses anything else', () => {
    expect(parseBoolean('maybe').ok).toBe(false);
    expect(parseBoolean('2').ok).toBe(false);
  });
});

describe('SIREN', () => {
  it('accepts 9 digits with a valid Luhn key', () => {
    // 732829320 and 542107651 are well-known valid SIRENs (Luhn sums 30 and 30).
    expect(parseSiren('732829320')).toEqual(ok('732829320'));
    expect(parseSiren('542 107 651')).toEqual(ok('542107651'));
  });
  it('refuses a wrong key or length', () => {
    expect(parseSiren('732829321').ok).toBe(false);
    expect(parseSiren('73282932').ok).toBe(false);
    expect(parseSiren('ABCDEFGHI').ok).toBe(false);
  });
  it('luhn by hand', () => {
    // 7 3 2 8 2 9 3 2 0 -> doubled positions from the right: 2->4, 9->18->9, 8->16->7, 3->6
    expect(luhnValid('732829320')).toBe(true);
    expect(luhnValid('123456789')).toBe(false);
  });
});
