// A streaming RFC 4180 reader that keeps the editor line of each record (csv-parse is slower and loses it).
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type CsvDelimiter = ',' | ';';
export interface CsvRecord {
  line: number; // editor line (1-based) where the record starts; the header record is line 1 unless blank lines precede it
  cells: string[]; // raw cell text, quotes removed and "" unescaped; no trimming
  problem?: { code: 'format-error' | 'encoding-error'; reason_en: string; reason_fr: string };
}
export interface CsvReadOptions {
  delimiter?: CsvDelimiter;
  encoding?: CsvEncoding;
  /** Sees every byte read, e.g. to hash the file in the same pass. */
  onBytes?: (chunk: Buffer) => void;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SEMI = 59;
const COMMA = 44;
const REPLACEMENT = '\uFFFD';
const CHUNK = 1 << 20;
const BATCH = 1 << 16; // characters tokenized per batch of yielded records

// Scanner states; a record or field in progress survives chunk boundaries in them.
const RECORD_START = 0; // nothing of the record read yet (blank lines are skipped here)
const FIELD_START = 1; // just after a delimiter
const UNQUOTED = 2; // inside an unquoted field, or after a closing quote (lenient: the rest is kept literally)
const QUOTED = 3; // inside a quoted field
const QUOTE_SEEN = 4; // just read a quote inside a quoted field: the next character says "" or end of quotes

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

/** Resumable tokenizer: feed decoded text piece by piece, take finished records from `out`. */
class Tokenizer {
  out: CsvRecord[] = [];
  private delim: number;
  private head = ''; // text held back until the first non-blank line is complete, to detect the delimiter
  private headStart = -1; // where that line starts in head
  private state = RECORD_START;
  private line = 1; // editor line at the scan position
  private recordLine = 1;
  private cells: string[] = [];
  private field = ''; // the part of the current field read so far when it spans chunks
  private afterCR = false; // the previous piece ended with CR, so a leading LF closes that CRLF
  private dirty = false; // the current piece (or a record still open from an earlier one) holds U+FFFD

  constructor(
    delimiter: CsvDelimiter | undefined,
    private readonly encoding: string,
  ) {
    this.delim = delimiter === undefined ? -1 : delimiter.charCodeAt(0);
  }

  feed(piece: string, final: boolean): void {
    let text = piece;
    if (this.delim < 0) {
      // Searches only the new piece, so a huge first line does not make this quadratic.
      const before = this.head.length;
      this.head += piece;
      const blank = this.headStart < 0 ? piece.search(/[^\r\n]/) : 0;
      if (this.headStart < 0 && blank >= 0) this.headStart = before + blank;
      const from = Math.max(this.headStart, before);
      const end = this.headStart < 0 ? -1 : piece.slice(from - before).search(/[\r\n]/);
      if (end < 0 && !final) return;
      const firstLine = this.headStart < 0 ? '' : this.head.slice(this.headStart, end < 0 ? undefined : from + end);
      this.delim = detectDelimiter(firstLine).charCodeAt(0);
      text = this.head;
      this.head = '';
    }
    // Flags any record holding U+FFFD, even one written literally in the file: decoders do not say which is which.
    if (this.state === RECORD_START) this.dirty = false;
    if (text.includes(REPLACEMENT)) this.dirty = true;
    this.scan(text);
    this.afterCR = text.length > 0 ? text.charCodeAt(text.length - 1) === CR : this.afterCR;
    if (final) this.finish();
  }

  private scan(text: string): void {
    const n = text.length;
    const d = this.delim;
    let i = 0;
    while (i < n) {
      const state = this.state;
      if (state === RECORD_START) {
        const c = text.charCodeAt(i);
        if (c === CR || c === LF) {
          // A blank line, or the LF of a CRLF that ended the previous record: no record.
          if (c === CR || !(i > 0 ? text.charCodeAt(i - 1) === CR : this.afterCR)) this.line++;
          i++;
          continue;
        }
        this.recordLine = this.line;
        this.state = FIELD_START;
      } else if (state === FIELD_START) {
        if (text.charCodeAt(i) === QUOTE) {
          this.state = QUOTED;
          i++;
        } else this.state = UNQUOTED;
      } else if (state === UNQUOTED) {
        let j = i;
        let c = 0;
        while (j < n) {
          c = text.charCodeAt(j);
          if (c === d || c === LF || c === CR) break;
          j++;
        }
        const value = this.field + text.slice(i, j);
        if (j === n) {
          this.field = value;
          return;
        }
        this.field = '';
        this.cells.push(value);
        if (c === d) this.state = FIELD_START;
        else {
          // The line break is left for RECORD_START to count (and to pair CR with LF).
          this.emit();
          this.state = RECORD_START;
          j--;
        }
        i = j + 1;
      } else if (state === QUOTED) {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === QUOTE) break;
          if (c === CR) this.line++;
          else if (c === LF && !(j > 0 ? text.charCodeAt(j - 1) === CR : this.afterCR)) this.line++;
          j++;
        }
        this.field += text.slice(i, j);
        if (j === n) return;
        this.state = QUOTE_SEEN;
        i = j + 1;
      } else {
        // QUOTE_SEEN: "" is an escaped quote, anything else closed the quoted part.
        if (text.charCodeAt(i) === QUOTE) {
          this.field += '"';
          this.state = QUOTED;
          i++;
        } else this.state = UNQUOTED;
      }
    }
  }

  private finish(): void {
    const state = this.state;
    if (state === RECORD_START) return;
    this.cells.push(this.field);
    this.field = '';
    if (state === QUOTED) {
      this.emit({ code: 'format-error', reason_en: 'unclosed quote', reason_fr: 'guillemet non fermé' });
    } else this.emit();
    this.state = RECORD_START;
  }

  private emit(problem?: CsvRecord['problem']): void {
    const cells = this.cells;
    this.cells = [];
    let found = problem;
    if (!found && this.dirty && cells.some((cell) => cell.includes(REPLACEMENT))) {
      found = {
        code: 'encoding-error',
        reason_en: `bytes that are not valid ${this.encoding} (shown as �)`,
        reason_fr: `octets invalides en ${this.encoding} (affichés �)`,
      };
    }
    this.out.push(found ? { line: this.recordLine, cells, problem: found } : { line: this.recordLine, cells });
  }
}

/** Same over an in-memory string (already decoded); delimiter detected when not given. */
export function parseCsvText(text: string, options: { delimiter?: CsvDelimiter } = {}): CsvRecord[] {
  const tokenizer = new Tokenizer(options.delimiter, 'utf-8');
  tokenizer.feed(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, true);
  return tokenizer.out;
}

/** A streaming decoder: multi-byte characters split across chunks come out whole. */
function makeDecoder(encoding: CsvEncoding): { write(bytes: Buffer): string; end(): string | undefined } {
  // Node 20's TextDecoder and 'latin1' turn 0x80–0x9F into C1 controls; iconv-lite keeps ’ œ €.
  if (encoding === 'windows-1252') return iconv.getDecoder('win1252');
  // iconv-lite's UTF-16 decoders drop the BOM themselves (the UTF-8 one is removed by the caller).
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return iconv.getDecoder(encoding);
  // Not fatal: invalid bytes become U+FFFD and the record is flagged; the BOM bytes are removed by the caller.
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  return { write: (bytes) => utf8.decode(bytes, { stream: true }), end: () => utf8.decode() };
}

/** Reads the file, yields the header record first, then each data record. Blank lines (empty or only \r) are skipped and yield nothing. */
export async function* readCsvFile(path: string, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord> {
  const encoding = options.encoding ?? 'utf-8';
  const decoder = makeDecoder(encoding);
  const tokenizer = new Tokenizer(options.delimiter, encoding);
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    let bytes = chunk as Buffer;
    options.onBytes?.(bytes);
    if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    first = false;
    const text = decoder.write(bytes);
    // Small batches: records handed over before the next scavenge die young instead of being promoted (3× faster).
    for (let at = 0; at < text.length; at += BATCH) {
      tokenizer.feed(text.slice(at, at + BATCH), false);
      yield* tokenizer.out;
      tokenizer.out = [];
    }
  }
  tokenizer.feed(decoder.end() ?? '', true);
  yield* tokenizer.out;
}
