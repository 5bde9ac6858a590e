// The six datasets of CONTRACT §3: their canonical columns, keys and references, as data.
// One table drives typing, the rejects file's header and `impact store`'s columns.

// Reference order: a dataset only refers to datasets before it. The first four are small and kept in
// memory; actions and beneficiaries are streamed.
export const DATASET_ORDER = ['organisations', 'sites', 'investments', 'metrics', 'actions', 'beneficiaries'] as const;
export type DatasetName = (typeof DATASET_ORDER)[number];

export const ORGANISATION_KINDS = [
  'investor',
  'fund',
  'enterprise',
  'association',
  'foundation',
  'company',
  'public_body',
] as const;
export const INSTRUMENTS = ['equity', 'quasi_equity', 'loan', 'grant', 'donation', 'guarantee', 'commitment'] as const;
export const SITE_KINDS = ['mobility_platform', 'youth_project', 'other'] as const;
export const GENDERS = ['f', 'm', 'x'] as const;
export const OUTCOMES = ['employment', 'training', 'other', 'none'] as const;
export const ACTION_TYPES = ['orientation', 'introduction', 'support'] as const;

export type ColumnType =
  | { type: 'id' }
  | { type: 'text' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'level' } // one of params.mobility_levels
  | { type: 'money' }
  | { type: 'number' }
  | { type: 'integer'; min: number; max: number }
  | { type: 'date' }
  | { type: 'boolean' }
  | { type: 'territory' }
  | { type: 'siren' };

export interface ColumnSpec {
  name: string;
  required: boolean;
  kind: ColumnType;
  /** Value used when the cell is empty (sites.kind defaults to other). */
  default?: string;
  /** The dataset this column refers to by its key. */
  references?: DatasetName;
}

export interface DatasetSchema {
  name: DatasetName;
  columns: ColumnSpec[];
  key: string[];
}

const col = (name: string, kind: ColumnType, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  kind,
  required: false,
  ...extra,
});
const req = (name: string, kind: ColumnType, extra: Partial<ColumnSpec> = {}): ColumnSpec =>
  col(name, kind, { ...extra, required: true });

const ID = { type: 'id' } as const;
const TEXT = { type: 'text' } as const;
const DATE = { type: 'date' } as const;
const TERRITORY = { type: 'territory' } as const;

export const SCHEMAS: Record<DatasetName, DatasetSchema> = {
  organisations: {
    name: 'organisations',
    key: ['org_id'],
    columns: [
      req('org_id', ID),
      req('name', TEXT),
      req('kind', { type: 'enum', values: ORGANISATION_KINDS }),
      col('siren', { type: 'siren' }),
      col('territory', TERRITORY),
      col('sector', TEXT),
    ],
  },
  investments: {
    name: 'investments',
    key: ['investment_id'],
    columns: [
      req('investment_id', ID),
      req('investor_id', ID, { references: 'organisations' }),
      req('investee_id', ID, { references: 'organisations' }),
      req('amount_eur', { type: 'money' }),
      req('date', DATE),
      req('instrument', { type: 'enum', values: INSTRUMENTS }),
      col('programme', TEXT),
      col('exited_on', DATE),
    ],
  },
  sites: {
    name: 'sites',
    key: ['site_id'],
    columns: [
      req('site_id', ID),
      req('org_id', ID, { references: 'organisations' }),
      req('name', TEXT),
      col('kind', { type: 'enum', values: SITE_KINDS }, { default: 'other' }),
      req('territory', TERRITORY),
      req('opened_on', DATE),
      col('closed_on', DATE),
    ],
  },
  beneficiaries: {
    name: 'beneficiaries',
    key: ['beneficiary_id', 'site_id', 'entry_date'],
    columns: [
      req('beneficiary_id', ID),
      req('site_id', ID, { references: 'sites' }),
      req('entry_date', DATE),
      col('birth_year', { type: 'integer', min: 1900, max: 2100 }),
      col('age', { type: 'integer', min: 0, max: 120 }),
      col('gender', { type: 'enum', values: GENDERS }),
      col('qpv', { type: 'boolean' }),
      col('territory', TERRITORY),
      col('intake_level', { type: 'level' }),
      col('exit_date', DATE),
      col('exit_level', { type: 'level' }),
      col('outcome', { type: 'enum', values: OUTCOMES }),
    ],
  },
  actions: {
    name: 'actions',
    key: ['action_id'],
    columns: [
      req('action_id', ID),
      req('type', { type: 'enum', values: ACTION_TYPES }),
      req('date', DATE),
      req('org_id', ID, { references: 'organisations' }),
      col('counterpart_id', ID, { references: 'organisations' }),
      col('territory', TERRITORY),
    ],
  },
  metrics: {
    name: 'metrics',
    key: ['org_id', 'site_id', 'metric', 'period_start'],
    columns: [
      req('org_id', ID, { references: 'organisations' }),
      col('site_id', ID, { references: 'sites' }),
      req('metric', ID),
      req('value', { type: 'number' }),
      req('period_start', DATE),
      req('period_end', DATE),
      col('territory', TERRITORY),
    ],
  },
};

/** Where a row came from: the file line as the user's editor shows it, or the store batch that holds it. */
export interface SourceRef {
  file: string;
  line: number;
  batch?: number;
}

export interface OrganisationRow {
  org_id: string;
  name: string;
  kind: (typeof ORGANISATION_KINDS)[number];
  siren?: string;
  territory?: string;
  sector?: string;
}
export interface InvestmentRow {
  investment_id: string;
  investor_id: string;
  investee_id: string;
  /** Exact integer cents. */
  amount_eur: number;
  date: string;
  instrument: (typeof INSTRUMENTS)[number];
  programme?: string;
  /** The day the holding ended (sale, final repayment, end of the agreement): not held from that day. */
  exited_on?: string;
}
export interface SiteRow {
  site_id: string;
  org_id: string;
  name: string;
  kind: (typeof SITE_KINDS)[number];
  territory: string;
  opened_on: string;
  closed_on?: string;
}
export interface BeneficiaryRow {
  beneficiary_id: string;
  site_id: string;
  entry_date: string;
  birth_year?: number;
  age?: number;
  gender?: (typeof GENDERS)[number];
  qpv?: boolean;
  territory?: string;
  intake_level?: string;
  exit_date?: string;
  exit_level?: string;
  outcome?: (typeof OUTCOMES)[number];
}
export interface ActionRow {
  action_id: string;
  type: (typeof ACTION_TYPES)[number];
  date: string;
  org_id: string;
  counterpart_id?: string;
  territory?: string;
}
export interface MetricRow {
  org_id: string;
  site_id?: string;
  metric: string;
  value: number;
  period_start: string;
  period_end: string;
  territory?: string;
}

export interface RowOf {
  organisations: OrganisationRow;
  investments: InvestmentRow;
  sites: SiteRow;
  beneficiaries: BeneficiaryRow;
  actions: ActionRow;
  metrics: MetricRow;
}

/** A typed row with where it came from. */
export type Sourced<T> = T & { source: SourceRef };

/** Row-level checks between two values of one row (CONTRACT §3: exit before entry, closed before opened). */
export const ROW_ORDER_CHECKS: Partial<
  Record<DatasetName, { before: string; after: string; en: string; fr: string }[]>
> = {
  beneficiaries: [
    {
      before: 'entry_date',
      after: 'exit_date',
      en: 'exit_date is before entry_date',
      fr: 'exit_date est antérieure à entry_date',
    },
  ],
  sites: [
    {
      before: 'opened_on',
      after: 'closed_on',
      en: 'closed_on is before opened_on',
      fr: 'closed_on est antérieure à opened_on',
    },
  ],
  investments: [
    {
      before: 'date',
      after: 'exited_on',
      en: 'exited_on is before date',
      fr: 'exited_on est antérieure à date',
    },
  ],
  metrics: [
    {
      before: 'period_start',
      after: 'period_end',
      en: 'period_end is before period_start',
      fr: 'period_end est antérieure à period_start',
    },
  ],
};
