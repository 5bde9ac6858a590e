// `impact import`: each file is read by the same code as `validate` (readDatasetColumns: typing, row checks,
// unique keys, references against the workspace), then upserted by the dataset's key in one
// transaction, with an entry in the batches ledger. A file whose sha256 is already in the ledger for the
// dataset is not read again.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Statement } from 'better-sqlite3';
import type { Config } from '../config/index.js';
import { canonicalCells, KEY_SEPARATOR } from '../data/canonical.js';
import { type ColumnTable, MISSING_DAY } from '../data/columns.js';
import { canonicalRows } from '../data/columns-to-canonical.js';
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
import { beginImmediate, openStore, STORE_FILE, type StoreDatabase } from './database.js';
import {
  type ColumnsToValues,
  changesTable,
  columnNames,
  type RowLayout,
  rowLayout,
  rowsTable,
  type SqlValue,
  valuesFromColumns,
} from './rows.js';

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
  // Every row an import writes carries the batch it has just created, so the per-row check that the batch
  // exists (better-sqlite3 enforces foreign keys by default) is work without a possible failure.
  if (db && !options.dryRun) db.pragma('foreign_keys = OFF');
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
    const layout = rowLayout(dataset);
    const count = layout.columns.length;
    const updates = dryRun ? undefined : new UpdateWriter(statements!, layout, batch);
    // An update that would blank a stored value is held back (a partner's export that lost a column).
    const settle = (line: number, stored: StoredSummary, values: readonly SqlValue[], at: number): void => {
      if (stored.hash === values[at + count]) {
        // An unchanged row keeps the batch and line that brought its current values.
        result.unchanged++;
        return;
      }
      const blanked = blankedColumns(layout, stored.filled, values, at);
      if (blanked.length > 0 && !options.allowBlankUpdates) {
        result.held++;
        options.sink.add({
          code: 'blank-update',
          severity: 'warning',
          dataset,
          file,
          line,
          column: blanked.join(', '),
          args: { columns: blanked.join(', '), batch: stored.batch },
        });
        return;
      }
      result.updated++;
      updates?.add(values, at);
    };
    const writer = dryRun ? undefined : new RowWriter(statements!, layout, batch, result, settle);
    // Rows are written as the reader settles them, while it reads the rest of the file (both cores busy),
    // unless configured keys may still reject some of them after the read.
    let writeError: { error: unknown } | undefined;
    const onRows =
      writer && run.knownKeys.size === 0
        ? (rows: ColumnTable): void => {
            if (writeError) return;
            try {
              writer.write(rows, false);
            } catch (error) {
              // A store fault, not the file's: the reader must not word it as one of its own problems.
              writeError = { error };
            }
          }
        : undefined;
    const { table: read, stats: fileStats } = await readDatasetColumns({
      root: config.root,
      dataset,
      options: datasetOptions(config, config.datasets[dataset]!),
      files: [file],
      references: run.references,
      sink,
      ...(rejects ? { rejects } : {}),
      ...(options.onProgress ? { onProgress: (f, rows) => options.onProgress?.(f, rows, total) } : {}),
      ...(onRows ? { onRows } : {}),
    });
    if (writeError) throw writeError.error;
    const [stats] = fileStats;
    const table = rejectConfiguredKeys(schema, read, stats, run.knownKeys, sink, rejects);
    if (writer) {
      writer.write(table, true);
      updates!.flush();
    } else {
      const toValues = valuesFromColumns(layout);
      toValues.use(table);
      const lines = table.source.line;
      const values: SqlValue[] = [];
      const key: SqlValue[] = [];
      for (let i = 0; i < table.length; i++) {
        values.length = 0;
        const hash = toValues.write(i, values);
        values.push(hash, 0, lines[i]!);
        key.length = 0;
        for (const k of layout.keyIndexes) key.push(values[k]!);
        const stored = statements?.rowOf.get(key) as [number, number, number] | undefined;
        if (stored === undefined) result.inserted++;
        else settle(lines[i]!, { hash: stored[0], batch: stored[1], filled: stored[2] }, values, 0);
      }
    }
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

/**
 * Rows per multi-row statement: fewer calls into SQLite (width × 256 parameters, far below its limit). The
 * parameters are passed as arguments (`run(...params)`), not as one array: better-sqlite3 reads arguments
 * directly but an array element by element through V8's API, which cost a third of the inserts' time.
 */
const INSERT_GROUP = 256;

/**
 * Writes a file's rows in groups, each row as its stored values (rows.ts) followed by its hash, batch and
 * line, as the reader settles them (`write` again with the longer table). Into an empty store (the big first
 * import) one INSERT OR IGNORE per group inserts them all, and the ledger needs nothing per row: a batch's
 * inserted rows are those carrying its batch. Once a group meets stored keys (a newer export of the same
 * people), the next groups are looked up first, one SELECT per group, and only their new rows are inserted;
 * a stored row goes to `settle`, and a group found all new switches back to inserting first. Keys are unique
 * within the file (the reader rejects repeats), so each key is written once per batch and no group reads a
 * row another group of the batch wrote; a row's batch tells whether this group inserted it.
 */
class RowWriter {
  private readonly toValues: ColumnsToValues;
  private readonly params: SqlValue[] = [];
  private readonly fresh: SqlValue[] = [];
  private insertFirst = true;
  /** Rows of the file written so far. */
  private written = 0;

  constructor(
    private readonly statements: Statements,
    private readonly layout: RowLayout,
    private readonly batch: number,
    private readonly result: FileImport,
    private readonly settle: (line: number, stored: StoredSummary, values: readonly SqlValue[], at: number) => void,
  ) {
    this.toValues = valuesFromColumns(layout);
  }

  /** Writes the table's rows not written yet: whole groups only, unless it is the file's whole table (`last`). */
  write(table: ColumnTable, last: boolean): void {
    const end = last
      ? table.length
      : this.written + Math.floor((table.length - this.written) / INSERT_GROUP) * INSERT_GROUP;
    if (end <= this.written) return;
    this.toValues.use(table);
    const lines = table.source.line;
    for (let from = this.written; from < end; from += INSERT_GROUP)
      this.group(from, Math.min(end, from + INSERT_GROUP), lines);
    this.written = end;
  }

  private group(from: number, to: number, lines: Int32Array): void {
    const { statements, layout, batch, result, params, fresh } = this;
    const { width } = layout;
    const size = to - from;
    params.length = 0;
    for (let i = from; i < to; i++) {
      const hash = this.toValues.write(i, params);
      params.push(hash, batch, lines[i]!);
    }
    if (this.insertFirst) {
      const changes = statements.insert(size).run(...params).changes;
      if (changes < size) {
        const stored = storedSummaries(statements, layout, params, size);
        for (let r = 0; r < size; r++) {
          const row = stored[r]!;
          if (row.batch === batch) result.inserted++;
          else this.settle(lines[from + r]!, row, params, r * width);
        }
        this.insertFirst = false;
      } else result.inserted += size;
      return;
    }
    const stored = storedSummaries(statements, layout, params, size);
    fresh.length = 0;
    let found = 0;
    for (let r = 0, at = 0; r < size; r++, at += width) {
      const row = stored[r];
      if (row) {
        found++;
        this.settle(lines[from + r]!, row, params, at);
      } else for (let v = at; v < at + width; v++) fresh.push(params[v]!);
    }
    if (fresh.length > 0) {
      result.inserted += fresh.length / width;
      statements.insert(fresh.length / width).run(...fresh);
    }
    this.insertFirst = found === 0;
  }
}

/** What settling needs of a stored row: its hash, the batch that wrote it, which columns have a value (bit c). */
interface StoredSummary {
  hash: number;
  batch: number;
  filled: number;
}

/** The stored rows of the group's keys (rows of `width` values in `params`), by position in the group. */
function storedSummaries(
  statements: Statements,
  layout: RowLayout,
  params: readonly SqlValue[],
  size: number,
): (StoredSummary | undefined)[] {
  const keys: SqlValue[] = [];
  for (let r = 0, at = 0; r < size; r++, at += layout.width) {
    keys.push(r);
    for (const k of layout.keyIndexes) keys.push(params[at + k]!);
  }
  const found: (StoredSummary | undefined)[] = Array(size);
  for (const row of statements
    .rowsOf(size)
    .raw()
    .all(...keys) as [number, number, number, number][]) {
    found[row[0]] = { hash: row[1], batch: row[2], filled: row[3] };
  }
  return found;
}

/**
 * Updates gathered and written a group at a time: one statement copies the stored rows into the ledger (as
 * they are, before the update), one replaces them.
 */
class UpdateWriter {
  private readonly rows: SqlValue[] = [];
  /** The batch, then the keys of the group's rows: the ledger statement's parameters. */
  private readonly keys: SqlValue[];
  private size = 0;

  constructor(
    private readonly statements: Statements,
    private readonly layout: RowLayout,
    batch: number,
  ) {
    this.keys = [batch];
  }

  /** The row at `at` in `values` replaces the stored row of its key. */
  add(values: readonly SqlValue[], at: number): void {
    const { width, keyIndexes } = this.layout;
    for (let v = at; v < at + width; v++) this.rows.push(values[v]!);
    for (const k of keyIndexes) this.keys.push(values[at + k]!);
    if (++this.size === INSERT_GROUP) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    this.statements.change(this.size).run(...this.keys);
    this.statements.update(this.size).run(...this.rows);
    this.rows.length = 0;
    this.keys.length = 1;
    this.size = 0;
  }
}

type Statements = ReturnType<typeof prepare>;

function prepare(db: StoreDatabase, dataset: DatasetName) {
  const table = rowsTable(dataset);
  const layout = rowLayout(dataset);
  const columns = `${columnNames(layout)}, hash, batch, line`;
  const keys = layout.keyIndexes.map((k) => layout.columns[k]!.name);
  /** One statement per group size (a file's last group is smaller), prepared when first needed. */
  const sized = (sql: (size: number) => string) => {
    const prepared = new Map<number, Statement<SqlValue[]>>();
    return (size: number) => {
      let statement = prepared.get(size);
      if (!statement) {
        statement = db.prepare<SqlValue[]>(sql(size));
        prepared.set(size, statement);
      }
      return statement;
    };
  };
  const tuple = (count: number): string => `(${Array(count).fill('?').join(', ')})`;
  const values = (size: number, count: number): string => Array(size).fill(tuple(count)).join(', ');
  // Bit c is set when the row has a value in column c: what the blank-update check needs, in one integer.
  const filled = layout.columns.map((c, index) => `((r.${c.name} IS NOT NULL) << ${index})`).join(' | ');
  const join = (prefix: number) => keys.map((name, k) => `r.${name} = k.column${k + 1 + prefix}`).join(' AND ');
  return {
    insert: sized((n) => `INSERT OR IGNORE INTO ${table} (${columns}) VALUES ${values(n, layout.width)}`),
    // The group's keys with their position as a VALUES list, each looked up by the primary key (CROSS JOIN
    // keeps that order).
    rowsOf: sized(
      (n) =>
        `SELECT k.column1, r.hash, r.batch, ${filled} ` +
        `FROM (VALUES ${values(n, keys.length + 1)}) AS k CROSS JOIN ${table} AS r ON ${join(1)}`,
    ),
    // Every key of an update group is stored: each is replaced whole, in one statement.
    update: sized((n) => `INSERT OR REPLACE INTO ${table} (${columns}) VALUES ${values(n, layout.width)}`),
    // The ledger's memory of what the batch updated, for `impact store undo`: the rows as they are, copied
    // before the update replaces them.
    change: sized(
      (n) =>
        `INSERT INTO ${changesTable(dataset)} (batch, ${columnNames(layout)}, hash, previous_batch, previous_line) ` +
        `SELECT ?, ${layout.columns.map((c) => `r.${c.name}`).join(', ')}, r.hash, r.batch, r.line ` +
        `FROM (VALUES ${values(n, keys.length)}) AS k CROSS JOIN ${table} AS r ON ${join(0)}`,
    ),
    // An undone batch no longer holds its file: importing it again is a new batch.
    batchOf: db
      .prepare('SELECT batch FROM batches WHERE dataset = ? AND sha256 = ? AND undone = 0 ORDER BY batch LIMIT 1')
      .pluck(),
    newBatch: db.prepare('INSERT INTO batches (dataset, file, sha256, imported_at) VALUES (?, ?, ?, ?)'),
    closeBatch: db.prepare(
      'UPDATE batches SET rows_read = ?, inserted = ?, updated = ?, unchanged = ?, held = ?, rejected = ? WHERE batch = ?',
    ),
    rowOf: db
      .prepare(
        `SELECT r.hash, r.batch, ${filled} FROM ${table} AS r WHERE ${keys.map((name) => `r.${name} = ?`).join(' AND ')}`,
      )
      .raw(),
  };
}

/** The columns that have a value in the stored row (bits of `filled`) and none in the update (the row at `at`). */
function blankedColumns(layout: RowLayout, filled: number, values: readonly SqlValue[], at: number): string[] {
  const blanked: string[] = [];
  for (let c = 0; c < layout.columns.length; c++) {
    if (values[at + c] === null && (filled >> c) & 1) blanked.push(layout.columns[c]!.name);
  }
  return blanked;
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

/** The newest day any of the table's date columns holds (day numbers order like dates), -Infinity when none. */
function newestDay(table: ColumnTable, columns: readonly string[]): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const name of columns) {
    const column = table.columns[name];
    if (column?.type !== 'day') continue;
    const { days } = column;
    for (let i = 0; i < table.length; i++) {
      const day = days[i]!;
      if (day !== MISSING_DAY && day > newest) newest = day;
    }
  }
  return newest;
}

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
  // One file has one order: reading it a first time only to date it would double the import's work.
  if (order === 'name' || files.length < 2) return [...files].sort(byName);
  const rank = new Map<string, number>();
  const columns = dateColumns(dataset);
  for (const file of files) {
    if (order === 'mtime') {
      rank.set(file, statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      continue;
    }
    let newest = Number.NEGATIVE_INFINITY;
    if (existsSync(file)) {
      const { table } = await readDatasetColumns({
        root: config.root,
        dataset,
        options: datasetOptions(config, config.datasets[dataset]!),
        files: [path.relative(config.root, file).split(path.sep).join('/')],
        references: new References(),
        sink: { add: () => {} },
      });
      newest = newestDay(table, columns);
    }
    rank.set(file, newest);
  }
  return [...files].sort((a, b) => {
    const x = rank.get(a) ?? Number.NEGATIVE_INFINITY;
    const y = rank.get(b) ?? Number.NEGATIVE_INFINITY;
    return x < y ? -1 : x > y ? 1 : byName(a, b);
  });
}
