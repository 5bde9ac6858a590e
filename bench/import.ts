// `npm run bench:import`: rows per second of `impact import` on 1 M generated beneficiary rows (the README's
// figure), into a fresh store, then a newer export of the same people (mostly updates) into that store.
// Runs the built CLI (npm run build first) as a user would. BENCH_ROWS and BENCH_RUNS override the defaults.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBeneficiaries } from './beneficiaries.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'impact.js');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Summary {
  files: { read: number; inserted: number; updated: number; unchanged: number; rejected: number }[];
}

interface Measure {
  seconds: number;
  /** User + system CPU seconds: on cores shared with other work, the figure least disturbed by it. */
  cpuSeconds: number;
  peakMiB: number;
  summary: Summary;
}

/** One import as a child under /usr/bin/time: wall and CPU seconds, peak resident set, its JSON summary. */
function importOnce(workspace: string, file: string): Measure {
  const timing = path.join(workspace, '.time');
  const stdout = execFileSync(
    '/usr/bin/time',
    ['-o', timing, '-f', '%e %U %S %M', process.execPath, BIN, 'import', 'beneficiaries', file, '--json'],
    { cwd: workspace, encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  const [seconds, user, system, kib] = readFileSync(timing, 'utf8').trim().split(/\s+/).slice(-4).map(Number);
  return {
    seconds: seconds!,
    cpuSeconds: user! + system!,
    peakMiB: kib! / 1024,
    summary: JSON.parse(stdout) as Summary,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rate = (seconds: number) => Math.round(ROWS / seconds).toLocaleString('en-GB');

const workspace = mkdtempSync(path.join(tmpdir(), 'impact-bench-'));
try {
  cpSync(path.join(ROOT, 'test', 'fixtures', 'store-workspace'), workspace, { recursive: true });
  const first = path.join(workspace, 'imports', 'bench-first.csv');
  const newer = path.join(workspace, 'imports', 'bench-newer.csv');
  await writeBeneficiaries(first, { rows: ROWS, seed: 1, exited: 0.3 });
  // The newer export: the same people (the same keys), more of them have left since.
  await writeBeneficiaries(newer, { rows: ROWS, seed: 2, exited: 0.8 });
  const mb = (file: string) => (statSync(file).size / 1e6).toFixed(0);
  console.log(`impact import: ${ROWS.toLocaleString('en-GB')} beneficiary rows (${mb(first)} MB), ${RUNS} runs`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);

  const fresh: Measure[] = [];
  const update: Measure[] = [];
  const describe = (m: Measure) =>
    `${m.seconds.toFixed(2)} s (${m.cpuSeconds.toFixed(2)} s CPU, ${m.peakMiB.toFixed(0)} MiB peak)`;
  for (let run = 0; run < RUNS; run++) {
    rmSync(path.join(workspace, '.impact'), { recursive: true, force: true });
    const a = importOnce(workspace, first);
    if (a.summary.files[0]?.inserted !== ROWS)
      throw new Error(`expected ${ROWS} inserted: ${JSON.stringify(a.summary)}`);
    fresh.push(a);
    const b = importOnce(workspace, newer);
    const counts = b.summary.files[0]!;
    if (counts.read !== ROWS || counts.rejected !== 0) throw new Error(`unexpected counts: ${JSON.stringify(counts)}`);
    update.push(b);
    console.log(
      `  run ${run + 1}: fresh ${describe(a)}, newer export ${describe(b)} (${counts.updated.toLocaleString('en-GB')} updated, ${counts.unchanged.toLocaleString('en-GB')} unchanged)`,
    );
  }
  const noop = importOnce(workspace, newer);
  const line = (name: string, m: Measure[]) => {
    const wall = m.map((x) => x.seconds);
    const cpu = m.map((x) => x.cpuSeconds);
    return `${name}: median ${rate(median(wall))} rows/s by wall time (best ${rate(Math.min(...wall))}), ${rate(median(cpu))} rows/s by CPU time, peak ${Math.max(...m.map((x) => x.peakMiB)).toFixed(0)} MiB`;
  };
  console.log(line('into an empty store', fresh));
  console.log(line('newer export (upsert)', update));
  console.log(`same file again (no-op): ${describe(noop)}`);
  console.log(`load average at the end: ${loadavg()[0]!.toFixed(1)} (other work on the same cores slows wall times)`);
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
