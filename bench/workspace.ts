// A seeded national-portfolio workspace for `npm run bench`: the same rows give the same bytes.
// 300 organisations (an investor INV, co-investors, funds, enterprises, associations, companies),
// 3,000 sites, 2,000 investments, actions, metrics and N beneficiary rows. Some text fields are quoted
// with commas and quotes, a third of residences are commune codes, and investments are a French Excel
// export (Windows-1252, `;`, decimal comma with spaced thousands, dd/mm/yyyy, French headers).
import { once } from 'node:events';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import iconv from 'iconv-lite';
import { random } from './beneficiaries.js';

export const ENTITY = 'INV';
export const RANGE = { from: '2019-01-01', to: '2025-12-31' };
const LEVELS = ['severe', 'precarious', 'fragile', 'autonomous'];
const OUTCOMES = ['employment', 'training', 'other', 'none'];

interface Commune {
  code: string;
  departement: string;
}

/** Current communes of the Code Officiel Géographique, in the package's order. */
export function currentCommunes(): Commune[] {
  const file = createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/data/communes.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as { code: string; type: string; departement: string }[];
  return all.filter((c) => c.type === 'commune-actuelle').map(({ code, departement }) => ({ code, departement }));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (day: number) => new Date(Date.UTC(2016, 0, 1 + day)).toISOString().slice(0, 10);
const french = (isoDate: string) => `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
const field = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
/** "12 345,67": how French Excel writes euros. */
function frenchEuros(cents: number): string {
  const units = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+$)/g, ' ');
  return `${units},${pad(cents % 100)}`;
}

export async function generateWorkspace(dir: string, rows: number): Promise<void> {
  const next = random(8_2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const communes = currentCommunes();
  // 600 communes spread over the country; each site and residence is one of them or its département.
  const used = Array.from({ length: 600 }, () => pick(communes));
  const byDepartement = new Map<string, Commune[]>();
  for (const c of used) byDepartement.set(c.departement, [...(byDepartement.get(c.departement) ?? []), c]);
  const place = (): { commune: string; departement: string } => {
    const c = pick(used);
    return { commune: c.code, departement: c.departement };
  };

  mkdirSync(path.join(dir, 'data'), { recursive: true });
  writeFileSync(
    path.join(dir, 'impact.yaml'),
    `version: 1
name: Benchmark portfolio
reporting_entity: ${ENTITY}
range: { from: ${RANGE.from}, to: ${RANGE.to} }
breakdown: [territory:departement, period:year]
params:
  youth_age: [16, 25]
  mobility_levels: [${LEVELS.join(', ')}]
  precarity_threshold: fragile
datasets:
  organisations: data/organisations.csv
  sites: data/sites.csv
  investments:
    files: data/investments.csv
    delimiter: ";"
    decimal: ","
    date_format: dd/mm/yyyy
    encoding: windows-1252
    columns:
      Référence: investment_id
      Investisseur: investor_id
      Bénéficiaire: investee_id
      "Montant (€)": amount_eur
      Date: date
      Instrument: instrument
      Programme: programme
  actions: data/actions.csv
  metrics: data/metrics.csv
  beneficiaries: data/beneficiaries.csv
indicators: ["*"]
privacy: { min_count: 0 }
`,
  );

  // Organisations: 1 reporting investor, 9 co-investors, 10 funds, 200 enterprises, 40 associations, 40 companies.
  const orgs: { id: string; kind: string; name: string; territory: string }[] = [
    { id: ENTITY, kind: 'investor', name: 'Investisseur public, "Territoires"', territory: '75' },
  ];
  const add = (prefix: string, kind: string, count: number, name: (i: number) => string) => {
    for (let i = 0; i < count; i++) {
      const where = place();
      orgs.push({
        id: `${prefix}${pad(i, 3)}`,
        kind,
        name: name(i),
        territory: i % 3 ? where.departement : where.commune,
      });
    }
  };
  add('COI', 'investor', 9, (i) => `Co-investisseur ${i}`);
  add('FND', 'fund', 10, (i) => `Fonds "Impact ${i}", compartiment A`);
  add('ENT', 'enterprise', 200, (i) => (i % 7 ? `Mobilité solidaire ${i}` : `Garage "Solidaire", atelier ${i}`));
  add('ASO', 'association', 40, (i) => `Association jeunesse ${i}`);
  add('CMP', 'company', 40, (i) => `Entreprise locale ${i}, SAS`);
  const enterprises = orgs.filter((o) => o.kind === 'enterprise');
  const associations = orgs.filter((o) => o.kind === 'association');
  const funds = orgs.filter((o) => o.kind === 'fund');
  writeFileSync(
    path.join(dir, 'data/organisations.csv'),
    `org_id,name,kind,territory\n${orgs.map((o) => `${o.id},${field(o.name)},${o.kind},${o.territory}`).join('\n')}\n`,
  );

  // Sites: 85 % mobility platforms run by enterprises, the rest youth projects and others run by associations.
  const sites: { id: string; departement: string }[] = [];
  let sitesCsv = 'site_id,org_id,name,kind,territory,opened_on,closed_on\n';
  for (let i = 0; i < 3000; i++) {
    const draw = next();
    const kind = draw < 0.85 ? 'mobility_platform' : draw < 0.97 ? 'youth_project' : 'other';
    const operator = kind === 'mobility_platform' ? pick(enterprises) : pick(associations);
    const where = place();
    const opened = Math.floor(next() * 3650);
    const closed = next() < 0.2 ? iso(opened + 200 + Math.floor(next() * 1500)) : '';
    const name = i % 11 ? `Plateforme ${i}` : `Plateforme "Bouge", antenne ${i}`;
    const territory = i % 3 === 0 ? where.departement : where.commune;
    sites.push({ id: `S${pad(i, 4)}`, departement: where.departement });
    sitesCsv += `S${pad(i, 4)},${operator.id},${field(name)},${kind},${territory},${iso(opened)},${closed}\n`;
  }
  writeFileSync(path.join(dir, 'data/sites.csv'), sitesCsv);

  // Investments: commitments into funds (INV and co-investors), the funds' and INV's own investments into
  // enterprises and associations, co-investments, and companies' donations to associations.
  const lines = ['Référence;Investisseur;Bénéficiaire;Montant (€);Date;Instrument;Programme'];
  const programmes = ['Mobilité inclusive', 'Jeunesse – Œuvre', 'Fonds d’amorçage', ''];
  for (let i = 0; i < 2000; i++) {
    const draw = next();
    let investor: string;
    let investee: string;
    let instrument: string;
    if (draw < 0.05) {
      investor = next() < 0.5 ? ENTITY : `COI${pad(Math.floor(next() * 9), 3)}`;
      investee = pick(funds).id;
      instrument = 'commitment';
    } else if (draw < 0.45) {
      investor = pick(funds).id;
      investee = pick(enterprises).id;
      instrument = pick(['equity', 'quasi_equity', 'loan']);
    } else if (draw < 0.7) {
      investor = ENTITY;
      investee = next() < 0.8 ? pick(enterprises).id : pick(associations).id;
      instrument = pick(['equity', 'loan', 'grant']);
    } else if (draw < 0.85) {
      investor = `COI${pad(Math.floor(next() * 9), 3)}`;
      investee = pick(enterprises).id;
      instrument = pick(['equity', 'loan']);
    } else {
      investor = pick(orgs.filter((o) => o.kind === 'company')).id;
      investee = pick(associations).id;
      instrument = 'donation';
    }
    const cents = 100_000 + Math.floor(next() * 500_000_000);
    lines.push(
      `INVT-${pad(i, 4)};${investor};${investee};${frenchEuros(cents)};${french(iso(730 + Math.floor(next() * 3285)))};${instrument};${pick(programmes)}`,
    );
  }
  writeFileSync(path.join(dir, 'data/investments.csv'), iconv.encode(`${lines.join('\r\n')}\r\n`, 'win1252'));

  let actions = 'action_id,type,date,org_id,counterpart_id,territory\n';
  for (let i = 0; i < 5000; i++) {
    const org = pick(orgs);
    const territory = next() < 0.5 ? place().commune : '';
    actions += `A${pad(i, 5)},${pick(['orientation', 'introduction', 'support'])},${iso(1000 + Math.floor(next() * 2800))},${org.id},${pick(orgs).id},${territory}\n`;
  }
  writeFileSync(path.join(dir, 'data/actions.csv'), actions);

  let metrics = 'org_id,site_id,metric,value,period_start,period_end,territory\n';
  for (const [i, association] of associations.entries()) {
    for (let year = 2018; year <= 2025; year++) {
      const value = Math.floor(next() * 2000);
      metrics += `${association.id},,youth_reached,${value},${year}-01-01,${year}-12-31,${i % 2 ? '' : place().departement}\n`;
    }
  }
  writeFileSync(path.join(dir, 'data/metrics.csv'), metrics);

  await writeBeneficiaryRows(path.join(dir, 'data/beneficiaries.csv'), rows, sites, byDepartement);
}

/**
 * 80 % as many people as rows: a person's second stay is at the next site, so the key
 * (beneficiary_id, site_id, entry_date) never repeats and no row is rejected.
 */
async function writeBeneficiaryRows(
  file: string,
  rows: number,
  sites: { id: string; departement: string }[],
  communesOf: Map<string, Commune[]>,
): Promise<void> {
  const next = random(1_000_003);
  const people = Math.max(1, Math.floor(rows * 0.8));
  const out = createWriteStream(file);
  let chunk =
    'beneficiary_id,site_id,entry_date,birth_year,gender,qpv,territory,intake_level,exit_date,exit_level,outcome\n';
  for (let i = 0; i < rows; i++) {
    const person = i % people;
    const stay = Math.floor(i / people);
    const site = sites[((Math.imul(person, 2_654_435_761) >>> 0) + stay) % sites.length]!;
    // One person in a thousand has an id exported with a comma and quotes.
    const id = person % 1000 === 7 ? `"B${pad(person, 8)}, dit ""bis"""` : `B${pad(person, 8)}`;
    const entryDay = 1000 + Math.floor(next() * 2900);
    const birth = next() < 0.03 ? '' : String(1950 + Math.floor(next() * 60));
    const gender = ['f', 'm', 'x', ''][Math.floor(next() * 4)];
    const qpvDraw = next();
    const qpv = qpvDraw < 0.3 ? 'true' : qpvDraw < 0.8 ? 'false' : '';
    let residence = '';
    if (next() < 0.35) {
      const near = communesOf.get(site.departement);
      residence = near ? near[Math.floor(next() * near.length)]!.code : '';
    }
    const intake = LEVELS[Math.floor(next() * 4)]!;
    let exit = ',,';
    if (next() < 0.6) {
      const exitDay = entryDay + 20 + Math.floor(next() * 400);
      const level = LEVELS[Math.min(3, LEVELS.indexOf(intake) + Math.floor(next() * 3))]!;
      exit = `${iso(exitDay)},${level},${next() < 0.9 ? OUTCOMES[Math.floor(next() * 4)] : ''}`;
    }
    chunk += `${id},${site.id},${iso(entryDay)},${birth},${gender},${qpv},${residence},${intake},${exit}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
