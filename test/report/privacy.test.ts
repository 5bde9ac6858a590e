// Every number a report publishes passes the small-count rule (INDICATORS.md "Published numbers and
// privacy"): cells, margins, ratio parts and target actuals, wherever the target's cell lies.
// test/fixtures/privacy-workspace, worked out by hand: Saint-Denis (com:93066) has 5 people, all
// severe at intake, leaving in 2023-Q2 (3 autonomous, 2 still severe: lift_rate 3 / 5); Paris
// (com:75056) has 12 people and no exit; France 17.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { runReport } from '../../src/pipeline.js';
import type { Report, ReportValue } from '../../src/report/model.js';
import { ROOT, tempDir } from '../helpers/cli.js';

async function reportWith(yamlTail: string, minCount: number, breakdown?: string): Promise<Report> {
  const workspace = tempDir('impact-privacy-');
  cpSync(join(ROOT, 'test', 'fixtures', 'privacy-workspace'), workspace, { recursive: true });
  const file = join(workspace, 'impact.yaml');
  let yaml = readFileSync(file, 'utf8').replace('min_count: 5', `min_count: ${minCount}`);
  if (breakdown) yaml = yaml.replace('breakdown: [period:year]', `breakdown: [${breakdown}]`);
  writeFileSync(file, `${yaml}${yamlTail}`);
  delete process.env.SOURCE_DATE_EPOCH;
  return (await runReport(loadConfig(file), { version: '1.0.0', writeRejects: false })).report;
}

const find = (report: Report, indicator: string, keys: Record<string, string>): ReportValue => {
  const row = report.values.find(
    (v) => v.indicator === indicator && Object.entries(keys).every(([k, x]) => v[k] === x),
  );
  if (!row) throw new Error(`no value for ${indicator} ${JSON.stringify(keys)}`);
  return row;
};

describe('small counts: the boundary', () => {
  it('publishes a count equal to min_count', async () => {
    const report = await reportWith('', 5, 'territory:commune, period:year');
    expect(find(report, 'mobility.people_supported', { territory: 'com:93066', period: '2023' }).value).toBe(5);
    expect(find(report, 'mobility.people_supported', { territory: 'com:75056', period: '2023' }).value).toBe(12);
  });

  it('hides a count one below min_count, and the neighbour that would give it away', async () => {
    const report = await reportWith('', 6, 'territory:commune, period:year');
    const sd = find(report, 'mobility.people_supported', { territory: 'com:93066', period: '2023' });
    expect(sd).toMatchObject({ value: null, suppressed: true });
    // France (17) stays published, so Paris (12) must go too: 17 − 12 would give Saint-Denis away.
    expect(find(report, 'mobility.people_supported', { territory: 'FR', period: '2023' }).value).toBe(17);
    expect(find(report, 'mobility.people_supported', { territory: 'com:75056', period: '2023' })).toMatchObject({
      value: null,
      suppressed: true,
    });
  });
});

describe('small counts: ratios and targets', () => {
  const targets = `targets:
  - { indicator: mobility.lift_rate, territory: "93066", period: 2023-Q2, op: ">=", value: 0.5 }
  - { indicator: mobility.people_supported, territory: "75056", period: "2023", op: ">=", value: 10 }
  - { indicator: mobility.people_supported, period: "2023", op: ">=", value: 15 }
`;

  it('hides a ratio whose parts are small, numerator and denominator included', async () => {
    const report = await reportWith(targets, 10);
    const rows = report.values.filter((v) => v.indicator === 'mobility.lift_rate');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.suppressed).toBe(true);
      expect(row.value).toBeNull();
      expect(row.numerator ?? null).toBeNull();
      expect(row.denominator ?? null).toBeNull();
    }
  });

  it('publishes no target actual that a small count makes, inside or outside the breakdown', async () => {
    const report = await reportWith(targets, 10);
    const [liftRate, paris, france] = report.targets;
    // 3 / 5 in a commune × quarter cell the report's breakdown does not even have.
    expect(liftRate).toMatchObject({ actual: null, status: 'no_data' });
    // 12 ≥ 10, but France's 17 is published: Paris would give Saint-Denis's 5 away.
    expect(paris).toMatchObject({ actual: null, status: 'no_data' });
    expect(france).toMatchObject({ actual: 17, status: 'met' });
  });
});
