import { describe, expect, it } from 'vitest';
import { diffReports } from '../../src/report/diff.js';
import type { Report } from '../../src/report/model.js';

function report(values: Report['values'], overrides: Partial<Report> = {}): Report {
  return {
    schema_version: 2,
    generator: { name: 'impactkit', version: '1.0.0' },
    workspace: 'W',
    lang: 'en',
    range: { from: '2024-01-01', to: '2024-12-31' },
    breakdown: ['territory:departement'],
    dimensions: ['territory', 'period'],
    params: { youth_age: [16, 25] },
    inputs: [{ dataset: 'sites', file: 'data/sites.csv', sha256: 'aaa', rows: 3, rejected: 0 }],
    indicators: [
      {
        id: 'x.people',
        title: 'People',
        description: '',
        unit: 'people',
        kind: 'unique',
        format: 'count',
        version: '1',
        datasets: ['beneficiaries'],
        frameworks: {},
        origin: 'built-in',
      },
    ],
    values,
    targets: [],
    quality: { rows: 3, rejected: 0, warnings: 0 },
    ...overrides,
  };
}

const v = (territory: string, value: number | null) => ({
  indicator: 'x.people',
  territory,
  period: '2024',
  margin: territory === 'FR' ? ['territory'] : [],
  value,
});

describe('impact diff', () => {
  it('reports added, removed and changed values with absolute and relative change', () => {
    const older = report([v('FR', 10), v('dep:93', 4), v('dep:75', 6)]);
    const newer = report([v('FR', 12), v('dep:93', 4), v('dep:13', 8)], {
      inputs: [{ dataset: 'sites', file: 'data/sites.csv', sha256: 'bbb', rows: 4, rejected: 0 }],
    });
    const diff = diffReports(older, newer);
    expect(diff.unchanged).toBe(1);
    expect(diff.values).toEqual([
      // 10 -> 12: +2, +20 %
      {
        indicator: 'x.people',
        cell: { territory: 'FR', period: '2024', margin: ['territory'] },
        status: 'changed',
        old: 10,
        new: 12,
        change: 2,
        relative: 0.2,
      },
      {
        indicator: 'x.people',
        cell: { territory: 'dep:13', period: '2024', margin: [] },
        status: 'added',
        old: null,
        new: 8,
      },
      {
        indicator: 'x.people',
        cell: { territory: 'dep:75', period: '2024', margin: [] },
        status: 'removed',
        old: 6,
        new: null,
      },
    ]);
    expect(diff.inputs).toEqual({ changed: true, added: [], removed: [], modified: ['sites:data/sites.csv'] });
    expect(diff.definitions.changed).toBe(false);
  });

  it('says when definitions (versions, parameters) changed and inputs did not', () => {
    const older = report([v('FR', 10)]);
    const newer = report([v('FR', 10)], {
      params: { youth_age: [18, 25] },
      indicators: [{ ...older.indicators[0]!, version: '2' }],
    });
    const diff = diffReports(older, newer);
    expect(diff.values).toEqual([]);
    expect(diff.inputs.changed).toBe(false);
    expect(diff.definitions).toEqual({
      changed: true,
      params: true,
      indicators: [{ id: 'x.people', status: 'changed', old: '1', new: '2' }],
    });
  });
});
