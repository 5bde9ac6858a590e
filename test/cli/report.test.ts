// `impact report` end to end on the example workspace and on plug-in mistakes, as a user runs it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportValue } from '../../src/report/model.js';
import { copyFixture, impact } from '../helpers/cli.js';

const value = (report: Report, indicator: string, cell: Record<string, string>): ReportValue | undefined =>
  report.values.find((v) => v.indicator === indicator && Object.entries(cell).every(([k, x]) => v[k] === x));

describe('impact report on the example workspace', () => {
  let ws: string;
  let report: Report;
  beforeAll(() => {
    ws = copyFixture('example');
    const run = impact(['report', '--check', '-f', 'json', '-o', 'reports/report.json'], { cwd: ws });
    expect(run.stderr).toContain('3 cibles atteintes');
    expect(run.status).toBe(0);
    report = JSON.parse(readFileSync(join(ws, 'reports/report.json'), 'utf8')) as Report;
  });

  it('has 9 mobility platforms open at the end of 2019 and 26 at the end of 2024', () => {
    expect(value(report, 'mobility.platforms_open', { territory: 'FR', period: '2019' })?.value).toBe(9);
    expect(value(report, 'mobility.platforms_open', { territory: 'FR', period: '2024' })?.value).toBe(26);
    expect(report.targets[0]).toMatchObject({ indicator: 'mobility.platforms_open', actual: 26, status: 'met' });
  });

  it('computes the TypeScript and YAML plug-ins next to the built-ins', () => {
    const origins = Object.fromEntries(report.indicators.map((i) => [i.id, i.origin]));
    expect(origins['example.women_lifted_out_of_precarity']).toBe('indicators/women_lifted.ts');
    expect(origins['example.qpv_positive_outcomes']).toBe('indicators/qpv_positive_outcomes.yaml');
    expect(report.indicators.filter((i) => i.error)).toEqual([]);
    // Women lifted are some of the people lifted, never more.
    const women = value(report, 'example.women_lifted_out_of_precarity', { territory: 'FR', period: '2025' })!.value!;
    const all = value(report, 'mobility.lifted_out_of_precarity', { territory: 'FR', period: '2025' })!.value!;
    expect(women).toBeGreaterThan(0);
    expect(women).toBeLessThan(all);
  });

  it('lists reported metrics as reported.<metric>, titled from impact.yaml metrics:', () => {
    expect(report.indicators.map((i) => i.id)).toContain('reported.youth_reached');
    const co2 = report.indicators.find((i) => i.id === 'reported.co2_avoided_t');
    expect(co2).toMatchObject({ title: 'CO₂ évité', unit: 't CO₂' });
    const csv = impact(['report', '-f', 'csv', '--lang', 'en'], { cwd: ws });
    expect(csv.stdout).toContain('reported.co2_avoided_t,CO₂ avoided,');
    expect(csv.stdout).toMatch(/reported\.co2_avoided_t,CO₂ avoided,FR,France,[^\n]*,t CO₂,/);
    const table = impact(['report', '--lang', 'en'], { cwd: ws });
    expect(table.stdout).toContain('CO₂ avoided');
    expect(table.stdout).not.toContain('co2_avoided_t');
  });

  it('gives byte-identical JSON on a second run', () => {
    const again = impact(['report', '-f', 'json'], { cwd: ws });
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(readFileSync(join(ws, 'reports/report.json'), 'utf8'));
  });

  it('exits 1 with --check when a target is missed, and 0 without it', () => {
    const config = join(ws, 'impact.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('op: ">=", value: 26 }', 'op: ">=", value: 27 }'));
    const missed = impact(['report', '--check', '-f', 'json', '-o', '-', '--indicators', 'mobility.platforms_open'], {
      cwd: ws,
    });
    expect(missed.status).toBe(1);
    // The example speaks French: the sign that holds, then the verdict.
    expect(missed.stderr).toContain('✖ mobility.platforms_open 2024\u00a0: 26 < 27\u00a0: cible manquée');
    expect(impact(['report', '-f', 'json', '--indicators', 'mobility.platforms_open'], { cwd: ws }).status).toBe(0);
  });
});

describe('plug-ins that fail', () => {
  it('become an error naming the file, and every other indicator still computes', () => {
    const ws = copyFixture('example');
    mkdirSync(join(ws, 'indicators'), { recursive: true });
    writeFileSync(
      join(ws, 'indicators/throws.ts'),
      `import { defineIndicator } from 'impactkit';
export default defineIndicator({
  id: 'custom.throws', kind: 'flow', dataset: 'sites', date: 'opened_on',
  title: { en: 'Throws', fr: 'Lève' }, description: { en: 'Throws', fr: 'Lève' }, unit: { en: 'x', fr: 'x' },
  filter: () => { throw new Error('boom in filter'); },
});
`,
    );
    writeFileSync(join(ws, 'indicators/broken.yaml'), 'id: custom.broken\nkind: sideways\n');
    writeFileSync(join(ws, 'indicators/syntax.ts'), 'export default {{{');
    const run = impact(['report', '-f', 'json'], { cwd: ws });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const errors = Object.fromEntries(report.indicators.filter((i) => i.error).map((i) => [i.id, i.error]));
    expect(errors['custom.throws']).toMatch(/^indicators\/throws\.ts: boom in filter \(on data\/sites\.csv:\d+\)$/);
    expect(Object.keys(errors)).toEqual(
      expect.arrayContaining(['custom.throws', 'custom.broken', 'indicators/syntax.ts']),
    );
    expect(errors['custom.broken']).toContain('indicators/broken.yaml');
    expect(run.stderr).toContain('indicators/syntax.ts');
    expect(value(report, 'mobility.platforms_open', { territory: 'FR', period: '2024' })?.value).toBe(26);
    // --no-plugins skips them all.
    const skipped = JSON.parse(impact(['report', '-f', 'json', '--no-plugins'], { cwd: ws }).stdout) as Report;
    expect(skipped.indicators.some((i) => i.origin !== 'built-in' && i.origin !== 'reported')).toBe(false);
  });
});

describe('privacy.min_count on the example workspace', () => {
  it('hides every small people count in JSON, Markdown and the table, and the ratios built on them', () => {
    const ws = copyFixture('example');
    const config = join(ws, 'impact.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace('privacy: { min_count: 0 }', 'privacy: { min_count: 10 }'),
    );
    const run = impact(['report', '-f', 'json,md,table', '--full', '-o', 'out/'], { cwd: ws });
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(join(ws, 'out/report.json'), 'utf8')) as Report;
    expect(report.privacy).toEqual({ min_count: 10 });
    const people = new Set(
      report.indicators.filter((i) => i.kind === 'unique' && i.datasets.includes('beneficiaries')).map((i) => i.id),
    );
    const published = report.values.filter((v) => people.has(v.indicator));
    // No people count from 1 to 9 is published anywhere.
    expect(published.filter((v) => v.value !== null && v.value > 0 && v.value < 10)).toEqual([]);
    const hidden = published.filter((v) => v.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    for (const v of hidden) expect(v.value).toBeNull();
    // A lift rate whose numerator or denominator is hidden is hidden too.
    const rates = report.values.filter((v) => v.indicator === 'mobility.lift_rate' && v.suppressed);
    expect(rates.length).toBeGreaterThan(0);
    for (const v of rates) expect([v.value, v.numerator, v.denominator]).toEqual([null, null, null]);
    expect(readFileSync(join(ws, 'out/report.md'), 'utf8')).toContain('< 10');
    expect(readFileSync(join(ws, 'out/report.txt'), 'utf8')).toContain('< 10');
  });
});

describe('impact report --strict', () => {
  it('exits 1 when rows were rejected, quiet or not, and 0 without --strict', () => {
    const ws = copyFixture('broken');
    expect(impact(['report', '-q', '--strict', '-f', 'json', '-o', '-'], { cwd: ws }).status).toBe(1);
    const loud = impact(['report', '--strict', '-f', 'json', '-o', '-'], { cwd: ws });
    expect(loud.status).toBe(1);
    expect(loud.stderr).toContain('25 rows rejected');
    expect(impact(['report', '-f', 'json', '-o', '-'], { cwd: ws }).status).toBe(0);
  });
});
