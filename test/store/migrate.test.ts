// A store written by schema version 2 (each row one canonical JSON text, one `changes` entry per written row),
// built here with SQLite itself, is migrated to version 3 on first use: the same rows, batches and lines, the
// same content hash, hashes that tell the same rows unchanged, and its batches still undone exactly.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { loadWorkspace, ProblemCollector } from '../../src/data/workspace.js';
import { impact } from '../helpers/cli.js';
import { importJson, removeWorkspaces, storeTable, storeWorkspace, typedRow } from '../helpers/store.js';

afterAll(removeWorkspaces);

const DATASETS = ['organisations', 'sites', 'investments', 'metrics', 'actions', 'beneficiaries'];
// Version 2's tables, as impactkit wrote them.
const SCHEMA_2 = [
  'CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
  `CREATE TABLE batches (batch INTEGER PRIMARY KEY AUTOINCREMENT, dataset TEXT NOT NULL, file TEXT NOT NULL,
    sha256 TEXT NOT NULL, imported_at TEXT NOT NULL, rows_read INTEGER NOT NULL DEFAULT 0,
    inserted INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0, unchanged INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0, held INTEGER NOT NULL DEFAULT 0, undoable INTEGER NOT NULL DEFAULT 1,
    undone INTEGER NOT NULL DEFAULT 0)`,
  'CREATE INDEX batches_by_content ON batches (dataset, sha256)',
  `CREATE TABLE changes (batch INTEGER NOT NULL REFERENCES batches (batch), key TEXT NOT NULL, previous TEXT,
    previous_batch INTEGER, previous_line INTEGER, PRIMARY KEY (batch, key)) WITHOUT ROWID`,
  ...DATASETS.map(
    (d) =>
      `CREATE TABLE rows_${d} (key TEXT PRIMARY KEY, row TEXT NOT NULL,
        batch INTEGER NOT NULL REFERENCES batches (batch), line INTEGER NOT NULL) WITHOUT ROWID`,
  ),
  "INSERT INTO meta (key, value) VALUES ('schema_version', '2')",
];

const B1 =
  '{"beneficiary_id":"B1","site_id":"PF-93","entry_date":"2024-03-01","birth_year":1990,"gender":"f","qpv":true,"intake_level":"severe"}';
const B2_BEFORE =
  '{"beneficiary_id":"B2","site_id":"PF-93","entry_date":"2024-05-10","birth_year":2001,"gender":"m","qpv":false,"intake_level":"precarious"}';
const B2_AFTER =
  '{"beneficiary_id":"B2","site_id":"PF-93","entry_date":"2024-05-10","birth_year":2001,"gender":"m","qpv":false,"intake_level":"precarious","exit_date":"2024-11-30","exit_level":"fragile","outcome":"employment"}';
const B3 =
  '{"beneficiary_id":"B3","site_id":"PF-69","entry_date":"2024-09-15","birth_year":1985,"gender":"f","intake_level":"fragile"}';
const key = (...parts: string[]) => parts.join('\u001f');

/**
 * Batch 1 inserted B1 (line 2) and B2 (line 3); batch 2 updated B2 with its exit (line 2) and inserted B3
 * (line 3): what version 2 held after those two imports.
 */
function version2Store(root: string): void {
  mkdirSync(join(root, '.impact'), { recursive: true });
  const db = new Database(join(root, '.impact', 'store.db'));
  db.pragma('journal_mode = WAL');
  for (const statement of SCHEMA_2) db.exec(statement);
  const batch = db.prepare(
    `INSERT INTO batches (dataset, file, sha256, imported_at, rows_read, inserted, updated)
     VALUES ('beneficiaries', ?, ?, '2026-01-01T00:00:00.000Z', 2, ?, ?)`,
  );
  batch.run('imports/older.csv', 'a'.repeat(64), 2, 0);
  batch.run('imports/newer.csv', 'b'.repeat(64), 1, 1);
  const row = db.prepare('INSERT INTO rows_beneficiaries (key, row, batch, line) VALUES (?, ?, ?, ?)');
  row.run(key('B1', 'PF-93', '2024-03-01'), B1, 1, 2);
  row.run(key('B2', 'PF-93', '2024-05-10'), B2_AFTER, 2, 2);
  row.run(key('B3', 'PF-69', '2024-09-15'), B3, 2, 3);
  const change = db.prepare(
    'INSERT INTO changes (batch, key, previous, previous_batch, previous_line) VALUES (?, ?, ?, ?, ?)',
  );
  change.run(1, key('B1', 'PF-93', '2024-03-01'), null, null, null);
  change.run(1, key('B2', 'PF-93', '2024-05-10'), null, null, null);
  change.run(2, key('B2', 'PF-93', '2024-05-10'), B2_BEFORE, 1, 3);
  change.run(2, key('B3', 'PF-69', '2024-09-15'), null, null, null);
  db.close();
}

const rowsNow = (root: string) =>
  storeTable(root, 'beneficiaries').map((r) => [typedRow('beneficiaries', r), r.batch, r.line]);

describe('a store of schema version 2', { timeout: 120_000 }, () => {
  it('is migrated to version 3 with the same rows, batches, lines and content hash', async () => {
    const root = storeWorkspace();
    version2Store(root);
    const status = impact(['store', 'status', '--json'], { cwd: root });
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ schema_version: 3 });
    expect(rowsNow(root)).toEqual([
      [JSON.parse(B1), 1, 2],
      [JSON.parse(B2_AFTER), 2, 2],
      [JSON.parse(B3), 2, 3],
    ]);
    const db = new Database(join(root, '.impact', 'store.db'), { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).not.toContain('changes');
    // Only the update of batch 2 needs a ledger entry: B2 as batch 1 had it, on line 3.
    expect(
      db.prepare('SELECT batch, beneficiary_id, previous_batch, previous_line FROM changes_beneficiaries').all(),
    ).toEqual([{ batch: 2, beneficiary_id: 'B2', previous_batch: 1, previous_line: 3 }]);
    db.close();

    // The content hash still covers the rows' canonical JSON in key order, one per line.
    const { inputs } = await loadWorkspace(loadConfig(join(root, 'impact.yaml')), { sink: new ProblemCollector(5) });
    const content = `${B1}\n${B2_AFTER}\n${B3}\n`;
    expect(inputs.find((i) => i.file === '.impact/store.db#beneficiaries')).toMatchObject({
      rows: 3,
      used: 3,
      sha256: createHash('sha256').update(content).digest('hex'),
    });
  });

  it('tells an export of the same rows unchanged by their hashes, and still undoes its batches exactly', () => {
    const root = storeWorkspace();
    version2Store(root);
    writeFileSync(
      join(root, 'imports', 'same.csv'),
      'beneficiary_id,site_id,entry_date,birth_year,gender,qpv,territory,intake_level,exit_date,exit_level,outcome\n' +
        'B1,PF-93,2024-03-01,1990,f,true,,severe,,,\n' +
        'B2,PF-93,2024-05-10,2001,m,false,,precarious,2024-11-30,fragile,employment\n' +
        'B3,PF-69,2024-09-15,1985,f,,,fragile,,,\n',
    );
    const same = importJson(root, 'beneficiaries', ['imports/same.csv']);
    expect(same.status).toBe(0);
    expect(same.summary.files[0]).toMatchObject({ batch: 3, read: 3, inserted: 0, updated: 0, unchanged: 3 });

    const undo = impact(['store', 'undo', '2', '--json'], { cwd: root });
    expect(undo.status).toBe(0);
    expect(JSON.parse(undo.stdout)).toMatchObject({ batch: 2, deleted: 1, restored: 1 });
    expect(rowsNow(root)).toEqual([
      [JSON.parse(B1), 1, 2],
      [JSON.parse(B2_BEFORE), 1, 3],
    ]);
    expect(impact(['store', 'undo', '1'], { cwd: root }).status).toBe(0);
    expect(rowsNow(root)).toEqual([]);
  });
});
