// `impact indicators`: the catalogue (built-ins and the workspace's plug-ins) as a table,
// JSON, or the Markdown table the README embeds.
import Table from 'cli-table3';
import { columnMappingsOf, loadCatalogue } from '../catalogue/index.js';
import type { Config } from '../config/index.js';
import { type CompiledIndicator, indicatorDatasets } from '../engine/compiled.js';
import { checkIndicators, exampleConfig, type IndicatorProbe, type ProbeRun } from '../indicators-check.js';
import { type Lang, t } from '../messages.js';
import { workspaceBounds } from '../workspace-paths.js';
import { EXIT, type Terminal, UsageError } from './io.js';

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

export function catalogueMarkdown(entries: Entry[], lang: Lang = 'en'): string {
  const escapePipes = (s: string) => s.replace(/\|/g, '\\|');
  const head = (['id', 'kind', 'unit', 'definition', 'datasets', 'frameworks'] as const).map((k) =>
    t(lang, `indicators.${k}`),
  );
  const lines = [`| ${head.join(' | ')} |`, '|---|---|---|---|---|---|'];
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
    for (const line of p.neverNonZero)
      term.out(term.c.yellow(`⚠ ${p.id}  ${t(lang, 'neverNonZero')}${t(lang, 'punct.colon')}${line}`));
  }
  return ok ? EXIT.ok : EXIT.invalid;
}

export async function runIndicators(
  config: Config | undefined,
  options: { json?: boolean; format?: string; lang?: Lang; plugins?: boolean; width?: number; check?: boolean },
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
    process.stdout.write(catalogueMarkdown(entries, lang));
  } else if (options.format === undefined || options.format === 'table') {
    term.out(catalogueTable(entries, lang, options.width ?? 80, term.c.level > 0));
  } else {
    const format = options.format;
    throw new UsageError((lang) => t(lang, 'usage.indicatorsFormat', { format }));
  }
  return catalogue.failures.length > 0 ? EXIT.usage : EXIT.ok;
}

const originWord = (origin: string, lang: Lang): string =>
  origin === 'built-in' ? t(lang, 'indicators.builtin') : origin;

/**
 * id, title, kind and unit within `width` columns: ids are never cut. When the title column would
 * be too narrow to read (80 columns, piped), each title gets its own line under its id instead.
 */
function catalogueTable(entries: Entry[], lang: Lang, width: number, color: boolean): string {
  const idWidth = Math.max(...entries.map((e) => e.id.length), 2);
  const kindWidth = Math.max(...entries.map((e) => t(lang, `kind.${e.kind as 'flow'}`).length), 6);
  const unitWidth = Math.min(14, Math.max(...entries.map((e) => e.unit.length), 5));
  const style = { compact: true, head: color ? ['bold'] : [], border: color ? ['grey'] : [] };
  const cut = (text: string, n: number) => (text.length <= n ? text : `${text.slice(0, n - 1)}…`);
  const titleOf = (e: Entry) => `${e.title}${e.origin === 'built-in' ? '' : ` [${originWord(e.origin, lang)}]`}`;
  const kindOf = (e: Entry) => t(lang, `kind.${e.kind as 'flow'}`);
  // Borders and padding: 3 per column and 1.
  const titleWidth = width - (idWidth + kindWidth + unitWidth + 4 * 3 + 1);
  if (titleWidth >= 24) {
    const table = new Table({
      head: (['id', 'title', 'kind', 'unit'] as const).map((k) => t(lang, `indicators.${k}`)),
      colWidths: [idWidth + 2, titleWidth + 2, kindWidth + 2, unitWidth + 2],
      wordWrap: false,
      style,
    });
    for (const e of entries) table.push([e.id, cut(titleOf(e), titleWidth), kindOf(e), cut(e.unit, unitWidth)]);
    return table.toString();
  }
  // Three columns, the title below the id across them: id, kind and unit share what is left.
  const narrowUnit = Math.max(5, Math.min(unitWidth, width - (idWidth + kindWidth + 3 * 3 + 1)));
  const span = idWidth + kindWidth + narrowUnit + 2 * 3;
  const table = new Table({
    head: [
      `${t(lang, 'indicators.id')} / ${t(lang, 'indicators.title')}`,
      t(lang, 'indicators.kind'),
      t(lang, 'indicators.unit'),
    ],
    colWidths: [idWidth + 2, kindWidth + 2, narrowUnit + 2],
    wordWrap: false,
    style,
  });
  for (const e of entries) {
    table.push([e.id, kindOf(e), cut(e.unit, narrowUnit)]);
    table.push([{ colSpan: 3, content: `  ${cut(titleOf(e), span - 2)}` }]);
  }
  return table.toString();
}
