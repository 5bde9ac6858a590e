// Columns -> the store's canonical form of each row, without a row object: its key (key columns joined by
// U+001F, canonical.ts's rowKey) and its canonical JSON (schema column order, absent values left out,
// canonical.ts's canonicalJson). Each distinct string, date and enum value is JSON-encoded once.

import { KEY_SEPARATOR } from './canonical.js';
import type { ColumnTable } from './columns.js';
import { isoDay, MISSING_CODE, MISSING_DAY } from './columns.js';
import type { DatasetSchema } from './datasets.js';

export interface CanonicalRows {
  key(i: number): string;
  json(i: number): string;
  /** Whether row i has a value in the schema's column-th column (what json(i) writes an entry for). */
  has(i: number, column: number): boolean;
}

/** For one column: its value at row i as JSON and as key text, or undefined when missing. */
interface Part {
  json(i: number): string | undefined;
  text(i: number): string;
  has(i: number): boolean;
}

function partOf(table: ColumnTable, name: string): Part {
  const column = table.columns[name];
  if (!column) return { json: () => undefined, text: () => '', has: () => false };
  switch (column.type) {
    case 'dict': {
      const { codes, dict } = column;
      const encoded: (string | undefined)[] = [];
      return {
        json: (i) => {
          const code = codes[i]!;
          if (code === MISSING_CODE) return undefined;
          let text = encoded[code];
          if (text === undefined) {
            text = JSON.stringify(dict[code]);
            encoded[code] = text;
          }
          return text;
        },
        text: (i) => (codes[i] === MISSING_CODE ? '' : dict[codes[i]!]!),
        has: (i) => codes[i] !== MISSING_CODE,
      };
    }
    case 'day': {
      const { days } = column;
      const iso = new Map<number, string>();
      const isoOf = (day: number): string => {
        let text = iso.get(day);
        if (text === undefined) {
          text = isoDay(day);
          iso.set(day, text);
        }
        return text;
      };
      return {
        json: (i) => (days[i] === MISSING_DAY ? undefined : `"${isoOf(days[i]!)}"`),
        text: (i) => (days[i] === MISSING_DAY ? '' : isoOf(days[i]!)),
        has: (i) => days[i] !== MISSING_DAY,
      };
    }
    case 'cents':
    case 'number': {
      const { values } = column;
      return {
        json: (i) => (Number.isNaN(values[i]!) ? undefined : JSON.stringify(values[i]!)),
        text: (i) => (Number.isNaN(values[i]!) ? '' : String(values[i]!)),
        has: (i) => !Number.isNaN(values[i]!),
      };
    }
    case 'boolean': {
      const { codes } = column;
      return {
        json: (i) => (codes[i] === MISSING_CODE ? undefined : codes[i] === 1 ? 'true' : 'false'),
        text: (i) => (codes[i] === MISSING_CODE ? '' : codes[i] === 1 ? 'true' : 'false'),
        has: (i) => codes[i] !== MISSING_CODE,
      };
    }
    case 'enum': {
      const { codes, values } = column;
      const encoded = values.map((v) => JSON.stringify(v));
      return {
        json: (i) => (codes[i] === MISSING_CODE ? undefined : encoded[codes[i]!]),
        text: (i) => (codes[i] === MISSING_CODE ? '' : values[codes[i]!]!),
        has: (i) => codes[i] !== MISSING_CODE,
      };
    }
  }
}

export function canonicalRows(schema: DatasetSchema, table: ColumnTable): CanonicalRows {
  const parts = schema.columns.map((c) => ({ prefix: `${JSON.stringify(c.name)}:`, part: partOf(table, c.name) }));
  const keys = schema.key.map((name) => partOf(table, name));
  return {
    key(i) {
      let key = keys[0]!.text(i);
      for (let k = 1; k < keys.length; k++) key += KEY_SEPARATOR + keys[k]!.text(i);
      return key;
    },
    json(i) {
      let text = '{';
      for (const { prefix, part } of parts) {
        const value = part.json(i);
        if (value === undefined) continue;
        text += text.length > 1 ? `,${prefix}${value}` : prefix + value;
      }
      return `${text}}`;
    },
    has: (i, column) => parts[column]!.part.has(i),
  };
}
