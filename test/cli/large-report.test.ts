// A report too large for its format is refused with one line and exit 2, never a V8 out-of-memory stack,
// and before its values are computed: from the periods alone before a row is read, or from the exact
// value count once the rows are read (the territories the data holds are known then).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { makeTerminal, UsageError } from '../../src/cli/io.js';
import { runReportCommand } from '../../src/cli/report.js';
import { loadConfig, parseBreakdown } from '../../src/config/index.js';
import { Evaluation } from '../../src/engine/evaluate.js';
import { runReport } from '../../src/pipeline.js';
import { copyFixture, impact, tempDir } from '../helpers/cli.js';

describe('impact report refuses a report too large for its format', () => {
  const ws = copyFixture('example');

  it('refuses a thousand-year range by month before reading a row, in French for the French example', () => {
    const run = impact(['report', '--from', '0001-01-01', '--to', '9999-12-31', '--by', 'period:month'], { cwd: ws });
    expect(run.status).toBe(2);
    // 9999 years × 12 months = 119,988 periods, plus the whole range: 119,989 values for each indicator.
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^impact: le rapport compterait au moins [\d\u202f]+ valeurs, .* -f table .*\u00a0: réduisez/,
    );
    expect(run.stdout).toBe('');
  });

  it('refuses it in English for json too, which takes more', () => {
    const run = impact(
      ['report', '--lang', 'en', '-f', 'json', '--from', '0001-01-01', '--to', '9999-12-31', '--by', 'period:month'],
      { cwd: ws },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^impact: the report would hold at least [\d,]+ values, more than -f json takes \(2,000,000\)/,
    );
  });

  it('refuses a workbook by commune and month (850,850 values) and writes nothing', () => {
    const run = impact(['report', '-f', 'xlsx', '-o', 'out/report.xlsx', '--by', 'territory:commune,period:month'], {
      cwd: ws,
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    // 850,850 values when the issue was filed; what matters is that it is over xlsx's 200,000, and that the
    // count is the one the report would hold (the count's own test is below).
    const values = Number(/compterait ([\d\u202f]+) valeurs/.exec(run.stderr)?.[1]?.replaceAll('\u202f', ''));
    expect(values).toBeGreaterThan(200_000);
    expect(run.stderr).toContain('-f xlsx accepte (200\u202f000)');
    expect(run.stderr).not.toMatch(/at .*\.js|heap/i);
    expect(existsSync(join(ws, 'out/report.xlsx'))).toBe(false);
  });

  it('refuses that workbook once the rows are read, before a single value is computed', async () => {
    const results = vi.spyOn(Evaluation.prototype, 'results');
    try {
      const refused = runReportCommand(
        loadConfig(join(ws, 'impact.yaml')),
        { format: 'xlsx', output: join(ws, 'out/in-process.xlsx'), by: 'territory:commune,period:month' },
        makeTerminal({ quiet: true, color: false }),
        '1.0.0',
      );
      await expect(refused).rejects.toThrow(UsageError);
      await expect(refused).rejects.toThrow(/compterait [\d\u202f]+ valeurs, au-delà de ce que -f xlsx accepte/);
      expect(results).not.toHaveBeenCalled();
    } finally {
      results.mockRestore();
    }
    expect(existsSync(join(ws, 'out/in-process.xlsx'))).toBe(false);
  });
});

describe('the value count a report is refused on', () => {
  const ws = copyFixture('example');

  // The count comes from the rows read, before any value is computed; the report then holds exactly that many.
  it.each([
    'territory:departement,period:year',
    'territory:commune,period:year',
    'territory:region,organisation,period:quarter',
    'programme,period:month',
    'territory:epci',
  ])('is exactly the number of values of the report by %s', async (by) => {
    const breakdown = parseBreakdown(by.split(','));
    expect(breakdown.errors).toEqual([]);
    let counted: number | undefined;
    const { report } = await runReport(loadConfig(join(ws, 'impact.yaml')), {
      version: '1.0.0',
      writeRejects: false,
      breakdown: breakdown.items,
      onCounted: (values) => {
        counted = values;
      },
    });
    expect(counted).toBe(report.values.length);
  });

  it('counts an indicator whose data is not configured as its one error row', async () => {
    const root = tempDir('impact-count-');
    mkdirSync(join(root, 'data'));
    writeFileSync(
      join(root, 'impact.yaml'),
      'version: 1\nname: Count\nreporting_entity: E\nrange: { from: 2023-01-01, to: 2023-12-31 }\nbreakdown: [territory:departement, period:quarter]\n' +
        'indicators: [finance.invested, mobility.people_supported]\n' +
        'datasets:\n  organisations: data/organisations.yaml\n  investments: data/investments.csv\n',
    );
    writeFileSync(
      join(root, 'data', 'organisations.yaml'),
      'E: { name: Investor, kind: investor }\nX: { name: X, kind: enterprise, territory: "93066" }\nY: { name: Y, kind: enterprise, territory: "69123" }\n',
    );
    writeFileSync(
      join(root, 'data', 'investments.csv'),
      'investment_id,investor_id,investee_id,amount_eur,date,instrument\nI1,E,X,1,2023-03-01,equity\nI2,E,Y,2,2023-08-01,equity\n',
    );
    let counted: number | undefined;
    const { report } = await runReport(loadConfig(join(root, 'impact.yaml')), {
      version: '1.0.0',
      writeRejects: false,
      onCounted: (values) => {
        counted = values;
      },
    });
    const missing = report.values.filter((v) => v.indicator === 'mobility.people_supported');
    expect(missing).toHaveLength(1);
    expect(missing[0]?.error).toMatch(/beneficiaries/);
    // finance.invested: (2 départements + France) × (4 quarters + the year), and the error row.
    expect(report.values).toHaveLength(3 * 5 + 1);
    expect(counted).toBe(report.values.length);
  });
});
