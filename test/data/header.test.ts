import { describe, expect, it } from 'vitest';
import { SCHEMAS } from '../../src/data/datasets.js';
import { mapHeader } from '../../src/data/rows.js';

const where = { dataset: 'sites', file: 'data/sites.csv' };

describe('header mapping', () => {
  it('maps headers after trimming and case-folding, and through columns:', () => {
    const map = mapHeader(
      SCHEMAS.sites,
      [' Site_ID ', 'Opérateur', 'NAME', 'territory', 'opened_on'],
      { opérateur: 'org_id' },
      where,
    );
    expect(map.fatal).toBe(false);
    expect(map.problems).toEqual([]);
    // site_id, org_id, name, kind (absent), territory, opened_on, closed_on (absent)
    expect(map.indexes).toEqual([0, 1, 2, -1, 3, 4, -1]);
  });

  it('reports two headers that map to one column as duplicate-label, at line 1', () => {
    const map = mapHeader(
      SCHEMAS.sites,
      ['site_id', 'org_id', 'name', 'territory', 'opened_on', 'Date ouverture'],
      { 'date ouverture': 'opened_on' },
      where,
    );
    expect(map.fatal).toBe(true);
    expect(map.problems).toEqual([
      { code: 'duplicate-label', severity: 'error', ...where, line: 1, column: 'opened_on', value: 'Date ouverture' },
    ]);
  });

  it('reports a missing required column as missing-label and an unknown one as an extra-label warning', () => {
    const map = mapHeader(SCHEMAS.sites, ['site_id', 'org_id', 'name', 'territory', 'notes'], {}, where);
    expect(map.fatal).toBe(true);
    expect(map.problems).toEqual([
      { code: 'extra-label', severity: 'warning', ...where, line: 1, column: 'notes', value: 'notes' },
      { code: 'missing-label', severity: 'error', ...where, line: 1, column: 'opened_on' },
    ]);
  });
});
