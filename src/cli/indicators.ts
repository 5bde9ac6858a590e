// `impact indicators`: the catalogue (built-ins and the workspace's plug-ins) as a table,
// JSON, or the Markdown table the README embeds.
import Table from 'cli-table3';
import { loadCatalogue } from '../catalogue/index.js';
import type { Config } from '../config/index.js';
import { type CompiledIndicator, indicatorDatasets } from '../engine/compiled.js';
import type { Lang } from '../problems.js';
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

export async function runIndicators(
  config: Config | undefined,
  options: { json?: boolean; format?: string; lang?: Lang; plugins?: boolean },
  term: Terminal,
): Promise<number> {
  const lang = options.lang ?? config?.locale ?? 'en';
  const catalogue = await loadCatalogue({
    root: config?.root ?? process.cwd(),
    pluginGlobs: config?.plugins ?? [],
    plugins: config !== undefined && options.plugins !== false,
    params: config?.params ?? { youth_age: [16, 25], mobility_levels: [], precarity_threshold: '' },
    bounds: workspaceBounds(config?.root ?? process.cwd(), config?.allowPaths),
  });
  const entries = catalogueEntries(catalogue.indicators, lang);
  for (const failure of catalogue.failures) term.err(term.ce.red(`✖ ${failure.message}`));
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
