// A tiny hand-built report for the format tests: French, one département, a range ending mid-year
// (so 2025 is clipped to 2025-06-30), a suppressed count, a negative amount, a zero-denominator ratio,
// a failed plug-in whose error reads like a spreadsheet formula, and one target met, one without data.
import type { Report } from '../../src/report/model.js';

export function sampleReport(overrides: Partial<Report> = {}): Report {
  return {
    schema_version: 1,
    generator: { name: 'impactkit', version: '1.0.0' },
    workspace: 'Atelier | *pilote*',
    reporting_entity: 'BDT',
    lang: 'fr',
    range: { from: '2024-01-01', to: '2025-06-30' },
    breakdown: ['territory:departement', 'period:year'],
    dimensions: ['territory', 'period'],
    params: {},
    inputs: [{ dataset: 'sites', file: 'data/sites.csv', sha256: 'ab'.repeat(32), rows: 3, rejected: 1 }],
    indicators: [
      {
        id: 'people',
        title: 'Personnes',
        description: 'Personnes accompagnées.',
        unit: 'personnes',
        kind: 'unique',
        format: 'count',
        version: '1',
        datasets: ['beneficiaries'],
        frameworks: {},
        origin: 'builtin',
      },
      {
        id: 'invested',
        title: 'Euros investis',
        description: 'Euros investis.',
        unit: '€',
        kind: 'flow',
        format: 'euros',
        version: '1',
        datasets: ['investments'],
        frameworks: {},
        origin: 'builtin',
      },
      {
        id: 'rate',
        title: 'Taux',
        description: 'Une part.',
        unit: 'part',
        kind: 'ratio',
        format: 'share',
        version: '1',
        datasets: ['beneficiaries'],
        frameworks: {},
        origin: 'builtin',
      },
      {
        id: 'broken',
        title: 'Greffon',
        description: 'Un greffon en échec.',
        unit: '',
        kind: 'flow',
        format: 'count',
        version: '',
        datasets: [],
        frameworks: {},
        origin: 'indicators/broken.ts',
        error: '=HYPERLINK("http://x")',
      },
    ],
    values: [
      { indicator: 'people', territory: 'FR', period: '2024-01-01/2025-06-30', value: 1234 },
      { indicator: 'people', territory: 'FR', period: '2024', value: 1230 },
      { indicator: 'people', territory: 'FR', period: '2025', value: 4 },
      { indicator: 'people', territory: 'dep:93', period: '2024', value: 1230 },
      { indicator: 'people', territory: 'dep:93', period: '2025', value: null, suppressed: true },
      { indicator: 'invested', territory: 'FR', period: '2024-01-01/2025-06-30', value: 1234.5, attributable: 617.25 },
      { indicator: 'invested', territory: 'dep:93', period: '2024', value: -250, attributable: -125 },
      {
        indicator: 'rate',
        territory: 'FR',
        period: '2024-01-01/2025-06-30',
        value: 0.4375,
        numerator: 7,
        denominator: 16,
      },
      {
        indicator: 'rate',
        territory: 'dep:93',
        period: '2025',
        value: null,
        numerator: 0,
        denominator: 0,
        note: 'zero denominator',
      },
      {
        indicator: 'broken',
        territory: 'FR',
        period: '2024-01-01/2025-06-30',
        value: null,
        error: '=HYPERLINK("http://x")',
      },
    ],
    targets: [
      { indicator: 'people', period: '2024', op: '>=', value: 1000, actual: 1230, status: 'met' },
      { indicator: 'rate', territory: 'dep:93', period: '2025', op: '>=', value: 0.5, actual: null, status: 'no_data' },
    ],
    quality: { rows: 1500, rejected: 1, warnings: 2 },
    privacy: { min_count: 5 },
    ...overrides,
  };
}

/** The same shape broken down by programme: free text from investments.csv, where formulas and pipes can hide. */
export function programmeReport(): Report {
  const base = sampleReport();
  return {
    ...base,
    breakdown: ['programme', 'period:year'],
    dimensions: ['programme', 'period'],
    indicators: [base.indicators[1]!],
    values: [
      { indicator: 'invested', programme: 'total', period: '2024-01-01/2025-06-30', value: 300 },
      { indicator: 'invested', programme: '=1+2', period: '2024', value: 100 },
      { indicator: 'invested', programme: '-Mobilité', period: '2024', value: -50 },
      { indicator: 'invested', programme: 'A|B *gras*', period: '2024', value: 250 },
    ],
    targets: [],
  };
}
