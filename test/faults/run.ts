// `npm run test:faults`: the full fault loop, with the figures the README quotes. Exit 1 on any fault.
import { runFaultLoop } from './fault-loop.js';

const kills = Number(process.env.FAULT_KILLS ?? 100);
const seed = Number(process.env.FAULT_SEED ?? 2026);
const result = await runFaultLoop({ kills, seed });
for (const problem of result.problems) console.error(problem);
console.log(
  [
    `kills injected: ${result.killsInjected} (${result.importsKilled} imports, ${result.reportsKilled} report writes; ${result.killedMidway} before the process ended)`,
    `inconsistent stores: ${result.inconsistentStores}`,
    `damaged previous reports: ${result.damagedPreviousReports}`,
    `rows lost: ${result.rowsLost}`,
  ].join('\n'),
);
process.exitCode = result.problems.length === 0 ? 0 : 1;
