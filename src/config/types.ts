// The public shape of a loaded impact.yaml (CONTRACT §2); every module reads the config through these types.

import { DATASET_ORDER, type DatasetName } from '../data/datasets.js';
import type { FileFormat, TextEncoding } from '../data/dialect.js';
import { DATE_FORMATS, type DateFormat } from '../data/values.js';
import type { ValuesConfig } from '../data/vocabulary.js';

// The datasets and date formats are the data layer's; the config names them, in reference order.
export const DATASET_NAMES = DATASET_ORDER;
export { DATE_FORMATS, type DatasetName, type DateFormat, type FileFormat };

export interface DatasetSpec {
  name: DatasetName;
  /** Paths or globs, in the order written. */
  files: string[];
  /** The format each entry of `files` gives itself (same index), if any. */
  formats: (FileFormat | undefined)[];
  store: boolean;
  delimiter?: ',' | ';';
  decimal: '.' | ',';
  dateFormat: DateFormat;
  /** Detected per file when not given. */
  encoding?: TextEncoding;
  /** A workbook's sheet (default: the first). */
  sheet?: string;
  columns: Record<string, string>;
  /** The partners' words for canonical values, per column. */
  values: ValuesConfig;
}

export const TARGET_OPS = ['>=', '>', '<=', '<', '=='] as const;
export type TargetOp = (typeof TARGET_OPS)[number];

export interface Target {
  indicator: string;
  territory?: string;
  period?: string;
  op: TargetOp;
  value: number;
  line: number;
}

export type DimensionName =
  | 'territory'
  | 'period'
  | 'organisation'
  | 'site'
  | 'programme'
  | 'gender'
  | 'qpv'
  | 'age_band';

export interface BreakdownItem {
  dimension: DimensionName;
  level?: string;
}

export interface Config {
  file: string;
  root: string;
  version: 1;
  name: string;
  reportingEntity?: string;
  locale: 'en' | 'fr';
  range: { from: string; to: string };
  breakdown: BreakdownItem[];
  params: { youth_age: [number, number]; mobility_levels: string[]; precarity_threshold: string } & Record<
    string,
    unknown
  >;
  datasets: Partial<Record<DatasetName, DatasetSpec>>;
  indicators: string[];
  plugins: string[];
  targets: Target[];
  privacy: { minCount: number };
  /** impact.yaml `metrics:`: titles and units of reported metrics, each in both languages. */
  metrics: Record<string, ReportedMetric>;
  /** Absolute paths outside the workspace that the user allowed (`allow_paths:`, `--allow-outside`). */
  allowPaths: string[];
  /** Where a key of impact.yaml was written, for problems found after loading (an unknown reporting_entity). */
  locate: (path: readonly (string | number)[]) => { line: number; col: number };
}

export interface ReportedMetric {
  title?: { en: string; fr: string };
  unit?: { en: string; fr: string };
}

export interface ConfigIssue {
  line: number;
  col: number;
  path: string;
  message: string;
  expected?: string;
}

/** `impact.yaml:LINE:COL  path.to.key  what is wrong  (expected …)`; line 0 means the file as a whole. */
export function formatConfigIssue(displayFile: string, issue: ConfigIssue): string {
  const where = issue.line > 0 ? `${displayFile}:${issue.line}:${issue.col}` : displayFile;
  const parts = [where, issue.path, issue.message, issue.expected ? `(expected ${issue.expected})` : ''];
  return parts.filter((p) => p !== '').join('  ');
}

export class ConfigError extends Error {
  readonly file: string;
  readonly issues: ConfigIssue[];

  constructor(file: string, issues: ConfigIssue[], displayFile = file) {
    const n = issues.length;
    const head = `${displayFile}: ${n} problem${n === 1 ? '' : 's'} in the config`;
    super([head, ...issues.map((i) => `  ${formatConfigIssue(displayFile, i)}`)].join('\n'));
    this.name = 'ConfigError';
    this.file = file;
    this.issues = issues;
  }
}
