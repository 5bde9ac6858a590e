// What a file holds, before a config exists for it: how it is written (encoding, delimiter, sheet), its
// header and row count, and per column the share missing, the distinct values, the commonest ones, the range
// of numbers and dates, and which canonical column it probably is. Read with the same readers as datasets.
import path from 'node:path';
import { editDistance } from '../config/text.js';
import { DATASET_ORDER, type DatasetName, SCHEMAS } from './datasets.js';
import { type ResolvedFormat, type Sniffed, sniffFile } from './dialect.js';
import { headerKey } from './headers.js';
import { isDelimitedText, isYamlFile, openRecords } from './records.js';
import { DATE_FORMATS, type DateFormat, parseDate, parseNumber } from './values.js';
import { isWorkbookFile } from './xlsx.js';

const TOP = 5;

export interface ColumnProfile {
  name: string;
  /** `dataset.column` it probably is (from columns: when given, else from its name), or null. */
  probable: string | null;
  type: 'number' | 'date' | 'text' | 'empty';
  /** Share of rows where it is empty (0 to 1), and how many. */
  missing: number;
  missing_count: number;
  distinct: number;
  /** The commonest values, most frequent first (ties in text order). */
  top: { value: string; count: number }[];
  /** For numbers (as numbers) and dates (ISO); with the date format or decimal mark that reads every value. */
  min?: number | string;
  max?: number | string;
  date_format?: DateFormat;
  decimal?: '.' | ',';
}

export interface FileProfile {
  file: string;
  kind: 'csv' | 'xlsx' | 'yaml';
  encoding?: string;
  /** How the encoding was decided: configured, or the evidence of detection. */
  encoding_from?: string;
  delimiter?: string;
  sheet?: string;
  header_line: number;
  header: string[];
  rows: number;
  columns: ColumnProfile[];
}

/** Common French and English headers for canonical columns, folded as headers are. */
const SYNONYMS: Record<string, string> = {
  identifiant: 'beneficiaries.beneficiary_id',
  'id beneficiaire': 'beneficiaries.beneficiary_id',
  plateforme: 'beneficiaries.site_id',
  site: 'beneficiaries.site_id',
  "date d'entree": 'beneficiaries.entry_date',
  'date entree': 'beneficiaries.entry_date',
  'date de sortie': 'beneficiaries.exit_date',
  'annee de naissance': 'beneficiaries.birth_year',
  sexe: 'beneficiaries.gender',
  genre: 'beneficiaries.gender',
  'commune de residence': 'beneficiaries.territory',
  commune: 'beneficiaries.territory',
  territoire: 'metrics.territory',
  "niveau a l'entree": 'beneficiaries.intake_level',
  'niveau a la sortie': 'beneficiaries.exit_level',
  issue: 'beneficiaries.outcome',
  organisation: 'metrics.org_id',
  indicateur: 'metrics.metric',
  valeur: 'metrics.value',
  debut: 'metrics.period_start',
  fin: 'metrics.period_end',
  montant: 'investments.amount_eur',
};

const CANONICAL = DATASET_ORDER.flatMap((d) => SCHEMAS[d].columns.map((c) => ({ dataset: d, name: c.name })));

/** The canonical column a header probably is: through columns:, a known synonym, the name itself, or a near name. */
export function probableColumn(
  header: string,
  dataset?: DatasetName,
  columns: Record<string, string> = {},
): string | null {
  const key = headerKey(header);
  if (key === '') return null;
  const within = dataset ? CANONICAL.filter((c) => c.dataset === dataset) : CANONICAL;
  for (const [source, canonical] of Object.entries(columns)) {
    if (headerKey(source) === key && within.some((c) => c.name === canonical))
      return `${dataset ?? within.find((c) => c.name === canonical)?.dataset}.${canonical}`;
  }
  const exact = within.find((c) => c.name === key);
  if (exact) return `${exact.dataset}.${exact.name}`;
  const synonym = SYNONYMS[key];
  if (synonym && (!dataset || synonym.startsWith(`${dataset}.`))) return synonym;
  if (synonym && dataset && within.some((c) => c.name === synonym.split('.')[1]))
    return `${dataset}.${synonym.split('.')[1]}`;
  let best: { label: string; d: number } | undefined;
  for (const c of within) {
    const d = editDistance(key, c.name);
    if (d <= Math.max(1, Math.floor(c.name.length / 4)) && (!best || d < best.d))
      best = { label: `${c.dataset}.${c.name}`, d };
  }
  return best?.label ?? null;
}

class ColumnStats {
  missing = 0;
  readonly counts = new Map<string, number>();
  add(raw: string | undefined): void {
    const value = (raw ?? '').trim();
    if (value === '') {
      this.missing++;
      return;
    }
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
  }
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Numbers or dates when every value reads as one (with one decimal mark, or one date format). */
function typed(values: string[]): Pick<ColumnProfile, 'type' | 'min' | 'max' | 'date_format' | 'decimal'> {
  if (values.length === 0) return { type: 'empty' };
  for (const decimal of ['.', ','] as const) {
    const numbers = values.map((v) => parseNumber(v, decimal));
    if (numbers.every((n) => n.ok)) {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (const n of numbers) {
        const value = n.ok ? n.value : 0;
        if (value < min) min = value;
        if (value > max) max = value;
      }
      return { type: 'number', decimal, min, max };
    }
  }
  for (const format of DATE_FORMATS) {
    const dates = values.map((v) => parseDate(v, format));
    if (dates.every((d) => d.ok)) {
      const list = dates.map((d) => (d.ok ? d.value : '')).sort(byText);
      return { type: 'date', date_format: format, min: list[0]!, max: list.at(-1)! };
    }
  }
  return { type: 'text' };
}

export interface ProfileOptions {
  /** The workspace folder files are shown relative to. */
  root: string;
  /** A configured dataset's format for the file; else everything is detected. */
  format?: Partial<ResolvedFormat>;
  dataset?: DatasetName;
}

/** Reads the whole file once and profiles it. */
export async function profileFile(absolute: string, options: ProfileOptions): Promise<FileProfile> {
  const kind: FileProfile['kind'] = isWorkbookFile(absolute) ? 'xlsx' : isYamlFile(absolute) ? 'yaml' : 'csv';
  const sniffed: Sniffed | undefined = isDelimitedText(absolute) ? sniffFile(absolute) : undefined;
  const encoding = options.format?.encoding ?? sniffed?.encoding ?? 'utf-8';
  const delimiter = options.format?.delimiter ?? sniffed?.delimiter ?? ',';
  const dataset = options.dataset;
  const schema = SCHEMAS[dataset ?? 'beneficiaries'];
  const columns = options.format?.columns ?? {};
  const source = openRecords(absolute, {
    encoding,
    delimiter,
    keyColumn: schema.key[0]!,
    schema,
    columns,
    ...(options.format?.sheet !== undefined ? { sheet: options.format.sheet } : {}),
  });
  let header: string[] | undefined;
  let headerLine = 1;
  let stats: ColumnStats[] = [];
  let rows = 0;
  for await (const record of source.records) {
    if (!header) {
      header = record.cells;
      headerLine = record.line;
      stats = header.map(() => new ColumnStats());
      continue;
    }
    rows++;
    for (const [i, s] of stats.entries()) s.add(record.cells[i]);
  }
  const names = header ?? [];
  return {
    file: path.relative(options.root, absolute).split(path.sep).join('/'),
    kind,
    ...(kind === 'csv'
      ? {
          encoding,
          encoding_from: options.format?.encoding ? 'configured' : (sniffed?.evidence ?? 'default'),
          delimiter,
        }
      : {}),
    ...(source.sheetName !== undefined ? { sheet: source.sheetName } : {}),
    header_line: headerLine,
    header: names,
    rows,
    columns: names.map((name, i) => {
      const s = stats[i] ?? new ColumnStats();
      const values = [...s.counts.keys()];
      const top = [...s.counts.entries()]
        .sort(([a, x], [b, y]) => y - x || byText(a, b))
        .slice(0, TOP)
        .map(([value, count]) => ({ value, count }));
      return {
        name,
        probable: probableColumn(name, dataset, columns),
        ...typed(values),
        missing: rows === 0 ? 0 : s.missing / rows,
        missing_count: s.missing,
        distinct: s.counts.size,
        top,
      };
    }),
  };
}
