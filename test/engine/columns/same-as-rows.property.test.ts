// The columnar steps give the row engine's values on random beneficiary rows: for every cell of
// site × year (margins included), the same distinct count of people and the same sum of ages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DictColumn, dayNumber } from '../../../src/data/columns.js';
import { MARGIN } from '../../../src/engine/cells.js';
import { indexCells, periodAxis, reachOf } from '../../../src/engine/columns/cell-index.js';
import { countDistinct } from '../../../src/engine/columns/distinct-counts.js';
import { columnsFromRows } from '../../../src/engine/columns/from-rows.js';
import { allRows } from '../../../src/engine/columns/predicates.js';
import { rollUp, sumByFinest } from '../../../src/engine/columns/sums.js';
import { type BeneficiaryInput, evaluate, type SiteInput } from '../../helpers/engine.js';

const RANGE = { from: '2023-01-01', to: '2025-12-31' };
const YEARS = ['2023', '2024', '2025'];
const sites: SiteInput[] = ['S1', 'S2', 'S3'].map((site_id) => ({
  site_id,
  org_id: 'O',
  kind: 'mobility_platform',
  territory: 'dep:93',
  opened_on: '2020-01-01',
}));
const text = { en: 'Test', fr: 'Test' };
const people = {
  id: 'test.people',
  kind: 'unique',
  title: text,
  description: text,
  unit: text,
  dataset: 'beneficiaries',
  date: 'entry_date',
  distinct: (row: { beneficiary_id: string }) => row.beneficiary_id,
};
const ages = {
  ...people,
  id: 'test.ages',
  kind: 'flow',
  distinct: undefined,
  value: (row: { age: number }) => row.age,
};

const day = fc.integer({ min: 0, max: 365 * 4 + 60 }).map((offset) => {
  const date = new Date(Date.UTC(2022, 10, 1) + offset * 86_400_000);
  return date.toISOString().slice(0, 10);
});
const row: fc.Arbitrary<BeneficiaryInput> = fc.record({
  beneficiary_id: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'),
  site_id: fc.constantFrom('S1', 'S2', 'S3'),
  entry_date: day,
  age: fc.integer({ min: 10, max: 70 }),
});

describe('columns and rows agree', () => {
  it('on every cell and margin of site × year, for a distinct count and a flow', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const byRows = evaluate({
          range: RANGE,
          breakdown: ['site', 'period:year'],
          indicators: ['test.people', 'test.ages'],
          extra: [people, ages],
          organisations: [{ org_id: 'O', kind: 'association' }],
          sites,
          beneficiaries: rows,
        });
        const table = columnsFromRows('beneficiaries', rows);
        const mask = allRows(table);
        const years = YEARS.map((y) => ({ start: dayNumber(`${y}-01-01`), end: dayNumber(`${y}-12-31`) }));
        const range = { start: dayNumber(RANGE.from), end: dayNumber(RANGE.to) };
        const period = periodAxis((table.columns.entry_date as { days: Int32Array }).days, years, range, mask);
        const site = table.columns.site_id as DictColumn;
        const index = indexCells([{ codes: site.codes, size: site.dict.length }, period], mask);
        const reach = reachOf(index);
        const person = table.columns.beneficiary_id as DictColumn;
        const counts = countDistinct(index, reach, person.codes, person.dict.length);
        const sums = rollUp(sumByFinest(index, (table.columns.age as { values: Float64Array }).values), reach);
        const name = (cell: number[]) =>
          `${cell[0] === MARGIN ? '*' : site.dict[cell[0]!]}|${cell[1] === MARGIN ? '*' : YEARS[cell[1]!]}`;
        const peopleCells = byRows.cells('test.people');
        const ageCells = byRows.cells('test.ages');
        reach.cells.forEach((cell, c) => {
          expect(counts[c]).toBe(peopleCells.get(name(cell))?.value);
          expect(sums[c]).toBe(ageCells.get(name(cell))?.value);
        });
        // and the row engine has no non-zero cell the columns missed
        const reached = new Set(reach.cells.map(name));
        for (const [key, cell] of peopleCells) if (cell.value !== 0) expect(reached.has(key)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
