// Reading a whole workspace: every configured dataset, in reference order, into one result.
// Organisations, sites and investments are small and kept in memory (references, attribution,
// territories), and so are metrics (aggregates, whose names make the reported.* indicators);
// actions and beneficiaries are streamed to the caller row by row. A dataset with `store: true` also reads
// the rows imported into the store, after its files and through the same checks.
import path from 'node:path';
import { type Config, ConfigError, type DatasetSpec } from '../config/index.js';
import { didYouMean } from '../config/text.js';
import type { Problem } from '../problems.js';
import { storedRows, storeLabel } from '../store/read.js';
import { canonicalCells } from './canonical.js';
import {
  type ActionRow,
  type BeneficiaryRow,
  DATASET_ORDER,
  type DatasetName,
  type InvestmentRow,
  type MetricRow,
  type OrganisationRow,
  SCHEMAS,
  type SiteRow,
  type Sourced,
} from './datasets.js';
import { closedFundCircles } from './fund-circles.js';
import { boundsOf, checkedDatasetFiles } from './inputs.js';
import { type DatasetOptions, type FileStats, type ProblemSink, References, readDataset } from './load.js';
import { RejectsWriter } from './rejects.js';

export interface ReferenceData {
  organisations: Map<string, Sourced<OrganisationRow>>;
  sites: Map<string, Sourced<SiteRow>>;
  investments: Sourced<InvestmentRow>[];
  metrics: Sourced<MetricRow>[];
}

export interface StreamedRows {
  actions?: (row: Sourced<ActionRow>) => void;
  beneficiaries?: (row: Sourced<BeneficiaryRow>) => void;
}

const STREAMED: ReadonlySet<DatasetName> = new Set(['actions', 'beneficiaries']);

export interface LoadResult extends ReferenceData {
  /** One entry per file read, in dataset order then file order: rows = used + rejected. */
  inputs: FileStats[];
  /** Datasets that the config names. */
  configured: DatasetName[];
  /** The rejects files written, per dataset (one per source file that had rejected rows). */
  rejectsWritten: Record<string, string[]>;
}

export function datasetOptions(config: Config, spec: DatasetSpec): DatasetOptions {
  return {
    files: spec.files,
    formats: spec.formats,
    columns: spec.columns,
    values: spec.values,
    decimal: spec.decimal,
    dateFormat: spec.dateFormat,
    levels: config.params.mobility_levels,
    ...(spec.encoding ? { encoding: spec.encoding } : {}),
    ...(spec.delimiter ? { delimiter: spec.delimiter } : {}),
    ...(spec.sheet !== undefined ? { sheet: spec.sheet } : {}),
  };
}

export interface LoadOptions {
  sink: ProblemSink;
  /** When given, rejected rows are written under this folder (default `.impact/rejects`). */
  writeRejects?: boolean;
  stream?: StreamedRows;
  /** Called once organisations, sites and investments are read, before any streamed row. */
  onReference?: (reference: ReferenceData) => void;
  onProgress?: (dataset: DatasetName, file: string, rows: number, fraction?: number) => void;
  /** Read only these datasets (e.g. what an import refers to); default every configured one. */
  only?: readonly DatasetName[];
  /** Where the keys read are registered; give one to check other rows against them afterwards. */
  references?: References;
}

export async function loadWorkspace(config: Config, options: LoadOptions): Promise<LoadResult> {
  const references = options.references ?? new References();
  // Every file is checked (exists, inside the workspace) before the first one is read.
  await checkedDatasetFiles(config, options.only);
  const rejects =
    options.writeRejects === false
      ? undefined
      : new RejectsWriter(path.join(config.root, '.impact', 'rejects'), config.locale, boundsOf(config));
  const result: LoadResult = {
    organisations: new Map(),
    sites: new Map(),
    investments: [],
    metrics: [],
    inputs: [],
    configured: [],
    rejectsWritten: {},
  };
  const consumers: { [D in DatasetName]?: (row: never) => void } = {
    organisations: (row: Sourced<OrganisationRow>) => result.organisations.set(row.org_id, row),
    sites: (row: Sourced<SiteRow>) => result.sites.set(row.site_id, row),
    investments: (row: Sourced<InvestmentRow>) => result.investments.push(row),
    metrics: (row: Sourced<MetricRow>) => result.metrics.push(row),
    ...options.stream,
  };
  let referenceReady = false;
  for (const dataset of DATASET_ORDER) {
    if (!referenceReady && STREAMED.has(dataset)) {
      referenceReady = true;
      options.onReference?.(result);
    }
    const spec = config.datasets[dataset];
    if (!spec || (options.only && !options.only.includes(dataset))) continue;
    result.configured.push(dataset);
    const consume = (consumers[dataset] ?? (() => {})) as (row: unknown) => void;
    const stats = await readDataset({
      root: config.root,
      dataset,
      options: datasetOptions(config, spec),
      ...(spec.store ? { typedRows: storedRows(config.root, dataset) } : {}),
      references,
      sink: options.sink,
      onRow: consume,
      ...(rejects ? { rejects } : {}),
      ...(options.onProgress
        ? { onProgress: (file, rows, fraction) => options.onProgress?.(dataset, file, rows, fraction) }
        : {}),
    });
    if (dataset === 'investments') rejectClosedCircles(result, stats, options.sink, rejects);
    result.inputs.push(...stats);
  }
  if (!referenceReady) options.onReference?.(result);
  if (rejects) result.rejectsWritten = rejects.finish();
  if (result.configured.includes('organisations')) checkReportingEntity(config, result.organisations);
  return result;
}

/** An unknown reporting_entity would report every euro as 0: a config problem, once organisations are read. */
function checkReportingEntity(config: Config, organisations: ReadonlyMap<string, unknown>): void {
  const entity = config.reportingEntity;
  if (entity === undefined || organisations.has(entity)) return;
  const known = [...organisations.keys()];
  const lower = known.map((k) => k.toLowerCase());
  const close = didYouMean(entity, lower);
  const hint = close === undefined ? undefined : known[lower.indexOf(close)];
  const message = `"${entity}" is not an org_id of the workspace's organisations${hint ? `, did you mean "${hint}"?` : ''}`;
  const issue = { ...config.locate(['reporting_entity']), path: 'reporting_entity', message, expected: 'an org_id' };
  throw new ConfigError(config.file, [issue], path.basename(config.file));
}

/**
 * Investments that close a circle of funds held only by one another are rejected with a located
 * error naming them all: no share of those funds exists, and the rest still computes.
 */
function rejectClosedCircles(
  result: ReferenceData,
  stats: FileStats[],
  sink: ProblemSink,
  rejects: RejectsWriter | undefined,
): void {
  const circles = closedFundCircles(result.investments, result.organisations);
  if (circles.length === 0) return;
  const rejected = new Set<Sourced<InvestmentRow>>();
  for (const circle of circles) {
    const named = circle.investments
      .map((i) => `${i.investment_id} (${i.investor_id} → ${i.investee_id})`)
      .sort()
      .join(', ');
    for (const investment of circle.investments as Sourced<InvestmentRow>[]) {
      if (rejected.has(investment)) continue;
      rejected.add(investment);
      const { source } = investment;
      const problem: Problem = {
        code: 'circular-holding',
        severity: 'error',
        dataset: 'investments',
        file: source.file,
        line: source.line,
        ...(source.batch !== undefined ? { batch: source.batch } : {}),
        column: 'investor_id',
        value: investment.investor_id,
        args: { funds: circle.funds.join(', '), from: circle.from, investments: named },
      };
      sink.add(problem);
      rejects?.write('investments', source.file, source.line, canonicalCells(SCHEMAS.investments, investment), [
        problem,
      ]);
      // Stored rows are counted under the store's label, file rows under their file.
      const counted = source.batch !== undefined ? storeLabel('investments') : source.file;
      const fileStats = stats.find((f) => f.file === counted);
      if (fileStats) {
        fileStats.used--;
        fileStats.rejected++;
      }
    }
  }
  result.investments = result.investments.filter((i) => !rejected.has(i));
}

/** Collects problems: counts by code, the first examples of each, and every one for --errors-out. */
export class ProblemCollector implements ProblemSink {
  readonly byCode = new Map<string, { severity: Problem['severity']; count: number; examples: Problem[] }>();
  errors = 0;
  warnings = 0;
  constructor(
    private readonly examplesPerCode = 5,
    private readonly onEach?: (problem: Problem) => void,
  ) {}
  add(problem: Problem): void {
    if (problem.severity === 'error') this.errors++;
    else this.warnings++;
    let entry = this.byCode.get(problem.code);
    if (!entry) {
      entry = { severity: problem.severity, count: 0, examples: [] };
      this.byCode.set(problem.code, entry);
    }
    entry.count++;
    if (entry.examples.length < this.examplesPerCode) entry.examples.push(problem);
    this.onEach?.(problem);
  }
}
