// Builds the compact geography index (src/data/geography/*.json) from @etalab/decoupage-administratif,
// and copies it beside the compiled loader (dist/src/data/geography/). Run by `npm run build`.
// The index is committed so that tests and jiti runs from source need no build, and a change of the
// Code Officiel Géographique shows in a diff; test/data/geography.test.ts checks it against the package.
// Each file is what one kind of lookup needs, so a run reads only the levels it meets (see territory.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

interface CommuneRecord {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement: string;
  region: string;
  siren?: string;
  codesPostaux?: string[];
  population?: number;
  anciensCodes?: string[];
  chefLieu?: string;
  commune?: string;
}

const require = createRequire(import.meta.url);
const read = <T>(file: string): T =>
  JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${file}`), 'utf8')) as T;
const byCode = <T>(entries: [string, T][]): Record<string, T> =>
  Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** File name → content of every index file. */
export function buildGeographyIndex(): Record<string, unknown> {
  const departements = read<{ code: string; nom: string; region: string }[]>('departements.json');
  const regions = read<{ code: string; nom: string }[]>('regions.json');
  const communes = read<CommuneRecord[]>('communes.json');
  const epcis = read<{ code: string; nom: string; membres: { code: string }[] }[]>('epci.json');
  const regionOf = new Map(departements.map((d) => [d.code, d.region]));

  const current = communes.filter((c) => c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal');
  const currentCodes = new Set(current.map((c) => c.code));
  for (const c of current) {
    // The loader derives a commune's département from its code and the région from the département.
    const prefix = c.code.slice(0, c.departement.length);
    if (prefix !== c.departement || regionOf.get(c.departement) !== c.region) {
      throw new Error(`commune ${c.code}: département ${c.departement} / région ${c.region} not derivable`);
    }
  }
  const population = new Map(current.map((c) => [c.code, c.population ?? 0]));
  const departementOfCommune = new Map(current.map((c) => [c.code, c.departement]));
  // An EPCI may straddle départements (89 do): it rolls up to the one where most of its members' population
  // lives; ties go to the smallest code so the result never depends on member order.
  const epciDepartement = (members: { code: string }[]): string => {
    const weight = new Map<string, number>();
    for (const m of members) {
      const dep = departementOfCommune.get(m.code);
      if (dep) weight.set(dep, (weight.get(dep) ?? 0) + (population.get(m.code) ?? 0));
    }
    const [best] = [...weight].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (!best) throw new Error('EPCI without known members');
    return best[0];
  };
  const postal = new Map<string, string[]>();
  for (const c of communes) {
    if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
    for (const p of c.codesPostaux ?? []) postal.set(p, [...(postal.get(p) ?? []), c.code]);
  }
  const actuelles = communes.filter((c) => c.type === 'commune-actuelle');
  return {
    'levels.json': {
      departements: byCode(departements.map((d): [string, [string, string]] => [d.code, [d.nom, d.region]])),
      regions: byCode(regions.map((r): [string, string] => [r.code, r.nom])),
    },
    'communes.json': {
      current: current.map((c) => c.code).join(','),
      // Municipal arrondissements belong to their parent commune's EPCI.
      parent: byCode(current.filter((c) => c.commune).map((c): [string, string] => [c.code, c.commune!])),
    },
    'commune-names.json': byCode(
      communes
        .filter((c) => currentCodes.has(c.code) && c.type !== 'commune-deleguee' && c.type !== 'commune-associee')
        .map((c): [string, string] => [c.code, c.nom]),
    ),
    'commune-hints.json': {
      former: byCode(
        communes
          .filter((c) => (c.type === 'commune-deleguee' || c.type === 'commune-associee') && !currentCodes.has(c.code))
          .map((c): [string, [string, string | null]] => [c.code, [c.nom, c.chefLieu ?? null]]),
      ),
      oldCode: byCode(actuelles.flatMap((c) => (c.anciensCodes ?? []).map((old): [string, string] => [old, c.code]))),
      siren: byCode(actuelles.filter((c) => c.siren).map((c): [string, string] => [c.siren!, c.code])),
      postal: byCode([...postal]),
    },
    'epci.json': byCode(epcis.map((e): [string, [string, string]] => [e.code, [e.nom, epciDepartement(e.membres)]])),
    'epci-members.json': byCode(epcis.flatMap((e) => e.membres.map((m): [string, string] => [m.code, e.code]))),
  };
}

export function writeGeographyIndex(root: string): void {
  const index = buildGeographyIndex();
  for (const dir of ['src/data/geography', 'dist/src/data/geography']) {
    mkdirSync(path.join(root, dir), { recursive: true });
    for (const [file, content] of Object.entries(index)) {
      writeFileSync(path.join(root, dir, file), `${JSON.stringify(content)}\n`);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  writeGeographyIndex(path.resolve(import.meta.dirname, '..'));
}
