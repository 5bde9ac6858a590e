// Helpers of the store tests: a fresh copy of test/fixtures/store-workspace, `impact import --json`, and what
// the store holds, read with SQLite itself rather than through the code under test.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type DatasetName, SCHEMAS } from '../../src/data/datasets.js';
import { impact, ROOT, type Run, tempDir } from './cli.js';

export const STORE_FIXTURE = join(ROOT, 'test', 'fixtures', 'store-workspace');

const created: string[] = [];

/** A fresh copy of the fixture; removeWorkspaces() deletes them (large generated files live there). */
export function storeWorkspace(): string {
  const root = tempDir('impact-store-');
  cpSync(STORE_FIXTURE, root, { recursive: true });
  created.push(root);
  return root;
}

export function removeWorkspaces(): void {
  for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true });
}

export interface FileSummary {
  file: string;
  sha256: string;
  status: 'imported' | 'unchanged-file' | 'dry-run' | 'refused';
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  held: number;
  rejected: number;
  batch: number | null;
  rejects?: string;
  reason?: string;
}

export function importJson(
  root: string,
  dataset: string,
  files: string[],
  extra: string[] = [],
): Run & { summary: { dataset: string; files: FileSummary[] } } {
  const run = impact(['import', dataset, ...files, '--json', ...extra], { cwd: root });
  const summary = run.stdout ? JSON.parse(run.stdout) : { dataset, files: [] };
  return { ...run, summary };
}

export interface StoreCounts {
  rows: Record<string, number>;
  batches: number;
}

/** Row counts per dataset and ledger entries; null when there is no store file. */
export function storeCounts(root: string): StoreCounts | null {
  const file = join(root, '.impact', 'store.db');
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rows_%' ORDER BY name")
      .pluck()
      .all() as string[];
    const rows = Object.fromEntries(
      tables.map((t) => [t.slice(5), db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]),
    );
    const batches = db.prepare('SELECT count(*) FROM batches').pluck().get() as number;
    return { rows, batches };
  } finally {
    db.close();
  }
}

/** Every stored row of a dataset exactly as SQLite holds it (its typed columns, hash, batch, line), in key order. */
export function storeTable(root: string, dataset: DatasetName): Record<string, unknown>[] {
  const db = new Database(join(root, '.impact', 'store.db'), { readonly: true });
  try {
    return db.prepare(`SELECT * FROM rows_${dataset} ORDER BY ${SCHEMAS[dataset].key.join(', ')}`).all() as Record<
      string,
      unknown
    >[];
  } finally {
    db.close();
  }
}

/**
 * A stored row as the typed row it holds: dates are kept as day numbers since 1970-01-01 and booleans as 0/1,
 * absent values as NULL (and '' in a key column).
 */
export function typedRow(dataset: DatasetName, stored: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of SCHEMAS[dataset].columns) {
    const value = stored[column.name];
    if (value === null || value === '') continue;
    if (column.kind.type === 'date')
      row[column.name] = new Date((value as number) * 86_400_000).toISOString().slice(0, 10);
    else if (column.kind.type === 'boolean') row[column.name] = value === 1;
    else row[column.name] = value;
  }
  return row;
}

/** Every stored row of a dataset as { first key column: typed row }, and its batch and line. */
export function storedRows(
  root: string,
  dataset: DatasetName,
): Record<string, { row: unknown; batch: number; line: number }> {
  const key = SCHEMAS[dataset].key[0]!;
  return Object.fromEntries(
    storeTable(root, dataset).map((r) => [
      r[key] as string,
      { row: typedRow(dataset, r), batch: r.batch as number, line: r.line as number },
    ]),
  );
}

/** Every file's rows are accounted for: read = inserted + updated + unchanged + held + rejected. */
export function accounted(file: FileSummary): boolean {
  return file.read === file.inserted + file.updated + file.unchanged + file.held + file.rejected;
}
