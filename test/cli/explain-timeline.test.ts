// `impact explain` shows every share over time (INDICATORS.md "Attribution over time"): the shares a
// flow cell used at each year's end, and each organisation's timeline of changes with their cause.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { impact, tempDir } from '../helpers/cli.js';

const ws = tempDir('impact-explain-exits-');
afterAll(() => rmSync(ws, { recursive: true, force: true }));
mkdirSync(join(ws, 'data'));
writeFileSync(
  join(ws, 'impact.yaml'),
  [
    'version: 1',
    'name: Exits',
    'reporting_entity: E',
    'range: { from: 2021-01-01, to: 2023-12-31 }',
    'breakdown: [period:year]',
    'datasets:',
    '  organisations: data/organisations.csv',
    '  investments: data/investments.csv',
    '  actions: data/actions.csv',
    '',
  ].join('\n'),
);
writeFileSync(
  join(ws, 'data/organisations.csv'),
  'org_id,name,kind,territory\nE,E,investor,75\nC,C,investor,75\nL,L,investor,75\nF,F,fund,75\nA,A,association,93\nB,B,enterprise,75\n',
);
// A: E and C 100k each; E sells on 2023-06-30. B: held only by the fund F (E 30%, L 70%); L leaves F on 2023-09-30.
writeFileSync(
  join(ws, 'data/investments.csv'),
  'investment_id,investor_id,investee_id,amount_eur,date,instrument,exited_on\n' +
    'e1,E,A,100000,2021-03-01,equity,2023-06-30\n' +
    'c1,C,A,100000,2021-03-01,equity,\n' +
    'e2,E,F,300000,2021-01-15,commitment,\n' +
    'l1,L,F,700000,2021-01-15,commitment,2023-09-30\n' +
    'f2,F,B,100000,2022-02-01,equity,\n',
);
writeFileSync(
  join(ws, 'data/actions.csv'),
  'action_id,type,date,org_id\na1,orientation,2021-05-01,A\na2,orientation,2022-05-01,A\na3,orientation,2022-03-01,B\na4,orientation,2023-03-01,B\n',
);

describe('impact explain: shares over time', () => {
  it('lists the shares at each year’s end and each organisation’s timeline (JSON)', () => {
    const run = impact(['explain', 'network.orientations', '--json'], { cwd: ws });
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    // a1 × 0.5 + a2 × 0.5 + a3 × share(B, 2022-12-31) = 0.3 + a4 × share(B, 2023-12-31) = 1 -> 2.3
    expect(out.value.attributable).toBeCloseTo(2.3, 6);
    const shares = Object.fromEntries(
      out.attribution.shares.map((s: { organisation: string; date: string; share: number }) => [
        `${s.organisation} ${s.date}`,
        Number(s.share.toFixed(6)),
      ]),
    );
    expect(shares).toEqual({
      'A 2021-12-31': 0.5,
      'A 2022-12-31': 0.5,
      'A 2023-12-31': 0, // E sold on 2023-06-30
      'B 2021-12-31': 0, // not financed yet
      'B 2022-12-31': 0.3,
      'B 2023-12-31': 1, // L left F
    });
    const round = (changes: { date: string; share: number; why: { investment_id: string; event: string }[] }[]) =>
      changes.map((c) => [c.date, Number(c.share.toFixed(6)), c.why.map((w) => `${w.investment_id} ${w.event}`)]);
    expect(round(out.attribution.timeline.A)).toEqual([
      ['2021-03-01', 0.5, ['e1 invested', 'c1 invested']],
      ['2023-06-30', 0, ['e1 exited']],
    ]);
    expect(round(out.attribution.timeline.B)).toEqual([
      ['2022-02-01', 0.3, ['f2 invested']],
      ['2023-09-30', 1, ['l1 exited']],
    ]);
  });

  it('prints the timeline for people', () => {
    const run = impact(['explain', 'network.orientations'], { cwd: ws });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('A over time:');
    expect(run.stdout).toContain('2023-06-30  0.000000  e1 E → A exited');
    expect(run.stdout).toContain('2023-09-30  1.000000  l1 L → F exited');
  });
});
