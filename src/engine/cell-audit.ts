// What `explain` shows of one cell, from the rows the engine traced: each row's role (the value,
// a ratio's numerator, its denominator, or both), rows → distinct keys with the keys counted more
// than once, exclusions by reason and by the filter condition that failed, and the files that fed
// the cell. Pure: the engine reports rows to `CellTrace` from its column masks (every row used, and
// the traced cell's rows in order with what each adds), `auditCell` reads them.
import type { SourceRef } from '../data/datasets.js';
import type { CompiledSource } from './compiled.js';
import type { Exclusion, TracedRow, TraceSink } from './compute.js';

export type Role = 'value' | 'numerator' | 'denominator';
export type RowRole = Role | 'both';

interface CellRow {
  indicator: string;
  ref: SourceRef;
  /** What the row adds, as the engine adds it (integer cents for euros). */
  value: number;
  detail: TracedRow;
  dataset: CompiledSource['dataset'];
  /** Whether the row adds euros (its indicator's format): a count of investments adds no amount. */
  euros: boolean;
}

const refKey = (ref: SourceRef): string => `${ref.file}:${ref.line}:${ref.batch ?? ''}`;

/** Collects, for the traced indicator(s), the rows of one cell and counts for the others. */
export class CellTrace implements TraceSink {
  readonly rows: CellRow[] = [];
  /** Rows reaching any cell, each counted once, by indicator id. */
  readonly passing = new Map<string, Set<string>>();
  readonly excludedBy = new Map<string, Map<Exclusion['reason'], number>>();
  readonly excludedByCondition = new Map<string, Map<string, number>>();
  /** Each condition label's place in its definition, so counts read in the definition's order. */
  readonly conditionOrder = new Map<string, number>();

  constructor(readonly cell: string) {}

  used(source: CompiledSource, ref: SourceRef): void {
    const id = source.indicator.id;
    const seen = this.passing.get(id) ?? new Set<string>();
    seen.add(refKey(ref));
    this.passing.set(id, seen);
  }

  usedInCell(source: CompiledSource, ref: SourceRef, value: number, detail: TracedRow): void {
    this.used(source, ref);
    this.rows.push({
      indicator: source.indicator.id,
      ref,
      value,
      detail,
      dataset: source.dataset,
      euros: source.indicator.format === 'euros',
    });
  }

  excluded(source: CompiledSource, reason: Exclusion['reason'], _ref: SourceRef, condition?: string): void {
    const id = source.indicator.id;
    bump(this.excludedBy, id, reason);
    if (condition === undefined) return;
    bump(this.excludedByCondition, id, condition);
    if (!this.conditionOrder.has(condition))
      this.conditionOrder.set(
        condition,
        source.conditions.findIndex((c) => c.label === condition),
      );
  }
}

function bump<K>(counts: Map<string, Map<K, number>>, id: string, key: K): void {
  const map = counts.get(id) ?? new Map<K, number>();
  map.set(key, (map.get(key) ?? 0) + 1);
  counts.set(id, map);
}

export interface RoleAudit {
  used_in_cell: number;
  used_in_other_cells: number;
  /** A distinct count's keys in the cell, and those found on more than one row (counted once). */
  distinct?: number;
  duplicates?: { key: string; rows: SourceRef[] }[];
  excluded: Partial<Record<Exclusion['reason'], number>>;
  /** Rows excluded by the filter, by the first named condition they fail. */
  excluded_by_condition?: Record<string, number>;
}

export interface AuditedRow {
  role: RowRole;
  ref: SourceRef;
  /** The value the row adds (by role: a row in both adds to each). */
  value: number;
  key?: string;
  /** An investment's euros taken at the reporting entity's weight in its investor: amount × weight (via). */
  attributed?: { amount: number; weight: number; via: string };
}

export interface CellAudit {
  rows: Partial<Record<Role, RoleAudit>>;
  /** Rows of the cell counted in both a ratio's numerator and its denominator. */
  in_both?: number;
  source_rows: AuditedRow[];
  /** The files whose rows the cell used. */
  files: string[];
}

/** `numerator`/`denominator`: a ratio's part ids; every other traced indicator is the value. */
export function auditCell(trace: CellTrace, parts: { numerator?: string; denominator?: string }): CellAudit {
  const roleOf = (id: string): Role =>
    id === parts.numerator ? 'numerator' : id === parts.denominator ? 'denominator' : 'value';
  const ids = new Set([...trace.passing.keys(), ...trace.excludedBy.keys()]);
  const rows: Partial<Record<Role, RoleAudit>> = {};
  for (const role of ['value', 'numerator', 'denominator'] as const) {
    const mine = [...ids].filter((id) => roleOf(id) === role);
    if (mine.length === 0) continue;
    const inCell = trace.rows.filter((r) => roleOf(r.indicator) === role);
    const cellRefs = new Set(inCell.map((r) => refKey(r.ref)));
    const passing = new Set(mine.flatMap((id) => [...(trace.passing.get(id) ?? [])]));
    const audit: RoleAudit = {
      used_in_cell: cellRefs.size,
      used_in_other_cells: passing.size - cellRefs.size,
      excluded: sumCounts(mine.map((id) => trace.excludedBy.get(id))),
    };
    const keyed = inCell.filter((r) => r.detail.key !== undefined);
    if (keyed.length > 0) {
      const byKey = new Map<string, SourceRef[]>();
      for (const r of keyed) byKey.set(r.detail.key!, [...(byKey.get(r.detail.key!) ?? []), r.ref]);
      audit.distinct = byKey.size;
      audit.duplicates = [...byKey]
        .filter(([, refs]) => refs.length > 1)
        .map(([key, refs]) => ({ key, rows: refs }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
    const byCondition = Object.entries(sumCounts(mine.map((id) => trace.excludedByCondition.get(id)))).sort(
      ([a], [b]) => (trace.conditionOrder.get(a) ?? 0) - (trace.conditionOrder.get(b) ?? 0),
    );
    if (byCondition.length > 0) audit.excluded_by_condition = Object.fromEntries(byCondition) as Record<string, number>;
    rows[role] = audit;
  }

  // One line per source row; a row in both parts of a ratio is one `both` line.
  const merged = new Map<string, AuditedRow>();
  for (const r of trace.rows) {
    const key = refKey(r.ref);
    const role = roleOf(r.indicator);
    const known = merged.get(key);
    if (known) {
      if (known.role !== role) known.role = 'both';
      continue;
    }
    merged.set(key, {
      role,
      ref: r.ref,
      value: r.value,
      ...(r.detail.key !== undefined ? { key: r.detail.key } : {}),
      ...attributedPart(r),
    });
  }
  const source_rows = [...merged.values()];
  const inBoth = source_rows.filter((r) => r.role === 'both').length;
  return {
    rows,
    ...(rows.numerator || rows.denominator ? { in_both: inBoth } : {}),
    source_rows,
    files: [...new Set(source_rows.map((r) => r.ref.file))].sort(),
  };
}

/**
 * An investment row whose euros are its amount times a weight below one: the fund it went through.
 * A row that adds no euros (a distinct count's 1, a count of investments) took no weight.
 */
function attributedPart(r: CellRow): Pick<AuditedRow, 'attributed'> {
  if (r.dataset !== 'investments' || !r.euros) return {};
  const row = r.detail.row as { amount_eur?: unknown; investor_id?: unknown };
  if (typeof row.amount_eur !== 'number' || typeof row.investor_id !== 'string' || row.amount_eur === 0) return {};
  if (r.value === row.amount_eur) return {};
  return { attributed: { amount: row.amount_eur, weight: r.value / row.amount_eur, via: row.investor_id } };
}

function sumCounts<K extends string>(maps: (Map<K, number> | undefined)[]): Partial<Record<K, number>> {
  const out = new Map<K, number>();
  for (const map of maps) for (const [k, n] of map ?? []) out.set(k, (out.get(k) ?? 0) + n);
  return Object.fromEntries([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as Partial<Record<K, number>>;
}
