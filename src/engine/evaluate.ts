// The compute step as one object: set up with the reference rows, fed every other row once,
// then finalised per plan. No I/O: the pipeline feeds it from files, tests from in-memory rows.

import type { ColumnTable } from '../data/columns.js';
import type {
  DatasetName,
  InvestmentRow,
  MetricRow,
  OrganisationRow,
  RowOf,
  SiteRow,
  Sourced,
  SourceRef,
} from '../data/datasets.js';
import type { TerritoryLevel } from '../data/territory.js';
import { Attribution } from './attribution.js';
import type { Plan } from './cells.js';
import { columnsFromRows } from './columns/from-rows.js';
import { consumeTable } from './columns/table-sources.js';
import type { CompiledIndicator } from './compiled.js';
import { Engine, type TraceSink } from './compute.js';
import { makeContext, makeFactsOf, type WorkspaceParams } from './context.js';
import { finalizePlan, gridSize, type IndicatorValues } from './finalize.js';

export interface EvaluationSetup {
  range: { from: string; to: string };
  plans: Plan[];
  params: WorkspaceParams;
  reportingEntity: string | undefined;
  indicators: CompiledIndicator[];
  organisations: ReadonlyMap<string, Sourced<OrganisationRow>>;
  sites: ReadonlyMap<string, Sourced<SiteRow>>;
  investments: readonly Sourced<InvestmentRow>[];
  metrics?: readonly Sourced<MetricRow>[];
  trace?: TraceSink;
  onCoarse?: (code: string, level: TerritoryLevel, ref: SourceRef) => void;
}

export class Evaluation {
  readonly attribution: Attribution;
  readonly engine: Engine;

  constructor(private readonly setup: EvaluationSetup) {
    this.attribution = new Attribution(setup.reportingEntity, setup.investments, setup.organisations);
    const reference = { organisations: setup.organisations, sites: setup.sites };
    this.engine = new Engine({
      range: setup.range,
      plans: setup.plans,
      indicators: setup.indicators,
      context: makeContext(setup.params, reference, this.attribution),
      factsOf: makeFactsOf(setup.params, reference),
      ...(setup.trace ? { trace: setup.trace } : {}),
      ...(setup.onCoarse ? { onCoarse: setup.onCoarse } : {}),
    });
  }

  /**
   * Feeds the rows kept in memory (organisations, sites, investments, metrics) to the indicators
   * that use them, as column tables: the same path as the datasets read into columns.
   */
  consumeReference(): void {
    const needed = this.engine.datasetsNeeded();
    const feed = <D extends DatasetName>(dataset: D, given: Iterable<Sourced<RowOf[D]>>) => {
      if (!needed.has(dataset)) return;
      const rows = [...given];
      const table = columnsFromRows(
        dataset,
        rows,
        rows.map((row) => row.source),
      );
      consumeTable(this.engine, dataset, table);
    };
    feed('organisations', this.setup.organisations.values());
    feed('sites', this.setup.sites.values());
    feed('investments', this.setup.investments);
    feed('metrics', this.setup.metrics ?? []);
  }

  /** Feeds a whole table (actions, beneficiaries): counted and summed over its columns. */
  consumeTable(dataset: DatasetName, table: ColumnTable): void {
    consumeTable(this.engine, dataset, table);
  }

  /** How many values `results(planIndex)` will give these indicators: known before any is computed. */
  valueCount(indicators: readonly CompiledIndicator[], planIndex = 0): number {
    const byId = new Map(this.setup.indicators.map((i) => [i.id, i]));
    return indicators.reduce((n, i) => n + gridSize(this.engine, planIndex, i, byId), 0);
  }

  results(planIndex = 0): Map<CompiledIndicator, IndicatorValues> {
    return finalizePlan(this.engine, planIndex, this.setup.indicators, this.attribution, this.setup.range);
  }
}
