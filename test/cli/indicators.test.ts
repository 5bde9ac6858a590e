import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { impact, ROOT } from '../helpers/cli.js';

describe('impact indicators', () => {
  it('lists the 24 built-ins as JSON', () => {
    const run = impact(['indicators', '--json'], { cwd: ROOT });
    expect(run.status).toBe(0);
    const { indicators } = JSON.parse(run.stdout) as { indicators: { id: string; origin: string }[] };
    expect(indicators).toHaveLength(24);
    expect(indicators.every((i) => i.origin === 'built-in')).toBe(true);
  });

  it('is the catalogue table of the README (regenerate with npm run docs:catalogue)', () => {
    const table = impact(['indicators', '--format', 'md', '--lang', 'en'], { cwd: ROOT }).stdout;
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`<!-- catalogue:start -->\n${table}<!-- catalogue:end -->`);
  });

  it("adds the workspace's plug-ins", () => {
    const run = impact(['indicators', '--json'], { cwd: join(ROOT, 'fixtures/example') });
    const { indicators } = JSON.parse(run.stdout) as { indicators: { id: string; origin: string }[] };
    expect(indicators.map((i) => i.id)).toEqual(
      expect.arrayContaining(['example.women_lifted_out_of_precarity', 'example.qpv_positive_outcomes']),
    );
  });

  it('fits 80 columns when piped, with every title in full and ids never cut', () => {
    const run = impact(['indicators', '--lang', 'en'], { cwd: ROOT });
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(80);
    const { indicators } = JSON.parse(impact(['indicators', '--json', '--lang', 'en'], { cwd: ROOT }).stdout) as {
      indicators: { id: string; title: string }[];
    };
    for (const { id, title } of indicators) {
      expect(run.stdout).toContain(`│ ${id} `);
      expect(run.stdout).toContain(title);
    }
    expect(run.stdout).toContain('People supported by mobility platforms');
  });
});

describe('-f/--format on every command that prints for people or for scripts', () => {
  it('takes -f json where --json is accepted, and refuses an unknown format with exit 2', () => {
    const cwd = join(ROOT, 'fixtures/example');
    const validate = impact(['validate', '-f', 'json'], { cwd });
    expect(() => JSON.parse(validate.stdout)).not.toThrow();
    const explain = impact(['explain', 'mobility.platforms_open', '--cell', 'period=2024', '-f', 'json'], { cwd });
    expect(JSON.parse(explain.stdout).indicator.id).toBe('mobility.platforms_open');
    expect(impact(['validate', '-f', 'yaml'], { cwd }).status).toBe(2);
  }, 60_000);
});
