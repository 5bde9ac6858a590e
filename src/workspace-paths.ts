// The workspace is the boundary: every path impactkit reads (datasets, plug-ins, the store) or writes
// (reports, --errors-out, rejects, the store, exports) must resolve, symlinks followed, inside the
// workspace folder or a folder the user allowed (`--allow-outside PATH`, `allow_paths:` in impact.yaml);
// and no write may land on an input. Every command asks this one module.
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** What a path is for, as refusals name it. */
export type PathUse =
  | 'dataset'
  | 'plugin'
  | 'store'
  | 'import'
  | 'output'
  | 'errors-out'
  | 'rejects'
  | 'export'
  | 'init'
  | 'temp';

/** Why a path was refused: worded in English and French by the CLI (src/messages.ts). */
export type PathRefusal =
  | { kind: 'outside'; use: PathUse; shown: string; real: string; root: string }
  | { kind: 'overwrite'; use: PathUse; shown: string; input: string };

/** A user mistake about a path: one line, exit 2. */
export class WorkspacePathError extends Error {
  constructor(readonly refusal: PathRefusal) {
    super(
      refusal.kind === 'outside'
        ? `${refusal.shown} resolves to ${refusal.real}, outside the workspace ${refusal.root}`
        : `${refusal.shown} is an input (${refusal.input}); refusing to overwrite it`,
    );
    this.name = 'WorkspacePathError';
  }
}

export interface WorkspaceBounds {
  /** The workspace folder, symlinks resolved. */
  root: string;
  /** Folders or files outside it that the user allowed, symlinks resolved. */
  allowed: readonly string[];
}

const MAX_LINKS = 40; // as Linux's ELOOP limit: a symlink loop ends, never hangs

/**
 * Where `file` really is: every symlink followed, a dangling one too (a write would follow it), and the
 * part of a path that does not exist yet appended to the real folder that does.
 */
export function realLocation(file: string): string {
  let current = path.resolve(file);
  const missing: string[] = [];
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    try {
      return path.join(realpathSync.native(current), ...missing);
    } catch {
      let link: string | undefined;
      try {
        if (lstatSync(current).isSymbolicLink()) link = readlinkSync(current);
      } catch {
        link = undefined;
      }
      if (link !== undefined) {
        current = path.resolve(path.dirname(current), link);
        continue;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      missing.unshift(path.basename(current));
      current = parent;
    }
  }
  return path.join(current, ...missing);
}

export function workspaceBounds(root: string, allowPaths: readonly string[] = []): WorkspaceBounds {
  return { root: realLocation(root), allowed: allowPaths.map((p) => realLocation(path.resolve(root, p))) };
}

const within = (folder: string, real: string): boolean =>
  real === folder || real.startsWith(folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`);

export function isInside(bounds: WorkspaceBounds, real: string): boolean {
  return within(bounds.root, real) || bounds.allowed.some((allowed) => within(allowed, real));
}

/** How a path is shown in a refusal: as the user wrote it, relative to the workspace when inside it. */
function shownPath(bounds: WorkspaceBounds, file: string): string {
  const relative = path.relative(bounds.root, path.resolve(bounds.root, file));
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/**
 * The real location of a path impactkit is about to read or write (relative to the workspace, or
 * absolute); refused when outside the bounds. `shown` is how the user wrote it, e.g. relative to cwd.
 */
export function checkInside(bounds: WorkspaceBounds, file: string, use: PathUse, shown?: string): string {
  const real = realLocation(path.resolve(bounds.root, file));
  if (!isInside(bounds, real)) {
    const refusal = { kind: 'outside', use, shown: shown ?? shownPath(bounds, file), real, root: bounds.root } as const;
    throw new WorkspacePathError(refusal);
  }
  return real;
}

/**
 * The real location of a file about to be written: inside the bounds, and none of `inputs` (real path ->
 * how the user knows it: a data file, impact.yaml, a plug-in, the store).
 */
export function checkWritable(
  bounds: WorkspaceBounds,
  file: string,
  use: PathUse,
  inputs: ReadonlyMap<string, string> = new Map(),
  shown: string = file,
): string {
  const real = checkInside(bounds, file, use, shown);
  const input = inputs.get(real);
  if (input !== undefined) throw new WorkspacePathError({ kind: 'overwrite', use, shown, input });
  return real;
}
