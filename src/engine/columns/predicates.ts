// Row selection over a column table (issue 8, "indicators over columns"): each `where` condition
// (where.ts: a plug-in's `where`, a YAML `filter`, the built-ins' column tests) becomes a mask, one
// byte per row, ANDed with the others. A condition is never run per row on a string: for a
// dictionary-coded, enumerated or boolean column the condition's row test is asked once per code and
// the answers are looked up by code; a column read through a reference (`site.kind`) is asked once
// per code of the referring column (once per site, not per beneficiary); dates, numbers and the age
// at entry once per distinct value. So the mask selects exactly the rows the row test keeps.
import { type Column, type ColumnTable, isoDay, MISSING_CODE, MISSING_DAY } from '../../data/columns.js';
import type { IndicatorContext } from '../../define.js';
import { REFERENCES, type TypedCondition, valueTest } from '../where.js';

/** A mask with one byte per row: 1 when the row is selected. */
export type RowMask = Uint8Array;

export function allRows(table: { length: number }): RowMask {
  return new Uint8Array(table.length).fill(1);
}

/** Rows of `table` that meet every condition, ANDed into `mask` when one is given. */
export function selectRows(
  table: ColumnTable,
  conditions: readonly TypedCondition[],
  ctx: IndicatorContext<unknown>,
  mask: RowMask = allRows(table),
): RowMask {
  for (const condition of conditions) applyCondition(table, condition, ctx, mask);
  return mask;
}

function columnOf(table: ColumnTable, name: string): Column {
  const column = table.columns[name];
  if (!column) throw new Error(`where: ${table.dataset} has no column "${name}"`);
  return column;
}

function applyCondition(table: ColumnTable, c: TypedCondition, ctx: IndicatorContext<unknown>, mask: RowMask): RowMask {
  const test = valueTest(c, ctx);
  if (c.derived === 'age') return keepByValue(mask, agesOf(table), test);
  if (c.via) {
    const through = columnOf(table, REFERENCES[c.via].column);
    if (through.type !== 'dict')
      throw new Error(`where: ${table.dataset}.${REFERENCES[c.via].column} is not an id column`);
    const lookup = c.via === 'site' ? ctx.site : ctx.organisation;
    // The referred row's value, asked once per id.
    const allowed = codeTable(through.dict, (id) =>
      test(id === undefined ? undefined : (lookup(id as string) as Record<string, unknown> | undefined)?.[c.column]),
    );
    return keepByCode(mask, through.codes, allowed);
  }
  const column = columnOf(table, c.column);
  switch (column.type) {
    case 'dict':
      return keepByCode(mask, column.codes, codeTable(column.dict, test));
    case 'enum':
      return keepByCode(mask, column.codes, codeTable(column.values, test));
    case 'boolean':
      return keepByCode(
        mask,
        column.codes,
        codeTable(column.values, (v) => test(v === undefined ? undefined : v === 'true')),
      );
    case 'day': {
      const days = column.days;
      const values = new Float64Array(days.length);
      for (let i = 0; i < days.length; i++) values[i] = days[i] === MISSING_DAY ? Number.NaN : days[i]!;
      // The row test compares ISO dates: decode each distinct day once.
      return keepByValue(mask, values, (day) => test(day === undefined ? undefined : isoDay(day as number)));
    }
    case 'cents':
    case 'number':
      return keepByValue(mask, column.values, test);
  }
}

/** The test's answer per code, shifted by one: index 0 is the empty cell. */
function codeTable(values: readonly string[], test: (value: unknown) => boolean): Uint8Array {
  const allowed = new Uint8Array(values.length + 1);
  allowed[MISSING_CODE + 1] = test(undefined) ? 1 : 0;
  for (let code = 0; code < values.length; code++) allowed[code + 1] = test(values[code]) ? 1 : 0;
  return allowed;
}

function keepByCode(mask: RowMask, codes: Int32Array | Int16Array | Int8Array, allowed: Uint8Array): RowMask {
  for (let i = 0; i < mask.length; i++) if (mask[i] && !allowed[codes[i]! + 1]) mask[i] = 0;
  return mask;
}

/**
 * Per row a number (NaN: empty); the test is asked once per distinct value. Its answers for whole
 * numbers in [0, SMALL_WHOLE) (ages, days to 2149) are kept in an array, the others in a map.
 */
function keepByValue(mask: RowMask, values: Float64Array | Float32Array, test: (value: unknown) => boolean): RowMask {
  const answers = new Map<number, boolean>();
  // 0: not asked yet, 1: kept, 2: left out.
  const small = new Uint8Array(SMALL_WHOLE);
  const empty = test(undefined);
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const v = values[i]!;
    let keep: boolean | undefined;
    if (Number.isNaN(v)) keep = empty;
    else if (v >= 0 && v < SMALL_WHOLE && Number.isInteger(v)) {
      let answer = small[v]!;
      if (answer === 0) {
        answer = test(v) ? 1 : 2;
        small[v] = answer;
      }
      keep = answer === 1;
    } else {
      keep = answers.get(v);
      if (keep === undefined) {
        keep = test(v);
        answers.set(v, keep);
      }
    }
    if (!keep) mask[i] = 0;
  }
  return mask;
}

const SMALL_WHOLE = 1 << 16;

/**
 * The ages at entry of the table being consumed, computed once however many conditions and axes read
 * them, and let go by `forgetAges` when the table is done (8 bytes a row: 80 MB at 10 M rows).
 */
let agesMemo: { table: ColumnTable; length: number; ages: Float64Array } | undefined;

export function agesOf(table: ColumnTable): Float64Array {
  if (agesMemo?.table !== table || agesMemo.length !== table.length) {
    agesMemo = { table, length: table.length, ages: agesAtEntry(table) };
  }
  return agesMemo.ages;
}

export function forgetAges(): void {
  agesMemo = undefined;
}

/** The age at entry of every beneficiary (context.ts `ageAtEntry`): `age`, else entry year minus `birth_year`; NaN when neither. */
export function agesAtEntry(table: ColumnTable): Float64Array {
  const age = (table.columns.age as { values: Float64Array | Float32Array } | undefined)?.values;
  const birth = (table.columns.birth_year as { values: Float64Array | Float32Array } | undefined)?.values;
  const entry = (table.columns.entry_date as { days: Int32Array } | undefined)?.days;
  const ages = new Float64Array(table.length).fill(Number.NaN);
  const years = new Map<number, number>();
  const yearOf = (day: number): number => {
    let year = years.get(day);
    if (year === undefined) {
      year = Number(isoDay(day).slice(0, 4));
      years.set(day, year);
    }
    return year;
  };
  for (let i = 0; i < table.length; i++) {
    const given = age ? age[i]! : Number.NaN;
    if (!Number.isNaN(given)) ages[i] = given;
    else if (birth && entry && !Number.isNaN(birth[i]!) && entry[i] !== MISSING_DAY) {
      ages[i] = yearOf(entry[i]!) - birth[i]!;
    }
  }
  return ages;
}
