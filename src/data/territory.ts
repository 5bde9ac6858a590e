// French geography from the Code Officiel Géographique 2026 (@etalab/decoupage-administratif), read from the
// compact index that scripts/build-geography.ts prebuilds beside this file: one small file per kind of
// lookup, each read on first use, so a report by département never reads a commune name or an EPCI.

import { readFileSync } from 'node:fs';

export type TerritoryLevel = 'commune' | 'epci' | 'departement' | 'region' | 'country';

/** Finest to coarsest. */
export const TERRITORY_LEVELS: readonly TerritoryLevel[] = ['commune', 'epci', 'departement', 'region', 'country'];

export type ParsedTerritory =
  | { ok: true; code: string; level: TerritoryLevel }
  | { ok: false; reason_en: string; reason_fr: string; hint_en?: string; hint_fr?: string };

interface Levels {
  departements: Record<string, [name: string, region: string]>;
  regions: Record<string, string>;
}
interface Communes {
  /** Current communes and municipal arrondissements, comma-separated. */
  current: string;
  /** Municipal arrondissement → its commune. */
  parent: Record<string, string>;
}
interface CommuneHints {
  /** Delegated/associated communes whose code is not also current → [name, the current commune]. */
  former: Record<string, [name: string, chefLieu: string | null]>;
  /** Codes retired by a merger or renumbering → the current commune. */
  oldCode: Record<string, string>;
  siren: Record<string, string>;
  postal: Record<string, string[]>;
}

function readIndex<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`./geography/${file}`, import.meta.url), 'utf8')) as T;
}
const lazily = <T>(file: string): (() => T) => {
  let value: T | undefined;
  return () => {
    value ??= readIndex<T>(file);
    return value;
  };
};

const levels = lazily<Levels>('levels.json');
const communeNames = lazily<Record<string, string>>('commune-names.json');
const communeHints = lazily<CommuneHints>('commune-hints.json');
const epcis = lazily<Record<string, [name: string, departement: string]>>('epci.json');
const epciOfCommune = lazily<Record<string, string>>('epci-members.json');
let communes: { current: Set<string>; parent: Map<string, string> } | undefined;
function getCommunes(): { current: Set<string>; parent: Map<string, string> } {
  if (communes) return communes;
  const index = readIndex<Communes>('communes.json');
  communes = { current: new Set(index.current.split(',')), parent: new Map(Object.entries(index.parent)) };
  return communes;
}
const hasOwn = (record: object, key: string): boolean => Object.hasOwn(record, key);
/** The record's own entry (index keys are codes: never a prototype's). */
const entry = <T>(record: Record<string, T>, key: string): T | undefined =>
  hasOwn(record, key) ? record[key] : undefined;

/** Test hook: whether the commune index has been read. */
export function communesLoadedForTest(): boolean {
  return communes !== undefined;
}

/** A current commune's département: its code starts with it (checked when the index is built). */
function departementOfCommune(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

const NOT_A_CODE: ParsedTerritory = {
  ok: false,
  reason_en: 'not a territory code (commune, département, EPCI, reg:NN or FR)',
  reason_fr: "n'est pas un code de territoire (commune, département, EPCI, reg:NN ou FR)",
};
const failure = (reason_en: string, reason_fr: string, hint_en?: string, hint_fr?: string): ParsedTerritory =>
  hint_en && hint_fr ? { ok: false, reason_en, reason_fr, hint_en, hint_fr } : { ok: false, reason_en, reason_fr };
const named = (code: string): string => `${communeNames()[code]} (${code})`;

function parseCommune(code: string): ParsedTerritory {
  if (getCommunes().current.has(code)) return { ok: true, code: `com:${code}`, level: 'commune' };
  const en = `unknown commune code "${code}"`;
  const fr = `code commune inconnu « ${code} »`;
  const hints = communeHints();
  const former = entry(hints.former, code);
  if (former?.[1] && getCommunes().current.has(former[1])) {
    return failure(
      en,
      fr,
      `${former[0]} is a former commune, now part of ${named(former[1])}`,
      `${former[0]} est une ancienne commune, rattachée à ${named(former[1])}`,
    );
  }
  const renamed = entry(hints.oldCode, code);
  if (renamed)
    return failure(
      en,
      fr,
      `former INSEE code; the current one is ${named(renamed)}`,
      `ancien code INSEE ; code actuel : ${named(renamed)}`,
    );
  const byPostal = entry(hints.postal, code);
  if (byPostal?.length) {
    const first = byPostal[0]!;
    const list = byPostal.slice(0, 3).map(named).join(', ') + (byPostal.length > 3 ? ', …' : '');
    return byPostal.length === 1
      ? failure(
          en,
          fr,
          `looks like a postal code; the INSEE code of ${communeNames()[first]} is ${first}`,
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
  if (hasOwn(levels().departements, code)) return { ok: true, code: `dep:${code}`, level: 'departement' };
  const en = `unknown département "${code}"`;
  const fr = `département inconnu « ${code} »`;
  if (code.length === 1 && hasOwn(levels().departements, `0${code}`)) {
    return failure(en, fr, `did you mean 0${code}?`, `vouliez-vous dire 0${code} ?`);
  }
  if (code === '20') return failure(en, fr, 'Corsica is 2A or 2B', 'la Corse est 2A ou 2B');
  return failure(en, fr);
}

function parseRegion(code: string): ParsedTerritory {
  if (hasOwn(levels().regions, code)) return { ok: true, code: `reg:${code}`, level: 'region' };
  const en = `unknown région "${code}"`;
  const fr = `région inconnue « ${code} »`;
  if (code.length === 1 && hasOwn(levels().regions, `0${code}`)) {
    return failure(en, fr, `did you mean reg:0${code}?`, `vouliez-vous dire reg:0${code} ?`);
  }
  return failure(en, fr);
}

function parseEpci(code: string): ParsedTerritory {
  if (hasOwn(epcis(), code)) return { ok: true, code: `epci:${code}`, level: 'epci' };
  const en = `unknown EPCI "${code}"`;
  const fr = `EPCI inconnu « ${code} »`;
  const commune = entry(communeHints().siren, code);
  if (commune) {
    const name = communeNames()[commune];
    return failure(
      en,
      fr,
      `this is the SIREN of the commune ${name}; its INSEE code is ${commune}`,
      `c'est le SIREN de la commune ${name} ; code INSEE : ${commune}`,
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
  if (level === 'region') return entry(levels().regions, id);
  if (level === 'departement') return entry(levels().departements, id)?.[0];
  if (level === 'epci') return entry(epcis(), id)?.[0];
  return getCommunes().current.has(id) ? communeNames()[id] : undefined;
}

function regionOfDepartement(dep: string): string {
  const d = entry(levels().departements, dep);
  if (!d) throw new Error(`unknown département code: ${dep}`);
  // Overseas collectivities (975, 977, 978, 984, 986–989) are their own région in the data (region '975', …).
  return d[1];
}

// Rows repeat a few thousand codes: each code's ancestor at a level is worked out once (per level, at
// most one entry per code of the geography).
const rolledUp = new Map<TerritoryLevel, Map<string, string | null>>();

/** The code of `code`'s ancestor at `level` ('com:93066' at 'departement' -> 'dep:93'); the code itself when level equals its own; null when `level` is finer than the code's own level (caller reports it under its own code). */
export function rollUpTerritory(code: string, level: TerritoryLevel): string | null {
  let memo = rolledUp.get(level);
  if (!memo) {
    memo = new Map();
    rolledUp.set(level, memo);
  }
  let ancestor = memo.get(code);
  if (ancestor === undefined) {
    ancestor = ancestorAt(code, level);
    memo.set(code, ancestor);
  }
  return ancestor;
}

function ancestorAt(code: string, level: TerritoryLevel): string | null {
  const own = split(code);
  const target = TERRITORY_LEVELS.indexOf(level);
  const from = TERRITORY_LEVELS.indexOf(own.level);
  if (target < from) return null;
  if (target === from) return code;
  if (level === 'country') return 'FR';
  let dep: string;
  if (own.level === 'commune') {
    const communeIndex = getCommunes();
    if (!communeIndex.current.has(own.id)) throw new Error(`unknown commune code: ${own.id}`);
    if (level === 'epci') {
      // Municipal arrondissements belong to their parent commune's EPCI; communes outside any EPCI stay as they are.
      const epci = entry(epciOfCommune(), communeIndex.parent.get(own.id) ?? own.id);
      return epci ? `epci:${epci}` : code;
    }
    dep = departementOfCommune(own.id);
  } else if (own.level === 'epci') {
    const epci = entry(epcis(), own.id);
    if (!epci) throw new Error(`unknown EPCI code: ${own.id}`);
    dep = epci[1];
  } else {
    dep = own.id;
  }
  return level === 'departement' ? `dep:${dep}` : `reg:${regionOfDepartement(dep)}`;
}
