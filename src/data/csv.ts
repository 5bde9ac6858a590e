// Records as text, for the places that want cells as strings (YAML-like consumers, tests, tools): the byte
// scanner of csv-scan.ts with every field decoded. The dataset reader does not go through here; it types
// the scanner's byte ranges directly (csv-to-columns.ts).
import {
  type CsvDelimiter,
  type CsvEncoding,
  CsvScanner,
  detectDelimiter,
  RECORD_BAD_BYTES,
  RECORD_UNCLOSED_QUOTE,
  recordCells,
  type ScannedRecord,
  scanCsvFile,
} from './csv-scan.js';

export type { CsvDelimiter, CsvEncoding };
export { detectDelimiter };

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
  /** Bytes read per step. */
  chunkSize?: number;
}

/** The problem a scanned record carries, worded as v1 worded it. */
export function recordProblem(problem: number, encoding: string): CsvRecord['problem'] {
  if (problem === RECORD_UNCLOSED_QUOTE) {
    return { code: 'format-error', reason_en: 'unclosed quote', reason_fr: 'guillemet non fermé' };
  }
  if (problem === RECORD_BAD_BYTES) {
    return {
      code: 'encoding-error',
      reason_en: `bytes that are not valid ${encoding} (shown as �)`,
      reason_fr: `octets invalides en ${encoding} (affichés �)`,
    };
  }
  return undefined;
}

function toRecord(buf: Buffer, record: ScannedRecord, encoding: string): CsvRecord {
  const cells = recordCells(buf, record);
  const problem = recordProblem(record.problem, encoding);
  return problem ? { line: record.line, cells, problem } : { line: record.line, cells };
}

/** Same over an in-memory string (already decoded); delimiter detected when not given. */
export function parseCsvText(text: string, options: { delimiter?: CsvDelimiter } = {}): CsvRecord[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter ?? detectDelimiter(firstLine(body));
  const buf = Buffer.from(body, 'utf8');
  const out: CsvRecord[] = [];
  new CsvScanner(delimiter.charCodeAt(0)).scan(buf, 0, buf.length, true, (record) =>
    out.push(toRecord(buf, record, 'utf-8')),
  );
  return out;
}

function firstLine(text: string): string {
  const start = text.search(/[^\r\n]/);
  if (start < 0) return '';
  const end = text.slice(start).search(/[\r\n]/);
  return end < 0 ? text.slice(start) : text.slice(start, start + end);
}

/** Reads the file, yields the header record first, then each data record. Blank lines (empty or only \r) are skipped and yield nothing. */
export async function* readCsvFile(path: string, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord> {
  const encoding = options.encoding ?? 'utf-8';
  const out: CsvRecord[] = [];
  // Collected whole, then yielded: the scan is synchronous per step; this form is for small files and tests.
  await scanCsvFile(
    path,
    {
      encoding,
      ...(options.delimiter ? { delimiter: options.delimiter } : {}),
      ...(options.onBytes ? { onBytes: options.onBytes } : {}),
      ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
    },
    (buf, record) => out.push(toRecord(buf, record, encoding)),
  );
  yield* out;
}
