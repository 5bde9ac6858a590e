// The `impact` command: commander wiring, exit codes, and the one place errors become lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { removeStaleTempFiles } from '../atomic-write.js';
import { type Config, ConfigError, findConfig, formatConfigIssue, loadConfig } from '../config/index.js';
import { DATASET_ORDER } from '../data/datasets.js';
import { plural, t } from '../messages.js';
import type { Lang } from '../problems.js';
import { StoreError, storeFault } from '../store/database.js';
import { WorkspacePathError } from '../workspace-paths.js';
import type { ImportCliOptions } from './import.js';
import { EXIT, type GlobalOptions, makeTerminal, pickLang, UsageError, worded } from './io.js';
import { describeRefusal, fileSystemFault } from './outputs.js';
import type { ProfileCliOptions } from './profile.js';
import type { PseudonymiseCliOptions } from './pseudonymise.js';
import { FORMAT_NAMES, type ReportCliOptions, runReportCommand } from './report.js';

// Each other command's module is imported when it runs: `impact report` pays for none of them.
const commands = {
  diff: () => import('./diff.js'),
  explain: () => import('./explain.js'),
  import: () => import('./import.js'),
  indicators: () => import('./indicators.js'),
  init: () => import('./init.js'),
  profile: () => import('./profile.js'),
  pseudonymise: () => import('./pseudonymise.js'),
  store: () => import('./store.js'),
  validate: () => import('./validate.js'),
};

const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// `impact ... | head` closes stdout early: leave quietly instead of printing an EPIPE stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});

const DATASET_LIST = DATASET_ORDER.join(', ');

function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/** The workspace's language, once its config is read: refusals are worded in it. */
let workspaceLang: Lang = 'en';
let workspaceRead = false;

/**
 * The language a mistake is worded in: a valid `--lang`, else the workspace's locale (its impact.yaml
 * read now if the mistake came before it was), else English.
 */
function mistakeLang(argv: string[]): Lang {
  const flag = (names: string[]): string | undefined => {
    for (let i = argv.length - 1; i >= 0; i--) {
      const arg = argv[i]!;
      for (const name of names) {
        if (arg === name) return argv[i + 1];
        if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      }
    }
    return undefined;
  };
  const explicit = flag(['--lang']);
  if (explicit === 'en' || explicit === 'fr') return explicit;
  if (workspaceRead) return workspaceLang;
  try {
    return loadConfig(findConfig(process.cwd(), flag(['-c', '--config']))).locale;
  } catch {
    return 'en';
  }
}
/** The workspace's locale when there is a valid impact.yaml here or above, for commands that need none. */
function workspaceLocale(options: GlobalOptions): 'en' | 'fr' {
  try {
    return openConfig(options).locale;
  } catch {
    return 'en';
  }
}

function openConfig(options: GlobalOptions): Config {
  const file = findConfig(process.cwd(), options.config);
  const config = loadConfig(file);
  workspaceLang = config.locale;
  workspaceRead = true;
  // A run killed mid-write left its temp file in .impact/tmp: gone now, before this run writes its own.
  removeStaleTempFiles(config.root);
  const allowed = (options.allowOutside ?? []).map((p) => path.resolve(process.cwd(), p));
  return allowed.length === 0 ? config : { ...config, allowPaths: [...config.allowPaths, ...allowed] };
}

/** `-f text|json` and `--json`, one option for every command that prints for people or scripts. */
function jsonFormat(format: string | undefined, json: boolean | undefined): boolean {
  if (format === undefined || format === 'text' || format === 'table') return json === true;
  if (format === 'json') return true;
  throw new UsageError((lang) => t(lang, 'usage.textOrJson', { format }));
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const program = new Command('impact')
  .description('impactkit: measure extra-financial impact from CSV and YAML, with reports you can trust.')
  .version(packageJson.version, '--version', 'print the version')
  .option('-c, --config <file>', 'the impact.yaml to use (default: searched from here upwards)')
  .option('-q, --quiet', 'print only results and errors')
  .option('--verbose', 'more detail, and stack traces for internal errors')
  .option('--no-color', 'no colour (also NO_COLOR=1)')
  .option(
    '--allow-outside <path>',
    'let impactkit read or write this file or folder outside the workspace (repeatable; also allow_paths: in impact.yaml)',
    collect,
  )
  .showHelpAfterError()
  .exitOverride();

program.addHelpText(
  'after',
  `
Examples:
  impact init my-workspace --example     copy the reference scenario
  impact validate                        check impact.yaml and every dataset
  impact validate --json                 the same, for scripts
  impact validate --errors-out errors.csv --max-errors 50
  impact report                          the one-screen summary; --full for every breakdown
  impact report -f html -o report.html   a page to read and print, with maps
  impact explain youth.reached --cell territory=dep:93,period=2024
  impact diff reports/2024.json reports/2025.json
  impact import beneficiaries exports/*.csv && impact store status`,
);

program
  .command('init')
  .description('scaffold a workspace (--example: the reference scenario)')
  .argument('[dir]', 'folder to create', '.')
  .option('--example', 'copy the reference example workspace')
  .addHelpText(
    'after',
    `
Examples:
  impact init my-workspace                a commented impact.yaml and empty data/
  impact init demo --example && cd demo   the reference scenario, ready for impact report`,
  )
  .action(async (dir: string, options: { example?: boolean }, command: Command) => {
    process.exitCode = await (await commands.init()).runInit(dir, options, makeTerminal(globals(command)));
  });

program
  .command('validate')
  .description('check the config, every dataset and the references between them')
  .option('-f, --format <format>', 'text (default) or json')
  .option('--json', 'machine-readable summary on stdout (the same as -f json)')
  .option('--errors-out <file.csv>', 'write every problem to a CSV file')
  .addOption(new Option('--max-errors <n>', 'problems listed on screen').argParser(positiveInt).default(100))
  .addHelpText(
    'after',
    `
Examples:
  impact validate
  impact validate --json > validation.json
  impact validate --errors-out errors.csv --max-errors 50

Exit codes: 0 valid, 1 rows rejected, 2 config or usage error.`,
  )
  .action(
    async (options: { json?: boolean; format?: string; errorsOut?: string; maxErrors?: number }, command: Command) => {
      const g = globals(command);
      const { format, ...rest } = options;
      process.exitCode = await (await commands.validate()).runValidate(
        openConfig(g),
        { ...rest, json: jsonFormat(format, options.json) },
        makeTerminal(g),
      );
    },
  );

program
  .command('report')
  .description('compute the indicators and write a report')
  .option('--by <dims>', 'breakdown, e.g. territory:region,period:quarter (default: impact.yaml breakdown)')
  .option('--period <p>', 'report over one period: 2025, 2025-Q2 or 2025-07')
  .option('--from <date>', 'start of the report range (yyyy-mm-dd)')
  .option('--to <date>', 'end of the report range (yyyy-mm-dd)')
  .option('--indicators <globs>', 'comma-separated globs over indicator ids, e.g. "mobility.*"')
  .option('-f, --format <formats>', `${FORMAT_NAMES.join(', ')}; several comma-separated with -o DIR`, 'table')
  .option('-o, --output <path>', 'file, folder (several formats) or - for stdout')
  .option('--lang <lang>', 'en or fr (default: impact.yaml locale)')
  .option('--csv-dialect <dialect>', 'rfc4180 (default: comma, LF) or excel-fr (semicolon, decimal comma, BOM, CRLF)')
  .option('--full', 'table format: every indicator by its breakdown after the summary (implied by --by)')
  .option('--check', 'exit 1 when a target is missed')
  .option('--strict', 'exit 1 when input rows were rejected')
  .option('--no-plugins', "skip the workspace's plug-in indicators")
  .addHelpText(
    'after',
    `
Examples:
  impact report                                   one-screen summary on stdout
  impact report --full                            and every indicator by the breakdown
  impact report -f json -o reports/report.json
  impact report -f json,md,csv,xlsx -o reports/    reports/report.json, report.md, …
  impact report -f md >> "$GITHUB_STEP_SUMMARY"     a CI job summary
  impact report -f csv --csv-dialect excel-fr -o report.csv
  impact report --by territory:region,period:quarter --period 2025
  impact report --indicators "mobility.*" --check   CI gate on targets

Exit codes: 0; 1 with --check when a target is missed, or with --strict when rows were rejected; 2 config or usage error.`,
  )
  .action(async (options: ReportCliOptions, command: Command) => {
    const g = globals(command);
    process.exitCode = await runReportCommand(openConfig(g), options, makeTerminal(g), packageJson.version);
  });

program
  .command('indicators')
  .description('list the indicator catalogue: built-ins and plug-ins')
  .option('--json', 'machine-readable')
  .option('-f, --format <format>', 'table (default) or md')
  .option('--lang <lang>', 'en or fr')
  .option('--no-plugins', "skip the workspace's plug-in indicators")
  .addHelpText(
    'after',
    `
Examples:
  impact indicators                     id, title, kind and unit, fitted to the terminal
  impact indicators -f md > CATALOGUE.md
  impact indicators --json --lang fr`,
  )
  .option('--check', 'run every definition on an empty and on the example-shaped dataset; exit 1 on a problem')
  .action(
    async (
      options: { json?: boolean; format?: string; lang?: string; plugins?: boolean; check?: boolean },
      command: Command,
    ) => {
      const g = globals(command);
      let config: Config | undefined;
      try {
        config = openConfig(g);
      } catch (error) {
        // Without a workspace the built-in catalogue is still worth listing; a broken config is not.
        if (!(error instanceof ConfigError && error.issues.every((i) => i.line === 0)) || g.config) throw error;
      }
      const lang = options.lang === undefined ? undefined : pickLang(options.lang, 'en');
      process.exitCode = await (await commands.indicators()).runIndicators(
        config,
        {
          ...options,
          ...(lang ? { lang } : {}),
          width: process.stdout.isTTY ? Math.max(60, process.stdout.columns ?? 80) : 80,
        } as {
          width?: number;
          json?: boolean;
          format?: string;
          lang?: 'en' | 'fr';
          plugins?: boolean;
          check?: boolean;
        },
        makeTerminal(g),
        packageJson.version,
      );
    },
  );

program
  .command('pseudonymise')
  .description('replace identifying columns by one keyed pseudonym (HMAC-SHA256), shared across partners by a key')
  .argument('<file>', 'the CSV file to pseudonymise (delimiter and encoding detected)')
  .requiredOption('--key-file <file>', "the network's secret key (at least 32 bytes)")
  .requiredOption('--columns <columns>', 'the identifying columns, comma-separated, e.g. nom,prenom,date_naissance')
  .option('--date-columns <columns>', 'those of them that are dates, read with --date-format')
  .option('--date-format <format>', 'yyyy-mm-dd (default), dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or mm/dd/yyyy')
  .option('-o, --output <file>', 'where to write the result (default stdout); never the input')
  .option('--id-column <name>', 'the pseudonym column', 'beneficiary_id')
  .option('--lang <lang>', 'en or fr (default: impact.yaml locale, else en)')
  .addHelpText(
    'after',
    `
Examples:
  impact pseudonymise export.csv --key-file ~/network.key --columns nom,prenom,date_naissance \\
    --date-columns date_naissance --date-format dd/mm/yyyy -o data/beneficiaries/partner.csv
  impact pseudonymise export.csv --key-file network.key --columns email --id-column person_id

Exit codes: 0; 1 rows that could not be pseudonymised (missing value); 2 usage, unreadable or short key.`,
  )
  .action(async (file: string, options: Omit<PseudonymiseCliOptions, 'lang'> & { lang?: string }, command: Command) => {
    const g = globals(command);
    process.exitCode = await (await commands.pseudonymise()).runPseudonymise(
      file,
      { ...options, lang: pickLang(options.lang, workspaceLocale(g)) },
      makeTerminal(g),
    );
  });

program
  .command('explain')
  .description('how one number was made: definition, inputs, rows used and excluded, attribution, source lines')
  .argument('<indicator>', 'indicator id, e.g. mobility.platforms_open')
  .option('--cell <cell>', 'the cell, e.g. territory=dep:93,period=2024 (default: the grand total)')
  .option('-f, --format <format>', 'text (default) or json')
  .option('--json', 'machine-readable (the same as -f json)')
  .option('--lang <lang>', 'en or fr (default: impact.yaml locale)')
  .option('--all', 'list every source row (default: the first 20)')
  .option('--no-plugins', "skip the workspace's plug-in indicators")
  .addHelpText(
    'after',
    `
Examples:
  impact explain mobility.platforms_open --cell territory=dep:93,period=2024
  impact explain mobility.lift_rate --cell territory=dep:93,period=2024   numerator and denominator rows
  impact explain finance.invested --cell period=2022 -f json > audit.json`,
  )
  .action(
    async (
      indicator: string,
      options: { cell?: string; json?: boolean; format?: string; lang?: string; all?: boolean; plugins?: boolean },
      command: Command,
    ) => {
      const g = globals(command);
      const config = openConfig(g);
      const { format, lang, ...rest } = options;
      process.exitCode = await (await commands.explain()).runExplain(
        config,
        indicator,
        { ...rest, json: jsonFormat(format, options.json), lang: pickLang(lang, config.locale) },
        makeTerminal(g),
        packageJson.version,
      );
    },
  );

program
  .command('diff')
  .description('what changed between two JSON reports, value by value; and whether inputs or definitions changed')
  .argument('<old>', 'the older report.json')
  .argument('<new>', 'the newer report.json')
  .option('-f, --format <format>', 'text (default) or json')
  .option('--json', 'machine-readable (the same as -f json)')
  .option('--common', 'compare only the cells both reports have (reports with different breakdowns)')
  .option('--lang <lang>', "en or fr (default: the newer report's language)")
  .addHelpText(
    'after',
    `
Examples:
  impact diff reports/2024.json reports/2025.json
  impact diff old.json new.json --common          only the cells both have
  impact diff old.json new.json --json > diff.json`,
  )
  .action(
    async (
      oldFile: string,
      newFile: string,
      options: { json?: boolean; format?: string; common?: boolean; lang?: string },
      command: Command,
    ) => {
      const { format, ...rest } = options;
      process.exitCode = (await commands.diff()).runDiff(
        oldFile,
        newFile,
        { ...rest, json: jsonFormat(format, options.json) },
        makeTerminal(globals(command)),
      );
    },
  );

program
  .command('import')
  .description('validate files and upsert their rows into the workspace store (.impact/store.db)')
  .argument('<dataset>', `the dataset: ${DATASET_LIST}`)
  .argument('<files...>', "CSV or YAML files, in the dataset's configured format")
  .option('--dry-run', 'validate and report what would change; write nothing')
  .option('-f, --format <format>', 'text (default) or json')
  .option('--json', 'machine-readable summary on stdout (the same as -f json)')
  .addOption(
    new Option('--order <order>', 'apply the files by their newest date, by name, or by modification time')
      .choices(['date', 'name', 'mtime'])
      .default('date'),
  )
  .option('--allow-blank-updates', 'apply updates that blank a value the store has (held back by default)')
  .addHelpText(
    'after',
    `
Each file is one transaction and one batch in the store's ledger; a file already imported (same sha256) is
skipped. Files are applied oldest first: by the newest date their rows hold (--order date), or by name or
modification time. A row whose key is already in the dataset's configured files is rejected. An update
that would blank a value the store has is held back with a warning unless --allow-blank-updates.
Rejected rows and their reasons go to .impact/rejects/. The dataset needs "store: true" in impact.yaml.
A batch is undone with: impact store undo BATCH.

Examples:
  impact import beneficiaries exports/*.csv
  impact import beneficiaries exports/2025-06.csv --dry-run
  impact import beneficiaries exports/*.csv --json > import.json

Exit codes: 0 imported; 1 some rows rejected; 2 config or usage error, or a whole file refused.`,
  )
  .action(
    async (dataset: string, files: string[], options: ImportCliOptions & { format?: string }, command: Command) => {
      const g = globals(command);
      const { format, ...rest } = options;
      process.exitCode = await (await commands.import()).runImport(
        openConfig(g),
        dataset,
        files,
        { ...rest, json: jsonFormat(format, options.json) },
        makeTerminal(g),
      );
    },
  );

program
  .command('profile')
  .description('what a file holds before a config is written for it; or a configured dataset, per site and month')
  .argument('<file-or-dataset>', 'a CSV, xlsx or YAML file, or a dataset of impact.yaml')
  .option('-f, --format <format>', 'text (default) or json')
  .option('--json', 'machine-readable (the same as -f json)')
  .option('--lang <lang>', 'en or fr (default: impact.yaml locale, else en)')
  .addHelpText(
    'after',
    `
For a file: its encoding and delimiter (detected), header, row count, and per column the share missing,
the distinct count, the commonest values, the range of numbers and dates, and the canonical column it
probably is. For a dataset: each of its files read with its configured format, and its rows per site and
per month. Works without impact.yaml for a file.

Examples:
  impact profile exports/partenaire.xlsx
  impact profile data/beneficiaries/PF-LYON.csv --json
  impact profile beneficiaries`,
  )
  .action(async (target: string, options: { json?: boolean; format?: string; lang?: string }, command: Command) => {
    const g = globals(command);
    let config: Config | undefined;
    try {
      config = openConfig(g);
    } catch (error) {
      // A file can be profiled before any impact.yaml exists; a broken config is still an error.
      if (!(error instanceof ConfigError && error.issues.every((i) => i.line === 0)) || g.config) throw error;
    }
    const profileOptions: ProfileCliOptions = {
      ...(jsonFormat(options.format, options.json) ? { json: true } : {}),
      ...(options.lang !== undefined ? { lang: pickLang(options.lang, 'en') } : {}),
    };
    process.exitCode = await (await commands.profile()).runProfile(config, target, profileOptions, makeTerminal(g));
  });

const store = program
  .command('store')
  .description('the workspace store: what it holds, and its rows back out')
  .addHelpText(
    'after',
    `
Examples:
  impact store status                                  datasets, rows and batches
  impact store log                                     every imported batch
  impact store undo 3                                  put back what batch 3 changed
  impact store export beneficiaries -o stored.csv`,
  );

store
  .command('status')
  .description('datasets, row counts and the ledger of imported batches')
  .option('-f, --format <format>', 'text (default) or json')
  .option('--json', 'machine-readable (the same as -f json)')
  .addHelpText('after', '\nExamples:\n  impact store status\n  impact store status -f json')
  .action(async (options: { json?: boolean; format?: string }, command: Command) => {
    const g = globals(command);
    process.exitCode = (await commands.store()).runStoreStatus(
      openConfig(g),
      { json: jsonFormat(options.format, options.json) },
      makeTerminal(g),
    );
  });

store
  .command('log')
  .description('the ledger: every imported batch with its counts, and whether it was undone')
  .option('-f, --format <format>', 'text (default) or json')
  .option('--json', 'machine-readable (the same as -f json)')
  .addHelpText('after', '\nExamples:\n  impact store log\n  impact store log -f json > ledger.json')
  .action(async (options: { json?: boolean; format?: string }, command: Command) => {
    const g = globals(command);
    process.exitCode = (await commands.store()).runStoreLog(
      openConfig(g),
      { json: jsonFormat(options.format, options.json) },
      makeTerminal(g),
    );
  });

store
  .command('undo')
  .description('put back exactly what one import batch changed (rows it inserted removed, rows it updated restored)')
  .argument('<batch>', 'the batch number, as impact store log lists it')
  .option('-f, --format <format>', 'text (default) or json')
  .option('--json', 'machine-readable (the same as -f json)')
  .addHelpText('after', '\nExamples:\n  impact store log          find the batch\n  impact store undo 3')
  .action(async (batch: string, options: { json?: boolean; format?: string }, command: Command) => {
    const g = globals(command);
    process.exitCode = (await commands.store()).runStoreUndo(
      openConfig(g),
      positiveInt(batch),
      { json: jsonFormat(options.format, options.json) },
      makeTerminal(g),
    );
  });

store
  .command('export')
  .description("a dataset's stored rows as CSV (canonical columns, ISO dates, '.' decimals), in key order")
  .argument('<dataset>', `the dataset: ${DATASET_LIST}`)
  .option('-o, --output <file>', 'write to this file (default: stdout)')
  .addHelpText(
    'after',
    '\nExamples:\n  impact store export beneficiaries -o beneficiaries.csv\n  impact store export sites | head',
  )
  .option('--excel', 'for a spreadsheet: cells that look like formulas (=, +, -, @) are escaped with a quote')
  .action(async (dataset: string, options: { output?: string; excel?: boolean }, command: Command) => {
    process.exitCode = await (await commands.store()).runStoreExport(openConfig(globals(command)), dataset, options);
  });

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError((lang) => t(lang, 'usage.wholeNumber', { value }));
  return n;
}

// The latest instant a JavaScript Date holds (ECMA-262 §21.4.1.1): 8.64e15 ms after 1970.
const MAX_EPOCH_SECONDS = 8.64e12;

/** Reproducible builds' clock (reproducible-builds.org): whole seconds since 1970 that a date can hold. */
function checkSourceDateEpoch(value: string | undefined): void {
  if (value === undefined || value === '') return;
  if (!/^\d+$/.test(value) || Number(value) > MAX_EPOCH_SECONDS) {
    throw new UsageError((lang) =>
      t(lang, 'usage.sourceDateEpoch', { value: value.slice(0, 40), max: MAX_EPOCH_SECONDS }),
    );
  }
}

async function main(argv: string[]): Promise<void> {
  const verbose = argv.includes('--verbose');
  const term = makeTerminal({ color: !argv.includes('--no-color') });
  try {
    checkSourceDateEpoch(process.env.SOURCE_DATE_EPOCH);
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0; usage mistakes exit 2, not commander's 1.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (error instanceof ConfigError) {
      const relative = path.relative(process.cwd(), error.file);
      const shown = relative && !relative.startsWith('..') ? relative : error.file;
      term.err(term.ce.red(plural(mistakeLang(argv), 'usage.configProblems', error.issues.length, { file: shown })));
      for (const issue of error.issues) term.err(`  ${formatConfigIssue(shown, issue)}`);
      process.exitCode = EXIT.usage;
      return;
    }
    if (error instanceof WorkspacePathError) {
      term.err(term.ce.red(`impact: ${describeRefusal(error.refusal, workspaceLang)}`));
      process.exitCode = EXIT.usage;
      return;
    }
    const fileFault = fileSystemFault(error, workspaceLang);
    if (fileFault) {
      term.err(term.ce.red(`impact: ${fileFault}`));
      process.exitCode = EXIT.usage;
      return;
    }
    const storeError = error instanceof StoreError ? error : storeFault(error);
    if (storeError) {
      term.err(term.ce.red(`impact: ${storeError.message}`));
      process.exitCode = EXIT.usage;
      return;
    }
    if (error instanceof UsageError) {
      const lang = mistakeLang(argv);
      term.err(term.ce.red(`impact: ${worded(error.words, lang)}`));
      for (const line of error.details) term.err(`  ${worded(line, lang)}`);
      process.exitCode = EXIT.usage;
      return;
    }
    // One line (CONTRACT §4): the first line of the message, the stack only with --verbose.
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    const lang = mistakeLang(argv);
    const hint = verbose ? '' : t(lang, 'usage.internalHint');
    term.err(term.ce.red(`impact: ${t(lang, 'usage.internal', { message })}${hint}`));
    if (verbose && error instanceof Error && error.stack) term.err(error.stack);
    process.exitCode = EXIT.internal;
  }
}

await main(process.argv);
