// The benchmark's peer: every built-in of a generated workspace (bench/workspace.ts) by
// territory:departement and period:year with all margins, in plain DuckDB SQL over the same files.
// Run as a child of bench/report.ts: `jiti bench/duckdb.ts WORKSPACE STRATEGY OUT.json`.
// Strategies, all with typed reads of only the needed columns and GROUPING SETS for the margins:
//   table  the beneficiary file is read once into a typed table, then one query per indicator;
//   view   one query per indicator, each scanning the CSV file again (no table held in memory);
//   fold   the table, then one query per date column, its indicators folded in with FILTER clauses.
// Definitions follow ../shared/product/INDICATORS.md; attributable parts use share(E, X, D) with D the
// cell's period end for stocks and the last day of the row's year for flows. Funds here are held only by
// investors (no fund holds a fund), so one level of look-through is the whole definition.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import iconv from 'iconv-lite';
import { ENTITY, RANGE } from './workspace.js';

export type Strategy = 'table' | 'view' | 'fold';
export const STRATEGIES: readonly Strategy[] = ['table', 'view', 'fold'];

/** One value of the peer, in impactkit's JSON report terms; euros in cents. */
export interface PeerValue {
  indicator: string;
  territory: string;
  period: string;
  value: number;
  attributable?: number;
}

const RANGE_LABEL = `${RANGE.from}/${RANGE.to}`;
const IN_RANGE = (column: string) => `${column} BETWEEN DATE '${RANGE.from}' AND DATE '${RANGE.to}'`;
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
// Levels ranked below precarity_threshold (fragile) in mobility_levels.
const PRECARITY = "('severe', 'precarious')";

/** A cell's coordinates: the département (or the country margin) and the year (or the range margin). */
const CELL = (territory: string, date: string) =>
  `CASE WHEN GROUPING(${territory}) = 1 THEN 'FR' ELSE 'dep:' || ${territory} END AS territory,
   CASE WHEN GROUPING(year(${date})) = 1 THEN '${RANGE_LABEL}' ELSE CAST(year(${date}) AS VARCHAR) END AS period`;
const SETS = (territory: string, date: string) =>
  `GROUPING SETS ((${territory}, year(${date})), (${territory}), (year(${date})), ())`;

function setup(workspace: string, strategy: Strategy, communes: string, investmentsUtf8: string): string[] {
  const file = (name: string) => `'${path.join(workspace, 'data', name)}'`;
  const beneficiaries = `read_csv(${file('beneficiaries.csv')}, header = true, auto_detect = false, columns = {
      'beneficiary_id': 'VARCHAR', 'site_id': 'VARCHAR', 'entry_date': 'DATE', 'birth_year': 'INTEGER',
      'gender': 'VARCHAR', 'qpv': 'BOOLEAN', 'territory': 'VARCHAR', 'intake_level': 'VARCHAR',
      'exit_date': 'DATE', 'exit_level': 'VARCHAR', 'outcome': 'VARCHAR'})`;
  // A territory code at département level: a commune's département, or the code itself.
  const departement = (code: string) => `coalesce((SELECT dep FROM geo WHERE geo.code = ${code}), ${code})`;
  return [
    `CREATE TEMP TABLE geo AS SELECT * FROM read_csv('${communes}', header = true, auto_detect = false,
       columns = {'code': 'VARCHAR', 'dep': 'VARCHAR'})`,
    `CREATE TEMP TABLE org AS SELECT org_id, kind, ${departement('territory')} AS dep
       FROM read_csv(${file('organisations.csv')}, header = true, auto_detect = false,
         columns = {'org_id': 'VARCHAR', 'name': 'VARCHAR', 'kind': 'VARCHAR', 'territory': 'VARCHAR'})`,
    `CREATE TEMP TABLE site AS SELECT site_id, org_id, kind, ${departement('territory')} AS dep, opened_on, closed_on
       FROM read_csv(${file('sites.csv')}, header = true, auto_detect = false, columns = {
         'site_id': 'VARCHAR', 'org_id': 'VARCHAR', 'name': 'VARCHAR', 'kind': 'VARCHAR',
         'territory': 'VARCHAR', 'opened_on': 'DATE', 'closed_on': 'DATE'})`,
    // The French export: DuckDB reads no Windows-1252 without its encodings extension (not installable
    // offline), and refuses it as Latin-1 (bytes 0x80–0x9F), so runPeer hands it a UTF-8 copy.
    `CREATE TEMP TABLE inv AS SELECT ref, investor, investee, instrument,
         CAST(CAST(replace(replace(amount, ' ', ''), ',', '.') AS DECIMAL(18, 2)) * 100 AS BIGINT) AS cents,
         CAST(strptime(day, '%d/%m/%Y') AS DATE) AS date
       FROM read_csv('${investmentsUtf8}', header = true, auto_detect = false, delim = ';',
         columns = {'ref': 'VARCHAR', 'investor': 'VARCHAR', 'investee': 'VARCHAR', 'amount': 'VARCHAR',
                    'day': 'VARCHAR', 'instrument': 'VARCHAR', 'programme': 'VARCHAR'})`,
    `CREATE TEMP TABLE act AS SELECT a.type, a.date, a.org_id,
         coalesce((SELECT dep FROM geo WHERE geo.code = a.territory), a.territory, o.dep) AS dep
       FROM read_csv(${file('actions.csv')}, header = true, auto_detect = false, columns = {
         'action_id': 'VARCHAR', 'type': 'VARCHAR', 'date': 'DATE', 'org_id': 'VARCHAR',
         'counterpart_id': 'VARCHAR', 'territory': 'VARCHAR'}) a JOIN org o USING (org_id)`,
    `CREATE TEMP TABLE met AS SELECT m.org_id, m.metric, m.value, m.period_end,
         coalesce((SELECT dep FROM geo WHERE geo.code = m.territory), m.territory, s.dep, o.dep) AS dep
       FROM read_csv(${file('metrics.csv')}, header = true, auto_detect = false, columns = {
         'org_id': 'VARCHAR', 'site_id': 'VARCHAR', 'metric': 'VARCHAR', 'value': 'DOUBLE',
         'period_start': 'DATE', 'period_end': 'DATE', 'territory': 'VARCHAR'}) m
       JOIN org o USING (org_id) LEFT JOIN site s USING (site_id)`,
    // Period ends: each year's 31 December, and the range's end for the period margin.
    `CREATE TEMP TABLE ends AS SELECT * FROM (VALUES ${[...YEARS.map((y) => `('${y}', DATE '${y}-12-31')`), `('${RANGE_LABEL}', DATE '${RANGE.to}')`].join(', ')}) t(period, d)`,
    // w(E, F, d) of a fund F on the day of each of its investments, for finance.invested's look-through.
    `CREATE TEMP TABLE weight AS
       SELECT i.ref, CASE WHEN i.investor = '${ENTITY}' THEN 1.0 ELSE coalesce(
         (SELECT sum(CASE WHEN j.investor = '${ENTITY}' THEN j.cents ELSE 0 END) / sum(j.cents)
          FROM inv j WHERE j.investee = i.investor AND j.date <= i.date), 0) END AS w,
         (SELECT kind FROM org WHERE org_id = i.investee) = 'fund' AS into_fund,
         (SELECT kind FROM org WHERE org_id = i.investor) AS investor_kind,
         (SELECT dep FROM org WHERE org_id = i.investee) AS dep
       FROM inv i`,
    // share(E, F, D) of each fund, then share(E, X, D) of every organisation X at each period end.
    `CREATE TEMP TABLE fund_share AS
       SELECT i.investee AS fund, e.d, sum(CASE WHEN i.investor = '${ENTITY}' THEN i.cents ELSE 0 END) / sum(i.cents) AS s
       FROM inv i JOIN (SELECT DISTINCT d FROM ends) e ON i.date <= e.d
       WHERE i.investee IN (SELECT org_id FROM org WHERE kind = 'fund') GROUP BY ALL`,
    `CREATE TEMP TABLE share AS
       SELECT i.investee AS org_id, e.d,
         sum(i.cents * CASE WHEN i.investor = '${ENTITY}' THEN 1.0 ELSE coalesce(f.s, 0) END) / sum(i.cents) AS s
       FROM inv i JOIN (SELECT DISTINCT d FROM ends) e ON i.date <= e.d
       LEFT JOIN fund_share f ON f.fund = i.investor AND f.d = e.d GROUP BY ALL
       UNION ALL SELECT '${ENTITY}', d, 1.0 FROM (SELECT DISTINCT d FROM ends)`,
    `CREATE TEMP ${strategy === 'view' ? 'VIEW' : 'TABLE'} ben AS
       SELECT b.beneficiary_id AS person, s.kind = 'mobility_platform' AS mobility,
         coalesce(g.dep, b.territory, s.dep) AS dep,
         b.entry_date, b.exit_date, year(b.entry_date) - b.birth_year AS age, b.qpv,
         b.intake_level IN ${PRECARITY} AS intake_precarity, b.exit_level IS NOT NULL AS exited,
         b.exit_level IN ${PRECARITY} AS exit_precarity, b.outcome
       FROM ${beneficiaries} b JOIN site s USING (site_id) LEFT JOIN geo g ON g.code = b.territory`,
  ];
}

/** A distinct count of beneficiaries placed by `date`, every margin a fresh count. */
const people = (indicator: string, date: string, where: string) =>
  `SELECT '${indicator}' AS indicator, ${CELL('dep', date)}, count(DISTINCT person) AS value, NULL AS attributable
   FROM ben WHERE ${IN_RANGE(date)} AND ${where} GROUP BY ${SETS('dep', date)}`;

function queries(strategy: Strategy): string[] {
  const beneficiaryQueries =
    strategy === 'fold'
      ? [
          `SELECT ${CELL('dep', 'entry_date')},
             count(DISTINCT person) FILTER (WHERE mobility) AS "mobility.people_supported",
             count(DISTINCT person) FILTER (WHERE mobility AND intake_precarity) AS "mobility.people_in_precarity_at_intake",
             count(DISTINCT person) FILTER (WHERE age BETWEEN 16 AND 25) AS "youth.reached/people",
             count(DISTINCT person) FILTER (WHERE qpv) AS "territory.qpv_share/numerator",
             count(DISTINCT person) FILTER (WHERE qpv IS NOT NULL) AS "territory.qpv_share/denominator"
           FROM ben WHERE ${IN_RANGE('entry_date')} GROUP BY ${SETS('dep', 'entry_date')}`,
          `SELECT ${CELL('dep', 'exit_date')},
             count(DISTINCT person) FILTER (WHERE intake_precarity AND exited AND NOT exit_precarity) AS "mobility.lifted_out_of_precarity",
             count(DISTINCT person) FILTER (WHERE intake_precarity AND exited) AS "mobility.lift_rate/denominator",
             count(DISTINCT person) FILTER (WHERE outcome IN ('employment', 'training')) AS "mobility.positive_outcomes"
           FROM ben WHERE mobility AND ${IN_RANGE('exit_date')} GROUP BY ${SETS('dep', 'exit_date')}`,
        ]
      : [
          people('mobility.people_supported', 'entry_date', 'mobility'),
          people('mobility.people_in_precarity_at_intake', 'entry_date', 'mobility AND intake_precarity'),
          people('youth.reached/people', 'entry_date', 'age BETWEEN 16 AND 25'),
          people('territory.qpv_share/numerator', 'entry_date', 'qpv'),
          people('territory.qpv_share/denominator', 'entry_date', 'qpv IS NOT NULL'),
          people(
            'mobility.lifted_out_of_precarity',
            'exit_date',
            'mobility AND intake_precarity AND exited AND NOT exit_precarity',
          ),
          people('mobility.lift_rate/denominator', 'exit_date', 'mobility AND intake_precarity AND exited'),
          people('mobility.positive_outcomes', 'exit_date', "mobility AND outcome IN ('employment', 'training')"),
        ];
  // finance.invested and its parts: E's euros into non-fund organisations, by the investee's département.
  const invested = (indicator: string, where: string) =>
    `SELECT '${indicator}' AS indicator, ${CELL('w.dep', 'i.date')}, sum(i.cents * w.w) AS value, NULL AS attributable
     FROM inv i JOIN weight w USING (ref) WHERE ${IN_RANGE('i.date')} AND NOT w.into_fund AND w.w > 0 AND ${where}
     GROUP BY ${SETS('w.dep', 'i.date')}`;
  const flow = (indicator: string, from: string, date: string, org: string, value: string, where: string) =>
    `SELECT '${indicator}' AS indicator, ${CELL('dep', date)}, sum(${value}) AS value,
       round(sum(${value} * coalesce(share.s, 0)), 6) AS attributable
     FROM (SELECT * FROM ${from}) x
     -- The share of the row's organisation on the last day of the row's year (attribution over time).
     LEFT JOIN share ON share.org_id = x.${org} AND share.d = make_date(year(x.${date}), 12, 31)
     WHERE ${IN_RANGE(date)} AND ${where} GROUP BY ${SETS('dep', date)}`;
  // A stock at each period end: open sites, summed over territories (or distinct départements).
  const stock = (indicator: string, value: string, where: string, attributable: string) =>
    `SELECT '${indicator}' AS indicator,
       CASE WHEN GROUPING(s.dep) = 1 THEN 'FR' ELSE 'dep:' || s.dep END AS territory, e.period,
       ${value} AS value, ${attributable} AS attributable
     FROM site s JOIN ends e ON s.opened_on <= e.d AND (s.closed_on IS NULL OR s.closed_on > e.d)
     LEFT JOIN share sh ON sh.org_id = s.org_id AND sh.d = e.d
     WHERE ${where} GROUP BY GROUPING SETS ((s.dep, e.period), (e.period))`;
  return [
    ...beneficiaryQueries,
    stock('mobility.platforms_open', 'count(*)', "s.kind = 'mobility_platform'", 'round(sum(coalesce(sh.s, 0)), 6)'),
    stock('territory.departements_covered', 'count(DISTINCT s.dep)', 'true', 'NULL'),
    flow('mobility.platforms_opened', 'site', 'opened_on', 'org_id', '1', "kind = 'mobility_platform'"),
    flow('network.orientations', 'act', 'date', 'org_id', '1', "type = 'orientation'"),
    flow('network.introductions', 'act', 'date', 'org_id', '1', "type = 'introduction'"),
    flow('reported.youth_reached', 'met', 'period_end', 'org_id', 'value', "metric = 'youth_reached'"),
    flow(
      'finance.donations_mobilised',
      'inv JOIN weight USING (ref)',
      'date',
      'investee',
      'cents',
      "instrument = 'donation' AND investor_kind = 'company'",
    ),
    `SELECT 'finance.contributing_companies' AS indicator, ${CELL('w.dep', 'i.date')},
       count(DISTINCT i.investor) AS value, NULL AS attributable
     FROM inv i JOIN weight w USING (ref)
     WHERE ${IN_RANGE('i.date')} AND i.instrument = 'donation' AND w.investor_kind = 'company'
     GROUP BY ${SETS('w.dep', 'i.date')}`,
    invested('finance.invested', 'true'),
    invested('finance.invested_direct', `i.investor = '${ENTITY}'`),
    invested('finance.invested_via_funds', "w.investor_kind = 'fund'"),
    `SELECT 'finance.organisations_supported' AS indicator, ${CELL('w.dep', 'i.date')},
       count(DISTINCT i.investee) AS value, NULL AS attributable
     FROM inv i JOIN weight w USING (ref) WHERE ${IN_RANGE('i.date')} AND NOT w.into_fund AND w.w > 0
     GROUP BY ${SETS('w.dep', 'i.date')}`,
    // Leverage's numerator: all investors' euros into the organisations E put euros into in the same cell.
    `WITH per_org AS (
       SELECT w.dep, year(i.date) AS y, i.investee, GROUPING(w.dep) AS gd, GROUPING(year(i.date)) AS gy,
         sum(i.cents) AS cents, bool_or(w.w > 0) AS gate
       FROM inv i JOIN weight w USING (ref) WHERE ${IN_RANGE('i.date')} AND NOT w.into_fund
       GROUP BY GROUPING SETS ((w.dep, year(i.date), i.investee), (w.dep, i.investee), (year(i.date), i.investee), (i.investee)))
     SELECT 'finance.leverage/numerator' AS indicator,
       CASE WHEN gd = 1 THEN 'FR' ELSE 'dep:' || dep END AS territory,
       CASE WHEN gy = 1 THEN '${RANGE_LABEL}' ELSE CAST(y AS VARCHAR) END AS period,
       sum(cents) FILTER (WHERE gate) AS value, NULL AS attributable
     FROM per_org GROUP BY ALL`,
  ];
}

/** Folded queries return one column per indicator: one value row per (indicator, cell). */
function unfold(rows: Record<string, unknown>[]): PeerValue[] {
  const values: PeerValue[] = [];
  for (const row of rows) {
    const { territory, period, indicator, value, attributable, ...folded } = row;
    const cell = { territory: String(territory), period: String(period) };
    if (indicator !== undefined) {
      const peer: PeerValue = { indicator: String(indicator), ...cell, value: Number(value ?? 0) };
      if (attributable !== null && attributable !== undefined) peer.attributable = Number(attributable);
      values.push(peer);
      continue;
    }
    for (const [name, count] of Object.entries(folded)) values.push({ indicator: name, ...cell, value: Number(count) });
  }
  return values;
}

export async function runPeer(workspace: string, strategy: Strategy, communes: string): Promise<PeerValue[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const investmentsUtf8 = path.join(os.tmpdir(), `impactkit-bench-investments-${process.pid}.csv`);
  writeFileSync(investmentsUtf8, iconv.decode(readFileSync(path.join(workspace, 'data/investments.csv')), 'win1252'));
  const run = async (sql: string) => {
    try {
      return await connection.runAndReadAll(sql);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : error}\nin: ${sql}`);
    }
  };
  for (const sql of setup(workspace, strategy, communes, investmentsUtf8)) await run(sql);
  rmSync(investmentsUtf8);
  const rows: Record<string, unknown>[] = [];
  for (const sql of queries(strategy)) rows.push(...(await run(sql)).getRowObjectsJS());
  connection.closeSync();
  instance.closeSync();
  return unfold(rows);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const [workspace, strategy, communes, out] = process.argv.slice(2);
  if (!workspace || !communes || !out || !STRATEGIES.includes(strategy as Strategy)) {
    throw new Error('usage: duckdb.ts WORKSPACE table|view|fold COMMUNES.csv OUT.json');
  }
  writeFileSync(out, JSON.stringify(await runPeer(workspace, strategy as Strategy, communes)));
}
