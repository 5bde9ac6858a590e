// `impact import`: each file is read by the same code as `validate` (readDatasetColumns: typing, row checks,
// unique keys, references against the workspace), then upserted by the dataset's key in one
// transaction, with an entry in the batches ledger. A file whose sha256 is already in the ledger for the
// dataset is not read again.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/index.js';
import { type CanonicalRows, canonicalRows } from '../data/columns-to-canonical.js';
import { readDatasetColumns } from '../data/dataset-to-columns.js';
import { DATASET_ORDER, type DatasetName, SCHEMAS } from '../data/datasets.js';
import { boundsOf } from '../data/inputs.js';
import { type ProblemSink, References } from '../data/load.js';
import { isYamlFile } from '../data/records.js';
import { RejectsWriter } from '../data/rejects.js';
import { datasetOptions, loadWorkspace, ProblemCollector } from '../data/workspace.js';
import type { Problem } from '../problems.js';
import { checkInside } from '../workspace-paths.js';
import { beginImmediate, openStore, rowsTable, STORE_FILE, type StoreDatabase } from './database.js';

export type ImportStatus = 'imported' | 'unchanged-file' | 'dry-run' | 'refused';

/** What happened to one file; read = inserted + updated + unchanged + rejected. */
export interface FileImport {
  /** As shown from the workspace folder, as the ledger and row sources name it. */
  file: string;
  sha256: string;
  status: ImportStatus;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
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
  const db = openStore(config.root, options.dryRun ? 'read' : 'write');
  const run: ImportRun = {
    options,
    references,
    db,
    statements: db ? prepare(db, dataset) : undefined,
    dryRunFiles: new Set(),
  };
  const summary: ImportSummary = { dataset, files: [] };
  try {
    for (const file of options.files) summary.files.push(await importFile(run, file));
  } finally {
    db?.close();
  }
  return summary;
}

interface ImportRun {
  options: ImportOptions;
  references: References;
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
    rejected: 0,
    batch: null,
  };
  const refuse = (refusal: Refusal): FileImport => {
    // Nothing of a refused file is kept: all it read counts as rejected, the refusal and rejects file say why.
    Object.assign(result, { status: 'refused', refusal, inserted: 0, updated: 0, unchanged: 0, rejected: result.read });
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
    const { table, stats: fileStats } = await readDatasetColumns({
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
    const rows = canonicalRows(schema, table);
    if (dryRun) {
      for (let i = 0; i < table.length; i++) {
        const stored = statements?.rowOf.get(rows.key(i)) as string | undefined;
        if (stored === undefined) result.inserted++;
        else if (stored !== rows.json(i)) result.updated++;
        else result.unchanged++;
      }
    } else writeRows(statements!, rows, table.length, table.source.line, batch, result);
    result.read = stats?.rows ?? 0;
    result.rejected = stats?.rejected ?? 0;
    const written = rejects?.finish([dataset]) ?? {};
    const rejectsFile = written[dataset]?.[0];
    if (rejectsFile) result.rejects = path.relative(config.root, rejectsFile).split(path.sep).join('/');

    if (fileProblem) return refuse({ kind: 'problem', problem: fileProblem });
    if (stats?.sha256 !== before.sha256) return refuse({ kind: 'changed-while-read' });
    if (result.read > 0 && result.rejected === result.read) return refuse({ kind: 'every-row-rejected' });
    if (!dryRun) {
      const { read, inserted, updated, unchanged, rejected } = result;
      statements!.closeBatch.run(read, inserted, updated, unchanged, rejected, batch);
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

/**
 * Writes a file's rows in groups: one INSERT OR IGNORE per group, which into an empty store (the big first
 * import) inserts them all. When some keys were already stored, each row of the group is looked at: its
 * batch says whether this group inserted it; otherwise it is updated when its canonical text differs.
 * Keys are unique within the file (the reader rejects repeats), so each key is written once per batch.
 */
function writeRows(
  statements: ReturnType<typeof prepare>,
  rows: CanonicalRows,
  length: number,
  lines: Int32Array,
  batch: number,
  result: FileImport,
): void {
  const params: (string | number)[] = [];
  const writeGroup = (from: number, to: number): void => {
    params.length = 0;
    for (let i = from; i < to; i++) params.push(rows.key(i), rows.json(i), batch, lines[i]!);
    const insert = to - from === INSERT_GROUP ? statements.insertGroup : statements.insert;
    if (to - from !== INSERT_GROUP && to - from !== 1) {
      for (let i = from; i < to; i++) writeGroup(i, i + 1);
      return;
    }
    const inserted = insert.run(...params).changes;
    if (inserted === to - from) {
      result.inserted += inserted;
      return;
    }
    for (let i = from, p = 0; i < to; i++, p += 4) {
      const key = params[p] as string;
      if (statements.batchOfKey.get(key) === batch) result.inserted++;
      else if (statements.update.run(params[p + 1], batch, lines[i]!, key, params[p + 1]).changes === 1) {
        result.updated++;
      } else result.unchanged++;
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
    batchOfKey: db.prepare(`SELECT batch FROM ${table} WHERE key = ?`).pluck(),
    batchOf: db.prepare('SELECT batch FROM batches WHERE dataset = ? AND sha256 = ? ORDER BY batch LIMIT 1').pluck(),
    newBatch: db.prepare('INSERT INTO batches (dataset, file, sha256, imported_at) VALUES (?, ?, ?, ?)'),
    closeBatch: db.prepare(
      'UPDATE batches SET rows_read = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ? WHERE batch = ?',
    ),
    rowOf: db.prepare(`SELECT row FROM ${table} WHERE key = ?`).pluck(),
    insert: db.prepare(`INSERT OR IGNORE INTO ${table} (key, row, batch, line) VALUES (?, ?, ?, ?)`),
    // An unchanged row keeps the batch and line that brought its current values.
    update: db.prepare(`UPDATE ${table} SET row = ?, batch = ?, line = ? WHERE key = ? AND row <> ?`),
  };
}
