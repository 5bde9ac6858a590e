// A progress line on stderr, only on a TTY and never with --quiet: CI logs and pipes stay clean.
import type { Terminal } from './io.js';

export class ProgressReporter {
  private active = false;
  private lastDraw = 0;
  constructor(
    private readonly term: Terminal,
    private readonly label: string,
  ) {}

  /** With `total` (e.g. a file's line count), a bar and a percentage. */
  update(what: string, rows: number, total?: number): void {
    if (!this.term.isTTY || this.term.quiet) return;
    const now = performance.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.active = true;
    let text = `${this.label} ${what}: ${rows.toLocaleString('en-GB')}`;
    if (total !== undefined && total > 0) {
      const done = Math.min(1, rows / total);
      const width = 20;
      const filled = Math.round(done * width);
      text = `${this.label} ${what} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(done * 100)}% ${rows.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')}`;
    }
    process.stderr.write(`\r\x1b[2K${this.term.ce.dim(text.slice(0, (process.stderr.columns ?? 80) - 1))}`);
  }

  stop(): void {
    if (this.active) process.stderr.write('\r\x1b[2K');
    this.active = false;
  }
}
