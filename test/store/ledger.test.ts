// Imports you can trust and undo, over fixtures/partner-imports: keys checked against the configured files,
// files applied oldest first, updates that would blank a stored value held back, and `store undo` putting
// the store back exactly. Counts were worked out by hand from the fixture's files (see its impact.yaml).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, impact } from '../helpers/cli.js';
import { importJson, storeTable, typedRow } from '../helpers/store.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function workspace(): string {
  const dir = copyFixture('partner-imports');
  made.push(dir);
  return dir;
}

/** Every stored beneficiary row exactly as SQLite holds it: typed columns, hash, batch, line. */
const storeRows = (root: string) => storeTable(root, 'beneficiaries');
const stored = (root: string) =>
  Object.fromEntries(storeRows(root).map((r) => [r.beneficiary_id, typedRow('beneficiaries', r)]));

describe('impact import: keys against the configured files', () => {
  it('rejects rows whose key is already in the configured files, naming where the first copy is', () => {
    const root = workspace();
    // Before the import: once imported, the same file is not read again.
    const text = impact(['import', 'beneficiaries', 'exports/with-duplicates.csv', '--dry-run'], { cwd: root });
    const run = importJson(root, 'beneficiaries', ['exports/with-duplicates.csv']);
    expect(run.status).toBe(1);
    expect(run.summary.files[0]).toMatchObject({
      read: 3,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      held: 0,
      rejected: 2,
    });
    expect(text.stdout).toContain(
      '  exports/with-duplicates.csv:2  beneficiary_id+site_id+entry_date  "B1 + S1 + 2025-01-06"  duplicate key beneficiary_id + site_id + entry_date, first seen at data/beneficiaries.csv:2',
    );
    expect(text.stdout).toContain('first seen at data/beneficiaries.csv:3');
    expect(Object.keys(stored(root))).toEqual(['B3']);
    // So the workspace holds each key once: validate finds no duplicate.
    const validate = impact(['validate', '--json'], { cwd: root });
    expect(validate.status).toBe(0);
    expect(JSON.parse(validate.stdout).quality).toMatchObject({ rows: 7, used: 7, rejected: 0 });
  });
});

describe('impact import: order of the files and blank updates', () => {
  it('applies the older export first by default (newest date in its rows), so nothing is blanked', () => {
    const root = workspace();
    // Given newest first on the command line, as a name-ordered glob would.
    const run = importJson(root, 'beneficiaries', ['exports/newer.csv', 'exports/older.csv']);
    expect(run.status).toBe(0);
    expect(run.summary.files.map((f) => [f.file, f.batch, f.inserted, f.updated, f.held])).toEqual([
      ['exports/older.csv', 1, 2, 0, 0], // newest date 2025-01-25: B10, B12
      ['exports/newer.csv', 2, 1, 1, 0], // newest date 2025-03-10: B11 new, B10 gets its exit
    ]);
    expect(stored(root).B10).toMatchObject({
      exit_date: '2025-03-10',
      exit_level: 'autonomous',
      outcome: 'employment',
    });
  });

  it('with --order name, holds back the older export’s update that would blank B10’s exit, with a located warning', () => {
    const root = workspace();
    const run = importJson(root, 'beneficiaries', ['exports/older.csv', 'exports/newer.csv'], ['--order', 'name']);
    expect(run.status).toBe(0);
    expect(
      run.summary.files.map((f) => [f.file, f.read, f.inserted, f.updated, f.unchanged, f.held, f.rejected]),
    ).toEqual([
      ['exports/newer.csv', 2, 2, 0, 0, 0, 0],
      ['exports/older.csv', 2, 1, 0, 0, 1, 0], // B12 inserted, B10 held back
    ]);
    expect(stored(root).B10).toMatchObject({
      exit_date: '2025-03-10',
      exit_level: 'autonomous',
      outcome: 'employment',
    });
    const fresh = workspace();
    const text = impact(['import', 'beneficiaries', 'exports/newer.csv', 'exports/older.csv', '--order', 'name'], {
      cwd: fresh,
    });
    expect(text.stdout).toContain(
      '  exports/older.csv:2  exit_date, exit_level, outcome  this update would blank exit_date, exit_level, outcome (stored by batch 1): held back; --allow-blank-updates applies it',
    );
    expect(text.stdout).toContain('  2 read = 1 inserted + 0 updated + 0 unchanged + 1 held back + 0 rejected');
  });

  it('applies it with --allow-blank-updates', () => {
    const root = workspace();
    const run = importJson(
      root,
      'beneficiaries',
      ['exports/newer.csv', 'exports/older.csv'],
      ['--order', 'name', '--allow-blank-updates'],
    );
    expect(run.summary.files.map((f) => [f.file, f.inserted, f.updated, f.held])).toEqual([
      ['exports/newer.csv', 2, 0, 0],
      ['exports/older.csv', 1, 1, 0],
    ]);
    expect(stored(root).B10).toEqual({
      beneficiary_id: 'B10',
      site_id: 'S2',
      entry_date: '2025-01-20',
      birth_year: 1995,
      intake_level: 'severe',
    });
  });
});

describe('impact store undo and store log', () => {
  it('brings the store back to its exact previous content, and the ledger shows it', () => {
    const root = workspace();
    importJson(root, 'beneficiaries', ['exports/older.csv']);
    const before = storeRows(root);
    expect(before.map((r) => [r.beneficiary_id, r.batch, r.line])).toEqual([
      ['B10', 1, 2],
      ['B12', 1, 3],
    ]);
    const second = importJson(root, 'beneficiaries', ['exports/newer.csv']);
    expect(second.summary.files[0]).toMatchObject({ batch: 2, inserted: 1, updated: 1 });
    expect(storeRows(root)).not.toEqual(before);

    const undo = impact(['store', 'undo', '2', '--json'], { cwd: root });
    expect(undo.status).toBe(0);
    expect(JSON.parse(undo.stdout)).toEqual({
      batch: 2,
      dataset: 'beneficiaries',
      file: 'exports/newer.csv',
      deleted: 1, // B11
      restored: 1, // B10, back to batch 1's row and line
    });
    expect(storeRows(root)).toEqual(before);

    const log = JSON.parse(impact(['store', 'log', '--json'], { cwd: root }).stdout);
    expect(
      log.batches.map((b: Record<string, unknown>) => [b.batch, b.file, b.inserted, b.updated, b.undoable, b.undone]),
    ).toEqual([
      [1, 'exports/older.csv', 2, 0, true, false],
      [2, 'exports/newer.csv', 1, 1, true, true],
    ]);
    const text = impact(['store', 'log'], { cwd: root });
    expect(text.stdout).toMatch(/│\s+2 │ beneficiaries │ exports\/newer\.csv .*│ undone\s+│/);

    // An undone batch no longer holds its file: importing it again makes a new batch.
    const again = importJson(root, 'beneficiaries', ['exports/newer.csv']);
    expect(again.summary.files[0]).toMatchObject({ status: 'imported', batch: 3, inserted: 1, updated: 1 });
  });

  it('refuses to undo a batch whose rows a later batch changed, and an unknown one (exit 2)', () => {
    const root = workspace();
    importJson(root, 'beneficiaries', ['exports/older.csv']);
    importJson(root, 'beneficiaries', ['exports/newer.csv']);
    const before = storeRows(root);
    const refused = impact(['store', 'undo', '1'], { cwd: root });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      'impact: batch 1 cannot be undone: batch 2 changed the same rows since; undo it first\n',
    );
    expect(storeRows(root)).toEqual(before);
    const unknown = impact(['store', 'undo', '9'], { cwd: root });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('impact: there is no batch 9 in the store (impact store log lists them)\n');
    expect(impact(['store', 'undo', '2'], { cwd: root }).status).toBe(0);
    expect(impact(['store', 'undo', '2'], { cwd: root }).stderr).toBe(
      'impact: batch 2 (exports/newer.csv) is already undone\n',
    );
    expect(impact(['store', 'undo', '1'], { cwd: root }).status).toBe(0);
    expect(storeRows(root)).toEqual([]);
  });

  it('words a store refusal in the workspace locale', () => {
    const root = workspace();
    importJson(root, 'beneficiaries', ['exports/older.csv']);
    const config = join(root, 'impact.yaml');
    writeFileSync(config, `locale: fr\n${readFileSync(config, 'utf8').replace(/^locale:.*\n/m, '')}`);
    const unknown = impact(['store', 'undo', '9'], { cwd: root });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('impact: il n’y a pas de lot 9 dans la base locale (impact store log les liste)\n');
    // French spaces its colons, in the import's lines and the store's status alike.
    const again = impact(['import', 'beneficiaries', 'exports/older.csv'], { cwd: root });
    expect(again.stdout).toContain('beneficiaries ← exports/older.csv\u00a0: ');
    expect(impact(['store', 'status'], { cwd: root }).stdout).toContain('Base locale\u00a0: ');
  });
});
