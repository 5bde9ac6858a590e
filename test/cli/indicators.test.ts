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
});
