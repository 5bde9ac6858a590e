import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'youth.reached';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const v = (territory: string, period: string) => r.value(ID, { territory, period }).value;

// Entries of any site in range with age at entry in 16–25:
//   2023: M1 22 (P1 dep:93 and P2 dep:75), M5 16 (dep:92), M6 25 (dep:69), Y3 2023 − 2007 = 16 (dep:93)
//   2024: M3 2024 − 2006 = 18 (dep:75), Y1 2024 − 2000 = 24 (S1 dep:69)
//   2025: Y1 25 (S2 dep:93)
//   not young: M2 53/54, M4 30, M8 15, Y2 26; M7 (20) entered in 2022, before the range.
// Reported youth_reached metrics, summed by period_end: 10 in dep:93 2023 (site S2), 5 in dep:69
// 2024 (org X), 7 in dep:75 2025 (own territory); the one ending 2026-03-31 and `volunteers` are not used.
describe(ID, () => {
  it('adds distinct young people and reported metrics in a cell', () => {
    expect(v('dep:93', '2023')).toBe(12); // {M1, Y3} + 10
    expect(v('dep:75', '2023')).toBe(1); // M1
    expect(v('dep:92', '2023')).toBe(1); // M5
    expect(v('dep:69', '2024')).toBe(6); // Y1 + 5
    expect(v('dep:75', '2025')).toBe(7); // metric only
    expect(v('dep:93', '2025')).toBe(1); // Y1
  });

  it('counts each young person once in the territory margin', () => {
    expect(v('FR', '2023')).toBe(14); // {M1, M5, M6, Y3} + 10 (M1 is in dep:93 and dep:75)
    expect(v('FR', '2024')).toBe(7); // {M3, Y1} + 5
    expect(v('FR', '2025')).toBe(8); // {Y1} + 7
  });

  it('counts each young person once over the range', () => {
    expect(v('dep:93', ALL)).toBe(13); // {M1, Y3, Y1} + 10
    expect(v('dep:69', ALL)).toBe(7); // {M6, Y1} + 5
    // grand total: {M1, M3, M5, M6, Y1, Y3} + 10 + 5 + 7 = 28; the years add up to 29 (Y1 in 2024 and 2025)
    expect(v('FR', ALL)).toBe(28);
  });

  it('reads the youth band from params', () => {
    const wide = evaluate({ ...workspace, params: { youth_age: [15, 30] }, indicators: [ID] });
    // adds M4 (30) and M8 (15) in 2025; Y2 is 26: {Y1, M4, M8, Y2} + 7
    expect(wide.value(ID, { territory: 'FR', period: '2025' }).value).toBe(11);
  });
});
