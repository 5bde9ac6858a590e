// Store schema 2 -> 3, inside the caller's write transaction: each dataset's rows go from one canonical JSON
// text to typed columns with their hash (rows.ts), and the `changes` ledger keeps only what undo needs, the
// previous content of updated rows, in the dataset's own changes table. Rows keep their batch and line, so
// `impact store undo` of a batch imported before the migration puts the store back exactly as well.
import type Database from 'better-sqlite3';
import { parseCanonicalJson } from '../data/canonical.js';
import { DATASET_ORDER } from '../data/datasets.js';
import {
  changesTable,
  columnNames,
  datasetTables,
  rowHash,
  rowLayout,
  rowsTable,
  type SqlValue,
  valuesFromRow,
} from './rows.js';

/** Rows read per statement: the migration never holds a whole dataset in memory. */
const PAGE = 10_000;
const placeholders = (count: number): string => Array(count).fill('?').join(', ');

export function migrateRowsFrom2(db: Database.Database): void {
  for (const dataset of DATASET_ORDER) {
    const layout = rowLayout(dataset);
    const table = rowsTable(dataset);
    const next = `${table}_3`;
    for (const statement of datasetTables(dataset, next)) db.exec(statement);
    const columns = columnNames(layout);
    const count = layout.columns.length;
    const insertRow = db.prepare(
      `INSERT INTO ${next} (${columns}, hash, batch, line) VALUES (${placeholders(count + 3)})`,
    );
    const valuesOf = (text: string): SqlValue[] => valuesFromRow(layout, parseCanonicalJson(text));
    const rows = db
      .prepare(`SELECT key, row, batch, line FROM ${table} WHERE key > ? ORDER BY key LIMIT ${PAGE}`)
      .raw();
    for (let after = ''; ; ) {
      const page = rows.all(after) as [string, string, number, number][];
      for (const [, text, batch, line] of page) {
        const values = valuesOf(text);
        insertRow.run(...values, rowHash(values, 0, count), batch, line);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]![0];
    }
    db.exec(`DROP TABLE ${table}`);
    db.exec(`ALTER TABLE ${next} RENAME TO ${table}`);

    const insertChange = db.prepare(
      `INSERT INTO ${changesTable(dataset)} (batch, ${columns}, hash, previous_batch, previous_line)
       VALUES (${placeholders(count + 4)})`,
    );
    const updated = db
      .prepare(
        `SELECT c.batch, c.key, c.previous, c.previous_batch, c.previous_line FROM changes c
         JOIN batches b ON b.batch = c.batch WHERE b.dataset = ? AND c.previous IS NOT NULL
         AND (c.batch, c.key) > (?, ?) ORDER BY c.batch, c.key LIMIT ${PAGE}`,
      )
      .raw();
    for (let after: [number, string] = [0, '']; ; ) {
      const page = updated.all(dataset, ...after) as [number, string, string, number, number][];
      for (const [batch, , previous, previousBatch, previousLine] of page) {
        const values = valuesOf(previous);
        insertChange.run(batch, ...values, rowHash(values, 0, count), previousBatch, previousLine);
      }
      if (page.length < PAGE) break;
      const last = page[page.length - 1]!;
      after = [last[0], last[1]];
    }
  }
  db.exec('DROP TABLE changes');
  db.exec("UPDATE meta SET value = '3' WHERE key = 'schema_version'");
}
