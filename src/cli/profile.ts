// `impact profile FILE|DATASET`: what a file holds before a config is written for it; for a configured
// dataset, each of its files read with its configured format, and its rows counted per site and per month.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/index.js';
import { rowsOf } from '../data/columns-to-rows.js';
import { readDatasetColumns } from '../data/dataset-to-columns.js';
import { DATASET_ORDER, type DatasetName, SCHEMAS } from '../data/datasets.js';
import { resolveFormat, sniffFile } from '../data/dialect.js';
import { References, resolveDatasetFiles } from '../data/load.js';
import { type FileProfile, profileFile } from '../data/profile.js';
import { isDelimitedText } from '../data/records.js';
import { datasetOptions, loadWorkspace, ProblemCollector } from '../data/workspace.js';
import { plural, t } from '../messages.js';
import type { Lang } from '../problems.js';
import { EXIT, formatCount, type Terminal, UsageError } from './io.js';

export interface ProfileCliOptions {
  json?: boolean;
  lang?: Lang;
}

/** The date column a dataset's rows are counted by per month. */
const MONTH_COLUMN: Record<DatasetName, string> = {
  organisations: '',
  sites: 'opened_on',
  investments: 'date',
  metrics: 'period_start',
  actions: 'date',
  beneficiaries: 'entry_date',
};

export interface DatasetProfile {
  dataset: DatasetName;
  files: FileProfile[];
  used: number;
  rejected: number;
  per_site?: { site_id: string; rows: number }[];
  per_month?: { month: string; rows: number }[];
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function profileDataset(config: Config, dataset: DatasetName): Promise<DatasetProfile> {
  const spec = config.datasets[dataset]!;
  const options = datasetOptions(config, spec);
  const sink = new ProblemCollector(0);
  const origin = new Map<string, number>();
  const files = await resolveDatasetFiles(config.root, dataset, options.files, sink, origin);
  const profiles: FileProfile[] = [];
  for (const file of files) {
    const absolute = path.resolve(config.root, file);
    const own = options.formats?.[origin.get(file) ?? -1];
    const sniffed = isDelimitedText(absolute) ? sniffFile(absolute) : undefined;
    const { format } = resolveFormat(options, own, sniffed, { dataset, file });
    const profile = await profileFile(absolute, { root: config.root, format, dataset });
    // Said as configured when impact.yaml gives the encoding; detected otherwise.
    if (profile.encoding_from && (own?.encoding ?? options.encoding)) profile.encoding_from = 'configured';
    profiles.push(profile);
  }
  // The rows as the dataset reads them (typed, references checked), counted per site and month.
  const references = new References();
  // A dataset refers only to datasets before it in reference order.
  const before = DATASET_ORDER.slice(0, DATASET_ORDER.indexOf(dataset));
  if (before.length > 0) await loadWorkspace(config, { sink, only: before, references, writeRejects: false });
  const perSite = new Map<string, number>();
  const perMonth = new Map<string, number>();
  const monthColumn = MONTH_COLUMN[dataset];
  const hasSite = SCHEMAS[dataset].columns.some((c) => c.name === 'site_id');
  let used = 0;
  let rejected = 0;
  const { table, stats } = await readDatasetColumns({ root: config.root, dataset, options, files, references, sink });
  for (const row of rowsOf<typeof dataset>(table)) {
    const values = row as unknown as Record<string, unknown>;
    const site = values.site_id;
    if (hasSite && typeof site === 'string') perSite.set(site, (perSite.get(site) ?? 0) + 1);
    const date = values[monthColumn];
    if (typeof date === 'string') perMonth.set(date.slice(0, 7), (perMonth.get(date.slice(0, 7)) ?? 0) + 1);
  }
  for (const s of stats) {
    used += s.used;
    rejected += s.rejected;
  }
  return {
    dataset,
    files: profiles,
    used,
    rejected,
    ...(hasSite
      ? {
          per_site: [...perSite.entries()]
            .sort(([a], [b]) => byKey(a, b))
            .map(([site_id, rows]) => ({ site_id, rows })),
        }
      : {}),
    ...(monthColumn
      ? { per_month: [...perMonth.entries()].sort(([a], [b]) => byKey(a, b)).map(([month, rows]) => ({ month, rows })) }
      : {}),
  };
}

export async function runProfile(
  config: Config | undefined,
  target: string,
  options: ProfileCliOptions,
  term: Terminal,
): Promise<number> {
  const lang = options.lang ?? config?.locale ?? 'en';
  const dataset = DATASET_ORDER.find((d) => d === target);
  if (dataset && config?.datasets[dataset] && !existsSync(path.resolve(target))) {
    const profile = await profileDataset(config, dataset);
    if (options.json) term.out(JSON.stringify(profile, null, 2));
    else printDataset(profile, lang, term);
    return EXIT.ok;
  }
  const absolute = path.resolve(target);
  if (!existsSync(absolute)) {
    throw new UsageError((lang) =>
      dataset
        ? t(lang, 'usage.profileNoDataset', { dataset, target })
        : t(lang, 'usage.profileNoFile', { target, list: DATASET_ORDER.join(', ') }),
    );
  }
  const profile = await profileFile(absolute, { root: process.cwd() });
  if (options.json) term.out(JSON.stringify(profile, null, 2));
  else printFile(profile, lang, term);
  return EXIT.ok;
}

const percent = (share: number, lang: Lang): string => {
  const text = (Math.round(share * 1000) / 10).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');
  return lang === 'fr' ? `${text}\u00a0%` : `${text}%`;
};

function printFile(p: FileProfile, lang: Lang, term: Terminal): void {
  const { c } = term;
  const colon = lang === 'fr' ? '\u00a0: ' : ': ';
  term.out(c.bold(p.file));
  const how = [
    p.encoding
      ? `${t(lang, 'encoding')}${colon}${p.encoding} (${t(lang, p.encoding_from === 'configured' ? 'configured' : 'detected')})`
      : '',
    p.delimiter ? `${t(lang, 'delimiter')}${colon}${JSON.stringify(p.delimiter)}` : '',
    p.sheet !== undefined ? `${t(lang, 'sheet')}${colon}${p.sheet}` : '',
    `${t(lang, 'headerAtLine')} ${p.header_line}`,
    `${formatCount(p.rows, lang)} ${t(lang, 'rows')}`,
  ].filter((x) => x !== '');
  term.out(`  ${how.join(' · ')}`);
  for (const column of p.columns) {
    const range = column.min !== undefined ? `  ${column.min} → ${column.max}` : '';
    const probable = column.probable ? c.dim(`  ≈ ${column.probable}`) : '';
    term.out(`  ${c.bold(column.name)}${probable}`);
    const top = column.top.map((v) => `${v.value} (${formatCount(v.count, lang)})`).join(', ');
    term.out(
      `    ${t(lang, 'missing')}${colon}${percent(column.missing, lang)} · ${t(lang, 'distinct')}${colon}${formatCount(column.distinct, lang)} · ${t(lang, `type_${column.type}`)}${range}`,
    );
    if (top) term.out(`    ${t(lang, 'topValues')}${colon}${top}`);
  }
}

function printDataset(p: DatasetProfile, lang: Lang, term: Terminal): void {
  const colon = lang === 'fr' ? '\u00a0: ' : ': ';
  term.out(term.c.bold(`${t(lang, 'dataset')} ${p.dataset}`));
  term.out(
    `  ${formatCount(p.used, lang)} ${plural(lang, 'used', p.used)}, ${formatCount(p.rejected, lang)} ${plural(lang, 'rejected', p.rejected)}`,
  );
  for (const file of p.files) printFile(file, lang, term);
  if (p.per_site) {
    term.out(term.c.bold(t(lang, 'perSite')));
    for (const s of p.per_site) term.out(`  ${s.site_id}${colon}${formatCount(s.rows, lang)}`);
  }
  if (p.per_month) {
    term.out(term.c.bold(t(lang, 'perMonth')));
    for (const m of p.per_month) term.out(`  ${m.month}${colon}${formatCount(m.rows, lang)}`);
  }
}
