// Row selection over a column table (issue 8, "indicators over columns"): a declarative `where`
// — column names and the values they must hold — compiles once per table to a mask, one byte per
// row. Strings, enumerations and booleans are matched by code (the dictionary is looked up once,
// not per row); dates by day numbers; money and numbers by value. Conditions on several columns
// all hold (AND); a list of values is any of them (OR).
import {
  type Column,
  type ColumnTable,
  dayNumber,
  MISSING_CODE,
  MISSING_DAY,
  type NumberColumn,
} from '../../data/columns.js';

export type Scalar = string | number | boolean;
export type Condition =
  | Scalar
  | readonly Scalar[]
  | { not: Scalar | readonly Scalar[] }
  | { present: boolean }
  /** Dates as `YYYY-MM-DD` (both ends included). */
  | { from?: string; to?: string }
  /** Numbers; money in the column's own unit (integer cents). Both ends included. */
  | { min?: number; max?: number };
export type Where = Readonly<Record<string, Condition>>;

/** A mask with one byte per row: 1 when the row is selected. */
export type RowMask = Uint8Array;

export function allRows(table: ColumnTable): RowMask {
  return new Uint8Array(table.length).fill(1);
}

/** Rows of `table` that satisfy every condition of `where`, ANDed into `mask` when one is given. */
export function selectRows(table: ColumnTable, where: Where, mask: RowMask = allRows(table)): RowMask {
  for (const [name, condition] of Object.entries(where)) {
    const column = table.columns[name];
    if (!column) throw new Error(`where: ${table.dataset} has no column "${name}"`);
    applyCondition(column, name, condition, mask);
  }
  return mask;
}

function isList(c: Condition): c is readonly Scalar[] {
  return Array.isArray(c);
}

function applyCondition(column: Column, name: string, condition: Condition, mask: RowMask): void {
  if (column.type === 'dict' || column.type === 'enum' || column.type === 'boolean') {
    const codes = column.codes;
    const allowed = allowedCodes(column, name, condition);
    // Index 0 is the missing state, code c is at c + 1.
    for (let i = 0; i < mask.length; i++) if (mask[i] && !allowed[codes[i]! + 1]) mask[i] = 0;
    return;
  }
  if (column.type === 'day') {
    const days = column.days;
    const { lo, hi, present } = dayBounds(name, condition);
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      const d = days[i]!;
      const keep = d === MISSING_DAY ? present === false : present !== false && d >= lo && d <= hi;
      if (!keep) mask[i] = 0;
    }
    return;
  }
  const values = (column as NumberColumn).values;
  const { lo, hi, present, exact } = numberBounds(name, condition);
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const v = values[i]!;
    const missing = Number.isNaN(v);
    const keep = missing ? present === false : present !== false && (exact ? exact.has(v) : true) && v >= lo && v <= hi;
    if (!keep) mask[i] = 0;
  }
}

/** For a coded column: which codes (shifted by one, 0 = missing) the condition lets through. */
function allowedCodes(
  column: Extract<Column, { type: 'dict' | 'enum' | 'boolean' }>,
  name: string,
  condition: Condition,
): Uint8Array {
  const values: readonly string[] = column.type === 'dict' ? column.dict : column.values;
  const allowed = new Uint8Array(values.length + 1);
  const codeOf = (value: Scalar): number => values.indexOf(String(value));
  if (typeof condition === 'object' && !isList(condition) && 'present' in condition) {
    allowed.fill(condition.present ? 1 : 0);
    allowed[MISSING_CODE + 1] = condition.present ? 0 : 1;
    return allowed;
  }
  if (typeof condition === 'object' && !isList(condition) && 'not' in condition) {
    allowed.fill(1);
    allowed[MISSING_CODE + 1] = 0; // an empty cell is not "another value"
    for (const value of isList(condition.not) ? condition.not : [condition.not]) {
      const code = codeOf(value);
      if (code >= 0) allowed[code + 1] = 0;
    }
    return allowed;
  }
  if (typeof condition === 'object' && !isList(condition)) {
    throw new Error(`where.${name}: expected a value, a list of values, { not } or { present }`);
  }
  for (const value of isList(condition) ? condition : [condition]) {
    const code = codeOf(value);
    if (code >= 0) allowed[code + 1] = 1;
  }
  return allowed;
}

function dayBounds(name: string, condition: Condition): { lo: number; hi: number; present?: boolean } {
  if (typeof condition === 'object' && !isList(condition)) {
    if ('present' in condition) return { lo: -Infinity, hi: Infinity, present: condition.present };
    if ('from' in condition || 'to' in condition) {
      const c = condition as { from?: string; to?: string };
      return {
        lo: c.from === undefined ? -Infinity : dayNumber(c.from),
        hi: c.to === undefined ? Infinity : dayNumber(c.to),
      };
    }
  }
  if (typeof condition === 'string') {
    const day = dayNumber(condition);
    return { lo: day, hi: day };
  }
  throw new Error(`where.${name}: a date column takes a date, { from, to } or { present }`);
}

function numberBounds(
  name: string,
  condition: Condition,
): { lo: number; hi: number; present?: boolean; exact?: Set<number> } {
  if (typeof condition === 'number') return { lo: -Infinity, hi: Infinity, exact: new Set([condition]) };
  if (isList(condition) && condition.every((v) => typeof v === 'number')) {
    return { lo: -Infinity, hi: Infinity, exact: new Set(condition as number[]) };
  }
  if (typeof condition === 'object' && !isList(condition)) {
    if ('present' in condition) return { lo: -Infinity, hi: Infinity, present: condition.present };
    if ('min' in condition || 'max' in condition) {
      const c = condition as { min?: number; max?: number };
      return { lo: c.min ?? -Infinity, hi: c.max ?? Infinity };
    }
  }
  throw new Error(`where.${name}: a number column takes a number, a list of numbers, { min, max } or { present }`);
}
