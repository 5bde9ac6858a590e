// Source files as a stream of records (header first), whatever their format: CSV or YAML.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { type CsvDelimiter, type CsvEncoding, type CsvRecord, readCsvFile } from './csv.js';
import { type DatasetSchema, SCHEMAS } from './datasets.js';
import { isUnsupportedSpreadsheet, isWorkbookFile, readWorkbook, spreadsheetFormat } from './xlsx.js';

export interface SourceRecord extends CsvRecord {
  /** A workbook's cells that Excel typed (dates, numbers), by cell index: their text is canonical. */
  native?: boolean[];
}

export interface RecordSource {
  /** Header first, then each record. */
  records: AsyncGenerator<SourceRecord>;
  /** sha256 of the file's bytes, known once `records` is exhausted. */
  sha256: () => string;
  /** The share of the file read so far (0 to 1), for a progress bar. */
  fractionRead: () => number;
  /** A workbook's sheet that was read, known once the header record is out. */
  readonly sheetName?: string;
}

export interface RecordOptions {
  delimiter?: CsvDelimiter;
  encoding: CsvEncoding;
  /** The dataset's first key column: a YAML map keyed by id fills it from the key. */
  keyColumn: string;
  /** For a workbook: the sheet, and what its header row must look like to be found under a title. */
  sheet?: string;
  schema?: DatasetSchema;
  columns?: Record<string, string>;
}

export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/** CSV and other delimited text, whose encoding and delimiter can be detected from its bytes. */
export function isDelimitedText(file: string): boolean {
  return !isYamlFile(file) && !isWorkbookFile(file) && !isUnsupportedSpreadsheet(file);
}

/** A workbook read sheet-wise, and a spreadsheet format that is refused with what to do instead. */
function openSpreadsheet(absolutePath: string, options: RecordOptions): RecordSource {
  const hash = createHash('sha256');
  let sha = '';
  let sheetName: string | undefined;
  async function* read(): AsyncGenerator<SourceRecord> {
    const bytes = readFileSync(absolutePath);
    sha = hash.update(bytes).digest('hex');
    if (isUnsupportedSpreadsheet(absolutePath)) {
      throw new UnsupportedFormatError(spreadsheetFormat(absolutePath));
    }
    yield* readWorkbook(absolutePath, {
      bytes,
      ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
      schema: options.schema ?? SCHEMAS.beneficiaries,
      columns: options.columns ?? {},
      onSheet: (name) => {
        sheetName = name;
      },
    });
  }
  return {
    records: read(),
    sha256: () => sha,
    fractionRead: () => (sha ? 1 : 0),
    get sheetName() {
      return sheetName;
    },
  };
}

/** A file of a spreadsheet format that is not read (.ods, .xls): a source problem with what to do. */
export class UnsupportedFormatError extends Error {
  constructor(readonly format: string) {
    super(`.${format} files are not read: save it as .xlsx or .csv`);
  }
}

export function openRecords(absolutePath: string, options: RecordOptions): RecordSource {
  if (isWorkbookFile(absolutePath) || isUnsupportedSpreadsheet(absolutePath))
    return openSpreadsheet(absolutePath, options);
  if (isYamlFile(absolutePath)) {
    // Read when iterated, like CSV, so an unreadable file is the caller's located source-error, not a crash.
    let sha = '';
    async function* read(): AsyncGenerator<SourceRecord> {
      const bytes = readFileSync(absolutePath);
      sha = createHash('sha256').update(bytes).digest('hex');
      yield* yamlRecords(bytes.toString('utf8'), options.keyColumn);
    }
    return { records: read(), sha256: () => sha, fractionRead: () => (sha ? 1 : 0) };
  }
  const hash = createHash('sha256');
  let bytesRead = 0;
  const records = readCsvFile(absolutePath, {
    encoding: options.encoding,
    onBytes: (chunk) => {
      hash.update(chunk);
      bytesRead += chunk.length;
    },
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
  });
  let digest: string | undefined;
  let size: number | undefined;
  const fractionRead = (): number => {
    size ??= statSync(absolutePath, { throwIfNoEntry: false })?.size ?? 0;
    return size > 0 ? Math.min(1, bytesRead / size) : 1;
  };
  return { records, sha256: () => (digest ??= hash.digest('hex')), fractionRead };
}

function scalarText(node: unknown): string | null {
  if (node === null || node === undefined) return '';
  if (isScalar(node)) return node.value === null || node.value === undefined ? '' : String(node.value);
  return null;
}

/**
 * YAML data is read with the failsafe schema (every scalar a string), so `01` stays département 01
 * and `971` stays a code, then typed by the same rules as CSV.
 */
async function* yamlRecords(text: string, keyColumn: string): AsyncGenerator<SourceRecord> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { schema: 'failsafe', lineCounter, uniqueKeys: true });
  const lineOf = (node: YamlNode | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const line = lineCounter.linePos(error.pos[0]).line;
    yield { line: 1, cells: [] };
    yield { line, cells: [], problem: { code: 'format-error', reason_en: error.message, reason_fr: error.message } };
    return;
  }
  const entries: { line: number; id?: string; node: unknown }[] = [];
  const root = doc.contents;
  if (isSeq(root)) {
    for (const item of root.items) entries.push({ line: lineOf(item as YamlNode), node: item });
  } else if (isMap(root)) {
    for (const pair of root.items) {
      entries.push({ line: lineOf(pair.key as YamlNode), id: scalarText(pair.key) ?? '', node: pair.value });
    }
  } else if (root !== null) {
    yield { line: 1, cells: [] };
    yield {
      line: lineOf(root),
      cells: [],
      problem: {
        code: 'format-error',
        reason_en: 'expected a list of records or a map keyed by id',
        reason_fr: 'attendu : une liste d’enregistrements ou un dictionnaire par identifiant',
      },
    };
    return;
  }
  // The header is the union of the records' keys, in order of first appearance.
  const header: string[] = [];
  const position = new Map<string, number>();
  const addColumn = (name: string): number => {
    let index = position.get(name);
    if (index === undefined) {
      index = header.length;
      position.set(name, index);
      header.push(name);
    }
    return index;
  };
  const keyed = entries.some((e) => e.id !== undefined);
  if (keyed) addColumn(keyColumn);
  const rows: SourceRecord[] = entries.map((entry) => {
    const cells: string[] = [];
    if (!isMap(entry.node)) {
      return {
        line: entry.line,
        cells,
        problem: {
          code: 'format-error',
          reason_en: 'a record must be a map of column: value',
          reason_fr: 'un enregistrement doit être un dictionnaire colonne: valeur',
        },
      };
    }
    if (entry.id !== undefined) cells[addColumn(keyColumn)] = entry.id;
    for (const pair of entry.node.items) {
      const name = scalarText(pair.key) ?? '';
      const value = scalarText(pair.value);
      if (value === null) {
        return {
          line: entry.line,
          cells,
          problem: {
            code: 'format-error',
            reason_en: `${name}: a value must be a single text, not a list or map`,
            reason_fr: `${name} : une valeur doit être un texte simple, pas une liste`,
          },
        };
      }
      const index = addColumn(name);
      // A map keyed by id whose record repeats the id keeps the record's own value.
      cells[index] = value;
    }
    return { line: entry.line, cells };
  });
  yield { line: 1, cells: header };
  for (const row of rows) yield { ...row, cells: header.map((_, i) => row.cells[i] ?? '') };
}
