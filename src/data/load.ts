// Reading one dataset: files -> records -> typed rows, every row used or rejected with reasons.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Problem } from '../problems.js';
import { canonicalCells, KEY_SEPARATOR, rowKey } from './canonical.js';
import { type DatasetName, type RowOf, SCHEMAS, type Sourced, type SourceRef } from './datasets.js';
import { type DatasetFormat, type FileFormat, resolveFormat, sniffFile } from './dialect.js';
import { isDelimitedText, openRecords, UnsupportedFormatError } from './records.js';
import type { RejectsWriter } from './rejects.js';
import { cellsForSchema, mapHeader, type TypingOptions, typeRecord } from './rows.js';
import { cellsInDialect, locateInSheet, MissingSheetError } from './xlsx.js';

export interface DatasetOptions extends TypingOptions, DatasetFormat {
  files: string[];
  /** The format each entry of `files` gives itself (same index as `files`). */
  formats?: (FileFormat | undefined)[];
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
  /** Filled with the index of the first pattern that names each file, for its own format. */
  origin?: Map<string, number>,
): Promise<string[]> {
  const files = new Set<string>();
  const add = (file: string, index: number): void => {
    files.add(file);
    if (origin && !origin.has(file)) origin.set(file, index);
  };
  for (const [index, pattern] of patterns.entries()) {
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
      for (const f of found) add(f.split(path.sep).join('/'), index);
    } else if (existsSync(path.resolve(root, pattern))) {
      add(pattern, index);
    } else {
      sink.add({ code: 'source-error', severity: 'error', dataset, file: pattern, args: { reason: 'file not found' } });
    }
  }
  return [...files].sort();
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What stopped a file being read, as its one problem. */
function readProblem(error: unknown, dataset: DatasetName, file: string): Problem {
  if (error instanceof UnsupportedFormatError) {
    return { code: 'unsupported-format', severity: 'error', dataset, file, args: { format: `.${error.format}` } };
  }
  if (error instanceof MissingSheetError) {
    const sheets = error.sheets.join(', ');
    return {
      code: 'format-error',
      severity: 'error',
      dataset,
      file,
      args: {
        reason_en: `no sheet "${error.sheet}" in this workbook (sheets: ${sheets || 'none'})`,
        reason_fr: `pas de feuille « ${error.sheet} » dans ce classeur (feuilles : ${sheets || 'aucune'})`,
      },
    };
  }
  return { code: 'source-error', severity: 'error', dataset, file, args: { reason: errorText(error) } };
}

/**
 * Rows that were typed before, e.g. imported into the store by `impact import`: they skip typing but
 * go through the same key and reference checks as file rows, after them.
 */
export interface TypedRowSource<D extends DatasetName> {
  /** The source's name in the counts (FileStats.file), e.g. `.impact/store.db#beneficiaries`. */
  label: string;
  /** Each row with where it came from (the imported file and line, and its batch). */
  rows: Iterable<Sourced<RowOf[D]>>;
  /** Known once `rows` is exhausted. */
  sha256: () => string;
}

export interface ReadDatasetArgs<D extends DatasetName> {
  root: string;
  dataset: D;
  options: DatasetOptions;
  /** These workspace-relative files, taken literally, instead of expanding `options.files`. */
  files?: string[];
  /** Read after the files. */
  typedRows?: TypedRowSource<D>;
  references: References;
  sink: ProblemSink;
  rejects?: RejectsWriter;
  onRow: (row: Sourced<RowOf[D]>) => void;
  /** Rows read so far of the current file, for a progress bar. */
  onProgress?: (file: string, rows: number, fraction?: number) => void;
}

/**
 * Streams every file of one dataset, types and checks each row, and hands good rows to `onRow`.
 * Keys are registered for later datasets' references. Returns per-file counts where
 * rows = used + rejected (and one more entry for `typedRows`).
 */
export async function readDataset<D extends DatasetName>(args: ReadDatasetArgs<D>): Promise<FileStats[]> {
  const { root, dataset, options, references, sink, rejects, onRow } = args;
  const schema = SCHEMAS[dataset];
  const origin = new Map<string, number>();
  const files = args.files ?? (await resolveDatasetFiles(root, dataset, options.files, sink, origin));
  references.declare(dataset);
  // First place each key was seen, as sourceIndex * 1e9 + line (a number: no string per row), to word
  // unique-error; sourceNames[sourceIndex] names the file.
  const seen = new Map<string, number>();
  const sourceNames = args.typedRows ? [...files, args.typedRows.label] : files;
  const stats: FileStats[] = [];
  const refColumns = schema.columns.flatMap((c) => (c.references ? [{ name: c.name, target: c.references }] : []));

  // How far into the current file the reader is, for a progress bar (none for stored rows).
  let fractionRead: (() => number) | undefined;
  // A workbook's problems are located at their sheet's cell (Feuille1!B14) as well as their row.
  let locate: ((problem: Problem) => Problem) | undefined;

  /** The checks between rows (references, unique key), then the row is used or rejected with every reason. */
  const settle = (
    fileStats: FileStats,
    sourceIndex: number,
    source: SourceRef,
    cells: (string | undefined)[] | (() => string[]),
    row: Record<string, unknown> | null,
    problems: Problem[],
    /** The reasons were already reported once (a header problem): they only go to the rejects file. */
    reported = false,
  ): void => {
    // Built only for a problem: most rows have none, and this runs for every row.
    const where = () => ({
      dataset,
      file: source.file,
      line: source.line,
      ...(source.batch !== undefined ? { batch: source.batch } : {}),
    });
    let keyText = '';
    if (row) {
      for (const ref of refColumns) {
        const value = row[ref.name];
        if (typeof value === 'string' && !references.has(ref.target, value)) {
          problems.push({
            ...where(),
            severity: 'error',
            code: 'foreign-key-error',
            column: ref.name,
            value,
            args: { target: ref.target.replace(/s$/, ''), dataset: ref.target, ref: value },
          });
        }
      }
      keyText = rowKey(schema, row);
      const first = seen.get(keyText);
      if (first !== undefined) {
        const firstFile = sourceNames[Math.floor(first / 1e9)] ?? '';
        problems.push({
          ...where(),
          severity: 'error',
          code: 'unique-error',
          column: schema.key.join('+'),
          value: keyText.split(KEY_SEPARATOR).join(' + '),
          args: { key: schema.key.join(' + '), first: `${firstFile}:${first % 1e9}` },
        });
      }
    }
    if (problems.length > 0 || !row) {
      fileStats.rejected++;
      if (!reported) for (const p of problems) sink.add(locate ? locate(p) : p);
      rejects?.write(dataset, source.file, source.line, typeof cells === 'function' ? cells() : cells, problems);
    } else {
      fileStats.used++;
      seen.set(keyText, sourceIndex * 1e9 + source.line);
      if (schema.key.length === 1) references.register(dataset, keyText);
      // The row is this reader's own object (typed here or parsed from the store): it takes its source as is.
      row.source = source;
      onRow(row as unknown as Sourced<RowOf[D]>);
    }
    if (args.onProgress && fileStats.rows % 10_000 === 0) {
      args.onProgress(fileStats.file, fileStats.rows, fractionRead?.());
    }
  };

  for (const [fileIndex, file] of files.entries()) {
    const absolute = path.resolve(root, file);
    const own = options.formats?.[origin.get(file) ?? -1];
    let resolved: ReturnType<typeof resolveFormat>;
    try {
      resolved = resolveFormat(options, own, isDelimitedText(absolute) ? sniffFile(absolute) : undefined, {
        dataset,
        file,
      });
    } catch (error) {
      sink.add({ code: 'source-error', severity: 'error', dataset, file, args: { reason: errorText(error) } });
      stats.push({ dataset, file, sha256: '', rows: 0, used: 0, rejected: 0 });
      continue;
    }
    const format = resolved.format;
    locate = undefined;
    if (resolved.problem) sink.add(resolved.problem);
    const typing: TypingOptions = { ...options, ...format };
    const source = openRecords(absolute, {
      encoding: format.encoding,
      keyColumn: schema.key[0]!,
      delimiter: format.delimiter,
      ...(format.sheet !== undefined ? { sheet: format.sheet } : {}),
      schema,
      columns: format.columns,
    });
    fractionRead = source.fractionRead;
    const fileStats: FileStats = { dataset, file, sha256: '', rows: 0, used: 0, rejected: 0 };
    let header: ReturnType<typeof mapHeader> | undefined;
    let unreadable = false;
    try {
      for await (const record of source.records) {
        if (!header) {
          header = mapHeader(schema, record.cells, format.columns, { dataset, file, line: record.line });
          const sheet = source.sheetName;
          if (sheet !== undefined) {
            const indexes = header.indexes;
            const cellOf = (column: string): number =>
              indexes[schema.columns.findIndex((c) => c.name === column)] ?? -1;
            locate = (p) => locateInSheet(p, sheet, cellOf);
          }
          for (const p of header.problems) sink.add(locate ? locate(p) : p);
          rejects?.begin(dataset, file, {
            header: record.cells,
            ...format,
            ...(source.sheetName ? { sheet: source.sheetName } : {}),
          });
          continue;
        }
        fileStats.rows++;
        const where = { dataset, file, line: record.line };
        const cells = cellsForSchema(header, record.cells);
        let problems: Problem[];
        let row: Record<string, unknown> | null = null;
        let reported = false;
        if (record.problem) {
          const { code, ...reasons } = record.problem;
          // The encoding-error wording names the encoding the file was read with.
          const problemArgs = code === 'encoding-error' ? { encoding: format.encoding } : reasons;
          problems = [{ ...where, severity: 'error', code, args: problemArgs }];
        } else if (header.fatal) {
          problems = header.problems
            .filter((p) => p.severity === 'error')
            .map((p) => ({ ...p, line: record.line, value: undefined }));
          // Said once at the header; each row still goes to the rejects file with the reason.
          reported = true;
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
          const native = record.native;
          const nativeCells = native ? header.indexes.map((i) => i >= 0 && native[i] === true) : undefined;
          const typed = typeRecord(schema, cells, typing, where, nativeCells);
          problems = typed.problems;
          row = typed.row;
        }
        const written = record.native ? () => cellsInDialect(record.cells, record.native, format) : record.cells;
        settle(fileStats, fileIndex, { file, line: record.line }, written, row, problems, reported);
      }
    } catch (error) {
      unreadable = true;
      sink.add(readProblem(error, dataset, file));
    }
    // Nothing at all, not even a header: said once, naming the file, rather than passing as "0 rows".
    if (!unreadable && !header && fileStats.rows === 0)
      sink.add({ code: 'empty-file', severity: 'warning', dataset, file });
    fileStats.sha256 = source.sha256();
    stats.push(fileStats);
  }
  if (args.typedRows) {
    const { label, rows } = args.typedRows;
    const fileStats: FileStats = { dataset, file: label, sha256: '', rows: 0, used: 0, rejected: 0 };
    // Stored rows are typed again like file rows: a store edited by hand, or written by an older
    // impactkit, cannot slip a `2024-99-99` past the rules.
    const canonical: TypingOptions = { decimal: '.', dateFormat: 'yyyy-mm-dd', levels: options.levels };
    for (const row of rows) {
      fileStats.rows++;
      const cells = canonicalCells(schema, row);
      const { file, line, batch } = row.source;
      const typed = typeRecord(schema, cells, canonical, {
        dataset,
        file,
        line,
        ...(batch !== undefined ? { batch } : {}),
      });
      settle(fileStats, files.length, row.source, cells, typed.row, typed.problems);
    }
    fileStats.sha256 = args.typedRows.sha256();
    stats.push(fileStats);
  }
  return stats;
}
