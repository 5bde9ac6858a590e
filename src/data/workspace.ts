// Reading a whole workspace: every configured dataset, in reference order, into one column table each
// (loadWorkspaceColumns). A dataset with `store: true` also reads the rows imported into the store, after
// its files and through the same checks. loadWorkspace is the row view of the same tables for consumers
// that work row by row: organisations, sites, investments and metrics as maps and lists, actions and
// beneficiaries handed to the caller one row at a time.
import path from 'node:path';
import { type Config, ConfigError, type DatasetSpec } from '../config/index.js';
import { didYouMean } from '../config/text.js';
import type { Problem } from '../problems.js';
import { storedRows, storeLabel } from '../store/read.js';
import { canonicalCells } from './canonical.js';
import type { ColumnTable } from './columns.js';
import { rowsOf } from './columns-to-rows.js';
import { dropRows, readDatasetColumns, warmWorkersFor } from './dataset-to-columns.js';
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
import { type DatasetOptions, type FileStats, type ProblemSink, References } from './load.js';
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

/** The large datasets handed over whole, as column tables (the engine reads their arrays). */
export interface StreamedTables {
  actions?: (table: ColumnTable) => void;
  beneficiaries?: (table: ColumnTable) => void;
}

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
  /** In place of `stream`: the actions and beneficiaries tables, whole. */
  tables?: StreamedTables;
  /** Called once organisations, sites and investments are read, before any streamed row. */
  onReference?: (reference: ReferenceData) => void;
  onProgress?: (dataset: DatasetName, file: string, rows: number, fraction?: number) => void;
  /** Read only these datasets (e.g. what an import refers to); default every configured one. */
  only?: readonly DatasetName[];
  /** Where the keys read are registered; give one to check other rows against them afterwards. */
  references?: References;
  /**
   * A large file's sha256 may come after its rows (hashed on a thread of its own, overlapping the work
   * on its rows): the result's `hashed` says when every `inputs` entry has it.
   */
  deferHashes?: boolean;
}

export interface ColumnsResult {
  /** One table per configured dataset that was read. */
  tables: Partial<Record<DatasetName, ColumnTable>>;
  /** One entry per file read, in dataset order then file order: rows = used + rejected. */
  inputs: FileStats[];
  /** Datasets that the config names. */
  configured: DatasetName[];
  /** The rejects files written, per dataset (one per source file that had rejected rows). */
  rejectsWritten: Record<string, string[]>;
  /** Resolves once every file's sha256 is in `inputs` (at once unless `deferHashes`). */
  hashed: Promise<void>;
}

export type ColumnsOptions = Omit<LoadOptions, 'stream' | 'onReference'>;

/** Every configured dataset (or `only` these) read into column tables, in reference order. */
export async function loadWorkspaceColumns(config: Config, options: ColumnsOptions): Promise<ColumnsResult> {
  const references = options.references ?? new References();
  // Every file is checked (exists, inside the workspace) before the first one is read.
  const files = await checkedDatasetFiles(config, options.only);
  warmWorkersFor([...files.values()].flat().map((file) => path.resolve(config.root, file)));
  const rejects =
    options.writeRejects === false
      ? undefined
      : new RejectsWriter(path.join(config.root, '.impact', 'rejects'), config.locale, boundsOf(config));
  const hashing: Promise<void>[] = [];
  const result: ColumnsResult = {
    tables: {},
    inputs: [],
    configured: [],
    rejectsWritten: {},
    hashed: Promise.resolve(),
  };
  for (const dataset of DATASET_ORDER) {
    const spec = config.datasets[dataset];
    if (!spec || (options.only && !options.only.includes(dataset))) continue;
    result.configured.push(dataset);
    const { table, stats } = await readDatasetColumns({
      root: config.root,
      dataset,
      options: datasetOptions(config, spec),
      ...(spec.store ? { typedRows: storedRows(config.root, dataset) } : {}),
      references,
      sink: options.sink,
      ...(rejects ? { rejects } : {}),
      ...(options.onProgress
        ? { onProgress: (file, rows, fraction) => options.onProgress?.(dataset, file, rows, fraction) }
        : {}),
      ...(options.deferHashes ? { deferHash: (hashed: Promise<void>) => hashing.push(hashed) } : {}),
    });
    result.tables[dataset] =
      dataset === 'investments'
        ? rejectClosedCircles(table, result.tables.organisations, stats, options.sink, rejects)
        : table;
    result.inputs.push(...stats);
  }
  result.hashed = Promise.all(hashing).then(() => {});
  if (rejects) result.rejectsWritten = rejects.finish();
  if (result.tables.organisations) {
    checkReportingEntity(
      config,
      new Set([...rowsOf<'organisations'>(result.tables.organisations)].map((o) => o.org_id)),
    );
  }
  return result;
}

/** An unknown reporting_entity would report every euro as 0: a config problem, once organisations are read. */
function checkReportingEntity(config: Config, organisations: ReadonlySet<string>): void {
  const entity = config.reportingEntity;
  if (entity === undefined || organisations.has(entity)) return;
  const known = [...organisations];
  const lower = known.map((k) => k.toLowerCase());
  const close = didYouMean(entity, lower);
  const hint = close === undefined ? undefined : known[lower.indexOf(close)];
  const message = `"${entity}" is not an org_id of the workspace's organisations${hint ? `, did you mean "${hint}"?` : ''}`;
  const issue = { ...config.locate(['reporting_entity']), path: 'reporting_entity', message, expected: 'an org_id' };
  throw new ConfigError(config.file, [issue], path.basename(config.file));
}

/** The same tables seen as rows: reference datasets collected, actions and beneficiaries handed over in order. */
export async function loadWorkspace(config: Config, options: LoadOptions): Promise<LoadResult> {
  const { stream, tables, onReference, ...columnOptions } = options;
  // The large files' hashes come while their rows are worked on below.
  const loaded = await loadWorkspaceColumns(config, { ...columnOptions, deferHashes: true });
  const result: LoadResult = {
    organisations: new Map(),
    sites: new Map(),
    investments: [],
    metrics: [],
    inputs: loaded.inputs,
    configured: loaded.configured,
    rejectsWritten: loaded.rejectsWritten,
  };
  const { organisations, sites, investments, metrics, actions, beneficiaries } = loaded.tables;
  if (organisations)
    for (const row of rowsOf<'organisations'>(organisations)) result.organisations.set(row.org_id, row);
  if (sites) for (const row of rowsOf<'sites'>(sites)) result.sites.set(row.site_id, row);
  if (investments) for (const row of rowsOf<'investments'>(investments)) result.investments.push(row);
  if (metrics) for (const row of rowsOf<'metrics'>(metrics)) result.metrics.push(row);
  onReference?.(result);
  if (actions && tables?.actions) tables.actions(actions);
  if (beneficiaries && tables?.beneficiaries) tables.beneficiaries(beneficiaries);
  if (actions && stream?.actions) for (const row of rowsOf<'actions'>(actions)) stream.actions(row);
  if (beneficiaries && stream?.beneficiaries) {
    for (const row of rowsOf<'beneficiaries'>(beneficiaries)) stream.beneficiaries(row);
  }
  await loaded.hashed;
  return result;
}

/**
 * Investments that close a circle of funds held only by one another are rejected with a located
 * error naming them all: no share of those funds exists, and the rest still computes.
 */
function rejectClosedCircles(
  investments: ColumnTable,
  organisationTable: ColumnTable | undefined,
  stats: FileStats[],
  sink: ProblemSink,
  rejects: RejectsWriter | undefined,
): ColumnTable {
  const rows = [...rowsOf<'investments'>(investments)];
  const organisations = new Map<string, OrganisationRow>();
  if (organisationTable)
    for (const row of rowsOf<'organisations'>(organisationTable)) organisations.set(row.org_id, row);
  const circles = closedFundCircles(rows, organisations);
  if (circles.length === 0) return investments;
  const indexOf = new Map(rows.map((row, i) => [row as InvestmentRow, i]));
  const rejected = new Set<number>();
  for (const circle of circles) {
    const named = circle.investments
      .map((i) => `${i.investment_id} (${i.investor_id} → ${i.investee_id})`)
      .sort()
      .join(', ');
    for (const investment of circle.investments as Sourced<InvestmentRow>[]) {
      const index = indexOf.get(investment)!;
      if (rejected.has(index)) continue;
      rejected.add(index);
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
  return dropRows(investments, rejected);
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
