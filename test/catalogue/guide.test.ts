// The README's plug-in guide, run: its examples are the files of fixtures/plugin-guide/indicators, and
// a workspace with only impactkit installed can `import { defineIndicator, z } from 'impactkit'`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { copyFixture, impact, ROOT, tempDir } from '../helpers/cli.js';

const total = (report: Report, id: string) =>
  report.values.find((v) => v.indicator === id && v.period === '2024-01-01/2024-12-31');

describe('the plug-in guide (fixtures/plugin-guide)', () => {
  const ws = copyFixture('plugin-guide');
  const run = impact(['report', '-f', 'json', '--indicators', 'guide.*,finance.invested'], { cwd: ws });
  const report = JSON.parse(run.stdout) as Report;

  it('loads every example with no error', () => {
    expect(run.status).toBe(0);
    expect(report.indicators.filter((i) => i.error)).toEqual([]);
    expect(report.indicators.map((i) => i.id).sort()).toEqual([
      'finance.invested',
      'guide.invested_directly',
      'guide.large_investments',
      'guide.qpv_positive_outcomes',
      'guide.women_lifted_out_of_precarity',
    ]);
  });

  it('computes the values worked out by hand', () => {
    // B1 (f, severe -> autonomous) and B2 (F, precarious -> fragile) at the platform S1; B4 starts fragile,
    // B5 is at a youth project, B3 is a man.
    expect(total(report, 'guide.women_lifted_out_of_precarity')?.value).toBe(2);
    // QPV "oui", at S1, out to employment or training: B1 and B3 (B2 is "non", B4 left for none).
    expect(total(report, 'guide.qpv_positive_outcomes')?.value).toBe(2);
    // params.large_investment_eur = 1000: I1 (1,500 €), not I2 (250.50 €).
    expect(total(report, 'guide.large_investments')?.value).toBe(1);
  });

  it('sums a money column with no format in euros, equal to finance.invested on the same rows', () => {
    // I1 1,500 € + I2 250.50 €, both INV's direct investments into non-funds.
    expect(total(report, 'guide.invested_directly')?.value).toBe(1750.5);
    expect(total(report, 'finance.invested')?.value).toBe(1750.5);
    expect(report.indicators.find((i) => i.id === 'guide.invested_directly')?.format).toBe('euros');
  });

  it('is the code the README shows', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const file of ['women_lifted.ts', 'qpv_positive_outcomes.yaml', 'large_investments.ts']) {
      const text = readFileSync(join(ROOT, 'fixtures/plugin-guide/indicators', file), 'utf8');
      // The README quotes the file from its `// indicators/…` or `# indicators/…` line on.
      const quoted = text.slice(text.search(/^(\/\/|#) indicators\//m));
      expect(readme, file).toContain(quoted.trimEnd());
    }
  });
});

describe('a workspace with only impactkit installed', () => {
  const ws = tempDir('impact-fresh-');
  mkdirSync(join(ws, 'node_modules'));
  // What `npm install impactkit` leaves: the package in node_modules, its own dependencies beside it, no zod at top level.
  symlinkSync(ROOT, join(ws, 'node_modules', 'impactkit'), 'dir');
  mkdirSync(join(ws, 'indicators'));
  mkdirSync(join(ws, 'data'));
  writeFileSync(
    join(ws, 'data/sites.csv'),
    'site_id,org_id,name,kind,territory,opened_on\nS1,O,Site,other,75056,2024-02-01\n',
  );
  writeFileSync(join(ws, 'data/organisations.csv'), 'org_id,name,kind\nO,Org,association\n');
  writeFileSync(
    join(ws, 'impact.yaml'),
    'version: 1\nname: Fresh\nrange: { from: 2024-01-01, to: 2024-12-31 }\nparams: { minimum_year: 2024 }\n' +
      'datasets: { organisations: data/organisations.csv, sites: data/sites.csv }\nplugins: [indicators/*.ts]\n',
  );
  writeFileSync(
    join(ws, 'indicators/opened.ts'),
    `import { defineIndicator, z, type SiteRow } from 'impactkit';
export default defineIndicator({
  id: 'fresh.sites_opened', kind: 'flow', dataset: 'sites', date: 'opened_on',
  title: { en: 'Sites opened', fr: 'Sites ouverts' }, description: { en: 'Sites', fr: 'Sites' }, unit: { en: 'sites', fr: 'sites' },
  params: z.object({ minimum_year: z.number().int() }),
  filter: (row: SiteRow, ctx) => Number(row.opened_on.slice(0, 4)) >= ctx.params.minimum_year,
});
`,
  );

  it('has no zod of its own to import', () => {
    const node = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('zod')"], {
      cwd: ws,
      encoding: 'utf8',
    });
    expect(node.status).not.toBe(0);
    expect(node.stderr).toContain("Cannot find package 'zod'");
  });

  it("imports defineIndicator and z from 'impactkit' in plain Node, and z builds the schemas impactkit checks", () => {
    const script = `import { defineIndicator, z } from 'impactkit';
const d = defineIndicator({ id: 'a.b', kind: 'flow', params: z.object({ n: z.number() }) });
console.log(typeof defineIndicator, typeof z.toJSONSchema, d.params.safeParse({ n: 1 }).success, d.params.safeParse({ n: 'x' }).success);`;
    const node = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ws, encoding: 'utf8' });
    expect(node.stderr).toBe('');
    expect(node.stdout).toBe('function function true false\n');
  });

  it('runs a TypeScript plug-in that uses z for its params', () => {
    const run = impact(['report', '-f', 'json', '--indicators', 'fresh.*'], { cwd: ws });
    expect(run.stderr).not.toContain('✖');
    const report = JSON.parse(run.stdout) as Report;
    // S1 opened 2024-02-01, and 2024 >= params.minimum_year.
    expect(total(report, 'fresh.sites_opened')?.value).toBe(1);
  });
});
