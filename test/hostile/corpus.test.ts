// The hostile-input corpus (fixtures/hostile/manifest.yaml): each case is a small workspace made hostile
// by its setup steps, one command, and the exit code and message fragments that must come out. Every
// case also checks that nothing outside the workspace changed and that no run ended as "internal error".
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';

type Step =
  | { write: { path: string; text: string } }
  | { symlink: { path: string; to: string } }
  | { mkdir: string }
  | { remove: string }
  | { replace: { path: string; from: string; to: string } }
  | { readonly: string }
  | { impact: string[] }
  | { sql: { statement: string } }
  | { utf16: { path: string; text: string } };

interface HostileCase {
  id: string;
  why: string;
  setup?: Step[];
  run: string[];
  env?: Record<string, string>;
  exit: number;
  stderr?: string[];
  stdout?: string[];
  never?: string[];
  unchanged?: string[];
  absent?: string[];
  present?: string[];
  contains?: Record<string, string[]>;
  decoy?: 'changed';
}

const FOLDER = join(ROOT, 'fixtures', 'hostile');
const HOSTILE_CASES = (parse(readFileSync(join(FOLDER, 'manifest.yaml'), 'utf8')) as { cases: HostileCase[] }).cases;
const DECOY = 'decoy\n';
// Permissions do not stop root: read-only cases run their command as `nobody` then.
const UNPRIVILEGED = 65534;
const asRoot = process.getuid?.() === 0;

interface Places {
  ws: string;
  outside: string;
}

const expand = (text: string, places: Places): string =>
  text.replaceAll('$OUTSIDE', places.outside).replaceAll('$WS', places.ws);
const at = (places: Places, file: string): string => {
  const expanded = expand(file, places);
  return expanded.startsWith('/') ? expanded : join(places.ws, expanded);
};

function impactIn(places: Places, args: string[], env: Record<string, string> = {}, unprivileged = false) {
  const child = spawnSync(process.execPath, [BIN, ...args.map((a) => expand(a, places))], {
    cwd: places.ws,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(unprivileged && asRoot ? { uid: UNPRIVILEGED, gid: UNPRIVILEGED } : {}),
  });
  if (child.error) throw child.error;
  return { status: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

/** Everything under a folder, made writable by anyone: the unprivileged user must be able to work there. */
function openUp(folder: string): void {
  chmodSync(folder, 0o777);
  for (const name of readdirSync(folder)) {
    const file = join(folder, name);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) openUp(file);
    else if (stat) chmodSync(file, 0o666);
  }
}

function prepare(c: HostileCase): { places: Places; unprivileged: boolean } {
  const parent = tempDir('impact-hostile-');
  const places = { ws: join(parent, 'ws'), outside: join(parent, 'outside') };
  cpSync(join(FOLDER, 'base'), places.ws, { recursive: true });
  mkdirSync(places.outside);
  writeFileSync(join(places.outside, 'decoy.txt'), DECOY);
  const readonly: string[] = [];
  for (const step of c.setup ?? []) {
    if ('write' in step) {
      const file = at(places, step.write.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, expand(step.write.text, places));
    } else if ('symlink' in step) {
      const file = at(places, step.symlink.path);
      mkdirSync(dirname(file), { recursive: true });
      symlinkSync(expand(step.symlink.to, places), file);
    } else if ('mkdir' in step) mkdirSync(at(places, step.mkdir), { recursive: true });
    else if ('remove' in step) rmSync(at(places, step.remove), { recursive: true });
    else if ('replace' in step) {
      const file = at(places, step.replace.path);
      const text = readFileSync(file, 'utf8');
      expect(text, `${c.id}: setup replace`).toContain(step.replace.from);
      writeFileSync(file, text.replace(step.replace.from, expand(step.replace.to, places)));
    } else if ('impact' in step) {
      const run = impactIn(places, step.impact);
      expect(run.status, `${c.id}: setup impact ${step.impact.join(' ')}\n${run.stderr}`).toBe(0);
    } else if ('utf16' in step) {
      writeFileSync(at(places, step.utf16.path), Buffer.from(step.utf16.text, 'utf16le'));
    } else if ('sql' in step) {
      const db = new Database(join(places.ws, '.impact', 'store.db'));
      db.exec(step.sql.statement);
      db.close();
    } else readonly.push(at(places, step.readonly));
  }
  if (readonly.length > 0) {
    chmodSync(dirname(places.ws), 0o777);
    openUp(places.ws);
    for (const file of readonly) chmodSync(file, statSync(file).isDirectory() ? 0o555 : 0o444);
  }
  return { places, unprivileged: readonly.length > 0 };
}

function snapshot(places: Places, files: readonly string[]): Map<string, string> {
  return new Map(files.map((f) => [f, readFileSync(at(places, f)).toString('base64')]));
}

describe('the hostile-input corpus (fixtures/hostile/manifest.yaml)', () => {
  it('holds cases with unique ids, each saying why it is there', () => {
    const ids = HOSTILE_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of HOSTILE_CASES) expect(c.why, c.id).not.toBe('');
  });

  for (const c of HOSTILE_CASES) {
    it(`${c.id}: exit ${c.exit} (${c.why})`, () => {
      const { places, unprivileged } = prepare(c);
      const before = snapshot(places, c.unchanged ?? []);
      const run = impactIn(places, c.run, c.env, unprivileged);
      const shown = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
      expect(run.status, shown).toBe(c.exit);
      expect(run.stderr, shown).not.toContain('internal error');
      for (const fragment of c.stderr ?? []) expect(run.stderr, shown).toContain(expand(fragment, places));
      for (const fragment of c.stdout ?? []) expect(run.stdout, shown).toContain(expand(fragment, places));
      for (const fragment of c.never ?? []) expect(run.stdout + run.stderr, shown).not.toContain(fragment);
      expect(snapshot(places, c.unchanged ?? []), 'inputs unchanged').toEqual(before);
      for (const file of c.absent ?? []) expect(existsSync(at(places, file)), `${file} absent`).toBe(false);
      for (const file of c.present ?? []) expect(existsSync(at(places, file)), `${file} present`).toBe(true);
      for (const [file, fragments] of Object.entries(c.contains ?? {})) {
        const text = readFileSync(at(places, file), 'utf8');
        for (const fragment of fragments) expect(text, file).toContain(fragment);
      }
      if (c.decoy !== 'changed') expect(readFileSync(join(places.outside, 'decoy.txt'), 'utf8')).toBe(DECOY);
    });
  }
});
