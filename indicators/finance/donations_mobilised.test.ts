import { beforeEach, describe, expect, it } from 'vitest';
import { ALL, workspace } from '../../test/fixtures/engine.js';
import { type EngineOutput, evaluate } from '../../test/helpers/engine.js';

const ID = 'finance.donations_mobilised';
// Evaluated in each test, not at import, so that StrykerJS sees which tests cover which code.
let r: EngineOutput;
beforeEach(() => {
  r = evaluate(workspace);
});
const cell = (territory: string, period: string) => r.value(ID, { territory, period });

// Donations from companies: i11 K1 → Y 5,000 (2024, dep:93), i12 K1 → Z 3,000 (2025, dep:69),
// i13 K2 → B 10,000 (2025, dep:75). Not counted: i14 is a foundation's donation, i15 a company's grant.
// Attributable: value × share(E, recipient, cell end); share(E, Y) = share(E, Z) = 0,
// share(E, B, 2025-12-31) = 30,000 / (30,000 + 10,000) = 0.75 (the donation itself is an investment into B).
describe(ID, () => {
  it('sums company donations in euros by recipient territory and date', () => {
    expect(cell('dep:93', '2024').value).toBe(5_000);
    expect(cell('dep:75', '2025').value).toBe(10_000);
    expect(cell('dep:69', '2025').value).toBe(3_000);
    expect(cell('FR', '2023').value).toBe(0);
  });

  it('sums into its margins', () => {
    expect(cell('FR', '2024').value).toBe(5_000); // the foundation's 7,000 and the grant are left out
    expect(cell('FR', '2025').value).toBe(13_000);
    expect(cell('FR', ALL).value).toBe(18_000);
  });

  it('attributes each donation by E’s share of its recipient', () => {
    expect(cell('dep:93', '2024').attributable).toBe(0); // Y: 5,000 × 0
    expect(cell('dep:75', '2025').attributable).toBe(7_500); // B: 10,000 × 0.75
    expect(cell('FR', '2025').attributable).toBe(7_500); // + Z: 3,000 × 0
    expect(cell('FR', ALL).attributable).toBe(7_500);
  });
});
