// The committed geography index (src/data/geography/) must be exactly what scripts/build-geography.ts
// makes from the installed @etalab/decoupage-administratif: a package upgrade without a rebuild fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGeographyIndex } from '../../scripts/build-geography.js';

const dir = path.resolve(import.meta.dirname, '../../src/data/geography');
const committed = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));

describe('geography index', () => {
  const built = buildGeographyIndex();

  it('is the committed index, file by file', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(built).sort());
    for (const [file, content] of Object.entries(built)) expect(committed(file), file).toEqual(content);
  });

  it('holds the facts the loader relies on', () => {
    const levels = built['levels.json'] as { departements: Record<string, [string, string]> };
    expect(levels.departements['93']).toEqual(['Seine-Saint-Denis', '11']);
    expect(levels.departements['2A']).toEqual(['Corse-du-Sud', '94']);
    const communes = (built['communes.json'] as { current: string; parent: Record<string, string> }).current.split(',');
    // 34,969 current communes and 45 municipal arrondissements (NOTES.md, COG 2026).
    expect(communes).toHaveLength(34_969 + 45);
    expect(communes).toContain('93066');
    expect((built['communes.json'] as { parent: Record<string, string> }).parent['75101']).toBe('75056');
    expect(Object.keys(built['epci.json'] as object)).toHaveLength(1255);
    expect((built['epci-members.json'] as Record<string, string>)['93066']).toBe('200054781');
  });
});
