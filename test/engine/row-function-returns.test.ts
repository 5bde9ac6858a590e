// What a plug-in's row functions return is checked, never trusted: a distinct key that is not text
// (an object would make every row its own person, `null` would make every such row one person), or a
// date that is not a date, fails the indicator with a located message instead of a silent count.
import { describe, expect, it } from 'vitest';
import { defineIndicator } from '../../src/define.js';
import type { BeneficiaryInput } from '../helpers/engine.js';
import { evaluate } from '../helpers/engine.js';

const RANGE = { from: '2024-01-01', to: '2024-12-31' };
const text = { en: 't', fr: 't' };
const beneficiaries: BeneficiaryInput[] = [
  { beneficiary_id: 'P1', site_id: 'S1', entry_date: '2024-02-01', gender: 'f' },
  { beneficiary_id: 'P2', site_id: 'S1', entry_date: '2024-03-01', gender: 'm' },
  { beneficiary_id: 'P3', site_id: 'S1', entry_date: '2024-04-01', gender: 'm' },
];

function run(definition: object) {
  return evaluate({
    range: RANGE,
    breakdown: ['period:year'],
    indicators: ['test.rows'],
    extra: [definition],
    organisations: [{ org_id: 'A' }],
    sites: [{ site_id: 'S1', org_id: 'A', territory: 'dep:93' }],
    beneficiaries,
  }).value('test.rows');
}

const unique = (distinct: (row: { gender?: string; beneficiary_id: string }) => unknown) =>
  defineIndicator({
    id: 'test.rows',
    kind: 'unique',
    title: text,
    description: text,
    unit: text,
    dataset: 'beneficiaries',
    date: 'entry_date',
    distinct: distinct as (row: unknown) => string | undefined,
  });

const byDate = (date: (row: { gender?: string; entry_date: string }) => unknown) =>
  defineIndicator({
    id: 'test.rows',
    kind: 'flow',
    title: text,
    description: text,
    unit: text,
    dataset: 'beneficiaries',
    date: date as (row: unknown) => string | undefined,
  });

describe("a row function's return", () => {
  it('counts text keys, and numbers by their decimal text', () => {
    expect(run(unique((row) => row.beneficiary_id)).value).toBe(3);
    // 7 and "7" are one person.
    expect(run(unique((row) => (row.gender === 'f' ? 7 : '7'))).value).toBe(1);
  });

  it('counts nobody for undefined, null or an empty key, as for an empty key cell', () => {
    expect(run(unique((row) => (row.gender === 'f' ? undefined : row.beneficiary_id))).value).toBe(2);
    expect(run(unique((row) => (row.gender === 'f' ? row.beneficiary_id : null))).value).toBe(1);
    expect(run(unique((row) => (row.gender === 'f' ? '' : row.beneficiary_id))).value).toBe(2);
  });

  it('fails the indicator, with the row, when a distinct key is an object, a boolean or NaN', () => {
    for (const [key, shown] of [
      [{}, 'an object'],
      [['P'], 'an array'],
      [true, 'true'],
      [Number.NaN, 'NaN'],
    ] as const) {
      const cell = run(unique((row) => (row.gender === 'm' ? key : row.beneficiary_id)));
      expect(cell.value).toBeNull();
      expect(cell.error).toContain(`distinct() returned ${shown}, expected a string`);
      expect(cell.error).toContain('test/beneficiaries:3');
    }
  });

  it('fails the indicator when a date function returns something other than text', () => {
    const cell = run(byDate((row) => (row.gender === 'm' ? new Date(row.entry_date) : row.entry_date)));
    expect(cell.value).toBeNull();
    expect(cell.error).toContain('date() returned an object, expected YYYY-MM-DD');
    expect(cell.error).toContain('test/beneficiaries:3');
    // No date (undefined or null) leaves the row out, as an empty date cell does.
    expect(run(byDate((row) => (row.gender === 'm' ? null : row.entry_date))).value).toBe(1);
    expect(run(byDate((row) => (row.gender === 'm' ? undefined : row.entry_date))).value).toBe(1);
  });
});
