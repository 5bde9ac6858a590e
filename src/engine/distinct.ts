// Distinct counting of interned ids (people, organisations) per cell. Appending to a typed array
// and compacting (sort + dedupe) when it fills is ~3× faster than a Set<number> and holds 4 bytes
// per distinct id instead of ~16, which is what a unique count over millions of rows needs.
export class DistinctIds {
  private ids = new Int32Array(16);
  private length = 0;
  private last = -1;

  add(id: number): void {
    // Rows of one person often come together: skip the cheapest duplicates at once.
    if (id === this.last) return;
    this.last = id;
    if (this.length === this.ids.length) {
      this.compact();
      if (this.length > this.ids.length >>> 1) {
        const grown = new Int32Array(this.ids.length * 2);
        grown.set(this.ids.subarray(0, this.length));
        this.ids = grown;
      }
    }
    this.ids[this.length++] = id;
  }

  get size(): number {
    this.compact();
    return this.length;
  }

  private compact(): void {
    const view = this.ids.subarray(0, this.length);
    view.sort();
    let kept = 0;
    for (let i = 0; i < view.length; i++) {
      if (kept === 0 || view[i] !== view[kept - 1]) view[kept++] = view[i]!;
    }
    this.length = kept;
  }
}
