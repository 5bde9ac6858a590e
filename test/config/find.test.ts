import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, findConfig, loadConfig } from '../../src/config/index.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'impact-config-')));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const ws = join(base, 'ws');
const nested = join(ws, 'data', 'deep', 'er');
mkdirSync(nested, { recursive: true });
writeFileSync(join(ws, 'impact.yaml'), 'version: 1\nname: Walk\nrange: { from: 2024-01-01, to: 2024-12-31 }\n');

function thrown(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('findConfig', () => {
  it('walks up from a nested folder to the workspace', () => {
    expect(findConfig(nested)).toBe(join(ws, 'impact.yaml'));
    expect(findConfig(ws)).toBe(join(ws, 'impact.yaml'));
  });

  it('resolves an explicit path against cwd', () => {
    expect(findConfig(nested, '../../../impact.yaml')).toBe(join(ws, 'impact.yaml'));
  });

  it('refuses a missing explicit path without searching', () => {
    const e = thrown(() => findConfig(nested, 'other.yaml'));
    expect(e.file).toBe(join(nested, 'other.yaml'));
    expect(e.issues).toEqual([
      { line: 0, col: 0, path: '', message: 'config file not found', expected: expect.any(String) },
    ]);
  });

  it('says so when no folder above has an impact.yaml', () => {
    const lonely = join(base, 'lonely');
    mkdirSync(lonely);
    const e = thrown(() => findConfig(lonely));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]?.line).toBe(0);
    expect(e.issues[0]?.message).toContain('no impact.yaml');
  });
});

describe('loadConfig', () => {
  it('loads the file with its workspace root', () => {
    const c = loadConfig(join(ws, 'impact.yaml'));
    expect(c.name).toBe('Walk');
    expect(c.root).toBe(ws);
  });

  it('turns an unreadable file into a single issue', () => {
    const e = thrown(() => loadConfig(join(base, 'missing.yaml')));
    expect(e.issues).toEqual([{ line: 0, col: 0, path: '', message: 'cannot read the config (ENOENT)' }]);
  });
});
