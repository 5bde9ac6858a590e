// What reading a dataset shares between its parts: the options, per-file counts, where problems go, the
// keys of the datasets read so far (references), and the expansion of a dataset's paths and globs.
// The reading itself is dataset-to-columns.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Problem } from '../problems.js';
import type { DatasetName, RowOf, Sourced } from './datasets.js';
import type { DatasetFormat, FileFormat } from './dialect.js';
import { UnsupportedFormatError } from './records.js';
import type { TypingOptions } from './rows.js';
import { WorkbookShapeError } from './workbook-zip.js';
import { MissingSheetError } from './xlsx.js';

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
  /** Datasets read into a column table answer from it (no set of strings per row). */
  private readonly lookups = new Map<DatasetName, ((key: string) => boolean)[]>();
  register(dataset: DatasetName, key: string): void {
    const set = this.keys.get(dataset);
    if (set) set.add(key);
    else this.keys.set(dataset, new Set([key]));
  }
  registerLookup(dataset: DatasetName, has: (key: string) => boolean): void {
    this.declare(dataset);
    const list = this.lookups.get(dataset);
    if (list) list.push(has);
    else this.lookups.set(dataset, [has]);
  }
  /** A dataset that is not configured at all cannot be checked against, so anything passes. */
  has(dataset: DatasetName, key: string): boolean {
    const set = this.keys.get(dataset);
    if (set === undefined) return true;
    if (set.has(key)) return true;
    return this.lookups.get(dataset)?.some((has) => has(key)) ?? false;
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
      sink.add({
        code: 'source-error',
        severity: 'error',
        dataset,
        file: pattern,
        args: { reason: 'file not found', errno: 'ENOENT' },
      });
    }
  }
  return [...files].sort();
}

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A source-error's arguments: the system's own text, and its error code (`EACCES`, `EISDIR`…) when it
 * has one, which problems.ts words from the catalogue in the reader's language.
 */
export function sourceErrorArgs(error: unknown): { reason: string; errno?: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code)
    ? { reason: errorText(error), errno: code }
    : { reason: errorText(error) };
}

/** What stopped a file being read, as its one problem. */
export function readProblem(error: unknown, dataset: DatasetName, file: string): Problem {
  if (error instanceof UnsupportedFormatError) {
    return { code: 'unsupported-format', severity: 'error', dataset, file, args: { format: `.${error.format}` } };
  }
  if (error instanceof MissingSheetError) {
    const sheets = error.sheets.join(', ');
    const none = error.sheets.length === 0;
    return {
      code: 'format-error',
      severity: 'error',
      dataset,
      file,
      args: {
        reason_en: none
          ? 'this workbook has no sheet'
          : `no sheet "${error.sheet}" in this workbook (sheets: ${sheets})`,
        reason_fr: none
          ? 'ce classeur n’a aucune feuille'
          : `pas de feuille « ${error.sheet} » dans ce classeur (feuilles\u00a0: ${sheets})`,
      },
    };
  }
  if (error instanceof WorkbookShapeError) {
    const { reason_en, reason_fr } = error;
    return { code: 'format-error', severity: 'error', dataset, file, args: { reason_en, reason_fr } };
  }
  return { code: 'source-error', severity: 'error', dataset, file, args: sourceErrorArgs(error) };
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
