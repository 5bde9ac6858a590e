// `previous` and `change` in JSON, checked on the example against counts made by hand from its data
// files (grep and awk over data/actions.csv and data/beneficiaries/PF-*.csv, not the program).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportValue } from '../../src/report/model.js';
import { impact } from '../helpers/cli.js';

const CONFIG = 'fixtures/example/impact.yaml';

describe('this period beside the previous one', () => {
  let report: Report;
  const at = (indicator: string, period: string): ReportValue | undefined =>
    report.values.find((v) => v.indicator === indicator && v.territory === 'FR' && v.period === period);
  beforeAll(() => {
    const run = impact(['report', '-c', CONFIG, '--period', '2025', '-f', 'json']);
    expect(run.status, run.stderr).toBe(0);
    report = JSON.parse(run.stdout) as Report;
  }, 60_000);

  it('a flow: orientations, 4 rows of type orientation dated 2024 and 6 dated 2025 in actions.csv', () => {
    expect(at('network.orientations', '2025')).toMatchObject({ value: 6, previous: 4, change: 2 });
  });

  it('a unique count: 751 distinct people entered a mobility platform in 2024, 798 in 2025', () => {
    expect(at('mobility.people_supported', '2025')).toMatchObject({ value: 798, previous: 751, change: 47 });
  });

  it('a ratio: lifted ÷ in precarity with an exit level, 210/401 in 2024 and 214/399 in 2025, in points', () => {
    const row = at('mobility.lift_rate', '2025')!;
    expect(row.numerator).toBe(214);
    expect(row.denominator).toBe(399);
    expect(row.previous).toBeCloseTo(210 / 401, 12);
    expect(row.change_points).toBeCloseTo((214 / 399 - 210 / 401) * 100, 8);
  });

  it('gives the whole range no previous value', () => {
    expect(at('network.orientations', '2025-01-01/2025-12-31')).not.toHaveProperty('previous');
  });
});
