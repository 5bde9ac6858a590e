// Where each row of a table falls on every breakdown dimension (INDICATORS.md "Which row falls in
// which cell"), as an axis of integer codes (issue 8, "cells as integers"). A row's dimension value
// depends on a few of its columns — a beneficiary's territory on its own code, else its site's — so
// each value is worked out once per dictionary code (per site, per territory code, per age), never
// per row, and the row only looks its code up. Values are numbered in the order rows first show
// them. Datasets without column facts here are placed row by row
// through `factsOf` (they are the small, in-memory ones).
import { type ColumnTable, MISSING_CODE } from '../../data/columns.js';
import type { DatasetName, RowOf, SourceRef } from '../../data/datasets.js';
import type { TerritoryLevel } from '../../data/territory.js';
import {
  ageBand,
  Dictionary,
  dimensionValue,
  MARGIN,
  type PlanDimension,
  type RowFacts,
  UNKNOWN_CODE,
} from '../cells.js';
import type { Engine } from '../compute.js';
import type { WorkspaceParams } from '../context.js';
import { agesOf } from './predicates.js';

/** One plan dimension's values over the table: codes into `values`, UNKNOWN_CODE, or MARGIN (does not apply). */
export interface DimensionAxis {
  codes: Int32Array;
  values: string[];
}

const UNRESOLVED = -3;

/** An axis being built: values numbered on first sight. */
class AxisBuilder implements DimensionAxis {
  private readonly dictionary = new Dictionary();
  readonly values: string[] = this.dictionary.values;
  constructor(readonly codes: Int32Array) {}

  /** A value's code in order of first sight (a Dictionary); MARGIN and UNKNOWN_CODE for none. */
  code(value: string | null | undefined): number {
    if (value === undefined) return MARGIN;
    if (value === null) return UNKNOWN_CODE;
    return this.dictionary.code(value);
  }
}

/** Per key (a dictionary code ≥ -1, or any number), the axis code of its value, worked out on first sight. */
class KeyedValues {
  private readonly byCode: Int32Array | undefined;
  private readonly byNumber = new Map<number, number>();
  constructor(
    private readonly axis: AxisBuilder,
    private readonly placeOf: (key: number) => string | null | undefined,
    /** Keys are dictionary codes below `size` (or MISSING_CODE): looked up in an array, not a map. */
    size?: number,
  ) {
    this.byCode = size === undefined ? undefined : new Int32Array(size + 1).fill(UNRESOLVED);
  }

  code(key: number): number {
    const byCode = this.byCode;
    if (byCode) {
      let code = byCode[key + 1]!;
      if (code === UNRESOLVED) {
        code = this.axis.code(this.placeOf(key));
        byCode[key + 1] = code;
      }
      return code;
    }
    let code = this.byNumber.get(key);
    if (code === undefined) {
      code = this.axis.code(this.placeOf(key));
      this.byNumber.set(key, code);
    }
    return code;
  }
}

interface Coded {
  codes: Int32Array | Int16Array | Int8Array;
  values: readonly string[];
}

function coded(table: ColumnTable, name: string): Coded | undefined {
  const column = table.columns[name];
  if (column?.type === 'dict') return { codes: column.codes, values: column.dict };
  if (column?.type === 'enum' || column?.type === 'boolean') return { codes: column.codes, values: column.values };
  return undefined;
}

/** The row's value of a dimension, for the columns it depends on: one function per dataset and dimension. */
type AxisFill = (axis: AxisBuilder, coarse: ((code: string, level: TerritoryLevel) => void) | undefined) => void;

/**
 * Per plan, per dimension: every row's value code, or undefined when the dataset has no column
 * facts here. `onCoarse` is told, for the first plan, of every row whose territory is coarser than
 * the level asked (row by row, so each warning names its line).
 */
export function columnAxes(
  engine: Engine,
  dataset: DatasetName,
  table: ColumnTable,
  onCoarse: ((code: string, level: TerritoryLevel, ref: SourceRef) => void) | undefined,
  refOf: (i: number) => SourceRef,
): DimensionAxis[][] | undefined {
  const fills = axisFills(engine, dataset, table);
  if (!fills) return undefined;
  return engine.states.map((state, s) =>
    state.plan.dimensions.map((dim) => {
      const axis = new AxisBuilder(new Int32Array(table.length));
      // Coarse codes are told row by row, after the axis is built (a code is checked once).
      const coarseCodes = new Map<string, TerritoryLevel>();
      const tell =
        s === 0 && onCoarse ? (code: string, level: TerritoryLevel) => coarseCodes.set(code, level) : undefined;
      fills(dim)(axis, tell);
      if (coarseCodes.size > 0 && onCoarse) {
        const coarseAxisCodes = new Map<number, [string, TerritoryLevel]>();
        for (const [code, level] of coarseCodes) coarseAxisCodes.set(axis.code(code), [code, level]);
        for (let i = 0; i < table.length; i++) {
          const found = coarseAxisCodes.get(axis.codes[i]!);
          if (found) onCoarse(found[0], found[1], refOf(i));
        }
      }
      return axis;
    }),
  );
}

/** How each dimension of a dataset is read from its columns (undefined: not by columns). */
function axisFills(
  engine: Engine,
  dataset: DatasetName,
  table: ColumnTable,
): ((dim: PlanDimension) => AxisFill) | undefined {
  const ctx = engine.options.context;
  const n = table.length;
  const byColumn =
    (name: string, placeOf: (value: string) => string | null = (v) => v, missing: null | undefined = null): AxisFill =>
    (axis) => {
      const column = coded(table, name);
      if (!column) {
        axis.codes.fill(axis.code(missing));
        return;
      }
      const values = new KeyedValues(
        axis,
        (code) => (code === MISSING_CODE ? missing : placeOf(column.values[code]!)),
        column.values.length,
      );
      for (let i = 0; i < n; i++) axis.codes[i] = values.code(column.codes[i]!);
    };
  const margin: AxisFill = (axis) => axis.codes.fill(MARGIN);
  // A territory code as the breakdown's level reads it (dimensionValue), told when coarser.
  const territoryValue = (dim: PlanDimension, coarse: Parameters<AxisFill>[1]) => (code: string | null) =>
    dimensionValue({ territory: code } as RowFacts, dim, coarse) as string | null;

  if (dataset === 'beneficiaries') {
    const site = (id: string) => ctx.site(id);
    const params = ctx.params as WorkspaceParams;
    return (dim) => {
      switch (dim.dimension) {
        case 'site':
          return byColumn('site_id', (id) => id, undefined);
        case 'organisation':
          return byColumn('site_id', (id) => site(id)?.org_id ?? null);
        case 'gender':
          return byColumn('gender');
        case 'qpv':
          return byColumn('qpv');
        case 'territory':
          return (axis, coarse) => {
            const own = coded(table, 'territory');
            const sites = coded(table, 'site_id');
            const placed = territoryValue(dim, coarse);
            // The row's own territory, else its site's.
            const byOwn = new KeyedValues(axis, (code) => placed(own!.values[code]!), own?.values.length ?? 0);
            const bySite = new KeyedValues(
              axis,
              (code) => placed(code === MISSING_CODE ? null : (site(sites!.values[code]!)?.territory ?? null)),
              sites?.values.length ?? 0,
            );
            for (let i = 0; i < n; i++) {
              const t = own ? own.codes[i]! : MISSING_CODE;
              axis.codes[i] =
                t !== MISSING_CODE ? byOwn.code(t) : sites ? bySite.code(sites.codes[i]!) : axis.code(null);
            }
          };
        case 'age_band':
          return (axis) => {
            const ages = agesOf(table);
            const bands = new KeyedValues(axis, (age) =>
              ageBand(Number.isNaN(age) ? undefined : age, params.youth_age),
            );
            for (let i = 0; i < n; i++) axis.codes[i] = bands.code(ages[i]!);
          };
        default:
          return margin;
      }
    };
  }
  if (dataset === 'actions') {
    const orgTerritory = (id: string) => ctx.organisation(id)?.territory;
    return (dim) => {
      switch (dim.dimension) {
        case 'organisation':
          return byColumn('org_id', (id) => id, undefined);
        case 'territory':
          return (axis, coarse) => {
            const own = coded(table, 'territory');
            const orgs = coded(table, 'org_id');
            const placed = territoryValue(dim, coarse);
            const byOwn = new KeyedValues(axis, (code) => placed(own!.values[code]!), own?.values.length ?? 0);
            const byOrg = new KeyedValues(
              axis,
              (code) => placed(code === MISSING_CODE ? null : (orgTerritory(orgs!.values[code]!) ?? null)),
              orgs?.values.length ?? 0,
            );
            for (let i = 0; i < n; i++) {
              const t = own ? own.codes[i]! : MISSING_CODE;
              axis.codes[i] = t !== MISSING_CODE ? byOwn.code(t) : orgs ? byOrg.code(orgs.codes[i]!) : axis.code(null);
            }
          };
        default:
          return margin;
      }
    };
  }
  return undefined;
}

/** Per plan, per dimension, row by row through the dataset's facts (the small in-memory datasets). */
export function rowAxes(
  engine: Engine,
  dataset: DatasetName,
  table: ColumnTable,
  moveTo: (i: number) => RowOf[DatasetName] & { source: SourceRef },
  onCoarse: ((code: string, level: TerritoryLevel, ref: SourceRef) => void) | undefined,
): DimensionAxis[][] {
  const axes = engine.states.map((state) =>
    state.plan.dimensions.map(() => new AxisBuilder(new Int32Array(table.length))),
  );
  for (let i = 0; i < table.length; i++) {
    const row = moveTo(i);
    const facts = engine.options.factsOf(dataset, row);
    const coarse = onCoarse ? (code: string, level: TerritoryLevel) => onCoarse(code, level, row.source) : undefined;
    engine.states.forEach((state, s) => {
      state.plan.dimensions.forEach((dim, d) => {
        const axis = axes[s]![d]!;
        axis.codes[i] = axis.code(dimensionValue(facts, dim, s === 0 ? coarse : undefined));
      });
    });
  }
  return axes;
}

/** The organisation of every row, whose attributable part it is (codes < 0: none), whatever the breakdown. */
export function organisationAxis(
  engine: Engine,
  dataset: DatasetName,
  table: ColumnTable,
  moveTo: (i: number) => RowOf[DatasetName] & { source: SourceRef },
): DimensionAxis {
  const axis = new AxisBuilder(new Int32Array(table.length));
  const fills = axisFills(engine, dataset, table);
  if (fills) {
    fills({ dimension: 'organisation' })(axis, undefined);
    return axis;
  }
  for (let i = 0; i < table.length; i++) {
    axis.codes[i] = axis.code(engine.options.factsOf(dataset, moveTo(i)).organisation ?? undefined);
  }
  return axis;
}
