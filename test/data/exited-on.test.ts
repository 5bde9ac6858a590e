// `exited_on` on investments (CONTRACT.md §3): optional, a calendar date like any other, and never
// before the investment's `date` (a located row error). Exiting on the day of investing is allowed.
import { describe, expect, it } from 'vitest';
import { SCHEMAS } from '../../src/data/datasets.js';
import { typeRecord } from '../../src/data/rows.js';

const options = { decimal: '.', dateFormat: 'yyyy-mm-dd', levels: [] } as const;
const where = { dataset: 'investments', file: 'data/investments.csv', line: 7 };
// investment_id, investor_id, investee_id, amount_eur, date, instrument, programme, exited_on
const row = (exited_on: string | undefined) =>
  typeRecord(
    SCHEMAS.investments,
    ['i1', 'E', 'X', '1000', '2024-03-01', 'equity', undefined, exited_on],
    options,
    where,
  );

describe('investments.exited_on', () => {
  it('is optional', () => {
    const typed = row(undefined);
    expect(typed.problems).toEqual([]);
    expect(typed.row).not.toHaveProperty('exited_on');
  });

  it('is read as a date, after the investment date or on it', () => {
    expect(row('2026-06-30').row).toMatchObject({ exited_on: '2026-06-30' });
    expect(row('2024-03-01').row).toMatchObject({ exited_on: '2024-03-01' });
  });

  it('must exist on the calendar', () => {
    const typed = row('2025-02-30');
    expect(typed.row).toBeNull();
    expect(typed.problems).toMatchObject([{ code: 'type-error', column: 'exited_on', line: 7 }]);
  });

  it('before the investment date is a located row error', () => {
    const typed = row('2024-02-29');
    expect(typed.row).toBeNull();
    expect(typed.problems).toMatchObject([
      {
        code: 'row-constraint-error',
        file: 'data/investments.csv',
        line: 7,
        column: 'exited_on',
        value: '2024-02-29',
        args: { reason_en: 'exited_on is before date' },
      },
    ]);
  });
});
