// Typed rows -> a column table (src/data/columns.ts), by the dataset's schema. The columnar reader
// builds tables straight from the bytes; this adapter builds the same shape from rows already in
// memory (the reference datasets, tests), so the engine has one input whatever read the data.
import type { Column, ColumnTable } from '../../data/columns.js';
import { dayNumber, MISSING_CODE, MISSING_DAY } from '../../data/columns.js';
import { type DatasetName, SCHEMAS, type SourceRef } from '../../data/datasets.js';

export function columnsFromRows(
  dataset: DatasetName,
  rows: readonly object[],
  refs: readonly (SourceRef | undefined)[] = [],
): ColumnTable {
  const n = rows.length;
  const columns: Record<string, Column> = {};
  for (const spec of SCHEMAS[dataset].columns) {
    const cell = (i: number): unknown => (rows[i] as Record<string, unknown>)[spec.name];
    const kind = spec.kind.type;
    if (kind === 'date') {
      const days = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = cell(i);
        days[i] = typeof v === 'string' ? dayNumber(v) : MISSING_DAY;
      }
      columns[spec.name] = { type: 'day', days };
    } else if (kind === 'money' || kind === 'number' || kind === 'integer') {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = cell(i);
        values[i] = typeof v === 'number' ? v : Number.NaN;
      }
      columns[spec.name] = { type: kind === 'money' ? 'cents' : 'number', values };
    } else if (spec.kind.type === 'enum' || kind === 'boolean') {
      const values = spec.kind.type === 'enum' ? spec.kind.values : (['false', 'true'] as const);
      const codes = new Int8Array(n);
      for (let i = 0; i < n; i++) {
        const v = cell(i);
        codes[i] = v === undefined ? MISSING_CODE : values.indexOf(String(v));
      }
      columns[spec.name] = { type: kind === 'boolean' ? 'boolean' : 'enum', codes, values };
    } else {
      const codes = new Int32Array(n);
      const dict: string[] = [];
      const seen = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const v = cell(i);
        if (v === undefined) {
          codes[i] = MISSING_CODE;
          continue;
        }
        const text = String(v);
        let code = seen.get(text);
        if (code === undefined) {
          code = dict.length;
          seen.set(text, code);
          dict.push(text);
        }
        codes[i] = code;
      }
      columns[spec.name] = { type: 'dict', codes, dict };
    }
  }
  const files: string[] = [];
  const fileIndex = new Map<string, number>();
  const source = { file: new Int32Array(n), line: new Int32Array(n), batch: new Int32Array(n), files };
  refs.forEach((ref, i) => {
    if (!ref) return;
    let f = fileIndex.get(ref.file);
    if (f === undefined) {
      f = files.length;
      fileIndex.set(ref.file, f);
      files.push(ref.file);
    }
    source.file[i] = f;
    source.line[i] = ref.line;
    source.batch[i] = ref.batch ?? 0;
  });
  return { dataset, length: n, columns, source };
}
