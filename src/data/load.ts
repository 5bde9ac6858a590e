// Reading one dataset: files -> records -> typed rows, every row used or rejected with reasons.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Problem } from '../problems.js';
import { type DatasetName, type RowOf, SCHEMAS, type Sourced } from './datasets.js';
import { openRecords } from './records.js';
import type { RejectsWriter } from './rejects.js';
import { cellsForSchema, mapHeader, type TypingOptions, typeRecord } from './rows.js';

export interface DatasetOptions extends TypingOptions {
  files: string[];
  delimiter?: ',' | ';';
  encoding: 'utf-8' | 'windows-1252';
  columns: Record<string, string>;
}

export interface FileStats {
  dataset: DatasetName;
  file: string;
  sha256: string;
  rows: number;
  used: number;
  rejected: number;
}

export interface ProblemSink {
  add(problem: Problem): void;
}

/** Keys of the datasets read so far, for references (foreign keys) between datasets. */
export class References {
  private readonly keys = new Map<DatasetName, Set<string>>();
  register(dataset: DatasetName, key: string): void {
    const set = this.keys.get(dataset);
    if (set) set.add(key);
    else this.keys.set(dataset, new Set([key]));
  }
  /** A dataset that is not configured at all cannot be checked against, so anything passes. */
  has(dataset: DatasetName, key: string): boolean {
    const set = this.keys.get(dataset);
    return set === undefined || set.has(key);
  }
  declare(dataset: DatasetName): void {
    if (!this.keys.has(dataset)) this.keys.set(dataset, new Set());
  }
}

/** Expands the dataset's paths and globs (relative to the workspace) into sorted relative files. */
export async function resolveDatasetFiles(
  root: string,
  dataset: DatasetName,
  patterns: string[],
  sink: ProblemSink,
): Promise<string[]> {
  const files = new Set<string>();
  for (const pattern of patterns) {
    if (isDynamicPattern(pattern)) {
      const found = await glob(pattern, { cwd: root, onlyFiles: true, expandDirectories: false });
      if (found.length === 0) {
        sink.add({
          code: 'source-error',
          severity: 'warning',
          dataset,
          file: pattern,
          args: { reason: 'no file matches this pattern' },
        });
      }
      for (const f of found) files.add(f.split(path.sep).join('/'));
    } else if (existsSync(path.resolve(root, pattern))) {
      files.add(pattern);
    } else {
      sink.add({ code: 'source-error', severity: 'error', dataset, file: pattern, args: { reason: 'file not found' } });
    }
  }
  return [...files].sort();
}

export interface ReadDatasetArgs<D extends DatasetName> {
  root: string;
  dataset: D;
  options: DatasetOptions;
  references: References;
  sink: ProblemSink;
  rejects?: RejectsWriter;
  onRow: (row: Sourced<RowOf[D]>) => void;
  /** Bytes read so far of the current file, for a progress bar. */
  onProgress?: (file: string, rows: number) => void;
}

/**
 * Streams every file of one dataset, types and checks each row, and hands good rows to `onRow`.
 * Keys are registered for later datasets' references. Returns per-file counts where
 * rows = used + rejected.
 */
export async function readDataset<D extends DatasetName>(args: ReadDatasetArgs<D>): Promise<FileStats[]> {
  const { root, dataset, options, references, sink, rejects, onRow } = args;
  const schema = SCHEMAS[dataset];
  const files = await resolveDatasetFiles(root, dataset, options.files, sink);
  references.declare(dataset);
  // First place each key was seen, as "file:line", to word unique-error.
  const seen = new Map<string, number>();
  const stats: FileStats[] = [];
  const keyIndexes = schema.key.map((k) => schema.columns.findIndex((c) => c.name === k));
  const refColumns = schema.columns.flatMap((c) => (c.references ? [{ name: c.name, target: c.references }] : []));

  for (const [fileIndex, file] of files.entries()) {
    const source = openRecords(path.resolve(root, file), {
      encoding: options.encoding,
      keyColumn: schema.key[0]!,
      ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    });
    const fileStats: FileStats = { dataset, file, sha256: '', rows: 0, used: 0, rejected: 0 };
    let header: ReturnType<typeof mapHeader> | undefined;
    try {
      for await (const record of source.records) {
        if (!header) {
          header = mapHeader(schema, record.cells, options.columns, { dataset, file });
          for (const p of header.problems) sink.add(p);
          continue;
        }
        fileStats.rows++;
        const where = { dataset, file, line: record.line };
        const cells = cellsForSchema(header, record.cells);
        let problems: Problem[];
        let row: Record<string, unknown> | null = null;
        if (record.problem) {
          const { code, ...reasons } = record.problem;
          // The encoding-error wording names the encoding the file was read with.
          const problemArgs = code === 'encoding-error' ? { encoding: options.encoding } : reasons;
          problems = [{ ...where, severity: 'error', code, args: problemArgs }];
        } else if (header.fatal) {
          problems = header.problems
            .filter((p) => p.severity === 'error')
            .map((p) => ({ ...p, line: record.line, value: undefined }));
        } else if (record.cells.every((c) => c.trim() === '')) {
          problems = [{ ...where, severity: 'error', code: 'blank-row' }];
        } else if (record.cells.length > header.headerCount) {
          problems = [
            {
              ...where,
              severity: 'error',
              code: 'extra-cell',
              args: { cells: record.cells.length, headers: header.headerCount },
            },
          ];
        } else if (record.cells.length < header.headerCount) {
          problems = [
            {
              ...where,
              severity: 'error',
              code: 'missing-cell',
              args: { cells: record.cells.length, headers: header.headerCount },
            },
          ];
        } else {
          const typed = typeRecord(schema, cells, options, where);
          problems = typed.problems;
          row = typed.row;
        }
        let keyText = '';
        if (row) {
          for (const ref of refColumns) {
            const value = row[ref.name];
            if (typeof value === 'string' && !references.has(ref.target, value)) {
              problems.push({
                ...where,
                severity: 'error',
                code: 'foreign-key-error',
                column: ref.name,
                value,
                args: { target: ref.target.replace(/s$/, ''), dataset: ref.target, ref: value },
              });
            }
          }
          keyText = keyIndexes.map((i) => String(row?.[schema.columns[i]!.name] ?? '')).join('\u001f');
          const first = seen.get(keyText);
          if (first !== undefined) {
            const firstFile = files[Math.floor(first / 1e9)] ?? '';
            problems.push({
              ...where,
              severity: 'error',
              code: 'unique-error',
              column: schema.key.join('+'),
              value: keyText.split('\u001f').join(' + '),
              args: { key: schema.key.join(' + '), first: `${firstFile}:${first % 1e9}` },
            });
          }
        }
        if (problems.length > 0 || !row) {
          fileStats.rejected++;
          for (const p of problems) sink.add(p);
          rejects?.write(dataset, file, record.line, cells, problems);
        } else {
          fileStats.used++;
          seen.set(keyText, fileIndex * 1e9 + record.line);
          if (schema.key.length === 1) references.register(dataset, keyText);
          onRow({ ...(row as unknown as RowOf[D]), source: { file, line: record.line } });
        }
        if (args.onProgress && fileStats.rows % 50_000 === 0) args.onProgress(file, fileStats.rows);
      }
    } catch (error) {
      sink.add({
        code: 'source-error',
        severity: 'error',
        dataset,
        file,
        args: { reason: error instanceof Error ? error.message : String(error) },
      });
    }
    fileStats.sha256 = source.sha256();
    stats.push(fileStats);
  }
  return stats;
}
