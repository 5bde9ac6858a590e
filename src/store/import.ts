// `impact import`: each file is read by the same code as `validate` (readDatasetColumns: typing, row checks,
// unique keys, references against the workspace), then upserted by the dataset's key in one
// transaction, with an entry in the batches ledger. A file whose sha256 is already in the ledger for the
// dataset is not read again.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/index.js';
import { canonicalCells, KEY_SEPARATOR, parseCanonicalJson } from '../data/canonical.js';
import type { ColumnTable } from '../data/columns.js';
import { type CanonicalRows, canonicalRows } from '../data/columns-to-canonical.js';
import { rowAt } from '../data/columns-to-rows.js';
import { dropRows, readDatasetColumns } from '../data/dataset-to-columns.js';
import { DATASET_ORDER, type DatasetName, type DatasetSchema, SCHEMAS } from '../data/datasets.js';
import { boundsOf } from '../data/inputs.js';
import { type FileStats, type ProblemSink, References } from '../data/load.js';
import { isYamlFile } from '../data/records.js';
import { RejectsWriter } from '../data/rejects.js';
import { datasetOptions, loadWorkspace, ProblemCollector } from '../data/workspace.js';
import type { Problem } from '../problems.js';
import { checkInside } from '../workspace-paths.js';
import { beginImmediate, openStore, rowsTable, STORE_FILE, type StoreDatabase } from './database.js';

export type ImportStatus = 'imported' | 'unchanged-file' | 'dry-run' | 'refused';
export const IMPORT_ORDERS = ['date', 'name', 'mtime'] as const;
export type ImportOrder = (typeof IMPORT_ORDERS)[number];

/** What happened to one file; read = inserted + updated + unchanged + held + rejected. */
export interface FileImport {
  /** As shown from the workspace folder, as the ledger and row sources name it. */
  file: string;
  sha256: string;
  status: ImportStatus;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Updates held back because they would blank a value the store has (see allowBlankUpdates). */
  held: number;
  rejected: number;
  /** The ledger entry that imported it (for unchanged-file, the earlier one); null when nothing was written. */
  batch: number | null;
  /** The rejected rows with their reasons, relative to the workspace folder. */
  rejects?: string;
  /** Why the whole file was refused (status 'refused'). */
  refusal?: Refusal;
}

/** A file is refused whole when it cannot be read, its header lacks what rows need, or no row is usable. */
export type Refusal =
  | { kind: 'problem'; problem: Problem }
  | { kind: 'changed-while-read' }
  | { kind: 'every-row-rejected' };

export interface ImportSummary {
  dataset: DatasetName;
  files: FileImport[];
}

export interface ImportOptions {
  config: Config;
  dataset: DatasetName;
  /** Absolute paths. */
  files: string[];
  dryRun: boolean;
  /** In which order the files are applied: by their newest date (default), file name, or modification time. */
  order?: ImportOrder;
  /** Apply an update even when it blanks a value the store has (else it is held back, with a warning). */
  allowBlankUpdates?: boolean;
  /** Problems of the imported rows (located at the imported file's lines). */
  sink: ProblemSink;
  /** Rows read so far of the file being imported; total = its line count less the header (CSV only). */
  onProgress?: (file: string, rows: number, total: number | undefined) => void;
  /** Another import holds the store: this one waits. */
  onWait?: () => void;
  /** The datasets the imported rows refer to were read; some of their rows were rejected. */
  onReferenceProblems?: (collector: ProblemCollector) => void;
}

/** Datasets whose keys the dataset's rows refer to, directly or through them, in reference order. */
function referencedDatasets(dataset: DatasetName): DatasetName[] {
  const found = new Set<DatasetName>();
  const visit = (d: DatasetName): void => {
    for (const column of SCHEMAS[d].columns) {
      if (column.references && !found.has(column.references)) {
        found.add(column.references);
        visit(column.references);
      }
    }
  };
  visit(dataset);
  return DATASET_ORDER.filter((d) => found.has(d));
}

/** One pass over the bytes: the hash that decides "already imported", and the line count for the progress bar. */
async function hashFile(file: string): Promise<{ sha256: string; lines: number }> {
  const hash = createHash('sha256');
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  return { sha256: hash.digest('hex'), lines: last === 10 ? lines : lines + 1 };
}

// Problems that refuse the whole file: it cannot be read, or its header lacks what every row needs.
const FILE_LEVEL = new Set<Problem['code']>(['source-error', 'unsupported-format', 'missing-label', 'duplicate-label']);

export async function importFiles(options: ImportOptions): Promise<ImportSummary> {
  const { config, dataset } = options;
  // The workspace's rows that imported rows may refer to: configured files and the store alike.
  const references = new References();
  const referenced = referencedDatasets(dataset);
  if (referenced.length > 0) {
    const collector = new ProblemCollector(5);
    await loadWorkspace(config, { sink: collector, only: referenced, references, writeRejects: false });
    if (collector.errors > 0) options.onReferenceProblems?.(collector);
  }
  const bounds = boundsOf(config);
  checkInside(bounds, STORE_FILE, 'store');
  for (const file of options.files) checkInside(bounds, file, 'import');
  const knownKeys = await configuredKeys(config, dataset, references);
  const files = await applyOrder(config, dataset, options.files, options.order ?? 'date');
  const db = openStore(config.root, options.dryRun ? 'read' : 'write');
  const run: ImportRun = {
    options,
    references,
    knownKeys,
    db,
    statements: db ? prepare(db, dataset) : undefined,
    dryRunFiles: new Set(),
  };
  const summary: ImportSummary = { dataset, files: [] };
  try {
    for (const file of files) summary.files.push(await importFile(run, file));
  } finally {
    db?.close();
  }
  return summary;
}

interface ImportRun {
  options: ImportOptions;
  references: References;
  /** Keys of the dataset's configured files, with where each is: an import must not repeat them. */
  knownKeys: Map<string, string>;
  /** Null in a dry run when there is no store yet. */
  db: StoreDatabase | null;
  statements: ReturnType<typeof prepare> | undefined;
  /** A dry run writes no ledger: the files it met are remembered here instead. */
  dryRunFiles: Set<string>;
}

async function importFile(run: ImportRun, absolute: string): Promise<FileImport> {
  const { options, db, statements } = run;
  const { config, dataset, dryRun } = options;
  const file = path.relative(config.root, absolute).split(path.sep).join('/');
  const result: FileImport = {
    file,
    sha256: '',
    status: dryRun ? 'dry-run' : 'imported',
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    held: 0,
    rejected: 0,
    batch: null,
  };
  const refuse = (refusal: Refusal): FileImport => {
    // Nothing of a refused file is kept: all it read counts as rejected, the refusal and rejects file say why.
    Object.assign(result, {
      status: 'refused',
      refusal,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      held: 0,
      rejected: result.read,
    });
    return result;
  };

  let before: { sha256: string; lines: number };
  try {
    if (!existsSync(absolute)) throw new Error('file not found');
    before = await hashFile(absolute);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const problem: Problem = { code: 'source-error', severity: 'error', dataset, file, args: { reason } };
    options.sink.add(problem);
    return refuse({ kind: 'problem', problem });
  }
  result.sha256 = before.sha256;

  let batch = 0;
  if (dryRun) {
    // Compared with the store as it is: the files before it in the same dry run are not applied to it.
    const earlier = statements?.batchOf.get(dataset, before.sha256) as number | undefined;
    if (earlier !== undefined || run.dryRunFiles.has(before.sha256)) {
      return Object.assign(result, { status: 'unchanged-file', batch: earlier ?? null });
    }
    run.dryRunFiles.add(before.sha256);
  } else {
    beginImmediate(db!, options.onWait);
    // Checked under the write lock: two processes importing the same file make one batch.
    const committed = statements!.batchOf.get(dataset, before.sha256) as number | undefined;
    if (committed !== undefined) {
      db!.exec('ROLLBACK');
      return Object.assign(result, { status: 'unchanged-file', batch: committed });
    }
    const imported = statements!.newBatch.run(dataset, file, before.sha256, new Date().toISOString());
    batch = Number(imported.lastInsertRowid);
  }

  try {
    const schema = SCHEMAS[dataset];
    const rejectsName = `${dataset}.import-${before.sha256.slice(0, 12)}.csv`;
    const rejectsFolder = path.join(config.root, '.impact', 'rejects');
    const rejects = dryRun
      ? undefined
      : new RejectsWriter(rejectsFolder, config.locale, boundsOf(config), () => rejectsName);
    let fileProblem: Problem | undefined;
    const sink: ProblemSink = {
      add(problem) {
        if (problem.severity === 'error' && FILE_LEVEL.has(problem.code) && (problem.line ?? 1) === 1) {
          fileProblem ??= problem;
        }
        options.sink.add(problem);
      },
    };
    const total = isYamlFile(absolute) ? undefined : Math.max(0, before.lines - 1);
    const { table: read, stats: fileStats } = await readDatasetColumns({
      root: config.root,
      dataset,
      options: datasetOptions(config, config.datasets[dataset]!),
      files: [file],
      references: run.references,
      sink,
      ...(rejects ? { rejects } : {}),
      ...(options.onProgress ? { onProgress: (f, rows) => options.onProgress?.(f, rows, total) } : {}),
    });
    const [stats] = fileStats;
    const table = rejectConfiguredKeys(schema, read, stats, run.knownKeys, sink, rejects);
    const rows = canonicalRows(schema, table);
    const lines = table.source.line;
    // An update that would blank a stored value is held back (a partner's export that lost a column).
    const settle = (i: number, stored: StoredRow): void => {
      const json = rows.json(i);
      if (stored.row === json) {
        // An unchanged row keeps the batch and line that brought its current values.
        result.unchanged++;
        return;
      }
      const blanked = blankedColumns(schema, stored.row, json);
      if (blanked.length > 0 && !options.allowBlankUpdates) {
        result.held++;
        options.sink.add({
          code: 'blank-update',
          severity: 'warning',
          dataset,
          file,
          line: lines[i]!,
          column: blanked.join(', '),
          args: { columns: blanked.join(', '), batch: stored.batch },
        });
        return;
      }
      result.updated++;
      if (dryRun) return;
      const key = rows.key(i);
      statements!.update.run(json, batch, lines[i]!, key);
      statements!.change.run(batch, key, stored.row, stored.batch, stored.line);
    };
    if (dryRun) {
      for (let i = 0; i < table.length; i++) {
        const stored = statements?.rowOf.get(rows.key(i)) as StoredRow | undefined;
        if (stored === undefined) result.inserted++;
        else settle(i, stored);
      }
    } else writeRows(statements!, rows, table.length, lines, batch, result, settle);
    result.read = stats?.rows ?? 0;
    result.rejected = stats?.rejected ?? 0;
    const written = rejects?.finish([dataset]) ?? {};
    const rejectsFile = written[dataset]?.[0];
    if (rejectsFile) result.rejects = path.relative(config.root, rejectsFile).split(path.sep).join('/');

    if (fileProblem) return refuse({ kind: 'problem', problem: fileProblem });
    if (stats?.sha256 !== before.sha256) return refuse({ kind: 'changed-while-read' });
    if (result.read > 0 && result.rejected === result.read) return refuse({ kind: 'every-row-rejected' });
    if (!dryRun) {
      const { read, inserted, updated, unchanged, held, rejected } = result;
      statements!.closeBatch.run(read, inserted, updated, unchanged, held, rejected, batch);
      db!.exec('COMMIT');
      result.batch = batch;
    }
    return result;
  } finally {
    // Refused, or an error on the way: the file's transaction leaves nothing behind.
    if (db?.inTransaction) db.exec('ROLLBACK');
  }
}

/** Rows per INSERT statement: fewer calls into SQLite (4 parameters a row, far below its limit). */
const INSERT_GROUP = 256;

/** A stored row: its canonical text, and the batch and line that brought it (the ledger's previous values). */
interface StoredRow {
  row: string;
  batch: number;
  line: number;
}

/**
 * Writes a file's rows in groups: one INSERT OR IGNORE per group, which into an empty store (the big first
 * import) inserts them all, and one ledger entry per inserted row. When some keys were already stored, each
 * row of the group is looked at: its batch says whether this group inserted it; otherwise `settle` decides.
 * Keys are unique within the file (the reader rejects repeats), so each key is written once per batch.
 */
function writeRows(
  statements: ReturnType<typeof prepare>,
  rows: CanonicalRows,
  length: number,
  lines: Int32Array,
  batch: number,
  result: FileImport,
  settle: (i: number, stored: StoredRow) => void,
): void {
  const params: (string | number)[] = [];
  const keys: (string | number)[] = [];
  const writeGroup = (from: number, to: number): void => {
    if (to - from !== INSERT_GROUP && to - from !== 1) {
      for (let i = from; i < to; i++) writeGroup(i, i + 1);
      return;
    }
    params.length = 0;
    for (let i = from; i < to; i++) params.push(rows.key(i), rows.json(i), batch, lines[i]!);
    const whole = to - from === INSERT_GROUP;
    const inserted = (whole ? statements.insertGroup : statements.insert).run(...params).changes;
    if (inserted === to - from) {
      result.inserted += inserted;
      keys.length = 0;
      for (let p = 0; p < params.length; p += 4) keys.push(batch, params[p]!);
      (whole ? statements.insertedGroup : statements.inserted).run(...keys);
      return;
    }
    for (let i = from, p = 0; i < to; i++, p += 4) {
      const key = params[p] as string;
      const stored = statements.rowOf.get(key) as StoredRow;
      if (stored.batch === batch) {
        result.inserted++;
        statements.inserted.run(batch, key);
      } else settle(i, stored);
    }
  };
  for (let from = 0; from < length; from += INSERT_GROUP) writeGroup(from, Math.min(length, from + INSERT_GROUP));
}

function prepare(db: StoreDatabase, dataset: DatasetName) {
  const table = rowsTable(dataset);
  return {
    insertGroup: db.prepare(
      `INSERT OR IGNORE INTO ${table} (key, row, batch, line) VALUES ${Array(INSERT_GROUP).fill('(?, ?, ?, ?)').join(', ')}`,
    ),
    // An undone batch no longer holds its file: importing it again is a new batch.
    batchOf: db
      .prepare('SELECT batch FROM batches WHERE dataset = ? AND sha256 = ? AND undone = 0 ORDER BY batch LIMIT 1')
      .pluck(),
    newBatch: db.prepare('INSERT INTO batches (dataset, file, sha256, imported_at) VALUES (?, ?, ?, ?)'),
    closeBatch: db.prepare(
      'UPDATE batches SET rows_read = ?, inserted = ?, updated = ?, unchanged = ?, held = ?, rejected = ? WHERE batch = ?',
    ),
    rowOf: db.prepare(`SELECT row, batch, line FROM ${table} WHERE key = ?`),
    insert: db.prepare(`INSERT OR IGNORE INTO ${table} (key, row, batch, line) VALUES (?, ?, ?, ?)`),
    update: db.prepare(`UPDATE ${table} SET row = ?, batch = ?, line = ? WHERE key = ?`),
    // The ledger's memory of what the batch changed, for `impact store undo`: an inserted row has no previous.
    change: db.prepare(
      'INSERT INTO changes (batch, key, previous, previous_batch, previous_line) VALUES (?, ?, ?, ?, ?)',
    ),
    inserted: db.prepare('INSERT INTO changes (batch, key) VALUES (?, ?)'),
    insertedGroup: db.prepare(
      `INSERT INTO changes (batch, key) VALUES ${Array(INSERT_GROUP).fill('(?, ?)').join(', ')}`,
    ),
  };
}

/** The columns that have a value in the stored row and none in the update (both canonical JSON). */
function blankedColumns(schema: DatasetSchema, stored: string, update: string): string[] {
  const before = parseCanonicalJson(stored);
  const after = parseCanonicalJson(update);
  return schema.columns.filter((c) => before[c.name] != null && after[c.name] == null).map((c) => c.name);
}

/**
 * Rows whose key is already in the dataset's configured files are rejected: the workspace would otherwise
 * hold two rows for one key. Counted, reported and written to the rejects file like the reader's own.
 */
function rejectConfiguredKeys(
  schema: DatasetSchema,
  table: ColumnTable,
  stats: FileStats | undefined,
  knownKeys: ReadonlyMap<string, string>,
  sink: ProblemSink,
  rejects: RejectsWriter | undefined,
): ColumnTable {
  if (knownKeys.size === 0) return table;
  const rows = canonicalRows(schema, table);
  const drop = new Set<number>();
  for (let i = 0; i < table.length; i++) {
    const key = rows.key(i);
    const elsewhere = knownKeys.get(key);
    if (elsewhere === undefined) continue;
    drop.add(i);
    const row = rowAt<DatasetName>(table, i);
    const problem: Problem = {
      code: 'unique-error',
      severity: 'error',
      dataset: table.dataset,
      file: row.source.file,
      line: row.source.line,
      column: schema.key.join('+'),
      value: key.split(KEY_SEPARATOR).join(' + '),
      args: { key: schema.key.join(' + '), first: elsewhere },
    };
    sink.add(problem);
    rejects?.write(table.dataset, row.source.file, row.source.line, canonicalCells(schema, row), [problem]);
    if (stats) {
      stats.used--;
      stats.rejected++;
    }
  }
  return drop.size > 0 ? dropRows(table, drop) : table;
}

/**
 * The keys of the dataset's configured files (not the store), with where each was read: an imported row
 * repeating one would make the workspace hold two rows for one key.
 */
async function configuredKeys(
  config: Config,
  dataset: DatasetName,
  references: References,
): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  const spec = config.datasets[dataset];
  if (!spec || spec.files.length === 0) return keys;
  const schema = SCHEMAS[dataset];
  const { table } = await readDatasetColumns({
    root: config.root,
    dataset,
    options: datasetOptions(config, spec),
    references,
    sink: { add: () => {} },
  });
  const rows = canonicalRows(schema, table);
  const { file, line, files } = table.source;
  for (let i = 0; i < table.length; i++) {
    const key = rows.key(i);
    if (!keys.has(key)) keys.set(key, `${files[file[i]!]}:${line[i]}`);
  }
  return keys;
}

/** The dataset's date columns, whose newest value dates an export. */
const dateColumns = (dataset: DatasetName): string[] =>
  SCHEMAS[dataset].columns.filter((c) => c.kind.type === 'date').map((c) => c.name);

/**
 * The files of one run in the order they are applied: by the newest date any of their rows holds (oldest
 * export first, so a newer one has the last word), by name, or by modification time; ties by name.
 */
async function applyOrder(
  config: Config,
  dataset: DatasetName,
  files: string[],
  order: ImportOrder,
): Promise<string[]> {
  const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  if (order === 'name') return [...files].sort(byName);
  const rank = new Map<string, string | number>();
  const columns = dateColumns(dataset);
  for (const file of files) {
    if (order === 'mtime') {
      rank.set(file, statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      continue;
    }
    let newest = '';
    if (existsSync(file)) {
      const { table } = await readDatasetColumns({
        root: config.root,
        dataset,
        options: datasetOptions(config, config.datasets[dataset]!),
        files: [path.relative(config.root, file).split(path.sep).join('/')],
        references: new References(),
        sink: { add: () => {} },
      });
      for (let i = 0; i < table.length; i++) {
        const values = rowAt<DatasetName>(table, i) as unknown as Record<string, unknown>;
        for (const column of columns) {
          const value = values[column];
          if (typeof value === 'string' && value > newest) newest = value;
        }
      }
    }
    rank.set(file, newest);
  }
  return [...files].sort((a, b) => {
    const x = rank.get(a) ?? '';
    const y = rank.get(b) ?? '';
    return x < y ? -1 : x > y ? 1 : byName(a, b);
  });
}
