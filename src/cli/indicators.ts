// `impact indicators`: the catalogue (built-ins and the workspace's plug-ins) as a table,
// JSON, or the Markdown table the README embeds.
import Table from 'cli-table3';
import { columnMappingsOf, loadCatalogue } from '../catalogue/index.js';
import type { Config } from '../config/index.js';
import { type CompiledIndicator, indicatorDatasets } from '../engine/compiled.js';
import { checkIndicators, exampleConfig, type IndicatorProbe, type ProbeRun } from '../indicators-check.js';
import type { Lang } from '../problems.js';
import { workspaceBounds } from '../workspace-paths.js';
import { EXIT, type Terminal, UsageError } from './io.js';
import { t } from './messages.js';

interface Entry {
  id: string;
  kind: string;
  unit: string;
  title: string;
  description: string;
  datasets: string[];
  frameworks: Record<string, string[]>;
  version: string;
  origin: string;
}

export function catalogueEntries(indicators: CompiledIndicator[], lang: Lang): Entry[] {
  const all = indicators.flatMap((i) => [i, ...i.parts]);
  return indicators.map((i) => ({
    id: i.id,
    kind: i.kind,
    unit: i.unit[lang],
    title: i.title[lang],
    description: i.description[lang],
    datasets: indicatorDatasets(i, all),
    frameworks: i.frameworks,
    version: i.version,
    origin: i.origin,
  }));
}

const frameworksText = (f: Record<string, string[]>): string =>
  Object.entries(f)
    .map(([name, codes]) => `${name.toUpperCase()} ${codes.join(', ')}`)
    .join('; ');

export function catalogueMarkdown(entries: Entry[]): string {
  const escapePipes = (s: string) => s.replace(/\|/g, '\\|');
  const lines = ['| id | kind | unit | definition | datasets | frameworks |', '|---|---|---|---|---|---|'];
  for (const e of entries) {
    lines.push(
      `| \`${e.id}\` | ${e.kind} | ${escapePipes(e.unit)} | ${escapePipes(e.description)} | ${e.datasets.join(', ')} | ${escapePipes(frameworksText(e.frameworks))} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `--check`: every definition run on an empty and on the example-shaped dataset, with what it reads. */
async function runIndicatorsCheck(
  config: Config,
  options: { json?: boolean; lang?: Lang },
  term: Terminal,
  version: string,
): Promise<number> {
  const lang = options.lang ?? config.locale;
  const { probes, catalogue } = await checkIndicators(config, lang, version);
  const flagged = (p: IndicatorProbe) =>
    p.empty.error !== undefined || p.example.error !== undefined || p.neverNonZero.length > 0;
  const ok = catalogue.failures.length === 0 && !probes.some(flagged);
  if (options.json) {
    term.out(JSON.stringify({ ok, indicators: probes, failures: catalogue.failures }, null, 2));
    return ok ? EXIT.ok : EXIT.invalid;
  }
  const run = (r: ProbeRun) => (r.error !== undefined ? term.c.red('error') : r.value === null ? '–' : String(r.value));
  const reads = (p: IndicatorProbe) =>
    Object.entries(p.reads)
      .map(([dataset, fields]) => `${dataset}: ${fields.join(', ')}`)
      .join('\n');
  const table = new Table({
    head: ['id', 'origin', t(lang, 'readsFields'), t(lang, 'onEmpty'), t(lang, 'onExample')],
    style: { compact: true, head: term.c.level > 0 ? ['bold'] : [], border: term.c.level > 0 ? ['grey'] : [] },
  });
  for (const p of probes) table.push([p.id, p.origin, reads(p), run(p.empty), run(p.example)]);
  term.out(table.toString());
  for (const failure of catalogue.failures) for (const line of failure.lines) term.out(term.c.red(`✖ ${line}`));
  for (const p of probes) {
    for (const error of [p.empty.error, p.example.error]) if (error) term.out(term.c.red(`✖ ${p.id}  ${error}`));
    for (const line of p.neverNonZero) term.out(term.c.yellow(`⚠ ${p.id}  ${t(lang, 'neverNonZero')}: ${line}`));
  }
  return ok ? EXIT.ok : EXIT.invalid;
}

export async function runIndicators(
  config: Config | undefined,
  options: { json?: boolean; format?: string; lang?: Lang; plugins?: boolean; check?: boolean },
  term: Terminal,
  version = '',
): Promise<number> {
  if (options.check) {
    // Without a workspace, the built-ins alone, under the example's parameters.
    const workspace = config ?? { ...exampleConfig(), plugins: [] };
    const plugins = options.plugins === false ? { ...workspace, plugins: [] } : workspace;
    return runIndicatorsCheck(plugins, options, term, version);
  }
  const lang = options.lang ?? config?.locale ?? 'en';
  const catalogue = await loadCatalogue({
    root: config?.root ?? process.cwd(),
    pluginGlobs: config?.plugins ?? [],
    plugins: config !== undefined && options.plugins !== false,
    params: config?.params ?? { youth_age: [16, 25], mobility_levels: [], precarity_threshold: '' },
    bounds: workspaceBounds(config?.root ?? process.cwd(), config?.allowPaths),
    ...(config ? { columnMappings: columnMappingsOf(config.datasets) } : {}),
    lang,
  });
  const entries = catalogueEntries(catalogue.indicators, lang);
  for (const failure of catalogue.failures) for (const line of failure.lines) term.err(term.ce.red(`✖ ${line}`));
  if (options.json) {
    term.out(JSON.stringify({ indicators: entries, failures: catalogue.failures }, null, 2));
  } else if (options.format === 'md') {
    process.stdout.write(catalogueMarkdown(entries));
  } else if (options.format === undefined || options.format === 'table') {
    const table = new Table({
      head: ['id', 'kind', 'unit', 'datasets', 'origin'],
      style: { compact: true, head: term.c.level > 0 ? ['bold'] : [], border: term.c.level > 0 ? ['grey'] : [] },
    });
    for (const e of entries) table.push([e.id, e.kind, e.unit, e.datasets.join(', '), e.origin]);
    term.out(table.toString());
  } else {
    throw new UsageError(`--format ${options.format}: expected table or md (or --json)`);
  }
  return catalogue.failures.length > 0 ? EXIT.usage : EXIT.ok;
}
