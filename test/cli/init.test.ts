// `impact init` run as a child process: what it makes must validate as it is.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { impact, ROOT, tempDir } from '../helpers/cli.js';

const base = tempDir('impact-init-');
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('impact init', () => {
  it('makes a commented starter workspace that validates', () => {
    const run = impact(['init', 'starter'], { cwd: base });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('✔ Created workspace: starter\nNext: cd starter && impact validate\n');
    for (const folder of ['data', 'indicators', 'reports'])
      expect(existsSync(join(base, 'starter', folder))).toBe(true);
    const validate = impact(['validate'], { cwd: join(base, 'starter') });
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toContain('✔ valid: 1 row = 1 used + 0 rejected');
    expect(validate.status).toBe(0);
  });

  it('refuses a folder that already holds an impact.yaml', () => {
    const dir = join(base, 'taken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'impact.yaml'), 'version: 1\n');
    const run = impact(['init', 'taken'], { cwd: base });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('impact: taken/impact.yaml already exists; choose an empty folder\n');
  });

  it('--example copies the reference scenario, which validates', () => {
    const run = impact(['init', 'example', '--example'], { cwd: base });
    expect(run.status).toBe(0);
    expect(existsSync(join(base, 'example', 'data', 'beneficiaries'))).toBe(true);
    expect(existsSync(join(base, 'example', '.impact'))).toBe(false);
    const validate = impact(['validate', '--json'], { cwd: join(base, 'example') });
    expect(validate.status).toBe(0);
    const report = JSON.parse(validate.stdout);
    expect(report.valid).toBe(true);
    expect(report.quality).toMatchObject({ rejected: 0, errors: 0 });
  });

  it('points impact.yaml and YAML plug-ins at the shipped JSON Schemas, for editors', () => {
    for (const [file, schema] of [
      ['starter/impact.yaml', 'impact.schema.json'],
      ['example/impact.yaml', 'impact.schema.json'],
      ['example/indicators/qpv_positive_outcomes.yaml', 'indicator.schema.json'],
    ] as const) {
      const first = readFileSync(join(base, file), 'utf8').split('\n')[0]!;
      const match = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
      expect(match, file).not.toBeNull();
      // Relative to the file, and onto the package's own schema.
      expect(resolve(dirname(join(base, file)), match![1]!)).toBe(join(ROOT, 'schemas', schema));
    }
  });

  it('--example refuses a folder that is not empty, with exit 2', () => {
    const dir = join(base, 'busy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const run = impact(['init', 'busy', '--example'], { cwd: base });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('impact: busy is not empty; --example needs an empty or new folder\n');
    expect(existsSync(join(dir, 'impact.yaml'))).toBe(false);
  });
});
