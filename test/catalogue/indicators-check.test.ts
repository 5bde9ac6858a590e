// `impact indicators --check` (issue 10): every definition run on an empty and on the example-shaped
// dataset, with the fields it reads, and the definitions that can never be non-zero flagged.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, impact } from '../helpers/cli.js';

interface Probe {
  id: string;
  reads: Record<string, string[]>;
  empty: { value: number | null; error?: string };
  example: { value: number | null; error?: string };
  neverNonZero: string[];
}

const NEVER = `id: guide.impossible
kind: unique
title: { en: Impossible, fr: Impossible }
description: { en: Impossible, fr: Impossible }
unit: { en: people, fr: personnes }
dataset: beneficiaries
date: entry_date
distinct: beneficiary_id
filter:
  - { column: gender, op: eq, value: f }
  - { column: gender, op: eq, value: m }
  - { column: age, op: gt, value: 130 }
`;

describe('impact indicators --check', () => {
  it('runs every definition on both datasets and says what each reads', () => {
    const ws = copyFixture('plugin-guide');
    const run = impact(['indicators', '--check', '--json'], { cwd: ws });
    expect(run.status).toBe(0);
    const { ok, indicators } = JSON.parse(run.stdout) as { ok: boolean; indicators: Probe[] };
    expect(ok).toBe(true);
    const women = indicators.find((p) => p.id === 'guide.women_lifted_out_of_precarity')!;
    // Read by its filter, its date and its distinct key, the site's kind through ctx.site().
    expect(women.reads).toEqual({
      beneficiaries: ['beneficiary_id', 'exit_date', 'exit_level', 'gender', 'intake_level', 'site.kind', 'site_id'],
    });
    expect(women.empty).toEqual({ value: 0 });
    expect(women.example.value).toBeGreaterThan(0);
    // A ratio reads what its numerator and denominator read.
    const rate = indicators.find((p) => p.id === 'mobility.lift_rate')!;
    expect(rate.reads.beneficiaries).toContain('exit_level');
    expect(rate.empty).toEqual({ value: null });
  });

  it('flags a definition whose filter can never hold, and exits 1', () => {
    const ws = copyFixture('plugin-guide');
    writeFileSync(join(ws, 'indicators/impossible.yaml'), NEVER);
    const run = impact(['indicators', '--check'], { cwd: ws });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      '⚠ guide.impossible  can never be non-zero: indicators/impossible.yaml:11:38  filter.1.value  gender cannot equal both f (condition 0) and m: no row can match',
    );
    expect(run.stdout).toContain("filter.2.value  gt 130 is outside age's range 0–120: no row can match");
    const json = JSON.parse(impact(['indicators', '--check', '--json'], { cwd: ws }).stdout) as { indicators: Probe[] };
    expect(json.indicators.find((p) => p.id === 'guide.impossible')?.example).toEqual({ value: 0 });
  });

  it('reports a definition that throws on the example-shaped data', () => {
    const ws = copyFixture('plugin-guide');
    writeFileSync(
      join(ws, 'indicators/throws.ts'),
      `import { defineIndicator } from 'impactkit';
export default defineIndicator({
  id: 'guide.throws', kind: 'flow', dataset: 'sites', date: 'opened_on',
  title: { en: 'T', fr: 'T' }, description: { en: 'T', fr: 'T' }, unit: { en: 't', fr: 't' },
  filter: (row) => row.closed_on!.length > 0,
});
`,
    );
    const run = impact(['indicators', '--check', '--json'], { cwd: ws });
    expect(run.status).toBe(1);
    const probe = (JSON.parse(run.stdout) as { indicators: Probe[] }).indicators.find((p) => p.id === 'guide.throws')!;
    expect(probe.empty).toEqual({ value: 0 }); // no row, nothing to throw on
    expect(probe.example.error).toContain('indicators/throws.ts');
  });
});
