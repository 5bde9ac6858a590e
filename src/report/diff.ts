// What changed between two JSON reports: value by value (added, removed, changed with absolute
// and relative change), and whether inputs (hashes) or definitions (versions, parameters) changed.
import type { Report, ReportValue } from './model.js';

export interface ValueChange {
  indicator: string;
  cell: Record<string, string | null | string[]>;
  status: 'added' | 'removed' | 'changed';
  old: number | null;
  new: number | null;
  /** new − old, when both are numbers. */
  change?: number;
  /** (new − old) / |old|, when old is a non-zero number. */
  relative?: number;
}

export interface ReportDiff {
  values: ValueChange[];
  unchanged: number;
  inputs: { changed: boolean; added: string[]; removed: string[]; modified: string[] };
  definitions: {
    changed: boolean;
    indicators: { id: string; status: 'added' | 'removed' | 'changed'; old?: string; new?: string }[];
    params: boolean;
  };
  scope: { changed: boolean; old: string; new: string };
}

const NUMBER_KEYS = new Set([
  'indicator',
  'value',
  'numerator',
  'denominator',
  'attributable',
  'note',
  'suppressed',
  'error',
]);

function cellOf(row: ReportValue): Record<string, string | null | string[]> {
  const cell: Record<string, string | null | string[]> = {};
  for (const [key, value] of Object.entries(row)) {
    if (NUMBER_KEYS.has(key)) continue;
    cell[key] = value === null || Array.isArray(value) ? value : String(value);
  }
  return cell;
}

const keyOf = (row: ReportValue): string => `${row.indicator}\u001f${JSON.stringify(cellOf(row))}`;

/** Canonical JSON with sorted keys, so that parameter maps compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function diffReports(older: Report, newer: Report): ReportDiff {
  const before = new Map(older.values.map((row) => [keyOf(row), row]));
  const after = new Map(newer.values.map((row) => [keyOf(row), row]));
  const values: ValueChange[] = [];
  let unchanged = 0;
  for (const [key, row] of after) {
    const old = before.get(key);
    if (!old) {
      values.push({ indicator: row.indicator, cell: cellOf(row), status: 'added', old: null, new: row.value });
    } else if (old.value !== row.value) {
      const change: ValueChange = {
        indicator: row.indicator,
        cell: cellOf(row),
        status: 'changed',
        old: old.value,
        new: row.value,
      };
      if (old.value !== null && row.value !== null) {
        change.change = row.value - old.value;
        if (old.value !== 0) change.relative = (row.value - old.value) / Math.abs(old.value);
      }
      values.push(change);
    } else {
      unchanged++;
    }
  }
  for (const [key, row] of before) {
    if (!after.has(key))
      values.push({ indicator: row.indicator, cell: cellOf(row), status: 'removed', old: row.value, new: null });
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
    inputs: { changed: added.length + removed.length + modified.length > 0, added, removed, modified },
    definitions: { changed: indicators.length > 0 || params, indicators, params },
    scope: { changed: scopeOf(older) !== scopeOf(newer), old: scopeOf(older), new: scopeOf(newer) },
  };
}
