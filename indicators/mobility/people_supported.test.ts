import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'mobility.people_supported';
// With every built-in, as a report computes them: the grid holds every département any of them saw.
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const v = (territory: string, period: string) => r.value(ID, { territory, period }).value;

describe(ID, () => {
  it('counts distinct people entering a mobility platform in each cell', () => {
    // 2023 entries at platforms: M1 (P1 dep:93 and P2 dep:75), M2 (P1), M5 (P2, lives in dep:92), M6 (P4 dep:69)
    expect(v('dep:93', '2023')).toBe(2); // M1, M2
    expect(v('dep:75', '2023')).toBe(1); // M1
    expect(v('dep:92', '2023')).toBe(1); // M5, by residence rather than P2's dep:75
    expect(v('dep:69', '2023')).toBe(1); // M6
    expect(v('dep:93', '2024')).toBe(1); // M2's second entry
    expect(v('dep:75', '2025')).toBe(2); // M4, M8 at P3
    // youth sites (Y1, Y2, Y3) are not mobility platforms; M7 entered in 2022, before the range
    expect(v('dep:93', '2025')).toBe(0);
  });

  it('counts a person once in the territory margin, never the sum of départements', () => {
    // 2023: {M1, M2, M5, M6} = 4, while the départements add up to 2 + 1 + 1 + 1 = 5
    expect(v('FR', '2023')).toBe(4);
    expect(v('FR', '2024')).toBe(2); // M2, M3
    expect(v('FR', '2025')).toBe(2); // M4, M8
  });

  it('counts a person once in the period margin, never the sum of years', () => {
    expect(v('dep:93', ALL)).toBe(2); // M1, M2 (M2 entered in 2023 and 2024)
    expect(v('dep:75', ALL)).toBe(4); // M1, M3, M4, M8
    // grand total: M1, M2, M3, M4, M5, M6, M8 = 7 (years add up to 4 + 2 + 2 = 8)
    expect(v('FR', ALL)).toBe(7);
  });

  it('is a unique count, so it carries no attributable part', () => {
    expect(r.value(ID, { territory: 'FR', period: ALL }).attributable).toBeUndefined();
  });

  it('counts a person seen in two départements once in their région', () => {
    const byRegion = evaluate({ ...workspace, indicators: [ID], breakdown: ['territory:region', 'period:year'] });
    // reg:11 in 2023: M1 (dep:93 and dep:75), M2 (dep:93), M5 (dep:92) = 3, not 2 + 1 + 1 = 4
    expect(byRegion.value(ID, { territory: 'reg:11', period: '2023' }).value).toBe(3);
    expect(byRegion.value(ID, { territory: 'reg:84', period: '2023' }).value).toBe(1); // M6
  });

  it('places people in age bands from age or from entry year minus birth_year', () => {
    const byAge = evaluate({ ...workspace, indicators: [ID], breakdown: ['age_band'] });
    const band = (age_band: string) => byAge.value(ID, { age_band }).value;
    expect(band('16-25')).toBe(4); // M1 22, M3 2024 − 2006 = 18, M5 16, M6 25
    expect(band('26-49')).toBe(1); // M4 30
    expect(band('50+')).toBe(1); // M2 2023 − 1970 = 53 (and 54 in 2024)
    expect(band('<16')).toBe(1); // M8 15
    expect(byAge.value(ID).value).toBe(7); // the age_band margin
  });
});
