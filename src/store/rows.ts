// How the store holds a dataset's rows (store schema 3): one typed SQL column per schema column, so an import
// binds the reader's column values as they are, with no text built per row, and a read gets values back
// without parsing one.
//   ids, texts, enums, levels, territories, SIRENs -> TEXT; dates -> INTEGER day numbers (days since
//   1970-01-01, as the columnar reader has them); money -> INTEGER cents; integers -> INTEGER; numbers ->
//   REAL; booleans -> INTEGER 0/1; an absent value -> NULL, except in a key column, where it is '' (SQLite
//   keys cannot be NULL; rowKey counts an absent metrics.site_id as '' too).
// The key columns are the table's primary key. Each row also carries `hash` (a 53-bit hash of its stored
// values, below), `batch` and `line` (the ledger entry and the file line that last wrote it).
// A stored row is a flat array: the schema's columns in order, then hash, batch, line.
import { type Column, type ColumnTable, dictText, isoDay, MISSING_CODE, MISSING_DAY } from '../data/columns.js';
import { type DatasetName, type DatasetSchema, SCHEMAS } from '../data/datasets.js';

export type SqlValue = string | number | null;

type Storage = 'TEXT' | 'INTEGER' | 'REAL';
/** How a column's value is stored, by its schema type. */
type Stored = 'text' | 'day' | 'integer' | 'real' | 'boolean';

interface StoredColumn {
  name: string;
  stored: Stored;
  key: boolean;
}

export interface RowLayout {
  dataset: DatasetName;
  schema: DatasetSchema;
  columns: StoredColumn[];
  /** Indexes of the key columns in `columns`, in key order. */
  keyIndexes: number[];
  /** Stored values per row: the columns, then hash, batch, line. */
  width: number;
}

function storedOf(schema: DatasetSchema, index: number): Stored {
  switch (schema.columns[index]!.kind.type) {
    case 'date':
      return 'day';
    case 'money':
    case 'integer':
      return 'integer';
    case 'number':
      return 'real';
    case 'boolean':
      return 'boolean';
    default:
      return 'text';
  }
}

const STORAGE: Record<Stored, Storage> = {
  text: 'TEXT',
  day: 'INTEGER',
  integer: 'INTEGER',
  real: 'REAL',
  boolean: 'INTEGER',
};

const layouts = new Map<DatasetName, RowLayout>();
export function rowLayout(dataset: DatasetName): RowLayout {
  let layout = layouts.get(dataset);
  if (!layout) {
    const schema = SCHEMAS[dataset];
    const columns = schema.columns.map((c, i) => ({
      name: c.name,
      stored: storedOf(schema, i),
      key: schema.key.includes(c.name),
    }));
    const keyIndexes = schema.key.map((name) => columns.findIndex((c) => c.name === name));
    layout = { dataset, schema, columns, keyIndexes, width: columns.length + 3 };
    layouts.set(dataset, layout);
  }
  return layout;
}

/** The table of one dataset's rows (dataset names are a fixed list, never user text). */
export function rowsTable(dataset: DatasetName): string {
  return `rows_${dataset}`;
}

/** The table of what each batch of one dataset updated. */
export function changesTable(dataset: DatasetName): string {
  return `changes_${dataset}`;
}

/** The rows table and the changes table of one dataset. */
export function datasetTables(dataset: DatasetName, rows = rowsTable(dataset)): string[] {
  const layout = rowLayout(dataset);
  return [rowsTableSql(layout, rows), changesTableSql(layout, changesTable(dataset))];
}

/** The column list of the rows table and of the changes table (schema column names are fixed identifiers). */
export function columnNames(layout: RowLayout): string {
  return layout.columns.map((c) => c.name).join(', ');
}

export function keyNames(layout: RowLayout): string {
  return layout.keyIndexes.map((k) => layout.columns[k]!.name).join(', ');
}

function columnDefinitions(layout: RowLayout): string {
  return layout.columns.map((c) => `${c.name} ${STORAGE[c.stored]}${c.key ? ' NOT NULL' : ''}`).join(', ');
}

/** rows_<dataset>: the dataset's current rows. */
export function rowsTableSql(layout: RowLayout, table: string): string {
  return `CREATE TABLE ${table} (${columnDefinitions(layout)},
    hash INTEGER NOT NULL, batch INTEGER NOT NULL REFERENCES batches (batch), line INTEGER NOT NULL,
    PRIMARY KEY (${keyNames(layout)})) WITHOUT ROWID`;
}

/**
 * changes_<dataset>: the rows each batch updated, as they were before it (with the batch and line that had
 * written them), for `impact store undo`. A batch's inserted rows need no entry: they are the rows that
 * carry its batch once its updates are put back.
 */
export function changesTableSql(layout: RowLayout, table: string): string {
  return `CREATE TABLE ${table} (batch INTEGER NOT NULL REFERENCES batches (batch), ${columnDefinitions(layout)},
    hash INTEGER NOT NULL, previous_batch INTEGER NOT NULL, previous_line INTEGER NOT NULL,
    PRIMARY KEY (batch, ${keyNames(layout)})) WITHOUT ROWID`;
}

// The row hash: two 32-bit murmur3-style lanes fed with each stored value, folded to 53 bits so that it is an
// exact JavaScript number and an exact SQLite INTEGER. It is only ever compared between the stored and the
// incoming row of one key, so a false "unchanged" needs a 2^-53 accident.
let lane1 = 0;
let lane2 = 0;
const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);

function absorb(word: number): void {
  let k = Math.imul(word, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  lane1 ^= k;
  lane1 = (Math.imul((lane1 << 13) | (lane1 >>> 19), 5) + 0xe6546b64) | 0;
  let j = Math.imul(word, 0x85ebca6b);
  j = Math.imul((j << 16) | (j >>> 16), 0xc2b2ae35);
  lane2 ^= j;
  lane2 = (Math.imul((lane2 << 11) | (lane2 >>> 21), 9) + 0x7f4a7c15) | 0;
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const NULL_TAG = 0x6e756c6c;
const TEXT_TAG = 0x74657874;
const NUMBER_TAG = 0x6e756d62;

/** A string's own two-word digest, absorbed into a row hash as one value (so it can be computed once per distinct string). */
export function textDigest(text: string): [number, number] {
  const saved1 = lane1;
  const saved2 = lane2;
  lane1 = text.length;
  lane2 = ~text.length;
  let i = 0;
  for (; i + 1 < text.length; i += 2) absorb(text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
  if (i < text.length) absorb(text.charCodeAt(i));
  const digest: [number, number] = [finish(lane1), finish(lane2)];
  lane1 = saved1;
  lane2 = saved2;
  return digest;
}

function startHash(): void {
  lane1 = 0x243f6a88;
  lane2 = 0x13198a2e;
}
function absorbNull(): void {
  absorb(NULL_TAG);
}
function absorbText(d1: number, d2: number): void {
  absorb(TEXT_TAG);
  absorb(d1);
  absorb(d2);
}
function absorbNumber(n: number): void {
  absorb(NUMBER_TAG);
  // -0 is stored as 0: both hash alike.
  float[0] = n === 0 ? 0 : n;
  absorb(words[0]!);
  absorb(words[1]!);
}
function endHash(): number {
  return (finish(lane1) >>> 11) * 2 ** 32 + finish(lane2);
}

/** The hash of a row's stored values (values[from .. from + count)), whichever way they were made. */
export function rowHash(values: readonly SqlValue[], from: number, count: number): number {
  startHash();
  for (let c = from; c < from + count; c++) {
    const value = values[c]!;
    if (value === null) absorbNull();
    else if (typeof value === 'string') {
      const [d1, d2] = textDigest(value);
      absorbText(d1, d2);
    } else absorbNumber(value);
  }
  return endHash();
}

/**
 * The reader's columns as stored values, row by row, for a table that may still grow (an import writes the
 * rows settled so far while the rest of the file is read): `use` each newer view of the table, then `write`
 * its rows. Strings are taken from their dictionary and each distinct one digested once, so a row's hash
 * costs a few multiplications per column; a key column's texts are not kept (a key comes once per file).
 */
export interface ColumnsToValues {
  /** The table (or a longer view of the same rows) that `write` reads from now on. */
  use(table: ColumnTable): void;
  /** Writes row i's stored columns at the end of `out` and returns the row's hash. */
  write(i: number, out: SqlValue[]): number;
}

/** One column's writer: `use` binds it to the column of the table in use and returns its row function. */
type ColumnWriter = (column: Column | undefined) => (i: number, out: SqlValue[]) => void;

export function valuesFromColumns(layout: RowLayout): ColumnsToValues {
  const writers = layout.columns.map(columnWriter);
  let writes: ((i: number, out: SqlValue[]) => void)[] = [];
  return {
    use(table) {
      writes = writers.map((writer, c) => writer(table.columns[layout.columns[c]!.name]));
    },
    write(i, out) {
      startHash();
      for (let c = 0; c < writes.length; c++) writes[c]!(i, out);
      return endHash();
    },
  };
}

/** Per dictionary code: its text and two-word digest, once met (the arrays grow with the codes). */
class TextCache {
  texts: string[] = [];
  d1 = new Int32Array(64);
  d2 = new Int32Array(64);
  known = new Uint8Array(64);

  /** Pushes the text of `code` (read by `text` the first time) and absorbs its digest. */
  push(code: number, text: (code: number) => string, out: SqlValue[]): void {
    if (code >= this.known.length) this.grow(code);
    if (this.known[code] === 0) {
      const value = text(code);
      const [a, b] = textDigest(value);
      this.texts[code] = value;
      this.d1[code] = a;
      this.d2[code] = b;
      this.known[code] = 1;
    }
    out.push(this.texts[code]!);
    absorbText(this.d1[code]! >>> 0, this.d2[code]! >>> 0);
  }

  private grow(code: number): void {
    let size = this.known.length;
    while (size <= code) size *= 2;
    const widen = <A extends Int32Array | Uint8Array>(from: A, to: A): A => {
      to.set(from);
      return to;
    };
    this.d1 = widen(this.d1, new Int32Array(size));
    this.d2 = widen(this.d2, new Int32Array(size));
    this.known = widen(this.known, new Uint8Array(size));
  }
}

/** Writes row i's value of one column at the end of `out` and absorbs it into the row hash. */
function columnWriter(spec: StoredColumn): ColumnWriter {
  const absent: SqlValue = spec.key ? '' : null;
  const absentDigest = spec.key ? textDigest('') : undefined;
  const pushAbsent = (out: SqlValue[]): void => {
    out.push(absent);
    if (absentDigest) absorbText(absentDigest[0], absentDigest[1]);
    else absorbNull();
  };
  // Kept across the views of a growing table: the texts met so far, by code.
  const cache = spec.key ? undefined : new TextCache();
  let enumCache: { values: readonly string[]; cache: TextCache } | undefined;
  return (column) => {
    if (!column) return (_i, out) => pushAbsent(out);
    switch (column.type) {
      case 'dict': {
        const { codes } = column;
        const text = (code: number): string => dictText(column, code);
        if (cache) {
          return (i, out) => {
            const code = codes[i]!;
            if (code === MISSING_CODE) pushAbsent(out);
            else cache.push(code, text, out);
          };
        }
        return (i, out) => {
          const code = codes[i]!;
          if (code === MISSING_CODE) return pushAbsent(out);
          const value = text(code);
          const [a, b] = textDigest(value);
          out.push(value);
          absorbText(a >>> 0, b >>> 0);
        };
      }
      case 'enum': {
        const { codes, values } = column;
        if (enumCache?.values !== values) enumCache = { values, cache: new TextCache() };
        const known = enumCache.cache;
        const text = (code: number): string => values[code]!;
        return (i, out) => {
          const code = codes[i]!;
          if (code === MISSING_CODE) pushAbsent(out);
          else known.push(code, text, out);
        };
      }
      case 'boolean': {
        const { codes } = column;
        return (i, out) => {
          const code = codes[i]!;
          if (code === MISSING_CODE) return pushAbsent(out);
          out.push(code);
          absorbNumber(code);
        };
      }
      case 'day': {
        const { days } = column;
        return (i, out) => {
          const day = days[i]!;
          if (day === MISSING_DAY) return pushAbsent(out);
          out.push(day);
          absorbNumber(day);
        };
      }
      case 'cents':
      case 'number': {
        const { values } = column;
        return (i, out) => {
          const value = values[i]!;
          if (Number.isNaN(value)) return pushAbsent(out);
          out.push(value);
          absorbNumber(value);
        };
      }
    }
  };
}

/** A typed row (canonical JSON's values: ISO dates, integer cents, booleans) as stored values; no hash. */
export function valuesFromRow(layout: RowLayout, row: Record<string, unknown>): SqlValue[] {
  return layout.columns.map((spec) => {
    const value = row[spec.name];
    if (value === undefined || value === null || value === '') return spec.key ? '' : null;
    if (spec.stored === 'day' && typeof value === 'string') return dayOf(value);
    if (spec.stored === 'boolean' && typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'number' || typeof value === 'string') return value;
    // Not a value the typed rows hold (a hand-edited store): kept as text, for typing to reject on read.
    return JSON.stringify(value);
  });
}

/** `2024-02-29` -> its day number; text that is not an ISO date stays text, for typing to reject on read. */
function dayOf(iso: string): number | string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
  // Date.UTC reads years 0-99 as 1900-1999: such a date stays text too.
  return isoDay(day) === iso ? day : iso;
}

/**
 * Stored values back to a typed row, its columns in schema order and absent ones left out (so that
 * JSON.stringify of it is the row's canonical JSON). A value of the wrong storage (a store edited by hand)
 * is passed on as it is: the reader types stored rows again and rejects it.
 */
export function rowFromValues(layout: RowLayout, values: readonly SqlValue[], from = 0): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let c = 0; c < layout.columns.length; c++) {
    const value = values[from + c]!;
    const spec = layout.columns[c]!;
    if (value === null || (spec.key && value === '')) continue;
    if (spec.stored === 'day' && typeof value === 'number') row[spec.name] = isoOf(value);
    else if (spec.stored === 'boolean' && (value === 0 || value === 1)) row[spec.name] = value === 1;
    else row[spec.name] = value;
  }
  return row;
}

const isoDays = new Map<number, string>();
function isoOf(day: number): string | number {
  // Beyond what a Date can show, the number is passed on for typing to reject.
  if (!Number.isInteger(day) || Math.abs(day) > 100_000_000) return day;
  let iso = isoDays.get(day);
  if (iso === undefined) {
    iso = isoDay(day);
    if (isoDays.size < 1_000_000) isoDays.set(day, iso);
  }
  return iso;
}
