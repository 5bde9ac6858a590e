// A typed array that grows while a table is built, then is handed over as a view of its first `length`
// slots (no final copy). Large arrays are fresh zeroed pages from the system: the capacity beyond the
// rows written is address space, not memory, so the reader reserves a file's estimated rows once
// (`reserve`) instead of doubling (which briefly holds two copies of every column).

type Typed = Int32Array | Int16Array | Int8Array | Uint8Array | Uint16Array | Float64Array | Float32Array;

export class GrowArray<A extends Typed> {
  array: A;

  constructor(
    private make: (length: number) => A,
    capacity = 1024,
  ) {
    this.array = make(capacity);
  }

  get capacity(): number {
    return this.array.length;
  }

  /** Room for at least `capacity` values; the first `used` are kept. */
  reserve(capacity: number, used: number): void {
    if (capacity <= this.array.length) return;
    const grown = this.make(capacity);
    // Only the values written: copying the untouched rest would make its pages resident.
    grown.set(this.array.subarray(0, used));
    this.array = grown;
  }

  /**
   * The same values in an array of another type from now on (a dictionary's codes outgrowing 8 or 16 bits):
   * the capacity is kept, and only the first `used` values are copied.
   */
  retype(make: (length: number) => A, used: number): void {
    this.make = make;
    const grown = make(this.array.length);
    grown.set(this.array.subarray(0, used));
    this.array = grown;
  }

  /** The first `length` values (a view, not a copy). */
  view(length: number): A {
    return this.array.subarray(0, length) as A;
  }
}
