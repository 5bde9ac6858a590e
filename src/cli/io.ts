// The terminal: colour decisions, stdout/stderr writers, language, exit codes. Only src/cli prints.
import { Chalk, type ChalkInstance } from 'chalk';
import { t } from '../messages.js';
import type { Lang } from '../problems.js';
import { visibleText } from '../visible-text.js';

export const EXIT = { ok: 0, invalid: 1, usage: 2, internal: 3 } as const;

/**
 * A user's words: already written in the run's language, or written once that language is known
 * (a usage mistake is often found before impact.yaml is read; the CLI words it in the workspace's
 * locale, or `--lang`, when it prints it).
 */
export type Worded = string | ((lang: Lang) => string);

export function worded(words: Worded, lang: Lang): string {
  return typeof words === 'string' ? words : words(lang);
}

/** Thrown for a user mistake (bad flag, missing config): one clear line, exit 2, no stack. */
export class UsageError extends Error {
  constructor(
    readonly words: Worded,
    readonly details: Worded[] = [],
  ) {
    super(worded(words, 'en'));
  }
}

export interface GlobalOptions {
  config?: string;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean; // commander's --no-color sets false
  allowOutside?: string[];
}

export interface Terminal {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Colour for stdout text. */
  c: ChalkInstance;
  /** Colour for stderr text. */
  ce: ChalkInstance;
  quiet: boolean;
  verbose: boolean;
  isTTY: boolean;
}

function colourLevel(stream: NodeJS.WriteStream, wanted: boolean | undefined): 0 | 1 | 2 | 3 {
  // chalk 5 ignores NO_COLOR (NOTES.md), so decide here: flag, then NO_COLOR, then FORCE_COLOR, then TTY.
  if (wanted === false) return 0;
  const noColor = process.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return 0;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0') return 1;
  return stream.isTTY ? 1 : 0;
}

export function makeTerminal(options: GlobalOptions): Terminal {
  const c = new Chalk({ level: colourLevel(process.stdout, options.color) });
  const ce = new Chalk({ level: colourLevel(process.stderr, options.color) });
  // Every line for people passes visibleText: data can never drive the terminal (issue 9).
  const line = (text: string, colour: boolean) => visibleText(text.endsWith('\n') ? text : `${text}\n`, colour);
  return {
    out: (text) => process.stdout.write(line(text, c.level > 0)),
    err: (text) => process.stderr.write(line(text, ce.level > 0)),
    c,
    ce,
    quiet: options.quiet === true,
    verbose: options.verbose === true,
    isTTY: process.stderr.isTTY === true,
  };
}

export function pickLang(explicit: string | undefined, fallback: Lang): Lang {
  if (explicit === undefined) return fallback;
  if (explicit === 'en' || explicit === 'fr') return explicit;
  throw new UsageError((lang) => t(lang, 'usage.lang', { value: explicit }));
}

/** Formats an integer or decimal for people: `1,234` in English, `1 234` (NBSP) in French. */
export function formatCount(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB').format(value);
}
