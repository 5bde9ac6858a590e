// The reader's compact indexes: byte dictionaries (codes in order of first appearance), composite-key
// row indexes that read keys back from the rows, and dictionaries decoded only on demand.
import { describe, expect, it } from 'vitest';
import { ByteDict, RowKeyIndex } from '../../src/data/byte-dict.js';
import { dictSize, dictText, lazyDictColumn } from '../../src/data/columns.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('ByteDict', () => {
  it('codes byte strings in order of first appearance, through rehashes, and reads them back once sealed', () => {
    const dict = new ByteDict(4);
    const ids = Array.from({ length: 5000 }, (_, i) => `B${String(i).padStart(7, '0')}`);
    ids.forEach((id, i) => {
      expect(dict.add(bytes(id), 0, id.length)).toBe(i);
    });
    // Again, and prefixes that share the same last byte: the same codes, no new entry.
    expect(dict.add(bytes('B0000042'), 0, 8)).toBe(42);
    expect(dict.get(bytes('xB0004999'), 1, 9)).toBe(4999);
    expect(dict.get(bytes('B000004'), 0, 7)).toBe(-1);
    expect(dict.size).toBe(5000);
    dict.seal(false);
    expect(Buffer.from(dict.bytes(1234)).toString()).toBe('B0001234');
    expect(dict.starts.length).toBe(5001);
  });

  it('keeps every code through room reserved at once, and grows past it as before', () => {
    const dict = new ByteDict(4);
    const ids = Array.from({ length: 3000 }, (_, i) => `id-${i}`);
    for (const id of ids.slice(0, 100)) dict.add(bytes(id), 0, id.length);
    // Less room than comes: the offsets, bytes and table grow again after it.
    dict.reserve(1000, 4000, 900);
    ids.forEach((id, i) => {
      expect(dict.add(bytes(id), 0, id.length)).toBe(i);
    });
    ids.forEach((id, i) => {
      expect(dict.get(bytes(id), 0, id.length)).toBe(i);
    });
    dict.seal(false);
    expect(Buffer.from(dict.bytes(2999)).toString()).toBe('id-2999');
  });
});

describe('RowKeyIndex', () => {
  it('finds rows by a composite key read from the rows themselves; keys that differ in one part stay apart', () => {
    // Row r has the key (r % 7, r % 11, r): every key is distinct.
    const key = (row: number, k: number) => [row % 7, row % 11, row][k]!;
    const index = new RowKeyIndex(3, key);
    for (let row = 0; row < 3000; row++) index.add(row);
    expect(index.size).toBe(3000);
    expect(index.find(Int32Array.from([2500 % 7, 2500 % 11, 2500]))).toBe(2500);
    // Row 77 is (0, 0, 77); row 78 is (1, 1, 78), so (0, 0, 78) is no row's key.
    expect(index.find(Int32Array.from([0, 0, 77]))).toBe(77);
    expect(index.find(Int32Array.from([0, 0, 78]))).toBe(-1);
    expect(index.find(Int32Array.from([1, 2, 3000]))).toBe(-1);
  });

  it('keeps every row through room reserved after some rows, and grows past it as before', () => {
    const key = (row: number, k: number) => [row % 13, row][k]!;
    const index = new RowKeyIndex(2, key);
    for (let row = 0; row < 500; row++) index.add(row);
    index.reserve(2000);
    for (let row = 500; row < 5000; row++) index.add(row);
    for (const row of [0, 499, 500, 1999, 4999]) expect(index.find(Int32Array.from([row % 13, row]))).toBe(row);
    expect(index.find(Int32Array.from([1, 5000]))).toBe(-1);
    expect(index.size).toBe(5000);
  });
});

describe('lazyDictColumn', () => {
  it('answers a size and single texts without decoding the others, and builds `dict` once when read', () => {
    const decoded: number[] = [];
    const texts = {
      size: 3,
      text: (code: number) => {
        decoded.push(code);
        return ['P1', 'P2', 'P,3'][code]!;
      },
    };
    const column = lazyDictColumn(Int32Array.from([2, 0, -1]), texts);
    expect(dictSize(column)).toBe(3);
    expect(dictText(column, 2)).toBe('P,3');
    expect(decoded).toEqual([2]);
    expect(column.dict).toEqual(['P1', 'P2', 'P,3']);
    expect(column.dict).toBe(column.dict);
    expect(decoded).toEqual([2, 0, 1, 2]);
    // A plain column answers the same from its array.
    expect(dictSize({ type: 'dict', codes: new Int32Array(0), dict: ['a', 'b'] })).toBe(2);
  });
});
