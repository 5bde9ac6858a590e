// Dictionary codes are kept in the narrowest array that holds the dictionary (8, 16 or 32 bits), widened
// while the file is read; every row must still read back its own value, those read before a widening too.
// A large file's sha256 may be handed over later (hashed on a thread of its own): it must be the file's.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DictColumn, dictText, MISSING_CODE } from '../../src/data/columns.js';
import { readDatasetColumns } from '../../src/data/dataset-to-columns.js';
import { type DatasetOptions, References } from '../../src/data/load.js';
import type { Problem } from '../../src/problems.js';

const root = mkdtempSync(join(tmpdir(), 'impact-narrow-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const options: DatasetOptions = {
  files: ['orgs.csv'],
  encoding: 'utf-8',
  columns: {},
  decimal: '.',
  dateFormat: 'yyyy-mm-dd',
  levels: ['severe', 'precarious', 'fragile', 'autonomous'],
};

// 40,000 organisations: ids pass 128 and 32,768 distinct values; sectors stay at 200, territories at 3 and empty.
const ROWS = 40_000;
const lines = ['org_id,name,kind,territory,sector'];
for (let i = 0; i < ROWS; i++) {
  lines.push(`O${i},Name ${i % 50},enterprise,${['93', '', '75', '13'][i % 4]},sector ${i % 200}`);
}
writeFileSync(join(root, 'orgs.csv'), `${lines.join('\n')}\n`);

async function read(parallel?: { fromBytes: number; pieces: number; threads: number }, deferred?: Promise<void>[]) {
  const problems: Problem[] = [];
  const result = await readDatasetColumns({
    root,
    dataset: 'organisations',
    options,
    references: new References(),
    sink: { add: (p) => problems.push(p) },
    ...(parallel ? { parallel } : {}),
    ...(deferred ? { deferHash: (hashed: Promise<void>) => deferred.push(hashed) } : {}),
  });
  expect(problems).toEqual([]);
  return result;
}

const texts = (column: DictColumn) =>
  Array.from(column.codes, (code) => (code === MISSING_CODE ? '' : dictText(column, code)));

describe('dictionary codes in the narrowest array', () => {
  it('widens as a dictionary grows, and every row keeps its value', async () => {
    const { table } = await read();
    const ids = table.columns.org_id as DictColumn;
    const sectors = table.columns.sector as DictColumn;
    const territories = table.columns.territory as DictColumn;
    expect(ids.codes).toBeInstanceOf(Int32Array);
    expect(sectors.codes).toBeInstanceOf(Int16Array);
    expect(territories.codes).toBeInstanceOf(Int8Array);
    expect(texts(ids)).toEqual(Array.from({ length: ROWS }, (_, i) => `O${i}`));
    expect(texts(sectors)).toEqual(Array.from({ length: ROWS }, (_, i) => `sector ${i % 200}`));
    expect(texts(territories)).toEqual(
      Array.from({ length: ROWS }, (_, i) => ['dep:93', '', 'dep:75', 'dep:13'][i % 4]),
    );
  });

  it('gives the same table from worker threads, and the file’s sha256 once the handed promise resolves', async () => {
    const one = await read();
    const deferred: Promise<void>[] = [];
    const pieces = await read({ fromBytes: 1, pieces: 5, threads: 2 }, deferred);
    expect(pieces.table).toEqual(one.table);
    expect(deferred).toHaveLength(1);
    await Promise.all(deferred);
    const sha256 = createHash('sha256')
      .update(readFileSync(join(root, 'orgs.csv')))
      .digest('hex');
    expect(pieces.stats[0]!.sha256).toBe(sha256);
    expect(pieces.stats).toEqual(one.stats);
  });
});
