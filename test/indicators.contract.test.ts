// The catalogue's contract (STYLE.md, after ESLint's rule checks): one module per indicator, its id
// matching its path, its own test beside it, bilingual texts, listed in the catalogue, and exactly
// the ids of INDICATORS.md.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInIndicators } from '../indicators/index.js';
import type { IndicatorDefinition } from '../src/define.js';

const ROOT = fileURLToPath(new URL('../indicators/', import.meta.url));

/** INDICATORS.md "The catalogue": the ids are the contract, with each one's kind. */
const CATALOGUE: Record<string, string> = {
  'mobility.people_supported': 'unique',
  'mobility.people_in_precarity_at_intake': 'unique',
  'mobility.lifted_out_of_precarity': 'unique',
  'mobility.lift_rate': 'ratio',
  'mobility.positive_outcomes': 'unique',
  'mobility.platforms_open': 'stock',
  'mobility.platforms_opened': 'flow',
  'youth.reached': 'unique',
  'youth.reached_per_keur': 'ratio',
  'youth.cost_per_young_person': 'ratio',
  'finance.invested': 'flow',
  'finance.invested_direct': 'flow',
  'finance.invested_via_funds': 'flow',
  'finance.leverage': 'ratio',
  'finance.organisations_supported': 'unique',
  'finance.outstanding': 'stock',
  'finance.exits': 'flow',
  'finance.portfolio_organisations': 'stock',
  'finance.donations_mobilised': 'flow',
  'finance.contributing_companies': 'unique',
  'network.orientations': 'flow',
  'network.introductions': 'flow',
  'territory.departements_covered': 'stock',
  'territory.qpv_share': 'ratio',
};

function indicatorModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return indicatorModules(path);
    const isModule =
      /\.(ts|js|mjs)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts');
    return isModule && relative(ROOT, path) !== 'index.ts' ? [path] : [];
  });
}

const modules = indicatorModules(ROOT).sort();
const loaded = await Promise.all(
  modules.map(async (path) => {
    const module = (await import(pathToFileURL(path).href)) as { default?: IndicatorDefinition<unknown> };
    return { path, file: relative(ROOT, path), definition: module.default };
  }),
);

describe('the built-in catalogue', () => {
  it('finds the modules', () => {
    expect(modules.length).toBeGreaterThan(0);
  });

  it.each(loaded)('$file has its own test', ({ path }) => {
    const test = path.replace(/\.(ts|js|mjs)$/, '.test.ts');
    expect(existsSync(test), `missing ${relative(ROOT, test)}`).toBe(true);
  });

  it.each(loaded)('$file exports an indicator whose id matches its path', ({ file, definition }) => {
    expect(definition, `${file} has no default export`).toBeTypeOf('object');
    // indicators/mobility/platforms_open.ts -> mobility.platforms_open
    const expected = file
      .replace(/\.(ts|js|mjs)$/, '')
      .split(/[\\/]/)
      .join('.');
    expect(definition?.id).toBe(expected);
  });

  it.each(loaded)('$file has a title, description and unit in English and French', ({ definition }) => {
    for (const field of ['title', 'description', 'unit'] as const) {
      const text = definition?.[field];
      for (const lang of ['en', 'fr'] as const) {
        expect(typeof text?.[lang] === 'string' && text[lang].trim() !== '', `${field}.${lang} is empty`).toBe(true);
      }
    }
  });

  it.each(loaded)('$file is listed in builtInIndicators', ({ definition }) => {
    expect(builtInIndicators).toContain(definition);
  });

  it('lists exactly the ids of INDICATORS.md, with their kinds, in its order', () => {
    expect(builtInIndicators.map((d) => d.id)).toEqual(Object.keys(CATALOGUE));
    expect(Object.fromEntries(builtInIndicators.map((d) => [d.id, d.kind]))).toEqual(CATALOGUE);
  });

  it('has one module per listed indicator', () => {
    expect(loaded.map((m) => m.definition?.id).sort()).toEqual(Object.keys(CATALOGUE).sort());
  });
});
