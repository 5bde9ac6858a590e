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
    expect(diff.values).toMatchObject([
      // 10 -> 12: +2, +20 %
      {
        indicator: 'x.people',
        // The territory margin is left out of the cell: a report by fewer dimensions has the same total.
        cell: { period: '2024' },
        status: 'changed',
        old: 10,
        new: 12,
        change: 2,
        relative: 0.2,
      },
      {
        indicator: 'x.people',
        cell: { territory: 'dep:13', period: '2024' },
        status: 'added',
        old: null,
        new: 8,
      },
      {
        indicator: 'x.people',
        cell: { territory: 'dep:75', period: '2024' },
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

  it('compares attributable, numerator and denominator too, ratios in points, and only common cells with --common', () => {
    const rate = (territory: string, numerator: number, denominator: number, attributable?: number) => ({
      ...v(territory, numerator / denominator),
      indicator: 'x.rate',
      numerator,
      denominator,
      ...(attributable === undefined ? {} : { attributable }),
    });
    const indicators = [
      {
        id: 'x.rate',
        title: 'Rate',
        description: '',
        unit: 'share',
        kind: 'ratio' as const,
        format: 'share' as const,
        version: '1',
        datasets: ['beneficiaries'],
        frameworks: {},
        origin: 'built-in',
      },
    ];
    // 1/4 -> 1/2: +25 points; the denominator moved from 4 to 2, the numerator did not.
    const older = report([rate('FR', 1, 4), rate('dep:93', 1, 5, 3)], { indicators });
    const newer = report([rate('FR', 1, 2), rate('dep:93', 1, 5, 4), rate('dep:13', 1, 1)], { indicators });
    const diff = diffReports(older, newer, { common: true });
    expect(diff.uncommon).toBe(1); // dep:13, only in the newer report
    expect(diff.unchanged).toBe(0);
    expect(diff.values).toHaveLength(2);
    const [national, local] = diff.values;
    expect(national!.points).toBe(25);
    expect(Object.keys(national!.fields).sort()).toEqual(['denominator', 'value']);
    expect(national!.fields.denominator).toMatchObject({ old: 4, new: 2, change: -2 });
    // Same value, attributable 3 -> 4: a change all the same.
    expect(local!.fields).toEqual({ attributable: { old: 3, new: 4, change: 1, relative: 1 / 3 } });
  });
});
