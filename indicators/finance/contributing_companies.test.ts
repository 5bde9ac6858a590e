import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'finance.contributing_companies';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const v = (territory: string, period: string) => r.value(ID, { territory, period }).value;

// Company donations, placed by recipient: K1 → Y (2024, dep:93), K1 → Z (2025, dep:69),
// K2 → B (2025, dep:75). K2's 2024 grant is not a donation; Fd is a foundation.
describe(ID, () => {
  it('counts distinct donor companies in each cell', () => {
    expect(v('dep:93', '2024')).toBe(1); // K1
    expect(v('dep:69', '2025')).toBe(1); // K1
    expect(v('dep:75', '2025')).toBe(1); // K2
    expect(v('dep:93', '2023')).toBe(0);
  });

  it('counts each company once in the margins', () => {
    expect(v('FR', '2024')).toBe(1); // K1 (K2's grant and Fd's donation do not count)
    expect(v('FR', '2025')).toBe(2); // K1, K2
    // K1 gave in two départements and two years: {K1, K2} = 2, not 3
    expect(v('FR', ALL)).toBe(2);
  });
});
