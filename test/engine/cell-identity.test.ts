// Cells are integer tuples, margins their own code: no id can merge with a margin or another cell
// (an organisation `total`, a programme `unknown`, ids holding U+001F or differing only by where
// a separator falls). Every expected value is worked out by hand from the rows below.
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/engine/finalize.js';
import { evaluate, type InvestmentInput } from '../helpers/engine.js';

const RANGE = { from: '2024-01-01', to: '2024-12-31' };
const text = { en: 'Test', fr: 'Test' };
const received = {
  id: 'test.received',
  kind: 'flow',
  format: 'euros',
  title: text,
  description: text,
  unit: { en: 'euros', fr: 'euros' },
  dataset: 'investments',
  date: 'date',
  value: (row: { amount_eur: number }) => row.amount_eur,
  attribution: false,
};
const investees = {
  id: 'test.investees',
  kind: 'unique',
  title: text,
  description: text,
  unit: { en: 'organisations', fr: 'organisations' },
  dataset: 'investments',
  date: 'date',
  distinct: (row: { investee_id: string }) => row.investee_id,
};

const UNIT_SEPARATOR = '\u001f';
const organisations = ['total', 'unknown', 'FR', 'A', `A${UNIT_SEPARATOR}B`, 'A,B', 'B\u0000', 'C'].map((org_id) => ({
  org_id,
  territory: 'dep:93',
}));
const investment = (investee_id: string, euros: number, programme?: string): InvestmentInput => ({
  investor_id: 'C',
  investee_id,
  date: '2024-06-01',
  euros,
  ...(programme === undefined ? {} : { programme }),
});
const investments: InvestmentInput[] = [
  investment('total', 20_000, 'p1'),
  investment('total', 1_000, 'unknown'),
  investment('unknown', 3_000),
  investment('FR', 400, 'total'),
  investment('A', 50, `B${UNIT_SEPARATOR}C`),
  investment(`A${UNIT_SEPARATOR}B`, 6, 'C'),
  investment('A,B', 7, 'C'),
  investment('B\u0000', 8, 'p1'),
];

function run(breakdown: string[]) {
  return evaluate({
    range: RANGE,
    breakdown,
    indicators: ['test.received', 'test.investees'],
    extra: [received, investees],
    organisations,
    investments,
  });
}

/** The cells that are values in every dimension but the period, which is the range margin. */
const valueCells = (cells: Map<string, CellValue>) =>
  [...cells.values()].filter((c) => c.margin.slice(0, -1).every((m) => !m) && c.margin.at(-1));

describe('cell identity', () => {
  it('keeps an organisation called `total` (or `unknown`, `FR`) apart from the margin', () => {
    const result = run(['organisation']);
    const value = (organisation?: string) => result.value('test.received', { organisation }).value;
    expect(value('total')).toBe(21_000); // 20,000 + 1,000
    expect(value('unknown')).toBe(3_000);
    expect(value('FR')).toBe(400);
    expect(value()).toBe(24_471); // every row: 20,000 + 1,000 + 3,000 + 400 + 50 + 6 + 7 + 8
    const margin = result.value('test.received');
    expect(margin.keys[0]).toBe('total');
    expect(margin.margin).toEqual([true, true]);
    expect(result.value('test.received', { organisation: 'total' }).margin).toEqual([false, true]);
  });

  it('keeps a programme called `unknown` apart from missing programmes, and `total` apart from the margin', () => {
    const result = run(['programme']);
    const value = (programme?: string | null) => result.value('test.received', { programme }).value;
    expect(value('unknown')).toBe(1_000);
    expect(value(null)).toBe(3_000); // the one investment with no programme
    expect(value('total')).toBe(400);
    expect(value('p1')).toBe(20_008);
    expect(value()).toBe(24_471);
  });

  it('keeps ids with control characters, and ids that differ only where a separator falls', () => {
    const byOrganisation = run(['organisation']);
    const value = (organisation: string) => byOrganisation.value('test.received', { organisation }).value;
    expect(value('A')).toBe(50);
    expect(value(`A${UNIT_SEPARATOR}B`)).toBe(6);
    expect(value('A,B')).toBe(7);
    expect(value('B\u0000')).toBe(8);
    // organisation × programme: (A, B␟C) and (A␟B, C) would both join to A␟B␟C
    const both = run(['organisation', 'programme']);
    const cell = (organisation: string, programme: string) =>
      both.value('test.received', { organisation, programme }).value;
    expect(cell('A', `B${UNIT_SEPARATOR}C`)).toBe(50);
    expect(cell(`A${UNIT_SEPARATOR}B`, 'C')).toBe(6);
    expect(cell('A,B', 'C')).toBe(7);
  });

  it('makes every margin equal the rows it covers: sums of cells for a flow, fresh counts for distinct', () => {
    const result = run(['organisation', 'programme']);
    const flows = valueCells(result.cells('test.received'));
    const sum = flows.reduce((acc, c) => acc + (c.value ?? 0), 0);
    expect(sum).toBe(24_471);
    expect(result.value('test.received').value).toBe(24_471);
    // the organisation `total` over every programme: its two rows
    expect(result.value('test.received', { organisation: 'total' }).value).toBe(21_000);
    // the programme margin of p1: rows into `total` and into B\0
    expect(result.value('test.received', { programme: 'p1' }).value).toBe(20_008);
    // 7 distinct investees (C invests only); `total` counts once though it has two rows in two programmes
    expect(result.value('test.investees').value).toBe(7);
    expect(result.value('test.investees', { organisation: 'total' }).value).toBe(1);
    expect(result.value('test.investees', { programme: 'C' }).value).toBe(2); // A␟B and A,B
  });
});
