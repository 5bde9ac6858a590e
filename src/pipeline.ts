// load → validate → compute → report, chained in one short function (runReport).

import path from 'node:path';
import { type Catalogue, columnMappingsOf, loadCatalogue } from './catalogue/index.js';
import { reportedIndicator } from './catalogue/reported.js';
import { globToRegExp, type SelectionProblem, selectionProblems } from './catalogue/selection.js';
import type { BreakdownItem, Config, Target } from './config/index.js';
import type { DatasetName, MetricRow } from './data/datasets.js';
import { boundsOf } from './data/inputs.js';
import { parseTerritory, type TerritoryLevel } from './data/territory.js';
import { loadWorkspace, ProblemCollector } from './data/workspace.js';
import { cellId, type Plan, planFromBreakdown } from './engine/cells.js';
import { type CompiledIndicator, compileIndicator, indicatorDatasets } from './engine/compiled.js';
import type { TraceSink } from './engine/compute.js';
import type { WorkspaceParams } from './engine/context.js';
import { Evaluation } from './engine/evaluate.js';
import type { CellValue, IndicatorValues } from './engine/finalize.js';
import { type PeriodLevel, periodLabel, periodLevelOf, rangeLabel } from './engine/periods.js';
import { partsPlacedApart } from './engine/placement.js';
import { attachPrevious, periodBefore } from './engine/previous.js';
import { suppressInputCounts, suppressSmallCounts } from './engine/privacy.js';
import { describeProblem, type Lang, type Problem, problem } from './problems.js';
import type { Report, ReportIndicator, ReportTarget, ReportValue, ReportWarning } from './report/model.js';
import { reportNotes } from './report/notes.js';

export interface ReportOptions {
  /** `--by`; default the config's breakdown. */
  breakdown?: BreakdownItem[];
  /** `--period` or `--from/--to`; default the config's range. */
  range?: { from: string; to: string };
  /** `--indicators` globs; default the config's `indicators:`. */
  indicators?: string[];
  /** false with `--no-plugins`. */
  plugins?: boolean;
  lang?: Lang;
  version: string;
  onProgress?: (dataset: DatasetName, file: string, rows: number, fraction?: number) => void;
  /** Set by `explain`: the indicator whose rows are traced, and where. */
  trace?: { indicator: string; sink: TraceSink };
  /** A catalogue already loaded (`indicators --check` instruments its definitions), instead of the workspace's. */
  catalogue?: Catalogue;
  /** Write rejected rows to .impact/rejects (default true). */
  writeRejects?: boolean;
  /** Called with the indicators to be listed once they are known, before any row is streamed: it may throw to stop. */
  onPlanned?: (listed: number) => void;
  /** Called with the exact number of values the report will hold, once every row is read and before any value is computed: it may throw to stop. */
  onCounted?: (values: number) => void;
}

export interface ReportRun {
  report: Report;
  /** Rows rejected, before privacy: the operator's own figure (exit code, hint), never published. */
  rejected: number;
  problems: ProblemCollector;
  catalogue: Catalogue;
  evaluation: Evaluation | undefined;
  selected: CompiledIndicator[];
  /** Globs, targets and plug-in globs that select nothing (typos), with a "did you mean". */
  selectionProblems: SelectionProblem[];
}

/** Selected indicators, plus the ones their ratios divide (computed, not listed unless selected). */
function selectIndicators(
  all: CompiledIndicator[],
  globs: string[],
  configured: Set<DatasetName>,
  targetIds: string[],
): { listed: CompiledIndicator[]; computed: CompiledIndicator[]; missingData: Map<CompiledIndicator, string> } {
  const byId = new Map(all.flatMap((i) => [i, ...i.parts]).map((i) => [i.id, i]));
  const missingData = new Map<CompiledIndicator, string>();
  const hasData = (indicator: CompiledIndicator): boolean => {
    if (indicator.kind === 'ratio') {
      return [indicator.numerator!, indicator.denominator!].every((id) => {
        const part = byId.get(id);
        return part !== undefined && hasData(part);
      });
    }
    return indicator.sources.some((s) => configured.has(s.dataset));
  };
  const patterns = globs.map(globToRegExp);
  const listed = all.filter((indicator) => {
    const named = globs.includes(indicator.id);
    if (!named && !patterns.some((p) => p.test(indicator.id))) return false;
    if (hasData(indicator)) return true;
    // Named explicitly: listed with an error rather than silently dropped.
    if (named) {
      const datasets = [...new Set(indicator.sources.map((s) => s.dataset))].join(', ') || 'its parts';
      missingData.set(indicator, `needs ${datasets}, which impact.yaml does not configure`);
    }
    return named;
  });
  const computed: CompiledIndicator[] = [];
  const visit = (indicator: CompiledIndicator) => {
    if (computed.includes(indicator)) return;
    if (indicator.kind === 'ratio') {
      for (const id of [indicator.numerator!, indicator.denominator!]) {
        const part = byId.get(id);
        if (part) visit(part);
      }
    }
    computed.push(indicator);
  };
  for (const indicator of listed) if (!missingData.has(indicator)) visit(indicator);
  // Targets are evaluated whatever --indicators lists.
  for (const id of targetIds) {
    const indicator = byId.get(id);
    if (indicator && hasData(indicator)) visit(indicator);
  }
  return { listed, computed, missingData };
}

interface TargetCell {
  target: Target;
  plan: Plan;
  keys: string[];
  period: string;
  territory?: string;
}

function targetCell(target: Target, range: { from: string; to: string }): TargetCell | string {
  const period = target.period ?? rangeLabel(range);
  const level = periodLevelOf(period);
  if (level === null) return `period "${period}" is not a year, quarter, month or the report range`;
  if (level === 'range' && period !== rangeLabel(range)) return `period "${period}" is not the report range`;
  const dimensions: Plan['dimensions'] = [];
  const keys: string[] = [];
  let territory: string | undefined;
  if (target.territory !== undefined) {
    const parsed = parseTerritory(target.territory);
    if (!parsed.ok) return `territory "${target.territory}": ${parsed.reason_en}`;
    territory = parsed.code;
    if (parsed.level !== 'country') {
      dimensions.push({ dimension: 'territory', territoryLevel: parsed.level as TerritoryLevel });
      keys.push(parsed.code);
    }
  }
  const plan: Plan = { dimensions, periodLevel: level === 'range' ? null : (level as PeriodLevel) };
  return { target, plan, keys: [...keys, period], period, ...(territory ? { territory } : {}) };
}

const planSignature = (plan: Plan): string =>
  JSON.stringify([plan.dimensions.map((d) => [d.dimension, d.territoryLevel ?? '']), plan.periodLevel]);

function compare(actual: number, op: Target['op'], value: number): boolean {
  switch (op) {
    case '>=':
      return actual >= value;
    case '>':
      return actual > value;
    case '<=':
      return actual <= value;
    case '<':
      return actual < value;
    case '==':
      return actual === value;
  }
}

/**
 * One cell as a report value, its keys in the report's order: indicator, the dimensions as the breakdown
 * lists them (`orderedNames`), margin, value, then the value's details. `names` is the cell keys' order.
 */
function valueRow(indicator: CompiledIndicator, names: string[], orderedNames: string[], cell: CellValue): ReportValue {
  const row = { indicator: indicator.id } as ReportValue;
  for (const name of orderedNames) {
    const i = names.indexOf(name);
    if (i >= 0) row[name] = cell.keys[i];
  }
  row.margin = orderedNames.filter((name) => {
    const i = names.indexOf(name);
    return i >= 0 && cell.margin[i];
  });
  names.forEach((name, i) => {
    if (!orderedNames.includes(name)) row[name] = cell.keys[i];
  });
  if (cell.error !== undefined) {
    row.value = null;
    row.error = cell.error;
    return row;
  }
  row.value = cell.value;
  if (cell.suppressed) row.suppressed = true;
  if (indicator.kind === 'ratio') {
    row.numerator = cell.numerator ?? null;
    row.denominator = cell.denominator ?? null;
  }
  if (cell.attributable !== undefined) row.attributable = cell.attributable;
  if (cell.note !== undefined) row.note = cell.note;
  return row;
}

export async function runReport(config: Config, options: ReportOptions): Promise<ReportRun> {
  const lang = options.lang ?? config.locale;
  const range = options.range ?? config.range;
  const breakdown = options.breakdown ?? config.breakdown;
  const catalogue =
    options.catalogue ??
    (await loadCatalogue({
      root: config.root,
      pluginGlobs: config.plugins,
      plugins: options.plugins !== false,
      params: config.params,
      bounds: boundsOf(config),
      columnMappings: columnMappingsOf(config.datasets),
      lang,
    }));
  const configured = new Set(Object.keys(config.datasets) as DatasetName[]);
  let selection: ReturnType<typeof selectIndicators> | undefined;

  const mainPlan = planFromBreakdown(breakdown);
  const plans: Plan[] = [mainPlan];
  const targetCells = config.targets.map((target) => targetCell(target, range));
  const planIndexOf = (plan: Plan): number => {
    const signature = planSignature(plan);
    const found = plans.findIndex((p) => planSignature(p) === signature);
    if (found >= 0) return found;
    plans.push(plan);
    return plans.length - 1;
  };
  const targetPlans = targetCells.map((cell) => (typeof cell === 'string' ? -1 : planIndexOf(cell.plan)));

  // Every warning is listed in the report (code, file, line), not only counted.
  const reportWarnings: Problem[] = [];
  const problems = new ProblemCollector(5, (p) => {
    if (p.severity === 'warning') reportWarnings.push(p);
  });
  const coarse = new Set<string>();
  let evaluation: Evaluation | undefined;
  // The period before the report's first one, when the data covers it: the first period's `previous`.
  const firstPeriod = mainPlan.periodLevel ? periodLabel(range.from, mainPlan.periodLevel) : null;
  const before = firstPeriod ? periodBefore(range, firstPeriod) : null;
  const earlierRange = before && before.from >= config.range.from ? before : null;
  let earlier: Evaluation | undefined;
  const loaded = await loadWorkspace(config, {
    sink: problems,
    writeRejects: options.writeRejects !== false,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    onReference: (reference) => {
      addReportedMetrics(catalogue, reference.metrics, config.params, config.metrics);
      markTraced(catalogue.indicators, options.trace?.indicator);
      selection = selectIndicators(
        catalogue.indicators,
        options.indicators ?? config.indicators,
        configured,
        config.targets.map((t) => t.indicator),
      );
      options.onPlanned?.(selection.listed.length);
      evaluation = new Evaluation({
        range,
        plans,
        params: config.params as WorkspaceParams,
        reportingEntity: config.reportingEntity,
        indicators: selection.computed,
        organisations: reference.organisations,
        sites: reference.sites,
        investments: reference.investments,
        metrics: reference.metrics,
        onCoarse: (code, level, ref) => {
          // Once per row: a row reaches several cells of the breakdown.
          const key = `${ref.file}:${ref.line}:${ref.batch ?? ''}`;
          if (coarse.has(key)) return;
          coarse.add(key);
          const warning = problem('coarse-territory', {
            severity: 'warning',
            file: ref.file,
            line: ref.line,
            ...(ref.batch !== undefined ? { batch: ref.batch } : {}),
            args: { code, level },
          });
          problems.add(warning);
        },
        ...(options.trace ? { trace: options.trace.sink } : {}),
      });
      evaluation.consumeReference();
      if (earlierRange) {
        earlier = new Evaluation({
          range: earlierRange,
          plans: [mainPlan],
          params: config.params as WorkspaceParams,
          reportingEntity: config.reportingEntity,
          indicators: selection.computed,
          organisations: reference.organisations,
          sites: reference.sites,
          investments: reference.investments,
          metrics: reference.metrics,
        });
        earlier.consumeReference();
      }
    },
    tables: {
      actions: (table) => {
        evaluation?.consumeTable('actions', table);
        earlier?.consumeTable('actions', table);
      },
      beneficiaries: (table) => {
        evaluation?.consumeTable('beneficiaries', table);
        earlier?.consumeTable('beneficiaries', table);
      },
    },
  });
  if (!evaluation || !selection) throw new Error('the workspace was read without its reference datasets');
  if (options.onCounted) {
    const { listed, missingData } = selection;
    const computable = listed.filter((i) => !missingData.has(i));
    // An indicator without its data, and a plug-in that failed to load, are one error row each.
    const errors = listed.length - computable.length + catalogue.failures.length;
    options.onCounted(evaluation.valueCount(computable) + errors);
  }

  const names = [...mainPlan.dimensions.map((d) => d.dimension), 'period'];
  const orderedNames = breakdown.some((b) => b.dimension === 'period') ? breakdown.map((b) => b.dimension) : names;
  const main = evaluation.results(0);
  suppressSmallCounts(main, config.privacy.minCount);
  const described = describeResults({
    catalogue,
    selection,
    evaluation,
    main,
    lang,
    names,
    orderedNames,
    range,
  });
  const { indicators } = described;
  const values = attachPrevious(
    described.values,
    earlier && earlierRange
      ? earlierValues(earlier, selection.listed, names, orderedNames, config.privacy.minCount)
      : [],
    {
      dimensions: orderedNames,
      indicators,
      coverage: config.range,
      range,
    },
  );

  // Target actuals are published numbers too: each target plan's cells pass the same small-count rule.
  const published = (planIndex: number): Map<CompiledIndicator, IndicatorValues> => {
    if (planIndex === 0) return main;
    const results = evaluation!.results(planIndex);
    suppressSmallCounts(results, config.privacy.minCount);
    return results;
  };
  const computed = selection.computed;
  const targets = evaluateTargets(config, range, targetCells, targetPlans, computed, published);

  const rows = loaded.inputs.reduce((n, f) => n + f.rows, 0);
  const rejected = loaded.inputs.reduce((n, f) => n + f.rejected, 0);
  // A file of people counts people: its rows pass the small-count rule like every published number.
  const inputs = suppressInputCounts(
    loaded.inputs.map((f) => ({
      dataset: f.dataset,
      file: f.file,
      sha256: f.sha256,
      rows: f.rows,
      rejected: f.rejected,
    })),
    config.privacy.minCount,
  );
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const report: Report = {
    schema_version: 2,
    generator: { name: 'impactkit', version: options.version },
    ...(epoch && /^\d+$/.test(epoch) ? { generated_at: new Date(Number(epoch) * 1000).toISOString() } : {}),
    workspace: config.name,
    ...(config.reportingEntity ? { reporting_entity: config.reportingEntity } : {}),
    lang,
    range,
    breakdown: breakdown.map((b) => (b.level ? `${b.dimension}:${b.level}` : b.dimension)),
    dimensions: orderedNames,
    params: config.params,
    inputs: inputs.inputs,
    indicators,
    values,
    targets,
    quality: {
      rows: inputs.rowsHidden ? null : rows,
      rejected: inputs.rejectedHidden ? null : rejected,
      warnings: problems.warnings,
      ...(inputs.rowsHidden || inputs.rejectedHidden ? { suppressed: true as const } : {}),
    },
    warnings: reportWarnings.map((w) => reportWarning(w, lang)),
    // Euros shown by an indicator that computed, or by a target's actual.
    notes: reportNotes(
      [
        ...indicators.filter((i) => i.error === undefined),
        ...targets.flatMap((target) => computed.filter((c) => c.id === target.indicator)),
      ],
      lang,
    ),
    ...(config.privacy.minCount > 0 ? { privacy: { min_count: config.privacy.minCount } } : {}),
  };
  const selectionIssues = selectionProblems({
    catalogue,
    globs: options.indicators ?? config.indicators,
    globsWhere: options.indicators ? '--indicators' : `${path.basename(config.file)}  indicators`,
    targets: config.targets,
    configFile: path.basename(config.file),
  });
  return {
    report,
    rejected,
    problems,
    catalogue,
    evaluation,
    selected: selection.listed,
    selectionProblems: selectionIssues,
  };
}

/**
 * The catalogue as `validate` sees it: built-ins, plug-ins (checked) and the reported metrics of the
 * data, with the selection's typos.
 */
export async function checkCatalogue(
  config: Config,
  metrics: readonly MetricRow[],
  lang: Lang,
): Promise<{ catalogue: Catalogue; selectionProblems: SelectionProblem[] }> {
  const catalogue = await loadCatalogue({
    root: config.root,
    pluginGlobs: config.plugins,
    plugins: true,
    params: config.params,
    bounds: boundsOf(config),
    columnMappings: columnMappingsOf(config.datasets),
    lang,
  });
  addReportedMetrics(catalogue, metrics, config.params, config.metrics);
  const problems = selectionProblems({
    catalogue,
    globs: config.indicators,
    globsWhere: `${path.basename(config.file)}  indicators`,
    targets: config.targets,
    configFile: path.basename(config.file),
  });
  return { catalogue, selectionProblems: problems };
}

/** The earlier period's values, shaped and suppressed like the report's own. */
function earlierValues(
  earlier: Evaluation,
  listed: CompiledIndicator[],
  names: string[],
  orderedNames: string[],
  minCount: number,
): ReportValue[] {
  const results = earlier.results(0);
  suppressSmallCounts(results, minCount);
  return listed.flatMap((indicator) =>
    [...(results.get(indicator)?.values() ?? [])].map((cell) => valueRow(indicator, names, orderedNames, cell)),
  );
}

/** A warning as the report lists it: its code, where, and its wording in the report's language. */
function reportWarning(p: Problem, lang: Lang): ReportWarning {
  return {
    code: p.code,
    ...(p.dataset ? { dataset: p.dataset } : {}),
    ...(p.file ? { file: p.file } : {}),
    ...(p.line ? { line: p.line } : {}),
    ...(p.batch !== undefined ? { batch: p.batch } : {}),
    ...(p.column ? { column: p.column } : {}),
    message: describeProblem(p, lang),
  };
}

/** Every metric name in the data becomes the flow indicator reported.<metric> (INDICATORS.md). */
function addReportedMetrics(
  catalogue: Catalogue,
  metrics: readonly MetricRow[],
  params: Record<string, unknown>,
  declared: Config['metrics'],
): void {
  const names = [...new Set(metrics.map((m) => m.metric))].sort();
  for (const name of names) {
    if (catalogue.indicators.some((i) => i.id === `reported.${name}`)) continue;
    try {
      catalogue.indicators.push(
        compileIndicator(
          reportedIndicator(name, Object.hasOwn(declared, name) ? declared[name] : undefined),
          'reported',
          params,
        ),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      catalogue.failures.push({ origin: 'reported', id: `reported.${name}`, lines: [message], message });
    }
  }
}

interface ResultsToDescribe {
  catalogue: Catalogue;
  selection: ReturnType<typeof selectIndicators>;
  evaluation: Evaluation;
  main: Map<CompiledIndicator, IndicatorValues>;
  lang: Lang;
  /** Value keys in plan order (dimensions, then period), and in the breakdown's order. */
  names: string[];
  orderedNames: string[];
  range: { from: string; to: string };
}

/** The report's indicators and values: listed ones first, then plug-ins that failed to load. */
function describeResults(r: ResultsToDescribe): { indicators: ReportIndicator[]; values: ReportValue[] } {
  const values: ReportValue[] = [];
  const indicators: ReportIndicator[] = [];
  const all = r.catalogue.indicators.flatMap((i) => [i, ...i.parts]);
  for (const indicator of r.selection.listed) {
    const missing = r.selection.missingData.get(indicator);
    const failure = missing ?? r.evaluation.engine.failures.get(indicator);
    const placedApart = partsPlacedApart(indicator, all);
    indicators.push({
      id: indicator.id,
      title: indicator.title[r.lang],
      description: indicator.description[r.lang],
      unit: indicator.unit[r.lang],
      kind: indicator.kind,
      format: indicator.format,
      version: indicator.version,
      datasets: indicatorDatasets(indicator, all),
      frameworks: indicator.frameworks,
      origin: indicator.origin,
      ...(placedApart ? { geography: placedApart } : {}),
      ...(failure ? { error: failure } : {}),
    });
    if (missing) {
      values.push(errorRow(indicator.id, r.orderedNames, r.range, missing));
      continue;
    }
    for (const cell of r.main.get(indicator)?.values() ?? []) {
      values.push(valueRow(indicator, r.names, r.orderedNames, cell));
    }
  }
  for (const failure of r.catalogue.failures) {
    const id = failure.id ?? failure.origin;
    indicators.push({
      id,
      title: id,
      description: failure.message,
      unit: '',
      kind: 'flow',
      format: 'count',
      version: '',
      datasets: [],
      frameworks: {},
      origin: failure.origin,
      error: failure.message,
    });
    values.push(errorRow(id, r.orderedNames, r.range, failure.message));
  }
  return { indicators, values };
}

/** Each target's actual value, from the plan computed for its cell. */
function evaluateTargets(
  config: Config,
  range: { from: string; to: string },
  targetCells: (TargetCell | string)[],
  targetPlans: number[],
  computed: CompiledIndicator[],
  published: (planIndex: number) => Map<CompiledIndicator, IndicatorValues>,
): ReportTarget[] {
  const byPlan = new Map<number, Map<CompiledIndicator, IndicatorValues>>();
  return config.targets.map((target, i) => {
    const cell = targetCells[i]!;
    const base = {
      indicator: target.indicator,
      ...(target.territory !== undefined
        ? { territory: typeof cell === 'string' ? target.territory : (cell.territory ?? target.territory) }
        : {}),
      period: typeof cell === 'string' ? (target.period ?? rangeLabel(range)) : cell.period,
      op: target.op,
      value: target.value,
    };
    const indicator = computed.find((c) => c.id === target.indicator);
    if (typeof cell === 'string' || !indicator) return { ...base, actual: null, status: 'no_data' as const };
    const planIndex = targetPlans[i]!;
    let results = byPlan.get(planIndex);
    if (!results) {
      results = published(planIndex);
      byPlan.set(planIndex, results);
    }
    // A target names values (never margins) for its territory, and the range is the period margin.
    const margin = cell.keys.map((_, k) => k === cell.keys.length - 1 && cell.plan.periodLevel === null);
    const actual = results.get(indicator)?.get(cellId(cell.keys, margin))?.value ?? null;
    if (actual === null) return { ...base, actual: null, status: 'no_data' as const };
    return {
      ...base,
      actual,
      status: compare(actual, target.op, target.value) ? ('met' as const) : ('missed' as const),
    };
  });
}

/** `explain` traces one indicator, and for a ratio its numerator and denominator too. */
function markTraced(indicators: CompiledIndicator[], id: string | undefined): void {
  const all = indicators.flatMap((i) => [i, ...i.parts]);
  const target = all.find((i) => i.id === id);
  const ids = new Set(target ? [target.id, target.numerator, target.denominator] : []);
  for (const indicator of all) indicator.traced = ids.has(indicator.id);
}

/** An indicator that could not be computed: one row at the grand total, with its error. */
function errorRow(id: string, names: string[], range: { from: string; to: string }, error: string): ReportValue {
  const row: Record<string, string | null | string[]> = { indicator: id };
  for (const name of names) row[name] = name === 'territory' ? 'FR' : name === 'period' ? rangeLabel(range) : 'total';
  return { ...row, margin: [...names], value: null, error } as ReportValue;
}
