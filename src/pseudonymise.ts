// `impact pseudonymise` (CONTRACT §4): identifying columns replaced by one keyed pseudonym, so partners
// who share a key give one person one id without ever sharing names. HMAC-SHA256 (RFC 2104) keyed by
// the network's secret: without the key, a pseudonym cannot be recomputed from a guessed name.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { readCsvFile } from './data/csv.js';
import { type Delimiter, sniffFile, type TextEncoding } from './data/dialect.js';
import { type DateFormat, parseDate } from './data/values.js';
import { type Lang, t } from './messages.js';

/** At least 256 bits of key: what HMAC-SHA256 needs to be as strong as its hash (RFC 2104 §3). */
export const MIN_KEY_BYTES = 32;
/** 20 hex digits = 80 bits: no collision to expect below ~10^12 people. */
const PSEUDONYM_HEX = 20;
const SEPARATOR = '\u001f';

/** NFD, combining marks dropped, upper case, spaces, hyphens and apostrophes removed: `Lefèvre-Dupont` -> `LEFEVREDUPONT`. */
export function normaliseValue(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[\s\-\u2010\u2011'\u2019\u02bc]/gu, '');
}

/** Lowercase hex of HMAC-SHA256(key, values joined by U+001F, UTF-8), first 20 digits. */
export function pseudonym(key: Buffer, values: readonly string[]): string {
  return createHmac('sha256', key).update(values.join(SEPARATOR), 'utf8').digest('hex').slice(0, PSEUDONYM_HEX);
}

/** A key file that cannot serve: its words in both languages (the message is the English ones). */
export class KeyError extends Error {
  constructor(readonly words: (lang: Lang) => string) {
    super(words('en'));
  }
}

/** The key file's bytes less one trailing newline; refused below MIN_KEY_BYTES. Never printed. */
export function readKey(file: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new KeyError((lang) => t(lang, 'pseudonymise.keyUnreadable', { file, code }));
  }
  if (bytes.at(-1) === 0x0a) bytes = bytes.subarray(0, bytes.at(-2) === 0x0d ? -2 : -1);
  if (bytes.length < MIN_KEY_BYTES) {
    const size = bytes.length;
    throw new KeyError((lang) => t(lang, 'pseudonymise.keyShort', { file, bytes: size, min: MIN_KEY_BYTES }));
  }
  return bytes;
}

export interface PseudonymiseOptions {
  columns: string[];
  dateColumns: string[];
  dateFormat: DateFormat;
  idColumn: string;
}

/** A row left out because a value was missing or unreadable; the value itself is never repeated. */
export interface UnpseudonymisedRow {
  line: number;
  column: string;
  reason: 'missing' | 'not-a-date';
}

export interface PseudonymisedFile {
  bytes: Buffer;
  rows: number;
  written: number;
  skipped: UnpseudonymisedRow[];
  encoding: TextEncoding;
  delimiter: Delimiter;
}

/** A header that cannot be pseudonymised as asked, in both languages (the message is the English words). */
export class HeaderError extends Error {
  constructor(readonly words: (lang: Lang) => string) {
    super(words('en'));
  }
}

const encode = (text: string, encoding: TextEncoding, bom: boolean): Buffer => {
  if (encoding === 'utf-8')
    return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
  // iconv-lite writes the UTF-16 BOM itself when asked.
  return iconv.encode(text, encoding === 'windows-1252' ? 'win1252' : encoding, { addBOM: bom });
};

/** Reads FILE in its own dialect and returns the pseudonymised file's bytes, in the same dialect. */
export async function pseudonymiseFile(
  file: string,
  key: Buffer,
  options: PseudonymiseOptions,
): Promise<PseudonymisedFile> {
  const sniffed = sniffFile(file);
  const crlf = sniffed.sample.includes('\r\n');
  const inputs = [...options.columns, ...options.dateColumns.filter((c) => !options.columns.includes(c))];
  const dates = new Set(options.dateColumns);
  const out: string[][] = [];
  const skipped: UnpseudonymisedRow[] = [];
  let header: string[] | undefined;
  let indexes: number[] = [];
  let rows = 0;
  for await (const record of readCsvFile(file, { delimiter: sniffed.delimiter, encoding: sniffed.encoding })) {
    if (!header) {
      header = record.cells;
      const trimmed = header.map((h) => h.trim());
      const missing = inputs.filter((c) => !trimmed.includes(c));
      if (missing.length > 0) {
        const args = { columns: missing.join(', '), header: trimmed.join(', ') };
        throw new HeaderError((lang) => t(lang, 'pseudonymise.noColumn', args));
      }
      if (trimmed.includes(options.idColumn) && !inputs.includes(options.idColumn)) {
        const column = options.idColumn;
        throw new HeaderError((lang) => t(lang, 'pseudonymise.idColumnTaken', { column }));
      }
      indexes = inputs.map((c) => trimmed.indexOf(c));
      const removed = new Set(indexes);
      const first = Math.min(...indexes);
      out.push(header.flatMap((h, i) => (i === first ? [options.idColumn] : removed.has(i) ? [] : [h])));
      continue;
    }
    rows++;
    const values: string[] = [];
    let problem: UnpseudonymisedRow | undefined;
    for (const [n, index] of indexes.entries()) {
      const column = inputs[n]!;
      const raw = (record.cells[index] ?? '').trim();
      if (raw === '') {
        problem = { line: record.line, column, reason: 'missing' };
        break;
      }
      if (dates.has(column)) {
        const date = parseDate(raw, options.dateFormat);
        if (!date.ok) {
          problem = { line: record.line, column, reason: 'not-a-date' };
          break;
        }
        values.push(date.value);
      } else values.push(normaliseValue(raw));
    }
    if (problem) {
      skipped.push(problem);
      continue;
    }
    const id = pseudonym(key, values);
    const removed = new Set(indexes);
    const first = Math.min(...indexes);
    out.push(record.cells.flatMap((cell, i) => (i === first ? [id] : removed.has(i) ? [] : [cell])));
  }
  if (!header) throw new HeaderError((lang) => t(lang, 'pseudonymise.empty'));
  const text = stringify(out, { delimiter: sniffed.delimiter, record_delimiter: crlf ? 'windows' : 'unix' });
  return {
    bytes: encode(text, sniffed.encoding, sniffed.evidence === 'bom'),
    rows,
    written: out.length - 1,
    skipped,
    encoding: sniffed.encoding,
    delimiter: sniffed.delimiter,
  };
}
