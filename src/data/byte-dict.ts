// Distinct byte strings -> dense codes, without a JS string per lookup: an open-addressing hash table over
// a byte arena. Codes are given in order of first appearance, so the same input gives the same codes.
// The arena and offsets are plain typed arrays, so a worker's dictionary can be sent to the main thread
// (its codes are then remapped into the main thread's dictionary). Memory per entry is its bytes, one
// offset and at most three table slots of five bytes (no stored hash: a rehash hashes the arena again),
// so a column of ten million distinct ids stays in a few hundred megabytes. Each slot has a one-byte tag
// (8 more bits of its entry's hash) in an array of its own: a probe reads an entry's offsets and bytes,
// two far places in memory, only when the tag matches. Without tags, looking up a new id among a million
// read them at every probe (the main thread's merge of the pieces' person ids at 1 M rows); the tags cost
// 16 MB at 10 M ids, where the hash itself beside each slot would cost 64 MB.

const EMPTY = -1;
/** The table grows when more than 7/10 of its slots are taken. */
const LOAD_NUMERATOR = 7;
const LOAD_DENOMINATOR = 10;

export class ByteDict {
  arena: Uint8Array;
  used = 0;
  /** Entry i's bytes are arena[starts[i], starts[i + 1]) (starts has size + 1 entries). */
  starts: Int32Array;
  size = 0;
  private table: Int32Array;
  /** Per slot, bits 24–31 of its entry's hash (the slot itself comes from the low bits). */
  private tags: Uint8Array;
  private mask: number;

  constructor(capacity = 64) {
    let slots = 16;
    while (slots * LOAD_NUMERATOR < capacity * LOAD_DENOMINATOR) slots *= 2;
    this.table = new Int32Array(slots).fill(EMPTY);
    this.tags = new Uint8Array(slots);
    this.mask = slots - 1;
    this.starts = new Int32Array(Math.max(8, capacity) + 1);
    this.arena = new Uint8Array(Math.max(64, capacity * 8));
  }

  /** Forgets every entry, keeping the memory (a chunk dictionary is reused for the next chunk). */
  clear(): void {
    this.table.fill(EMPTY);
    this.size = 0;
    this.used = 0;
  }

  /**
   * Room for `entries` entries of `bytes` bytes in all, taken once (a large file's expected distinct ids)
   * rather than by doubling, which copies the arena and offsets and hashes every entry again each time.
   * The hash table is sized for `tableEntries` (at most `entries`): its memory is all written at once.
   */
  reserve(entries: number, bytes: number, tableEntries = entries): void {
    if (entries + 1 > this.starts.length) {
      const starts = new Int32Array(entries + 1);
      starts.set(this.starts.subarray(0, this.size + 1));
      this.starts = starts;
    }
    if (bytes > this.arena.length) {
      const arena = new Uint8Array(bytes);
      arena.set(this.arena.subarray(0, this.used));
      this.arena = arena;
    }
    let slots = this.table.length;
    while (tableEntries * LOAD_DENOMINATOR > slots * LOAD_NUMERATOR) slots *= 2;
    if (slots > this.table.length) this.rehash(slots);
  }

  /** The code of bytes buf[start, end), adding them when new. */
  add(buf: Uint8Array, start: number, end: number): number {
    const hash = hashBytes(buf, start, end);
    const found = this.find(buf, start, end, hash);
    if (found >= 0) return found;
    return this.insert(buf, start, end, hash);
  }

  /** The code of the bytes, or -1. */
  get(buf: Uint8Array, start: number, end: number): number {
    return this.find(buf, start, end, hashBytes(buf, start, end));
  }

  /** Entry i's bytes (a view into the arena). */
  bytes(i: number): Uint8Array {
    return this.arena.subarray(this.starts[i]!, this.starts[i + 1]!);
  }

  /**
   * Done adding: the arena and offsets cut to their size. With `lookups` false the hash table goes too
   * (the entries stay readable by code; add and get may no longer be called).
   */
  seal(lookups: boolean): void {
    // Views, not copies: the capacity beyond them was never written, so it holds no memory.
    this.arena = this.arena.subarray(0, this.used);
    this.starts = this.starts.subarray(0, this.size + 1);
    if (!lookups) {
      this.table = new Int32Array(0);
      this.tags = new Uint8Array(0);
      this.mask = -1;
    }
  }

  private find(buf: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    const table = this.table;
    const tags = this.tags;
    const tag = hash >>> 24;
    const mask = this.mask;
    const starts = this.starts;
    const arena = this.arena;
    let slot = hash & mask;
    for (;;) {
      const code = table[slot]!;
      if (code === EMPTY) return -1;
      if (tags[slot] === tag) {
        const from = starts[code]!;
        if (starts[code + 1]! - from === length) {
          // From the last byte back: ids that share a prefix (B0000001, B0000002) differ at the end.
          let k = length - 1;
          while (k >= 0 && arena[from + k] === buf[start + k]) k--;
          if (k < 0) return code;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  private insert(buf: Uint8Array, start: number, end: number, hash: number): number {
    const code = this.size;
    const length = end - start;
    if (this.used + length > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, this.used + length));
      arena.set(this.arena.subarray(0, this.used));
      this.arena = arena;
    }
    if (code + 2 > this.starts.length) {
      const starts = new Int32Array(this.starts.length * 2);
      starts.set(this.starts.subarray(0, code + 1));
      this.starts = starts;
    }
    const arena = this.arena;
    let at = this.used;
    for (let i = start; i < end; i++) arena[at++] = buf[i]!;
    this.used = at;
    this.starts[code + 1] = this.used;
    this.size = code + 1;
    if (this.size * LOAD_DENOMINATOR > this.table.length * LOAD_NUMERATOR) this.rehash();
    else this.place(code, hash);
    return code;
  }

  private place(code: number, hash: number): void {
    let slot = hash & this.mask;
    while (this.table[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    this.table[slot] = code;
    this.tags[slot] = hash >>> 24;
  }

  private rehash(slots = this.table.length * 2): void {
    this.table = new Int32Array(slots).fill(EMPTY);
    this.tags = new Uint8Array(slots);
    this.mask = this.table.length - 1;
    const starts = this.starts;
    for (let code = 0; code < this.size; code++) {
      this.place(code, hashBytes(this.arena, starts[code]!, starts[code + 1]!));
    }
  }
}

/** FNV-1a over 32-bit words, then murmur3's finaliser so that the low bits (the slot) depend on every byte. */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  let i = start;
  // Four bytes a step: most cells are short ids and codes.
  for (; i + 4 <= end; i += 4) {
    h = Math.imul(h ^ (buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24)), 0x01000193);
  }
  for (; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return mix(h);
}

function mix(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Rows by a composite key of integers (dictionary codes, day numbers): a hash table of row numbers only,
 * the key values read back from the rows themselves, so an index over millions of rows costs a few bytes
 * a row.
 */
export class RowKeyIndex {
  private table: Int32Array;
  private mask: number;
  size = 0;

  constructor(
    private readonly width: number,
    /** Key value k of a row already added. */
    private readonly valueAt: (row: number, k: number) => number,
  ) {
    this.table = new Int32Array(1024).fill(EMPTY);
    this.mask = 1023;
  }

  private hashTuple(tuple: Int32Array): number {
    let h = 0x9e3779b9;
    for (let i = 0; i < this.width; i++) h = mix(h ^ tuple[i]!) + 0x6b43a9b5;
    return mix(h);
  }

  private hashRow(row: number): number {
    let h = 0x9e3779b9;
    for (let i = 0; i < this.width; i++) h = mix(h ^ this.valueAt(row, i)) + 0x6b43a9b5;
    return mix(h);
  }

  /** Room for `rows` rows at once (a large file's expected rows), rather than doubling and rehashing every row. */
  reserve(rows: number): void {
    let slots = this.table.length;
    while (rows * LOAD_DENOMINATOR > slots * LOAD_NUMERATOR) slots *= 2;
    if (slots > this.table.length) this.rehash(slots);
  }

  /** The row added with this key, or -1. */
  find(tuple: Int32Array): number {
    const w = this.width;
    let slot = this.hashTuple(tuple) & this.mask;
    for (;;) {
      const row = this.table[slot]!;
      if (row === EMPTY) return -1;
      let k = 0;
      while (k < w && this.valueAt(row, k) === tuple[k]) k++;
      if (k === w) return row;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds a row whose key is not in the index yet. */
  add(row: number): void {
    this.place(row, this.hashRow(row));
    this.size++;
    if (this.size * LOAD_DENOMINATOR > this.table.length * LOAD_NUMERATOR) this.rehash();
  }

  private place(row: number, hash: number): void {
    let slot = hash & this.mask;
    while (this.table[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    this.table[slot] = row;
  }

  private rehash(slots = this.table.length * 2): void {
    const old = this.table;
    this.table = new Int32Array(slots).fill(EMPTY);
    this.mask = this.table.length - 1;
    for (const row of old) if (row !== EMPTY) this.place(row, this.hashRow(row));
  }
}
