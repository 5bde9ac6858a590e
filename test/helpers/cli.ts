// Runs the built CLI (bin/impact.js -> dist/, compiled by test/global-setup.ts) as a user would:
// a child process, colour off unless a test asks for it, exit code and both streams captured.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'impact.js');

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Added to the environment; NO_COLOR=1 unless given, FORCE_COLOR removed unless given. */
  env?: Record<string, string | undefined>;
}

function childEnv(extra: RunOptions['env'] = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

// spawnSync rather than execFileSync: it gives back stderr on exit 0 too, which the quiet-stderr checks need.
function run(file: string, args: string[], options: RunOptions): Run {
  const child = spawnSync(file, args, {
    cwd: options.cwd ?? ROOT,
    env: childEnv(options.env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // The example's JSON report on stdout is over a megabyte (spawnSync's default buffer).
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.error) throw child.error;
  return { status: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

export function impact(args: string[], options: RunOptions = {}): Run {
  return run(process.execPath, [BIN, ...args], options);
}

/** A bash script (for pipes), where `impact` stands for the built CLI. */
export function shell(script: string, options: RunOptions = {}): Run {
  return run('bash', ['-c', `impact() { "${process.execPath}" "${BIN}" "$@"; }\n${script}`], options);
}

/** A fresh temporary folder (real path, so paths printed by the CLI compare equal). */
export function tempDir(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/**
 * A copy of fixtures/<name> in a fresh temporary folder, so runs never write into the repo. A `.impact`
 * folder left in the fixture by a manual run is not part of it (git ignores it) and is not copied.
 */
export function copyFixture(name: string, into = tempDir(`impact-${name}-`)): string {
  cpSync(join(ROOT, 'fixtures', name), into, { recursive: true, filter: (source) => basename(source) !== '.impact' });
  return into;
}
