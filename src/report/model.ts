// The one report object (CONTRACT §5). Every format is a pure function of it.
import type { Lang } from '../messages.js';

export interface ReportInput {
  dataset: string;
  file: string;
  sha256: string;
  /** Null (with `suppressed`) when the file's rows are people and too few to publish (privacy.min_count). */
  rows: number | null;
  rejected: number | null;
  suppressed?: true;
}

export interface ReportIndicator {
  id: string;
  title: string;
  description: string;
  unit: string;
  kind: 'flow' | 'stock' | 'unique' | 'ratio';
  format: 'count' | 'euros' | 'share' | 'decimal';
  version: string;
  datasets: string[];
  frameworks: Record<string, string[]>;
  origin: string;
  /**
   * A ratio whose numerator and denominator are placed among territories by different rules
   * (engine/placement.ts): its cells by territory mix places, so formats note it and HTML does not map it.
   */
  geography?: { numerator: string[]; denominator: string[] };
  error?: string;
}

/**
 * One value: `indicator`, one key per dimension (territory, …, period; null where the data left it
 * empty), `margin` (the dimensions it totals over), then the numbers.
 */
export interface ReportValue {
  indicator: string;
  [dimension: string]: string | number | boolean | null | undefined | string[];
  margin: string[];
  value: number | null;
  /** The same cell one period earlier, when the data covers it (a period column only). */
  previous?: number | null;
  /** value − previous, in the value's unit. */
  change?: number | null;
  /** A share's change in percentage points: change × 100. */
  change_points?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  attributable?: number;
  note?: string;
  suppressed?: boolean;
  error?: string;
}

export interface ReportTarget {
  indicator: string;
  territory?: string;
  period: string;
  op: string;
  value: number;
  actual: number | null;
  status: 'met' | 'missed' | 'no_data';
}

/** A warning found while reading or computing: listed in every format, grouped by code for people. */
export interface ReportWarning {
  code: string;
  dataset?: string;
  file?: string;
  line?: number;
  batch?: number;
  column?: string;
  message: string;
}

/** A note on the whole report (`euro-rounding`), worded in the report's language: every format states it once. */
export interface ReportNote {
  code: string;
  message: string;
}

export interface Report {
  schema_version: 2;
  generator: { name: 'impactkit'; version: string };
  /** Only when SOURCE_DATE_EPOCH is set: outputs never carry the wall clock otherwise. */
  generated_at?: string;
  workspace: string;
  reporting_entity?: string;
  lang: Lang;
  range: { from: string; to: string };
  breakdown: string[];
  /** The value keys, in order: the breakdown's dimensions, with period always present. */
  dimensions: string[];
  params: Record<string, unknown>;
  inputs: ReportInput[];
  indicators: ReportIndicator[];
  values: ReportValue[];
  targets: ReportTarget[];
  /** Rows and rejected rows are null (with `suppressed`) when they would give a hidden file's count away. */
  quality: { rows: number | null; rejected: number | null; warnings: number; suppressed?: true };
  /** Always written by the pipeline; optional for reports built by hand. */
  warnings?: ReportWarning[];
  /** Report-wide notes; always written by the pipeline. */
  notes?: ReportNote[];
  /** impact.yaml `privacy`: a suppressed value is shown to people as `< min_count`. */
  privacy?: { min_count: number };
}
