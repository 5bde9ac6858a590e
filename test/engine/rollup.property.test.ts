// INDICATORS.md "Kinds, and how each rolls up", as properties over random beneficiary rows:
// a unique count is a fresh distinct count in every cell (never the sum of its children), so a
// parent's count lies between its largest child and the sum of its children; a flow's margins are
// the sums of its cells; a ratio is its numerator over its denominator in every cell, a share in [0, 1].
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineIndicator } from '../../src/define.js';
import { type BeneficiaryInput, evaluate, type SiteInput } from '../helpers/engine.js';

const RANGE = { from: '2023-01-01', to: '2025-12-31' };
const ALL = '2023-01-01/2025-12-31';
const YEARS = ['2023', '2024', '2025'];
const sites: SiteInput[] = [
  { site_id: 'S93', org_id: 'O', kind: 'mobility_platform', territory: 'com:93066', opened_on: '2020-01-01' },
  { site_id: 'S75', org_id: 'O', kind: 'mobility_platform', territory: 'dep:75', opened_on: '2020-01-01' },
  { site_id: 'S69', org_id: 'O', kind: 'mobility_platform', territory: 'dep:69', opened_on: '2020-01-01' },
];
const DEPARTEMENT: Record<string, string> = { S93: 'dep:93', S75: 'dep:75', S69: 'dep:69' };

/** A plug-in flow: the sum of ages at entry, so that cells add values, not only rows. */
const agesSum = defineIndicator({
  id: 'test.ages',
  kind: 'flow',
  title: { en: 'Ages', fr: 'Âges' },
  description: { en: 'Sum of ages at entry', fr: 'Somme des âges à l’entrée' },
  unit: { en: 'years', fr: 'ans' },
  dataset: 'beneficiaries',
  date: 'entry_date',
  value: (row) => row.age ?? 0,
});

const day = fc.integer({ min: 0, max: 365 * 4 + 60 }).map((offset) => {
  // 2022-11-01 plus up to ~4 years: some rows fall before or after the range
  const date = new Date(Date.UTC(2022, 10, 1) + offset * 86_400_000);
  return date.toISOString().slice(0, 10);
});
const row: fc.Arbitrary<BeneficiaryInput> = fc.record({
  beneficiary_id: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'),
  site_id: fc.constantFrom('S93', 'S75', 'S69'),
  entry_date: day,
  age: fc.integer({ min: 10, max: 70 }),
});

// The helper names margins `*`: here `FR` and the whole range stand for them.
const cellName = (territory: string, period: string) =>
  `${territory === 'FR' ? '*' : territory}|${period === ALL ? '*' : period}`;
const distinct = (rows: BeneficiaryInput[]) => new Set(rows.map((r) => r.beneficiary_id)).size;
const inRange = (r: BeneficiaryInput) => r.entry_date >= RANGE.from && r.entry_date <= RANGE.to;

describe('roll-ups by kind', () => {
  it('counts distinct people afresh in every cell, margins included', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 25 }), (rows) => {
        const result = evaluate({
          range: RANGE,
          indicators: ['mobility.people_supported'],
          organisations: [{ org_id: 'O', kind: 'association' }],
          sites,
          beneficiaries: rows,
        });
        const cells = result.cells('mobility.people_supported');
        const value = (territory: string, period: string) => cells.get(cellName(territory, period))?.value ?? 0;
        const used = rows.filter(inRange);
        expect(value('FR', ALL)).toBe(distinct(used));
        for (const year of YEARS) {
          const ofYear = used.filter((r) => r.entry_date.startsWith(year));
          expect(value('FR', year)).toBe(distinct(ofYear));
          for (const site of Object.keys(DEPARTEMENT)) {
            const dep = DEPARTEMENT[site]!;
            expect(value(dep, year)).toBe(distinct(ofYear.filter((r) => r.site_id === site)));
          }
        }
        for (const site of Object.keys(DEPARTEMENT)) {
          expect(value(DEPARTEMENT[site]!, ALL)).toBe(distinct(used.filter((r) => r.site_id === site)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('sums a flow’s cells into its margins', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 25 }), (rows) => {
        const result = evaluate({
          range: RANGE,
          indicators: ['test.ages'],
          extra: [agesSum],
          organisations: [{ org_id: 'O', kind: 'association' }],
          sites,
          beneficiaries: rows,
        });
        const cells = result.cells('test.ages');
        const value = (territory: string, period: string) => cells.get(cellName(territory, period))?.value ?? 0;
        const deps = Object.values(DEPARTEMENT);
        let grand = 0;
        for (const year of YEARS) {
          const sum = deps.reduce((acc, dep) => acc + value(dep, year), 0);
          expect(value('FR', year)).toBe(sum);
          grand += sum;
        }
        for (const dep of deps) {
          expect(value(dep, ALL)).toBe(YEARS.reduce((acc, year) => acc + value(dep, year), 0));
        }
        expect(value('FR', ALL)).toBe(grand);
        expect(grand).toBe(rows.filter(inRange).reduce((acc, r) => acc + (r.age ?? 0), 0));
      }),
      { numRuns: 150 },
    );
  });
});

const LEVELS = ['severe', 'precarious', 'fragile', 'autonomous'] as const;
const journey: fc.Arbitrary<BeneficiaryInput> = fc
  .record({
    beneficiary_id: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'),
    site_id: fc.constantFrom('S93', 'S75', 'S69'),
    entry_date: day,
    stay: fc.integer({ min: 0, max: 400 }),
    intake_level: fc.constantFrom(...LEVELS),
    exit_level: fc.option(fc.constantFrom(...LEVELS), { nil: undefined }),
  })
  .map(({ stay, exit_level, ...rest }) => {
    const exit = new Date(Date.parse(rest.entry_date) + stay * 86_400_000).toISOString().slice(0, 10);
    return exit_level === undefined ? rest : { ...rest, exit_date: exit, exit_level };
  });

describe('roll-up invariants in every cell', () => {
  it('a unique count of a parent is at least its largest child and at most the sum of its children', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const result = evaluate({
          range: RANGE,
          indicators: ['mobility.people_supported'],
          organisations: [{ org_id: 'O', kind: 'association' }],
          sites,
          beneficiaries: rows,
        });
        const cells = result.cells('mobility.people_supported');
        const value = (territory: string, period: string) => cells.get(cellName(territory, period))?.value ?? 0;
        const deps = Object.values(DEPARTEMENT);
        const between = (parent: number, children: number[]) => {
          expect(parent).toBeGreaterThanOrEqual(Math.max(0, ...children));
          expect(parent).toBeLessThanOrEqual(children.reduce((a, b) => a + b, 0));
        };
        for (const year of YEARS)
          between(
            value('FR', year),
            deps.map((dep) => value(dep, year)),
          );
        for (const dep of deps)
          between(
            value(dep, ALL),
            YEARS.map((year) => value(dep, year)),
          );
        between(
          value('FR', ALL),
          deps.map((dep) => value(dep, ALL)),
        );
        between(
          value('FR', ALL),
          YEARS.map((year) => value('FR', year)),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('a ratio is its numerator over its denominator in every cell, and a share stays in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(journey, { maxLength: 30 }), (rows) => {
        const result = evaluate({
          range: RANGE,
          indicators: ['mobility.lift_rate'],
          organisations: [{ org_id: 'O', kind: 'association' }],
          sites,
          beneficiaries: rows,
        });
        const cells = [...result.cells('mobility.lift_rate').values()];
        expect(cells.length).toBeGreaterThan(0);
        for (const cell of cells) {
          const { numerator, denominator, value } = cell;
          expect(typeof numerator).toBe('number');
          expect(typeof denominator).toBe('number');
          if (denominator === 0) {
            expect(value).toBeNull();
          } else {
            expect(value).toBeCloseTo((numerator as number) / (denominator as number), 12);
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
