// Generates the data of the reference example workspace (fixtures/example/data/) from a fixed seed.
// Run: npx jiti scripts/generate-example.ts. Every run writes the same bytes: own PRNG, no clock,
// sorted output. fixtures/example/impact.yaml is hand-written and describes these files.
// Scenario: a public investor (BDT) funds a mobility social enterprise directly and through funds
// (its network grows from 9 platforms at the end of 2019 to 26 at the end of 2024), and a territorial
// endowment against youth poverty in Seine-Saint-Denis, fed by local companies, funds associations.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import YAML from 'yaml';

// ---------------------------------------------------------------- scenario constants
const SEED = 20_190_101;
const RANGE_FROM = '2019-01-01';
const RANGE_TO = '2025-12-31';
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const EXPECTED_OPEN_AT_END: Record<number, number> = { 2019: 9, 2024: 26 };
const MOBILITY_ENTRIES_PER_YEAR = 30; // new entries per platform-year (times the site's size factor)
const YOUTH_ENTRIES_PER_YEAR = 45; // per youth project-year
const REENTRY_RATE = 0.05; // entries by someone already seen (same site again, or another site)
const RESIDENCE_KNOWN = 0.7; // else empty, and the site's territory is used
const QPV_KNOWN = 0.9;
const EXIT_RATE = 0.78; // before truncation at the end of the range or the site's closure
const ACTIONS = 60;
const PROGRAMME_YOUTH = 'Pauvreté des jeunes';
const LEVELS = ['severe', 'precarious', 'fragile', 'autonomous'] as const; // worst -> best
type Level = (typeof LEVELS)[number];
const INTAKE: Record<Level, number> = { severe: 30, precarious: 35, fragile: 22, autonomous: 13 };
const EXIT_LEVEL: Record<Level, Partial<Record<Level, number>>> = {
  severe: { severe: 25, precarious: 35, fragile: 30, autonomous: 10 },
  precarious: { severe: 5, precarious: 30, fragile: 45, autonomous: 20 },
  fragile: { precarious: 5, fragile: 40, autonomous: 55 },
  autonomous: { fragile: 10, autonomous: 90 },
};
const OUTCOME_LIFTED = { employment: 45, training: 25, other: 15, none: 15 };
const OUTCOME_NOT_LIFTED = { employment: 20, training: 20, other: 25, none: 35 };
const OUTCOME_YOUTH = { employment: 25, training: 40, other: 20, none: 15 };
const AGES_MOBILITY = { '18-25': 20, '26-49': 60, '50-64': 20 };
const AGES_YOUTH = { '16-25': 90, '14-15': 4, '26-29': 6 };
const GENDERS = { f: 54, m: 45, x: 1 };
const ACTION_TYPES = { orientation: 50, introduction: 40, support: 10 };

// Mobility platforms by opening year: commune codes, one EPCI (CA de Lens - Liévin), one département
// (Guadeloupe). 9 open at the end of 2019; 19 opened in 2020-2024, 2 of them closed: 26 at end 2024.
const PLATFORM_OPENINGS: Record<number, string[]> = {
  2013: ['93066'],
  2014: ['75056'],
  2015: ['13055', '69123'],
  2016: ['59350'],
  2017: ['33063'],
  2018: ['31555', '44109'],
  2019: ['93048'],
  2020: ['67482', '34172', '35238', '60175', '38185'],
  2021: ['76540', '246200364', '06088', '971', '66136'],
  2022: ['42218', '63113', '80021', '59512'],
  2023: ['68224', '30189', '76351'],
  2024: ['51454', '87085'],
  2025: ['25056', '45234'],
};
const PLATFORM_CLOSURES: Record<string, string> = { '60175': '2022-06-30', '66136': '2023-03-31' };
const BIG_PLATFORMS = ['75056', '13055']; // Paris, Marseille: more entries

// [org_id, name, kind, territory, sector, has a SIREN] (funds are co-ownerships: no SIREN)
const ORGS: [string, string, string, string, string, boolean][] = [
  ['BDT', 'Banque publique des territoires', 'investor', '75', 'finance publique', true],
  ['CAISSE_SOLIDAIRE', "Caisse solidaire d'investissement", 'investor', '75', 'finance solidaire', true],
  ['FISO', "Fonds d'innovation sociale", 'fund', '75', 'capital-investissement à impact', false],
  ['FISO2', "Fonds d'amorçage solidaire", 'fund', '75', 'capital-investissement à impact', false],
  ['MOBSOL', 'Mobilité Solidaire', 'enterprise', '75', 'mobilité inclusive', true],
  ['ENT_RECYCLERIE', 'Recyclerie du Nord', 'enterprise', '59350', 'économie circulaire', true],
  ['ENT_NUMERIQUE', 'Numérique pour tous', 'enterprise', '69123', 'inclusion numérique', true],
  ['FONDATION_DAT', "Dotation d'Action Territoriale Seine-Saint-Denis", 'foundation', '93', 'jeunesse', true],
  ['COMP_BOULANGERIE', 'Boulangerie du Canal', 'company', '93066', 'alimentation', true],
  ['COMP_BTP', 'Bâtiments Plaine Commune', 'company', '93066', 'BTP', true],
  ['COMP_LOGISTIQUE', 'Logistique Roissy-Est', 'company', '93005', 'logistique', true],
  ['COMP_IMPRIMERIE', "Imprimerie de l'Ourcq", 'company', '93053', 'imprimerie', true],
  ['COMP_HOTEL', 'Hôtel des Docks', 'company', '93070', 'hôtellerie', false],
  ['COMP_EXPERTISE', 'Cabinet Lefèvre & associés', 'company', '75', 'expertise comptable', true],
  ['COMP_GARAGE', 'Garage Moreau', 'company', '93010', 'automobile', true],
  ['COMP_STUDIO', 'Studio numérique de Montreuil', 'company', '93', 'services numériques', true],
  ['ASSO_CAP_AVENIR', 'Cap Avenir Jeunes', 'association', '93014', 'jeunesse', true],
  ['ASSO_BATISSEURS', 'Les Bâtisseurs de demain', 'association', '93071', 'insertion', true],
  ['ASSO_PASSERELLE', 'Passerelle numérique', 'association', '93066', 'inclusion numérique', true],
  ['ASSO_REUSSIR', 'Réussir ensemble', 'association', '93008', 'soutien scolaire', false],
  ['ASSO_PREMIER_EMPLOI', 'Premier emploi 93', 'association', '93', 'emploi des jeunes', true],
];

// Youth projects: [site_id, org_id, name, territory, opened_on, sends a beneficiary file]. Projects
// without a file report aggregates only (metric youth_reached): never both, so no one is counted twice.
const YOUTH_SITES: [string, string, string, string, string, boolean][] = [
  ['JP-CLICHY', 'ASSO_CAP_AVENIR', 'Coup de pouce, Clichy-sous-Bois', '93014', '2021-09-06', true],
  ['JP-SEVRAN', 'ASSO_BATISSEURS', 'Chantier d’avenir à Sevran', '93071', '2022-02-14', true],
  ['JP-SAINT-DENIS', 'ASSO_PASSERELLE', 'Atelier numérique Saint-Denis', '93066', '2021-10-04', true],
  ['JP-AUBERVILLIERS', 'ASSO_PASSERELLE', 'Atelier numérique Aubervilliers', '93001', '2023-01-09', true],
  ['JP-BOBIGNY', 'ASSO_REUSSIR', 'Réussir ensemble – Bobigny', '93008', '2022-01-10', false],
  ['JP-93', 'ASSO_PREMIER_EMPLOI', 'Premier emploi – Seine-Saint-Denis', '93', '2021-06-01', false],
];

// Fixed investments: [investor, investee, euros, date, instrument, programme, exited_on]. BDT holds 40%
// of FISO and FISO 40% of FISO2 (fund of funds). Company donations and endowment grants are drawn below.
// Holdings end (INDICATORS.md "Attribution over time"): BDT sells its first MOBSOL equity in 2024 and
// MOBSOL repays the 2021 loans that year; FISO sells its Recyclerie equity at the end of 2023; the
// Caisse solidaire leaves FISO2 in 2025, so BDT's share of FISO2 (through FISO) rises from 16% to 40%.
const MOB = 'Mobilité inclusive';
const FIS = "Fonds d'innovation sociale";
type Investment = [string, string, number, string, string, string, string?];
const FIXED_INVESTMENTS: Investment[] = [
  ['BDT', 'MOBSOL', 500_000, '2019-03-15', 'equity', MOB, '2024-09-30'],
  ['BDT', 'MOBSOL', 750_000, '2020-06-30', 'quasi_equity', MOB],
  ['BDT', 'MOBSOL', 1_000_000, '2021-04-12', 'loan', MOB, '2024-04-12'],
  ['BDT', 'MOBSOL', 1_500_000, '2022-05-20', 'equity', MOB],
  ['BDT', 'MOBSOL', 800_000, '2023-10-02', 'loan', MOB],
  ['BDT', 'MOBSOL', 1_200_000, '2024-03-18', 'quasi_equity', MOB],
  ['CAISSE_SOLIDAIRE', 'MOBSOL', 600_000, '2021-04-12', 'loan', MOB, '2024-04-12'],
  ['CAISSE_SOLIDAIRE', 'MOBSOL', 400_000, '2023-10-02', 'loan', MOB],
  ['BDT', 'FISO', 16_000_000, '2019-06-14', 'commitment', FIS],
  ['CAISSE_SOLIDAIRE', 'FISO', 24_000_000, '2019-06-14', 'commitment', FIS],
  ['BDT', 'FISO', 4_000_000, '2021-01-15', 'commitment', FIS],
  ['CAISSE_SOLIDAIRE', 'FISO', 6_000_000, '2021-01-15', 'commitment', FIS],
  ['FISO', 'FISO2', 6_000_000, '2022-02-01', 'commitment', FIS],
  ['CAISSE_SOLIDAIRE', 'FISO2', 9_000_000, '2022-02-01', 'commitment', FIS, '2025-03-31'],
  ['FISO', 'MOBSOL', 1_000_000, '2020-11-05', 'equity', MOB],
  ['FISO', 'MOBSOL', 1_500_000, '2023-06-15', 'equity', MOB],
  ['FISO', 'ENT_RECYCLERIE', 800_000, '2020-03-10', 'equity', 'Économie circulaire', '2023-12-15'],
  ['FISO', 'ENT_RECYCLERIE', 450_000, '2022-09-01', 'loan', 'Économie circulaire'],
  ['FISO2', 'ENT_NUMERIQUE', 350_000, '2022-07-01', 'equity', 'Inclusion numérique'],
  ['FISO2', 'ENT_NUMERIQUE', 500_000, '2024-02-15', 'quasi_equity', 'Inclusion numérique'],
  ['BDT', 'FONDATION_DAT', 150_000, '2021-02-01', 'grant', PROGRAMME_YOUTH],
  ['BDT', 'FONDATION_DAT', 100_000, '2023-02-01', 'grant', PROGRAMME_YOUTH],
];

// French Excel export headers; the typographic apostrophe is byte 0x92 in Windows-1252.
const BENEFICIARY_HEADER =
  'Identifiant;Plateforme;Date d’entrée;Année de naissance;Sexe;QPV;Commune de résidence;Niveau à l’entrée;Date de sortie;Niveau à la sortie;Issue';
const METRIC_HEADER = 'Organisation;Site;Indicateur;Valeur;Début;Fin;Territoire';

// ---------------------------------------------------------------- randomness, dates, formats
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const chance = (p: number): boolean => rand() < p;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
/** A key drawn with probability proportional to its weight (keys in insertion order). */
function weighted<K extends string>(weights: Partial<Record<K, number>>): K {
  const items = Object.entries(weights) as [K, number][];
  let r = rand() * items.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of items) {
    r -= w;
    if (r < 0) return k;
  }
  return items[items.length - 1]![0];
}
const age = (bands: Record<string, number>): number => {
  const [lo, hi] = weighted(bands).split('-').map(Number);
  return int(lo!, hi!);
};

const DAY_MS = 86_400_000;
const toDay = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
const iso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const frDate = (day: number): string => iso(day).split('-').reverse().join('/');
const isoOrEmpty = (day?: number): string => (day === undefined ? '' : iso(day));
const frDateOrEmpty = (day?: number): string => (day === undefined ? '' : frDate(day));
const yearOf = (day: number): number => +iso(day).slice(0, 4);
const FROM = toDay(RANGE_FROM);
const TO = toDay(RANGE_TO);
/** Saturdays and Sundays move to the next Monday, or back to the Friday when Monday is after `max`. */
function workday(day: number, max = Number.POSITIVE_INFINITY): number {
  const dow = (day + 4) % 7; // day 0 (1970-01-01) was a Thursday; 0 = Sunday
  const shift = dow === 6 ? 2 : dow === 0 ? 1 : 0;
  return shift === 0 ? day : day + shift <= max ? day + shift : day + shift - 3;
}
/** A working day of `year`, from the first day of `fromMonth` to late December. */
const inYear = (year: number, fromMonth = 1): string =>
  iso(workday(toDay(`${year}-${String(fromMonth).padStart(2, '0')}-01`) + int(0, 30 * (12 - fromMonth) + 25)));

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const slug = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-');
const euros = (cents: number): string =>
  cents % 100 === 0 ? String(cents / 100) : `${Math.floor(cents / 100)}.${pad(cents % 100, 2)}`;
/** French number: decimal comma and a regular space between thousands, e.g. 1 234,5 */
function frNumber(x: number, decimals: number): string {
  const [whole, frac] = x.toFixed(decimals).split('.');
  return whole!.replace(/\B(?=(\d{3})+$)/g, ' ') + (frac ? `,${frac}` : '');
}
const csvCell = (v: string, sep: string): string =>
  v.includes(sep) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
const csv = (header: string, rows: string[][], sep: string, eol: string): string =>
  [header, ...rows.map((r) => r.map((v) => csvCell(v, sep)).join(sep))].map((line) => line + eol).join('');
function luhnOk(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const n = +digits[digits.length - 1 - i]! * (i % 2 === 1 ? 2 : 1);
    sum += n > 9 ? n - 9 : n;
  }
  return sum % 10 === 0;
}
function siren(): string {
  const body = String(int(3, 9)) + Array.from({ length: 7 }, () => int(0, 9)).join('');
  return body + [...'0123456789'].find((c) => luhnOk(body + c))!;
}

// ---------------------------------------------------------------- official geography (COG)
type Commune = { code: string; nom: string; departement: string; type: string; population?: number };
const require = createRequire(import.meta.url);
const geo = (f: string): unknown => require(`@etalab/decoupage-administratif/data/${f}.json`);
const communes = (geo('communes') as Commune[]).filter((c) => c.type === 'commune-actuelle');
const communeByCode = new Map(communes.map((c) => [c.code, c]));
const departements = geo('departements') as { code: string; nom: string }[];
const epcis = geo('epci') as { code: string; nom: string; membres: { code: string }[] }[];
const largest = (cs: Commune[]): Commune[] =>
  [...cs].sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || cmp(a.code, b.code)).slice(0, 20);

/** A territory code's name, its département, and the communes its people live in (throws if unknown). */
function place(code: string): { name: string; dep: string; pool: Commune[] } {
  const epci = /^\d{9}$/.test(code) ? epcis.find((e) => e.code === code) : undefined;
  if (epci) {
    const pool = epci.membres.map((m) => communeByCode.get(m.code)!);
    return { name: epci.nom.replace(/^(CA|CC|CU) de /, ''), dep: pool[0]!.departement, pool };
  }
  const commune = code.length === 5 ? communeByCode.get(code) : undefined;
  const dep = commune ? commune.departement : code;
  const d = departements.find((x) => x.code === dep);
  if (!d || (code.length === 5 && !commune)) throw new Error(`not a 2026 COG territory code: ${code}`);
  return { name: commune?.nom ?? d.nom, dep, pool: largest(communes.filter((x) => x.departement === dep)) };
}
for (const [, , , territory] of ORGS) place(territory); // fail early on a wrong code

// ---------------------------------------------------------------- sites
type Site = {
  id: string;
  org: string;
  name: string;
  kind: 'mobility_platform' | 'youth_project';
  territory: string;
  opened: number;
  closed?: number;
  dep: string;
  pool: Commune[]; // the communes its people live in
  size: number; // scales the number of entries
  hasFile: boolean; // sends a beneficiary file
};
const sites: Site[] = [];
const addSite = (s: Omit<Site, 'dep' | 'pool'>): void => {
  const { dep, pool } = place(s.territory);
  sites.push({ ...s, dep, pool });
};
for (const [year, codes] of Object.entries(PLATFORM_OPENINGS)) {
  for (const territory of codes) {
    const { name } = place(territory);
    const [id, closedOn] = [`PF-${slug(name)}`, PLATFORM_CLOSURES[territory]];
    const opened = workday(toDay(`${year}-01-01`) + int(0, 360));
    const closed = closedOn ? toDay(closedOn) : undefined;
    const size = BIG_PLATFORMS.includes(territory) ? 1.6 : 0.7 + rand() * 0.6;
    addSite({
      id,
      org: 'MOBSOL',
      name: `Plateforme mobilité ${name}`,
      kind: 'mobility_platform',
      territory,
      opened,
      closed,
      size,
      hasFile: true,
    });
  }
}
for (const [id, org, name, territory, openedOn, hasFile] of YOUTH_SITES) {
  addSite({ id, org, name, kind: 'youth_project', territory, opened: toDay(openedOn), size: 1, hasFile });
}
sites.sort((a, b) => cmp(a.id, b.id));
const platforms = sites.filter((s) => s.kind === 'mobility_platform');
const isOpen = (s: Site, day: number): boolean => s.opened <= day && (s.closed === undefined || s.closed > day);
const openAtEnd = (year: number): number => platforms.filter((s) => isOpen(s, toDay(`${year}-12-31`))).length;
for (const [year, n] of Object.entries(EXPECTED_OPEN_AT_END))
  if (openAtEnd(+year) !== n) throw new Error(`platforms open at end ${year}: ${openAtEnd(+year)}, expected ${n}`);

// ---------------------------------------------------------------- beneficiaries
type Person = { id: string; birthYear: number; gender: string; busyUntil: number }; // busy until the last exit
type Entry = { person: Person; site: Site; entry: number; exit?: number; outcome?: string };
type Observed = { intake?: Level; exitLevel?: Level; qpv?: boolean; residence?: string }; // as the form records it
type Stay = Entry & Observed;
const people: Person[] = [];
const seenAt = new Map<string, Person[]>(); // people by site id and by département
const entries: Stay[] = [];

// Entry days are drawn per site, then people are assigned in chronological order (ids follow it).
const slots: [number, Site][] = [];
for (const site of sites.filter((s) => s.hasFile)) {
  const first = Math.max(site.opened, FROM);
  const last = Math.min(site.closed === undefined ? TO : site.closed - 1, TO);
  const rate = site.kind === 'mobility_platform' ? MOBILITY_ENTRIES_PER_YEAR : YOUTH_ENTRIES_PER_YEAR;
  const n = Math.round((rate * site.size * (last - first + 1)) / 365.25);
  for (let i = 0; i < n; i++) slots.push([workday(int(first, last), last), site]);
}
slots.sort((a, b) => a[0] - b[0] || cmp(a[1].id, b[1].id));

function returning(site: Site, day: number, youth: boolean): Person | undefined {
  for (let attempt = 0; attempt < 10; attempt++) {
    const pool = seenAt.get(chance(0.5) ? site.id : site.dep) ?? [];
    const p = pool.length > 0 ? pick(pool) : undefined;
    const years = yearOf(day) - (p?.birthYear ?? 0);
    if (p && p.busyUntil < day && (!youth || (years >= 16 && years <= 25))) return p;
  }
  return undefined;
}
function newcomer(day: number, youth: boolean): Person {
  const birthYear = yearOf(day) - age(youth ? AGES_YOUTH : AGES_MOBILITY);
  const person = { id: `B${pad(people.length + 1, 6)}`, birthYear, gender: weighted(GENDERS), busyUntil: 0 };
  people.push(person);
  return person;
}
for (const [day, site] of slots) {
  const youth = site.kind === 'youth_project';
  const person = (chance(REENTRY_RATE) ? returning(site, day, youth) : undefined) ?? newcomer(day, youth);
  const e: Stay = { person, site, entry: day };
  if (chance(RESIDENCE_KNOWN)) {
    const home = site.territory.length === 5 && chance(0.4) ? communeByCode.get(site.territory) : undefined;
    e.residence = home?.code ?? weighted(Object.fromEntries(site.pool.map((c) => [c.code, c.population ?? 1])));
  }
  if (chance(QPV_KNOWN)) e.qpv = chance(youth ? 0.6 : 0.4);
  if (!youth) e.intake = weighted(INTAKE);
  const exit = workday(day + (youth ? int(60, 365) : int(21, 300)));
  if (chance(youth ? 0.6 : EXIT_RATE) && exit <= Math.min(site.closed ?? TO, TO)) {
    e.exit = exit;
    if (e.intake) e.exitLevel = weighted(EXIT_LEVEL[e.intake]);
    const lifted = e.exitLevel === 'fragile' || e.exitLevel === 'autonomous';
    e.outcome = weighted(youth ? OUTCOME_YOUTH : lifted ? OUTCOME_LIFTED : OUTCOME_NOT_LIFTED);
  }
  person.busyUntil = e.exit ?? Number.POSITIVE_INFINITY;
  for (const key of [site.id, site.dep]) {
    if (!seenAt.has(key)) seenAt.set(key, []);
    seenAt.get(key)!.push(person);
  }
  entries.push(e);
}

// ---------------------------------------------------------------- investments, actions, metrics
const cents = (eur: number): number => Math.round(eur * 100);
const investments: Investment[] = FIXED_INVESTMENTS.map(([a, b, eur, ...rest]) => [a, b, cents(eur), ...rest]);
// Companies give part of their results each year once their accounts are closed (some amounts with cents).
for (const [id] of ORGS.filter(([, , kind]) => kind === 'company')) {
  const base = int(4, 60) * 1000;
  for (let y = int(2021, 2023); y <= 2025; y++) {
    if (!chance(0.85)) continue;
    const amount = cents(base * (0.7 + rand() * 0.6));
    const rounded = chance(0.7) ? amount - (amount % 10_000) : amount;
    investments.push([id, 'FONDATION_DAT', rounded, inYear(y, 4), 'donation', PROGRAMME_YOUTH]);
  }
}
// The endowment funds each association every year from its first project's opening year (from March 2021,
// after BDT's founding grant).
for (const [id] of ORGS.filter(([, , kind]) => kind === 'association')) {
  const first = Math.min(...YOUTH_SITES.filter((s) => s[1] === id).map((s) => +s[4].slice(0, 4)));
  for (let y = first; y <= 2025; y++) {
    const date = inYear(y, y === 2021 ? 3 : 1);
    investments.push(['FONDATION_DAT', id, int(30, 80) * 50_000, date, 'grant', PROGRAMME_YOUTH]);
  }
}
investments.sort((a, b) => cmp(a[3], b[3]) || cmp(a[0], b[0]) || cmp(a[1], b[1]) || a[2] - b[2]);

// BDT orients project holders and introduces actors to each other; territory empty = the counterpart's.
const orgTerritory = new Map(ORGS.map(([id, , , territory]) => [id, territory]));
const counterparts = ORGS.filter(([, , kind]) => kind !== 'investor' && kind !== 'fund').map(([id]) => id);
const actions: string[][] = []; // type, date, org_id, counterpart_id, territory
for (let i = 0; i < ACTIONS; i++) {
  const counterpart = pick(counterparts);
  const territory = chance(0.7) ? orgTerritory.get(counterpart)! : '';
  actions.push([weighted(ACTION_TYPES), iso(workday(int(FROM, TO), TO)), 'BDT', counterpart, territory]);
}
actions.sort((a, b) => cmp(a.slice(1).join(), b.slice(1).join()) || cmp(a[0]!, b[0]!));

// Metrics: [org, site, metric, value, decimals, first day, last day, territory]
type Metric = [string, string, string, number, number, number, number, string];
const metrics: Metric[] = [];
const yearStart = (y: number, notBefore = FROM): number => Math.max(toDay(`${y}-01-01`), notBefore);
for (const [siteId, org, , , openedOn] of YOUTH_SITES.filter((s) => !s[5])) {
  const scale = siteId === 'JP-93' ? 1000 : 150; // a département-wide programme vs a local one
  for (let y = +openedOn.slice(0, 4); y <= 2025; y++) {
    const value = Math.round(scale * (0.8 + rand() * 0.7));
    metrics.push([org, siteId, 'youth_reached', value, 0, yearStart(y, toDay(openedOn)), toDay(`${y}-12-31`), '']);
  }
}
for (const y of YEARS) {
  const [start, end] = [yearStart(y), toDay(`${y}-12-31`)];
  const co2 = Math.round(openAtEnd(y) * (700 + rand() * 250)) / 10; // national figure, one decimal
  metrics.push(['MOBSOL', '', 'co2_avoided_t', co2, 1, start, end, 'FR']);
  metrics.push(['MOBSOL', '', 'jobs_created', int(6, 12) + 2 * (openAtEnd(y) - openAtEnd(y - 1)), 0, start, end, '']);
  if (y >= 2020) metrics.push(['ENT_RECYCLERIE', '', 'jobs_created', int(3, 9), 0, start, end, '59']);
  if (y >= 2022) metrics.push(['ENT_NUMERIQUE', '', 'jobs_created', int(2, 6), 0, start, end, '']);
}
metrics.sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]) || cmp(a[2], b[2]) || a[5] - b[5]);

// ---------------------------------------------------------------- write the files
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'example');
rmSync(join(root, 'data'), { recursive: true, force: true });
mkdirSync(join(root, 'data', 'beneficiaries'), { recursive: true });
const written: [string, number][] = [];
function write(rel: string, bytes: string | Buffer, rows: number): void {
  writeFileSync(join(root, rel), bytes);
  written.push([rel, rows]);
}
/** UTF-8, comma, LF (as written by scripts and databases). */
const writeCsv = (rel: string, header: string, rows: string[][], bom = ''): void =>
  write(rel, bom + csv(header, rows, ',', '\n'), rows.length);
/** French Excel export: Windows-1252, semicolon, CRLF. */
const writeExcelFr = (rel: string, header: string, rows: string[][]): void =>
  write(rel, iconv.encode(csv(header, rows, ';', '\r\n'), 'win1252'), rows.length);

// organisations.yaml: a map keyed by org_id, every value a quoted string (UTF-8).
const orgMap: Record<string, Record<string, string>> = {};
for (const [id, name, kind, territory, sector, hasSiren] of [...ORGS].sort((a, b) => cmp(a[0], b[0])))
  orgMap[id] = { name, kind, ...(hasSiren ? { siren: siren() } : {}), territory, sector };
const orgYaml = YAML.stringify(orgMap, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
write('data/organisations.yaml', `# Generated by scripts/generate-example.ts: do not edit.\n${orgYaml}`, ORGS.length);

// investments.csv, sites.csv (with a BOM), actions.csv: UTF-8, comma, ISO dates, LF.
const invRow = ([a, b, c, d, i, p, x]: Investment, n: number) => [
  `INV-${pad(n + 1, 3)}`,
  a,
  b,
  euros(c),
  d,
  i,
  p,
  x ?? '',
];
const invRows = investments.map(invRow);
const invHeader = 'investment_id,investor_id,investee_id,amount_eur,date,instrument,programme,exited_on';
writeCsv('data/investments.csv', invHeader, invRows);
const siteRows = sites.map((x) => [x.id, x.org, x.name, x.kind, x.territory, iso(x.opened), isoOrEmpty(x.closed)]);
writeCsv('data/sites.csv', 'site_id,org_id,name,kind,territory,opened_on,closed_on', siteRows, '\uFEFF');
const actRows = actions.map((a, n) => [`ACT-${pad(n + 1, 3)}`, ...a]);
writeCsv('data/actions.csv', 'action_id,type,date,org_id,counterpart_id,territory', actRows);

// Beneficiaries and metrics: French Excel exports (Windows-1252, ';', CRLF, dd/mm/yyyy, decimal comma).
for (const site of sites.filter((s) => s.hasFile)) {
  const rows = entries
    .filter((e) => e.site === site)
    .sort((a, b) => a.entry - b.entry || cmp(a.person.id, b.person.id))
    .map((e) => [
      ...[e.person.id, site.id, frDate(e.entry), String(e.person.birthYear), e.person.gender],
      ...[e.qpv === undefined ? '' : e.qpv ? 'oui' : 'non', e.residence ?? '', e.intake ?? ''],
      ...[frDateOrEmpty(e.exit), e.exitLevel ?? '', e.outcome ?? ''],
    ]);
  const file = site.kind === 'youth_project' ? `youth-${site.id}` : site.id;
  writeExcelFr(`data/beneficiaries/${file}.csv`, BENEFICIARY_HEADER, rows);
}
const metRows = metrics.map(([o, s, m, v, dec, a, b, t]) => [o, s, m, frNumber(v, dec), frDate(a), frDate(b), t]);
writeExcelFr('data/metrics.csv', METRIC_HEADER, metRows);

// ---------------------------------------------------------------- summary (stdout)
const inPrecarity = (l?: Level): boolean => l === 'severe' || l === 'precarious';
const depOf = (e: Stay): string => (e.residence ? communeByCode.get(e.residence)!.departement : e.site.dep);
const distinct = (es: Stay[]): number => new Set(es.map((e) => e.person.id)).size;
function liftRate(year: number, dep?: string): string {
  const placed = entries.filter((e) => e.exit && yearOf(e.exit) === year && (!dep || depOf(e) === dep));
  const cell = placed.filter((e) => inPrecarity(e.intake) && e.exitLevel);
  const [num, den] = [distinct(cell.filter((e) => !inPrecarity(e.exitLevel))), distinct(cell)];
  return `${num}/${den} = ${(num / den).toFixed(3)}`;
}
const mobility = entries.filter((e) => e.site.kind === 'mobility_platform');
const youth = entries.filter((e) => e.site.kind === 'youth_project');
const entriesPer = new Map<Person, number>();
for (const e of entries) entriesPer.set(e.person, (entriesPer.get(e.person) ?? 0) + 1);
const seenTwice = [...entriesPer.values()].filter((n) => n > 1).length;
const perYear = (f: (y: number) => number): string => YEARS.map((y) => `${y}=${f(y)}`).join(' ');

console.log('rows per file:');
for (const [rel, rows] of written.sort((a, b) => cmp(a[0], b[0]))) console.log(`  ${rel.padEnd(46)} ${rows}`);
console.log(`beneficiary rows: ${entries.length} (mobility ${mobility.length}, youth ${youth.length})`);
console.log(`distinct beneficiaries: ${people.length} (mobility ${distinct(mobility)}, youth ${distinct(youth)})`);
console.log(`people with more than one entry: ${seenTwice}`);
console.log(`mobility entries with an exit: ${mobility.filter((e) => e.exit !== undefined).length}`);
console.log(`platforms open at end of year: ${perYear(openAtEnd)}`);
console.log(`platforms opened in year:      ${perYear((y) => platforms.filter((s) => yearOf(s.opened) === y).length)}`);
console.log(`mobility lift rate, exits in 2025: FR ${liftRate(2025)}; dep 93 ${liftRate(2025, '93')}`);
