// A report too large for its format is refused with one line and exit 2, never a V8 out-of-memory stack.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, impact } from '../helpers/cli.js';

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
    // 850,850 values when the issue was filed; what matters is that it is over xlsx's 200,000.
    const values = Number(/compterait ([\d\u202f]+) valeurs/.exec(run.stderr)?.[1]?.replaceAll('\u202f', ''));
    expect(values).toBeGreaterThan(200_000);
    expect(run.stderr).toContain('-f xlsx accepte (200\u202f000)');
    expect(run.stderr).not.toMatch(/at .*\.js|heap/i);
    expect(existsSync(join(ws, 'out/report.xlsx'))).toBe(false);
  });
});
