// One dataset's files -> one ColumnTable, every row used or rejected with its reasons, in source order.
// CSV files go bytes -> records (csv-scan.ts) -> chunk columns (csv-to-columns.ts) -> this module, which
// settles each row in order on the main thread: string-like cells are typed once per distinct raw text
// (a territory code is looked up once, not once per row), then rows are checked against each other and
// the datasets before them on integer codes (unique keys as code tuples, references by code), and
// appended to growable typed arrays. A row the byte path is not sure of (see ROW_SLOW) is typed from its
// text by the reference rules of rows.ts, so wording and edge cases have one source. YAML files and rows
// from the store come as text records or typed rows and go through the same checks.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Problem } from '../problems.js';
import { ByteDict, RowKeyIndex } from './byte-dict.js';
import { canonicalCells } from './canonical.js';
import {
  type Column,
  type ColumnTable,
  type DictCodes,
  dayNumber,
  type IndexArray,
  isoDay,
  lazyDictColumn,
  MISSING_CODE,
  MISSING_DAY,
} from './columns.js';
import { type CsvRecord, recordProblem } from './csv.js';
import { type PieceResult, type PieceSizes, scanInPieces, warmScanWorkers } from './csv-pieces.js';
import {
  type CsvDelimiter,
  CsvScanner,
  detectDelimiterBytes,
  recordCells,
  type ScannedRecord,
  scanCsvFile,
} from './csv-scan.js';
import {
  ChunkBuilder,
  type ChunkColumns,
  type ChunkDict,
  type ChunkPlan,
  chunkPlan,
  ROW_FAST,
  ROW_PROBLEM,
} from './csv-to-columns.js';
import {
  type ColumnSpec,
  type DatasetName,
  type DatasetSchema,
  ROW_ORDER_CHECKS,
  SCHEMAS,
  type SourceRef,
} from './datasets.js';
import { resolveFormat, sniffFile } from './dialect.js';
import { GrowArray } from './grow-array.js';
import {
  type DatasetOptions,
  type FileStats,
  type ProblemSink,
  type References,
  readProblem,
  resolveDatasetFiles,
  sourceErrorArgs,
  type TypedRowSource,
} from './load.js';
import { isDelimitedText, openRecords } from './records.js';
import type { RejectsWriter } from './rejects.js';
import { cellsForSchema, type HeaderMap, mapHeader, type TypingOptions, typeCell, typeRecord } from './rows.js';
import { cellsInDialect, locateInSheet } from './xlsx.js';

/** A typed cell result besides a code: empty (after trimming), or not valid (the reference rules word why). */
const TYPED_EMPTY = -2;
const TYPED_FAIL = -3;
const UNRESOLVED = -4;

type Kind = 'dict' | 'code' | 'day' | 'cents' | 'number';

function kindOf(spec: ColumnSpec): Kind {
  switch (spec.kind.type) {
    case 'enum':
    case 'boolean':
      return 'code';
    case 'date':
      return 'day';
    case 'money':
      return 'cents';
    case 'number':
    case 'integer':
      return 'number';
    default:
      return 'dict';
  }
}

const BOOLEAN_VALUES = ['false', 'true'] as const;
/** An integer column whose every value a Float32 holds exactly (|v| up to 2^24). */
function smallInteger(spec: ColumnSpec): boolean {
  return spec.kind.type === 'integer' && Math.max(Math.abs(spec.kind.min), Math.abs(spec.kind.max)) <= 2 ** 24;
}
/** Printable ASCII only (no control or invisible character), with no space at either end. */
function plainAscii(bytes: Uint8Array, start: number, end: number): boolean {
  if (bytes[start] === 32 || bytes[end - 1] === 32) return false;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b < 32 || b > 126) return false;
  }
  return true;
}
let viewOf: Uint8Array | undefined;
let view: Buffer | undefined;
/** The UTF-8 text of bytes[start, end) (a chunk dictionary's arena: one Buffer view per arena, not per text). */
function textOf(bytes: Uint8Array, start: number, end: number): string {
  if (viewOf !== bytes) {
    viewOf = bytes;
    view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  }
  return view!.toString('utf8', start, end);
}

/**
 * The values of a column as strings, kept as UTF-8 bytes in a byte dictionary: a text is decoded when a
 * problem or a consumer asks for it, so ten million distinct ids cost their bytes, not ten million strings.
 */
class StringDict {
  readonly bytes = new ByteDict(256);
  /** Texts whose UTF-8 form does not give them back (a lone surrogate from a YAML escape). */
  private readonly unencodable = new Map<number, string>();
  private scratch = Buffer.allocUnsafe(256);
  private view: Buffer | undefined;

  addBytes(bytes: Uint8Array, start: number, end: number): number {
    return this.bytes.add(bytes, start, end);
  }

  addString(text: string): number {
    const length = this.encode(text);
    const code = this.bytes.add(this.scratch, 0, length);
    if (code === this.bytes.size - 1 && LONE_SURROGATE.test(text) && !this.unencodable.has(code)) {
      this.unencodable.set(code, text);
    }
    return code;
  }

  getString(text: string): number {
    const length = this.encode(text);
    return this.bytes.get(this.scratch, 0, length);
  }

  get size(): number {
    return this.bytes.size;
  }

  text(code: number): string {
    const odd = this.unencodable.get(code);
    if (odd !== undefined) return odd;
    const arena = this.bytes.arena;
    if (this.view?.buffer !== arena.buffer) this.view = Buffer.from(arena.buffer, arena.byteOffset, arena.length);
    return this.view!.toString('utf8', this.bytes.starts[code]!, this.bytes.starts[code + 1]!);
  }

  private encode(text: string): number {
    if (this.scratch.length < text.length * 3) this.scratch = Buffer.allocUnsafe(text.length * 3);
    return this.scratch.write(text, 0, 'utf8');
  }
}
const LONE_SURROGATE = /[\uD800-\uDFFF]/;

/** One output column: its typed values for the used rows, and how raw texts are typed into it. */
class ColumnState {
  readonly kind: Kind;
  /** The used rows' values (codes, day numbers or numbers), by row. */
  readonly store: GrowArray<Int32Array | Int16Array | Int8Array | Float64Array | Float32Array>;
  /** A dict column's largest code its store holds (Int8, then Int16, then Int32: most dictionaries are small). */
  private codeLimit = 127;
  readonly dict: StringDict | undefined;
  readonly values: readonly string[];
  /** Raw text (bytes) -> typed result, for texts that are not their own trimmed form. */
  readonly raw = new ByteDict(64);
  rawResult = new Int32Array(64);
  /** The typed value of an empty cell, or undefined. */
  readonly defaultValue: number | undefined;
  /** Per code: 0 not looked up yet, 1 the referenced row exists, 2 it does not. */
  refState = new Int8Array(0);

  constructor(
    readonly spec: ColumnSpec,
    private options: TypingOptions,
  ) {
    this.kind = kindOf(spec);
    this.values = spec.kind.type === 'enum' ? spec.kind.values : spec.kind.type === 'boolean' ? BOOLEAN_VALUES : [];
    this.dict = this.kind === 'dict' ? new StringDict() : undefined;
    this.store =
      this.kind === 'code' || this.kind === 'dict'
        ? new GrowArray<Int8Array>((n) => new Int8Array(n))
        : this.kind === 'day'
          ? new GrowArray<Int32Array>((n) => new Int32Array(n))
          : smallInteger(spec)
            ? new GrowArray<Float32Array>((n) => new Float32Array(n))
            : new GrowArray<Float64Array>((n) => new Float64Array(n));
    this.defaultValue = spec.default === undefined ? undefined : this.typeText(spec.default);
  }

  /** Each file has its own typing options (decimal mark, vocabulary): the texts typed so far are forgotten. */
  setOptions(options: TypingOptions): void {
    this.options = options;
    this.raw.clear();
  }

  /** A cell's text -> a code, TYPED_EMPTY or TYPED_FAIL (dict and code kinds), by rows.ts's typeCell. */
  typeText(raw: string): number {
    if (raw.trim() === '') return TYPED_EMPTY;
    const typed = typeCell(this.spec, raw, this.options);
    if ('constraint' in typed || !typed.ok) return TYPED_FAIL;
    const value = typed.value;
    if (this.kind === 'code') {
      return this.spec.kind.type === 'boolean' ? (value === true ? 1 : 0) : this.values.indexOf(String(value));
    }
    return this.coded(this.dict!.addString(String(value)));
  }

  /** A new dictionary code: the store widens when the code outgrows it (a row may hold it next). */
  private coded(code: number): number {
    if (code > this.codeLimit) {
      const used = this.usedRows();
      if (code > 32767) {
        this.codeLimit = 2147483647;
        this.store.retype((n) => new Int32Array(n), used);
      } else {
        this.codeLimit = 32767;
        this.store.retype((n) => new Int16Array(n), used);
      }
    }
    return code;
  }

  /** The table's used rows so far (set by the table builder): what widening the store copies. */
  usedRows: () => number = () => 0;

  /**
   * Rows [from, from + count) of a chunk column typed into `out` (by row of the run). A row already
   * marked in `slow` is skipped; a row whose cell needs the reference rules (not valid, or empty where
   * required) is marked.
   */
  typeRun(
    values: Int32Array | Float64Array | null,
    dict: ChunkDict | null,
    remap: Int32Array | null,
    from: number,
    count: number,
    out: Int32Array | Float64Array,
    slow: Uint8Array,
  ): void {
    const emptySlow = this.defaultValue === undefined && this.spec.required === true;
    const emptyValue = this.defaultValue ?? this.missing();
    if (!values) {
      for (let k = 0; k < count; k++) {
        if (slow[k]) continue;
        if (emptySlow) slow[k] = 1;
        else out[k] = emptyValue;
      }
    } else if (this.kind === 'dict' || this.kind === 'code') {
      for (let k = 0; k < count; k++) {
        if (slow[k]) continue;
        const local = values[from + k]!;
        let value = TYPED_EMPTY;
        if (local >= 0) {
          value = remap![local]!;
          if (value === UNRESOLVED) {
            value = this.typeBytes(dict!.arena, dict!.starts[local]!, dict!.starts[local + 1]!);
            remap![local] = value;
          }
        }
        if (value === TYPED_FAIL) slow[k] = 1;
        else if (value !== TYPED_EMPTY) out[k] = value;
        else if (emptySlow) slow[k] = 1;
        else out[k] = emptyValue;
      }
    } else if (this.kind === 'day') {
      for (let k = 0; k < count; k++) {
        if (slow[k]) continue;
        const value = values[from + k]!;
        if (value !== MISSING_DAY) out[k] = value;
        else if (emptySlow) slow[k] = 1;
        else out[k] = emptyValue;
      }
    } else {
      for (let k = 0; k < count; k++) {
        if (slow[k]) continue;
        const value = values[from + k]!;
        if (!Number.isNaN(value)) out[k] = value;
        else if (emptySlow) slow[k] = 1;
        else out[k] = emptyValue;
      }
    }
  }

  /** A raw text's bytes -> its typed result, typing each distinct text once. */
  typeBytes(bytes: Uint8Array, start: number, end: number): number {
    if ((this.spec.kind.type === 'id' || this.spec.kind.type === 'text') && plainAscii(bytes, start, end)) {
      // Printable ASCII throughout and at both ends not a space: the text is its own trimmed, NFC form.
      return this.coded(this.dict!.addBytes(bytes, start, end));
    }
    const known = this.raw.get(bytes, start, end);
    if (known >= 0) return this.rawResult[known]!;
    const result = this.typeText(textOf(bytes, start, end));
    const entry = this.raw.add(bytes, start, end);
    if (entry >= this.rawResult.length) {
      const grown = new Int32Array(this.rawResult.length * 2);
      grown.set(this.rawResult);
      this.rawResult = grown;
    }
    this.rawResult[entry] = result;
    return result;
  }

  /** A typed row's value (as rows.ts gives it) -> the column's number. */
  fromValue(value: unknown): number {
    if (value === undefined || value === null) return this.missing();
    switch (this.kind) {
      case 'dict':
        return this.coded(this.dict!.addString(String(value)));
      case 'code':
        return this.spec.kind.type === 'boolean' ? (value === true ? 1 : 0) : this.values.indexOf(String(value));
      case 'day':
        return dayNumber(String(value));
      default:
        return Number(value);
    }
  }

  missing(): number {
    return this.kind === 'day'
      ? MISSING_DAY
      : this.kind === 'cents' || this.kind === 'number'
        ? Number.NaN
        : MISSING_CODE;
  }

  isMissing(value: number): boolean {
    return this.kind === 'day'
      ? value === MISSING_DAY
      : this.kind === 'cents' || this.kind === 'number'
        ? Number.isNaN(value)
        : value === MISSING_CODE;
  }

  /** The value as text for a problem's wording (the key of a unique-error, the id of a foreign-key-error). */
  text(value: number): string {
    if (this.isMissing(value)) return '';
    if (this.kind === 'dict') return this.dict!.text(value);
    if (this.kind === 'code') return this.values[value]!;
    if (this.kind === 'day') return isoDay(value);
    return String(value);
  }

  /**
   * The column of the table's `length` rows, in one array; `lookups` keeps the dictionary searchable.
   * Unsealed (`seal` false), it is a view of the rows so far while more are being read.
   */
  toColumn(length: number, lookups: boolean, seal = true): Column {
    switch (this.kind) {
      case 'dict': {
        const dict = this.dict!;
        if (seal) dict.bytes.seal(lookups);
        return lazyDictColumn(this.store.view(length) as DictCodes, dict);
      }
      case 'code':
        return {
          type: this.spec.kind.type === 'boolean' ? 'boolean' : 'enum',
          codes: this.store.view(length) as Int8Array,
          values: this.values,
        };
      case 'day':
        return { type: 'day', days: this.store.view(length) as Int32Array };
      default:
        return { type: this.kind, values: this.store.view(length) as Float64Array | Float32Array };
    }
  }
}

export interface ReadColumnsArgs {
  root: string;
  dataset: DatasetName;
  options: DatasetOptions;
  /** These workspace-relative files, taken literally, instead of expanding `options.files`. */
  files?: string[];
  /** Rows typed before (the store's), read after the files through the same checks. */
  typedRows?: TypedRowSource<DatasetName>;
  references: References;
  sink: ProblemSink;
  rejects?: RejectsWriter;
  /** Rows read so far of the current file, for a progress bar. */
  onProgress?: (file: string, rows: number, fraction?: number) => void;
  /**
   * Called each time a CSV file's rows are settled, with the table of the rows used so far (TableBuilder.live):
   * an import writes them while the rest of the file is read. Settled rows are final: the table returned at
   * the end holds them at the same indexes.
   */
  onRows?: (rows: ColumnTable) => void;
  /** Bytes read per step (tests make it small so that records fall across steps). */
  chunkSize?: number;
  /**
   * When given, a file scanned by worker threads has its sha256 filled in its stats later (hashed on a thread
   * of its own): the promise handed here says when, and must be awaited before the stats are read.
   */
  deferHash?: (hashed: Promise<void>) => void;
  /** When a UTF-8 file is scanned by worker threads: from this size, in these pieces, on these threads. */
  parallel?: { fromBytes: number; pieces?: number; threads?: number };
}

/** Files from this size are scanned on both cores; smaller ones are not worth a worker's start. */
const PARALLEL_FROM = 32 << 20;
const PIECE_BYTES = 4 << 20;
/** The first piece is small: until it is scanned (after the workers start) this thread has nothing to settle. */
const FIRST_PIECE_BYTES = 512 << 10;
/** How fast pieces grow from the first to PIECE_BYTES (csv-pieces.ts `PieceSizes`). */
const PIECE_GROWTH = 1.5;

/** Where a row being settled came from. */
interface Place {
  file: string;
  /** Index into the table's source files. */
  fileIndex: number;
  line: number;
  /** 0 for a file row. */
  batch: number;
}

/** The rows of one dataset being settled into its table. */
export class TableBuilder {
  readonly schema: DatasetSchema;
  readonly columns: ColumnState[];
  length = 0;
  private readonly sourceFile = new GrowArray<Int32Array>((n) => new Int32Array(n));
  private readonly sourceLine = new GrowArray<Int32Array>((n) => new Int32Array(n));
  private readonly sourceBatch = new GrowArray<Int32Array>((n) => new Int32Array(n));
  readonly files: string[] = [];
  private readonly fileIndexes = new Map<string, number>();
  private readonly vector: Float64Array;
  private readonly keyColumns: number[];
  private readonly refColumns: { index: number; target: DatasetName }[];
  private readonly orderChecks: { before: number; after: number }[];
  private readonly ageColumns: { birthYear: number; age: number; entry: number } | undefined;
  /** Per code of the first key column (+1): the first used row with it (-1 none). Then tuple -> row. */
  private firstBySingle = new Int32Array(256).fill(-1);
  private readonly firstByTuple: RowKeyIndex | undefined;
  private readonly tuple: Int32Array;
  /** Names the source of a first-seen row in a unique-error (files, and the store's label). */
  private storeLabel = '';
  stats!: FileStats;
  onProgress: ((file: string, rows: number) => void) | undefined;

  constructor(
    readonly dataset: DatasetName,
    private options: TypingOptions,
    private readonly references: References,
    private readonly sink: ProblemSink,
    private readonly rejects: RejectsWriter | undefined,
  ) {
    const schema = SCHEMAS[dataset];
    this.schema = schema;
    this.columns = schema.columns.map((spec) => new ColumnState(spec, options));
    for (const column of this.columns) column.usedRows = () => this.length;
    this.vector = new Float64Array(schema.columns.length);
    const indexOf = (name: string) => schema.columns.findIndex((c) => c.name === name);
    this.keyColumns = schema.key.map(indexOf);
    this.refColumns = schema.columns.flatMap((c, index) => (c.references ? [{ index, target: c.references }] : []));
    this.ageColumns =
      dataset === 'beneficiaries'
        ? { birthYear: indexOf('birth_year'), age: indexOf('age'), entry: indexOf('entry_date') }
        : undefined;
    this.orderChecks = (ROW_ORDER_CHECKS[dataset] ?? []).map((c) => ({
      before: indexOf(c.before),
      after: indexOf(c.after),
    }));
    const checked = new Set([...this.keyColumns, ...this.refColumns.map((r) => r.index)]);
    for (const check of this.orderChecks) checked.add(check.before).add(check.after);
    if (this.ageColumns) checked.add(this.ageColumns.birthYear).add(this.ageColumns.age).add(this.ageColumns.entry);
    this.checked = [...checked].sort((a, b) => a - b);
    this.copied = this.columns.flatMap((_, c) => (checked.has(c) ? [] : [c]));
    const keyStores = this.keyColumns.map((c) => this.columns[c]!.store);
    this.firstByTuple =
      this.keyColumns.length > 1
        ? new RowKeyIndex(this.keyColumns.length, (row, k) => keyStores[k]!.array[row]!)
        : undefined;
    this.tuple = new Int32Array(this.keyColumns.length);
    references.declare(dataset);
    if (this.keyColumns.length === 1) {
      const key = this.columns[this.keyColumns[0]!]!;
      references.registerLookup(dataset, (text) => {
        const code = key.dict!.getString(text);
        return code >= 0 && code + 1 < this.firstBySingle.length && this.firstBySingle[code + 1]! >= 0;
      });
    }
  }

  fileIndex(file: string): number {
    let index = this.fileIndexes.get(file);
    if (index === undefined) {
      index = this.files.length;
      this.files.push(file);
      this.fileIndexes.set(file, index);
    }
    return index;
  }

  /** The typing options of the file about to be read (its own decimal mark, date format, vocabulary). */
  setTyping(options: TypingOptions): void {
    this.options = options;
    for (const column of this.columns) column.setOptions(options);
  }

  setStoreLabel(label: string): void {
    this.storeLabel = label;
  }

  private progress(): void {
    if (this.onProgress && this.stats.rows % 10_000 === 0) this.onProgress(this.stats.file, this.stats.rows);
  }

  /**
   * Settles a chunk's rows in order. `buf` holds the records' bytes (to decode a rejected row's cells);
   * `lineBase` is the editor line the chunk's relative lines count from. A row the worker was not sure of
   * is typed by the reference rules; the runs of rows between them are settled by settleRun.
   */
  settleChunk(
    chunk: ChunkColumns,
    buf: Buffer,
    header: HeaderMap,
    place: Place,
    lineBase: number,
    delimiter: number,
  ): void {
    const remaps = chunk.dicts.map((d) => (d ? new Int32Array(d.size).fill(UNRESOLVED) : null));
    const flags = chunk.flag;
    let from = 0;
    while (from < chunk.rows) {
      let to = from;
      while (to < chunk.rows && flags[to] === ROW_FAST) to++;
      if (to > from) this.settleRun(chunk, remaps, buf, header, place, lineBase, delimiter, from, to);
      if (to < chunk.rows) {
        this.stats.rows++;
        place.line = lineBase + chunk.line[to]!;
        const flag = flags[to]!;
        const problem = flag > ROW_PROBLEM ? recordProblem(flag - ROW_PROBLEM, this.encoding) : undefined;
        this.settleText(recordAt(buf, chunk.start[to]!, chunk.end[to]!, delimiter), problem, header, place, true);
        to++;
      }
      from = to;
    }
  }

  /** Per column, the typed values of the run being settled, by row of the run. */
  private runValues: (Int32Array | Float64Array)[] = [];
  /** Per row of the run: 1 when a cell needs the reference rules. */
  private runSlow = new Uint8Array(0);
  /** Per row of the run: the table row it went into by the byte path, or -1. */
  private runRow = new Int32Array(0);
  /** The columns the checks between rows read (key, references, date order, age): through the vector. */
  private readonly checked: number[];
  /** The other columns: copied into the table once per run, column by column. */
  private readonly copied: number[];

  /**
   * Rows [from, to) of a chunk, all scanned without doubt: typed column by column (each column's
   * dictionary meets its texts in row order, as row by row; a row stops being typed at its first cell
   * that needs the reference rules), then checked row by row on the columns the checks read, then the
   * other columns of the rows used copied into the table, column by column.
   */
  private settleRun(
    chunk: ChunkColumns,
    remaps: (Int32Array | null)[],
    buf: Buffer,
    header: HeaderMap,
    place: Place,
    lineBase: number,
    delimiter: number,
    from: number,
    to: number,
  ): void {
    const count = to - from;
    const columns = this.columns;
    if (this.runSlow.length < count) {
      this.runSlow = new Uint8Array(count);
      this.runRow = new Int32Array(count);
      this.runValues = columns.map((c) =>
        c.kind === 'cents' || c.kind === 'number' ? new Float64Array(count) : new Int32Array(count),
      );
    }
    const slow = this.runSlow;
    const values = this.runValues;
    slow.fill(0, 0, count);
    for (let c = 0; c < columns.length; c++) {
      columns[c]!.typeRun(
        chunk.values[c] ?? null,
        chunk.dicts[c] ?? null,
        remaps[c] ?? null,
        from,
        count,
        values[c]!,
        slow,
      );
    }
    const vector = this.vector;
    const checked = this.checked;
    const rowOf = this.runRow;
    const firstRow = this.length;
    // Every row of the run used by the byte path, into consecutive table rows.
    let direct = true;
    for (let k = 0; k < count; k++) {
      const r = from + k;
      this.stats.rows++;
      place.line = lineBase + chunk.line[r]!;
      rowOf[k] = -1;
      let fast = slow[k] === 0;
      if (fast) {
        for (let j = 0; j < checked.length; j++) {
          const c = checked[j]!;
          vector[c] = values[c]![k]!;
        }
        fast = this.ordered() && this.plausibleAge();
      }
      if (!fast) {
        direct = false;
        this.settleText(recordAt(buf, chunk.start[r]!, chunk.end[r]!, delimiter), undefined, header, place, true);
        continue;
      }
      const problems = this.checkVector(place);
      if (problems) {
        direct = false;
        this.reject(place, problems, recordAt(buf, chunk.start[r]!, chunk.end[r]!, delimiter));
      } else rowOf[k] = this.accept(place, true);
      this.progress();
    }
    for (const c of this.copied) {
      const store = columns[c]!.store.array;
      const source = values[c]!;
      if (direct) store.set(source.subarray(0, count), firstRow);
      else for (let k = 0; k < count; k++) if (rowOf[k]! >= 0) store[rowOf[k]!] = source[k]!;
    }
  }

  /**
   * Whether a beneficiary's birth year gives a believable age at entry (rows.ts ageProblems words the
   * ones that do not: born after entry, older than 120, or more than a year from the `age` column).
   */
  private plausibleAge(): boolean {
    const ages = this.ageColumns;
    if (!ages) return true;
    const born = this.vector[ages.birthYear]!;
    const entry = this.vector[ages.entry]!;
    if (Number.isNaN(born) || entry === MISSING_DAY) return true;
    const fromBirth = yearOfDay(entry) - born;
    if (fromBirth < 0 || fromBirth > 120) return false;
    const age = this.vector[ages.age]!;
    return Number.isNaN(age) || Math.abs(age - fromBirth) <= 1;
  }

  /** Whether the row's dates are in order (exit after entry, …): otherwise the reference rules word it. */
  private ordered(): boolean {
    for (const check of this.orderChecks) {
      const before = this.vector[check.before]!;
      const after = this.vector[check.after]!;
      if (before !== MISSING_DAY && after !== MISSING_DAY && after < before) return false;
    }
    return true;
  }

  /**
   * A record as text, typed by the reference rules (rows.ts): a record problem, an unusable header, a blank
   * row, a cell count that differs from the header, then each cell.
   */
  settleText(
    cells: string[],
    problem: CsvRecord['problem'],
    header: HeaderMap,
    place: Place,
    counted = false,
    record?: { native?: boolean[]; written?: () => (string | undefined)[]; locate?: (p: Problem) => Problem },
  ): void {
    if (!counted) this.stats.rows++;
    const where = { dataset: this.dataset, file: place.file, line: place.line };
    const schemaCells = cellsForSchema(header, cells);
    let problems: Problem[];
    let row: Record<string, unknown> | null = null;
    let reported = false;
    if (problem) {
      const { code, ...reasons } = problem;
      // The encoding-error wording names the encoding the file was read with.
      const problemArgs = code === 'encoding-error' ? { encoding: this.encoding } : reasons;
      problems = [{ ...where, severity: 'error', code, args: problemArgs }];
    } else if (header.fatal) {
      problems = header.problems
        .filter((p) => p.severity === 'error')
        .map((p) => ({ ...p, line: place.line, value: undefined }));
      // Said once at the header; each row still goes to the rejects file with the reason.
      reported = true;
    } else if (cells.every((c) => c.trim() === '')) {
      problems = [{ ...where, severity: 'error', code: 'blank-row' }];
    } else if (cells.length > header.headerCount) {
      problems = [
        { ...where, severity: 'error', code: 'extra-cell', args: { cells: cells.length, headers: header.headerCount } },
      ];
    } else if (cells.length < header.headerCount) {
      problems = [
        {
          ...where,
          severity: 'error',
          code: 'missing-cell',
          args: { cells: cells.length, headers: header.headerCount },
        },
      ];
    } else {
      const native = record?.native;
      const nativeCells = native ? header.indexes.map((i) => i >= 0 && native[i] === true) : undefined;
      const typed = typeRecord(this.schema, schemaCells, this.options, where, nativeCells);
      problems = typed.problems;
      row = typed.row;
    }
    const written = record?.written ?? (() => cells);
    this.locate = record?.locate;
    if (row) this.settleRow(row, place, written);
    else this.reject(place, problems, written(), reported);
    this.locate = undefined;
    this.progress();
  }

  /** A workbook's problems are located at their sheet's cell as well as their row. */
  private locate: ((p: Problem) => Problem) | undefined;

  /** The encoding named by encoding-error (set per file by the reader). */
  encoding = 'utf-8';

  /** A typed row (rows.ts or the store): its values into the vector, then the checks between rows. */
  settleRow(row: Record<string, unknown>, place: Place, cells: () => (string | undefined)[]): void {
    const columns = this.columns;
    for (let c = 0; c < columns.length; c++) this.vector[c] = columns[c]!.fromValue(row[columns[c]!.spec.name]);
    this.settleVector(place, cells);
  }

  /** Rows typed before (the store's): counted, checked and kept like file rows. */
  settleStored(row: Record<string, unknown>, source: SourceRef): void {
    this.stats.rows++;
    const place: Place = {
      file: source.file,
      fileIndex: this.fileIndex(source.file),
      line: source.line,
      batch: source.batch ?? 0,
    };
    // Stored rows are typed again like file rows: a store edited by hand, or written by an older
    // impactkit, cannot slip a `2024-99-99` past the rules.
    const cells = canonicalCells(this.schema, row);
    const where = {
      dataset: this.dataset,
      file: source.file,
      line: source.line,
      ...(place.batch > 0 ? { batch: place.batch } : {}),
    };
    const canonical: TypingOptions = { decimal: '.', dateFormat: 'yyyy-mm-dd', levels: this.options.levels };
    const typed = typeRecord(this.schema, cells, canonical, where);
    if (typed.row) this.settleRow(typed.row, place, () => cells);
    else this.reject(place, typed.problems, cells);
    this.progress();
  }

  /** References to earlier datasets and the unique key, on the vector's codes; then used or rejected. */
  private settleVector(place: Place, cells: () => (string | undefined)[]): void {
    const problems = this.checkVector(place);
    if (problems) this.reject(place, problems, cells());
    else this.accept(place);
  }

  /** The problems of the vector's references and key, or undefined. */
  private checkVector(place: Place): Problem[] | undefined {
    const vector = this.vector;
    let problems: Problem[] | undefined;
    const where = () => ({
      dataset: this.dataset,
      file: place.file,
      line: place.line,
      ...(place.batch > 0 ? { batch: place.batch } : {}),
    });
    for (const ref of this.refColumns) {
      const code = vector[ref.index]!;
      if (code === MISSING_CODE) continue;
      const column = this.columns[ref.index]!;
      if (code >= column.refState.length) {
        const grown = new Int8Array(Math.max(code + 1, column.refState.length * 2, 64));
        grown.set(column.refState);
        column.refState = grown;
      }
      let state = column.refState[code]!;
      if (state === 0) {
        state = this.references.has(ref.target, column.dict!.text(code)) ? 1 : 2;
        column.refState[code] = state;
      }
      if (state === 2) {
        const value = column.dict!.text(code);
        problems ??= [];
        problems.push({
          ...where(),
          severity: 'error',
          code: 'foreign-key-error',
          column: column.spec.name,
          value,
          args: { target: ref.target.replace(/s$/, ''), dataset: ref.target, ref: value },
        });
      }
    }
    const first = this.firstRowWithKey();
    if (first >= 0) {
      const firstFile =
        this.sourceBatch.array[first]! > 0 ? this.storeLabel : this.files[this.sourceFile.array[first]!]!;
      problems ??= [];
      problems.push({
        ...where(),
        severity: 'error',
        code: 'unique-error',
        column: this.schema.key.join('+'),
        value: this.keyColumns.map((c) => this.columns[c]!.text(vector[c]!)).join(' + '),
        args: { key: this.schema.key.join(' + '), first: `${firstFile}:${this.sourceLine.array[first]}` },
      });
    }
    return problems;
  }

  /**
   * The used row with the vector's key, or -1. Rows are found by their first key column's code (the
   * beneficiary: codes are dense and mostly new, so this is an array); only rows whose first key value
   * is shared go into the tuple map.
   */
  private firstRowWithKey(): number {
    const keys = this.keyColumns;
    const code = this.vector[keys[0]!]!;
    const slot = code + 1; // MISSING_CODE (-1) has slot 0
    const first = slot < this.firstBySingle.length ? this.firstBySingle[slot]! : -1;
    if (keys.length === 1 || first < 0) return first;
    let same = true;
    for (let k = 0; k < keys.length; k++) {
      const value = this.vector[keys[k]!]!;
      this.tuple[k] = value;
      if (this.columns[keys[k]!]!.store.array[first] !== value) same = false;
    }
    if (same) return first;
    return this.firstByTuple!.find(this.tuple);
  }

  /** Remembers the key of the row just used (the vector's; the tuple was filled by firstRowWithKey). */
  private rememberKey(row: number): void {
    const keys = this.keyColumns;
    const slot = this.vector[keys[0]!]! + 1;
    if (slot >= this.firstBySingle.length) {
      const grown = new Int32Array(Math.max(slot + 1, this.firstBySingle.length * 2)).fill(-1);
      grown.set(this.firstBySingle);
      this.firstBySingle = grown;
    }
    const first = this.firstBySingle[slot]!;
    if (first < 0) {
      this.firstBySingle[slot] = row;
      return;
    }
    // A second row with this first key value: both go into the tuple map from now on.
    const index = this.firstByTuple!;
    // The first row enters the index once, when its first key value is met again.
    if (index.find(this.firstKeyOf(first)) < 0) index.add(first);
    index.add(row);
  }

  private reject(place: Place, problems: Problem[], cells: (string | undefined)[], reported = false): void {
    this.stats.rejected++;
    if (!reported) for (const p of problems) this.sink.add(this.locate ? this.locate(p) : p);
    this.rejects?.write(this.dataset, place.file, place.line, cells, problems);
  }

  /** Uses the vector's row (only its checked columns with `checkedOnly`: settleRun copies the rest); returns its row. */
  private accept(place: Place, checkedOnly = false): number {
    this.stats.used++;
    const row = this.length;
    if (row === this.sourceLine.capacity) this.reserve(row * 2);
    const vector = this.vector;
    const columns = this.columns;
    if (checkedOnly) {
      const checked = this.checked;
      for (let j = 0; j < checked.length; j++) columns[checked[j]!]!.store.array[row] = vector[checked[j]!]!;
    } else for (let c = 0; c < columns.length; c++) columns[c]!.store.array[row] = vector[c]!;
    // Arrays start as zeros: a zero is not written, so a table of one file and no batch leaves them untouched.
    if (place.fileIndex !== 0) this.sourceFile.array[row] = place.fileIndex;
    this.sourceLine.array[row] = place.line;
    if (place.batch !== 0) this.sourceBatch.array[row] = place.batch;
    this.length = row + 1;
    this.rememberKey(row);
    return row;
  }

  private readonly firstKey = new Int32Array(8);
  /** The key of a used row, as a tuple. */
  private firstKeyOf(row: number): Int32Array {
    const keys = this.keyColumns;
    for (let k = 0; k < keys.length; k++) this.firstKey[k] = this.columns[keys[k]!]!.store.array[row]!;
    return this.firstKey;
  }

  /**
   * `read` of the file's bytes are settled: a dictionary that holds about one text per row so far (ids)
   * takes room for the rest of the file's at once (its offsets and bytes a little over the estimate, its
   * hash table a little under, so that it does not double for texts that never come), and so does the
   * composite key's index.
   */
  expectRest(read: number): void {
    if (!(read > 0 && read < 1)) return;
    // The composite key's index: about one entry per used row (a little under, as for the ids).
    this.firstByTuple?.reserve(Math.ceil((this.length / read) * 0.95));
    for (const column of this.columns) {
      const bytes = column.dict?.bytes;
      if (!bytes || bytes.size < this.length / 2) continue;
      const expected = bytes.size / read;
      bytes.reserve(Math.ceil(expected * 1.05), Math.ceil((bytes.used / read) * 1.05), Math.ceil(expected * 0.95));
    }
  }

  /** Room for `rows` used rows in every array (a large file's estimated rows, reserved once). */
  reserve(rows: number): void {
    for (const column of this.columns) column.store.reserve(rows, this.length);
    this.sourceFile.reserve(rows, this.length);
    this.sourceLine.reserve(rows, this.length);
    this.sourceBatch.reserve(rows, this.length);
  }

  /**
   * The rows settled so far, while more are read: views of the arrays, valid until the next chunk is
   * settled; a dict column's texts are read with dictText (its `dict` array would be a snapshot).
   */
  live(): ColumnTable {
    const n = this.length;
    const columns: Record<string, Column> = {};
    for (const column of this.columns) columns[column.spec.name] = column.toColumn(n, true, false);
    return {
      dataset: this.dataset,
      length: n,
      columns,
      source: {
        file: this.sourceFile.view(n),
        line: this.sourceLine.view(n),
        batch: this.sourceBatch.view(n),
        files: this.files,
      },
    };
  }

  /** The table: views of the arrays' first `length` slots. */
  finish(): ColumnTable {
    const n = this.length;
    const columns: Record<string, Column> = {};
    // A single-column key stays searchable: later datasets look their references up in it.
    const lookups = this.keyColumns.length === 1 ? this.keyColumns[0] : -1;
    this.columns.forEach((column, c) => {
      columns[column.spec.name] = column.toColumn(n, c === lookups);
    });
    return {
      dataset: this.dataset,
      length: n,
      columns,
      source: {
        file: narrowest(this.sourceFile, n),
        line: this.sourceLine.view(n),
        batch: narrowest(this.sourceBatch, n),
        files: this.files,
      },
    };
  }
}

/** Row indexes (files, batches) in the narrowest array that holds them: most tables have one file, no batch. */
function narrowest(values: GrowArray<Int32Array>, length: number): IndexArray {
  const all = values.view(length);
  let max = 0;
  for (let i = 0; i < length; i++) if (all[i]! > max) max = all[i]!;
  if (max >= 65536) return all;
  if (max === 0) return new Uint8Array(length);
  return max < 256 ? Uint8Array.from(all) : Uint16Array.from(all);
}

/** The table without the given rows (a check over whole datasets rejected them after reading). */
export function dropRows(table: ColumnTable, drop: ReadonlySet<number>): ColumnTable {
  const keep: number[] = [];
  for (let i = 0; i < table.length; i++) if (!drop.has(i)) keep.push(i);
  const pick = <T extends Int32Array | Int16Array | Int8Array | Uint8Array | Uint16Array | Float64Array | Float32Array>(
    a: T,
  ): T => {
    const out = new (a.constructor as new (n: number) => T)(keep.length);
    keep.forEach((from, to) => {
      out[to] = a[from]!;
    });
    return out;
  };
  const columns: Record<string, Column> = {};
  for (const [name, column] of Object.entries(table.columns)) {
    switch (column.type) {
      case 'dict':
        columns[name] = { ...column, codes: pick(column.codes) };
        break;
      case 'day':
        columns[name] = { ...column, days: pick(column.days) };
        break;
      case 'enum':
      case 'boolean':
        columns[name] = { ...column, codes: pick(column.codes) };
        break;
      default:
        columns[name] = { ...column, values: pick(column.values) };
    }
  }
  const { source } = table;
  return {
    ...table,
    length: keep.length,
    columns,
    source: { file: pick(source.file), line: pick(source.line), batch: pick(source.batch), files: source.files },
  };
}

/**
 * Starts the scanning workers now when one of `files` (absolute paths) will be read in pieces: they boot
 * while the small datasets before it are read, not after (csv-pieces.ts `warmScanWorkers`).
 */
export function warmWorkersFor(files: readonly string[]): void {
  for (const file of files) {
    const share = parallelShare(file, undefined);
    if (share) {
      warmScanWorkers(share.threads);
      return;
    }
  }
}

/** How to share a file between worker threads, or undefined to read it on this thread. */
function parallelShare(
  absolute: string,
  parallel: ReadColumnsArgs['parallel'],
): { pieces: PieceSizes; threads: number } | undefined {
  const threads = parallel?.threads ?? Math.min(2, availableParallelism());
  const size = statSync(absolute, { throwIfNoEntry: false })?.size ?? 0;
  if (threads < 2 || size < (parallel?.fromBytes ?? PARALLEL_FROM)) return undefined;
  return {
    pieces: parallel?.pieces ?? { first: FIRST_PIECE_BYTES, largest: PIECE_BYTES, growth: PIECE_GROWTH },
    threads,
  };
}

interface FileHead {
  cells: string[];
  /** File offset where the header record ends (its line break). */
  end: number;
  line: number;
  delimiter: number;
}

/**
 * A UTF-8 file read in pieces by worker threads (csv-pieces.ts): its header here, then each piece settled in
 * file order by `start(head).onPiece`. Returns, once the pieces are settled, the file's sha256 to come: it is
 * hashed on a thread of its own meanwhile, so that this thread only settles rows.
 */
async function readInPieces(
  absolute: string,
  pieces: PieceSizes,
  threads: number,
  start: (head: FileHead) => { plan: ChunkPlan; onPiece: (piece: PieceResult, lineBase: number) => void },
  delimiter?: CsvDelimiter,
): Promise<{ hashed: Promise<string> }> {
  const hashed = hashFileOnWorker(absolute);
  // Awaited by the caller, or not at all when the scan fails first: that must not end the process.
  hashed.catch(() => {});
  const size = statSync(absolute).size;
  const head = readHead(absolute, size, delimiter);
  if (head) {
    const { plan, onPiece } = start(head);
    await scanInPieces(absolute, head.end, size, pieces, threads, head.delimiter, plan, onPiece, head.line);
  }
  return { hashed };
}

/** The hashing thread: reads the file in 1 MiB steps and posts its sha256 (hex). */
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const hash = createHash('sha256');
const fd = openSync(workerData, 'r');
const buf = Buffer.allocUnsafe(1 << 20);
try {
  for (let at = 0; ; ) {
    const n = readSync(fd, buf, 0, buf.length, at);
    if (n === 0) break;
    hash.update(buf.subarray(0, n));
    at += n;
  }
} finally {
  closeSync(fd);
}
parentPort.postMessage(hash.digest('hex'));
`;

function hashFileOnWorker(absolute: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASH_WORKER, { eval: true, workerData: absolute });
    worker.once('message', (hex: string) => resolve(hex));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the hashing thread stopped (exit code ${code})`)));
  });
}

/** The header record of a file, read from its first bytes (the BOM skipped); undefined for a file of blank lines. */
function readHead(absolute: string, size: number, delimiter?: CsvDelimiter): FileHead | undefined {
  const fd = openSync(absolute, 'r');
  try {
    let buf = Buffer.allocUnsafe(1 << 16);
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger);
        buf = bigger;
      }
      const n = readSync(fd, buf, length, buf.length - length, length);
      length += n;
      const final = n === 0 || length >= size;
      const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
      const found = delimiter ?? detectDelimiterBytes(buf.subarray(bom), length - bom, final);
      if (found) {
        const d = found.charCodeAt(0);
        let head: FileHead | undefined;
        new CsvScanner(d).scan(buf, bom, length, final, (record) => {
          head ??= { cells: recordCells(buf, record), end: record.end, line: record.line, delimiter: d };
        });
        if (head || final) return head;
      }
      if (final) return undefined;
    }
  } finally {
    closeSync(fd);
  }
}

/** The cells of the record at buf[start, end) (its line break excluded), as text. */
function recordAt(buf: Buffer, start: number, end: number, delimiter: number): string[] {
  let cells: string[] = [''];
  new CsvScanner(delimiter).scan(buf, start, end, true, (record: ScannedRecord) => {
    cells = recordCells(buf, record);
  });
  return cells;
}

/**
 * Reads every file of one dataset (then its stored rows) into one table. Returns the table and per-file
 * counts where rows = used + rejected.
 */
export async function readDatasetColumns(args: ReadColumnsArgs): Promise<{ table: ColumnTable; stats: FileStats[] }> {
  const { root, dataset, options, sink } = args;
  const schema = SCHEMAS[dataset];
  const origin = new Map<string, number>();
  const files = args.files ?? (await resolveDatasetFiles(root, dataset, options.files, sink, origin));
  const builder = new TableBuilder(dataset, options, args.references, sink, args.rejects);
  const stats: FileStats[] = [];
  for (const file of files) {
    const absolute = path.resolve(root, file);
    // The file's own format over the dataset's; encoding and delimiter detected from CSV bytes.
    const own = options.formats?.[origin.get(file) ?? -1];
    let resolved: ReturnType<typeof resolveFormat>;
    try {
      resolved = resolveFormat(options, own, isDelimitedText(absolute) ? sniffFile(absolute) : undefined, {
        dataset,
        file,
      });
    } catch (error) {
      sink.add({ code: 'source-error', severity: 'error', dataset, file, args: sourceErrorArgs(error) });
      stats.push({ dataset, file, sha256: '', rows: 0, used: 0, rejected: 0 });
      continue;
    }
    const format = resolved.format;
    if (resolved.problem) sink.add(resolved.problem);
    const typing: TypingOptions = { ...options, ...format };
    builder.setTyping(typing);
    builder.encoding = format.encoding;
    const fileStats: FileStats = { dataset, file, sha256: '', rows: 0, used: 0, rejected: 0 };
    builder.stats = fileStats;
    const place: Place = { file, fileIndex: builder.fileIndex(file), line: 0, batch: 0 };
    // Nothing at all, not even a header: said once, naming the file, rather than passing as "0 rows".
    if (statSync(absolute, { throwIfNoEntry: false })?.size === 0) {
      sink.add({ code: 'empty-file', severity: 'warning', dataset, file });
    }
    let size: number | undefined;
    let bytesRead = 0;
    let fractionRead: (() => number) | undefined;
    const fraction = (): number => {
      if (fractionRead) return fractionRead();
      size ??= statSync(absolute, { throwIfNoEntry: false })?.size ?? 0;
      return size > 0 ? Math.min(1, bytesRead / size) : 1;
    };
    builder.onProgress = args.onProgress ? (f, rows) => args.onProgress?.(f, rows, fraction()) : undefined;
    /** The header record: its problems, the rejects file's own header, and the chunk plan for CSV. */
    const readHeader = (cells: string[], line: number): { header: HeaderMap; plan: ChunkPlan } => {
      const header = mapHeader(schema, cells, format.columns, { dataset, file, line });
      // Under a wrong encoding every accented header is "unknown": the mismatch warning already names
      // the fix, so those echoes (mojibake quoted back into every report) are not repeated.
      const misread = resolved.problem?.code === 'encoding-mismatch';
      for (const p of header.problems) if (!(misread && p.code === 'extra-label')) sink.add(p);
      args.rejects?.begin(dataset, file, { header: cells, ...format });
      const plan = chunkPlan(
        schema,
        header.indexes,
        header.headerCount,
        header.fatal,
        format.dateFormat,
        format.decimal,
      );
      return { header, plan };
    };
    try {
      if (!isDelimitedText(absolute)) {
        // YAML and workbooks come as text records (a workbook's cells may be typed by Excel: `native`).
        const source = openRecords(absolute, {
          encoding: format.encoding,
          keyColumn: schema.key[0]!,
          delimiter: format.delimiter,
          ...(format.sheet !== undefined ? { sheet: format.sheet } : {}),
          schema,
          columns: format.columns,
        });
        fractionRead = source.fractionRead;
        let header: HeaderMap | undefined;
        let locate: ((problem: Problem) => Problem) | undefined;
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
              args.rejects?.begin(dataset, file, {
                header: record.cells,
                ...format,
                ...(source.sheetName ? { sheet: source.sheetName } : {}),
              });
              continue;
            }
            place.line = record.line;
            const native = record.native;
            builder.settleText(record.cells, record.problem, header, place, false, {
              ...(native ? { native, written: () => cellsInDialect(record.cells, native, format) } : {}),
              ...(locate ? { locate } : {}),
            });
          }
        } finally {
          fileStats.sha256 = source.sha256();
        }
      } else if (format.encoding === 'utf-8' && parallelShare(absolute, args.parallel)) {
        const { pieces, threads } = parallelShare(absolute, args.parallel)!;
        const fileSize = statSync(absolute).size;
        let reserved = false;
        const { hashed } = await readInPieces(
          absolute,
          pieces,
          threads,
          (head) => {
            const { header, plan } = readHeader(head.cells, head.line);
            return {
              plan,
              onPiece: (piece, lineBase) => {
                const from = bytesRead || head.end;
                bytesRead = piece.end;
                builder.settleChunk(piece.chunk, piece.bytes, header, place, lineBase, head.delimiter);
                args.onRows?.(builder.live());
                if (!reserved && piece.end > from) {
                  // Room for the rest of the file at the first piece's rows per byte, plus a quarter.
                  reserved = true;
                  const rowsPerByte = piece.chunk.rows / (piece.end - from);
                  builder.reserve(builder.length + Math.ceil((fileSize - piece.end) * rowsPerByte * 1.25) + 1024);
                  builder.expectRest((piece.end - head.end) / (fileSize - head.end));
                }
              },
            };
          },
          format.delimiter,
        );
        if (args.deferHash) {
          const stats = fileStats;
          args.deferHash(
            hashed.then(
              (hex) => {
                stats.sha256 = hex;
              },
              (error) => sink.add(readProblem(error, dataset, file)),
            ),
          );
        } else fileStats.sha256 = await hashed;
      } else {
        const hash = createHash('sha256');
        let header: HeaderMap | undefined;
        let chunks: ChunkBuilder | undefined;
        try {
          await scanCsvFile(
            absolute,
            {
              encoding: format.encoding,
              delimiter: format.delimiter,
              ...(args.chunkSize ? { chunkSize: args.chunkSize } : {}),
              onBytes: (bytes) => {
                hash.update(bytes);
                bytesRead += bytes.length;
              },
            },
            (buf, record) => {
              if (!header) {
                const read = readHeader(recordCells(buf, record), record.line);
                header = read.header;
                chunks = new ChunkBuilder(read.plan);
                return;
              }
              chunks!.add(buf, record);
            },
            (buf, delimiter) => {
              if (!chunks || !header) return;
              builder.settleChunk(chunks.take(), buf, header, place, 0, delimiter);
              chunks.reset(0);
              args.onRows?.(builder.live());
            },
          );
        } finally {
          fileStats.sha256 = hash.digest('hex');
        }
      }
    } catch (error) {
      sink.add(readProblem(error, dataset, file));
    }
    stats.push(fileStats);
  }
  if (args.typedRows) {
    const { label, rows } = args.typedRows;
    const fileStats: FileStats = { dataset, file: label, sha256: '', rows: 0, used: 0, rejected: 0 };
    builder.stats = fileStats;
    builder.setStoreLabel(label);
    builder.onProgress = args.onProgress ? (f, rows) => args.onProgress?.(f, rows) : undefined;
    for (const row of rows) builder.settleStored(row as unknown as Record<string, unknown>, row.source);
    fileStats.sha256 = args.typedRows.sha256();
    stats.push(fileStats);
  }
  return { table: builder.finish(), stats };
}

/** The calendar year of a day number (days since 1970-01-01), without building a Date per row. */
function yearOfDay(day: number): number {
  // Howard Hinnant's civil_from_days, years only.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}
