// The columnar steps, and the engine built on them, give what a plain loop over the rows gives on
// random beneficiary rows: for every cell of site × year (margins included), the same distinct
// count of people and the same sum of ages. The loop below is the rules of INDICATORS.md written
// row by row (a row dated in the range reaches its site and year, each margin and the total).
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

describe('columns, the engine and a plain loop over the rows agree', () => {
  it('on every cell and margin of site × year, for a distinct count and a flow', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        // By hand, row by row: per cell `site|year` (`*`: the margin), the people and the ages' sum.
        const expected = new Map<string, { people: Set<string>; ages: number }>();
        for (const r of rows) {
          if (r.entry_date < RANGE.from || r.entry_date > RANGE.to) continue;
          for (const site of [r.site_id, '*']) {
            for (const year of [r.entry_date.slice(0, 4), '*']) {
              const cell = expected.get(`${site}|${year}`) ?? { people: new Set<string>(), ages: 0 };
              cell.people.add(r.beneficiary_id);
              cell.ages += r.age ?? 0;
              expected.set(`${site}|${year}`, cell);
            }
          }
        }
        const engine = evaluate({
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
        const reached = reach.cells.map(name);
        reach.cells.forEach((_, c) => {
          expect(counts[c]).toBe(expected.get(reached[c]!)?.people.size);
          expect(sums[c]).toBe(expected.get(reached[c]!)?.ages);
        });
        // and no cell with rows is missed
        expect(new Set(reached)).toEqual(new Set(expected.keys()));
        // The engine: every cell the rows reach has the same values, every other cell is zero.
        const peopleCells = engine.cells('test.people');
        const ageCells = engine.cells('test.ages');
        for (const [key, cell] of peopleCells) expect(cell.value).toBe(expected.get(key)?.people.size ?? 0);
        for (const [key, cell] of ageCells) expect(cell.value).toBe(expected.get(key)?.ages ?? 0);
        for (const key of expected.keys()) expect(peopleCells.has(key)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
