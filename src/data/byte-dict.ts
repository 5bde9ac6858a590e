// Distinct byte strings -> dense codes, without a JS string per lookup: an open-addressing hash table over
// a byte arena. Codes are given in order of first appearance, so the same input gives the same codes.
// The arena and offsets are plain typed arrays, so a worker's dictionary can be sent to the main thread
// (its codes are then remapped into the main thread's dictionary).

const EMPTY = -1;

export class ByteDict {
  arena: Uint8Array;
  used = 0;
  /** Entry i's bytes are arena[starts[i], starts[i + 1]) (starts has size + 1 entries). */
  starts: Int32Array;
  size = 0;
  private hashes: Int32Array;
  private table: Int32Array;
  private mask: number;

  constructor(capacity = 64) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.table = new Int32Array(slots).fill(EMPTY);
    this.mask = slots - 1;
    this.hashes = new Int32Array(Math.max(8, capacity));
    this.starts = new Int32Array(Math.max(8, capacity) + 1);
    this.arena = new Uint8Array(Math.max(64, capacity * 8));
  }

  /** Forgets every entry, keeping the memory (a chunk dictionary is reused for the next chunk). */
  clear(): void {
    this.table.fill(EMPTY);
    this.size = 0;
    this.used = 0;
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

  private find(buf: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    const table = this.table;
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const code = table[slot]!;
      if (code === EMPTY) return -1;
      if (this.hashes[code] === hash) {
        const from = this.starts[code]!;
        if (this.starts[code + 1]! - from === length) {
          const arena = this.arena;
          let k = 0;
          while (k < length && arena[from + k] === buf[start + k]) k++;
          if (k === length) return code;
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
    if (code + 1 >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const starts = new Int32Array(this.hashes.length + 1);
      starts.set(this.starts);
      this.starts = starts;
    }
    const arena = this.arena;
    let at = this.used;
    for (let i = start; i < end; i++) arena[at++] = buf[i]!;
    this.used = at;
    this.hashes[code] = hash;
    this.starts[code + 1] = this.used;
    this.size = code + 1;
    if (this.size * 2 > this.table.length) this.rehash();
    else this.place(code, hash);
    return code;
  }

  private place(code: number, hash: number): void {
    let slot = hash & this.mask;
    while (this.table[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    this.table[slot] = code;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2).fill(EMPTY);
    this.mask = this.table.length - 1;
    for (let code = 0; code < this.size; code++) this.place(code, this.hashes[code]!);
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

/** Tuples of integers (a composite key) -> the first value stored for them. */
export class TupleMap {
  private keys: Int32Array;
  private values: Int32Array;
  private table: Int32Array;
  private mask: number;
  size = 0;

  constructor(private readonly width: number) {
    this.table = new Int32Array(1024).fill(EMPTY);
    this.mask = 1023;
    this.keys = new Int32Array(512 * width);
    this.values = new Int32Array(512);
  }

  private hash(tuple: Int32Array, at = 0): number {
    let h = 0x9e3779b9;
    for (let i = 0; i < this.width; i++) h = mix(h ^ tuple[at + i]!) + 0x6b43a9b5;
    return mix(h);
  }

  /** The value stored for the tuple, or -1. */
  get(tuple: Int32Array): number {
    const slot = this.slotOf(tuple);
    const entry = this.table[slot]!;
    return entry === EMPTY ? -1 : this.values[entry]!;
  }

  /** Stores value for a tuple not yet present. */
  set(tuple: Int32Array, value: number): void {
    const slot = this.slotOf(tuple);
    if (this.table[slot] !== EMPTY) return;
    const entry = this.size;
    if (entry === this.values.length) {
      const keys = new Int32Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
      const values = new Int32Array(this.values.length * 2);
      values.set(this.values);
      this.values = values;
    }
    this.keys.set(tuple.subarray(0, this.width), entry * this.width);
    this.values[entry] = value;
    this.table[slot] = entry;
    this.size++;
    if (this.size * 2 > this.table.length) this.rehash();
  }

  private slotOf(tuple: Int32Array): number {
    const w = this.width;
    let slot = this.hash(tuple) & this.mask;
    for (;;) {
      const entry = this.table[slot]!;
      if (entry === EMPTY) return slot;
      let k = 0;
      while (k < w && this.keys[entry * w + k] === tuple[k]) k++;
      if (k === w) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2).fill(EMPTY);
    this.mask = this.table.length - 1;
    const w = this.width;
    for (let entry = 0; entry < this.size; entry++) {
      let slot = this.hash(this.keys, entry * w) & this.mask;
      while (this.table[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.table[slot] = entry;
    }
  }
}
