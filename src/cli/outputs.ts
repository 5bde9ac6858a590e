// Files the CLI writes (-o, --errors-out, store export): checked against the workspace boundary and
// the inputs before anything is computed, then written whole through .impact/tmp.
import { statSync } from 'node:fs';
import path from 'node:path';
import { writeWholeFile, writeWholeFileFrom } from '../atomic-write.js';
import type { Config } from '../config/index.js';
import { boundsOf, workspaceInputs } from '../data/inputs.js';
import { type MessageId, t } from '../messages.js';
import type { Lang } from '../problems.js';
import {
  checkInside,
  checkWritable,
  type PathRefusal,
  type PathUse,
  type WorkspaceBounds,
} from '../workspace-paths.js';
import { UsageError } from './io.js';

const USE_WORDS: Record<PathUse, MessageId> = {
  dataset: 'useDataset',
  plugin: 'usePlugin',
  store: 'useStore',
  import: 'useImport',
  output: 'useOutput',
  'errors-out': 'useErrorsOut',
  rejects: 'useRejects',
  export: 'useExport',
  init: 'useInit',
  temp: 'useTemp',
};

/** One line saying which path was refused, why, and how to allow it. */
export function describeRefusal(refusal: PathRefusal, lang: Lang): string {
  const what = `${t(lang, USE_WORDS[refusal.use])} ${refusal.shown}`;
  if (refusal.kind === 'overwrite') {
    const input = refusal.input === refusal.shown ? '' : ` (${refusal.input})`;
    return `${what}${input} ${t(lang, 'isAnInput')}${lang === 'fr' ? '\u00a0;' : ';'} ${t(lang, 'writeElsewhere')}`;
  }
  const colon = lang === 'fr' ? '\u00a0:' : ':';
  return (
    `${what} ${t(lang, 'resolvesTo')} ${refusal.real}, ${t(lang, 'outsideWorkspace')} ${refusal.root}${colon} ` +
    `${t(lang, 'allowWith')} --allow-outside ${refusal.real} ${t(lang, 'orAllowPaths')}`
  );
}

export interface OutputGuard {
  root: string;
  lang: Lang;
  bounds: WorkspaceBounds;
  inputs: ReadonlyMap<string, string>;
}

export async function outputGuard(config: Config): Promise<OutputGuard> {
  return { root: config.root, lang: config.locale, bounds: boundsOf(config), inputs: await workspaceInputs(config) };
}

const isFolder = (file: string): boolean => {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
};

/** A file about to be written: inside the workspace, not an input, not an existing folder. */
export function checkOutputFile(guard: OutputGuard, file: string, use: PathUse): string {
  const real = checkWritable(guard.bounds, path.resolve(file), use, guard.inputs, file);
  if (isFolder(real)) throw new UsageError(`${t(guard.lang, USE_WORDS[use])} ${file} ${t(guard.lang, 'isAFolder')}`);
  return real;
}

/** A folder several outputs go into: not an existing file. */
export function checkOutputFolder(guard: OutputGuard, folder: string, use: PathUse): void {
  const real = checkInside(guard.bounds, path.resolve(folder), use, folder);
  let isFile = false;
  try {
    isFile = statSync(real).isFile();
  } catch {
    isFile = false;
  }
  if (isFile) throw new UsageError(`${t(guard.lang, USE_WORDS[use])} ${folder} ${t(guard.lang, 'isAFile')}`);
}

/** Writes a checked output whole (temp file in .impact/tmp, then a rename). */
export function writeOutput(guard: OutputGuard, real: string, data: string | Uint8Array): void {
  checkInside(guard.bounds, path.join(guard.root, '.impact', 'tmp'), 'temp');
  writeWholeFile(guard.root, real, data);
}

/** As writeOutput, for an output that `write` streams into the temp file it is given. */
export async function writeOutputFrom(
  guard: OutputGuard,
  real: string,
  write: (temp: string) => Promise<void>,
): Promise<void> {
  checkInside(guard.bounds, path.join(guard.root, '.impact', 'tmp'), 'temp');
  await writeWholeFileFrom(guard.root, real, write);
}

const FILE_FAULTS = ['EACCES', 'EPERM', 'EROFS', 'EISDIR', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'ENOENT', 'ELOOP'] as const;

/** A file-system error the user can act on (a read-only folder, a file where a folder was expected), worded. */
export function fileSystemFault(error: unknown, lang: Lang): string | undefined {
  if (!(error instanceof Error)) return undefined;
  // A failed rename names its source (a temp file) in `path` and the user's target in `dest`.
  const { code, path: source, dest } = error as NodeJS.ErrnoException & { dest?: string };
  const file = dest ?? source;
  const fault = FILE_FAULTS.find((f) => f === code);
  if (!fault || file === undefined) return undefined;
  return `${file}${lang === 'fr' ? '\u00a0:' : ':'} ${t(lang, fault)} (${fault})`;
}
