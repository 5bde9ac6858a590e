// Kind enforcement (INDICATORS.md: "The engine enforces this for every indicator, built-in or
// plug-in; a plug-in cannot opt out").
import { describe, expect, it } from 'vitest';
import { builtInIndicators } from '../../indicators/index.js';
import type { IndicatorDefinition } from '../../src/define.js';
import { compileIndicator, DefinitionError } from '../../src/engine/compiled.js';
import { DEFAULT_PARAMS } from '../helpers/engine.js';

const texts = {
  title: { en: 'T', fr: 'T' },
  description: { en: 'D', fr: 'D' },
  unit: { en: 'u', fr: 'u' },
};
const compile = (definition: unknown) =>
  compileIndicator(definition as IndicatorDefinition<unknown>, 'plugins/mine.ts', DEFAULT_PARAMS);

/** The DefinitionError thrown, to check the field it names. */
function refusal(definition: unknown): DefinitionError {
  try {
    compile(definition);
  } catch (error) {
    if (error instanceof DefinitionError) return error;
    throw error;
  }
  throw new Error('the definition was accepted');
}

describe('compileIndicator', () => {
  it('compiles every built-in', () => {
    for (const definition of builtInIndicators) expect(() => compile(definition)).not.toThrow();
  });

  it('refuses a unique indicator that adds a value from beneficiaries', () => {
    const error = refusal({
      id: 'my.people',
      kind: 'unique',
      ...texts,
      dataset: 'beneficiaries',
      date: 'entry_date',
      distinct: (row: { beneficiary_id: string }) => row.beneficiary_id,
      value: () => 1,
    });
    expect(error.field).toBe('value');
    expect(error.message).toContain('plugins/mine.ts: value:');
  });

  it('lets a unique indicator add reported metrics, and nothing else', () => {
    const ok = compile({
      id: 'my.reached',
      kind: 'unique',
      ...texts,
      sources: [
        {
          dataset: 'beneficiaries',
          date: 'entry_date',
          distinct: (row: { beneficiary_id: string }) => row.beneficiary_id,
        },
        { dataset: 'metrics', date: 'period_end', value: (row: { value: number }) => row.value },
      ],
    });
    expect(ok.sources.map((s) => s.distinct)).toEqual([true, false]);
    const error = refusal({
      id: 'my.reached',
      kind: 'unique',
      ...texts,
      sources: [{ dataset: 'actions', date: 'date', value: () => 1 }],
    });
    expect(error.field).toBe('sources.0.value');
  });

  it('refuses a unique indicator without distinct()', () => {
    expect(
      refusal({ id: 'my.people', kind: 'unique', ...texts, dataset: 'beneficiaries', date: 'entry_date' }).field,
    ).toBe('distinct');
  });

  it('refuses a flow with distinct()', () => {
    const error = refusal({
      id: 'my.flow',
      kind: 'flow',
      ...texts,
      dataset: 'actions',
      date: 'date',
      distinct: (row: { org_id: string }) => row.org_id,
    });
    expect(error.field).toBe('distinct');
    expect(error.message).toMatch(/unique/);
  });

  it('refuses a stock without activeAt()', () => {
    expect(refusal({ id: 'my.stock', kind: 'stock', ...texts, dataset: 'sites' }).field).toBe('activeAt');
  });

  it('refuses a flow evaluated at a date, and a flow without an event date', () => {
    const activeAt = () => true;
    expect(
      refusal({ id: 'my.flow', kind: 'flow', ...texts, dataset: 'sites', date: 'opened_on', activeAt }).field,
    ).toBe('activeAt');
    expect(refusal({ id: 'my.flow', kind: 'flow', ...texts, dataset: 'sites' }).field).toBe('date');
  });

  it('refuses a bad id, naming the field', () => {
    for (const id of ['Mobility.Open', 'nodot', 'my..id', '', 'my.id-with-dash', 42]) {
      const error = refusal({ id, kind: 'flow', ...texts, dataset: 'actions', date: 'date' });
      expect(error.field).toBe('id');
      expect(error.message).toMatch(/^plugins\/mine\.ts: id: /);
    }
  });

  it('refuses an unknown kind, an unknown dataset, and missing or empty bilingual texts', () => {
    expect(refusal({ id: 'my.x', kind: 'average', ...texts, dataset: 'actions', date: 'date' }).field).toBe('kind');
    expect(refusal({ id: 'my.x', kind: 'flow', ...texts, dataset: 'people', date: 'date' }).field).toBe('dataset');
    expect(refusal({ id: 'my.x', kind: 'flow', ...texts, dataset: undefined }).field).toBe('dataset');
    expect(
      refusal({ id: 'my.x', kind: 'flow', ...texts, title: { en: 'T', fr: '' }, dataset: 'actions', date: 'date' })
        .field,
    ).toBe('title');
    expect(
      refusal({ id: 'my.x', kind: 'flow', ...texts, unit: undefined, dataset: 'actions', date: 'date' }).field,
    ).toBe('unit');
  });

  it('refuses a ratio of a ratio and a non-positive scale', () => {
    const part = { kind: 'ratio', dataset: 'actions', date: 'date' };
    expect(refusal({ id: 'my.r', kind: 'ratio', ...texts, numerator: part, denominator: 'x.y' }).field).toBe(
      'numerator.kind',
    );
    expect(refusal({ id: 'my.r', kind: 'ratio', ...texts, numerator: 'a.b', denominator: 'x.y', scale: 0 }).field).toBe(
      'scale',
    );
  });

  it('compiles a ratio’s own parts as hidden indicators, checked by their kind', () => {
    const ratio = compile({
      id: 'my.rate',
      kind: 'ratio',
      ...texts,
      numerator: { kind: 'flow', dataset: 'actions', date: 'date' },
      denominator: 'network.orientations',
    });
    expect(ratio.numerator).toBe('my.rate#numerator');
    expect(ratio.denominator).toBe('network.orientations');
    expect(ratio.parts.map((p) => [p.id, p.kind, p.hidden])).toEqual([['my.rate#numerator', 'flow', true]]);
    const error = refusal({
      id: 'my.rate',
      kind: 'ratio',
      ...texts,
      numerator: { kind: 'flow', dataset: 'actions', date: 'date', distinct: () => 'x' },
      denominator: 'network.orientations',
    });
    expect(error.field).toBe('distinct');
  });

  it('gives additive values an attributable part, and distinct counts none', () => {
    const byId = new Map(builtInIndicators.map((d) => [d.id, compile(d)]));
    expect(byId.get('mobility.platforms_open')?.attribution).toBe(true);
    expect(byId.get('network.orientations')?.attribution).toBe(true);
    expect(byId.get('finance.donations_mobilised')?.attribution).toBe(true);
    expect(byId.get('territory.departements_covered')?.attribution).toBe(false); // distinct stock
    expect(byId.get('mobility.people_supported')?.attribution).toBe(false); // unique
    expect(byId.get('finance.invested')?.attribution).toBe(false); // already E's own euros
  });
});

describe('compileIndicator, field by field', () => {
  const flow = { id: 'my.x', kind: 'flow', ...texts, dataset: 'actions', date: 'date' };

  it('refuses a definition that is not an object', () => {
    expect(refusal(null).field).toBe('definition');
    expect(refusal('my.x').field).toBe('definition');
  });

  it('keeps a reported metric’s name whatever its spelling, and only under reported.', () => {
    const reported = (id: string) =>
      compileIndicator(
        { ...flow, id, dataset: 'metrics', date: 'period_end', value: 'value' } as never,
        'reported',
        DEFAULT_PARAMS,
      );
    expect(reported('reported.Vélos prêtés\n2024').id).toBe('reported.Vélos prêtés\n2024');
    for (const id of ['reported.', 'reported', 'x.reported.bikes']) {
      expect(() => reported(id)).toThrow(/^reported: id: /);
    }
    // Anywhere else the dotted lower-case pattern holds, end to end.
    expect(refusal({ ...flow, id: 'reported.Bikes' }).field).toBe('id');
    expect(refusal({ ...flow, id: 'my.x ' }).field).toBe('id');
    expect(refusal({ ...flow, id: ' my.x' }).field).toBe('id');
    expect(refusal({ ...flow, id: '9my.x' }).field).toBe('id');
    expect(compile({ ...flow, id: 'a1_b.c_2.d' }).id).toBe('a1_b.c_2.d');
  });

  it('refuses texts that are not both strings, both non-empty', () => {
    for (const title of [null, 'T', { en: '', fr: 'T' }, { en: 1, fr: 'T' }, { en: 'T', fr: 1 }, { en: 'T' }]) {
      const error = refusal({ ...flow, title });
      expect(error.field).toBe('title');
      expect(error.message).toBe('plugins/mine.ts: title: expected { en: "…", fr: "…" }, both non-empty');
    }
    expect(refusal({ ...flow, description: { en: 'D', fr: '' } }).field).toBe('description');
  });

  it('gives a kind and a format their defaults, and refuses an unknown format', () => {
    expect(refusal({ ...flow, kind: 'Flow' }).message).toBe(
      'plugins/mine.ts: kind: expected flow, stock, unique or ratio',
    );
    const compiled = compile(flow);
    expect(compiled).toMatchObject({
      format: 'count',
      version: '1',
      frameworks: {},
      scale: 1,
      origin: 'plugins/mine.ts',
    });
    expect(compiled).toMatchObject({ traced: false, hidden: false, parts: [], params: {} });
    expect(compile({ ...flow, format: 'euros', version: '2', frameworks: { sdg: ['1.4'] } })).toMatchObject({
      format: 'euros',
      version: '2',
      frameworks: { sdg: ['1.4'] },
    });
    for (const format of ['count', 'euros', 'share', 'decimal'])
      expect(compile({ ...flow, format }).format).toBe(format);
    const ratio = compile({ id: 'my.r', kind: 'ratio', ...texts, numerator: 'a.b', denominator: 'c.d' });
    expect(ratio).toMatchObject({ format: 'decimal', scale: 1, sources: [], attribution: false });
    expect(
      compile({ id: 'my.r', kind: 'ratio', ...texts, numerator: 'a.b', denominator: 'c.d', scale: 100 }).scale,
    ).toBe(100);
    const error = refusal({ ...flow, format: 'percent' });
    expect(error.field).toBe('format');
    expect(error.message).toBe('plugins/mine.ts: format: expected count, euros, share or decimal');
  });

  it('parses the workspace’s params with the indicator’s schema, naming the param that fails', () => {
    const schema = (accept: (params: unknown) => unknown) => ({
      safeParse: (params: unknown) => {
        const data = accept(params);
        return data === undefined
          ? { success: false, error: { issues: [{ path: ['youth_age', 0], message: 'too small' }] } }
          : { success: true, data };
      },
    });
    expect(compile({ ...flow, params: schema(() => ({ weight: 3 })) }).params).toEqual({ weight: 3 });
    const error = refusal({ ...flow, params: schema(() => undefined) });
    expect(error.field).toBe('params.youth_age.0');
    expect(error.message).toBe('plugins/mine.ts: params.youth_age.0: too small');
    const noIssue = {
      safeParse: () => ({ success: false, error: { issues: [] } }),
    };
    expect(refusal({ ...flow, params: noIssue }).message).toBe('plugins/mine.ts: params.: invalid');
  });

  it('refuses a ratio’s scale unless it is a positive number, and a part that is neither an id nor a definition', () => {
    const ratio = { id: 'my.r', kind: 'ratio', ...texts, numerator: 'a.b', denominator: 'c.d' };
    for (const scale of [-1, '100', null]) {
      const error = refusal({ ...ratio, scale });
      expect(error.field).toBe('scale');
      expect(error.message).toBe('plugins/mine.ts: scale: expected a positive number');
    }
    for (const numerator of [undefined, null, 42, { dataset: 'actions', date: 'date' }]) {
      const error = refusal({ ...ratio, numerator });
      expect(error.field).toBe('numerator');
      expect(error.message).toBe(
        'plugins/mine.ts: numerator: expected the id of an indicator, or a definition with kind and dataset',
      );
    }
    expect(refusal({ ...ratio, denominator: undefined }).field).toBe('denominator');
    expect(refusal({ ...ratio, denominator: { kind: 'ratio' } }).message).toBe(
      'plugins/mine.ts: denominator.kind: a ratio divides flows, stocks or unique counts',
    );
  });

  it('compiles both parts of a ratio with the ratio’s texts, its params, and a unit of their own when given', () => {
    const seen: unknown[] = [];
    const params = {
      safeParse: (p: unknown) => {
        seen.push(p);
        return { success: true, data: { weight: 2 } };
      },
    };
    const ratio = compile({
      id: 'my.rate',
      kind: 'ratio',
      ...texts,
      params,
      numerator: { kind: 'flow', dataset: 'actions', date: 'date', unit: { en: '€', fr: '€' } },
      denominator: { kind: 'unique', dataset: 'beneficiaries', date: 'entry_date', distinct: 'beneficiary_id' },
    });
    expect(ratio.numerator).toBe('my.rate#numerator');
    expect(ratio.denominator).toBe('my.rate#denominator');
    const [numerator, denominator] = ratio.parts;
    expect(numerator).toMatchObject({ id: 'my.rate#numerator', kind: 'flow', hidden: true, title: texts.title });
    expect(numerator?.unit).toEqual({ en: '€', fr: '€' });
    expect(numerator?.description).toEqual(texts.description);
    expect(denominator).toMatchObject({ id: 'my.rate#denominator', kind: 'unique', hidden: true, unit: texts.unit });
    // The ratio's schema parses the params of each part too.
    expect(numerator?.params).toEqual({ weight: 2 });
    expect(denominator?.params).toEqual({ weight: 2 });
    expect(seen).toHaveLength(3);
    expect(ratio.hidden).toBe(false);
    const plain = compile({
      id: 'my.rate',
      kind: 'ratio',
      ...texts,
      numerator: { kind: 'flow', dataset: 'actions', date: 'date' },
      denominator: 'c.d',
    });
    expect(plain.parts[0]?.params).toEqual({});
    expect(plain.parts[0]?.definition.params).toBeUndefined();
  });

  it('names the source of a field as sources.<i>, and a single source’s field bare', () => {
    const sources = (second: object) => ({
      id: 'my.x',
      kind: 'flow',
      ...texts,
      sources: [{ dataset: 'actions', date: 'date' }, second],
    });
    const error = refusal(sources({ dataset: 'people', date: 'date' }));
    expect(error.field).toBe('sources.1.dataset');
    expect(error.message).toBe(
      'plugins/mine.ts: sources.1.dataset: expected one of organisations, sites, investments, metrics, actions, beneficiaries',
    );
    expect(refusal(sources({ dataset: 'actions', date: 'date', value: 'amount' })).field).toBe('sources.1.value');
    expect(refusal({ id: 'my.x', kind: 'flow', ...texts }).message).toBe(
      'plugins/mine.ts: dataset: expected one of organisations, sites, investments, metrics, actions, beneficiaries (or sources: [...])',
    );
    const compiled = compile(sources({ dataset: 'beneficiaries', date: 'entry_date' }));
    expect(compiled.sources.map((s) => [s.dataset, s.kind, s.distinct, s.indicator === compiled])).toEqual([
      ['actions', 'flow', false, true],
      ['beneficiaries', 'flow', false, true],
    ]);
  });

  it('refuses row functions that are not functions', () => {
    const stock = { id: 'my.s', kind: 'stock', ...texts, dataset: 'sites', activeAt: () => true };
    for (const fn of ['activeAt', 'valueAt', 'organisationGate']) {
      const error = refusal({ ...stock, [fn]: 'yes' });
      expect(error.field).toBe(fn);
      expect(error.message).toBe(`plugins/mine.ts: ${fn}: expected a function`);
    }
    expect(refusal({ ...flow, date: 42 }).message).toBe('plugins/mine.ts: date: expected a column name or a function');
    expect(compile({ ...flow, date: (row: { date: string }) => row.date }).sources).toHaveLength(1);
  });

  it('reads a value or a distinct key from a column the dataset has, and refuses any other', () => {
    const euros = compile({ ...flow, dataset: 'investments', value: 'amount_eur', format: 'euros' });
    const source = euros.sources[0]!;
    expect(source.valueColumn).toBe('amount_eur');
    expect(source.distinctColumn).toBeUndefined();
    expect(source.definition.value?.({ amount_eur: 1250 } as never, {} as never)).toBe(1250);
    expect(source.definition.value?.({} as never, {} as never)).toBe(0);
    const people = compile({
      ...flow,
      kind: 'unique',
      dataset: 'beneficiaries',
      date: 'entry_date',
      distinct: 'beneficiary_id',
    });
    const key = people.sources[0]!;
    expect(key.distinctColumn).toBe('beneficiary_id');
    expect(key.distinct).toBe(true);
    expect(key.definition.distinct?.({ beneficiary_id: 42 } as never, {} as never)).toBe('42');
    expect(key.definition.distinct?.({} as never, {} as never)).toBeUndefined();
    expect(key).not.toHaveProperty('valueColumn');
    expect(euros.sources[0]).not.toHaveProperty('distinctColumn');
    for (const fn of ['value', 'distinct']) {
      const error = refusal({
        ...flow,
        kind: 'unique',
        dataset: 'beneficiaries',
        date: 'entry_date',
        [fn]: 'amount_eur',
      });
      expect(error.field).toBe(fn);
      expect(error.message).toBe(`plugins/mine.ts: ${fn}: expected a function or a column of beneficiaries`);
      expect(refusal({ ...flow, [fn]: 7 }).field).toBe(fn);
    }
  });

  it('lets a unique count add reported metrics instead of counting keys', () => {
    const reached = compile({ ...flow, kind: 'unique', dataset: 'metrics', date: 'period_end', value: 'value' });
    expect(reached.sources[0]?.distinct).toBe(false);
    expect(reached.attribution).toBe(false);
  });

  it('keeps a stock’s rules: no gate, and value or valueAt, not both', () => {
    const stock = { id: 'my.s', kind: 'stock', ...texts, dataset: 'sites', activeAt: () => true };
    expect(refusal({ ...stock, organisationGate: () => true }).message).toBe(
      'plugins/mine.ts: organisationGate: only flows can be gated by organisation',
    );
    expect(refusal({ ...stock, valueAt: () => 1, value: () => 1 }).field).toBe('valueAt');
    expect(refusal({ ...stock, valueAt: () => 1, distinct: () => 'k' }).message).toBe(
      'plugins/mine.ts: valueAt: give value or valueAt, not both',
    );
    expect(compile({ ...stock, valueAt: () => 1 }).attribution).toBe(true);
    expect(compile({ ...stock, distinct: () => 'k' })).toMatchObject({ attribution: false });
    expect(compile({ ...stock, distinct: () => 'k' }).sources[0]?.distinct).toBe(true);
    expect(refusal({ ...flow, valueAt: () => 1 }).message).toBe(
      'plugins/mine.ts: valueAt: only a stock is evaluated at a date',
    );
    expect(refusal({ ...flow, activeAt: () => true }).message).toBe(
      'plugins/mine.ts: activeAt: only a stock is evaluated at a date',
    );
    expect(refusal({ ...stock, activeAt: undefined }).message).toBe(
      'plugins/mine.ts: activeAt: a stock needs activeAt(row, date)',
    );
    expect(refusal({ ...flow, date: undefined }).message).toBe(
      'plugins/mine.ts: date: expected the column (or function) giving the event date',
    );
  });

  it('attributes a flow or a stock unless it says attribution: false', () => {
    expect(compile(flow).attribution).toBe(true);
    expect(compile({ ...flow, attribution: false }).attribution).toBe(false);
    expect(compile({ ...flow, kind: 'unique', distinct: () => 'k' }).attribution).toBe(false);
  });
});

describe('a source’s filter', () => {
  const flow = { id: 'my.x', kind: 'flow', ...texts, dataset: 'actions', date: 'date' };
  const ctx = {} as never;

  it('runs named conditions as one test that all must pass, each kept with its label', () => {
    const calls: string[] = [];
    const named = {
      'type = orientation': (row: { type: string }) => {
        calls.push('type');
        return row.type === 'orientation';
      },
      'in 2025': (row: { date: string }) => {
        calls.push('date');
        return row.date.startsWith('2025');
      },
    };
    const source = compile({ ...flow, filter: named }).sources[0]!;
    expect(source.conditions.map((c) => c.label)).toEqual(['type = orientation', 'in 2025']);
    const filter = source.definition.filter as (row: unknown, ctx: unknown) => boolean;
    expect(filter({ type: 'orientation', date: '2025-02-01' }, ctx)).toBe(true);
    expect(filter({ type: 'orientation', date: '2024-02-01' }, ctx)).toBe(false);
    expect(calls).toEqual(['type', 'date', 'type', 'date']);
    calls.length = 0;
    // The first that fails decides: the others are not asked.
    expect(filter({ type: 'introduction', date: '2025-02-01' }, ctx)).toBe(false);
    expect(calls).toEqual(['type']);
    expect(source.rowFilter).toBe(filter);
    expect(source.where).toEqual([]);
  });

  it('keeps a single test as it is, and no filter at all when none is given', () => {
    const test = (row: { type: string }) => row.type === 'orientation';
    const single = compile({ ...flow, filter: test }).sources[0]!;
    expect(single.definition.filter).toBe(test);
    expect(single.rowFilter).toBe(test);
    expect(single.conditions).toEqual([]);
    const none = compile(flow).sources[0]!;
    expect(none.definition).not.toHaveProperty('filter');
    expect(none.rowFilter).toBeUndefined();
    expect(none.definition).not.toHaveProperty('where');
  });

  it('refuses a filter that is neither a function nor named functions', () => {
    for (const filter of [{}, 'type = orientation', null, 42]) {
      const error = refusal({ ...flow, filter });
      expect(error.field).toBe('filter');
      expect(error.message).toBe(
        'plugins/mine.ts: filter: expected a function, or named conditions { "site.kind = mobility_platform": (row, ctx) => … }',
      );
    }
    const error = refusal({ ...flow, filter: { 'type = orientation': 'orientation' } });
    expect(error.field).toBe('filter.type = orientation');
    expect(error.message).toBe('plugins/mine.ts: filter.type = orientation: expected a function');
  });

  it('types `where` like the data, from the params when it is a function, and names the condition that is wrong', () => {
    const where = compile({ ...flow, where: [{ column: 'type', op: 'eq', value: 'orientation' }] }).sources[0]!;
    expect(where.where).toHaveLength(1);
    expect(where.conditions.map((c) => c.label)).toEqual(['type = orientation']);
    expect(where.rowFilter).toBeUndefined();
    const seen: unknown[] = [];
    const fromParams = compile({
      ...flow,
      params: { safeParse: () => ({ success: true, data: { kind: 'introduction' } }) },
      where: (params: { kind: string }) => {
        seen.push(params);
        return [{ column: 'type', op: 'eq', value: params.kind }];
      },
    }).sources[0]!;
    expect(seen).toEqual([{ kind: 'introduction' }]);
    expect(fromParams.conditions.map((c) => c.label)).toEqual(['type = introduction']);
    expect(refusal({ ...flow, where: { column: 'type' } }).message).toBe(
      'plugins/mine.ts: where: expected a list of conditions { column, op, value }',
    );
    const error = refusal({
      ...flow,
      where: [
        { column: 'type', op: 'eq', value: 'orientation' },
        { column: 'nope', op: 'eq', value: 1 },
      ],
    });
    expect(error.field).toMatch(/^where\.1(\.|$)/);
    const inSources = refusal({ id: 'my.x', kind: 'flow', ...texts, sources: [{ ...flow, where: 'x' }] });
    expect(inSources.field).toBe('sources.0.where');
  });

  it('types a level against the workspace’s mobility levels, in any case', () => {
    const levels = (mobility_levels: unknown) => (value: string) =>
      compileIndicator(
        {
          ...flow,
          dataset: 'beneficiaries',
          date: 'entry_date',
          where: [{ column: 'intake_level', op: 'eq', value }],
        } as never,
        'plugins/mine.ts',
        { ...DEFAULT_PARAMS, mobility_levels },
      );
    expect(() => levels(['Severe', 'Fragile'])('fragile')).not.toThrow();
    expect(() => levels(['Severe', 'Fragile'])('autonomous')).toThrow(/where\.0/);
    expect(() => levels(undefined)('fragile')).toThrow(/where\.0/);
  });
});
