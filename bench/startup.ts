// `npm run bench:startup`: the fixed cost of `impact report` on the example workspace against a bare
// `node -e 0` on the same machine (issue 8's goal: at most 5×). Runs alternate so load from other work
// hits both; each run is a child under /usr/bin/time (wall, user + system CPU). Medians are printed.
//   npm run bench:startup -- [--runs N] [--json FILE] [-- impact arguments…]
// Extra arguments replace `report` (e.g. `-- report -f json -o -`) to time another command.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const { values: flags, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '11' }, json: { type: 'string' } },
  allowPositionals: true,
});
const runs = Number(flags.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a positive count, not ${flags.runs}`);
const impactArgs = positionals.length > 0 ? positionals : ['report'];

interface Measure {
  seconds: number;
  /** User + system CPU seconds: on shared cores, the figure least disturbed by other work. */
  cpuSeconds: number;
}

const timing = path.join(os.tmpdir(), `impactkit-startup-time-${process.pid}`);
function timed(command: string[], cwd: string): Measure {
  execFileSync('/usr/bin/time', ['-o', timing, '-f', '%e %U %S', ...command], {
    cwd,
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const [seconds, user, system] = readFileSync(timing, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
  return { seconds: seconds!, cpuSeconds: user! + system! };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

// A copy of the example, so the plug-in cache in its .impact/ starts cold and the fixture stays untouched.
const workspace = mkdtempSync(path.join(os.tmpdir(), 'impactkit-startup-'));
try {
  cpSync(path.join(root, 'fixtures/example'), workspace, { recursive: true });
  const bin = path.join(root, 'bin/impact.js');
  if (!existsSync(path.join(root, 'dist/src/cli.js'))) throw new Error('run npm run build first');
  const impact = [process.execPath, bin, ...impactArgs];
  const bare = [process.execPath, '-e', '0'];
  const cold = timed(impact, workspace); // fills the plug-in cache; not counted
  const node: Measure[] = [];
  const report: Measure[] = [];
  for (let run = 0; run < runs; run++) {
    node.push(timed(bare, workspace));
    report.push(timed(impact, workspace));
  }
  const load = os.loadavg()[0]!.toFixed(1);
  const row = (name: string, m: Measure[]) => {
    const wall = m.map((x) => x.seconds);
    const cpu = m.map((x) => x.cpuSeconds);
    return `| ${name} | ${median(wall).toFixed(2)} s (${Math.min(...wall).toFixed(2)}–${Math.max(...wall).toFixed(2)}) | ${median(cpu).toFixed(2)} s (${Math.min(...cpu).toFixed(2)}–${Math.max(...cpu).toFixed(2)}) |`;
  };
  const wallRatio = median(report.map((m) => m.seconds)) / median(node.map((m) => m.seconds));
  const cpuRatio = median(report.map((m) => m.cpuSeconds)) / median(node.map((m) => m.cpuSeconds));
  console.log(`impact ${impactArgs.join(' ')} on fixtures/example, ${runs} alternating runs, Node ${process.version}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${load} at the end`);
  console.log(`first (cold plug-in cache) run: ${cold.seconds.toFixed(2)} s wall, ${cold.cpuSeconds.toFixed(2)} s CPU`);
  console.log('| command | wall, median (min–max) | CPU, median (min–max) |');
  console.log('|---|---|---|');
  console.log(row('node -e 0', node));
  console.log(row(`impact ${impactArgs.join(' ')}`, report));
  console.log(`ratio of medians: ${wallRatio.toFixed(1)}× wall, ${cpuRatio.toFixed(1)}× CPU (goal: at most 5×)`);
  if (flags.json) {
    writeFileSync(
      flags.json,
      `${JSON.stringify({ command: impactArgs, runs, node: process.version, load, cold, bare: node, impact: report, wallRatio, cpuRatio }, null, 2)}\n`,
    );
  }
} finally {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(timing, { force: true });
}
