// A ratio that divides itself, directly or through other ratios, is refused when the catalogue loads,
// naming the circle; it used to recurse until the stack overflowed (an internal error, exit 3).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/index.js';
import { impact, tempDir } from '../helpers/cli.js';
import { DEFAULT_PARAMS } from '../helpers/engine.js';

const ratio = (id: string, numerator: string, denominator = 'mobility.people_supported') => `id: ${id}
kind: ratio
title: { en: ${id}, fr: ${id} }
description: { en: a ratio, fr: un ratio }
unit: { en: share, fr: part }
numerator: ${numerator}
denominator: ${denominator}
`;

function workspace(files: Record<string, string>): string {
  const root = tempDir('impact-circle-');
  mkdirSync(join(root, 'indicators'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'indicators', name), text);
  return root;
}

async function load(files: Record<string, string>) {
  const catalogue = await loadCatalogue({
    root: workspace(files),
    pluginGlobs: ['indicators/*'],
    plugins: true,
    params: DEFAULT_PARAMS,
  });
  return {
    ids: catalogue.indicators.filter((i) => i.origin !== 'built-in').map((i) => i.id),
    failures: catalogue.failures.map((f) => f.message),
  };
}

describe('ratios that divide themselves', () => {
  it('refuses a ratio whose numerator is itself', async () => {
    const { ids, failures } = await load({ 'self.yaml': ratio('x.self', 'x.self') });
    expect(ids).toEqual([]);
    expect(failures).toEqual(['indicators/self.yaml: numerator: a ratio cannot divide itself (x.self → x.self)']);
  });

  it('refuses each ratio of a circle through another, by its denominator too, and keeps the others', async () => {
    const { ids, failures } = await load({
      'a.yaml': ratio('x.a', 'mobility.people_supported', 'x.b'),
      'b.yaml': ratio('x.b', 'x.a'),
      'fine.yaml': ratio('x.fine', 'mobility.lifted_out_of_precarity'),
      // Not on the circle, but divides one of its ratios: kept, and fails as a ratio of a missing part.
      'over.yaml': ratio('x.over', 'x.a'),
    });
    expect(ids).toEqual(['x.fine', 'x.over']);
    expect(failures).toEqual([
      'indicators/a.yaml: denominator: a ratio cannot divide itself (x.a → x.b → x.a)',
      'indicators/b.yaml: numerator: a ratio cannot divide itself (x.b → x.a → x.b)',
    ]);
  });

  it('lets report name the refused ratio and compute the rest (exit 0, no internal error)', () => {
    const root = workspace({ 'self.yaml': ratio('x.self', 'x.self') });
    writeFileSync(
      join(root, 'impact.yaml'),
      'version: 1\nname: Circle\nrange: { from: 2024-01-01, to: 2024-12-31 }\nplugins: [indicators/*.yaml]\ndatasets: {}\n',
    );
    const run = impact(['report', '--indicators', 'x.*,finance.invested'], { cwd: root });
    expect(run.stderr).not.toContain('internal error');
    expect(run.stderr).toContain('a ratio cannot divide itself (x.self → x.self)');
    expect(run.status).not.toBe(3);
  });
});
