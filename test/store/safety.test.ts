// The store under stress: imports at the same time, an import killed with SIGKILL half-way, and a store of
// another schema version. Large files are generated (bench/beneficiaries.ts) into the temporary workspace.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBeneficiaries } from '../../bench/beneficiaries.js';
import { BIN, impact } from '../helpers/cli.js';
import { importJson, removeWorkspaces, storeCounts, storeWorkspace } from '../helpers/store.js';

afterAll(removeWorkspaces);

interface Child {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function startImport(root: string, file: string): Child {
  const child = spawn(process.execPath, [BIN, 'import', 'beneficiaries', file, '--json'], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    stdout,
    stderr,
  }));
  return { child, done };
}

/** True while another connection holds the store's write lock (an import inside its transaction). */
function writeLocked(db: Database.Database): boolean {
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw error;
  }
}

const storeFile = (root: string) => join(root, '.impact', 'store.db');

describe('concurrent imports', { timeout: 300_000 }, () => {
  it('two imports of different files started together into a new store both land', async () => {
    const root = storeWorkspace();
    await writeBeneficiaries(join(root, 'a.csv'), { rows: 20_000, first: 1 });
    await writeBeneficiaries(join(root, 'b.csv'), { rows: 20_000, first: 20_001 });
    const [a, b] = await Promise.all([startImport(root, 'a.csv').done, startImport(root, 'b.csv').done]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    for (const run of [a, b]) {
      expect(JSON.parse(run.stdout).files[0]).toMatchObject({ status: 'imported', read: 20_000, inserted: 20_000 });
    }
    const batches = [JSON.parse(a.stdout).files[0].batch, JSON.parse(b.stdout).files[0].batch].sort();
    expect(batches).toEqual([1, 2]);
    expect(storeCounts(root)).toMatchObject({ rows: { beneficiaries: 40_000 }, batches: 2 });
  });

  it('imports wait while another writer holds the store, then both land', async () => {
    const root = storeWorkspace();
    expect(importJson(root, 'beneficiaries', ['imports/beneficiaries-2025-01.csv']).status).toBe(0);
    await writeBeneficiaries(join(root, 'a.csv'), { rows: 5_000, first: 100 });
    await writeBeneficiaries(join(root, 'b.csv'), { rows: 5_000, first: 10_000 });
    const holder = new Database(storeFile(root));
    holder.exec('BEGIN IMMEDIATE');
    const a = startImport(root, 'a.csv');
    const b = startImport(root, 'b.csv');
    // Both are started and, once their own checks are done, queue on the lock (busy_timeout is 10 s).
    await sleep(3_000);
    expect(a.child.exitCode).toBe(null);
    expect(b.child.exitCode).toBe(null);
    holder.exec('COMMIT');
    holder.close();
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, rb.code], ra.stderr + rb.stderr).toEqual([0, 0]);
    expect(storeCounts(root)).toMatchObject({ rows: { beneficiaries: 10_003 }, batches: 3 });
  });
});

describe('an import killed half-way', { timeout: 300_000 }, () => {
  it('leaves the store exactly as before that file (kill -9 inside the transaction)', async () => {
    const root = storeWorkspace();
    expect(importJson(root, 'beneficiaries', ['imports/beneficiaries-2025-01.csv']).status).toBe(0);
    await writeBeneficiaries(join(root, 'big.csv'), { rows: 300_000, first: 1_000 });
    const before = storeCounts(root);
    expect(before).toMatchObject({ rows: { beneficiaries: 3 }, batches: 1 });

    const probe = new Database(storeFile(root), { timeout: 0 });
    const run = startImport(root, 'big.csv');
    // Killed once the import is inside its transaction (it holds the write lock) and pages of that
    // unfinished transaction have reached the write-ahead log: the hardest moment for a crash.
    const walBytes = () => statSync(`${storeFile(root)}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    const deadline = Date.now() + 120_000;
    while (!(walBytes() > 1_000_000 && writeLocked(probe))) {
      if (run.child.exitCode !== null) throw new Error(`the import ended before it was killed: ${run.child.exitCode}`);
      if (Date.now() > deadline) throw new Error('the import never started writing');
      await sleep(20);
    }
    run.child.kill('SIGKILL');
    const result = await run.done;
    expect(result.signal).toBe('SIGKILL');
    expect(result.stdout).toBe(''); // it never got to its summary
    probe.close();

    expect(storeCounts(root)).toEqual(before);
    const db = new Database(storeFile(root));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    // The store is not left locked, and the file was not recorded: importing it again is not a no-op.
    const again = importJson(root, 'beneficiaries', ['imports/beneficiaries-2025-02.csv']);
    expect(again.status).toBe(0);
    expect(again.summary.files[0]).toMatchObject({ status: 'imported', batch: 2 });
  });
});

describe('the store schema version', { timeout: 120_000 }, () => {
  it('is refused with one clear line and exit 2 when it is not the program’s', () => {
    const root = storeWorkspace();
    importJson(root, 'beneficiaries', ['imports/beneficiaries-2025-01.csv']);
    const db = new Database(storeFile(root));
    db.prepare("UPDATE meta SET value = '4' WHERE key = 'schema_version'").run();
    db.close();
    const expected =
      'impact: .impact/store.db has store schema version 4, this impactkit reads version 3: it was written by a newer impactkit: upgrade impactkit\n';
    for (const args of [
      ['import', 'beneficiaries', 'imports/beneficiaries-2025-02.csv'],
      ['store', 'status'],
      ['report', '-f', 'json'],
    ]) {
      const run = impact(args, { cwd: root });
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toBe(expected);
    }
  });

  it('a file that is not a SQLite database is refused with exit 2', () => {
    const root = storeWorkspace();
    importJson(root, 'beneficiaries', ['imports/beneficiaries-2025-01.csv']);
    writeFileSync(storeFile(root), 'not a database, just text that is long enough to be read as a header\n'.repeat(20));
    const run = impact(['store', 'status'], { cwd: root });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^impact: \.impact\/store\.db is not a readable SQLite database/);
  });
});
