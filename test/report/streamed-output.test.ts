// A streamed output (the XLSX written with -o) goes through the workspace's .impact/tmp: the target
// shows the old file or the new one, never part of one, and a failed write leaves the old file and no temp file.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeWholeFileFrom } from '../../src/atomic-write.js';

describe('writeWholeFileFrom', () => {
  it('replaces the target once the streamed temp file is complete, and leaves nothing in .impact/tmp', async () => {
    const root = mkdtempSync(join(tmpdir(), 'impact-streamed-'));
    const target = join(root, 'reports', 'report.xlsx');
    let seen: string | undefined;
    await writeWholeFileFrom(root, target, async (temp) => {
      seen = temp;
      writeFileSync(temp, 'new');
      // While the bytes are being written, the target does not exist yet: nobody reads half a file.
      expect(existsSync(target)).toBe(false);
    });
    expect(seen?.startsWith(join(root, '.impact', 'tmp'))).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(join(root, '.impact', 'tmp'))).toEqual([]);
  });

  it('keeps the old target and removes its temp file when the write fails', async () => {
    const root = mkdtempSync(join(tmpdir(), 'impact-streamed-'));
    const target = join(root, 'report.xlsx');
    writeFileSync(target, 'old');
    await expect(
      writeWholeFileFrom(root, target, async (temp) => {
        writeFileSync(temp, 'half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(join(root, '.impact', 'tmp'))).toEqual([]);
  });
});
