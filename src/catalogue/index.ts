// The catalogue of a run: the built-ins plus the workspace's plug-ins. A plug-in that fails to load
// or is invalid becomes a failure naming its file; every other indicator still computes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import { builtInIndicators } from '../../indicators/index.js';
import { didYouMean } from '../config/text.js';
import type { DatasetName } from '../data/datasets.js';
import type { IndicatorDefinition } from '../define.js';
import { type CompiledIndicator, compileIndicator, DefinitionError } from '../engine/compiled.js';
import type { Lang } from '../problems.js';
import { checkInside, type WorkspaceBounds, workspaceBounds } from '../workspace-paths.js';
import { type CheckOptions, checkDefinition, type DefinitionIssue } from './check.js';
import { formatLocatedIssue, type LocatedIssue, readYamlIndicatorFile } from './yaml-file.js';

export interface CatalogueFailure {
  /** The plug-in file (workspace-relative) or `built-in`. */
  origin: string;
  id?: string;
  /** Every problem found, one located line each. */
  lines: string[];
  message: string;
}

/** A definition that loads but can never be non-zero (a filter value outside its column's domain). */
export interface CatalogueWarning {
  origin: string;
  id: string;
  lines: string[];
}

/** A `plugins:` glob that matches no file, with the glob that would (a typo in a folder or file name). */
export interface UnmatchedPluginGlob {
  glob: string;
  hint?: string;
}

export interface Catalogue {
  indicators: CompiledIndicator[];
  failures: CatalogueFailure[];
  warnings: CatalogueWarning[];
  unmatchedPluginGlobs: UnmatchedPluginGlob[];
}

// Plug-ins import 'impactkit': point that at this very copy, so their zod and types are ours.
function publicEntry(): string {
  const js = fileURLToPath(new URL('../index.js', import.meta.url));
  return existsSync(js) ? js : js.replace(/\.js$/, '.ts');
}

function definitionsOf(moduleExports: unknown): unknown[] {
  const m = moduleExports as Record<string, unknown> | null;
  if (m === null || typeof m !== 'object') return [];
  const found: unknown[] = [];
  const add = (v: unknown) => {
    if (Array.isArray(v)) found.push(...v);
    else if (v !== undefined && !found.includes(v)) found.push(v);
  };
  add(m.default);
  for (const [name, value] of Object.entries(m)) {
    if (name !== 'default' && typeof value === 'object' && value !== null && 'kind' in value && 'id' in value)
      add(value);
  }
  return found;
}

async function loadModule(root: string, file: string): Promise<unknown[]> {
  // Compiled once: jiti keeps each transpiled file in the workspace's own cache, checked by a hash of
  // its source, so an edited plug-in is compiled again and nothing is written outside the workspace.
  // jiti is loaded only for a workspace with TypeScript plug-ins, and through require: its ESM entry
  // makes Node scan its 190 kB CommonJS build for export names (~50 ms of CPU; ~25 ms by require).
  const { createJiti } = createRequire(import.meta.url)('jiti') as typeof import('jiti');
  const jiti = createJiti(import.meta.url, {
    alias: { impactkit: publicEntry() },
    moduleCache: false,
    fsCache: path.join(root, '.impact', 'cache', 'plugins'),
  });
  return definitionsOf(await jiti.import(path.resolve(root, file)));
}

const GLOB_CHARS = /[*?[\]{}]/;

/** For a glob matching nothing: the same glob with each missing literal segment replaced by the nearest entry. */
async function pluginGlobHint(root: string, glob: string): Promise<string | undefined> {
  const segments = glob.split('/');
  let dir = root;
  const fixed: string[] = [];
  for (const [i, segment] of segments.entries()) {
    if (GLOB_CHARS.test(segment)) {
      fixed.push(...segments.slice(i));
      break;
    }
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      return undefined;
    }
    const name = entries.includes(segment) ? segment : didYouMean(segment, entries);
    if (name === undefined) return undefined;
    fixed.push(name);
    dir = path.join(dir, name);
  }
  const candidate = fixed.join('/');
  if (candidate === glob) return undefined;
  const files = await glob_(candidate, root);
  return files.length > 0 ? candidate : undefined;
}

/** Whether the folder a wildcard pattern lists exists (`indicators/` for `indicators/*.ts`). */
function patternFolderExists(root: string, pattern: string): boolean {
  const segments = pattern.split('/');
  const first = segments.findIndex((s) => GLOB_CHARS.test(s));
  if (first < 0) return false; // a plain file name that is not there
  return existsSync(path.join(root, ...segments.slice(0, first)));
}

const glob_ = (pattern: string | string[], root: string) =>
  glob(pattern, { cwd: root, onlyFiles: true, expandDirectories: false });

export interface CatalogueOptions {
  root: string;
  pluginGlobs: string[];
  plugins: boolean;
  /** Plug-ins run code: one that resolves outside these (default: the root) is refused before any is loaded. */
  bounds?: WorkspaceBounds;
  params: Record<string, unknown>;
  /** Per dataset, the config's `columns:` mapping: a filter may name a source header. */
  columnMappings?: Partial<Record<DatasetName, Record<string, string>>>;
  /** The language failures are worded in (default English). */
  lang?: Lang;
}

/** The `columns:` mapping of every configured dataset, for filters that name a source header. */
export function columnMappingsOf(
  datasets: Partial<Record<DatasetName, { columns: Record<string, string> }>>,
): Partial<Record<DatasetName, Record<string, string>>> {
  return Object.fromEntries(Object.entries(datasets).map(([name, spec]) => [name, spec?.columns ?? {}]));
}

const levelsOf = (params: Record<string, unknown>): string[] =>
  Array.isArray(params.mobility_levels) ? params.mobility_levels.map((l) => String(l).toLowerCase()) : [];

/** `indicators/women.ts  date  unknown column …`: a TypeScript plug-in's problems name the file and the field. */
function fieldLine(origin: string, issue: DefinitionIssue, lang: Lang): string {
  return [origin, issue.path.join('.'), issue[lang]].filter((p) => p !== '').join('  ');
}

export async function loadCatalogue(options: CatalogueOptions): Promise<Catalogue> {
  const lang = options.lang ?? 'en';
  const checkOptions: CheckOptions = {
    levels: levelsOf(options.params),
    ...(options.columnMappings ? { columnMappings: options.columnMappings } : {}),
  };
  const catalogue: Catalogue = { indicators: [], failures: [], warnings: [], unmatchedPluginGlobs: [] };
  const { indicators, failures } = catalogue;
  const ids = new Set<string>();
  const fail = (origin: string, id: unknown, lines: string[]) =>
    failures.push({ origin, ...(typeof id === 'string' ? { id } : {}), lines, message: lines.join('; ') });
  const add = (definition: unknown, origin: string, checked: boolean) => {
    const id = (definition as { id?: unknown } | null)?.id;
    try {
      if (!checked) {
        const issues = checkDefinition(definition, checkOptions);
        const errors = issues.filter((i) => i.severity === 'error');
        if (errors.length > 0)
          return fail(
            origin,
            id,
            errors.map((i) => fieldLine(origin, i, lang)),
          );
        const warnings = issues.filter((i) => i.severity === 'warning');
        if (warnings.length > 0 && typeof id === 'string') {
          catalogue.warnings.push({ origin, id, lines: warnings.map((i) => fieldLine(origin, i, lang)) });
        }
      }
      const compiled = compileIndicator(definition as IndicatorDefinition<unknown>, origin, options.params);
      if (ids.has(compiled.id)) throw new DefinitionError(origin, 'id', `"${compiled.id}" is already defined`);
      ids.add(compiled.id);
      indicators.push(compiled);
    } catch (error) {
      fail(origin, id, [error instanceof Error ? error.message : String(error)]);
    }
  };
  for (const definition of builtInIndicators) add(definition, 'built-in', false);
  if (options.plugins) {
    const files: string[] = [];
    for (const pattern of options.pluginGlobs) {
      const matched = (await glob_(pattern, options.root)).map((f) => f.split(path.sep).join('/'));
      if (matched.length === 0) {
        const hint = await pluginGlobHint(options.root, pattern);
        // An existing, still empty folder (a new workspace's indicators/) is not a mistake.
        if (hint || !patternFolderExists(options.root, pattern)) {
          catalogue.unmatchedPluginGlobs.push({ glob: pattern, ...(hint ? { hint } : {}) });
        }
      }
      for (const f of matched) if (!files.includes(f)) files.push(f);
    }
    files.sort();
    const bounds = options.bounds ?? workspaceBounds(options.root);
    for (const file of files) checkInside(bounds, file, 'plugin');
    for (const file of files) {
      try {
        if (/\.ya?ml$/i.test(file)) {
          const text = readFileSync(path.resolve(options.root, file), 'utf8');
          for (const entry of readYamlIndicatorFile(file, text, checkOptions)) {
            if (!entry.ok) {
              fail(
                file,
                entry.id,
                entry.issues.map((i: LocatedIssue) => formatLocatedIssue(i, lang)),
              );
              continue;
            }
            const id = (entry.definition as { id: string }).id;
            if (entry.warnings.length > 0) {
              catalogue.warnings.push({
                origin: file,
                id,
                lines: entry.warnings.map((i) => formatLocatedIssue(i, lang)),
              });
            }
            add(entry.definition, file, true);
          }
          continue;
        }
        const definitions = await loadModule(options.root, file);
        if (definitions.length === 0) fail(file, undefined, [`${file}: exports no indicator definition`]);
        for (const definition of definitions) add(definition, file, false);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const id = error instanceof DefinitionError ? error.id : undefined;
        fail(file, id, [message.startsWith(file) ? message : `${file}: ${message}`]);
      }
    }
  }
  refuseRatioCircles(catalogue);
  return catalogue;
}

/**
 * A ratio that divides itself, directly (x = x ÷ y) or through other ratios (a = b ÷ y, b = a ÷ y), has no
 * value and would be computed without end: each ratio on such a circle is refused, naming the circle, and
 * a ratio of one of them then fails as a ratio of a missing part does.
 */
function refuseRatioCircles(catalogue: Catalogue): void {
  const byId = new Map(catalogue.indicators.flatMap((i) => [i, ...i.parts]).map((i) => [i.id, i]));
  const refused = new Set<CompiledIndicator>();
  for (const start of catalogue.indicators) {
    if (start.kind !== 'ratio') continue;
    const path: string[] = [start.id];
    const seen = new Set<string>();
    // Depth first along numerators and denominators that are ratios: a path back to `start` is a circle.
    const circle = (indicator: CompiledIndicator): string[] | undefined => {
      for (const id of [indicator.numerator, indicator.denominator]) {
        if (id === undefined) continue;
        if (id === start.id) return [...path, id];
        const part = byId.get(id);
        if (part?.kind !== 'ratio' || seen.has(id)) continue;
        seen.add(id);
        path.push(id);
        const found = circle(part);
        if (found) return found;
        path.pop();
      }
      return undefined;
    };
    const found = circle(start);
    if (!found) continue;
    refused.add(start);
    const role = start.numerator === found[1] ? 'numerator' : 'denominator';
    const line = `${start.origin}: ${role}: a ratio cannot divide itself (${found.join(' → ')})`;
    catalogue.failures.push({ origin: start.origin, id: start.id, lines: [line], message: line });
  }
  if (refused.size > 0) catalogue.indicators = catalogue.indicators.filter((i) => !refused.has(i));
}
