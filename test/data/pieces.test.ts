// A large file is scanned in pieces by worker threads; the tables, problems and rejects must be exactly
// those of one thread. Here the threshold is lowered so that a small generated file is cut in 7 pieces, and
// one quoted name runs over a third of the file, so that some cuts fall inside quotes and are corrected.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cutTargets, piecesScannedAgain, warmScanWorkers, warmWorkerCount } from '../../src/data/csv-pieces.js';
import { readDatasetColumns } from '../../src/data/dataset-to-columns.js';
import { type DatasetOptions, References } from '../../src/data/load.js';
import { RejectsWriter } from '../../src/data/rejects.js';
import type { Problem } from '../../src/problems.js';
import { workspaceBounds } from '../../src/workspace-paths.js';

const root = mkdtempSync(join(tmpdir(), 'impact-pieces-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const options = (files: string[]): DatasetOptions => ({
  files,
  encoding: 'utf-8',
  columns: {},
  decimal: '.',
  dateFormat: 'yyyy-mm-dd',
  levels: ['severe', 'precarious', 'fragile', 'autonomous'],
});

const orgs = 'org_id,name,kind\nA,Alpha,fund\nB,Beta,enterprise\n';
const sites: string[] = ['site_id,org_id,name,kind,territory,opened_on'];
for (let i = 0; i < 3000; i++) {
  const name = i % 7 === 0 ? `"Site ${i}, ""quoted""\nsecond line"` : `Site ${i}`;
  const org = i % 101 === 0 ? 'Z' : i % 2 === 0 ? 'A' : 'B';
  const date = i % 97 === 0 ? '2024-02-30' : `20${10 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`;
  sites.push(`S${i % 2900},${org},${name},${i % 3 === 0 ? 'other' : ''},${i % 5 === 0 ? '93066' : '93'},${date}`);
  if (i === 1500) sites.push(`S-long,A,"${'a long name\n'.repeat(4000)}",other,FR,2020-01-01`);
  if (i % 500 === 0) sites.push('');
}
writeFileSync(join(root, 'orgs.csv'), orgs);
writeFileSync(join(root, 'sites.csv'), `${sites.join('\r\n')}\n`);

async function read(parallel?: { fromBytes: number; pieces: number; threads: number }) {
  const references = new References();
  const problems: Problem[] = [];
  const sink = { add: (p: Problem) => problems.push(p) };
  const folder = join(root, parallel ? 'rejects-pieces' : 'rejects-one');
  const rejects = new RejectsWriter(folder, 'en', workspaceBounds(root));
  const args = { root, references, sink, rejects, ...(parallel ? { parallel } : {}) };
  await readDatasetColumns({ ...args, dataset: 'organisations', options: options(['orgs.csv']) });
  const read = await readDatasetColumns({ ...args, dataset: 'sites', options: options(['sites.csv']) });
  rejects.finish(['sites']);
  const written = (readdirSync(folder, { recursive: true }) as string[])
    .filter((f) => statSync(join(folder, f)).isFile())
    .sort();
  return {
    ...read,
    problems,
    rejectsFile: written.map((f) => `${f}\n${readFileSync(join(folder, f), 'utf8')}`).join('\n'),
  };
}

describe('reading a file in pieces on worker threads', () => {
  it('gives the table, problems, counts and rejects of one thread', async () => {
    const one = await read();
    const pieces = await read({ fromBytes: 1, pieces: 7, threads: 2 });
    // The file is what the test means it to be: rows, rejects of each kind, the long name kept whole.
    expect(one.stats[0]!.rows).toBe(3001);
    expect(new Set(one.problems.map((p) => p.code))).toEqual(
      new Set(['foreign-key-error', 'type-error', 'unique-error']),
    );
    expect(one.table.columns.name?.type === 'dict' && one.table.columns.name.dict).toContain(
      'a long name\n'.repeat(4000).trim(),
    );
    expect(pieces.table).toEqual(one.table);
    expect(pieces.stats).toEqual(one.stats);
    expect(pieces.problems).toEqual(one.problems);
    expect(pieces.rejectsFile).toBe(one.rejectsFile);
    // At least one cut fell inside the long quoted name and was put right.
    expect(piecesScannedAgain).toBeGreaterThan(0);
  });
});

describe('where a file is cut', () => {
  it('in equal pieces, or in pieces growing from a small first one up to the largest, with no sliver at the end', () => {
    expect(cutTargets(100, 1100, 4)).toEqual([350, 600, 850]);
    // From 10: pieces of 1, 2, 4, 8, 8, … bytes; a last piece under half a step joins the one before.
    expect(cutTargets(10, 40, { first: 1, largest: 8 })).toEqual([11, 13, 17, 25, 33]);
    expect(cutTargets(10, 37, { first: 1, largest: 8 })).toEqual([11, 13, 17, 25]);
    expect(cutTargets(0, 1, { first: 4, largest: 8 })).toEqual([]);
    // Growing by 1.5 (rounded): pieces of 4, 6, 9, 14, 16 and the last 21 bytes (16 + a sliver of 5).
    expect(cutTargets(0, 70, { first: 4, largest: 16, growth: 1.5 })).toEqual([4, 10, 19, 33, 49]);
  });
});

describe('workers started ahead of a file', () => {
  it('are the ones the next file read in pieces is scanned by, with the same table', async () => {
    const one = await read();
    warmScanWorkers(2);
    expect(warmWorkerCount()).toBe(2);
    const pieces = await read({ fromBytes: 1, pieces: 5, threads: 2 });
    expect(warmWorkerCount()).toBe(0);
    expect(pieces.table).toEqual(one.table);
    expect(pieces.problems).toEqual(one.problems);
  });

  it('do not keep the process alive when no file needs them', () => {
    // A command that warms workers and then fails before reading must still end at once.
    const script = `import('${pathToFileURL(join(process.cwd(), 'dist/src/data/csv-pieces.js')).href}').then((m) => { m.warmScanWorkers(2); console.log('warm'); })`;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(out.trim()).toBe('warm');
  });
});
