// What changed between two JSON reports: value by value (added, removed, changed with absolute
// and relative change), and whether inputs (hashes) or definitions (versions, parameters) changed.
import type { Report, ReportValue } from './model.js';

/** The numbers of a value that diff compares. */
export const COMPARED_FIELDS = ['value', 'attributable', 'numerator', 'denominator'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface FieldChange {
  old: number | null;
  new: number | null;
  /** new − old, when both are numbers. */
  change?: number;
  /** A share (ratio) moves in percentage points: (new − old) × 100. */
  points?: number;
  /** (new − old) / |old|, when old is a non-zero number. */
  relative?: number;
}

export interface ValueChange extends FieldChange {
  indicator: string;
  cell: Record<string, string | null>;
  status: 'added' | 'removed' | 'changed';
  /** Every compared number that moved, `value` included. */
  fields: Partial<Record<ComparedField, FieldChange>>;
}

export interface ReportDiff {
  values: ValueChange[];
  unchanged: number;
  /** With `common`: cells only one report has, left out of `values`. */
  uncommon: number;
  inputs: { changed: boolean; added: string[]; removed: string[]; modified: string[] };
  definitions: {
    changed: boolean;
    indicators: { id: string; status: 'added' | 'removed' | 'changed'; old?: string; new?: string }[];
    params: boolean;
  };
  scope: { changed: boolean; old: string; new: string };
}

/** The cell's dimensions, margins left out: a report broken down by more dimensions then shares its totals with one broken down by fewer. */
function cellOf(row: ReportValue, dimensions: readonly string[]): Record<string, string | null> {
  const cell: Record<string, string | null> = {};
  for (const dimension of dimensions) {
    const value = row[dimension];
    // schema 2 names margins in `margin`; schema 1 spelled them `total`.
    const margin = Array.isArray(row.margin) ? row.margin.includes(dimension) : value === 'total';
    if (value === undefined || margin) continue;
    // null: a value the data left empty (schema 2), kept apart from every value.
    cell[dimension] = value === null ? null : String(value);
  }
  return cell;
}

const numberOf = (row: ReportValue, field: ComparedField): number | null => {
  const value = row[field];
  return typeof value === 'number' ? value : null;
};

function fieldChange(old: number | null, now: number | null, share: boolean): FieldChange {
  const change: FieldChange = { old, new: now };
  if (old !== null && now !== null) {
    change.change = now - old;
    if (share) change.points = Number(((now - old) * 100).toFixed(10));
    if (old !== 0) change.relative = (now - old) / Math.abs(old);
  }
  return change;
}

/** Canonical JSON with sorted keys, so that parameter maps compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function diffReports(older: Report, newer: Report, options: { common?: boolean } = {}): ReportDiff {
  const keyed = (report: Report) =>
    new Map(
      report.values.map((row) => {
        const cell = cellOf(row, report.dimensions);
        return [`${row.indicator}\u001f${JSON.stringify(cell)}`, { row, cell }] as const;
      }),
    );
  const before = keyed(older);
  const after = keyed(newer);
  const shares = new Set(
    [...older.indicators, ...newer.indicators].filter((i) => i.format === 'share').map((i) => i.id),
  );
  const values: ValueChange[] = [];
  let unchanged = 0;
  let uncommon = 0;
  for (const [key, { row, cell }] of after) {
    const share = shares.has(row.indicator);
    const old = before.get(key)?.row;
    if (!old) {
      if (options.common) uncommon++;
      else values.push({ indicator: row.indicator, cell, status: 'added', old: null, new: row.value, fields: {} });
      continue;
    }
    const fields: ValueChange['fields'] = {};
    for (const field of COMPARED_FIELDS) {
      const was = numberOf(old, field);
      const now = numberOf(row, field);
      // Ratios' parts are plain counts or euros: points only for the ratio itself.
      if (was !== now) fields[field] = fieldChange(was, now, share && field === 'value');
    }
    if (Object.keys(fields).length === 0) {
      unchanged++;
      continue;
    }
    values.push({
      indicator: row.indicator,
      cell,
      status: 'changed',
      ...fieldChange(old.value, row.value, share),
      fields,
    });
  }
  for (const [key, { row, cell }] of before) {
    if (after.has(key)) continue;
    if (options.common) uncommon++;
    else values.push({ indicator: row.indicator, cell, status: 'removed', old: row.value, new: null, fields: {} });
  }
  const fileKey = (i: Report['inputs'][number]) => `${i.dataset}:${i.file}`;
  const oldInputs = new Map(older.inputs.map((i) => [fileKey(i), i.sha256]));
  const newInputs = new Map(newer.inputs.map((i) => [fileKey(i), i.sha256]));
  const added = [...newInputs.keys()].filter((k) => !oldInputs.has(k)).sort();
  const removed = [...oldInputs.keys()].filter((k) => !newInputs.has(k)).sort();
  const modified = [...newInputs.keys()]
    .filter((k) => oldInputs.has(k) && oldInputs.get(k) !== newInputs.get(k))
    .sort();
  const oldDefs = new Map(older.indicators.map((i) => [i.id, i]));
  const newDefs = new Map(newer.indicators.map((i) => [i.id, i]));
  const indicators: ReportDiff['definitions']['indicators'] = [];
  for (const [id, def] of newDefs) {
    const old = oldDefs.get(id);
    if (!old) indicators.push({ id, status: 'added', new: def.version });
    else if (old.version !== def.version || old.origin !== def.origin) {
      indicators.push({ id, status: 'changed', old: old.version, new: def.version });
    }
  }
  for (const [id, def] of oldDefs) if (!newDefs.has(id)) indicators.push({ id, status: 'removed', old: def.version });
  indicators.sort((a, b) => (a.id < b.id ? -1 : 1));
  const params = canonical(older.params ?? {}) !== canonical(newer.params ?? {});
  const scopeOf = (r: Report) => `${r.range.from}/${r.range.to} ${r.breakdown.join(',')}`;
  return {
    values,
    unchanged,
    uncommon,
    inputs: { changed: added.length + removed.length + modified.length > 0, added, removed, modified },
    definitions: { changed: indicators.length > 0 || params, indicators, params },
    scope: { changed: scopeOf(older) !== scopeOf(newer), old: scopeOf(older), new: scopeOf(newer) },
  };
}
