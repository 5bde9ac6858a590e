// The catalogue of a run: the built-ins plus the workspace's plug-ins. A plug-in that fails to load
// or is invalid becomes a failure naming its file; every other indicator still computes.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import { glob } from 'tinyglobby';
import { parse as parseYaml } from 'yaml';
import { builtInIndicators } from '../../indicators/index.js';
import type { IndicatorDefinition } from '../define.js';
import { type CompiledIndicator, compileIndicator, DefinitionError } from '../engine/compiled.js';
import { checkInside, type WorkspaceBounds } from '../workspace-paths.js';
import { yamlIndicatorSchema, yamlToDefinition } from './yaml-indicator.js';

export interface CatalogueFailure {
  /** The plug-in file (workspace-relative) or `built-in`. */
  origin: string;
  id?: string;
  message: string;
}

export interface Catalogue {
  indicators: CompiledIndicator[];
  failures: CatalogueFailure[];
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

async function loadPluginFile(root: string, file: string): Promise<unknown[]> {
  const absolute = path.resolve(root, file);
  if (/\.ya?ml$/i.test(file)) {
    const raw = parseYaml(readFileSync(absolute, 'utf8'));
    const list = Array.isArray(raw) ? raw : [raw];
    return list.map((item, i) => {
      const parsed = yamlIndicatorSchema.safeParse(item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = [list.length > 1 ? String(i) : '', ...(issue?.path.map(String) ?? [])].filter(Boolean).join('.');
        const id = (item as { id?: unknown } | null)?.id;
        throw new DefinitionError(
          file,
          field || 'definition',
          issue?.message ?? 'invalid',
          typeof id === 'string' ? id : undefined,
        );
      }
      return yamlToDefinition(parsed.data);
    });
  }
  const jiti = createJiti(import.meta.url, { alias: { impactkit: publicEntry() }, moduleCache: false, fsCache: false });
  return definitionsOf(await jiti.import(absolute));
}

export interface CatalogueOptions {
  root: string;
  pluginGlobs: string[];
  plugins: boolean;
  /** Plug-ins run code: one that resolves outside these is refused before anything is loaded. */
  bounds: WorkspaceBounds;
  params: Record<string, unknown>;
}

export async function loadCatalogue(options: CatalogueOptions): Promise<Catalogue> {
  const failures: CatalogueFailure[] = [];
  const indicators: CompiledIndicator[] = [];
  const ids = new Set<string>();
  const add = (definition: unknown, origin: string) => {
    try {
      const compiled = compileIndicator(definition as IndicatorDefinition<unknown>, origin, options.params);
      if (ids.has(compiled.id)) throw new DefinitionError(origin, 'id', `"${compiled.id}" is already defined`);
      ids.add(compiled.id);
      indicators.push(compiled);
    } catch (error) {
      const id = (definition as { id?: unknown } | null)?.id;
      failures.push({
        origin,
        ...(typeof id === 'string' ? { id } : {}),
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
  for (const definition of builtInIndicators) add(definition, 'built-in');
  if (options.plugins) {
    const files = (await glob(options.pluginGlobs, { cwd: options.root, onlyFiles: true, expandDirectories: false }))
      .map((f) => f.split(path.sep).join('/'))
      .sort();
    for (const file of files) checkInside(options.bounds, file, 'plugin');
    for (const file of files) {
      try {
        const definitions = await loadPluginFile(options.root, file);
        if (definitions.length === 0)
          failures.push({ origin: file, message: `${file}: exports no indicator definition` });
        for (const definition of definitions) add(definition, file);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const id = error instanceof DefinitionError ? error.id : undefined;
        failures.push({
          origin: file,
          ...(id ? { id } : {}),
          message: message.startsWith(file) ? message : `${file}: ${message}`,
        });
      }
    }
  }
  return { indicators, failures };
}
