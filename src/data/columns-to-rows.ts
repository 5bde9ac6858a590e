// Columns -> typed rows: a row view over a ColumnTable, producing the row shape of datasets.ts (ISO dates,
// cents, booleans, absent when missing) with its source. For consumers that work row by row: TypeScript
// plug-ins with a row function, `explain`, the store's import. It costs an object per row, so column code
// should read the arrays directly.
import type { ColumnTable } from './columns.js';
import { isoDay, MISSING_CODE, MISSING_DAY } from './columns.js';
import type { DatasetName, RowOf, Sourced, SourceRef } from './datasets.js';

/** Reads one row of a table at a time; build once per table, then call `at(i)`. */
export interface RowView<D extends DatasetName> {
  at(i: number): Sourced<RowOf[D]>;
  length: number;
}

type Reader = (i: number, row: Record<string, unknown>) => void;

export function rowView<D extends DatasetName>(table: ColumnTable): RowView<D> {
  const readers: Reader[] = Object.entries(table.columns).map(([name, column]): Reader => {
    switch (column.type) {
      case 'dict': {
        // The dictionary is decoded the first time the column has a value to show, not before.
        const { codes } = column;
        let dict: string[] | undefined;
        return (i, row) => {
          const code = codes[i]!;
          if (code === MISSING_CODE) return;
          dict ??= column.dict;
          row[name] = dict[code];
        };
      }
      case 'day': {
        const { days } = column;
        return (i, row) => {
          const day = days[i]!;
          if (day !== MISSING_DAY) row[name] = isoDay(day);
        };
      }
      case 'cents':
      case 'number': {
        const { values } = column;
        return (i, row) => {
          const value = values[i]!;
          if (!Number.isNaN(value)) row[name] = value;
        };
      }
      case 'boolean': {
        const { codes } = column;
        return (i, row) => {
          const code = codes[i]!;
          if (code !== MISSING_CODE) row[name] = code === 1;
        };
      }
      case 'enum': {
        const { codes, values } = column;
        return (i, row) => {
          const code = codes[i]!;
          if (code !== MISSING_CODE) row[name] = values[code];
        };
      }
    }
    return () => {};
  });
  const { file, line, batch, files } = table.source;
  return {
    length: table.length,
    at(i) {
      const row: Record<string, unknown> = {};
      for (const read of readers) read(i, row);
      const source: SourceRef = { file: files[file[i]!]!, line: line[i]! };
      if (batch[i]! > 0) source.batch = batch[i]!;
      row.source = source;
      return row as unknown as Sourced<RowOf[D]>;
    },
  };
}

/** Row i of a table in the typed row shape (builds a view each call: use rowView in loops). */
export function rowAt<D extends DatasetName>(table: ColumnTable, i: number): Sourced<RowOf[D]> {
  return rowView<D>(table).at(i);
}

/** Every row of a table in order. */
export function* rowsOf<D extends DatasetName>(table: ColumnTable): Generator<Sourced<RowOf[D]>> {
  const view = rowView<D>(table);
  for (let i = 0; i < view.length; i++) yield view.at(i);
}

/**
 * One row object whose fields read the columns of the row it was last moved to: no object per
 * row, for row functions run over a whole table (a missing cell reads as undefined). Dates are
 * decoded once per distinct day.
 */
export interface MovingRow<D extends DatasetName> {
  row: Sourced<RowOf[D]>;
  moveTo(i: number): Sourced<RowOf[D]>;
}

export function movingRow<D extends DatasetName>(table: ColumnTable): MovingRow<D> {
  let i = 0;
  const row: Record<string, unknown> = {};
  const field = (name: string, get: () => unknown) =>
    Object.defineProperty(row, name, { get, enumerable: true, configurable: false });
  for (const [name, column] of Object.entries(table.columns)) {
    switch (column.type) {
      case 'dict': {
        // The dictionary is decoded the first time the field is read, not when the view is built.
        const { codes } = column;
        let dict: string[] | undefined;
        field(name, () => {
          if (codes[i] === MISSING_CODE) return undefined;
          dict ??= column.dict;
          return dict[codes[i]!];
        });
        break;
      }
      case 'day': {
        const { days } = column;
        const decoded = new Map<number, string>();
        field(name, () => {
          const day = days[i]!;
          if (day === MISSING_DAY) return undefined;
          let iso = decoded.get(day);
          if (iso === undefined) {
            iso = isoDay(day);
            decoded.set(day, iso);
          }
          return iso;
        });
        break;
      }
      case 'cents':
      case 'number': {
        const { values } = column;
        field(name, () => (Number.isNaN(values[i]!) ? undefined : values[i]));
        break;
      }
      case 'boolean': {
        const { codes } = column;
        field(name, () => (codes[i] === MISSING_CODE ? undefined : codes[i] === 1));
        break;
      }
      case 'enum': {
        const { codes, values } = column;
        field(name, () => (codes[i] === MISSING_CODE ? undefined : values[codes[i]!]));
        break;
      }
    }
  }
  const { file, line, batch, files } = table.source;
  field('source', () => {
    const source: SourceRef = { file: files[file[i]!]!, line: line[i]! };
    if (batch[i]! > 0) source.batch = batch[i]!;
    return source;
  });
  const typed = row as unknown as Sourced<RowOf[D]>;
  return {
    row: typed,
    moveTo(index) {
      i = index;
      return typed;
    },
  };
}
