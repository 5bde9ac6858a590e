import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DistinctIds } from '../../src/engine/distinct.js';

describe('DistinctIds', () => {
  it('counts each id once, by hand', () => {
    const ids = new DistinctIds();
    for (const id of [5, 5, 3, 9, 3, 5, 0]) ids.add(id);
    // {0, 3, 5, 9}
    expect(ids.size).toBe(4);
    ids.add(9);
    ids.add(12);
    expect(ids.size).toBe(5);
  });

  it('grows past its first 16 places, keeping every id (by hand)', () => {
    // 40 ids, each added twice in a row (the second skipped at once), then all 40 again (removed when
    // the array fills and is compacted): 40 distinct, more than the 16 places it starts with.
    const ids = new DistinctIds();
    for (let id = 0; id < 40; id++) {
      ids.add(id);
      ids.add(id);
    }
    for (let id = 39; id >= 0; id--) ids.add(id);
    expect(ids.size).toBe(40);
  });

  it('agrees with a Set for any sequence, across compactions and growth (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 3000 }), (values) => {
        const ids = new DistinctIds();
        for (const v of values) ids.add(v);
        expect(ids.size).toBe(new Set(values).size);
      }),
    );
  });
});
