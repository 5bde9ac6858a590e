import { describe, expect, it } from 'vitest';
import {
  communesLoadedForTest,
  parseTerritory,
  rollUpTerritory,
  TERRITORY_LEVELS,
  territoryLevel,
  territoryName,
} from '../../src/data/territory.js';

// Must run first: it checks that coarse codes never pay for reading communes.json.
describe('lazy loading', () => {
  it('does not load communes for département, région and country codes', () => {
    expect(parseTerritory('93')).toEqual({ ok: true, code: 'dep:93', level: 'departement' });
    expect(parseTerritory('reg:11')).toEqual({ ok: true, code: 'reg:11', level: 'region' });
    expect(parseTerritory('FR')).toEqual({ ok: true, code: 'FR', level: 'country' });
    expect(parseTerritory('1').ok).toBe(false);
    expect(rollUpTerritory('dep:93', 'region')).toBe('reg:11');
    expect(territoryName('dep:93')).toBe('Seine-Saint-Denis');
    expect(communesLoadedForTest()).toBe(false);
    expect(parseTerritory('93066').ok).toBe(true);
    expect(communesLoadedForTest()).toBe(true);
  });
});

describe('TERRITORY_LEVELS', () => {
  it('goes from finest to coarsest', () => {
    expect(TERRITORY_LEVELS).toEqual(['commune', 'epci', 'departement', 'region', 'country']);
  });
});

describe('parseTerritory', () => {
  it('reads bare codes by their length', () => {
    expect(parseTerritory('93066')).toEqual({ ok: true, code: 'com:93066', level: 'commune' });
    expect(parseTerritory('2A004')).toEqual({ ok: true, code: 'com:2A004', level: 'commune' });
    expect(parseTerritory('97411')).toEqual({ ok: true, code: 'com:97411', level: 'commune' });
    expect(parseTerritory('01')).toEqual({ ok: true, code: 'dep:01', level: 'departement' });
    expect(parseTerritory('2A')).toEqual({ ok: true, code: 'dep:2A', level: 'departement' });
    expect(parseTerritory('971')).toEqual({ ok: true, code: 'dep:971', level: 'departement' });
    expect(parseTerritory('200054781')).toEqual({ ok: true, code: 'epci:200054781', level: 'epci' });
  });

  it('accepts prefixes in any case, lowercase codes and surrounding spaces', () => {
    expect(parseTerritory('com:93066')).toEqual({ ok: true, code: 'com:93066', level: 'commune' });
    expect(parseTerritory('COM:2a004')).toEqual({ ok: true, code: 'com:2A004', level: 'commune' });
    expect(parseTerritory(' dep:2b ')).toEqual({ ok: true, code: 'dep:2B', level: 'departement' });
    expect(parseTerritory('Epci:200054781')).toEqual({ ok: true, code: 'epci:200054781', level: 'epci' });
    expect(parseTerritory('REG:84')).toEqual({ ok: true, code: 'reg:84', level: 'region' });
    expect(parseTerritory('fr')).toEqual({ ok: true, code: 'FR', level: 'country' });
  });

  it('accepts municipal arrondissements', () => {
    for (const code of ['75101', '75111', '13201', '69381']) {
      expect(parseTerritory(code)).toEqual({ ok: true, code: `com:${code}`, level: 'commune' });
    }
  });

  it('hints 01 for a one-digit département', () => {
    const parsed = parseTerritory('1');
    expect(parsed).toMatchObject({ ok: false, hint_en: 'did you mean 01?' });
    if (!parsed.ok) expect(parsed.reason_fr).toContain('département');
  });

  it('points a postal code to the INSEE code', () => {
    const parsed = parseTerritory('93100');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason_en).toContain('unknown commune');
    expect(parsed.hint_en).toBe('looks like a postal code; the INSEE code of Montreuil is 93048');
    expect(parsed.hint_fr).toContain('Montreuil (93048)');
  });

  it('points a former commune to the commune it now belongs to', () => {
    // Cordieux (01120) is an associated commune of Montluel (01262).
    const parsed = parseTerritory('01120');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.hint_en).toContain('Montluel (01262)');
  });

  it('points a retired code to the current one', () => {
    // Corsica's communes were numbered 20xxx before the 1976 split into 2A/2B.
    const parsed = parseTerritory('20004');
    if (!parsed.ok) expect(parsed.hint_en).toContain('Ajaccio (2A004)');
    else expect.unreachable();
  });

  it('rejects unknown codes in both languages', () => {
    expect(parseTerritory('99999')).toEqual({
      ok: false,
      reason_en: 'unknown commune code "99999"',
      reason_fr: 'code commune inconnu « 99999 »',
    });
    expect(parseTerritory('99')).toMatchObject({ ok: false, reason_en: 'unknown département "99"' });
    expect(parseTerritory('123456789')).toMatchObject({ ok: false, reason_en: 'unknown EPCI "123456789"' });
    expect(parseTerritory('reg:99')).toMatchObject({ ok: false, reason_en: 'unknown région "99"' });
    for (const raw of ['', 'Paris', 'reg:', 'x:93', '1234', 'epci:93066']) {
      expect(parseTerritory(raw)).toMatchObject({
        ok: false,
        reason_en: 'not a territory code (commune, département, EPCI, reg:NN or FR)',
      });
    }
  });
});

describe('territoryLevel and territoryName', () => {
  it('reads the level from the prefix', () => {
    expect(territoryLevel('com:93066')).toBe('commune');
    expect(territoryLevel('epci:200054781')).toBe('epci');
    expect(territoryLevel('dep:93')).toBe('departement');
    expect(territoryLevel('reg:11')).toBe('region');
    expect(territoryLevel('FR')).toBe('country');
  });

  it('names territories', () => {
    expect(territoryName('com:93066')).toBe('Saint-Denis');
    expect(territoryName('com:2A004')).toBe('Ajaccio');
    expect(territoryName('com:75111')).toBe('Paris 11e Arrondissement');
    expect(territoryName('epci:200054781')).toBe('Métropole du Grand Paris');
    expect(territoryName('dep:974')).toBe('La Réunion');
    expect(territoryName('reg:11')).toBe('Île-de-France');
    expect(territoryName('reg:94')).toBe('Corse');
    expect(territoryName('FR')).toBe('France');
    expect(territoryName('dep:99')).toBeUndefined();
  });
});

describe('rollUpTerritory', () => {
  it('rolls Saint-Denis (93) up through the Métropole du Grand Paris', () => {
    expect(rollUpTerritory('com:93066', 'commune')).toBe('com:93066');
    expect(rollUpTerritory('com:93066', 'epci')).toBe('epci:200054781');
    expect(rollUpTerritory('com:93066', 'departement')).toBe('dep:93');
    expect(rollUpTerritory('com:93066', 'region')).toBe('reg:11');
    expect(rollUpTerritory('com:93066', 'country')).toBe('FR');
  });

  it('rolls Ajaccio up to Corse-du-Sud and Corse', () => {
    expect(rollUpTerritory('com:2A004', 'departement')).toBe('dep:2A');
    expect(rollUpTerritory('com:2A004', 'region')).toBe('reg:94');
  });

  it('rolls Saint-Denis de La Réunion up to 974 and région 04', () => {
    expect(rollUpTerritory('com:97411', 'departement')).toBe('dep:974');
    expect(rollUpTerritory('com:97411', 'region')).toBe('reg:04');
  });

  it('rolls a Paris arrondissement up like Paris', () => {
    expect(rollUpTerritory('com:75111', 'epci')).toBe('epci:200054781');
    expect(rollUpTerritory('com:75111', 'departement')).toBe('dep:75');
    expect(rollUpTerritory('com:75111', 'region')).toBe('reg:11');
  });

  it('keeps a commune outside any EPCI under its own code', () => {
    // Île-de-Bréhat (22016) is one of the four island communes outside any EPCI.
    expect(rollUpTerritory('com:22016', 'epci')).toBe('com:22016');
    expect(rollUpTerritory('com:22016', 'departement')).toBe('dep:22');
  });

  it('rolls an EPCI up to the département holding most of its population', () => {
    expect(rollUpTerritory('epci:200054781', 'departement')).toBe('dep:75');
    expect(rollUpTerritory('epci:200054781', 'region')).toBe('reg:11');
    expect(rollUpTerritory('epci:200054781', 'country')).toBe('FR');
  });

  it('rolls départements and régions up', () => {
    expect(rollUpTerritory('dep:2B', 'region')).toBe('reg:94');
    expect(rollUpTerritory('dep:971', 'region')).toBe('reg:01');
    expect(rollUpTerritory('dep:93', 'departement')).toBe('dep:93');
    expect(rollUpTerritory('reg:84', 'country')).toBe('FR');
    expect(rollUpTerritory('FR', 'country')).toBe('FR');
  });

  it('makes overseas collectivities their own région', () => {
    expect(parseTerritory('reg:975')).toEqual({ ok: true, code: 'reg:975', level: 'region' });
    expect(rollUpTerritory('dep:975', 'region')).toBe('reg:975');
    expect(rollUpTerritory('com:97502', 'region')).toBe('reg:975');
  });

  it('returns null for a level finer than the code', () => {
    expect(rollUpTerritory('dep:93', 'commune')).toBeNull();
    expect(rollUpTerritory('dep:93', 'epci')).toBeNull();
    expect(rollUpTerritory('epci:200054781', 'commune')).toBeNull();
    expect(rollUpTerritory('FR', 'region')).toBeNull();
  });
});
