// A progress line on stderr, only on a TTY and never with --quiet: CI logs and pipes stay clean.
import { visibleText } from '../visible-text.js';
import type { Terminal } from './io.js';

export class ProgressReporter {
  private active = false;
  private lastDraw = 0;
  constructor(
    private readonly term: Terminal,
    private readonly label: string,
  ) {}

  /** With `total` (e.g. a file's line count) or `fraction` (of its bytes read), a bar and a percentage. */
  update(what: string, rows: number, total?: number, fraction?: number): void {
    if (!this.term.isTTY || this.term.quiet) return;
    const now = performance.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.active = true;
    let text = `${this.label} ${what}: ${rows.toLocaleString('en-GB')}`;
    const done = total !== undefined && total > 0 ? Math.min(1, rows / total) : fraction;
    if (done !== undefined) {
      const width = 20;
      const filled = Math.round(done * width);
      const count =
        total !== undefined && total > 0
          ? `${rows.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')}`
          : rows.toLocaleString('en-GB');
      text = `${this.label} ${what} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(done * 100)}% ${count}`;
    }
    process.stderr.write(
      `\r\x1b[2K${this.term.ce.dim(visibleText(text).slice(0, (process.stderr.columns ?? 80) - 1))}`,
    );
  }

  stop(): void {
    if (this.active) process.stderr.write('\r\x1b[2K');
    this.active = false;
  }
}
