// How a text file is written (encoding, delimiter), guessed from its first bytes when impact.yaml does not
// say, and checked against what it says: a UTF-8 export read as Windows-1252 shows `Date dâ€™entrÃ©e`, a
// UTF-16 one shows NULs; both are caught here with the setting that fixes them, before any row is read.
import { closeSync, openSync, readSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Problem } from '../problems.js';
import type { DateFormat, DecimalMark } from './values.js';
import { buildVocabulary, type ValuesConfig, type Vocabulary } from './vocabulary.js';

export const TEXT_ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
export type Delimiter = ',' | ';';

const SAMPLE = 64 * 1024;

export interface Sniffed {
  encoding: TextEncoding;
  /** How it was decided: a byte-order mark, the NUL pattern of UTF-16, valid UTF-8, or the fallback. */
  evidence: 'bom' | 'nul-pattern' | 'valid-utf-8' | 'ascii' | 'not-utf-8';
  delimiter: Delimiter;
  /** The first line (1-based) holding a byte above 0x7F, where a mismatch shows. */
  firstHighLine?: number;
  /** Whether the sample holds multi-byte UTF-8 sequences (é as C3 A9), the mark of a UTF-8 file. */
  utf8MultiByte: boolean;
  /** The bytes looked at, to show a line as a wrong encoding shows it. */
  sample: Buffer;
}

function readSample(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE);
    const n = readSync(fd, buffer, 0, SAMPLE, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** UTF-16 without a BOM: text made of ASCII shows a NUL in every other byte. */
function nulPattern(bytes: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.4 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.4 && odd < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Valid UTF-8 (a sequence cut by the end of the sample counts as valid), and whether it has multi-byte characters. */
function utf8Shape(bytes: Buffer): { valid: boolean; multiByte: boolean } {
  let multiByte = false;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return { valid: false, multiByte };
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return { valid: true, multiByte };
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return { valid: false, multiByte };
    }
    multiByte = true;
    i += length;
  }
  return { valid: true, multiByte };
}

/** ';' when the first non-blank line has more ';' than ',' outside double quotes, else ','. */
export function detectDelimiterIn(text: string): Delimiter {
  const line = text.replace(/^[\r\n]+/, '').split(/\r?\n|\r/, 1)[0] ?? '';
  let semis = 0;
  let commas = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ';') semis++;
    else if (!quoted && c === ',') commas++;
  }
  return semis > commas ? ';' : ',';
}

export function decodeSample(bytes: Buffer, encoding: TextEncoding): string {
  const text = iconv.decode(bytes, encoding === 'windows-1252' ? 'win1252' : encoding);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Guesses the encoding and delimiter of a text file from its first 64 KiB. */
export function sniffFile(file: string): Sniffed {
  return sniffBytes(readSample(file));
}

export function sniffBytes(bytes: Buffer): Sniffed {
  const highAt = bytes.findIndex((b) => b > 0x7f);
  const firstHighLine = highAt < 0 ? undefined : countLines(bytes, highAt);
  const shape = utf8Shape(bytes);
  let encoding: TextEncoding;
  let evidence: Sniffed['evidence'];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) [encoding, evidence] = ['utf-8', 'bom'];
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, evidence] = ['utf-16le', 'bom'];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, evidence] = ['utf-16be', 'bom'];
  else {
    const utf16 = nulPattern(bytes);
    if (utf16) [encoding, evidence] = [utf16, 'nul-pattern'];
    else if (highAt < 0) [encoding, evidence] = ['utf-8', 'ascii'];
    else if (shape.valid) [encoding, evidence] = ['utf-8', 'valid-utf-8'];
    else [encoding, evidence] = ['windows-1252', 'not-utf-8'];
  }
  const utf16 = encoding.startsWith('utf-16');
  return {
    encoding,
    evidence,
    delimiter: detectDelimiterIn(decodeSample(bytes, encoding)),
    ...(firstHighLine !== undefined && !utf16 ? { firstHighLine } : {}),
    utf8MultiByte: !utf16 && shape.multiByte,
    sample: bytes,
  };
}

function countLines(bytes: Buffer, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 10) line++;
  return line;
}

/** What the config's `encoding:` value is for an encoding, as the hint says it. */
export function encodingSetting(encoding: TextEncoding): string {
  return encoding;
}

/**
 * The encoding to read with (the configured one, else the detected one) and, when the configured one
 * disagrees with what the bytes plainly are, a located warning naming the setting to add.
 */
export function chooseEncoding(
  sniffed: Sniffed,
  configured: TextEncoding | undefined,
  where: { dataset: string; file: string },
): { encoding: TextEncoding; problem?: Problem } {
  if (configured === undefined) return { encoding: sniffed.encoding };
  const mismatch = (detected: TextEncoding, line: number, shown?: string): Problem => ({
    code: 'encoding-mismatch',
    severity: 'warning',
    ...where,
    line,
    ...(shown !== undefined ? { value: shown } : {}),
    args: { configured, detected, setting: encodingSetting(detected) },
  });
  const utf16 = sniffed.encoding.startsWith('utf-16');
  // The line as the configured encoding shows it (Date dâ€™entrÃ©e), so the user recognises the symptom.
  const shownLine = (line: number): string =>
    (decodeSample(sniffed.sample, configured).split(/\r?\n|\r/)[line - 1] ?? '').slice(0, 200);
  if (utf16 && configured !== sniffed.encoding) {
    return { encoding: configured, problem: mismatch(sniffed.encoding, 1) };
  }
  if (configured === 'windows-1252' && sniffed.utf8MultiByte && sniffed.evidence !== 'not-utf-8') {
    return {
      encoding: configured,
      problem: mismatch('utf-8', sniffed.firstHighLine ?? 1, shownLine(sniffed.firstHighLine ?? 1)),
    };
  }
  if (configured === 'utf-8' && sniffed.evidence === 'not-utf-8') {
    return {
      encoding: configured,
      problem: mismatch('windows-1252', sniffed.firstHighLine ?? 1, shownLine(sniffed.firstHighLine ?? 1)),
    };
  }
  return { encoding: configured };
}

/** What one entry of `files:` says of its own format, over the dataset's. */
export interface FileFormat {
  delimiter?: Delimiter;
  decimal?: DecimalMark;
  dateFormat?: DateFormat;
  encoding?: TextEncoding;
  sheet?: string;
  columns?: Record<string, string>;
  values?: ValuesConfig;
}

/** The dataset's format settings, as impact.yaml gives them (encoding and delimiter may be left to detection). */
export interface DatasetFormat {
  delimiter?: Delimiter;
  decimal: DecimalMark;
  dateFormat: DateFormat;
  encoding?: TextEncoding;
  sheet?: string;
  columns: Record<string, string>;
  values?: ValuesConfig;
}

/** How one file is read: every setting decided. */
export interface ResolvedFormat {
  encoding: TextEncoding;
  delimiter: Delimiter;
  decimal: DecimalMark;
  dateFormat: DateFormat;
  sheet?: string;
  columns: Record<string, string>;
  vocabulary: Vocabulary;
}

const foldColumns = (columns: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(columns ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v]));

/**
 * The file's own settings over the dataset's; encoding and delimiter detected from the bytes when neither
 * says (`sniffed` is undefined for files that are not delimited text: YAML, workbooks).
 */
export function resolveFormat(
  dataset: DatasetFormat,
  own: FileFormat | undefined,
  sniffed: Sniffed | undefined,
  where: { dataset: string; file: string },
): { format: ResolvedFormat; problem?: Problem } {
  const configured = own?.encoding ?? dataset.encoding;
  const chosen = sniffed ? chooseEncoding(sniffed, configured, where) : { encoding: configured ?? 'utf-8' };
  const sheet = own?.sheet ?? dataset.sheet;
  const format: ResolvedFormat = {
    encoding: chosen.encoding,
    delimiter: own?.delimiter ?? dataset.delimiter ?? sniffed?.delimiter ?? ',',
    decimal: own?.decimal ?? dataset.decimal,
    dateFormat: own?.dateFormat ?? dataset.dateFormat,
    ...(sheet !== undefined ? { sheet } : {}),
    columns: { ...foldColumns(dataset.columns), ...foldColumns(own?.columns) },
    vocabulary: buildVocabulary(dataset.values, own?.values),
  };
  return chosen.problem ? { format, problem: chosen.problem } : { format };
}
