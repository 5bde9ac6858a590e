// What `explain` says of one cell (src/engine/cell-audit.ts), from rows told to `CellTrace` by
// hand: each row counted once by file, line and batch, the cell's rows by role, distinct keys and
// the keys found on several rows, exclusions by reason and by the condition that failed (in the
// definition's order), a ratio's rows in both parts, and the fund an investment's euros went
// through. The CLI test of `explain` runs the built program; this one runs the module itself, so
// that mutation testing reaches it.
import { describe, expect, it } from 'vitest';
import type { SourceRef } from '../../src/data/datasets.js';
import { auditCell, CellTrace } from '../../src/engine/cell-audit.js';
import type { CompiledSource } from '../../src/engine/compiled.js';
import type { TracedRow } from '../../src/engine/compute.js';

/** The parts of a source the trace reads: its indicator's id and format, its dataset, its named conditions. */
const source = (id: string, dataset = 'actions', labels: string[] = [], format = 'count'): CompiledSource =>
  ({
    indicator: { id, format },
    dataset,
    conditions: labels.map((label) => ({ label, test: () => true })),
  }) as unknown as CompiledSource;
const at = (file: string, line: number, batch?: number): SourceRef =>
  batch === undefined ? { file, line } : { file, line, batch };
const detail = (key?: string, row: unknown = {}): TracedRow => ({ row, key, organisation: undefined });

describe('CellTrace and auditCell', () => {
  it('counts a row once per role, told apart by its file, line and batch', () => {
    const trace = new CellTrace('93|2025');
    expect(trace.cell).toBe('93|2025');
    const count = source('my.count');
    trace.used(count, at('a.csv', 2));
    trace.used(count, at('a.csv', 2));
    trace.used(count, at('a.csv', 2, 1));
    trace.used(count, at('a.csv', 2, 2));
    trace.used(count, at('a.csv', 3));
    trace.used(count, at('b.csv', 2));
    // Another indicator of the same role shares the rows: the same row is still one.
    trace.used(source('my.other'), at('a.csv', 3));
    trace.usedInCell(count, at('a.csv', 3), 4, detail());
    trace.usedInCell(count, at('b.csv', 2), 1, detail());
    const audit = auditCell(trace, {});
    // Five rows (a:2, a:2 batch 1, a:2 batch 2, a:3, b:2), two of them in the cell.
    expect(audit.rows).toStrictEqual({ value: { used_in_cell: 2, used_in_other_cells: 3, excluded: {} } });
    expect(audit.source_rows).toStrictEqual([
      { role: 'value', ref: at('a.csv', 3), value: 4 },
      { role: 'value', ref: at('b.csv', 2), value: 1 },
    ]);
    expect(audit.files).toEqual(['a.csv', 'b.csv']);
    expect(audit).not.toHaveProperty('in_both');
  });

  it('sums the exclusions of a role by reason, and by condition in the definition’s order', () => {
    const trace = new CellTrace('*|2025');
    // Conditions listed neither alphabetically nor in the order rows first fail them.
    const first = source('my.count', 'beneficiaries', ['z.first', 'a.second', 'm.third']);
    const second = source('my.other', 'actions', ['m.third']);
    const row = at('a.csv', 2);
    trace.excluded(first, 'out-of-range', row);
    trace.excluded(first, 'filter', row, 'm.third');
    trace.excluded(first, 'filter', row, 'a.second');
    trace.excluded(first, 'filter', row, 'm.third');
    trace.excluded(first, 'no-date', row);
    trace.excluded(first, 'filter', row, 'z.first');
    trace.excluded(second, 'filter', row, 'm.third');
    trace.excluded(second, 'out-of-range', row);
    const audit = auditCell(trace, {});
    const value = audit.rows.value!;
    // Nothing passed: the role is there for its exclusions alone.
    expect(value.used_in_cell).toBe(0);
    expect(value.used_in_other_cells).toBe(0);
    expect(value.excluded).toStrictEqual({ filter: 5, 'no-date': 1, 'out-of-range': 2 });
    expect(Object.keys(value.excluded)).toEqual(['filter', 'no-date', 'out-of-range']);
    expect(value.excluded_by_condition).toStrictEqual({ 'z.first': 1, 'a.second': 1, 'm.third': 3 });
    expect(Object.keys(value.excluded_by_condition!)).toEqual(['z.first', 'a.second', 'm.third']);
    expect(audit.source_rows).toEqual([]);
    expect(audit.files).toEqual([]);
  });

  it('gives no condition counts when no row failed a named condition', () => {
    const trace = new CellTrace('*|2025');
    trace.excluded(source('my.count', 'actions', ['x']), 'no-date', at('a.csv', 2));
    expect(auditCell(trace, {}).rows).toStrictEqual({
      value: { used_in_cell: 0, used_in_other_cells: 0, excluded: { 'no-date': 1 } },
    });
  });

  it('counts distinct keys, and lists the keys found on several rows in key order', () => {
    const trace = new CellTrace('*|2025');
    const people = source('my.people', 'beneficiaries');
    // Keys first seen p2, p3, p1: neither in key order nor in reverse.
    const rows: [number, string | undefined][] = [
      [2, 'p2'],
      [3, 'p3'],
      [4, 'p2'],
      [5, 'p1'],
      [6, 'p3'],
      [7, 'p4'],
      [8, 'p1'],
      [9, undefined],
    ];
    for (const [line, key] of rows) trace.usedInCell(people, at('people.csv', line), 1, detail(key));
    const audit = auditCell(trace, {});
    expect(audit.rows.value?.distinct).toBe(4);
    expect(audit.rows.value?.duplicates).toStrictEqual([
      { key: 'p1', rows: [at('people.csv', 5), at('people.csv', 8)] },
      { key: 'p2', rows: [at('people.csv', 2), at('people.csv', 4)] },
      { key: 'p3', rows: [at('people.csv', 3), at('people.csv', 6)] },
    ]);
    expect(audit.source_rows[0]).toStrictEqual({ role: 'value', ref: at('people.csv', 2), value: 1, key: 'p2' });
    // A row without a key has none in its line.
    expect(audit.source_rows[7]).toStrictEqual({ role: 'value', ref: at('people.csv', 9), value: 1 });
  });

  it('gives no distinct count when no row of the cell has a key', () => {
    const trace = new CellTrace('*|2025');
    trace.usedInCell(source('my.count'), at('a.csv', 2), 1, detail());
    expect(auditCell(trace, {}).rows.value).toStrictEqual({ used_in_cell: 1, used_in_other_cells: 0, excluded: {} });
  });

  it('splits a ratio’s rows by part, one line for a row in both', () => {
    const trace = new CellTrace('*|2025');
    const numerator = source('my.rate#numerator', 'actions', ['n.kind']);
    const denominator = source('my.rate#denominator');
    trace.usedInCell(numerator, at('b.csv', 2), 1, detail());
    trace.usedInCell(denominator, at('b.csv', 2), 3, detail());
    trace.usedInCell(numerator, at('a.csv', 5), 1, detail());
    trace.usedInCell(denominator, at('c.csv', 7), 2, detail());
    trace.used(denominator, at('c.csv', 8));
    trace.excluded(numerator, 'filter', at('c.csv', 8), 'n.kind');
    const audit = auditCell(trace, { numerator: 'my.rate#numerator', denominator: 'my.rate#denominator' });
    expect(audit.rows).toStrictEqual({
      numerator: {
        used_in_cell: 2,
        used_in_other_cells: 0,
        excluded: { filter: 1 },
        excluded_by_condition: { 'n.kind': 1 },
      },
      denominator: { used_in_cell: 2, used_in_other_cells: 1, excluded: {} },
    });
    expect(audit.in_both).toBe(1);
    // In the order the rows were told; a row in both keeps the value it was first told with.
    expect(audit.source_rows).toStrictEqual([
      { role: 'both', ref: at('b.csv', 2), value: 1 },
      { role: 'numerator', ref: at('a.csv', 5), value: 1 },
      { role: 'denominator', ref: at('c.csv', 7), value: 2 },
    ]);
    expect(audit.files).toEqual(['a.csv', 'b.csv', 'c.csv']);
  });

  it('says how many rows a ratio has in both parts even when one part has none', () => {
    const trace = new CellTrace('*|2025');
    trace.usedInCell(source('my.rate#numerator'), at('a.csv', 2), 1, detail());
    const audit = auditCell(trace, { numerator: 'my.rate#numerator', denominator: 'my.rate#denominator' });
    expect(Object.keys(audit.rows)).toEqual(['numerator']);
    expect(audit.in_both).toBe(0);
    const denominatorOnly = new CellTrace('*|2025');
    denominatorOnly.usedInCell(source('my.rate#denominator'), at('a.csv', 2), 1, detail());
    const other = auditCell(denominatorOnly, { numerator: 'my.rate#numerator', denominator: 'my.rate#denominator' });
    expect(Object.keys(other.rows)).toEqual(['denominator']);
    expect(other.in_both).toBe(0);
  });

  it('keeps a row told twice in the same role as one line of that role', () => {
    const trace = new CellTrace('*|2025');
    // Two sources of one indicator reading the same row.
    trace.usedInCell(source('my.count'), at('a.csv', 2), 1, detail());
    trace.usedInCell(source('my.count'), at('a.csv', 2), 2, detail());
    const audit = auditCell(trace, {});
    expect(audit.source_rows).toStrictEqual([{ role: 'value', ref: at('a.csv', 2), value: 1 }]);
    expect(audit.rows.value?.used_in_cell).toBe(1);
  });

  it('names the fund an investment’s euros went through, with the weight taken', () => {
    const trace = new CellTrace('*|2025');
    const invested = source('finance.invested', 'investments', [], 'euros');
    const investment = (amount: unknown, investor: unknown) =>
      detail(undefined, { amount_eur: amount, investor_id: investor });
    trace.usedInCell(invested, at('inv.csv', 2), 2500, investment(10000, 'F1'));
    trace.usedInCell(invested, at('inv.csv', 3), 10000, investment(10000, 'E')); // E's own: the whole amount
    trace.usedInCell(invested, at('inv.csv', 4), 5, investment(0, 'F1')); // no amount to weigh
    trace.usedInCell(invested, at('inv.csv', 5), 5, investment('10', 'F1'));
    trace.usedInCell(invested, at('inv.csv', 6), 5, investment(10, undefined));
    trace.usedInCell(source('my.metric', 'metrics', [], 'euros'), at('m.csv', 2), 5, investment(10, 'F1'));
    const audit = auditCell(trace, {});
    expect(audit.source_rows.map((r) => r.attributed)).toStrictEqual([
      { amount: 10000, weight: 0.25, via: 'F1' },
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(audit.source_rows.map((r) => 'attributed' in r)).toEqual([true, false, false, false, false, false]);
  });

  it('takes no weight for an investment that adds no euros: a count of investments or of investors', () => {
    const trace = new CellTrace('*|2025');
    const investors = source('finance.contributing_companies', 'investments');
    trace.usedInCell(investors, at('inv.csv', 2), 1, detail('C1', { amount_eur: 768_000, investor_id: 'C1' }));
    expect(auditCell(trace, {}).source_rows).toStrictEqual([
      { role: 'value', ref: at('inv.csv', 2), value: 1, key: 'C1' },
    ]);
  });
});
