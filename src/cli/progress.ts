// A progress line on stderr, only on a TTY and never with --quiet: CI logs and pipes stay clean.
import { type Lang, t } from '../messages.js';
import { visibleText } from '../visible-text.js';
import { formatCount, type Terminal } from './io.js';

export class ProgressReporter {
  private active = false;
  private lastDraw = 0;
  constructor(
    private readonly term: Terminal,
    private readonly label: string,
    /** Numbers and the colon in the reader's language: `12,345` or `12 345`, `:` or ` :`. */
    private readonly lang: Lang,
  ) {}

  /** With `total` (e.g. a file's line count) or `fraction` (of its bytes read), a bar and a percentage. */
  update(what: string, rows: number, total?: number, fraction?: number): void {
    if (!this.term.isTTY || this.term.quiet) return;
    const now = performance.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.active = true;
    const n = (value: number) => formatCount(value, this.lang);
    let text = `${this.label} ${what}${t(this.lang, 'punct.colon')}${n(rows)}`;
    const done = total !== undefined && total > 0 ? Math.min(1, rows / total) : fraction;
    if (done !== undefined) {
      const width = 20;
      const filled = Math.round(done * width);
      const count = total !== undefined && total > 0 ? `${n(rows)}/${n(total)}` : n(rows);
      const percent = `${Math.floor(done * 100)}${this.lang === 'fr' ? '\u00a0%' : '%'}`;
      text = `${this.label} ${what} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent} ${count}`;
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
