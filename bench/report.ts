// `npm run bench`: `impact report` end to end over a generated national portfolio (bench/workspace.ts),
// every built-in by territory:departement,period:year with all margins, against the same values computed
// by DuckDB SQL (bench/duckdb.ts) over the same files in the same session. Each tool runs as a child
// process under /usr/bin/time (wall seconds, peak RSS); runs alternate so load on the machine hits both.
//   npm run bench -- --size 1m|10m [--runs N] [--duckdb table,view,fold] [--only impactkit] [--json FILE]
// `--only impactkit` times impactkit alone (no DuckDB run, no comparison), e.g. to follow its peak RSS.
// Every value of impactkit's JSON report that DuckDB also computes is compared (euros to the cent).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type PeerValue, STRATEGIES, type Strategy } from './duckdb.js';
import { currentCommunes, generateWorkspace, RANGE } from './workspace.js';

const root = path.resolve(import.meta.dirname, '..');
const { values: flags } = parseArgs({
  options: {
    size: { type: 'string', default: '1m' },
    runs: { type: 'string' },
    duckdb: { type: 'string' },
    only: { type: 'string' },
    json: { type: 'string' },
  },
});
const SIZES: Record<string, number> = { '100k': 100_000, '1m': 1_000_000, '10m': 10_000_000 };
const rows = SIZES[flags.size!] ?? Number(flags.size);
if (!Number.isInteger(rows) || rows <= 0) throw new Error(`--size takes 1m, 10m or a row count, not ${flags.size}`);
const large = rows >= 5_000_000;
const runs = Number(flags.runs ?? (large ? 1 : 3));
if (flags.only !== undefined && flags.only !== 'impactkit') throw new Error('--only takes impactkit');
const alone = flags.only === 'impactkit';
const strategies = alone ? [] : ((flags.duckdb ?? (large ? 'table' : STRATEGIES.join(','))).split(',') as Strategy[]);
for (const s of strategies) if (!STRATEGIES.includes(s)) throw new Error(`--duckdb takes ${STRATEGIES.join(', ')}`);
const jsonOut = flags.json ?? path.join(root, 'bench/results', `report-${flags.size}${alone ? '-impactkit' : ''}.json`);

// The workspace is generated once per size and kept in the system temp folder (10 M rows take a while).
const workspace = path.join(os.tmpdir(), `impactkit-bench-${rows}-v1`);
const complete = path.join(workspace, '.complete');
if (!existsSync(complete)) {
  console.log(`generating ${rows.toLocaleString('en-GB')} beneficiary rows in ${workspace} …`);
  await generateWorkspace(workspace, rows);
  writeFileSync(complete, '');
}
const communesCsv = path.join(workspace, 'communes.csv');
if (!existsSync(communesCsv)) {
  writeFileSync(
    communesCsv,
    `code,dep\n${currentCommunes()
      .map((c) => `${c.code},${c.departement}`)
      .join('\n')}\n`,
  );
}
const bytes = statSync(path.join(workspace, 'data/beneficiaries.csv')).size;

interface Measure {
  seconds: number;
  /** User + system CPU seconds: on shared cores, the figure least disturbed by other work. */
  cpuSeconds: number;
  peakMiB: number;
}
/** One child under /usr/bin/time: its wall time and peak resident set. */
function timed(command: string[], cwd: string): Measure {
  const timing = path.join(os.tmpdir(), `impactkit-bench-time-${process.pid}`);
  execFileSync('/usr/bin/time', ['-o', timing, '-f', '%e %U %S %M', ...command], {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [seconds, user, system, kib] = readFileSync(timing, 'utf8').trim().split(/\s+/).slice(-4).map(Number);
  return { seconds: seconds!, cpuSeconds: user! + system!, peakMiB: kib! / 1024 };
}

const reportFile = path.join(workspace, 'report.json');
const impactCommand = [
  process.execPath,
  path.join(root, 'bin/impact.js'),
  'report',
  '-q',
  '--by',
  'territory:departement,period:year',
  '-f',
  'json',
  '-o',
  reportFile,
];
const jiti = path.join(root, 'node_modules/jiti/lib/jiti-cli.mjs');
const peerFile = (s: Strategy) => path.join(workspace, `duckdb-${s}.json`);
const peerCommand = (s: Strategy) => [
  process.execPath,
  jiti,
  path.join(root, 'bench/duckdb.ts'),
  workspace,
  s,
  communesCsv,
  peerFile(s),
];

const context = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  loadBefore: os.loadavg().map((l) => Math.round(l * 100) / 100),
  loadAfter: [] as number[],
};
console.log(
  `workspace: ${rows.toLocaleString('en-GB')} beneficiary rows (${(bytes / 1e6).toFixed(0)} MB), 3,000 sites, 300 organisations, 2,000 investments`,
);
console.log(
  `machine: ${context.cpus} cores, ${context.memoryGiB} GiB, Node ${context.node}, load ${context.loadBefore.join(' ')}`,
);

const measures = new Map<string, Measure[]>([
  ['impactkit', []],
  ...strategies.map((s): [string, Measure[]] => [`duckdb ${s}`, []]),
]);
for (let run = 0; run < runs; run++) {
  // Alternate who goes first, so a busy moment on the shared cores does not always fall on the same tool.
  const order = run % 2 === 0 ? ['impactkit', ...strategies] : [...strategies, 'impactkit'];
  for (const who of order) {
    const measure =
      who === 'impactkit' ? timed(impactCommand, workspace) : timed(peerCommand(who as Strategy), workspace);
    measures.get(who === 'impactkit' ? who : `duckdb ${who}`)!.push(measure);
    console.log(
      `  run ${run + 1}: ${who.padEnd(9)} ${measure.seconds.toFixed(2)} s wall, ${measure.cpuSeconds.toFixed(2)} s CPU, ${measure.peakMiB.toFixed(0)} MiB`,
    );
  }
}
context.loadAfter = os.loadavg().map((l) => Math.round(l * 100) / 100);

// ---- Compare every value ----------------------------------------------------------------------------
interface ReportValue {
  indicator: string;
  territory: string | null;
  period: string;
  value: number | null;
  numerator?: number;
  denominator?: number;
  attributable?: number;
}
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { values: ReportValue[] };
const EUROS = new Set([
  'finance.invested',
  'finance.invested_direct',
  'finance.invested_via_funds',
  'finance.donations_mobilised',
  'finance.leverage/numerator',
]);
// Weighted euros are sums of amount × share in floating point: summed in another order they may round
// to a neighbouring cent. Every other euro figure must be exact.
const WEIGHTED = new Set(['finance.invested', 'finance.invested_via_funds', 'finance.leverage/numerator']);
const RATIOS: Record<string, [string, string]> = {
  'mobility.lift_rate': ['mobility.lifted_out_of_precarity', 'mobility.lift_rate/denominator'],
  'territory.qpv_share': ['territory.qpv_share/numerator', 'territory.qpv_share/denominator'],
  'finance.leverage': ['finance.leverage/numerator', 'finance.invested'],
  'youth.reached_per_keur': ['youth.reached', 'finance.invested'],
  'youth.cost_per_young_person': ['finance.invested', 'youth.reached'],
};

interface Comparison {
  indicator: string;
  field: 'value' | 'numerator' | 'denominator' | 'attributable';
  cells: number;
  margins: number;
  mismatches: number;
  /** Of the mismatches, those in the whole-range column (the period margin). */
  atRangeMargin: number;
  maxDifference: number;
  example?: string;
}

function compare(peerValues: PeerValue[]): Comparison[] {
  const peer = new Map<string, { value: number; attributable?: number }>();
  const cellKey = (indicator: string, territory: string | null, period: string) =>
    `${indicator}|${territory}|${period}`;
  for (const p of peerValues) {
    const euros = EUROS.has(p.indicator);
    const value = euros ? Math.round(p.value) / 100 : p.value;
    const entry: { value: number; attributable?: number } = { value };
    if (p.attributable !== undefined) entry.attributable = euros ? Math.round(p.attributable) / 100 : p.attributable;
    peer.set(cellKey(p.indicator, p.territory, p.period), entry);
  }
  // youth.reached = distinct young people + the youth_reached metrics reported, cell by cell.
  const youth = (territory: string | null, period: string) =>
    (peer.get(cellKey('youth.reached/people', territory, period))?.value ?? 0) +
    (peer.get(cellKey('reported.youth_reached', territory, period))?.value ?? 0);
  const lookup = (indicator: string, territory: string | null, period: string): number =>
    indicator === 'youth.reached'
      ? youth(territory, period)
      : (peer.get(cellKey(indicator, territory, period))?.value ?? 0);
  const computedByPeer = new Set([...peerValues.map((p) => p.indicator), 'youth.reached', ...Object.keys(RATIOS)]);
  const results = new Map<string, Comparison>();
  const check = (v: ReportValue, field: Comparison['field'], actual: number | null | undefined, expected: number) => {
    const id = `${v.indicator} ${field}`;
    const result = results.get(id) ?? {
      indicator: v.indicator,
      field,
      cells: 0,
      margins: 0,
      mismatches: 0,
      atRangeMargin: 0,
      maxDifference: 0,
    };
    results.set(id, result);
    const margin = v.territory === 'FR' || v.period === `${RANGE.from}/${RANGE.to}`;
    if (margin) result.margins++;
    else result.cells++;
    const tolerance = field === 'attributable' ? 2e-6 : WEIGHTED.has(v.indicator) ? 0.0100001 : 1e-9;
    const difference = Math.abs((actual ?? 0) - expected);
    result.maxDifference = Math.max(result.maxDifference, difference);
    if (difference > tolerance * Math.max(1, field === 'attributable' ? Math.abs(expected) : 1)) {
      result.mismatches++;
      if (v.period === `${RANGE.from}/${RANGE.to}`) result.atRangeMargin++;
      result.example ??= `${v.territory} ${v.period}: impactkit ${actual}, DuckDB ${expected}`;
    }
  };
  for (const v of report.values) {
    if (!computedByPeer.has(v.indicator)) continue;
    const ratio = RATIOS[v.indicator];
    if (ratio) {
      check(v, 'numerator', v.numerator, lookup(ratio[0], v.territory, v.period));
      check(v, 'denominator', v.denominator, lookup(ratio[1], v.territory, v.period));
      continue;
    }
    check(v, 'value', v.value, lookup(v.indicator, v.territory, v.period));
    const attributable = peer.get(cellKey(v.indicator, v.territory, v.period))?.attributable;
    if (v.attributable !== undefined) check(v, 'attributable', v.attributable, attributable ?? 0);
  }
  // A value DuckDB finds that the report lacks is a mismatch too.
  const reported = new Set(report.values.map((v) => cellKey(v.indicator, v.territory, v.period)));
  let missing = 0;
  for (const p of peerValues) {
    if (p.indicator.includes('/') || p.value === 0) continue;
    if (!reported.has(cellKey(p.indicator, p.territory, p.period))) missing++;
  }
  if (missing > 0) {
    results.set('missing', {
      indicator: '(cells missing from the report)',
      field: 'value',
      cells: missing,
      margins: 0,
      mismatches: missing,
      atRangeMargin: 0,
      maxDifference: 0,
    });
  }
  return [...results.values()];
}

const comparisons = Object.fromEntries(
  strategies.map((s) => [s, compare(JSON.parse(readFileSync(peerFile(s), 'utf8')) as PeerValue[])]),
);

// ---- Print and write --------------------------------------------------------------------------------
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const impactMedian = median(measures.get('impactkit')!.map((m) => m.seconds));
const impactCpu = median(measures.get('impactkit')!.map((m) => m.cpuSeconds));
const table = [...measures].map(([tool, list]) => {
  const seconds = list.map((m) => m.seconds);
  const wall = median(seconds);
  const cpu = median(list.map((m) => m.cpuSeconds));
  return {
    tool,
    runs: list.length,
    wallMedianSeconds: wall,
    wallMinSeconds: Math.min(...seconds),
    wallMaxSeconds: Math.max(...seconds),
    cpuMedianSeconds: cpu,
    peakRssMiB: Math.round(Math.max(...list.map((m) => m.peakMiB))),
    rowsPerSecond: Math.round(rows / wall),
    impactkitOverThis: Math.round((impactMedian / wall) * 100) / 100,
    impactkitCpuOverThis: Math.round((impactCpu / cpu) * 100) / 100,
  };
});
console.log('');
console.log(
  'tool            runs   wall median (min–max)       CPU median   peak RSS   rows/s (wall)   impactkit ÷ this (wall, CPU)',
);
for (const t of table) {
  const wall = `${t.wallMedianSeconds.toFixed(2)} s (${t.wallMinSeconds.toFixed(2)}–${t.wallMaxSeconds.toFixed(2)})`;
  console.log(
    `${t.tool.padEnd(15)} ${String(t.runs).padStart(4)}   ${wall.padEnd(26)} ${`${t.cpuMedianSeconds.toFixed(2)} s`.padStart(10)} ${`${t.peakRssMiB} MiB`.padStart(10)} ${t.rowsPerSecond.toLocaleString('en-GB').padStart(15)}   ${t.impactkitOverThis.toFixed(2)}×, ${t.impactkitCpuOverThis.toFixed(2)}×`,
  );
}
for (const [strategy, list] of Object.entries(comparisons)) {
  const compared = list.reduce((n, c) => n + c.cells + c.margins, 0);
  const wrong = list.filter((c) => c.mismatches > 0);
  console.log(
    `\nvalues vs duckdb ${strategy}: ${compared.toLocaleString('en-GB')} compared over ${new Set(list.map((c) => c.indicator)).size} indicators, ${wrong.length === 0 ? 'all identical' : `${wrong.reduce((n, c) => n + c.mismatches, 0)} differ`}`,
  );
  for (const c of wrong)
    console.log(
      `  ${c.indicator} ${c.field}: ${c.mismatches} differ, ${c.atRangeMargin} of them in the whole-range margin (max ${c.maxDifference}); e.g. ${c.example}`,
    );
}
mkdirSync(path.dirname(jsonOut), { recursive: true });
writeFileSync(jsonOut, `${JSON.stringify({ rows, bytes, context, timings: table, comparisons }, null, 2)}\n`);
console.log(`\nwritten to ${path.relative(process.cwd(), jsonOut)}`);
