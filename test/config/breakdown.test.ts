import { describe, expect, it } from 'vitest';
import { parseBreakdown } from '../../src/config/index.js';

describe('parseBreakdown', () => {
  it('reads levels, fills defaults and reports every bad item', () => {
    const r = parseBreakdown(['territory:region', 'period:quarter', 'gender', 'bogus', 'period:week']);
    expect(r.items).toEqual([
      { dimension: 'territory', level: 'region' },
      { dimension: 'period', level: 'quarter' },
      { dimension: 'gender' },
    ]);
    expect(r.errors).toEqual([
      'unknown dimension "bogus" (expected one of territory, period, organisation, site, programme, gender, qpv, age_band)',
      'unknown level "week" for period (expected one of year, quarter, month)',
    ]);
  });

  it('defaults territory to departement and period to year', () => {
    expect(parseBreakdown(['territory', 'period']).items).toEqual([
      { dimension: 'territory', level: 'departement' },
      { dimension: 'period', level: 'year' },
    ]);
  });

  it('accepts comma-separated items as --by gives them', () => {
    expect(parseBreakdown(['territory:epci, age_band']).items).toEqual([
      { dimension: 'territory', level: 'epci' },
      { dimension: 'age_band' },
    ]);
  });

  it('suggests a close dimension and refuses repeats and stray levels', () => {
    expect(parseBreakdown(['teritory', 'qpv:yes', 'site', 'site']).errors).toEqual([
      'unknown dimension "teritory", did you mean `territory`? (expected one of territory, period, organisation, site, programme, gender, qpv, age_band)',
      'qpv takes no level (expected qpv)',
      'site is given twice (expected each dimension once)',
    ]);
  });
});
