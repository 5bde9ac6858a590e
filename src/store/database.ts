// The embedded SQLite store behind `impact import`: `.impact/store.db` in the workspace, created on first use.
//
// Schema version 3:
//   meta(key TEXT PRIMARY KEY, value TEXT)        schema_version = '3'
//   batches(batch INTEGER PRIMARY KEY AUTOINCREMENT, dataset, file, sha256, imported_at,
//           rows_read, inserted, updated, unchanged, rejected, held, undoable, undone)
//       the ledger: one entry per imported file (file as shown from the workspace folder), never reused;
//       held = updates held back because they would blank a value; undone = 1 once `store undo` put it back
//   rows_<dataset>(<the schema's columns, typed>, hash, batch, line) WITHOUT ROWID, keyed by the key columns
//       one per dataset (rows.ts): the typed row exactly as validated, its 53-bit hash, and the ledger entry
//       and file line that last wrote it. The key is the table's only index: it serves the upserts and the
//       key-ordered reads that make the store's content hash deterministic.
//   changes_<dataset>(batch, <the schema's columns>, hash, previous_batch, previous_line) WITHOUT ROWID
//       the rows each batch updated, as they were before it, so `impact store undo` restores them exactly;
//       the rows a batch inserted are those that still carry its batch once its updates are put back.
// Older stores are migrated in place on first open, in one transaction: version 1 (no held/undoable/undone,
// no ledger of changes; its batches stay but cannot be undone) to 2, and 2 (each row one canonical JSON
// text keyed by its key columns joined by U+001F, one `changes` entry per written row) to 3.
//
// Safety (NOTES.md): WAL, so readers (a report) never block an import and see the last committed state;
// busy_timeout 10 s between writers; one BEGIN IMMEDIATE transaction per file, so a file lands whole or not
// at all, kill -9 included; synchronous=NORMAL, which in WAL mode survives a process crash (a power cut may
// lose the last commits, never corrupt the file).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { DATASET_ORDER } from '../data/datasets.js';
import { type Lang, type MessageId, t } from '../messages.js';
import { migrateRowsFrom2 } from './migrate.js';
import { datasetTables } from './rows.js';

export { changesTable, rowsTable } from './rows.js';

export type StoreDatabase = Database.Database;

// Loaded on the first open: a report over a workspace without a store never pays for the native module.
let sqlite: typeof Database | undefined;
function sqliteModule(): typeof Database {
  sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  return sqlite;
}

export const STORE_SCHEMA_VERSION = 3;
/** Where the store lives, relative to the workspace folder, as messages show it. */
export const STORE_FILE = '.impact/store.db';
const BUSY_TIMEOUT_MS = 10_000;
/** How long an import waits for another one to finish before giving up. */
const LOCK_WAIT_MS = 30 * 60_000;

/** A problem with the store that the user must act on: one line, exit 2. */
/** A store the user can act on (locked, read-only, another version…): one line, exit 2, worded in the run's language. */
export class StoreError extends Error {
  constructor(readonly words: (lang: Lang) => string) {
    super(words('en'));
  }
}

export function storePath(root: string): string {
  return path.join(root, STORE_FILE);
}

/** Version 2's ledger of changes, created by the migration from 1 and converted by the one from 2. */
const CHANGES_TABLE_2 = `CREATE TABLE changes (
    batch INTEGER NOT NULL REFERENCES batches (batch),
    key TEXT NOT NULL,
    previous TEXT,
    previous_batch INTEGER,
    previous_line INTEGER,
    PRIMARY KEY (batch, key)
  ) WITHOUT ROWID`;

/** From version 1: the ledger learns held rows and undo; batches imported before cannot be undone. */
const MIGRATE_FROM_1 = [
  'ALTER TABLE batches ADD COLUMN held INTEGER NOT NULL DEFAULT 0',
  'ALTER TABLE batches ADD COLUMN undoable INTEGER NOT NULL DEFAULT 1',
  'ALTER TABLE batches ADD COLUMN undone INTEGER NOT NULL DEFAULT 0',
  'UPDATE batches SET undoable = 0',
  CHANGES_TABLE_2,
  "UPDATE meta SET value = '2' WHERE key = 'schema_version'",
];

const SCHEMA = [
  'CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
  `CREATE TABLE batches (
    batch INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset TEXT NOT NULL,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    rows_read INTEGER NOT NULL DEFAULT 0,
    inserted INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    held INTEGER NOT NULL DEFAULT 0,
    undoable INTEGER NOT NULL DEFAULT 1,
    undone INTEGER NOT NULL DEFAULT 0
  )`,
  'CREATE INDEX batches_by_content ON batches (dataset, sha256)',
  ...DATASET_ORDER.flatMap((dataset) => datasetTables(dataset)),
];

function isSqliteError(error: unknown, prefix: string): boolean {
  // No SQLite error can have been thrown before the module was loaded.
  return sqlite !== undefined && error instanceof sqlite.SqliteError && error.code.startsWith(prefix);
}

// SQLite faults the user can act on (permissions, a full disk, a folder in the way), by code prefix.
const STORE_FAULTS: [string, MessageId][] = [
  ['SQLITE_READONLY', 'store.readOnly'],
  ['SQLITE_CANTOPEN', 'store.cantOpen'],
  ['SQLITE_PERM', 'store.permission'],
  ['SQLITE_FULL', 'store.full'],
  ['SQLITE_IOERR', 'store.ioError'],
];

/** A SQLite error the user can act on, as one line naming the store; undefined for anything else. */
export function storeFault(error: unknown): StoreError | undefined {
  const fault = STORE_FAULTS.find(([prefix]) => isSqliteError(error, prefix));
  if (!fault) return undefined;
  const code = (error as { code: string }).code;
  return new StoreError((lang) => `${STORE_FILE} ${t(lang, fault[1])} (${code})`);
}

/** The store's schema version, or null for an empty file (just created, possibly by another process). */
function schemaVersion(db: StoreDatabase): number | null {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  if (tables.length === 0) return null;
  if (!tables.includes('meta')) throw new StoreError((lang) => t(lang, 'store.notAStore', { file: STORE_FILE }));
  const value = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get();
  return value === undefined ? null : Number(value);
}

function checkVersion(version: number): void {
  if (version === STORE_SCHEMA_VERSION) return;
  const advice = version > STORE_SCHEMA_VERSION ? 'store.newer' : 'store.older';
  throw new StoreError((lang) =>
    t(lang, 'store.version', { file: STORE_FILE, version, reads: STORE_SCHEMA_VERSION, advice: t(lang, advice) }),
  );
}

/**
 * Opens the workspace's store. Read-only: null when there is no store yet. For writing, the store is
 * created (folder, file, WAL, schema) on first use. A store of another schema version is refused.
 */
export function openStore(root: string, mode: 'read' | 'write'): StoreDatabase | null {
  const file = storePath(root);
  if (existsSync(file) && !statSync(file).isFile()) {
    throw new StoreError((lang) => t(lang, 'store.notAFile', { file: STORE_FILE }));
  }
  if (mode === 'read' && !existsSync(file)) return null;
  if (mode === 'write') mkdirSync(path.dirname(file), { recursive: true });
  let db: StoreDatabase | undefined;
  try {
    const Sqlite = sqliteModule();
    db = new Sqlite(file, { readonly: mode === 'read', fileMustExist: mode === 'read', timeout: BUSY_TIMEOUT_MS });
    if (mode === 'write') {
      setWal(db);
      db.pragma('synchronous = NORMAL');
      // A 1 M-row import grows the WAL by hundreds of MB; give that space back after the checkpoint.
      db.pragma('journal_size_limit = 67108864');
    }
    const version = schemaVersion(db);
    if (version === null) {
      if (mode === 'read') {
        db.close();
        return null;
      }
      createSchema(db);
    } else if (version === 1 || version === 2) {
      // Migrated by a writer; a reader opens the store for writing once to do it.
      if (mode === 'read') {
        db.close();
        openStore(root, 'write')?.close();
        return openStore(root, 'read');
      }
      migrate(db);
    } else {
      checkVersion(version);
    }
    return db;
  } catch (error) {
    db?.close();
    if (isSqliteError(error, 'SQLITE_NOTADB') || isSqliteError(error, 'SQLITE_CORRUPT')) {
      const reason = (error as Error).message;
      throw new StoreError((lang) => t(lang, 'store.notSqlite', { file: STORE_FILE, reason }));
    }
    throw storeFault(error) ?? error;
  }
}

/**
 * Switches the store to WAL. Two processes opening a new store at once can make SQLite answer this pragma
 * with SQLITE_BUSY at once, without waiting on busy_timeout (the switch needs the file to itself), so it
 * is tried again for a while; once the store is in WAL the pragma no longer needs that lock.
 */
function setWal(db: StoreDatabase): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isSqliteError(error, 'SQLITE_BUSY') || Date.now() >= deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

function migrate(db: StoreDatabase): void {
  beginImmediate(db);
  try {
    // Another process may have migrated it while this one waited for the lock.
    if (schemaVersion(db) === 1) for (const statement of MIGRATE_FROM_1) db.exec(statement);
    if (schemaVersion(db) === 2) migrateRowsFrom2(db);
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

function createSchema(db: StoreDatabase): void {
  beginImmediate(db);
  try {
    // Another process may have created it while this one waited for the lock.
    const version = schemaVersion(db);
    if (version === null) {
      for (const statement of SCHEMA) db.exec(statement);
      db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?)").run(String(STORE_SCHEMA_VERSION));
    } else {
      checkVersion(version);
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Takes the store's write lock (one writer at a time). Each attempt waits up to busy_timeout; a long import
 * by another process can hold it longer, so this keeps trying, telling `onWait` once, up to LOCK_WAIT_MS.
 */
export function beginImmediate(db: StoreDatabase, onWait?: () => void): void {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    try {
      db.exec('BEGIN IMMEDIATE');
      return;
    } catch (error) {
      if (!isSqliteError(error, 'SQLITE_BUSY')) throw error;
      if (Date.now() >= deadline) {
        throw new StoreError((lang) => t(lang, 'store.locked', { file: STORE_FILE, minutes: LOCK_WAIT_MS / 60_000 }));
      }
      if (!told) onWait?.();
      told = true;
    }
  }
}
