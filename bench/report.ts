// Benchmark: `impact report` over a generated workspace of N beneficiary rows (default 1 M).
// Run with `npm run bench:report` (or `npm run bench -- --rows 200000`); the figures go in the README.
// Deterministic data (seeded), so runs on the same machine are comparable.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { random as seededRandom } from './beneficiaries.js';

const root = path.resolve(import.meta.dirname, '..');
const argRows = process.argv.indexOf('--rows');
const rows = argRows > 0 ? Number(process.argv[argRows + 1]) : 1_000_000;
const runs = Number(process.env.BENCH_RUNS ?? 3);

// Real INSEE commune codes in 26 départements (one mobility platform each).
const COMMUNES = [
  '93066',
  '75056',
  '13055',
  '69123',
  '59350',
  '33063',
  '31555',
  '44109',
  '67482',
  '34172',
  '35238',
  '76540',
  '38185',
  '62498',
  '06088',
  '30189',
  '42218',
  '63113',
  '68224',
  '80021',
  '51454',
  '45234',
  '25056',
  '87085',
  '60175',
  '66136',
];
const LEVELS = ['severe', 'precarious', 'fragile', 'autonomous'];
const OUTCOMES = ['employment', 'training', 'other', 'none'];

async function generate(dir: string): Promise<void> {
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  writeFileSync(
    path.join(dir, 'impact.yaml'),
    `version: 1
name: Benchmark
reporting_entity: INV
range: { from: 2019-01-01, to: 2025-12-31 }
breakdown: [territory:departement, period:year]
datasets:
  organisations: data/organisations.csv
  investments: data/investments.csv
  sites: data/sites.csv
  beneficiaries: data/beneficiaries.csv
`,
  );
  writeFileSync(
    path.join(dir, 'data/organisations.csv'),
    'org_id,name,kind,territory\nINV,Investor,investor,75\nMOB,Mobility,enterprise,93\n',
  );
  writeFileSync(
    path.join(dir, 'data/investments.csv'),
    'investment_id,investor_id,investee_id,amount_eur,date,instrument\nI1,INV,MOB,1000000,2019-06-01,equity\n',
  );
  writeFileSync(
    path.join(dir, 'data/sites.csv'),
    `site_id,org_id,name,kind,territory,opened_on\n${COMMUNES.map((c, i) => `P${i},MOB,Platform ${i},mobility_platform,${c},2019-01-01`).join('\n')}\n`,
  );
  const random = seededRandom(42);
  const out = createWriteStream(path.join(dir, 'data/beneficiaries.csv'));
  out.write('beneficiary_id,site_id,entry_date,birth_year,gender,qpv,intake_level,exit_date,exit_level,outcome\n');
  const people = Math.max(1, Math.floor(rows * 0.8));
  for (let i = 0; i < rows; i++) {
    const site = Math.floor(random() * COMMUNES.length);
    const day = Math.floor(random() * 2500);
    const entry = new Date(Date.UTC(2019, 0, 1 + day)).toISOString().slice(0, 10);
    const exited = random() < 0.7;
    const exit = new Date(Date.UTC(2019, 0, 1 + Math.min(2556, day + 30 + Math.floor(random() * 300))))
      .toISOString()
      .slice(0, 10);
    const intake = LEVELS[Math.floor(random() * 3)];
    const line = `B${i % people},P${site},${entry},${1960 + Math.floor(random() * 45)},${random() < 0.5 ? 'f' : 'm'},${random() < 0.4},${intake},${exited ? exit : ''},${exited ? LEVELS[1 + Math.floor(random() * 3)] : ''},${exited ? OUTCOMES[Math.floor(random() * 4)] : ''}\n`;
    // The key is person + site + entry date: a rare collision is rejected as a duplicate, as it should be.
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

const dir = mkdtempSync(path.join(tmpdir(), 'impact-bench-'));
try {
  await generate(dir);
  const size = statSync(path.join(dir, 'data/beneficiaries.csv')).size;
  console.log(`workspace: ${rows.toLocaleString('en-GB')} beneficiary rows, ${(size / 1e6).toFixed(1)} MB`);
  const times: number[] = [];
  let rss = 0;
  // /usr/bin/time reports wall seconds and peak resident memory (KiB) on stderr.
  for (let run = 0; run < runs; run++) {
    const result = execFileSync(
      'sh',
      [
        '-c',
        `/usr/bin/time -f '%e %M' "${process.execPath}" "${path.join(root, 'bin/impact.js')}" report -q -f json -o report.json 2>&1 >/dev/null | tail -n 1`,
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    const [seconds, kb] = result.trim().split(/\s+/).map(Number);
    times.push(seconds ?? Number.NaN);
    rss = Math.max(rss, kb ?? 0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`impact report -f json: median ${median.toFixed(2)} s of ${runs} runs (best ${times[0]!.toFixed(2)} s)`);
  console.log(
    `throughput: ${Math.round(rows / median).toLocaleString('en-GB')} rows/s; peak RSS ${(rss / 1024).toFixed(0)} MiB`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
