// A declarative condition (README "Filter operators"): each operator on both sides of its bound,
// an empty cell (which meets only `ne`, `not_in` and `missing`), a column read through a
// reference, the age at entry, and the label `explain` prints for it.
import { beforeEach, describe, expect, it } from 'vitest';
import type { OrganisationRow, SiteRow } from '../../src/data/datasets.js';
import { Attribution } from '../../src/engine/attribution.js';
import { makeContext } from '../../src/engine/context.js';
import { conditionLabel, rowTest, type TypedCondition } from '../../src/engine/where.js';
import { DEFAULT_PARAMS } from '../helpers/engine.js';

const organisations = new Map<string, OrganisationRow>([
  ['O', { org_id: 'O', name: 'O', kind: 'company' }],
  ['F', { org_id: 'F', name: 'F', kind: 'fund' }],
]);
const sites = new Map<string, SiteRow>([
  [
    'S',
    {
      site_id: 'S',
      org_id: 'O',
      name: 'S',
      kind: 'mobility_platform',
      territory: 'com:93066',
      opened_on: '2020-01-01',
    },
  ],
]);
let ctx: ReturnType<typeof makeContext>;
beforeEach(() => {
  ctx = makeContext(DEFAULT_PARAMS, { organisations, sites }, new Attribution(undefined, [], organisations));
});

/** Which of `values` (in column `v`; undefined: the cell is empty) meet the condition. */
const meeting = (c: Omit<TypedCondition, 'column'>, values: unknown[]) =>
  values.filter((v) => rowTest({ column: 'v', ...c }, ctx)({ v }));

describe('each operator', () => {
  it('eq and ne compare the typed value; an empty cell equals nothing', () => {
    expect(meeting({ op: 'eq', value: 'a' }, ['a', 'b', undefined])).toEqual(['a']);
    expect(meeting({ op: 'ne', value: 'a' }, ['a', 'b', undefined])).toEqual(['b', undefined]);
    expect(meeting({ op: 'eq', value: true }, [true, false, 'true'])).toEqual([true]);
  });

  it('in and not_in test membership of the list', () => {
    expect(meeting({ op: 'in', values: ['a', 'b'] }, ['a', 'b', 'c', undefined])).toEqual(['a', 'b']);
    expect(meeting({ op: 'not_in', values: ['a', 'b'] }, ['a', 'b', 'c', undefined])).toEqual(['c', undefined]);
    expect(meeting({ op: 'in' }, ['a'])).toEqual([]);
  });

  it('exists and missing tell a filled cell from an empty one (0 and false are filled)', () => {
    expect(meeting({ op: 'exists' }, [0, false, '', undefined, null])).toEqual([0, false, '']);
    expect(meeting({ op: 'missing' }, [0, false, '', undefined, null])).toEqual([undefined, null]);
  });

  it('gt, gte, lt and lte: the bound itself meets gte and lte only; an empty cell meets none', () => {
    const values = [9, 10, 11, undefined, null];
    expect(meeting({ op: 'gt', value: 10 }, values)).toEqual([11]);
    expect(meeting({ op: 'gte', value: 10 }, values)).toEqual([10, 11]);
    expect(meeting({ op: 'lt', value: 10 }, values)).toEqual([9]);
    expect(meeting({ op: 'lte', value: 10 }, values)).toEqual([9, 10]);
    // ISO dates compare as text.
    expect(meeting({ op: 'gte', value: '2024-03-01' }, ['2024-02-29', '2024-03-01'])).toEqual(['2024-03-01']);
  });

  it('in_precarity and not_in_precarity rank a level against the threshold (fragile); an empty level is neither', () => {
    const levels = ['severe', 'precarious', 'fragile', 'autonomous', undefined];
    expect(meeting({ op: 'in_precarity' }, levels)).toEqual(['severe', 'precarious']);
    expect(meeting({ op: 'not_in_precarity' }, levels)).toEqual(['fragile', 'autonomous']);
  });
});

describe('where a condition reads its value', () => {
  it('through a reference: site.kind on a beneficiary reads its site’s kind', () => {
    const test = rowTest({ column: 'kind', via: 'site', op: 'eq', value: 'mobility_platform' }, ctx);
    expect(test({ site_id: 'S' })).toBe(true);
    expect(test({ site_id: 'unknown' })).toBe(false);
    expect(test({})).toBe(false);
  });

  it('through an organisation reference: investor.kind and investee.kind read the organisation', () => {
    const investor = rowTest({ column: 'kind', via: 'investor', op: 'eq', value: 'fund' }, ctx);
    const investee = rowTest({ column: 'kind', via: 'investee', op: 'eq', value: 'fund' }, ctx);
    const organisation = rowTest({ column: 'kind', via: 'organisation', op: 'eq', value: 'company' }, ctx);
    expect([
      investor({ investor_id: 'F', investee_id: 'O' }),
      investee({ investor_id: 'F', investee_id: 'O' }),
    ]).toEqual([true, false]);
    expect(organisation({ org_id: 'O' })).toBe(true);
    expect(organisation({ org_id: 'F' })).toBe(false);
  });

  it('age: the age at entry, entry year minus birth_year when no age is given', () => {
    const test = rowTest({ column: 'age', derived: 'age', op: 'lte', value: 25 }, ctx);
    expect(test({ entry_date: '2024-05-01', birth_year: 1999 })).toBe(true);
    expect(test({ entry_date: '2024-05-01', birth_year: 1998 })).toBe(false);
    expect(test({ entry_date: '2024-05-01', age: 20, birth_year: 1950 })).toBe(true);
  });
});

describe('the label explain prints', () => {
  it('names the column as the data reads it, the operator by its sign, then the value or the list', () => {
    const label = (c: TypedCondition) => conditionLabel(c);
    expect(label({ column: 'kind', via: 'site', op: 'eq', value: 'mobility_platform' })).toBe(
      'site.kind = mobility_platform',
    );
    expect(label({ column: 'outcome', op: 'in', values: ['employment', 'training'] })).toBe(
      'outcome ∈ {employment, training}',
    );
    expect(label({ column: 'age', derived: 'age', op: 'lte', value: 25 })).toBe('age ≤ 25');
    expect(label({ column: 'exit_date', op: 'missing' })).toBe('exit_date = ∅');
    const signs = Object.fromEntries(
      (
        [
          'eq',
          'ne',
          'in',
          'not_in',
          'gt',
          'gte',
          'lt',
          'lte',
          'exists',
          'missing',
          'in_precarity',
          'not_in_precarity',
        ] as const
      ).map((op) => [op, label({ column: 'c', op })]),
    );
    expect(signs).toEqual({
      eq: 'c =',
      ne: 'c ≠',
      in: 'c ∈',
      not_in: 'c ∉',
      gt: 'c >',
      gte: 'c ≥',
      lt: 'c <',
      lte: 'c ≤',
      exists: 'c ≠ ∅',
      missing: 'c = ∅',
      in_precarity: 'c < precarity_threshold',
      not_in_precarity: 'c ≥ precarity_threshold',
    });
    expect(label({ column: 'qpv', op: 'eq', value: false })).toBe('qpv = false');
  });
});
