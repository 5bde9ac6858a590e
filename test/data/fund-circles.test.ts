// Funds held only by one another (INDICATORS.md "Funds that hold each other"): found as data, and
// refused by `impact validate` with the investments that close the circle, while the rest computes.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InvestmentRow, OrganisationRow } from '../../src/data/datasets.js';
import { closedFundCircles } from '../../src/data/fund-circles.js';
import type { Report } from '../../src/report/model.js';
import { impact, tempDir } from '../helpers/cli.js';

const orgs = new Map<string, OrganisationRow>(
  (['E', 'F1', 'F2', 'F3'] as const).map((id) => [
    id,
    { org_id: id, name: id, kind: id === 'E' ? 'investor' : 'fund' },
  ]),
);
const inv = (investment_id: string, investor_id: string, investee_id: string, date: string, exited_on?: string) =>
  ({
    investment_id,
    investor_id,
    investee_id,
    amount_eur: 100_000,
    date,
    instrument: 'commitment',
    ...(exited_on ? { exited_on } : {}),
  }) as InvestmentRow;
const ids = (rows: InvestmentRow[]) => rows.map((i) => i.investment_id).sort();

describe('closedFundCircles', () => {
  it('finds two funds held only by each other, naming both investments', () => {
    const circles = closedFundCircles([inv('a', 'F1', 'F2', '2023-01-01'), inv('b', 'F2', 'F1', '2023-01-01')], orgs);
    expect(circles).toHaveLength(1);
    expect(circles[0]!.funds).toEqual(['F1', 'F2']);
    expect(circles[0]!.from).toBe('2023-01-01');
    expect(ids(circles[0]!.investments)).toEqual(['a', 'b']);
  });

  it('accepts the circle once anyone outside holds one of its funds', () => {
    const held = [
      inv('a', 'F1', 'F2', '2023-01-01'),
      inv('b', 'F2', 'F1', '2023-01-01'),
      inv('c', 'E', 'F1', '2023-01-01'),
    ];
    expect(closedFundCircles(held, orgs)).toEqual([]);
  });

  it('finds a circle closed only for a while: before the outside holder came, or after it left', () => {
    const late = [
      inv('a', 'F1', 'F2', '2023-01-01'),
      inv('b', 'F2', 'F1', '2023-01-01'),
      inv('c', 'E', 'F1', '2023-06-01'),
    ];
    expect(closedFundCircles(late, orgs).map((c) => c.from)).toEqual(['2023-01-01']);
    const left = [
      inv('a', 'F1', 'F2', '2023-01-01'),
      inv('b', 'F2', 'F1', '2023-01-01'),
      inv('c', 'E', 'F1', '2023-01-01', '2024-03-31'),
    ];
    expect(closedFundCircles(left, orgs).map((c) => c.from)).toEqual(['2024-03-31']);
  });

  it('finds a fund that holds itself, and ignores a chain without a circle', () => {
    expect(ids(closedFundCircles([inv('s', 'F3', 'F3', '2023-01-01')], orgs)[0]!.investments)).toEqual(['s']);
    expect(closedFundCircles([inv('a', 'F1', 'F2', '2023-01-01'), inv('b', 'F2', 'F3', '2023-01-01')], orgs)).toEqual(
      [],
    );
  });

  it('names only the investments inside the group', () => {
    // F3 is held by the circle but holds none of it: F2 -> F3 does not close anything.
    const rows = [
      inv('a', 'F1', 'F2', '2023-01-01'),
      inv('b', 'F2', 'F1', '2023-01-01'),
      inv('d', 'F2', 'F3', '2023-01-01'),
    ];
    expect(ids(closedFundCircles(rows, orgs)[0]!.investments)).toEqual(['a', 'b']);
  });
});

describe('impact validate and report on a closed circle of funds', () => {
  const ws = tempDir('impact-circle-');
  afterAll(() => rmSync(ws, { recursive: true, force: true }));
  mkdirSync(join(ws, 'data'));
  writeFileSync(
    join(ws, 'impact.yaml'),
    [
      'version: 1',
      'name: Circle',
      'reporting_entity: E',
      'range: { from: 2023-01-01, to: 2023-12-31 }',
      'breakdown: [period:year]',
      'datasets:',
      '  organisations: data/organisations.csv',
      '  investments: data/investments.csv',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(ws, 'data/organisations.csv'),
    'org_id,name,kind,territory\nE,E,investor,75\nF1,Fund one,fund,75\nF2,Fund two,fund,75\nA,A,association,93\n',
  );
  // Lines 3 and 4 close the circle; line 2 (E into A) is fine.
  writeFileSync(
    join(ws, 'data/investments.csv'),
    'investment_id,investor_id,investee_id,amount_eur,date,instrument\n' +
      'i1,E,A,1000,2023-03-01,grant\n' +
      'i2,F1,F2,5000,2023-01-01,commitment\n' +
      'i3,F2,F1,5000,2023-01-01,commitment\n',
  );

  it('validate exits 1 and names both investments at each of their lines', () => {
    const run = impact(['validate'], { cwd: ws });
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n').filter((l) => l.includes('close the circle'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('data/investments.csv:3  investor_id  "F1"');
    expect(lines[1]).toContain('data/investments.csv:4  investor_id  "F2"');
    for (const line of lines) {
      expect(line).toContain('funds F1, F2 are held only by one another from 2023-01-01');
      expect(line).toContain('investments i2 (F1 → F2), i3 (F2 → F1) close the circle');
    }
  });

  it('report still computes the rest', () => {
    const run = impact(['report', '-f', 'json', '-o', 'report.json', '--indicators', 'finance.invested'], { cwd: ws });
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(join(ws, 'report.json'), 'utf8')) as Report;
    expect(report.quality.rejected).toBe(2);
    const total = report.values.find((v) => v.indicator === 'finance.invested' && v.period === '2023-01-01/2023-12-31');
    expect(total?.value).toBe(1000); // i1 only
  });
});
