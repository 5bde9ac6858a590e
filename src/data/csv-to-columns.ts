// Records -> raw columns of one chunk of a CSV file: the part of typing that needs only the bytes and the
// dataset's schema, so it can run in a worker thread. Dates, integers and amounts of the common shapes are
// parsed here; every string-like cell (ids, text, enums, booleans, levels, territories, SIREN) is coded by a
// chunk-local byte dictionary, typed later once per distinct value (dataset-to-columns.ts) and its codes remapped.
// A record whose typing is not certain here (a record problem, a cell count that does not match the header,
// a cell of an unusual shape) is marked SLOW: the main thread types its text by the reference rules.
import { ByteDict } from './byte-dict.js';
import { centsFromBytes, dayFromBytes, integerFromBytes, NOT_FAST, numberFromBytes } from './bytes-to-values.js';
import { MISSING_DAY } from './columns.js';
import { FIELD_PLAIN, RECORD_OK, type ScannedRecord } from './csv-scan.js';
import type { DatasetSchema } from './datasets.js';
import type { DateFormat, DecimalMark } from './values.js';

export const SLOT_DICT = 0;
export const SLOT_DAY = 1;
export const SLOT_INTEGER = 2;
export const SLOT_CENTS = 3;
export const SLOT_NUMBER = 4;

/** Row flags. */
export const ROW_FAST = 0;
export const ROW_SLOW = 1;
/** The record's own problem (RECORD_UNCLOSED_QUOTE, RECORD_BAD_BYTES) is ROW_PROBLEM + problem. */
export const ROW_PROBLEM = 1;

/** What the chunk stage needs to know (plain data, so it can be posted to a worker). */
export interface ChunkPlan {
  /** Per schema column: its field index in the record, or -1 when the file has no such column. */
  cells: number[];
  slots: number[];
  min: number[];
  max: number[];
  dateFormat: DateFormat;
  decimal: DecimalMark;
  headerCount: number;
  /** The header is unusable (a missing required label): every row is typed by the reference rules. */
  allSlow: boolean;
}

export function chunkPlan(
  schema: DatasetSchema,
  cells: number[],
  headerCount: number,
  fatal: boolean,
  dateFormat: DateFormat,
  decimal: DecimalMark,
): ChunkPlan {
  const slots = schema.columns.map((c) => {
    switch (c.kind.type) {
      case 'date':
        return SLOT_DAY;
      case 'integer':
        return SLOT_INTEGER;
      case 'money':
        return SLOT_CENTS;
      case 'number':
        return SLOT_NUMBER;
      default:
        return SLOT_DICT;
    }
  });
  const min = schema.columns.map((c) => (c.kind.type === 'integer' ? c.kind.min : 0));
  const max = schema.columns.map((c) => (c.kind.type === 'integer' ? c.kind.max : 0));
  return { cells, slots, min, max, dateFormat, decimal, headerCount, allSlow: fatal };
}

/** A chunk dictionary as the main thread reads it (a ByteDict, or its arrays posted by a worker). */
export interface ChunkDict {
  arena: Uint8Array;
  /** Entry i's bytes are arena[starts[i], starts[i + 1]). */
  starts: Int32Array;
  size: number;
}

/** One chunk's rows: record places, flags, and a raw value per schema column. */
export interface ChunkColumns {
  rows: number;
  /** Editor line of each record, relative to the chunk's first line (0 there). */
  line: Int32Array;
  /** Byte range of each record in the chunk's buffer (to decode a rejected row's cells). */
  start: Int32Array;
  end: Int32Array;
  flag: Uint8Array;
  /** Per schema column: dictionary codes (-1 empty), day numbers (MISSING_DAY empty) or numbers (NaN empty). */
  values: (Int32Array | Float64Array | null)[];
  /** Per schema column of SLOT_DICT: the chunk's distinct raw texts (UTF-8 bytes). */
  dicts: (ChunkDict | null)[];
}

const QUOTE = 34;

/** Builds a ChunkColumns record by record (the scanner's callback). */
export class ChunkBuilder {
  private capacity = 0;
  private chunk: ChunkColumns | undefined;
  private scratch = new Uint8Array(256);
  private readonly decimalMark: number;

  constructor(
    private readonly plan: ChunkPlan,
    private lineBase = 0,
  ) {
    this.decimalMark = plan.decimal.charCodeAt(0);
    this.reset(lineBase);
  }

  /** Starts a new chunk whose lines are counted from `lineBase`, reusing the arrays of the last one. */
  reset(lineBase: number, capacity = 4096): void {
    this.lineBase = lineBase;
    if (this.chunk && this.capacity >= capacity) {
      this.chunk.rows = 0;
      for (const dict of this.chunk.dicts) (dict as ByteDict | null)?.clear();
      return;
    }
    this.capacity = capacity;
    const plan = this.plan;
    this.chunk = {
      rows: 0,
      line: new Int32Array(capacity),
      start: new Int32Array(capacity),
      end: new Int32Array(capacity),
      flag: new Uint8Array(capacity),
      values: plan.cells.map((cell, c) =>
        cell < 0
          ? null
          : plan.slots[c] === SLOT_DICT || plan.slots[c] === SLOT_DAY
            ? new Int32Array(capacity)
            : new Float64Array(capacity),
      ),
      dicts: plan.cells.map((cell, c) => (cell >= 0 && plan.slots[c] === SLOT_DICT ? new ByteDict(64) : null)),
    };
  }

  /** The chunk so far, its arrays cut to its rows. */
  take(): ChunkColumns {
    const c = this.chunk!;
    const n = c.rows;
    return {
      rows: n,
      line: c.line.subarray(0, n),
      start: c.start.subarray(0, n),
      end: c.end.subarray(0, n),
      flag: c.flag.subarray(0, n),
      values: c.values.map((v) => (v ? v.subarray(0, n) : null)),
      dicts: c.dicts,
    };
  }

  private grow(): void {
    const c = this.chunk!;
    const size = this.capacity * 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    c.line = grow(c.line, (n) => new Int32Array(n));
    c.start = grow(c.start, (n) => new Int32Array(n));
    c.end = grow(c.end, (n) => new Int32Array(n));
    c.flag = grow(c.flag, (n) => new Uint8Array(n));
    c.values = c.values.map((v) =>
      v instanceof Int32Array ? grow(v, (n) => new Int32Array(n)) : v ? grow(v, (n) => new Float64Array(n)) : null,
    );
    this.capacity = size;
  }

  /** Types one scanned record into the chunk. */
  add(buf: Uint8Array, record: ScannedRecord): void {
    if (this.chunk!.rows === this.capacity) this.grow();
    const c = this.chunk!;
    const r = c.rows++;
    c.line[r] = record.line - this.lineBase;
    c.start[r] = record.start;
    c.end[r] = record.end;
    c.flag[r] = this.typeRecord(buf, record, r);
  }

  private typeRecord(buf: Uint8Array, record: ScannedRecord, r: number): number {
    const plan = this.plan;
    if (record.problem !== RECORD_OK) return ROW_PROBLEM + record.problem;
    if (plan.allSlow || record.fields !== plan.headerCount) return ROW_SLOW;
    // A row whose cells may all be blank goes to the reference rules (blank-row); one printable ASCII byte at
    // the start of a field proves it is not blank.
    let printable = false;
    for (let f = 0; f < record.fields && !printable; f++) {
      const s = record.fieldStart[f]!;
      // A quoted field with text after its closing quote may be only spaces: it proves nothing.
      if (s < record.fieldEnd[f]! && record.fieldKind[f] === FIELD_PLAIN) {
        const b = buf[s]!;
        printable = b > 32 && b < 127;
      }
    }
    if (!printable) return ROW_SLOW;
    const cells = plan.cells;
    const c = this.chunk!;
    for (let col = 0; col < cells.length; col++) {
      const f = cells[col]!;
      if (f < 0) continue;
      let from = record.fieldStart[f]!;
      let to = record.fieldEnd[f]!;
      let bytes = buf;
      if (record.fieldKind[f] !== FIELD_PLAIN) {
        to = this.unquote(buf, from, to);
        from = 0;
        bytes = this.scratch;
      }
      const slot = plan.slots[col]!;
      const out = c.values[col]!;
      if (to === from) {
        out[r] = slot === SLOT_DICT ? -1 : slot === SLOT_DAY ? MISSING_DAY : Number.NaN;
        continue;
      }
      if (slot === SLOT_DICT) {
        out[r] = (c.dicts[col] as ByteDict).add(bytes, from, to);
      } else if (slot === SLOT_DAY) {
        const day = dayFromBytes(bytes, from, to, plan.dateFormat);
        if (day === NOT_FAST) return ROW_SLOW;
        out[r] = day;
      } else if (slot === SLOT_INTEGER) {
        const value = integerFromBytes(bytes, from, to, plan.min[col]!, plan.max[col]!);
        if (value === NOT_FAST) return ROW_SLOW;
        out[r] = value;
      } else if (slot === SLOT_CENTS) {
        const cents = centsFromBytes(bytes, from, to, this.decimalMark);
        if (cents === NOT_FAST) return ROW_SLOW;
        out[r] = cents;
      } else {
        const value = numberFromBytes(bytes, from, to, this.decimalMark);
        if (Number.isNaN(value)) return ROW_SLOW;
        out[r] = value;
      }
    }
    return ROW_FAST;
  }

  /** A quoted field's text bytes into the scratch buffer (quotes removed, "" unescaped); returns its length. */
  private unquote(buf: Uint8Array, start: number, end: number): number {
    if (this.scratch.length < end - start) this.scratch = new Uint8Array((end - start) * 2);
    const out = this.scratch;
    let n = 0;
    let i = start + 1;
    let inQuotes = true;
    while (i < end) {
      const b = buf[i]!;
      if (inQuotes && b === QUOTE) {
        if (i + 1 < end && buf[i + 1] === QUOTE) {
          out[n++] = QUOTE;
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      out[n++] = b;
      i++;
    }
    return n;
  }
}
