// `impact init [DIR] [--example]`: a commented starter workspace, or the reference scenario.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILES } from '../json-schema.js';
import { t } from '../messages.js';
import { checkInside, workspaceBounds } from '../workspace-paths.js';
import { EXIT, type Terminal, UsageError } from './io.js';

const EXAMPLE_DIR = fileURLToPath(new URL('../../../fixtures/example/', import.meta.url));
const SCHEMA_DIR = fileURLToPath(new URL('../../../schemas/', import.meta.url));
const SCHEMA_LINE = /^# yaml-language-server: \$schema=.*\n/;

/**
 * Points the file at the package's JSON Schema, relative to the file (node_modules/impactkit/schemas/…
 * in a workspace that installs impactkit), so editors using yaml-language-server complete and check it.
 */
function withSchemaLine(file: string, schema: string): void {
  const relative = path.relative(path.dirname(file), path.join(SCHEMA_DIR, schema)).split(path.sep).join('/');
  const text = readFileSync(file, 'utf8').replace(SCHEMA_LINE, '');
  writeFileSync(file, `# yaml-language-server: $schema=${relative}\n${text}`);
}

const STARTER = `# impactkit workspace. Every path is relative to this folder.
version: 1
name: My impact workspace
# org_id (in organisations) whose euros and attributable share are reported
reporting_entity: ME
# language of reports and messages: en or fr
locale: en
range: { from: 2024-01-01, to: 2024-12-31 }
# default breakdown of \`impact report\`: territory:commune|epci|departement|region|country,
# period:year|quarter|month, organisation, site, programme, gender, qpv, age_band
breakdown: [territory:departement, period:year]
params:
  youth_age: [16, 25]                                           # inclusive, age at entry
  mobility_levels: [severe, precarious, fragile, autonomous]    # worst -> best
  precarity_threshold: fragile                                  # levels below it are "in precarity"
datasets:
  organisations: data/organisations.csv
  # investments: data/investments.csv
  # sites: data/sites.csv
  # beneficiaries:
  #   files: [data/beneficiaries/*.csv]
  #   delimiter: ";"           # default: detected between "," and ";"
  #   decimal: ","             # default "."
  #   date_format: dd/mm/yyyy  # default yyyy-mm-dd
  #   encoding: windows-1252   # default utf-8
  #   columns: { identifiant: beneficiary_id }   # source header -> canonical column
  # actions: data/actions.csv
  # metrics: data/metrics.csv
indicators: ["*"]
plugins: [indicators/*.ts, indicators/*.yaml]
targets: []
privacy: { min_count: 0 }    # > 0: people counts below it are suppressed
`;

const STARTER_FILES = ['impact.yaml', 'data/organisations.csv', 'indicators', 'reports'];

const STARTER_ORGANISATIONS = 'org_id,name,kind,siren,territory,sector\nME,My organisation,investor,,75,\n';

export async function runInit(dir: string, options: { example?: boolean }, term: Terminal): Promise<number> {
  const target = path.resolve(dir);
  if (existsSync(path.join(target, 'impact.yaml'))) {
    throw new UsageError((lang) => t(lang, 'usage.initExists', { file: path.join(dir, 'impact.yaml') }));
  }
  if (existsSync(target) && readdirSync(target).length > 0 && options.example) {
    throw new UsageError((lang) => t(lang, 'usage.initNotEmpty', { dir }));
  }
  mkdirSync(target, { recursive: true });
  if (options.example) {
    cpSync(EXAMPLE_DIR, target, {
      recursive: true,
      // The example's store, rejects and demo reports are the user's to make, never copied.
      filter: (source) => {
        const relative = path.relative(EXAMPLE_DIR, source).split(path.sep);
        return !relative.includes('.impact') && relative[0] !== 'reports';
      },
    });
  } else {
    // The folder may already hold files: none of the starter's may lead outside it through a symlink.
    const bounds = workspaceBounds(target);
    for (const file of STARTER_FILES) checkInside(bounds, file, 'init');
    mkdirSync(path.join(target, 'data'), { recursive: true });
    mkdirSync(path.join(target, 'indicators'), { recursive: true });
    mkdirSync(path.join(target, 'reports'), { recursive: true });
    writeFileSync(path.join(target, 'impact.yaml'), STARTER);
    writeFileSync(path.join(target, 'data', 'organisations.csv'), STARTER_ORGANISATIONS);
  }
  withSchemaLine(path.join(target, 'impact.yaml'), SCHEMA_FILES.config);
  const indicators = path.join(target, 'indicators');
  for (const name of existsSync(indicators) ? readdirSync(indicators).sort() : []) {
    if (/\.ya?ml$/i.test(name)) withSchemaLine(path.join(indicators, name), SCHEMA_FILES.indicator);
  }
  if (!term.quiet) {
    term.err(`${term.ce.green('✔')} ${t('en', 'created')}: ${dir}`);
    term.err(`${t('en', 'nextSteps')} cd ${dir} && impact validate`);
  }
  return EXIT.ok;
}
