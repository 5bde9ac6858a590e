// The short form of the fault loop (the full one is `npm run test:faults`): a few imports and report
// writes killed with SIGKILL at random points must leave a sound store and an intact previous report.
import { describe, expect, it } from 'vitest';
import { runFaultLoop } from './fault-loop.js';

describe('imports and report writes killed at random points', () => {
  it('leave a store that passes integrity_check with whole batches, and the previous report intact', async () => {
    const result = await runFaultLoop({ kills: 6, seed: 9, rowsPerImport: 5_000 });
    expect(result.problems).toEqual([]);
    expect(result.killsInjected).toBe(6);
    expect(result.inconsistentStores).toBe(0);
    expect(result.damagedPreviousReports).toBe(0);
    expect(result.rowsLost).toBe(0);
  }, 300_000);
});
