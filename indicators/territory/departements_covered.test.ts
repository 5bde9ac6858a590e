import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'territory.departements_covered';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const v = (territory: string, period: string) => r.value(ID, { territory, period }).value;

// Sites of any kind open on the period's last day, and their départements:
//   end 2023: P1 (93), P2 (75), S1 (69), S2 (93); P4 (69) closed that day -> {93, 75, 69} = 3
//   end 2024: P1, S1, S2 (P2 closed 2024-06-30)                            -> {93, 69} = 2
//   end 2025: P1, P3 (75), S2 (S1 closed 2025-06-30)                       -> {93, 75} = 2
//   S3 opens in 2026.
describe(ID, () => {
  it('counts the département of a cell when one of its sites is open at the end', () => {
    expect(v('dep:69', '2023')).toBe(1);
    expect(v('dep:93', '2023')).toBe(1); // P1 and S2: one département
    expect(v('dep:75', '2024')).toBe(0);
    expect(v('dep:69', '2025')).toBe(0);
  });

  it('counts distinct départements in the margins, at the period end', () => {
    expect(v('FR', '2023')).toBe(3);
    expect(v('FR', '2024')).toBe(2);
    expect(v('FR', '2025')).toBe(2);
    expect(v('dep:69', ALL)).toBe(0); // the value on 2025-12-31
    expect(v('FR', ALL)).toBe(2); // the value on 2025-12-31, not 3 + 2 + 2
    expect(r.value(ID, { territory: 'FR', period: ALL }).attributable).toBeUndefined();
  });

  it('counts each département once in its région', () => {
    const byRegion = evaluate({ ...workspace, indicators: [ID], breakdown: ['territory:region', 'period:year'] });
    expect(byRegion.value(ID, { territory: 'reg:11', period: '2023' }).value).toBe(2); // 93 and 75, 3 sites
    expect(byRegion.value(ID, { territory: 'reg:84', period: '2023' }).value).toBe(1); // 69
  });
});
