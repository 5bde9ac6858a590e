// A progress line on stderr, only on a TTY and never with --quiet: CI logs and pipes stay clean.
import type { Terminal } from './io.js';

export class ProgressReporter {
  private active = false;
  private lastDraw = 0;
  constructor(
    private readonly term: Terminal,
    private readonly label: string,
  ) {}

  update(what: string, rows: number): void {
    if (!this.term.isTTY || this.term.quiet) return;
    const now = performance.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.active = true;
    const text = `${this.label} ${what}: ${rows.toLocaleString('en-GB')}`;
    process.stderr.write(`\r\x1b[2K${this.term.ce.dim(text.slice(0, (process.stderr.columns ?? 80) - 1))}`);
  }

  stop(): void {
    if (this.active) process.stderr.write('\r\x1b[2K');
    this.active = false;
  }
}
