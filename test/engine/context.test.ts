// What row functions may ask (define.ts IndicatorContext) and INDICATORS.md "Which row falls in which cell".

import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OrganisationRow, SiteRow } from '../../src/data/datasets.js';
import { defineIndicator } from '../../src/define.js';
import { Attribution } from '../../src/engine/attribution.js';
import { ageAtEntry, makeContext, makeFactsOf } from '../../src/engine/context.js';
import { DEFAULT_PARAMS, evaluate } from '../helpers/engine.js';

const organisations = new Map<string, OrganisationRow>([
  ['O', { org_id: 'O', name: 'O', kind: 'association', territory: 'dep:69' }],
  ['N', { org_id: 'N', name: 'N', kind: 'association' }],
]);
const sites = new Map<string, SiteRow>([
  ['S', { site_id: 'S', org_id: 'O', name: 'S', kind: 'other', territory: 'com:93066', opened_on: '2020-01-01' }],
]);
const reference = { organisations, sites };
// Made in each test, not at import, so that StrykerJS sees which tests cover which code.
let factsOf: ReturnType<typeof makeFactsOf>;
let ctx: ReturnType<typeof makeContext>;
beforeEach(() => {
  factsOf = makeFactsOf(DEFAULT_PARAMS, reference);
  ctx = makeContext(DEFAULT_PARAMS, reference, new Attribution(undefined, [], organisations));
});

describe('the row context', () => {
  it('ranks levels against the precarity threshold', () => {
    // severe < precarious < fragile (threshold) < autonomous
    expect(ctx.inPrecarity('severe')).toBe(true);
    expect(ctx.inPrecarity('precarious')).toBe(true);
    expect(ctx.inPrecarity('fragile')).toBe(false);
    expect(ctx.inPrecarity('autonomous')).toBe(false);
    expect(ctx.inPrecarity(undefined)).toBe(false);
    expect(ctx.levelRank('fragile')).toBe(2);
    expect(ctx.levelRank('unknown')).toBe(-1);
    // An empty level ranks below every level, as an unknown one does.
    expect(ctx.levelRank(undefined)).toBe(-1);
  });

  it('reads the age at entry from age, else entry year minus birth_year', () => {
    const row = { beneficiary_id: 'b', site_id: 'S', entry_date: '2024-03-01' };
    expect(ageAtEntry({ ...row, age: 30, birth_year: 1900 })).toBe(30);
    expect(ageAtEntry({ ...row, birth_year: 2000 })).toBe(24);
    expect(ageAtEntry(row)).toBeUndefined();
  });

  it('gives a plug-in the params its zod schema parsed, defaults filled', () => {
    const seen: unknown[] = [];
    const weighted = defineIndicator<'actions', { weight: number }>({
      id: 'my.weighted',
      kind: 'flow',
      title: { en: 'W', fr: 'W' },
      description: { en: 'W', fr: 'W' },
      unit: { en: 'w', fr: 'w' },
      params: z.object({ weight: z.number().default(3) }),
      dataset: 'actions',
      date: 'date',
      value: (_row, c) => {
        seen.push(c.params);
        return c.params.weight;
      },
    });
    const result = evaluate({
      range: { from: '2024-01-01', to: '2024-12-31' },
      indicators: ['my.weighted'],
      extra: [weighted],
      organisations: [{ org_id: 'O', territory: 'dep:93' }],
      actions: [{ type: 'orientation', date: '2024-02-02', org_id: 'O' }],
    });
    expect(seen).toEqual([{ weight: 3 }]);
    expect(result.value('my.weighted').value).toBe(3);
  });
});

describe('which territory and organisation a row falls in', () => {
  it('places beneficiaries by residence, else their site; by the site’s operator', () => {
    const b = { beneficiary_id: 'b', site_id: 'S', entry_date: '2024-03-01', age: 20, qpv: true, gender: 'f' as const };
    expect(factsOf('beneficiaries', b)).toEqual({
      territory: 'com:93066',
      organisation: 'O',
      site: 'S',
      gender: 'f',
      qpv: 'true',
      age_band: '16-25',
    });
    expect(factsOf('beneficiaries', { ...b, territory: 'dep:75', qpv: undefined }).territory).toBe('dep:75');
    const unknown = factsOf('beneficiaries', { ...b, qpv: undefined, age: undefined, gender: undefined });
    // left empty in the data: null, a code no value can spell
    expect([unknown.qpv, unknown.age_band, unknown.gender]).toEqual([null, null, null]);
  });

  it('places investments by the investee’s territory, actions by their own else the organisation’s', () => {
    const investment = {
      investment_id: 'i',
      investor_id: 'N',
      investee_id: 'O',
      amount_eur: 100,
      date: '2024-01-01',
      instrument: 'equity' as const,
    };
    expect(factsOf('investments', investment)).toMatchObject({ territory: 'dep:69', organisation: 'O' });
    const action = { action_id: 'a', type: 'orientation' as const, date: '2024-01-01', org_id: 'O' };
    expect(factsOf('actions', action).territory).toBe('dep:69');
    expect(factsOf('actions', { ...action, territory: 'dep:75' }).territory).toBe('dep:75');
    // an organisation without a territory: the row's territory is unknown (null)
    expect(factsOf('actions', { ...action, org_id: 'N' }).territory).toBeNull();
  });

  it('leaves the territory and the organisation unknown (null) when the row’s reference is missing', () => {
    // A beneficiary of a site the workspace does not list, without a residence: nothing places it.
    const b = { beneficiary_id: 'b', site_id: 'nowhere', entry_date: '2024-03-01' };
    expect(factsOf('beneficiaries', b)).toMatchObject({ territory: null, organisation: null, site: 'nowhere' });
    expect(factsOf('beneficiaries', { ...b, territory: 'dep:75' })).toMatchObject({
      territory: 'dep:75',
      organisation: null,
    });
    const action = { action_id: 'a', type: 'orientation' as const, date: '2024-01-01', org_id: 'nobody' };
    expect(factsOf('actions', action)).toEqual({ territory: null, organisation: 'nobody' });
  });

  it('places an organisation by its own territory, and names its site only for a metric that has one', () => {
    expect(factsOf('organisations', { org_id: 'O', name: 'O', kind: 'association', territory: 'dep:69' })).toEqual({
      territory: 'dep:69',
      organisation: 'O',
    });
    expect(factsOf('organisations', { org_id: 'N', name: 'N', kind: 'association' })).toEqual({
      territory: null,
      organisation: 'N',
    });
    const metric = { org_id: 'O', metric: 'm', value: 1, period_start: '2024-01-01', period_end: '2024-12-31' };
    expect(factsOf('metrics', { ...metric, site_id: 'S' }).site).toBe('S');
    expect('site' in factsOf('metrics', metric)).toBe(false);
  });

  it('places metrics by their own territory, else the site’s, else the organisation’s', () => {
    const metric = { org_id: 'O', metric: 'm', value: 1, period_start: '2024-01-01', period_end: '2024-12-31' };
    expect(factsOf('metrics', { ...metric, territory: 'dep:75', site_id: 'S' }).territory).toBe('dep:75');
    expect(factsOf('metrics', { ...metric, site_id: 'S' }).territory).toBe('com:93066');
    expect(factsOf('metrics', metric).territory).toBe('dep:69');
  });
});

describe('a dimension that only some sources of an indicator have', () => {
  it('puts the other sources’ rows under unknown, so the cells add up to the total', () => {
    // youth.reached = young beneficiaries (with a gender) + reported youth_reached metrics (none).
    const result = evaluate({
      range: { from: '2024-01-01', to: '2024-12-31' },
      breakdown: ['gender'],
      indicators: ['youth.reached', 'finance.invested'],
      organisations: [{ org_id: 'O', territory: 'dep:93' }],
      sites: [{ site_id: 'S', org_id: 'O', territory: 'dep:93' }],
      beneficiaries: [
        { beneficiary_id: 'b1', site_id: 'S', entry_date: '2024-03-01', age: 18, gender: 'f' },
        { beneficiary_id: 'b2', site_id: 'S', entry_date: '2024-04-01', age: 19, gender: 'm' },
        { beneficiary_id: 'b3', site_id: 'S', entry_date: '2024-05-01', age: 20, gender: 'f' },
      ],
      metrics: [
        { org_id: 'O', metric: 'youth_reached', value: 40, period_start: '2024-01-01', period_end: '2024-12-31' },
      ],
    });
    // f: b1, b3 = 2; m: b2 = 1; unknown: the 40 reported; total 43.
    expect(result.value('youth.reached', { gender: 'f' }).value).toBe(2);
    expect(result.value('youth.reached', { gender: 'm' }).value).toBe(1);
    expect(result.value('youth.reached', { gender: null }).value).toBe(40);
    expect(result.value('youth.reached').value).toBe(43);
    // No source of finance.invested has a gender: totals only.
    expect([...result.cells('finance.invested').values()].map((c) => c.margin[0])).toEqual([true]);
  });
});
