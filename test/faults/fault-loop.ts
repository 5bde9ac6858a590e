// The fault loop: imports and report writes killed with SIGKILL at random points, then the store and
// the previous report are checked. A store must pass `PRAGMA integrity_check` and hold each imported
// file whole or not at all (its ledger entry with it); the report in reports/ must be the previous one
// or a complete new one, with no temp file beside it. Used in short form by fault-loop.test.ts (npm
// test) and in full by `npm run test:faults` (run.ts), which prints the figures the README quotes.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';

export interface FaultLoopResult {
  killsInjected: number;
  importsKilled: number;
  reportsKilled: number;
  /** Kills that landed before the process ended (the others found it already done). */
  killedMidway: number;
  inconsistentStores: number;
  damagedPreviousReports: number;
  rowsLost: number;
  problems: string[];
}

/** A small seeded generator (mulberry32), so a failing loop can be replayed with its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const env = { ...process.env, NO_COLOR: '1' };

function impactSync(ws: string, args: string[]): { status: number; stderr: string } {
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd: ws, env, encoding: 'utf8' });
  return { status: child.status ?? -1, stderr: child.stderr };
}

/** Runs impact and kills it with SIGKILL after `delayMs`; true when the kill landed before it ended. */
function impactKilled(ws: string, args: string[], delayMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ws, env, stdio: 'ignore' });
    let ended = false;
    const timer = setTimeout(() => {
      if (!ended) child.kill('SIGKILL');
    }, delayMs);
    child.on('exit', (_code, signal) => {
      ended = true;
      clearTimeout(timer);
      resolve(signal === 'SIGKILL');
    });
  });
}

function beneficiaryFile(batch: number, rows: number): string {
  const lines = ['beneficiary_id,site_id,entry_date,gender'];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(`K${batch}-${i},S1,2024-03-${day},${i % 2 === 0 ? 'f' : 'm'}`);
  }
  return `${lines.join('\n')}\n`;
}

interface StoreState {
  rows: number;
  batches: Map<string, number>;
}

/** The store's rows and ledger, or a problem: damaged, or a ledger that disagrees with the rows. */
function storeState(ws: string): StoreState | string {
  const file = join(ws, '.impact', 'store.db');
  if (!existsSync(file)) return { rows: 0, batches: new Map() };
  const db = new Database(file, { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return `integrity_check: ${String(integrity)}`;
    const rows = db.prepare('SELECT count(*) FROM rows_beneficiaries').pluck().get() as number;
    const ledger = db.prepare('SELECT file, inserted FROM batches').raw().all() as [string, number][];
    const inserted = ledger.reduce((n, [, count]) => n + count, 0);
    if (inserted !== rows) return `the ledger says ${inserted} rows were inserted, the store holds ${rows}`;
    return { rows, batches: new Map(ledger) };
  } finally {
    db.close();
  }
}

export async function runFaultLoop(options: {
  kills: number;
  seed: number;
  rowsPerImport?: number;
}): Promise<FaultLoopResult> {
  const next = random(options.seed);
  const rowsPerImport = options.rowsPerImport ?? 20_000;
  const ws = join(tempDir('impact-faults-'), 'ws');
  cpSync(join(ROOT, 'fixtures', 'hostile', 'base'), ws, { recursive: true });
  mkdirSync(join(ws, 'imports'));
  const result: FaultLoopResult = {
    killsInjected: 0,
    importsKilled: 0,
    reportsKilled: 0,
    killedMidway: 0,
    inconsistentStores: 0,
    damagedPreviousReports: 0,
    rowsLost: 0,
    problems: [],
  };

  // A complete report to keep: what a killed report write must leave untouched or replace whole.
  const first = impactSync(ws, ['report', '-f', 'json,html', '-o', 'reports/']);
  if (first.status !== 0) throw new Error(`the first report failed: ${first.stderr}`);
  // How long an import and a report take here, so kills land anywhere from start-up to the end.
  writeFileSync(join(ws, 'imports', 'timing.csv'), beneficiaryFile(0, rowsPerImport));
  let started = Date.now();
  const timing = impactSync(ws, ['import', 'beneficiaries', 'imports/timing.csv']);
  if (timing.status !== 0) throw new Error(`the timing import failed: ${timing.stderr}`);
  const importMs = Date.now() - started;
  started = Date.now();
  impactSync(ws, ['report', '-f', 'json,html', '-o', 'reports/']);
  const reportMs = Date.now() - started;

  const committed = new Map<string, number>([['imports/timing.csv', rowsPerImport]]);
  for (let kill = 1; kill <= options.kills; kill++) {
    const killImport = next() < 0.5;
    const before = storeState(ws);
    const previous = new Map(
      readdirSync(join(ws, 'reports')).map((name) => [name, readFileSync(join(ws, 'reports', name), 'utf8')]),
    );
    let midway: boolean;
    if (killImport) {
      const file = `imports/batch-${kill}.csv`;
      writeFileSync(join(ws, file), beneficiaryFile(kill, rowsPerImport));
      midway = await impactKilled(ws, ['import', 'beneficiaries', file], Math.floor(next() * importMs));
      result.importsKilled++;
      const after = storeState(ws);
      if (typeof after === 'string' || typeof before === 'string') {
        result.inconsistentStores++;
        result.problems.push(`kill ${kill} (import): ${typeof after === 'string' ? after : before}`);
      } else {
        const landed = after.batches.has(file);
        const expected = before.rows + (landed ? rowsPerImport : 0);
        if (after.rows !== expected) {
          result.inconsistentStores++;
          result.problems.push(`kill ${kill} (import): ${after.rows} rows, expected ${expected}`);
        }
        if (landed) committed.set(file, rowsPerImport);
      }
    } else {
      midway = await impactKilled(ws, ['report', '-f', 'json,html', '-o', 'reports/'], Math.floor(next() * reportMs));
      result.reportsKilled++;
      const names = readdirSync(join(ws, 'reports')).sort();
      if (names.join(',') !== 'report.html,report.json') {
        result.damagedPreviousReports++;
        result.problems.push(`kill ${kill} (report): reports/ holds ${names.join(', ')}`);
      }
      for (const name of names) {
        const text = readFileSync(join(ws, 'reports', name), 'utf8');
        const whole = name.endsWith('.json') ? isJson(text) : text.trimEnd().endsWith('</html>');
        if (text !== previous.get(name) && !whole) {
          result.damagedPreviousReports++;
          result.problems.push(`kill ${kill} (report): reports/${name} is neither the previous report nor a whole one`);
        }
      }
    }
    result.killsInjected++;
    if (midway) result.killedMidway++;
  }

  // Nothing lost: every file the ledger committed is in the store whole, and a clean run counts every row.
  const finalState = storeState(ws);
  if (typeof finalState === 'string') {
    result.inconsistentStores++;
    result.problems.push(`at the end: ${finalState}`);
  } else {
    for (const [file, rows] of committed) {
      if (finalState.batches.get(file) !== rows) {
        result.rowsLost += rows;
        result.problems.push(`at the end: ${file} is not in the store whole`);
      }
    }
  }
  const validate = spawnSync(process.execPath, [BIN, 'validate', '--json'], { cwd: ws, env, encoding: 'utf8' });
  const quality = (JSON.parse(validate.stdout) as { quality: { rows: number; used: number; rejected: number } })
    .quality;
  result.rowsLost += quality.rows - quality.used - quality.rejected;
  const storedExpected = [...committed.values()].reduce((n, r) => n + r, 0);
  const stored = typeof finalState === 'string' ? 0 : finalState.rows;
  if (stored !== storedExpected) result.rowsLost += Math.abs(storedExpected - stored);
  return result;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
