// A circle of funds in a workspace (INDICATORS.md "Funds that hold each other"): the report gives the
// same shares whatever order the investment rows come in and however they are split across files.
// By hand: F1 is held by E 1 M, CO 1 M and F2 1 M; F2 by F1 1 M and CO2 1 M, so s1 = (1 + s2) / 3 and
// s2 = s1 / 2: s1 = 0.4, s2 = 0.2. F1 invests 50,000 € in Y (dep:94) and F2 100,000 € in X (dep:93),
// both on 2023-06-01. finance.invested: 50,000 × 0.4 = 20,000 € in dep:94, 100,000 × 0.2 = 20,000 € in
// dep:93, 40,000 € for France. X is held only by F2 (share 0.2), Y only by F1 (0.4): X's platform open
// all year is attributable at 0.2, Y's at 0.4, 0.6 platform for France.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { runReport } from '../../src/pipeline.js';
import type { Report } from '../../src/report/model.js';
import { tempDir } from '../helpers/cli.js';

const HEADER = 'investment_id,investor_id,investee_id,amount_eur,date,instrument';
const ROWS = [
  'c1,E,F1,1000000,2023-01-01,commitment',
  'c2,CO,F1,1000000,2023-01-01,commitment',
  'c3,F2,F1,1000000,2023-01-01,commitment',
  'c4,F1,F2,1000000,2023-01-01,commitment',
  'c5,CO2,F2,1000000,2023-01-01,commitment',
  'i1,F1,Y,50000,2023-06-01,equity',
  'i2,F2,X,100000,2023-06-01,equity',
];
const ORGANISATIONS = [
  'E: { name: E, kind: investor }',
  'CO: { name: CO, kind: investor }',
  'CO2: { name: CO2, kind: investor }',
  'F1: { name: Fonds un, kind: fund }',
  'F2: { name: Fonds deux, kind: fund }',
  'X: { name: X, kind: enterprise, territory: "93066" }',
  'Y: { name: Y, kind: enterprise, territory: "94028" }',
];

/** The rows in `order`, split into `files` investment files (row i goes to file i mod files). */
async function reportOf(order: number[], files: number, organisationsReversed: boolean): Promise<Report> {
  const root = tempDir('impact-fund-circle-');
  mkdirSync(join(root, 'data'));
  const names = Array.from({ length: files }, (_, f) => `data/investments-${f}.csv`);
  names.forEach((name, f) => {
    const rows = order.filter((_, i) => i % files === f).map((i) => ROWS[i]);
    writeFileSync(join(root, name), `${[HEADER, ...rows].join('\n')}\n`);
  });
  const organisations = organisationsReversed ? [...ORGANISATIONS].reverse() : ORGANISATIONS;
  writeFileSync(join(root, 'data', 'organisations.yaml'), `${organisations.join('\n')}\n`);
  writeFileSync(
    join(root, 'data', 'sites.csv'),
    'site_id,org_id,name,kind,territory,opened_on,closed_on\nPX,X,PX,mobility_platform,93066,2022-01-01,\nPY,Y,PY,mobility_platform,94028,2022-01-01,\n',
  );
  writeFileSync(
    join(root, 'impact.yaml'),
    `version: 1
name: Cercle
reporting_entity: E
range: { from: 2023-01-01, to: 2023-12-31 }
breakdown: [territory:departement]
indicators: [finance.invested, finance.invested_via_funds, mobility.platforms_open]
datasets:
  organisations: data/organisations.yaml
  investments: [${names.join(', ')}]
  sites: data/sites.csv
`,
  );
  delete process.env.SOURCE_DATE_EPOCH;
  return (await runReport(loadConfig(join(root, 'impact.yaml')), { version: '1.0.0', writeRejects: false })).report;
}

const ORDERS: [string, number[], number, boolean][] = [
  ['in order, one file', [0, 1, 2, 3, 4, 5, 6], 1, false],
  ['reversed, one file', [6, 5, 4, 3, 2, 1, 0], 1, false],
  ['F2 met before F1, organisations reversed', [4, 3, 6, 2, 1, 0, 5], 1, true],
  ['split across two files', [3, 0, 6, 1, 4, 5, 2], 2, false],
  ['split across three files, organisations reversed', [2, 5, 1, 6, 0, 3, 4], 3, true],
];

describe.each(ORDERS)('a circle of funds, rows %s', (_, order, files, reversed) => {
  it('looks through F1 at 0.4 and F2 at 0.2, in finance.invested* and in attributable parts alike', async () => {
    const report = await reportOf(order, files, reversed);
    expect(report.quality.rejected).toBe(0);
    const at = (indicator: string, territory: string) =>
      report.values.find((v) => v.indicator === indicator && v.territory === territory);
    for (const indicator of ['finance.invested', 'finance.invested_via_funds']) {
      expect(at(indicator, 'dep:94')?.value).toBe(20_000); // 50,000 × 0.4
      expect(at(indicator, 'dep:93')?.value).toBe(20_000); // 100,000 × 0.2
      expect(at(indicator, 'FR')?.value).toBe(40_000);
    }
    expect(at('mobility.platforms_open', 'dep:94')?.attributable).toBe(0.4);
    expect(at('mobility.platforms_open', 'dep:93')?.attributable).toBe(0.2);
    expect(at('mobility.platforms_open', 'FR')?.attributable).toBe(0.6);
  });
});
