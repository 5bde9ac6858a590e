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
        const { codes, dict } = column;
        return (i, row) => {
          const code = codes[i]!;
          if (code !== MISSING_CODE) row[name] = dict[code];
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
