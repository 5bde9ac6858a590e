import { describe, expect, it } from 'vitest';
import { cellId } from '../../src/engine/cells.js';
import { compileIndicator } from '../../src/engine/compiled.js';
import type { CellValue, IndicatorValues } from '../../src/engine/finalize.js';
import { suppressSmallCounts } from '../../src/engine/privacy.js';

const params = {
  youth_age: [16, 25],
  mobility_levels: ['severe', 'fragile', 'autonomous'],
  precarity_threshold: 'fragile',
};
const RANGE = '2024-01-01/2025-12-31';

const people = compileIndicator(
  {
    id: 'test.people',
    kind: 'unique',
    title: { en: 'People', fr: 'Personnes' },
    description: { en: 'People', fr: 'Personnes' },
    unit: { en: 'people', fr: 'personnes' },
    dataset: 'beneficiaries',
    date: 'entry_date',
    distinct: (row: { beneficiary_id: string }) => row.beneficiary_id,
  } as never,
  'test',
  params,
);
const platforms = compileIndicator(
  {
    id: 'test.platforms',
    kind: 'flow',
    title: { en: 'Platforms', fr: 'Plateformes' },
    description: { en: 'Platforms', fr: 'Plateformes' },
    unit: { en: 'platforms', fr: 'plateformes' },
    dataset: 'sites',
    date: 'opened_on',
  } as never,
  'test',
  params,
);

/** A territory × period grid written out by hand: rows A, B, C and FR (the margin); columns 2024, 2025 and the range. */
function grid(table: Record<string, [number, number, number]>): IndicatorValues {
  const values: IndicatorValues = new Map();
  for (const [territory, [y2024, y2025, total]] of Object.entries(table)) {
    for (const [period, value] of [
      ['2024', y2024],
      ['2025', y2025],
      [RANGE, total],
    ] as const) {
      const keys = [territory, period];
      const margin = [territory === 'FR', period === RANGE];
      values.set(cellId(keys, margin), { keys, margin, value });
    }
  }
  return values;
}

const at = (values: IndicatorValues, territory: string, period: string): CellValue =>
  values.get(cellId([territory, period], [territory === 'FR', period === RANGE]))!;

describe('small-count suppression', () => {
  it('hides a people count below k and enough other cells that it cannot be recomputed from a margin', () => {
    //            2024  2025  range
    // dep:A        2    10     12
    // dep:B        8     9     17
    // dep:C       20    30     50
    // FR          30    49     79
    const values = grid({
      'dep:A': [2, 10, 12],
      'dep:B': [8, 9, 17],
      'dep:C': [20, 30, 50],
      FR: [30, 49, 79],
    });
    suppressSmallCounts(new Map([[people, values]]), 5);
    const hidden = [...values.values()].filter((c) => c.suppressed).map((c) => c.keys.join(' '));
    // Primary: A-2024 (2 < 5). Column 2024: the next smallest is B-2024 (8). Row A: A-2025 (10).
    // Row B now has one hidden cell: B-2025 (9). Column 2025 then holds A and B hidden: done.
    expect(hidden.sort()).toEqual(['dep:A 2024', 'dep:A 2025', 'dep:B 2024', 'dep:B 2025']);
    expect(at(values, 'dep:A', '2024')).toMatchObject({ value: null, suppressed: true });
    // Every line (row or column with its margin) that holds a hidden cell holds at least two.
    for (let dim = 0; dim < 2; dim++) {
      const lines = new Map<string, CellValue[]>();
      for (const cell of values.values()) {
        const key = cell.keys.filter((_, i) => i !== dim).join();
        lines.set(key, [...(lines.get(key) ?? []), cell]);
      }
      for (const line of lines.values()) {
        const members = line.filter((c) => c.keys[dim] !== (dim === 0 ? 'FR' : RANGE));
        const n = members.filter((c) => c.suppressed).length;
        expect(n === 0 || n >= 2).toBe(true);
      }
    }
    // The margins stay published.
    expect(at(values, 'FR', '2024').value).toBe(30);
    expect(at(values, 'dep:A', RANGE).value).toBe(12);
  });

  it('hides the margin itself when no other cell of the line can hide the small one', () => {
    // Only dep:A has people: FR 2024 would equal A 2024.
    const values = grid({ 'dep:A': [3, 0, 3], FR: [3, 0, 3] });
    suppressSmallCounts(new Map([[people, values]]), 5);
    expect(at(values, 'dep:A', '2024').suppressed).toBe(true);
    expect(at(values, 'FR', '2024').suppressed).toBe(true);
    expect(at(values, 'dep:A', RANGE).suppressed).toBe(true);
    expect(at(values, 'FR', RANGE).suppressed).toBe(true);
    // Zeros are not disclosive and stay.
    expect(at(values, 'dep:A', '2025').value).toBe(0);
  });

  it('leaves counts that are not people, and every count when min_count is 0', () => {
    const flows = grid({ 'dep:A': [1, 1, 2], FR: [1, 1, 2] });
    const counts = grid({ 'dep:A': [1, 1, 2], FR: [1, 1, 2] });
    suppressSmallCounts(new Map([[platforms, flows]]), 5);
    suppressSmallCounts(new Map([[people, counts]]), 0);
    expect([...flows.values(), ...counts.values()].some((c) => c.suppressed)).toBe(false);
  });
});
