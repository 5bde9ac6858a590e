// The workspace's inputs as files: each dataset's files checked before any is read (a configured file
// that does not exist is a config problem, one outside the workspace is refused), and the set of
// inputs no output may overwrite (the data files, impact.yaml, the plug-ins, the store).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { type Config, ConfigError, type ConfigIssue } from '../config/index.js';
import { STORE_FILE } from '../store/database.js';
import { checkInside, realLocation, type WorkspaceBounds, workspaceBounds } from '../workspace-paths.js';
import { DATASET_ORDER, type DatasetName } from './datasets.js';
import { resolveDatasetFiles } from './load.js';

export function boundsOf(config: Config): WorkspaceBounds {
  return workspaceBounds(config.root, config.allowPaths);
}

/** Where the user wrote the i-th path of a dataset: as `files:`, a bare list or a bare path. */
function patternPosition(config: Config, dataset: DatasetName, index: number): { line: number; col: number } {
  const candidates = [
    ['datasets', dataset, 'files', index],
    ['datasets', dataset, index],
    ['datasets', dataset, 'files'],
    ['datasets', dataset],
  ];
  for (const candidate of candidates) {
    const pos = config.locate(candidate);
    if (pos.line > 0) return pos;
  }
  return { line: 0, col: 0 };
}

/**
 * Each configured dataset's files (workspace-relative, sorted), checked: a literal path that does not
 * exist is a ConfigError (all of them at once), and a file that resolves outside the workspace is refused.
 */
export async function checkedDatasetFiles(
  config: Config,
  only?: readonly DatasetName[],
): Promise<Map<DatasetName, string[]>> {
  const bounds = boundsOf(config);
  const missing: ConfigIssue[] = [];
  for (const dataset of DATASET_ORDER) {
    const spec = config.datasets[dataset];
    if (!spec || (only && !only.includes(dataset))) continue;
    spec.files.forEach((pattern, index) => {
      if (isDynamicPattern(pattern) || existsSync(path.resolve(config.root, pattern))) return;
      const pos = patternPosition(config, dataset, index);
      missing.push({ ...pos, path: `datasets.${dataset}`, message: `file not found: ${pattern}` });
    });
  }
  if (missing.length > 0) throw new ConfigError(config.file, missing, path.basename(config.file));
  const files = new Map<DatasetName, string[]>();
  for (const dataset of DATASET_ORDER) {
    const spec = config.datasets[dataset];
    if (!spec || (only && !only.includes(dataset))) continue;
    // Warnings (a glob matching nothing) are the reader's to give, once, when it expands them again.
    const found = await resolveDatasetFiles(config.root, dataset, spec.files, { add: () => {} });
    for (const file of found) checkInside(bounds, file, 'dataset');
    if (spec.store) checkInside(bounds, STORE_FILE, 'store');
    files.set(dataset, found);
  }
  return files;
}

/** Every input of the workspace by real path, shown as the user wrote it: what no output may replace. */
export async function workspaceInputs(config: Config): Promise<Map<string, string>> {
  const inputs = new Map<string, string>();
  const add = (file: string) => {
    const absolute = path.resolve(config.root, file);
    const relative = path.relative(config.root, absolute);
    inputs.set(realLocation(absolute), relative.startsWith('..') ? absolute : relative.split(path.sep).join('/'));
  };
  add(config.file);
  add(STORE_FILE);
  for (const dataset of DATASET_ORDER) {
    const spec = config.datasets[dataset];
    if (!spec) continue;
    const files = await glob(spec.files, { cwd: config.root, onlyFiles: true, expandDirectories: false });
    for (const file of files) add(file);
  }
  if (config.plugins.length > 0) {
    const plugins = await glob(config.plugins, { cwd: config.root, onlyFiles: true, expandDirectories: false });
    for (const file of plugins) add(file);
  }
  return inputs;
}
