// The editor schemas (issue 10): generated from the zod schemas, shipped in the package, and right
// about the example workspace's impact.yaml and both of its plug-ins.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createJiti } from 'jiti';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configJsonSchema, indicatorJsonSchema, SCHEMA_FILES, schemaText } from '../src/json-schema.js';
import { ROOT } from './helpers/cli.js';

// yaml-language-server reads YAML 1.2 core: numbers and booleans are typed, dates stay strings.
const yamlFile = (...parts: string[]) => parse(readFileSync(join(ROOT, ...parts), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
const configValid = ajv.compile(configJsonSchema());
const indicatorValid = ajv.compile(indicatorJsonSchema());

describe('JSON Schemas for editors', () => {
  it('are the committed files under schemas/ (npm run schemas writes them)', () => {
    expect(readFileSync(join(ROOT, 'schemas', SCHEMA_FILES.config), 'utf8')).toBe(schemaText(configJsonSchema()));
    expect(readFileSync(join(ROOT, 'schemas', SCHEMA_FILES.indicator), 'utf8')).toBe(schemaText(indicatorJsonSchema()));
  });

  it("accept the example workspace's impact.yaml and both of its plug-ins", async () => {
    expect(configValid(yamlFile('fixtures/example/impact.yaml')), JSON.stringify(configValid.errors)).toBe(true);
    const yamlPlugin = yamlFile('fixtures/example/indicators/qpv_positive_outcomes.yaml');
    expect(indicatorValid(yamlPlugin), JSON.stringify(indicatorValid.errors)).toBe(true);
    // The TypeScript plug-in's data fields (its functions are code, which no schema describes).
    const jiti = createJiti(import.meta.url, { alias: { impactkit: join(ROOT, 'src/index.ts') } });
    const ts = (await jiti.import(join(ROOT, 'fixtures/example/indicators/women_lifted.ts'), {
      default: true,
    })) as Record<string, unknown>;
    const data = Object.fromEntries(Object.entries(ts).filter(([, v]) => typeof v !== 'function'));
    expect(Object.keys(data)).toContain('date');
    expect(indicatorValid(data), JSON.stringify(indicatorValid.errors)).toBe(true);
    expect(indicatorValid({ ...data, date: 7 })).toBe(false);
    expect(configValid(yamlFile('fixtures/plugin-guide/impact.yaml')), JSON.stringify(configValid.errors)).toBe(true);
    for (const file of ['qpv_positive_outcomes.yaml', 'invested_yaml.yaml']) {
      expect(indicatorValid(yamlFile('fixtures/plugin-guide/indicators', file))).toBe(true);
    }
  });

  it('accept the shorthands the loader accepts: a path for a dataset, a string for a list', () => {
    const config = { version: 1, name: 'x', range: { from: '2024-01-01', to: '2024-12-31' } };
    expect(configValid({ ...config, datasets: { sites: 'data/sites.csv' }, plugins: 'indicators/*.yaml' })).toBe(true);
    expect(configValid({ ...config, datasets: { sites: { files: 'data/sites.csv', encoding: 'UTF-8' } } })).toBe(true);
  });

  it('reject known mistakes: an unknown key, a misspelt kind, an unknown operator', () => {
    const config = { version: 1, name: 'x', range: { from: '2024-01-01', to: '2024-12-31' } };
    expect(configValid({ ...config, plugin: ['indicators/*.ts'] })).toBe(false);
    expect(configValid({ ...config, datasets: { beneficiary: 'data/b.csv' } })).toBe(false);
    const indicator = yamlFile('fixtures/example/indicators/qpv_positive_outcomes.yaml') as Record<string, unknown>;
    expect(indicatorValid({ ...indicator, kind: 'uniqe' })).toBe(false);
    const { filter, ...rest } = indicator;
    expect(indicatorValid({ ...rest, filters: filter })).toBe(false);
    expect(indicatorValid({ ...indicator, filter: [{ column: 'qpv', op: 'equals', value: true }] })).toBe(false);
  });

  it('ship in the npm package', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toContain('schemas/impact.schema.json');
    expect(files).toContain('schemas/indicator.schema.json');
  });
});
