// A typed row in canonical form: its key, a stable JSON text (what the store holds and compares), and
// the canonical cells (ISO dates, '.' decimals, euros, true/false) that `impact store export` writes.
import type { DatasetSchema } from './datasets.js';

/** Joins the key columns' values; an absent optional key column (metrics.site_id) counts as ''. */
export const KEY_SEPARATOR = '\u001f';

/** A typed row's values by column name (row interfaces are not index signatures). */
type Values = object;
const columnValue = (row: Values, column: string): unknown => (row as Record<string, unknown>)[column];

export function rowKey(schema: DatasetSchema, row: Values): string {
  let key = '';
  for (let i = 0; i < schema.key.length; i++) {
    if (i > 0) key += KEY_SEPARATOR;
    key += String(columnValue(row, schema.key[i]!) ?? '');
  }
  return key;
}

/**
 * The row's columns in schema order, absent values left out, as JSON: two rows with the same values
 * give the same text whatever order their properties were set in, so the text can be compared.
 */
export function canonicalJson(schema: DatasetSchema, row: Values): string {
  // A replacer list writes exactly these keys in this order and leaves out absent ones (and `source`).
  return JSON.stringify(row, columnNames(schema));
}

const namesOf = new WeakMap<DatasetSchema, string[]>();
function columnNames(schema: DatasetSchema): string[] {
  let names = namesOf.get(schema);
  if (!names) {
    names = schema.columns.map((c) => c.name);
    namesOf.set(schema, names);
  }
  return names;
}

/** Back from canonical JSON to a row (the store's own text, so its shape is trusted). */
export function parseCanonicalJson(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

/** The text of each schema column, as a file in canonical form would hold it ('' when absent). */
export function canonicalCells(schema: DatasetSchema, row: Values): string[] {
  return schema.columns.map((column) => {
    const value = columnValue(row, column.name);
    if (value === undefined || value === null) return '';
    if (column.kind.type === 'money' && typeof value === 'number') return euros(value);
    if (typeof value === 'number') return plainDecimal(value);
    return String(value);
  });
}

/** Integer cents as euros with two decimals: 123456 -> "1234.56". */
function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The shortest round-trip text of a number, without the exponent that the typing rules refuse (1e-7). */
function plainDecimal(n: number): string {
  const text = String(n);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', int = '', frac = '', exponent = '0'] = match;
  const digits = int + frac;
  const point = int.length + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
