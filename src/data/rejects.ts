// Rejected rows, written with their reasons under .impact/rejects/ so nothing is lost. A row from a file is
// written in that file's own dialect (delimiter, encoding, its original headers and cells, so decimal marks
// and the partner's words are kept), the reason columns first: a fixed row can be copied back into the
// file, or the rejects file fed back as it is (the reason columns are then ignored). Rows without a file of
// their own (from the store) get the dataset's canonical columns.
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { describeProblem, type Lang, type Problem } from '../problems.js';
import { checkInside, type WorkspaceBounds } from '../workspace-paths.js';
import { DATASET_ORDER, type DatasetName, SCHEMAS } from './datasets.js';
import type { Delimiter, TextEncoding } from './dialect.js';

/** How the source file is written; its rejects are written the same way. */
export interface RejectsDialect {
  header: string[];
  delimiter: Delimiter;
  encoding: TextEncoding;
  /** Set for a workbook: its rejects are a CSV file Excel opens (UTF-8 with a BOM). */
  sheet?: string;
}

interface Target {
  fd: number;
  temp: string;
  final: string;
  delimiter: Delimiter;
  encoding: TextEncoding;
  bom: boolean;
  count: number;
}

/** A rejects file's name for one source file (under the rejects folder), or for rows from the store. */
export type RejectsName = (dataset: DatasetName, source: string | undefined) => string;

const stem = (file: string): string => path.basename(file).replace(/\.[^.]+$/, '');

export class RejectsWriter {
  private readonly dialects = new Map<string, RejectsDialect>();
  private readonly open = new Map<string, Target>();
  private readonly names = new Map<string, string>();
  private readonly written = new Map<DatasetName, string[]>();
  constructor(
    private readonly folder: string,
    private readonly lang: Lang,
    /** `.impact/rejects` may be a symlink to elsewhere: checked before anything is written or removed. */
    bounds: WorkspaceBounds,
    /** `impact import` names its rejects after the imported file, beside the ones `validate` writes. */
    private readonly fileName?: RejectsName,
  ) {
    checkInside(bounds, folder, 'rejects');
  }

  /** The dialect and header of a source file, told before its first row. */
  begin(dataset: DatasetName, file: string, dialect: RejectsDialect): void {
    this.dialects.set(`${dataset}\u0000${file}`, dialect);
  }

  /** `cells` are the record's own cells for a file told to begin(), else the dataset's canonical cells. */
  write(dataset: DatasetName, file: string, line: number, cells: (string | undefined)[], problems: Problem[]): void {
    const id = `${dataset}\u0000${file}`;
    const dialect = this.dialects.get(id);
    const key = dialect ? id : dataset;
    let target = this.open.get(key);
    if (!target) {
      const final = path.join(this.folder, this.nameFor(dataset, dialect ? file : undefined));
      mkdirSync(path.dirname(final), { recursive: true });
      const temp = `${final}.tmp-${process.pid}`;
      const workbook = dialect?.sheet !== undefined;
      target = {
        fd: openSync(temp, 'w'),
        temp,
        final,
        delimiter: dialect?.delimiter ?? ',',
        encoding: workbook ? 'utf-8' : (dialect?.encoding ?? 'utf-8'),
        bom: workbook || (dialect?.encoding ?? 'utf-8').startsWith('utf-16'),
        count: 0,
      };
      this.open.set(key, target);
      const columns = dialect ? dialect.header : ['_file', ...SCHEMAS[dataset].columns.map((c) => c.name)];
      const header = dialect
        ? ['_line', '_codes', '_reasons', ...columns]
        : ['_file', '_line', '_codes', '_reasons', ...columns.slice(1)];
      this.emit(target, header, true);
      const list = this.written.get(dataset) ?? [];
      list.push(final);
      this.written.set(dataset, list);
    }
    const codes = [...new Set(problems.map((p) => p.code))].join(' ');
    const reasons = problems
      .map((p) => `${p.column ? `${p.column}: ` : ''}${describeProblem(p, this.lang)}`)
      .join(' | ');
    const values = cells.map((c) => c ?? '');
    this.emit(
      target,
      dialect ? [String(line), codes, reasons, ...values] : [file, String(line), codes, reasons, ...values],
    );
    target.count++;
  }

  private nameFor(dataset: DatasetName, source: string | undefined): string {
    if (this.fileName) return this.fileName(dataset, source);
    if (source === undefined) return `${dataset}.csv`;
    // One rejects file per source file, named after it; a second source of the same name gets a number.
    let name = `${dataset}/${stem(source)}.csv`;
    const taken = new Set(this.names.values());
    for (let n = 2; taken.has(name); n++) name = `${dataset}/${stem(source)}-${n}.csv`;
    this.names.set(`${dataset}\u0000${source}`, name);
    return name;
  }

  private emit(target: Target, cells: string[], first = false): void {
    // Formula-looking cells (= + - @, tab, CR first) are neutralised: the file is meant to be opened in a spreadsheet.
    const text = stringify([cells], { delimiter: target.delimiter, escape_formulas: true });
    const bytes =
      target.encoding === 'utf-8'
        ? Buffer.from(first && target.bom ? `\ufeff${text}` : text, 'utf8')
        : iconv.encode(text, target.encoding === 'windows-1252' ? 'win1252' : target.encoding, {
            addBOM: first && target.bom,
          });
    writeSync(target.fd, bytes);
  }

  /**
   * Closes every rejects file (renamed into place whole) and removes stale ones of these datasets (from an
   * earlier run). Returns the files written, per dataset.
   */
  finish(datasets: readonly DatasetName[] = DATASET_ORDER): Record<string, string[]> {
    for (const target of this.open.values()) {
      closeSync(target.fd);
      renameSync(target.temp, target.final);
    }
    const result: Record<string, string[]> = {};
    for (const dataset of datasets) {
      const written = this.written.get(dataset) ?? [];
      if (written.length > 0) result[dataset] = written;
      const keep = new Set(written);
      const stale = this.fileName
        ? [path.join(this.folder, this.fileName(dataset, undefined))]
        : [
            path.join(this.folder, `${dataset}.csv`),
            ...listFolder(path.join(this.folder, dataset)).map((f) => path.join(this.folder, dataset, f)),
          ];
      for (const file of stale) if (!keep.has(file)) rmSync(file, { force: true });
    }
    this.open.clear();
    this.written.clear();
    return result;
  }
}

function listFolder(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
