// Bytes -> records: an RFC 4180 scanner over UTF-8 bytes that finds each record's fields as byte ranges,
// without making a string per cell. Delimiters, quotes and line breaks are ASCII, so they are never part of
// a multi-byte character and the bytes can be split before they are decoded. The rules are the ones the
// v1 tokenizer had: blank lines (empty or only CR) are skipped, a quote opens a quoted field only at the
// start of a field, text after a closing quote is kept literally, "" inside quotes is one quote, and the
// line of a record is the editor line where it starts (CR, LF and CRLF each end one line).
// Windows-1252 files are transcoded to UTF-8 chunk by chunk before scanning (one byte is one character).
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type CsvDelimiter = ',' | ';';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SEMI = 59;
const COMMA = 44;

/** The field's bytes are its text as is. */
export const FIELD_PLAIN = 0;
/** The field is quoted with "" escapes or text after the closing quote: decodeField walks it. */
export const FIELD_QUOTED = 1;

/** Why a record cannot be typed before its cells are looked at. */
export const RECORD_OK = 0;
export const RECORD_UNCLOSED_QUOTE = 1;
export const RECORD_BAD_BYTES = 2;

/** ';' when the first line has more ';' than ',' outside double quotes, else ','. */
export function detectDelimiter(firstLine: string): CsvDelimiter {
  let semis = 0;
  let commas = 0;
  let quoted = false;
  for (let i = 0; i < firstLine.length; i++) {
    const c = firstLine.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && c === SEMI) semis++;
    else if (!quoted && c === COMMA) commas++;
  }
  return semis > commas ? ';' : ',';
}

/**
 * The delimiter of bytes that start a file (BOM already removed), from its first non-blank line; undefined
 * when that line is not complete yet and more bytes may come.
 */
export function detectDelimiterBytes(buf: Buffer, length: number, final: boolean): CsvDelimiter | undefined {
  let start = 0;
  while (start < length && (buf[start] === CR || buf[start] === LF)) start++;
  let end = start;
  while (end < length && buf[end] !== CR && buf[end] !== LF) end++;
  if (end === length && !final) return undefined;
  let semis = 0;
  let commas = 0;
  let quoted = false;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && c === SEMI) semis++;
    else if (!quoted && c === COMMA) commas++;
  }
  return semis > commas ? ';' : ',';
}

/** Where an unquoted stretch of a field ends: at a delimiter, a line break, or `to`. */
function fieldEnd(buf: Buffer, from: number, to: number, d: number): number {
  let k = from;
  while (k < to) {
    const b = buf[k]!;
    if (b === d || b === CR || b === LF) break;
    k++;
  }
  return k;
}

/** A record as byte ranges of the scanner's buffer; valid only during the callback. */
export interface ScannedRecord {
  /** Editor line where the record starts. */
  line: number;
  /** Byte offsets of the record in the buffer, its line break excluded. */
  start: number;
  end: number;
  fields: number;
  /** Per field: [start, end) of its text (FIELD_PLAIN) or of its raw quoted bytes (FIELD_QUOTED). */
  fieldStart: Int32Array;
  fieldEnd: Int32Array;
  fieldKind: Uint8Array;
  /** RECORD_OK, RECORD_UNCLOSED_QUOTE or RECORD_BAD_BYTES. */
  problem: number;
}

const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

/** Whether bytes decode to text without U+FFFD (neither invalid UTF-8 nor a literal replacement character). */
function cleanUtf8(buf: Buffer, start: number, end: number): boolean {
  if (start >= end) return true;
  const part = buf.subarray(start, end);
  return part.indexOf(REPLACEMENT) < 0 && isUtf8(part);
}

/**
 * Resumable over a stream of buffers: scan() hands over every complete record and returns where the first
 * incomplete one starts; the caller keeps those bytes and gives them again, followed by more, next time.
 */
export class CsvScanner {
  /** Editor line at the scan position. */
  line = 1;
  /** The byte before the buffer was CR (a leading LF then closes a CRLF). */
  afterCR = false;
  private record: ScannedRecord;

  constructor(readonly delimiter: number) {
    this.record = {
      line: 0,
      start: 0,
      end: 0,
      fields: 0,
      fieldStart: new Int32Array(64),
      fieldEnd: new Int32Array(64),
      fieldKind: new Uint8Array(64),
      problem: RECORD_OK,
    };
  }

  /**
   * Scans buf[from, to). With `final`, the bytes end the file: an open record is ended there. Records that
   * start at or after `stopAt` are left unscanned (a worker's share ends there). Returns the offset of the
   * first byte not consumed: the start of an incomplete record, `to`, or the first record start ≥ stopAt.
   */
  scan(
    buf: Buffer,
    from: number,
    to: number,
    final: boolean,
    onRecord: (record: ScannedRecord) => void,
    stopAt = Number.POSITIVE_INFINITY,
  ): number {
    const d = this.delimiter;
    const rec = this.record;
    // Bytes known to decode cleanly: up to the last LF (a character boundary) when that part is clean.
    const lastLf = buf.lastIndexOf(LF, to - 1);
    const cleanEnd = final
      ? cleanUtf8(buf, from, to)
        ? to
        : from
      : lastLf >= from && cleanUtf8(buf, from, lastLf + 1)
        ? lastLf + 1
        : from;
    let i = from;
    let line = this.line;
    while (i < to) {
      // A worker's share ends at stopAt, blank lines there included: the next share starts with them.
      if (i >= stopAt) break;
      const c = buf[i];
      if (c === CR) {
        line++;
        i++;
        continue;
      }
      if (c === LF) {
        if (!(i > from ? buf[i - 1] === CR : this.afterCR)) line++;
        i++;
        continue;
      }
      const recordStart = i;
      let fields = 0;
      let extraLines = 0;
      let problem = RECORD_OK;
      let complete = true;
      for (;;) {
        if (fields === rec.fieldStart.length) this.growFields();
        let k: number;
        if (i < to && buf[i] === QUOTE) {
          let j = i + 1;
          let escaped = false;
          let closed = false;
          for (;;) {
            while (j < to) {
              const b = buf[j]!;
              if (b === QUOTE) break;
              if (b === CR) extraLines++;
              else if (b === LF && buf[j - 1] !== CR) extraLines++;
              j++;
            }
            if (j >= to) break;
            if (j + 1 >= to && !final) break;
            if (buf[j + 1] === QUOTE) {
              escaped = true;
              j += 2;
              continue;
            }
            closed = true;
            break;
          }
          if (!closed) {
            if (!final) {
              complete = false;
              break;
            }
            // The file ends inside quotes: the field runs to the end, and the record is a format error.
            rec.fieldStart[fields] = i;
            rec.fieldEnd[fields] = to;
            rec.fieldKind[fields] = FIELD_QUOTED;
            fields++;
            problem = RECORD_UNCLOSED_QUOTE;
            i = to;
            break;
          }
          const close = j;
          k = fieldEnd(buf, close + 1, to, d);
          if (k >= to && !final) {
            complete = false;
            break;
          }
          if (escaped || k > close + 1) {
            rec.fieldStart[fields] = i;
            rec.fieldEnd[fields] = k;
            rec.fieldKind[fields] = FIELD_QUOTED;
          } else {
            rec.fieldStart[fields] = i + 1;
            rec.fieldEnd[fields] = close;
            rec.fieldKind[fields] = FIELD_PLAIN;
          }
        } else {
          k = fieldEnd(buf, i, to, d);
          if (k >= to && !final) {
            complete = false;
            break;
          }
          rec.fieldStart[fields] = i;
          rec.fieldEnd[fields] = k;
          rec.fieldKind[fields] = FIELD_PLAIN;
        }
        fields++;
        i = k;
        if (i < to && buf[i] === d) {
          i++;
          continue;
        }
        break;
      }
      if (!complete) {
        this.line = line;
        this.afterCR = false;
        return recordStart;
      }
      rec.line = line;
      rec.start = recordStart;
      rec.end = i;
      rec.fields = fields;
      rec.problem =
        problem !== RECORD_OK
          ? problem
          : i <= cleanEnd || cleanUtf8(buf, recordStart, i)
            ? RECORD_OK
            : RECORD_BAD_BYTES;
      onRecord(rec);
      line += extraLines;
    }
    this.line = line;
    this.afterCR = i > from ? buf[i - 1] === CR : this.afterCR;
    return i;
  }

  private growFields(): void {
    const rec = this.record;
    const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    rec.fieldStart = grow(rec.fieldStart, (n) => new Int32Array(n));
    rec.fieldEnd = grow(rec.fieldEnd, (n) => new Int32Array(n));
    rec.fieldKind = grow(rec.fieldKind, (n) => new Uint8Array(n));
  }
}

/** The text of bytes [start, end); invalid UTF-8 becomes U+FFFD, a U+FEFF inside the file is kept. */
export function decodeBytes(buf: Buffer, start: number, end: number): string {
  return buf.toString('utf8', start, end);
}

/** A field's text: plain bytes decoded, or a quoted field with its quotes removed and "" unescaped. */
export function decodeField(buf: Buffer, start: number, end: number, kind: number): string {
  if (kind === FIELD_PLAIN) return decodeBytes(buf, start, end);
  // Quoted: content up to the closing quote ("" is one quote), then the rest literally.
  let text = '';
  let i = start + 1;
  let piece = i;
  while (i < end) {
    if (buf[i] === QUOTE) {
      text += decodeBytes(buf, piece, i);
      if (i + 1 < end && buf[i + 1] === QUOTE) {
        text += '"';
        i += 2;
        piece = i;
        continue;
      }
      return text + decodeBytes(buf, i + 1, end);
    }
    i++;
  }
  return text + decodeBytes(buf, piece, end);
}

/** Every field of a record as text. */
export function recordCells(buf: Buffer, record: ScannedRecord): string[] {
  const cells = new Array<string>(record.fields);
  for (let f = 0; f < record.fields; f++) {
    cells[f] = decodeField(buf, record.fieldStart[f]!, record.fieldEnd[f]!, record.fieldKind[f]!);
  }
  return cells;
}

/**
 * Turns a file's bytes, chunk by chunk, into UTF-8 (undefined for UTF-8 itself). The decoder keeps a
 * character split between chunks (UTF-16) and drops a UTF-16 BOM; the UTF-8 BOM is removed by the reader.
 */
export function utf8Transcoder(encoding: CsvEncoding): { write(bytes: Buffer): Buffer; end(): Buffer } | undefined {
  if (encoding === 'utf-8') return undefined;
  // Node 20's TextDecoder and 'latin1' turn 0x80–0x9F into C1 controls; iconv-lite keeps ’ œ €.
  const decoder = iconv.getDecoder(encoding === 'windows-1252' ? 'win1252' : encoding);
  return {
    write: (bytes) => Buffer.from(decoder.write(bytes), 'utf8'),
    end: () => Buffer.from(decoder.end() ?? '', 'utf8'),
  };
}

export interface ScanFileOptions {
  delimiter?: CsvDelimiter;
  encoding?: CsvEncoding;
  /** Sees every byte read, e.g. to hash the file in the same pass. */
  onBytes?: (chunk: Buffer) => void;
  /** Bytes read per step (tests make it small to put records across steps). */
  chunkSize?: number;
}

const CHUNK = 1 << 20;

/**
 * Streams a file through the scanner: onRecord for each record, then onScanned once per step while the
 * buffer still holds the records' bytes. Memory is one step plus the longest record; a record longer than
 * a step makes the next read as long as it, so it is scanned again only a few times.
 */
export async function scanCsvFile(
  path: string,
  options: ScanFileOptions,
  onRecord: (buf: Buffer, record: ScannedRecord) => void,
  onScanned?: (buf: Buffer, delimiter: number) => void,
): Promise<CsvDelimiter> {
  const file = await open(path, 'r');
  try {
    // A small file gets buffers its own size: a workspace of many small files would otherwise allocate
    // megabytes per file, and pay for them in garbage collection.
    const stats = await file.stat();
    const chunk = Math.min(options.chunkSize ?? CHUNK, stats.isFile() ? Math.max(stats.size + 1, 4096) : CHUNK);
    const transcode = utf8Transcoder(options.encoding ?? 'utf-8');
    let delimiter = options.delimiter;
    let scanner = delimiter ? new CsvScanner(delimiter.charCodeAt(0)) : undefined;
    let work = Buffer.allocUnsafe(chunk * 2);
    let length = 0;
    let first = true;
    const raw = transcode ? Buffer.allocUnsafe(chunk) : undefined;
    for (;;) {
      const want = Math.max(chunk, length);
      if (length + want > work.length) {
        const bigger = Buffer.allocUnsafe(Math.max(work.length * 2, length + want));
        work.copy(bigger, 0, 0, length);
        work = bigger;
      }
      let bytes: Buffer;
      if (raw) {
        const into = raw.length >= want ? raw : Buffer.allocUnsafe(want);
        const { bytesRead } = await file.read(into, 0, want, null);
        bytes = into.subarray(0, bytesRead);
      } else {
        const { bytesRead } = await file.read(work, length, want, null);
        bytes = work.subarray(length, length + bytesRead);
      }
      const final = bytes.length === 0;
      const tail = final && transcode ? transcode.end() : undefined;
      if (tail && tail.length > 0) {
        if (length + tail.length > work.length) {
          const bigger = Buffer.allocUnsafe(length + tail.length);
          work.copy(bigger, 0, 0, length);
          work = bigger;
        }
        tail.copy(work, length);
        length += tail.length;
      }
      if (!final) {
        options.onBytes?.(bytes);
        let skip = 0;
        if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) skip = 3;
        first = false;
        if (transcode) {
          const text = transcode.write(bytes.subarray(skip));
          if (length + text.length > work.length) {
            const bigger = Buffer.allocUnsafe(length + text.length + chunk);
            work.copy(bigger, 0, 0, length);
            work = bigger;
          }
          text.copy(work, length);
          length += text.length;
        } else {
          if (skip > 0) work.copy(work, length, length + skip, length + bytes.length);
          length += bytes.length - skip;
        }
      }
      if (!scanner) {
        delimiter = detectDelimiterBytes(work, length, final);
        if (!delimiter) continue;
        scanner = new CsvScanner(delimiter.charCodeAt(0));
      }
      const consumed = scanner.scan(work, 0, length, final, (record) => onRecord(work, record));
      onScanned?.(work, scanner.delimiter);
      if (final) break;
      if (consumed > 0) work.copy(work, 0, consumed, length);
      length -= consumed;
    }
    return delimiter ?? ',';
  } finally {
    await file.close();
  }
}
