// A dataset as a table of typed columns (issue "columnar engine"): the shape the reader produces and
// the engine consumes. One array per canonical column, one slot per used row, in source order.
// - strings (ids, text, territory codes, levels) are dictionary-coded: codes into `dict` in the narrowest
//   of Int8, Int16 and Int32 that holds the dictionary, MISSING_CODE for an empty cell; territory codes are stored canonical and prefixed (`dep:93`);
// - dates are day numbers since 1970-01-01 (UTC calendar), MISSING_DAY when empty;
// - money is exact integer cents in a Float64Array (exact below 2^53), NaN when empty;
// - numbers are Float64, integers of a bounded range (birth year, age) Float32 (exact there), NaN when empty;
// - enumerations and booleans are small integers: the index in the column's `values`, or MISSING_CODE.
// `source` keeps where every row came from, for located problems and `explain`.
// A large dictionary may keep its texts as the reader's UTF-8 bytes (lazyDictColumn): `dict` is then
// decoded on first use, and dictSize / dictText read it without building ten million strings.
import type { DatasetName } from './datasets.js';

export const MISSING_CODE = -1;
export const MISSING_DAY = -2147483648;

/** Dictionary codes (and MISSING_CODE): 8 bits for up to 128 distinct values, 16 bits up to 32,768. */
export type DictCodes = Int32Array | Int16Array | Int8Array;

export interface DictColumn {
  type: 'dict';
  codes: DictCodes;
  /** Distinct values in order of first appearance (so the same input gives the same dictionary). */
  dict: string[];
}

/** A dictionary's texts, kept as bytes and decoded one code at a time. */
export interface DictionaryTexts {
  readonly size: number;
  text(code: number): string;
}

const lazyTexts = new WeakMap<DictColumn, DictionaryTexts>();

/** A dict column whose `dict` array is only built when read (once); until then its texts stay bytes. */
export function lazyDictColumn(codes: DictCodes, texts: DictionaryTexts): DictColumn {
  let dict: string[] | undefined;
  const column = { type: 'dict', codes } as DictColumn;
  Object.defineProperty(column, 'dict', {
    enumerable: true,
    get: () => {
      if (!dict) {
        dict = new Array<string>(texts.size);
        for (let code = 0; code < texts.size; code++) dict[code] = texts.text(code);
      }
      return dict;
    },
  });
  lazyTexts.set(column, texts);
  return column;
}

/** How many distinct values a dict column has, without decoding them. */
export function dictSize(column: DictColumn): number {
  return lazyTexts.get(column)?.size ?? column.dict.length;
}

/** The text of one code of a dict column, without decoding the others. */
export function dictText(column: DictColumn, code: number): string {
  const texts = lazyTexts.get(column);
  return texts ? texts.text(code) : column.dict[code]!;
}
export interface DayColumn {
  type: 'day';
  days: Int32Array;
}
export interface NumberColumn {
  /** `cents` for money (integer cents), `number` for numbers and integers. */
  type: 'cents' | 'number';
  /** Float32 for a small integer column (a birth year, an age: exact, half the memory), Float64 otherwise. */
  values: Float64Array | Float32Array;
}
export interface CodeColumn {
  /** An enumeration (`values` = the schema's values) or a boolean (`values` = ['false', 'true']). */
  type: 'enum' | 'boolean';
  codes: Int8Array;
  values: readonly string[];
}
export type Column = DictColumn | DayColumn | NumberColumn | CodeColumn;

/** Small non-negative integers per row, in the narrowest array that holds them. */
export type IndexArray = Int32Array | Uint16Array | Uint8Array;

export interface RowSources {
  /** Index into `files` (a path relative to the workspace, or `.impact/store.db#dataset`). */
  file: IndexArray;
  /** The line as the user's editor shows it (header = 1), or the store row's line in its source file. */
  line: Int32Array;
  /** The store batch that holds the row, 0 for a file row. */
  batch: IndexArray;
  files: string[];
}

export interface ColumnTable {
  dataset: DatasetName;
  /** Number of used rows (rejected rows are not in the table). */
  length: number;
  /** Canonical column name -> column; a column absent from every file is still present, all missing. */
  columns: Record<string, Column>;
  source: RowSources;
}

const EPOCH = Date.UTC(1970, 0, 1);
const DAY_MS = 86_400_000;

/** `2024-02-29` -> its day number; the date must already be valid (the reader checked it). */
export function dayNumber(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const t = new Date(EPOCH);
  t.setUTCFullYear(y, m - 1, d); // not Date.UTC: it reads years 0-99 as 1900-1999
  return Math.round((t.getTime() - EPOCH) / DAY_MS);
}

/** Day number -> `YYYY-MM-DD`. */
export function isoDay(day: number): string {
  return new Date(EPOCH + day * DAY_MS).toISOString().slice(0, 10);
}
