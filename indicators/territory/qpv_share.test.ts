import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'territory.qpv_share';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const cell = (territory: string, period: string) => r.value(ID, { territory, period });

// Entries (any site) in range with their qpv, true / false / unknown (blank):
//   2023: M1 true (dep:93 and dep:75), M2 false (93), M5 false (92), M6 true (69), Y3 false (93)
//   2024: M2 false (93), M3 unknown (75), Y1 true (69)
//   2025: M4 true (75), M8 false (75), Y1 true (93), Y2 unknown (93)
//   M7 entered in 2022.
describe(ID, () => {
  it('divides distinct people with qpv true by distinct people with qpv known', () => {
    expect(cell('dep:93', '2023')).toMatchObject({ numerator: 1, denominator: 3 }); // M1 / M1, M2, Y3
    expect(cell('dep:93', '2023').value).toBeCloseTo(1 / 3, 12);
    expect(cell('dep:92', '2023')).toMatchObject({ value: 0, numerator: 0, denominator: 1 }); // 0 / M5
    expect(cell('dep:75', '2025')).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 }); // M4 / M4, M8
    expect(cell('dep:93', '2025')).toMatchObject({ value: 1, numerator: 1, denominator: 1 }); // Y1; Y2 unknown
  });

  it('gives null and a note when nobody’s qpv is known', () => {
    const unknown = cell('dep:75', '2024'); // only M3, qpv blank
    expect(unknown).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(unknown.note).toBeTruthy();
  });

  it('computes margins from distinct people, not from child ratios', () => {
    // 2023: {M1, M6} / {M1, M2, M5, M6, Y3} = 2/5 (M1 counted once although in dep:93 and dep:75)
    expect(cell('FR', '2023')).toMatchObject({ value: 0.4, numerator: 2, denominator: 5 });
    expect(cell('FR', '2024')).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 }); // Y1 / M2, Y1
    // dep:93 over the range: {M1, Y1} / {M1, M2, Y3, Y1} = 0.5
    expect(cell('dep:93', ALL)).toMatchObject({ value: 0.5, numerator: 2, denominator: 4 });
    // grand total: {M1, M4, M6, Y1} / {M1, M2, M4, M5, M6, M8, Y1, Y3} = 4/8
    expect(cell('FR', ALL)).toMatchObject({ value: 0.5, numerator: 4, denominator: 8 });
  });
});
