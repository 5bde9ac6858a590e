// What indicators may ask about the workspace, and the facts that place each row in a cell.
import type {
  ActionRow,
  BeneficiaryRow,
  DatasetName,
  InvestmentRow,
  MetricRow,
  OrganisationRow,
  RowOf,
  SiteRow,
} from '../data/datasets.js';
import { rollUpTerritory } from '../data/territory.js';
import type { IndicatorContext } from '../define.js';
import type { Attribution } from './attribution.js';
import { ageBand, type RowFacts } from './cells.js';

export interface WorkspaceParams {
  youth_age: [number, number];
  mobility_levels: string[];
  precarity_threshold: string;
  [key: string]: unknown;
}

export interface ReferenceRows {
  organisations: ReadonlyMap<string, OrganisationRow>;
  sites: ReadonlyMap<string, SiteRow>;
}

export function makeContext(
  params: WorkspaceParams,
  reference: ReferenceRows,
  attribution: Attribution,
): IndicatorContext<WorkspaceParams> {
  const ranks = new Map(params.mobility_levels.map((level, i) => [level, i]));
  const threshold = ranks.get(params.precarity_threshold) ?? 0;
  return {
    params,
    reportingEntity: attribution.entity,
    organisation: (id) => reference.organisations.get(id),
    site: (id) => reference.sites.get(id),
    isFund: (id) => attribution.isFund(id),
    levelRank: (level) => (level === undefined ? -1 : (ranks.get(level) ?? -1)),
    inPrecarity: (level) => {
      const rank = level === undefined ? undefined : ranks.get(level);
      return rank !== undefined && rank < threshold;
    },
    ageAtEntry: (row) => ageAtEntry(row),
    territoryAt: (code, level) => rollUpTerritory(code, level) ?? undefined,
    investorWeight: (investorId, date) => attribution.weight(investorId, date),
    attributableShare: (orgId, date) => attribution.share(orgId, date),
  };
}

export function ageAtEntry(row: BeneficiaryRow): number | undefined {
  if (row.age !== undefined) return row.age;
  if (row.birth_year !== undefined) return Number(row.entry_date.slice(0, 4)) - row.birth_year;
  return undefined;
}

/** INDICATORS.md "Which row falls in which cell", dataset by dataset; null where the data says nothing. */
export function makeFactsOf(
  params: WorkspaceParams,
  reference: ReferenceRows,
): <D extends DatasetName>(dataset: D, row: RowOf[D]) => RowFacts {
  const orgTerritory = (id: string | undefined): string | undefined =>
    id === undefined ? undefined : reference.organisations.get(id)?.territory;
  const facts: { [D in DatasetName]: (row: RowOf[D]) => RowFacts } = {
    beneficiaries: (row: BeneficiaryRow) => {
      const site = reference.sites.get(row.site_id);
      return {
        territory: row.territory ?? site?.territory ?? null,
        organisation: site?.org_id ?? null,
        site: row.site_id,
        gender: row.gender ?? null,
        qpv: row.qpv === undefined ? null : String(row.qpv),
        age_band: ageBand(ageAtEntry(row), params.youth_age),
      };
    },
    sites: (row: SiteRow) => ({ territory: row.territory, organisation: row.org_id, site: row.site_id }),
    investments: (row: InvestmentRow) => ({
      territory: orgTerritory(row.investee_id) ?? null,
      organisation: row.investee_id,
      programme: row.programme ?? null,
    }),
    actions: (row: ActionRow) => ({
      territory: row.territory ?? orgTerritory(row.org_id) ?? null,
      organisation: row.org_id,
    }),
    metrics: (row: MetricRow) => {
      const site = row.site_id === undefined ? undefined : reference.sites.get(row.site_id);
      const facts: RowFacts = {
        territory: row.territory ?? site?.territory ?? orgTerritory(row.org_id) ?? null,
        organisation: row.org_id,
      };
      if (row.site_id !== undefined) facts.site = row.site_id;
      return facts;
    },
    organisations: (row: OrganisationRow) => ({ territory: row.territory ?? null, organisation: row.org_id }),
  };
  return (dataset, row) => (facts[dataset] as (row: RowOf[typeof dataset]) => RowFacts)(row);
}
