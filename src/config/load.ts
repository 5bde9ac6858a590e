// Finding impact.yaml and turning its text into a Config, or one ConfigError that lists every problem.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { byPosition, zodToConfigIssues } from './issues.js';
import { type RawConfig, rootObject } from './schema.js';
import { type Loc, pathKey, readTree } from './tree.js';
import {
  type Config,
  ConfigError,
  type ConfigIssue,
  DATASET_NAMES,
  type DatasetName,
  type DatasetSpec,
  type Target,
} from './types.js';

export const CONFIG_NAME = 'impact.yaml';

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

const wholeFile = (message: string, expected?: string): ConfigIssue => ({
  line: 0,
  col: 0,
  path: '',
  message,
  ...(expected ? { expected } : {}),
});

/** `-c FILE` resolved against cwd, else the nearest impact.yaml from cwd upwards. */
export function findConfig(cwd: string, explicit?: string): string {
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    if (isFile(file)) return file;
    throw new ConfigError(file, [wholeFile('config file not found', 'an existing impact.yaml given with -c/--config')]);
  }
  let dir = resolve(cwd);
  for (;;) {
    const file = join(dir, CONFIG_NAME);
    if (isFile(file)) return file;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const message = `no ${CONFIG_NAME} in ${resolve(cwd)} or any folder above it`;
  throw new ConfigError(join(resolve(cwd), CONFIG_NAME), [
    wholeFile(message, 'a workspace folder (create one with `impact init`)'),
  ]);
}

export function loadConfig(file: string): Config {
  const abs = resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String(e.code) : String(e);
    throw new ConfigError(abs, [wholeFile(`cannot read the config (${reason})`)], basename(abs));
  }
  return parseConfigText(text, abs);
}

export function parseConfigText(text: string, file: string): Config {
  const abs = resolve(file);
  const fail = (issues: ConfigIssue[]): never => {
    throw new ConfigError(abs, [...issues].sort(byPosition), basename(abs));
  };
  const tree = readTree(text);
  if (tree.empty && tree.issues.length === 0) {
    fail([{ line: 1, col: 1, path: '', message: 'the config is empty', expected: 'version, name and range at least' }]);
  }
  if (tree.value === undefined) fail(tree.issues);
  // Parsed once per run: zod's compiled fast path (a `new Function` per object schema) costs more than it saves.
  const parsed = rootObject.safeParse(tree.value, { reportInput: true, error: () => '', jitless: true });
  const issues = [...tree.issues, ...(parsed.success ? [] : zodToConfigIssues(parsed.error.issues, tree.locs))];
  if (issues.length > 0 || !parsed.success) return fail(issues);
  return toConfig(parsed.data, abs, tree.locs);
}

const bothLanguages = (text: string | { en: string; fr: string }) =>
  typeof text === 'string' ? { en: text, fr: text } : text;

function toConfig(raw: RawConfig, file: string, locs: Map<string, Loc>): Config {
  const datasets: Partial<Record<DatasetName, DatasetSpec>> = {};
  for (const name of DATASET_NAMES) {
    const d = raw.datasets[name];
    if (!d) continue;
    datasets[name] = {
      name,
      files: d.files.map((f) => f.path),
      formats: d.files.map(({ path: _, date_format, ...own }) => {
        const format = { ...own, ...(date_format ? { dateFormat: date_format } : {}) };
        return Object.keys(format).length > 0 ? format : undefined;
      }),
      store: d.store,
      ...(d.delimiter ? { delimiter: d.delimiter } : {}),
      decimal: d.decimal,
      dateFormat: d.date_format,
      ...(d.encoding ? { encoding: d.encoding } : {}),
      ...(d.sheet ? { sheet: d.sheet } : {}),
      columns: d.columns,
      values: d.values,
    };
  }
  const targets: Target[] = raw.targets.map((t, i) => ({
    indicator: t.indicator,
    ...(t.territory !== undefined ? { territory: t.territory } : {}),
    ...(t.period !== undefined ? { period: t.period } : {}),
    op: t.op,
    value: t.value,
    line: locs.get(pathKey(['targets', i]))?.value.line ?? 0,
  }));
  const { youth_age, mobility_levels, precarity_threshold, ...extra } = raw.params;
  return {
    file,
    root: dirname(file),
    version: raw.version,
    name: raw.name,
    ...(raw.reporting_entity !== undefined ? { reportingEntity: raw.reporting_entity } : {}),
    locale: raw.locale,
    range: { from: raw.range.from, to: raw.range.to },
    breakdown: raw.breakdown,
    params: { ...extra, youth_age, mobility_levels, precarity_threshold },
    datasets,
    indicators: raw.indicators,
    plugins: raw.plugins,
    targets,
    privacy: { minCount: raw.privacy.min_count },
    metrics: Object.fromEntries(
      Object.entries(raw.metrics).map(([name, m]) => [
        name,
        {
          ...(m.title !== undefined ? { title: bothLanguages(m.title) } : {}),
          ...(m.unit !== undefined ? { unit: bothLanguages(m.unit) } : {}),
        },
      ]),
    ),
    allowPaths: raw.allow_paths.map((p) => resolve(dirname(file), p)),
    locate: (path) => {
      const loc = locs.get(pathKey(path));
      return loc ? { ...loc.value } : { line: 0, col: 0 };
    },
  };
}
