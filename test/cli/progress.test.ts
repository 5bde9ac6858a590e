// The progress line on stderr (src/cli/progress.ts) speaks the reader's language: numbers grouped
// as people read them (12,345 / 12 345), French spacing before the colon and the percent sign.
import { Chalk } from 'chalk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Terminal } from '../../src/cli/io.js';
import { ProgressReporter } from '../../src/cli/progress.js';
import type { Lang } from '../../src/messages.js';

const plain = new Chalk({ level: 0 });
const term: Terminal = { out: () => {}, err: () => {}, c: plain, ce: plain, quiet: false, verbose: false, isTTY: true };

function drawn(lang: Lang, rows: number, total?: number, fraction?: number): string {
  const writes: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    writes.push(String(chunk));
    return true;
  });
  try {
    new ProgressReporter(term, lang === 'fr' ? 'lecture' : 'reading', lang).update('data/b.csv', rows, total, fraction);
  } finally {
    spy.mockRestore();
  }
  return writes.join('').replace('\r\x1b[2K', '');
}

afterEach(() => vi.restoreAllMocks());

describe('the progress line', () => {
  it('groups the numbers and spaces the colon as English readers expect', () => {
    expect(drawn('en', 12345)).toBe('reading data/b.csv: 12,345');
    expect(drawn('en', 12345, 50000)).toBe('reading data/b.csv [#####...............] 24% 12,345/50,000');
  });

  it('and as French readers expect: no-break spaces in numbers, before the colon and the percent sign', () => {
    expect(drawn('fr', 12345)).toBe('lecture data/b.csv\u00a0: 12\u202f345');
    expect(drawn('fr', 1234567, undefined, 0.5)).toBe(
      'lecture data/b.csv [##########..........] 50\u00a0% 1\u202f234\u202f567',
    );
  });

  it('is not drawn off a terminal or with --quiet', () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    new ProgressReporter({ ...term, isTTY: false }, 'reading', 'en').update('x', 1);
    new ProgressReporter({ ...term, quiet: true }, 'reading', 'en').update('x', 1);
    expect(spy).not.toHaveBeenCalled();
  });
});
