// Whole-file writes: the bytes go to a temp file in the workspace's `.impact/tmp`, are flushed, then
// renamed over the target, so a reader (or a CI upload of reports/) sees the old file or the new one,
// never half of one, and a killed run leaves its temp file in .impact/tmp, where the next run removes it.
import {
  closeSync,
  copyFileSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

export const TEMP_FOLDER = '.impact/tmp';

let counter = 0;

/** A fresh temp path in the workspace's temp folder; its name carries the pid that owns it. */
export function tempPathFor(root: string, target: string): string {
  const folder = path.join(root, TEMP_FOLDER);
  mkdirSync(folder, { recursive: true });
  counter++;
  return path.join(folder, `${path.basename(target)}.${process.pid}.${counter}`);
}

function writeFlushed(file: string, data: string | Uint8Array): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces `target` whole. A target on another file system than the workspace gets its temp file beside it. */
export function writeWholeFile(root: string, target: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(target), { recursive: true });
  let temp = tempPathFor(root, target);
  try {
    writeFlushed(temp, data);
    try {
      renameSync(temp, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      rmSync(temp, { force: true });
      temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
      writeFlushed(temp, data);
      renameSync(temp, target);
    }
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function flush(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * As writeWholeFile, for bytes too many to hold at once: `write` streams them into the temp file it is
 * given, which is then flushed and renamed over `target`.
 */
export async function writeWholeFileFrom(
  root: string,
  target: string,
  write: (temp: string) => Promise<void>,
): Promise<void> {
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = tempPathFor(root, target);
  try {
    await write(temp);
    flush(temp);
    try {
      renameSync(temp, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      const beside = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
      try {
        copyFileSync(temp, beside);
        flush(beside);
        renameSync(beside, target);
      } catch (copyError) {
        rmSync(beside, { force: true });
        throw copyError;
      }
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files left by runs that were killed (their pid is gone); those of running ones stay. */
export function removeStaleTempFiles(root: string): void {
  const folder = path.join(root, TEMP_FOLDER);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/\.(\d+)\.\d+$/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || !alive(pid)) rmSync(path.join(folder, name), { force: true });
  }
}
