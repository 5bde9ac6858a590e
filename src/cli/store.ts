// `impact store status` and `impact store export`: what the store holds, and its rows back out as CSV, so
// imported data never gets trapped in it.
import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import { tempPathFor } from '../atomic-write.js';
import type { Config } from '../config/index.js';
import { canonicalCells } from '../data/canonical.js';
import { DATASET_ORDER, type DatasetName, SCHEMAS } from '../data/datasets.js';
import { t } from '../messages.js';
import { exportedRows, readStoreStatus } from '../store/read.js';
import { undoBatch } from '../store/undo.js';
import { EXIT, formatCount, type Terminal, UsageError } from './io.js';
import { checkOutputFile, outputGuard } from './outputs.js';

const BATCHES_SHOWN = 20;

export function datasetArgument(name: string): DatasetName {
  const dataset = DATASET_ORDER.find((d) => d === name);
  if (!dataset) {
    throw new UsageError(
      (lang) => t(lang, 'usage.unknownDataset', { name }),
      [(lang) => t(lang, 'usage.expectedOneOf', { list: DATASET_ORDER.join(', ') })],
    );
  }
  return dataset;
}

export function runStoreStatus(config: Config, options: { json?: boolean }, term: Terminal): number {
  const lang = config.locale;
  const status = readStoreStatus(config.root);
  if (options.json) {
    term.out(JSON.stringify(status ?? { file: null, datasets: [], batches: [] }, null, 2));
    return EXIT.ok;
  }
  const { c } = term;
  if (!status) {
    term.out(`${t(lang, 'noStore')}${t(lang, 'punct.colon')}${t(lang, 'noStoreHint')}`);
    return EXIT.ok;
  }
  const n = (value: number) => formatCount(value, lang);
  const style = { compact: true, head: c.level > 0 ? ['bold'] : [], border: c.level > 0 ? ['grey'] : [] };
  term.out(
    c.bold(
      `${t(lang, 'store')}${t(lang, 'punct.colon')}${status.file} (${t(lang, 'schemaVersion')} ${status.schema_version})`,
    ),
  );
  const datasets = new Table({
    head: [t(lang, 'dataset'), t(lang, 'rows'), t(lang, 'batches')],
    colAligns: ['left', 'right', 'right'],
    style,
  });
  for (const d of status.datasets) {
    if (d.rows > 0 || d.batches > 0) datasets.push([d.dataset, n(d.rows), n(d.batches)]);
  }
  term.out(datasets.toString());
  if (status.batches.length === 0) return EXIT.ok;
  const batches = new Table({
    head: [
      t(lang, 'batch'),
      t(lang, 'dataset'),
      t(lang, 'file'),
      'sha256',
      t(lang, 'read'),
      t(lang, 'inserted'),
      t(lang, 'updated'),
      t(lang, 'unchanged'),
      t(lang, 'rejected'),
      t(lang, 'importedAt'),
    ],
    colAligns: ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
    style,
  });
  const shown = status.batches.slice(-BATCHES_SHOWN);
  for (const b of shown) {
    batches.push([
      String(b.batch),
      b.dataset,
      b.file,
      b.sha256.slice(0, 12),
      n(b.read),
      n(b.inserted),
      n(b.updated),
      n(b.unchanged),
      b.rejected > 0 ? c.red(n(b.rejected)) : '0',
      b.imported_at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    ]);
  }
  term.out(batches.toString());
  const earlier = status.batches.length - shown.length;
  if (earlier > 0) term.out(c.dim(`… ${n(earlier)} ${t(lang, 'earlierBatches')}`));
  return EXIT.ok;
}

/** The dataset's rows in key order as CSV in canonical form (the dataset's columns, ISO dates, '.' decimals). */
export async function runStoreExport(
  config: Config,
  datasetName: string,
  options: { output?: string; excel?: boolean },
): Promise<number> {
  const dataset = datasetArgument(datasetName);
  const schema = SCHEMAS[dataset];
  const toStdout = options.output === undefined || options.output === '-';
  const guard = toStdout ? undefined : await outputGuard(config);
  const target = guard ? checkOutputFile(guard, options.output!, 'export') : '';
  // Formula-escaped only for a spreadsheet (--excel): by default the export gives back the stored values exactly.
  const forSpreadsheet = options.excel === true;
  function* chunks(): Generator<string> {
    yield stringify([schema.columns.map((column) => column.name)], { escape_formulas: forSpreadsheet });
    let batch: string[][] = [];
    for (const row of exportedRows(config.root, dataset)) {
      batch.push(canonicalCells(schema, row));
      if (batch.length === 1000) {
        yield stringify(batch, { escape_formulas: forSpreadsheet });
        batch = [];
      }
    }
    if (batch.length > 0) yield stringify(batch, { escape_formulas: forSpreadsheet });
  }
  if (!guard) {
    await writeAll(process.stdout, chunks());
    return EXIT.ok;
  }
  // Written in .impact/tmp and renamed into place, so a reader never sees half an export.
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = tempPathFor(config.root, target);
  const stream = createWriteStream(temp);
  try {
    await writeAll(stream, chunks());
    stream.end();
    await once(stream, 'finish');
    renameSync(temp, target);
  } catch (error) {
    stream.destroy();
    rmSync(temp, { force: true });
    throw error;
  }
  return EXIT.ok;
}

async function writeAll(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
}

/** `impact store log`: the ledger, oldest first, with each batch's counts and whether it was undone. */
export function runStoreLog(config: Config, options: { json?: boolean }, term: Terminal): number {
  const lang = config.locale;
  const status = readStoreStatus(config.root);
  const batches = status?.batches ?? [];
  if (options.json) {
    term.out(JSON.stringify({ batches }, null, 2));
    return EXIT.ok;
  }
  const { c } = term;
  if (batches.length === 0) {
    term.out(t(lang, 'noBatches'));
    return EXIT.ok;
  }
  const n = (value: number) => formatCount(value, lang);
  const style = { compact: true, head: c.level > 0 ? ['bold'] : [], border: c.level > 0 ? ['grey'] : [] };
  const table = new Table({
    head: [
      t(lang, 'batch'),
      t(lang, 'dataset'),
      t(lang, 'file'),
      t(lang, 'read'),
      t(lang, 'inserted'),
      t(lang, 'updated'),
      t(lang, 'unchanged'),
      t(lang, 'held'),
      t(lang, 'rejected'),
      t(lang, 'status'),
    ],
    colAligns: ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    style,
  });
  for (const b of batches) {
    table.push([
      String(b.batch),
      b.dataset,
      b.file,
      n(b.read),
      n(b.inserted),
      n(b.updated),
      n(b.unchanged),
      n(b.held),
      n(b.rejected),
      b.undone ? c.yellow(t(lang, 'undone')) : '',
    ]);
  }
  term.out(table.toString());
  return EXIT.ok;
}

/** `impact store undo BATCH`. */
export function runStoreUndo(config: Config, batch: number, options: { json?: boolean }, term: Terminal): number {
  const lang = config.locale;
  const result = undoBatch(config.root, batch);
  if (options.json) {
    term.out(JSON.stringify(result, null, 2));
    return EXIT.ok;
  }
  const n = (value: number) => formatCount(value, lang);
  term.out(`${t(lang, 'undoneBatch')} ${result.batch} (${result.dataset} ← ${result.file})`);
  term.out(`  ${n(result.deleted)} ${t(lang, 'deleted')}, ${n(result.restored)} ${t(lang, 'restored')}`);
  return EXIT.ok;
}
