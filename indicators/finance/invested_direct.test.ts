import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'finance.invested_direct';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const cell = (territory: string, period: string) => r.value(ID, { territory, period });

// E's own investments into non-fund organisations: i6 E → A 50,000 (2023, dep:93) and
// i7 E → B 30,000 (2024, dep:75). i1 and i16 are commitments into the fund F1; i18 is dated 2026.
describe(ID, () => {
  it('sums E’s direct investments by investee territory and date', () => {
    expect(cell('dep:93', '2023').value).toBe(50_000);
    expect(cell('dep:75', '2024').value).toBe(30_000);
    expect(cell('dep:69', '2024').value).toBe(0); // X is financed only through funds
    expect(cell('FR', '2025').value).toBe(0);
  });

  it('sums into its margins', () => {
    expect(cell('FR', '2023').value).toBe(50_000);
    expect(cell('dep:75', ALL).value).toBe(30_000);
    expect(cell('FR', ALL).value).toBe(80_000); // 50,000 + 30,000
    expect(cell('FR', ALL).attributable).toBeUndefined();
  });
});
