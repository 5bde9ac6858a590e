// `impact store undo BATCH`: puts back what one import batch changed, from the ledger's previous values: rows
// it inserted are deleted, rows it updated get their previous content, batch and line again. Only a batch
// whose rows no later batch has changed can be undone (undo the later ones first), so the store comes back
// exactly as it was before the batch.
import type { DatasetName } from '../data/datasets.js';
import { beginImmediate, openStore, rowsTable, StoreError } from './database.js';

export interface UndoResult {
  batch: number;
  dataset: DatasetName;
  file: string;
  /** Rows the batch had inserted, now deleted. */
  deleted: number;
  /** Rows the batch had updated, now back to their previous values. */
  restored: number;
}

interface Change {
  key: string;
  previous: string | null;
  previous_batch: number | null;
  previous_line: number | null;
}

export function undoBatch(root: string, batch: number): UndoResult {
  const db = openStore(root, 'write')!;
  try {
    beginImmediate(db);
    try {
      const entry = db.prepare('SELECT dataset, file, undone, undoable FROM batches WHERE batch = ?').get(batch) as
        | { dataset: DatasetName; file: string; undone: number; undoable: number }
        | undefined;
      if (!entry) throw new StoreError(`there is no batch ${batch} in the store (impact store log lists them)`);
      if (entry.undone) throw new StoreError(`batch ${batch} (${entry.file}) is already undone`);
      if (!entry.undoable) {
        throw new StoreError(
          `batch ${batch} (${entry.file}) was imported before the ledger kept previous values: it cannot be undone`,
        );
      }
      const table = rowsTable(entry.dataset);
      const changes = db
        .prepare('SELECT key, previous, previous_batch, previous_line FROM changes WHERE batch = ? ORDER BY key')
        .all(batch) as Change[];
      const current = db.prepare(`SELECT batch FROM ${table} WHERE key = ?`).pluck();
      const later = new Set<number>();
      for (const change of changes) {
        const now = current.get(change.key) as number | undefined;
        if (now !== batch && now !== undefined) later.add(now);
      }
      if (later.size > 0) {
        const list = [...later].sort((a, b) => a - b).join(', ');
        throw new StoreError(
          `batch ${batch} cannot be undone: batch ${list} changed the same rows since; undo it first`,
        );
      }
      const remove = db.prepare(`DELETE FROM ${table} WHERE key = ? AND batch = ?`);
      const restore = db.prepare(`UPDATE ${table} SET row = ?, batch = ?, line = ? WHERE key = ? AND batch = ?`);
      let deleted = 0;
      let restored = 0;
      for (const change of changes) {
        if (change.previous === null) deleted += remove.run(change.key, batch).changes;
        else
          restored += restore.run(
            change.previous,
            change.previous_batch,
            change.previous_line,
            change.key,
            batch,
          ).changes;
      }
      db.prepare('UPDATE batches SET undone = 1 WHERE batch = ?').run(batch);
      db.exec('COMMIT');
      return { batch, dataset: entry.dataset, file: entry.file, deleted, restored };
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
    }
  } finally {
    db.close();
  }
}
