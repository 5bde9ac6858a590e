// `impact import` on copies of test/fixtures/store-workspace. Expected counts and rows were worked out by hand
// from the files in imports/ (the fixture's sites are PF-93 and PF-69; PF-13 only comes by import).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { impact } from '../helpers/cli.js';
import {
  accounted,
  importJson,
  removeWorkspaces,
  STORE_FIXTURE,
  storeCounts,
  storedRows,
  storeWorkspace,
} from '../helpers/store.js';

afterAll(removeWorkspaces);

const V1 = 'imports/beneficiaries-2025-01.csv';
const V2 = 'imports/beneficiaries-2025-02.csv';
const BAD = 'imports/beneficiaries-bad-rows.csv';
const sha256 = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(STORE_FIXTURE, file)))
    .digest('hex');
const noCounts = { inserted: 0, updated: 0, unchanged: 0, held: 0, rejected: 0 };

describe('impact import', { timeout: 180_000 }, () => {
  it('imports a file into a new store as batch 1, typed, with each row’s line', () => {
    const root = storeWorkspace();
    const run = importJson(root, 'beneficiaries', [V1]);
    expect(run.status).toBe(0);
    expect(run.summary).toEqual({
      dataset: 'beneficiaries',
      files: [
        {
          file: V1,
          sha256: sha256(V1),
          status: 'imported',
          read: 3,
          inserted: 3,
          updated: 0,
          unchanged: 0,
          held: 0,
          rejected: 0,
          batch: 1,
        },
      ],
    });
    expect(storeCounts(root)?.rows.beneficiaries).toBe(3);
    expect(storeCounts(root)?.batches).toBe(1);
    const rows = storedRows(root, 'beneficiaries');
    expect(rows.B1).toEqual({
      row: {
        beneficiary_id: 'B1',
        site_id: 'PF-93',
        entry_date: '2024-03-01',
        birth_year: 1990,
        gender: 'f',
        qpv: true,
        intake_level: 'severe',
      },
      batch: 1,
      line: 2,
    });
    // An empty qpv cell is missing, never false.
    expect(rows.B3).toEqual({
      row: {
        beneficiary_id: 'B3',
        site_id: 'PF-69',
        entry_date: '2024-09-15',
        birth_year: 1985,
        gender: 'f',
        intake_level: 'fragile',
      },
      batch: 1,
      line: 4,
    });
  });

  it('importing the same file twice changes nothing the second time, and says so', () => {
    const root = storeWorkspace();
    expect(importJson(root, 'beneficiaries', [V1]).status).toBe(0);
    const before = { counts: storeCounts(root), rows: storedRows(root, 'beneficiaries') };
    const again = importJson(root, 'beneficiaries', [V1]);
    expect(again.status).toBe(0);
    expect(again.summary.files).toEqual([
      { file: V1, sha256: sha256(V1), status: 'unchanged-file', read: 0, ...noCounts, batch: 1 },
    ]);
    expect({ counts: storeCounts(root), rows: storedRows(root, 'beneficiaries') }).toEqual(before);
    const human = impact(['import', 'beneficiaries', V1], { cwd: root });
    expect(human.status).toBe(0);
    expect(human.stdout).toContain(
      `beneficiaries ← ${V1}: already imported with the same sha256, nothing to do: batch 1`,
    );
    expect(storeCounts(root)?.batches).toBe(1);
  });

  it('a newer export of the same beneficiaries updates their exit levels in place', () => {
    const root = storeWorkspace();
    importJson(root, 'beneficiaries', [V1]);
    const run = importJson(root, 'beneficiaries', [V2]);
    expect(run.status).toBe(0);
    // B1 and B3 have left since (updated), B2 is as before (unchanged), B4 is new (inserted).
    expect(run.summary.files[0]).toMatchObject({
      status: 'imported',
      read: 4,
      inserted: 1,
      updated: 2,
      unchanged: 1,
      held: 0,
      rejected: 0,
      batch: 2,
    });
    const rows = storedRows(root, 'beneficiaries');
    expect(Object.keys(rows)).toEqual(['B1', 'B2', 'B3', 'B4']);
    expect(rows.B1).toMatchObject({
      row: { exit_date: '2025-01-20', exit_level: 'fragile', outcome: 'employment' },
      batch: 2,
      line: 2,
    });
    expect(rows.B3).toMatchObject({ row: { exit_level: 'autonomous', outcome: 'training' }, batch: 2, line: 4 });
    // An unchanged row keeps the batch and line that brought its values.
    expect(rows.B2).toMatchObject({ batch: 1, line: 3 });
    expect(rows.B4).toMatchObject({ batch: 2, line: 5 });

    const exported = impact(['store', 'export', 'beneficiaries'], { cwd: root });
    expect(exported.status).toBe(0);
    expect(exported.stdout).toBe(
      [
        'beneficiary_id,site_id,entry_date,birth_year,age,gender,qpv,territory,intake_level,exit_date,exit_level,outcome',
        'B1,PF-93,2024-03-01,1990,,f,true,,severe,2025-01-20,fragile,employment',
        'B2,PF-93,2024-05-10,2001,,m,false,,precarious,,,',
        'B3,PF-69,2024-09-15,1985,,f,,,fragile,2025-02-01,autonomous,training',
        'B4,PF-69,2025-01-05,2003,,x,true,,severe,,,',
        '',
      ].join('\n'),
    );
  });

  it('rejects bad rows with their reasons (exit 1) and imports the good ones', () => {
    const root = storeWorkspace();
    const run = importJson(root, 'beneficiaries', [BAD]);
    expect(run.status).toBe(1);
    const rejects = `.impact/rejects/beneficiaries.import-${sha256(BAD).slice(0, 12)}.csv`;
    expect(run.summary.files).toEqual([
      {
        file: BAD,
        sha256: sha256(BAD),
        status: 'imported',
        read: 4,
        inserted: 1,
        updated: 0,
        unchanged: 0,
        held: 0,
        rejected: 3,
        batch: 1,
        rejects,
      },
    ]);
    expect(Object.keys(storedRows(root, 'beneficiaries'))).toEqual(['B8']);
    const lines = readFileSync(join(root, rejects), 'utf8').trim().split('\n');
    // In the imported file's own dialect, its own header after the reason columns.
    expect(lines.map((l) => l.split(',').slice(0, 2))).toEqual([
      ['_line', '_codes'],
      ['2', 'type-error'], // 2025-02-30
      ['3', 'foreign-key-error'], // site PF-XX
      ['4', 'row-constraint-error'], // exit 2024-12-01 before entry 2025-01-12
    ]);
  });

  it('refuses a whole file (exit 2) without writing anything of it', () => {
    const root = storeWorkspace();
    const headerless = importJson(root, 'beneficiaries', ['imports/beneficiaries-no-site-column.csv']);
    expect(headerless.status).toBe(2);
    expect(headerless.summary.files[0]).toMatchObject({
      status: 'refused',
      read: 1,
      inserted: 0,
      rejected: 1,
      batch: null,
      reason: 'required column is missing from the header',
    });
    const missing = importJson(root, 'beneficiaries', ['imports/nope.csv']);
    expect(missing.status).toBe(2);
    expect(missing.summary.files[0]).toMatchObject({ status: 'refused', read: 0, batch: null });
    expect(missing.summary.files[0]?.reason).toContain('file not found');
    expect(storeCounts(root)).toEqual({ rows: expect.objectContaining({ beneficiaries: 0 }), batches: 0 });
  });

  it('--dry-run reports what would change and writes nothing', () => {
    const root = storeWorkspace();
    const first = importJson(root, 'beneficiaries', [V1], ['--dry-run']);
    expect(first.status).toBe(0);
    expect(first.summary.files[0]).toMatchObject({ status: 'dry-run', read: 3, inserted: 3, batch: null });
    expect(existsSync(join(root, '.impact'))).toBe(false);

    importJson(root, 'beneficiaries', [V1]);
    const before = { counts: storeCounts(root), rows: storedRows(root, 'beneficiaries') };
    const run = importJson(root, 'beneficiaries', [V1, V2, BAD], ['--dry-run']);
    expect(run.status).toBe(1);
    expect(
      run.summary.files.map(({ file, status, read, inserted, updated, unchanged, rejected, batch }) => ({
        file,
        status,
        counts: [read, inserted, updated, unchanged, rejected],
        batch,
      })),
    ).toEqual([
      // Applied oldest first, by the newest date in their rows: V1 2024-09-15, BAD 2025-01-15, V2 2025-02-01.
      { file: V1, status: 'unchanged-file', counts: [0, 0, 0, 0, 0], batch: 1 },
      { file: BAD, status: 'dry-run', counts: [4, 1, 0, 0, 3], batch: null },
      { file: V2, status: 'dry-run', counts: [4, 1, 2, 1, 0], batch: null },
    ]);
    expect({ counts: storeCounts(root), rows: storedRows(root, 'beneficiaries') }).toEqual(before);
    expect(existsSync(join(root, '.impact', 'rejects'))).toBe(false);
  });

  it('checks references against the sites of the configured file and of the store', () => {
    const root = storeWorkspace();
    const before = importJson(root, 'beneficiaries', ['imports/beneficiaries-marseille.csv']);
    expect(before.status).toBe(2); // its only row refers to PF-13, which no file or import has yet
    expect(before.summary.files[0]).toMatchObject({ status: 'refused', read: 1, rejected: 1 });
    expect(importJson(root, 'sites', ['imports/sites-marseille.csv']).summary.files[0]).toMatchObject({
      status: 'imported',
      inserted: 1,
    });
    const after = importJson(root, 'beneficiaries', ['imports/beneficiaries-marseille.csv']);
    expect(after.status).toBe(0);
    expect(after.summary.files[0]).toMatchObject({ status: 'imported', read: 1, inserted: 1, batch: 2 });
  });

  it('accounts for every row of every file: read = inserted + updated + unchanged + held + rejected', () => {
    const root = storeWorkspace();
    const files = [V1, V2, BAD, V1, 'imports/beneficiaries-no-site-column.csv', 'imports/beneficiaries-marseille.csv'];
    const run = importJson(root, 'beneficiaries', files);
    expect(run.status).toBe(2);
    // Applied oldest first: the file without a usable row (no date) first, then V1, V1 again, BAD, V2, Marseille.
    expect(run.summary.files.map((f) => [f.file, f.status, f.read])).toEqual([
      ['imports/beneficiaries-no-site-column.csv', 'refused', 1],
      [V1, 'imported', 3],
      [V1, 'unchanged-file', 0],
      [BAD, 'imported', 4],
      [V2, 'imported', 4],
      ['imports/beneficiaries-marseille.csv', 'refused', 1],
    ]);
    for (const file of run.summary.files) expect(accounted(file), file.file).toBe(true);
  });

  it('refuses datasets that are unknown or do not read the store (exit 2)', () => {
    const root = storeWorkspace();
    const unknown = impact(['import', 'people', V1], { cwd: root });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown dataset "people"');
    const notStored = impact(['import', 'organisations', 'data/organisations.csv'], { cwd: root });
    expect(notStored.status).toBe(2);
    expect(notStored.stderr).toContain('datasets.organisations has no "store: true" in impact.yaml');
    const notConfigured = impact(['import', 'actions', V1], { cwd: root });
    expect(notConfigured.status).toBe(2);
    expect(notConfigured.stderr).toContain('datasets.actions is not in impact.yaml');
    expect(existsSync(join(root, '.impact'))).toBe(false);
  });
});

describe('impact store status and export', { timeout: 120_000 }, () => {
  it('lists datasets, row counts and the ledger', () => {
    const root = storeWorkspace();
    expect(impact(['store', 'status'], { cwd: root }).stdout).toContain('No store yet');
    importJson(root, 'beneficiaries', [V1, V2]);
    const run = impact(['store', 'status', '--json'], { cwd: root });
    expect(run.status).toBe(0);
    const status = JSON.parse(run.stdout);
    expect(status.schema_version).toBe(3);
    expect(status.datasets.find((d: { dataset: string }) => d.dataset === 'beneficiaries')).toEqual({
      dataset: 'beneficiaries',
      rows: 4,
      batches: 2,
    });
    expect(
      status.batches.map((b: Record<string, unknown>) => [
        b.batch,
        b.file,
        b.read,
        b.inserted,
        b.updated,
        b.unchanged,
        b.rejected,
      ]),
    ).toEqual([
      [1, V1, 3, 3, 0, 0, 0],
      [2, V2, 4, 1, 2, 1, 0],
    ]);
    const human = impact(['store', 'status'], { cwd: root });
    expect(human.stdout).toMatch(/beneficiaries\s*│\s*4\s*│\s*2/);
  });

  it('exports to a file with -o, and an exported file imports back unchanged', () => {
    const root = storeWorkspace();
    importJson(root, 'beneficiaries', [V1, V2]);
    expect(impact(['store', 'export', 'beneficiaries', '-o', 'out/beneficiaries.csv'], { cwd: root }).status).toBe(0);
    const exported = readFileSync(join(root, 'out', 'beneficiaries.csv'), 'utf8');
    expect(exported.split('\n')).toHaveLength(6); // header, B1–B4, final newline
    const back = importJson(root, 'beneficiaries', ['out/beneficiaries.csv']);
    expect(back.summary.files[0]).toMatchObject({ status: 'imported', read: 4, unchanged: 4, held: 0, rejected: 0 });
  });
});
