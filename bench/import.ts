// `npm run bench:import`: rows per second of `impact import` on 1 M generated beneficiary rows (the README's
// figure), into a fresh store, then a newer export of the same people (mostly updates) into that store.
// Runs the built CLI (npm run build first) as a user would. BENCH_ROWS and BENCH_RUNS override the defaults.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
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

function importOnce(workspace: string, file: string): { seconds: number; summary: Summary } {
  const start = performance.now();
  const stdout = execFileSync(process.execPath, [BIN, 'import', 'beneficiaries', file, '--json'], {
    cwd: workspace,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return { seconds: (performance.now() - start) / 1000, summary: JSON.parse(stdout) as Summary };
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

  const fresh: number[] = [];
  const update: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    rmSync(path.join(workspace, '.impact'), { recursive: true, force: true });
    const a = importOnce(workspace, first);
    if (a.summary.files[0]?.inserted !== ROWS)
      throw new Error(`expected ${ROWS} inserted: ${JSON.stringify(a.summary)}`);
    fresh.push(a.seconds);
    const b = importOnce(workspace, newer);
    const counts = b.summary.files[0]!;
    if (counts.read !== ROWS || counts.rejected !== 0) throw new Error(`unexpected counts: ${JSON.stringify(counts)}`);
    update.push(b.seconds);
    console.log(
      `  run ${run + 1}: fresh ${a.seconds.toFixed(2)} s, newer export ${b.seconds.toFixed(2)} s (${counts.updated.toLocaleString('en-GB')} updated, ${counts.unchanged.toLocaleString('en-GB')} unchanged)`,
    );
  }
  const noop = importOnce(workspace, newer).seconds;
  console.log(`into an empty store:  best ${rate(Math.min(...fresh))} rows/s, median ${rate(median(fresh))} rows/s`);
  console.log(`newer export (upsert): best ${rate(Math.min(...update))} rows/s, median ${rate(median(update))} rows/s`);
  console.log(`same file again (no-op): ${noop.toFixed(2)} s`);
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
