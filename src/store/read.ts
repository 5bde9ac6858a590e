// Reading the store: a dataset's imported rows for `store: true` datasets, the ledger for `impact store
// status`, and the rows in key order for `impact store export`. Each read is one snapshot (WAL), so an
// import committing meanwhile is seen whole or not at all.
import { createHash } from 'node:crypto';
import { DATASET_ORDER, type DatasetName, type RowOf, type Sourced } from '../data/datasets.js';
import type { TypedRowSource } from '../data/load.js';
import { openStore, rowsTable, STORE_FILE, STORE_SCHEMA_VERSION, type StoreDatabase } from './database.js';
import { columnNames, keyNames, type RowLayout, rowFromValues, rowLayout, type SqlValue } from './rows.js';

/** How the store's rows of a dataset are named in the report's inputs. */
export function storeLabel(dataset: DatasetName): string {
  return `${STORE_FILE}#${dataset}`;
}

/** A dataset's stored rows, their columns then hash, batch and line, in key order. */
function keyOrdered(layout: RowLayout): string {
  return `SELECT ${columnNames(layout)}, hash, batch, line FROM ${rowsTable(layout.dataset)} ORDER BY ${keyNames(layout)}`;
}

/** Runs `read` in one read transaction, so several statements see the same committed state. */
function* snapshot<T>(db: StoreDatabase, read: () => Generator<T>): Generator<T> {
  db.exec('BEGIN');
  try {
    yield* read();
  } finally {
    db.exec('COMMIT');
  }
}

/**
 * The dataset's imported rows in key order, each with its source: the file as imported, its line and the
 * batch. The hash covers the rows' canonical JSON texts in key order, one per line, so the same content
 * gives the same hash whichever batches brought it (and whichever store schema holds it).
 * No store yet: no rows.
 */
export function storedRows<D extends DatasetName>(root: string, dataset: D): TypedRowSource<D> {
  const hash = createHash('sha256');
  let digest: string | undefined;
  function* rows(): Generator<Sourced<RowOf[D]>> {
    const db = openStore(root, 'read');
    if (!db) return;
    try {
      yield* snapshot(db, function* () {
        const files = new Map(
          db
            .prepare('SELECT batch, file FROM batches WHERE dataset = ?')
            .raw()
            .all(dataset)
            .map((r) => r as [number, string]),
        );
        const layout = rowLayout(dataset);
        const count = layout.columns.length;
        for (const record of db.prepare(keyOrdered(layout)).raw().iterate()) {
          const values = record as SqlValue[];
          const row = rowFromValues(layout, values);
          hash.update(`${JSON.stringify(row)}\n`);
          const batch = values[count + 1] as number;
          const line = values[count + 2] as number;
          yield { ...(row as unknown as RowOf[D]), source: { file: files.get(batch) ?? '', line, batch } };
        }
      });
    } finally {
      db.close();
    }
  }
  return { label: storeLabel(dataset), rows: rows(), sha256: () => (digest ??= hash.digest('hex')) };
}

export interface BatchRecord {
  batch: number;
  dataset: DatasetName;
  file: string;
  sha256: string;
  imported_at: string;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  held: number;
  rejected: number;
  /** Whether `impact store undo` can put it back (false for batches imported before the ledger kept previous values). */
  undoable: boolean;
  undone: boolean;
}

export interface StoreStatus {
  file: string;
  schema_version: number;
  datasets: { dataset: DatasetName; rows: number; batches: number }[];
  /** The ledger, oldest first. */
  batches: BatchRecord[];
}

/** What the store holds; null when there is no store yet. */
export function readStoreStatus(root: string): StoreStatus | null {
  const db = openStore(root, 'read');
  if (!db) return null;
  try {
    const [status] = snapshot(db, function* () {
      const batches = db
        .prepare(
          `SELECT batch, dataset, file, sha256, imported_at, rows_read AS read, inserted, updated, unchanged, held,
                  rejected, undoable, undone
           FROM batches ORDER BY batch`,
        )
        .all()
        .map((b) => {
          const row = b as Omit<BatchRecord, 'undoable' | 'undone'> & { undoable: number; undone: number };
          return { ...row, undoable: row.undoable === 1, undone: row.undone === 1 };
        });
      const datasets = DATASET_ORDER.map((dataset) => ({
        dataset,
        rows: db
          .prepare(`SELECT count(*) FROM ${rowsTable(dataset)}`)
          .pluck()
          .get() as number,
        batches: batches.filter((b) => b.dataset === dataset).length,
      }));
      yield { file: STORE_FILE, schema_version: STORE_SCHEMA_VERSION, datasets, batches };
    });
    return status ?? null;
  } finally {
    db.close();
  }
}

/** The dataset's rows in key order (typed, without their source), for `impact store export`. */
export function* exportedRows(root: string, dataset: DatasetName): Generator<Record<string, unknown>> {
  const db = openStore(root, 'read');
  if (!db) return;
  try {
    yield* snapshot(db, function* () {
      const layout = rowLayout(dataset);
      for (const values of db.prepare(keyOrdered(layout)).raw().iterate()) {
        yield rowFromValues(layout, values as SqlValue[]);
      }
    });
  } finally {
    db.close();
  }
}
