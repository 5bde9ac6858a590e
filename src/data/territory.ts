// French geography from the Code Officiel Géographique 2026, read from @etalab/decoupage-administratif's JSON
// files (its package root throws on import). communes.json costs ~160 ms and 32 MB, so it is loaded lazily.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type TerritoryLevel = 'commune' | 'epci' | 'departement' | 'region' | 'country';

/** Finest to coarsest. */
export const TERRITORY_LEVELS: readonly TerritoryLevel[] = ['commune', 'epci', 'departement', 'region', 'country'];

export type ParsedTerritory =
  | { ok: true; code: string; level: TerritoryLevel }
  | { ok: false; reason_en: string; reason_fr: string; hint_en?: string; hint_fr?: string };

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
  chefLieu?: string; // delegated/associated communes: the current commune they belong to
  commune?: string; // municipal arrondissements: their parent commune
}
interface DepartementRecord {
  code: string;
  nom: string;
  region: string;
}
interface RegionRecord {
  code: string;
  nom: string;
}
interface EpciRecord {
  code: string;
  nom: string;
  membres: { code: string }[];
}

interface CommuneIndex {
  current: Map<string, CommuneRecord>; // current communes and municipal arrondissements
  former: Map<string, CommuneRecord>; // delegated/associated communes whose code is not also current
  oldCode: Map<string, CommuneRecord>; // codes retired by a merger or renumbering (anciensCodes)
  bySiren: Map<string, CommuneRecord>;
}

let dataDir: string | undefined;
function readData<T>(file: string): T {
  dataDir ??= join(
    dirname(createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/package.json')),
    'data',
  );
  return JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as T;
}

let departements: Map<string, DepartementRecord> | undefined;
let regions: Map<string, RegionRecord> | undefined;
let communes: CommuneIndex | undefined;
let postal: Map<string, CommuneRecord[]> | undefined;
let epcis: Map<string, EpciRecord> | undefined;
let epciOfCommune: Map<string, string> | undefined;
const epciDepartement = new Map<string, string>();

function getDepartements(): Map<string, DepartementRecord> {
  departements ??= new Map(readData<DepartementRecord[]>('departements.json').map((d) => [d.code, d]));
  return departements;
}
function getRegions(): Map<string, RegionRecord> {
  regions ??= new Map(readData<RegionRecord[]>('regions.json').map((r) => [r.code, r]));
  return regions;
}
function getCommunes(): CommuneIndex {
  if (communes) return communes;
  const index: CommuneIndex = { current: new Map(), former: new Map(), oldCode: new Map(), bySiren: new Map() };
  const all = readData<CommuneRecord[]>('communes.json');
  for (const c of all) {
    if (c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal') index.current.set(c.code, c);
    if (c.type === 'commune-actuelle') {
      for (const old of c.anciensCodes ?? []) index.oldCode.set(old, c);
      if (c.siren) index.bySiren.set(c.siren, c);
    }
  }
  for (const c of all) {
    if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && !index.current.has(c.code)) {
      index.former.set(c.code, c);
    }
  }
  communes = index;
  return index;
}
function getPostal(): Map<string, CommuneRecord[]> {
  if (postal) return postal;
  postal = new Map();
  for (const c of getCommunes().current.values()) {
    for (const p of c.codesPostaux ?? []) postal.set(p, [...(postal.get(p) ?? []), c]);
  }
  return postal;
}
function getEpcis(): Map<string, EpciRecord> {
  epcis ??= new Map(readData<EpciRecord[]>('epci.json').map((e) => [e.code, e]));
  return epcis;
}
function getEpciOfCommune(): Map<string, string> {
  if (epciOfCommune) return epciOfCommune;
  epciOfCommune = new Map();
  for (const e of getEpcis().values()) for (const m of e.membres) epciOfCommune.set(m.code, e.code);
  return epciOfCommune;
}

/** Test hook: whether communes.json has been read. */
export function communesLoadedForTest(): boolean {
  return communes !== undefined;
}

const NOT_A_CODE: ParsedTerritory = {
  ok: false,
  reason_en: 'not a territory code (commune, département, EPCI, reg:NN or FR)',
  reason_fr: "n'est pas un code de territoire (commune, département, EPCI, reg:NN ou FR)",
};
const failure = (reason_en: string, reason_fr: string, hint_en?: string, hint_fr?: string): ParsedTerritory =>
  hint_en && hint_fr ? { ok: false, reason_en, reason_fr, hint_en, hint_fr } : { ok: false, reason_en, reason_fr };
const named = (c: CommuneRecord): string => `${c.nom} (${c.code})`;

function parseCommune(code: string): ParsedTerritory {
  const index = getCommunes();
  if (index.current.has(code)) return { ok: true, code: `com:${code}`, level: 'commune' };
  const en = `unknown commune code "${code}"`;
  const fr = `code commune inconnu « ${code} »`;
  const former = index.former.get(code);
  const current = former?.chefLieu ? index.current.get(former.chefLieu) : undefined;
  if (former && current) {
    return failure(
      en,
      fr,
      `${former.nom} is a former commune, now part of ${named(current)}`,
      `${former.nom} est une ancienne commune, rattachée à ${named(current)}`,
    );
  }
  const renamed = index.oldCode.get(code);
  if (renamed)
    return failure(
      en,
      fr,
      `former INSEE code; the current one is ${named(renamed)}`,
      `ancien code INSEE ; code actuel : ${named(renamed)}`,
    );
  const byPostal = getPostal().get(code);
  if (byPostal?.length) {
    const first = byPostal[0]!;
    const list = byPostal.slice(0, 3).map(named).join(', ') + (byPostal.length > 3 ? ', …' : '');
    return byPostal.length === 1
      ? failure(
          en,
          fr,
          `looks like a postal code; the INSEE code of ${first.nom} is ${first.code}`,
          `ressemble à un code postal ; code INSEE : ${named(first)}`,
        )
      : failure(
          en,
          fr,
          `looks like a postal code; INSEE codes: ${list}`,
          `ressemble à un code postal ; codes INSEE : ${list}`,
        );
  }
  return failure(en, fr);
}

function parseDepartement(code: string): ParsedTerritory {
  if (getDepartements().has(code)) return { ok: true, code: `dep:${code}`, level: 'departement' };
  const en = `unknown département "${code}"`;
  const fr = `département inconnu « ${code} »`;
  if (code.length === 1 && getDepartements().has(`0${code}`)) {
    return failure(en, fr, `did you mean 0${code}?`, `vouliez-vous dire 0${code} ?`);
  }
  if (code === '20') return failure(en, fr, 'Corsica is 2A or 2B', 'la Corse est 2A ou 2B');
  return failure(en, fr);
}

function parseRegion(code: string): ParsedTerritory {
  if (getRegions().has(code)) return { ok: true, code: `reg:${code}`, level: 'region' };
  const en = `unknown région "${code}"`;
  const fr = `région inconnue « ${code} »`;
  if (code.length === 1 && getRegions().has(`0${code}`)) {
    return failure(en, fr, `did you mean reg:0${code}?`, `vouliez-vous dire reg:0${code} ?`);
  }
  return failure(en, fr);
}

function parseEpci(code: string): ParsedTerritory {
  if (getEpcis().has(code)) return { ok: true, code: `epci:${code}`, level: 'epci' };
  const en = `unknown EPCI "${code}"`;
  const fr = `EPCI inconnu « ${code} »`;
  const commune = getCommunes().bySiren.get(code);
  if (commune) {
    return failure(
      en,
      fr,
      `this is the SIREN of the commune ${commune.nom}; its INSEE code is ${commune.code}`,
      `c'est le SIREN de la commune ${commune.nom} ; code INSEE : ${commune.code}`,
    );
  }
  return failure(en, fr);
}

const COMMUNE_SHAPE = /^[0-9][0-9AB][0-9]{3}$/;
const DEPARTEMENT_SHAPE = /^[0-9]([0-9AB][0-9]?)?$/;

export function parseTerritory(raw: string): ParsedTerritory {
  const value = raw.trim().toUpperCase();
  if (value === 'FR') return { ok: true, code: 'FR', level: 'country' };
  const match = /^(COM|EPCI|DEP|REG):\s*(.+)$/.exec(value);
  const prefix = match?.[1];
  const body = match?.[2] ?? value;
  if (prefix === 'REG') return /^[0-9]{1,3}$/.test(body) ? parseRegion(body) : NOT_A_CODE;
  if ((prefix === undefined || prefix === 'COM') && COMMUNE_SHAPE.test(body)) return parseCommune(body);
  if ((prefix === undefined || prefix === 'DEP') && DEPARTEMENT_SHAPE.test(body)) return parseDepartement(body);
  if ((prefix === undefined || prefix === 'EPCI') && /^[0-9]{9}$/.test(body)) return parseEpci(body);
  return NOT_A_CODE;
}

const LEVEL_OF_PREFIX: Record<string, TerritoryLevel> = {
  com: 'commune',
  epci: 'epci',
  dep: 'departement',
  reg: 'region',
};

function split(code: string): { level: TerritoryLevel; id: string } {
  if (code === 'FR') return { level: 'country', id: 'FR' };
  const colon = code.indexOf(':');
  const level = LEVEL_OF_PREFIX[code.slice(0, colon)];
  if (colon < 0 || !level) throw new Error(`not a prefixed territory code: ${code}`);
  return { level, id: code.slice(colon + 1) };
}

export function territoryLevel(code: string): TerritoryLevel {
  return split(code).level;
}

export function territoryName(code: string): string | undefined {
  const { level, id } = split(code);
  if (level === 'country') return 'France';
  if (level === 'region') return getRegions().get(id)?.nom;
  if (level === 'departement') return getDepartements().get(id)?.nom;
  if (level === 'epci') return getEpcis().get(id)?.nom;
  return getCommunes().current.get(id)?.nom;
}

function commune(id: string): CommuneRecord {
  const c = getCommunes().current.get(id);
  if (!c) throw new Error(`unknown commune code: ${id}`);
  return c;
}

// An EPCI may straddle départements (89 do): it rolls up to the one where most of its members' population lives.
function departementOfEpci(id: string): string {
  const cached = epciDepartement.get(id);
  if (cached) return cached;
  const epci = getEpcis().get(id);
  if (!epci) throw new Error(`unknown EPCI code: ${id}`);
  const weight = new Map<string, number>();
  for (const m of epci.membres) {
    const c = getCommunes().current.get(m.code);
    if (c) weight.set(c.departement, (weight.get(c.departement) ?? 0) + (c.population ?? 0));
  }
  // Ties go to the smallest code so the result never depends on member order.
  const [best] = [...weight].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (!best) throw new Error(`EPCI without known members: ${id}`);
  epciDepartement.set(id, best[0]);
  return best[0];
}

function regionOfDepartement(dep: string): string {
  const d = getDepartements().get(dep);
  if (!d) throw new Error(`unknown département code: ${dep}`);
  // Overseas collectivities (975, 977, 978, 984, 986–989) are their own région in the data (region '975', …).
  return d.region;
}

/** The code of `code`'s ancestor at `level` ('com:93066' at 'departement' -> 'dep:93'); the code itself when level equals its own; null when `level` is finer than the code's own level (caller reports it under its own code). */
export function rollUpTerritory(code: string, level: TerritoryLevel): string | null {
  const own = split(code);
  const target = TERRITORY_LEVELS.indexOf(level);
  const from = TERRITORY_LEVELS.indexOf(own.level);
  if (target < from) return null;
  if (target === from) return code;
  if (level === 'country') return 'FR';
  let dep: string;
  if (own.level === 'commune') {
    const c = commune(own.id);
    if (level === 'epci') {
      // Municipal arrondissements belong to their parent commune's EPCI; communes outside any EPCI stay as they are.
      const epci = getEpciOfCommune().get(c.commune ?? c.code);
      return epci ? `epci:${epci}` : code;
    }
    if (level === 'region') return `reg:${c.region}`;
    dep = c.departement;
  } else if (own.level === 'epci') {
    dep = departementOfEpci(own.id);
  } else {
    dep = own.id;
  }
  return level === 'departement' ? `dep:${dep}` : `reg:${regionOfDepartement(dep)}`;
}
