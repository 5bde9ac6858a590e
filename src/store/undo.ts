// `impact store undo BATCH`: puts back what one import batch changed, from the ledger's previous values: rows
// it updated get their previous content, batch and line again, then the rows it inserted (those still
// carrying its batch) are deleted. Only a batch whose rows no later batch has changed can be undone (undo the
// later ones first), so the store comes back exactly as it was before the batch.
import type { DatasetName } from '../data/datasets.js';
import { t } from '../messages.js';
import { beginImmediate, openStore, StoreError } from './database.js';
import { changesTable, columnNames, rowLayout, rowsTable } from './rows.js';

export interface UndoResult {
  batch: number;
  dataset: DatasetName;
  file: string;
  /** Rows the batch had inserted, now deleted. */
  deleted: number;
  /** Rows the batch had updated, now back to their previous values. */
  restored: number;
}

export function undoBatch(root: string, batch: number): UndoResult {
  const db = openStore(root, 'write')!;
  try {
    beginImmediate(db);
    try {
      const entry = db.prepare('SELECT dataset, file, undone, undoable FROM batches WHERE batch = ?').get(batch) as
        | { dataset: DatasetName; file: string; undone: number; undoable: number }
        | undefined;
      if (!entry) throw new StoreError((lang) => t(lang, 'store.noBatch', { batch }));
      const { file } = entry;
      if (entry.undone) throw new StoreError((lang) => t(lang, 'store.alreadyUndone', { batch, file }));
      if (!entry.undoable) throw new StoreError((lang) => t(lang, 'store.notUndoable', { batch, file }));
      const table = rowsTable(entry.dataset);
      const changes = changesTable(entry.dataset);
      const layout = rowLayout(entry.dataset);
      // Every row this batch wrote (inserted or updated) that a later batch, not undone, changed again is in
      // that batch's changes with this batch as its previous one.
      const later = db
        .prepare(
          `SELECT DISTINCT c.batch FROM ${changes} c JOIN batches b ON b.batch = c.batch
           WHERE c.previous_batch = ? AND b.undone = 0 ORDER BY c.batch`,
        )
        .pluck()
        .all(batch) as number[];
      if (later.length > 0) {
        throw new StoreError((lang) => t(lang, 'store.laterBatch', { batch, later: later.join(', ') }));
      }
      // The updated rows get their previous content, batch and line back; the rows still carrying the batch
      // after that are the ones it inserted.
      const columns = `${columnNames(layout)}, hash`;
      const restored = db
        .prepare(
          `INSERT OR REPLACE INTO ${table} (${columns}, batch, line)
           SELECT ${columns}, previous_batch, previous_line FROM ${changes} WHERE batch = ?`,
        )
        .run(batch).changes;
      const deleted = db.prepare(`DELETE FROM ${table} WHERE batch = ?`).run(batch).changes;
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
