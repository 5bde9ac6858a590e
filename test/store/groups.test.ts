// Imports are written in groups of 256 rows: a file that starts with stored keys, has a group mixing stored
// and new keys and ends with a short group of new ones lands every row once, counted right, and undoes exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBeneficiaries } from '../../bench/beneficiaries.js';
import { impact } from '../helpers/cli.js';
import { accounted, importJson, removeWorkspaces, storeCounts, storedRows, storeWorkspace } from '../helpers/store.js';

afterAll(removeWorkspaces);

describe('impact import in groups', { timeout: 300_000 }, () => {
  it('upserts a newer export whose groups are all stored, mixed, then all new', async () => {
    const root = storeWorkspace();
    // People 1–300, none of them left yet; then people 1–600 (the same 300 first, with exits for most).
    await writeBeneficiaries(join(root, 'older.csv'), { rows: 300, first: 1, seed: 1, exited: 0 });
    await writeBeneficiaries(join(root, 'newer.csv'), { rows: 600, first: 1, seed: 2, exited: 0.8 });
    const first = importJson(root, 'beneficiaries', ['older.csv']);
    expect(first.summary.files[0]).toMatchObject({ status: 'imported', read: 300, inserted: 300, batch: 1 });
    const before = storedRows(root, 'beneficiaries');

    // Groups of the newer file: rows 1–256 all stored, 257–512 stored up to 300 then new, 513–600 new.
    // The older file had no exits, so no update blanks anything: each of the 300 is updated or unchanged.
    const dry = importJson(root, 'beneficiaries', ['newer.csv'], ['--dry-run']);
    const second = importJson(root, 'beneficiaries', ['newer.csv']);
    expect(second.status).toBe(0);
    const counts = second.summary.files[0]!;
    expect(counts).toMatchObject({ status: 'imported', read: 600, inserted: 300, held: 0, rejected: 0, batch: 2 });
    expect(counts.updated + counts.unchanged).toBe(300);
    expect(counts.updated).toBeGreaterThan(0);
    expect(accounted(counts)).toBe(true);
    // The dry run looks each row up on its own: the same counts by another path.
    const { inserted, updated, unchanged, held } = dry.summary.files[0]!;
    expect({ inserted, updated, unchanged, held }).toEqual({
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged,
      held: counts.held,
    });

    const after = storedRows(root, 'beneficiaries');
    expect(Object.keys(after)).toHaveLength(600);
    // Person n is on line n + 1 of both files (after the header).
    const byBatch = { 1: 0, 2: 0 };
    for (const [key, { batch, line }] of Object.entries(after)) {
      const n = Number(key.slice(1));
      expect(line, key).toBe(n + 1);
      if (n > 300) expect(batch, key).toBe(2);
      byBatch[batch as 1 | 2]++;
    }
    // Batch 2 wrote its 300 new people and its updates; the unchanged keep batch 1.
    expect(byBatch).toEqual({ 1: counts.unchanged, 2: 300 + counts.updated });

    const undo = impact(['store', 'undo', '2', '--json'], { cwd: root });
    expect(undo.status).toBe(0);
    expect(JSON.parse(undo.stdout)).toMatchObject({ deleted: 300, restored: counts.updated });
    expect(storedRows(root, 'beneficiaries')).toEqual(before);
    expect(storeCounts(root)).toMatchObject({ rows: { beneficiaries: 300 }, batches: 2 });
  });

  it('writes a file read in several steps as it reads it: every row once, as the file has it', async () => {
    const root = storeWorkspace();
    // 40,000 rows (2.6 MB) are read in three steps of 1 MB, and written after each: the steps end inside
    // groups of 256, and the first 30,000 people are stored already (their exits change, some are dropped).
    await writeBeneficiaries(join(root, 'older.csv'), { rows: 30_000, first: 1, seed: 1, exited: 0.3 });
    await writeBeneficiaries(join(root, 'newer.csv'), { rows: 40_000, first: 1, seed: 2, exited: 0.8 });
    expect(importJson(root, 'beneficiaries', ['older.csv']).summary.files[0]).toMatchObject({ inserted: 30_000 });
    const dry = importJson(root, 'beneficiaries', ['newer.csv'], ['--dry-run']).summary.files[0]!;
    const run = importJson(root, 'beneficiaries', ['newer.csv'], ['--allow-blank-updates']);
    const counts = run.summary.files[0]!;
    expect(counts).toMatchObject({ status: 'imported', read: 40_000, inserted: 10_000, held: 0, rejected: 0 });
    expect(accounted(counts)).toBe(true);
    // The dry run looks each row up on its own after the whole read: blanking updates are held there.
    expect(counts.updated + counts.unchanged).toBe(30_000);
    expect(dry.inserted).toBe(10_000);
    expect(dry.updated + dry.held).toBe(counts.updated);
    expect(dry.unchanged).toBe(counts.unchanged);
    expect(dry.held).toBeGreaterThan(0);

    // With blanking allowed, the store holds exactly the newer file: each person's exit as its line says.
    const stored = storedRows(root, 'beneficiaries');
    const lines = readFileSync(join(root, 'newer.csv'), 'utf8').trim().split('\n').slice(1);
    expect(Object.keys(stored)).toHaveLength(lines.length);
    let rewritten = 0;
    lines.forEach((text, index) => {
      const cells = text.split(',');
      const { row, batch, line } = stored[cells[0]!]!;
      const typed = row as Record<string, unknown>;
      expect([typed.exit_date ?? '', typed.exit_level ?? '', typed.outcome ?? ''], cells[0]).toEqual(cells.slice(8));
      expect(typed.entry_date, cells[0]).toBe(cells[2]);
      if (batch === 2) {
        rewritten++;
        expect(line, cells[0]).toBe(index + 2);
      }
    });
    expect(rewritten).toBe(10_000 + counts.updated);
  });
});
