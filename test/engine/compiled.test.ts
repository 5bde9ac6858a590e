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
