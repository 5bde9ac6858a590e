// Broken plug-ins and selections of nothing fail the gates (issue 10): validate, report --check and
// report --strict exit 1, and the failed indicator's error row stays in every format.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { copyFixture, impact } from '../helpers/cli.js';

const BROKEN = `id: guide.femmes
kind: unique
title: { en: Women, fr: Femmes }
description: { en: Women, fr: Femmes }
unit: { en: people, fr: personnes }
dataset: beneficiaries
date: exit_date
distinct: beneficiary_id
filter:
  - { column: gendr, op: eq, value: f }
`;
const LOCATED = 'indicators/femmes.yaml:10:15  filter.0.column  unknown column "gendr", did you mean "gender"?';

describe('a workspace with one broken plug-in', () => {
  const ws = copyFixture('plugin-guide');
  writeFileSync(join(ws, 'indicators/femmes.yaml'), BROKEN);

  it('fails validate, which lists it', () => {
    const run = impact(['validate'], { cwd: ws });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`✖ ${LOCATED}`);
    expect(run.stdout).toContain('✖ 1 indicator definition(s) failed');
    const json = JSON.parse(impact(['validate', '--json'], { cwd: ws }).stdout);
    expect(json.valid).toBe(false);
    expect(json.indicators.failures).toEqual([
      { origin: 'indicators/femmes.yaml', id: 'guide.femmes', problems: [LOCATED] },
    ]);
  });

  it('fails report --check and report --strict, and not a plain report', () => {
    for (const flag of ['--check', '--strict']) {
      const run = impact(['report', flag, '-f', 'json'], { cwd: ws });
      expect(run.status, flag).toBe(1);
      expect(run.stderr).toContain(`✖ ${LOCATED}`);
    }
    expect(impact(['report', '-f', 'json'], { cwd: ws }).status).toBe(0);
  });

  it('keeps its error row in every format', () => {
    const json = JSON.parse(impact(['report', '-f', 'json'], { cwd: ws }).stdout) as Report;
    expect(json.values.find((v) => v.indicator === 'guide.femmes')?.error).toBe(LOCATED);
    for (const format of ['csv', 'md', 'html', 'table']) {
      const out = impact(['report', '-f', format], { cwd: ws }).stdout;
      expect(out, format).toContain('guide.femmes');
      expect(out, format).toContain('unknown column');
    }
  });
});

describe('typos in selections', () => {
  it('--indicators matching nothing: exit 2 with "did you mean"', () => {
    const ws = copyFixture('plugin-guide');
    const run = impact(['report', '-f', 'json', '--indicators', 'mobilty.*'], { cwd: ws });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('✖ --indicators  "mobilty.*" matches no indicator, did you mean "mobility.*"?');
  });

  it('a target on an unknown indicator or territory, found by validate and report --check', () => {
    const ws = copyFixture('plugin-guide');
    const config = join(ws, 'impact.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        'targets: []',
        'targets:\n  - { indicator: finance.invsted, op: ">=", value: 1 }\n  - { indicator: finance.invested, territory: dep:999, op: ">=", value: 1 }',
      ),
    );
    const validate = impact(['validate'], { cwd: ws });
    expect(validate.status).toBe(1);
    // The targets are lines 25 and 26 of impact.yaml.
    expect(validate.stdout).toContain(
      '✖ impact.yaml:25  target on unknown indicator "finance.invsted", did you mean "finance.invested"?',
    );
    expect(validate.stdout).toMatch(/✖ impact\.yaml:26 {2}target territory "dep:999": /);
    const report = impact(['report', '--check', '-f', 'json'], { cwd: ws });
    expect(report.status).toBe(1);
    expect(report.stderr).toContain('did you mean "finance.invested"?');
  });

  it('a plug-in glob that matches no file, with the glob that would', () => {
    const ws = copyFixture('plugin-guide');
    const config = join(ws, 'impact.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('indicators/*.yaml]', 'indicator/*.yaml]'));
    const validate = impact(['validate'], { cwd: ws });
    expect(validate.status).toBe(1);
    expect(validate.stdout).toContain(
      '✖ plugins  "indicator/*.yaml" matches no file, did you mean "indicators/*.yaml"?',
    );
  });

  it('a French workspace gets them in French', () => {
    const ws = copyFixture('plugin-guide');
    const run = impact(['report', '-f', 'json', '--lang', 'fr', '--indicators', 'mobilty.*'], { cwd: ws });
    expect(run.stderr).toContain('« mobilty.* » ne désigne aucun indicateur, vouliez-vous dire « mobility.* »\u00a0?');
  });
});
