// `impact indicators --check`: every definition run on an empty dataset and on the example workspace's
// data (shipped with the package), with the fields each one reads and the definitions that can never
// be non-zero. A plug-in author sees a definition misbehave before their own data does.
import { fileURLToPath } from 'node:url';
import { type Catalogue, columnMappingsOf, loadCatalogue } from './catalogue/index.js';
import { type Config, loadConfig } from './config/index.js';
import type { DatasetName } from './data/datasets.js';
import type { IndicatorContext, RunnableSource } from './define.js';
import { planFromBreakdown } from './engine/cells.js';
import type { CompiledIndicator } from './engine/compiled.js';
import type { WorkspaceParams } from './engine/context.js';
import { Evaluation } from './engine/evaluate.js';
import { rangeLabel } from './engine/periods.js';
import { REFERENCES } from './engine/where.js';
import { runReport } from './pipeline.js';
import type { Lang } from './problems.js';

const EXAMPLE_CONFIG = fileURLToPath(new URL('../../fixtures/example/impact.yaml', import.meta.url));

/** The example workspace shipped with the package: the shape of data the definitions are run on. */
export const exampleConfig = (): Config => loadConfig(EXAMPLE_CONFIG);

/** What one run gave at the grand total: a value, or the error the indicator failed with. */
export interface ProbeRun {
  value: number | null;
  error?: string;
}

export interface IndicatorProbe {
  id: string;
  origin: string;
  /** Per dataset, the fields the definition read (`site.kind`: a column of the row's site). */
  reads: Partial<Record<DatasetName, string[]>>;
  empty: ProbeRun;
  example: ProbeRun;
  /** Located lines: filter conditions no row of the column's domain can meet. */
  neverNonZero: string[];
}

export interface IndicatorsCheck {
  probes: IndicatorProbe[];
  catalogue: Catalogue;
}

type Row = Record<string, unknown>;
type Recorder = (field: string) => void;

/** The row as the definition sees it, telling `record` every field it reads. */
function recording(row: unknown, record: Recorder, prefix = ''): unknown {
  if (typeof row !== 'object' || row === null) return row;
  return new Proxy(row as Row, {
    get(target, key, receiver) {
      if (typeof key === 'string' && key !== 'source') record(prefix + key);
      return Reflect.get(target, key, receiver);
    },
  });
}

/** The context, with the sites and organisations it returns recorded as `site.…` and `organisation.…`. */
function recordingContext(ctx: IndicatorContext, record: Recorder): IndicatorContext {
  return new Proxy(ctx, {
    get(target, key, receiver) {
      if (key === 'site') return (id: string) => recording(target.site(id), record, 'site.');
      if (key === 'organisation') return (id: string) => recording(target.organisation(id), record, 'organisation.');
      return Reflect.get(target, key, receiver);
    },
  });
}

const FUNCTIONS = ['filter', 'value', 'distinct', 'activeAt', 'organisationGate', 'date'] as const;

/** Wraps each source's functions so the fields they read are recorded under the indicator's id. */
function instrument(indicator: CompiledIndicator, reads: Map<string, Map<DatasetName, Set<string>>>, owner: string) {
  for (const source of indicator.sources) {
    const byDataset = reads.get(owner) ?? new Map<DatasetName, Set<string>>();
    reads.set(owner, byDataset);
    const fields = byDataset.get(source.dataset) ?? new Set<string>();
    byDataset.set(source.dataset, fields);
    const record: Recorder = (field) => fields.add(field);
    const definition = { ...source.definition } as Record<string, unknown>;
    if (typeof definition.date === 'string') fields.add(definition.date);
    // Declarative parts run over columns, not through the row functions: they read what they name.
    for (const c of source.where) {
      if (c.derived === 'age') for (const field of ['age', 'birth_year', 'entry_date']) fields.add(field);
      else if (c.via) fields.add(`${c.via}.${c.column}`).add(REFERENCES[c.via].column);
      else fields.add(c.column);
    }
    if (source.distinctColumn) fields.add(source.distinctColumn);
    if (source.valueColumn) fields.add(source.valueColumn);
    const contexts = new WeakMap<IndicatorContext, IndicatorContext>();
    const ctxFor = (ctx: IndicatorContext) => {
      const wrapped = contexts.get(ctx) ?? recordingContext(ctx, record);
      contexts.set(ctx, wrapped);
      return wrapped;
    };
    for (const name of FUNCTIONS) {
      const fn = definition[name];
      if (typeof fn !== 'function') continue;
      definition[name] = (row: unknown, second: unknown, third: unknown) =>
        name === 'activeAt'
          ? fn(recording(row, record), second, ctxFor(third as IndicatorContext))
          : fn(recording(row, record), ctxFor(second as IndicatorContext));
    }
    source.definition = definition as unknown as RunnableSource<DatasetName, unknown>;
    // The columnar path runs the filter's row functions on their own, after the `where` mask.
    const rowFilter = source.rowFilter;
    if (rowFilter) {
      source.rowFilter = (row, ctx) => rowFilter(recording(row, record), ctxFor(ctx as IndicatorContext));
    }
  }
  for (const part of indicator.parts) instrument(part, reads, owner);
}

/** An empty workspace: no organisation, site, investment or row at all. */
function emptyRun(indicators: CompiledIndicator[], config: Config): Map<string, ProbeRun> {
  const computed = indicators.flatMap((i) => [...i.parts, i]);
  const evaluation = new Evaluation({
    range: config.range,
    plans: [planFromBreakdown([])],
    params: config.params as WorkspaceParams,
    reportingEntity: config.reportingEntity,
    indicators: computed,
    organisations: new Map(),
    sites: new Map(),
    investments: [],
    metrics: [],
  });
  evaluation.consumeReference();
  const results = evaluation.results(0);
  return new Map(
    indicators.map((indicator) => {
      const error = evaluation.engine.failures.get(indicator);
      const cell = [...(results.get(indicator)?.values() ?? [])][0];
      const value = cell?.value ?? null;
      return [indicator.id, error ? { value: null, error } : { value: typeof value === 'number' ? value : null }];
    }),
  );
}

export async function checkIndicators(config: Config, lang: Lang, version: string): Promise<IndicatorsCheck> {
  const catalogueOptions = {
    root: config.root,
    pluginGlobs: config.plugins,
    plugins: true,
    params: config.params,
    columnMappings: columnMappingsOf(config.datasets),
    lang,
  };
  const catalogue = await loadCatalogue(catalogueOptions);
  const empty = emptyRun(catalogue.indicators, config);

  // The example run gets its own compiled copy, instrumented to record what each definition reads.
  const probed = await loadCatalogue(catalogueOptions);
  const reads = new Map<string, Map<DatasetName, Set<string>>>();
  for (const indicator of probed.indicators) instrument(indicator, reads, indicator.id);
  const example = exampleConfig();
  const run = await runReport(example, {
    version,
    lang,
    catalogue: probed,
    breakdown: [],
    indicators: ['*'],
    writeRejects: false,
  });
  const total = rangeLabel(example.range);
  const warnings = new Map(catalogue.warnings.map((w) => [w.id, w.lines]));
  // A ratio of two indicators reads what they read.
  const readsOf = (id: string | undefined, seen: Set<string>): Map<DatasetName, Set<string>> => {
    const merged = new Map<DatasetName, Set<string>>();
    const indicator = probed.indicators.find((i) => i.id === id);
    if (!id || !indicator || seen.has(id)) return merged;
    seen.add(id);
    const own = [reads.get(id) ?? new Map<DatasetName, Set<string>>()];
    if (indicator.kind === 'ratio') own.push(readsOf(indicator.numerator, seen), readsOf(indicator.denominator, seen));
    for (const map of own) {
      for (const [dataset, fields] of map) merged.set(dataset, new Set([...(merged.get(dataset) ?? []), ...fields]));
    }
    return merged;
  };
  const probes = catalogue.indicators.map((indicator): IndicatorProbe => {
    const row = run.report.values.find((v) => v.indicator === indicator.id && v.period === total);
    const value = typeof row?.value === 'number' ? row.value : null;
    const byDataset = readsOf(indicator.id, new Set());
    return {
      id: indicator.id,
      origin: indicator.origin,
      reads: Object.fromEntries([...byDataset].map(([dataset, fields]) => [dataset, [...fields].sort()])),
      empty: empty.get(indicator.id) ?? { value: null },
      example: row?.error ? { value: null, error: String(row.error) } : { value },
      neverNonZero: warnings.get(indicator.id) ?? [],
    };
  });
  return { probes, catalogue };
}
