// Both cores: a large CSV file is cut into pieces at line breaks and each piece but the first is scanned
// into chunk columns (csv-to-columns.ts) by a worker thread (the first by the main thread, which would
// otherwise wait for it); the main thread then settles the pieces in file order
// (dataset-to-columns.ts), remapping each piece's dictionary codes into the table's. A cut is a guess: a
// line break may be inside a quoted field. Each piece ends exactly where its last record ends, so the guess
// is checked when the pieces are put together: a piece whose start is not where the one before ended is
// scanned again on the main thread from the right place. The output is the same as one thread's.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { CsvScanner } from './csv-scan.js';
import { ChunkBuilder, type ChunkColumns, type ChunkPlan } from './csv-to-columns.js';

/** What a worker is asked to scan: records of `path` that start in [start, stopAt), first line counted 0. */
export interface PieceTask {
  path: string;
  start: number;
  stopAt: number;
  delimiter: number;
  plan: ChunkPlan;
}

/** A scanned piece: its chunk columns, the bytes they point into, and where it ended. */
export interface PieceResult {
  chunk: ChunkColumns;
  bytes: Buffer;
  /** File offset of the first byte not consumed (the start of the next piece, if the cut was right). */
  end: number;
  /** Line at `end`, counted from the piece's start (0). */
  lines: number;
}

const READ = 1 << 22;

/** Test hook: how many pieces were cut inside quotes and scanned again from the right place. */
export let piecesScannedAgain = 0;

/** Scans one piece (in a worker or on the main thread: the same code). */
export function scanPiece(task: PieceTask): PieceResult {
  const fd = openSync(task.path, 'r');
  try {
    const size = fstatSync(fd).size;
    const scanner = new CsvScanner(task.delimiter);
    scanner.line = 0;
    const builder = new ChunkBuilder(task.plan, 0);
    // The piece's bytes, plus what its last record needs beyond stopAt (read on when a record is cut off).
    let length = Math.min(size, task.stopAt) - task.start;
    let bytes = Buffer.allocUnsafe(Math.max(length, 0) + READ);
    readFully(fd, bytes, 0, length, task.start);
    let from = 0;
    for (;;) {
      const final = task.start + length >= size;
      const consumed = scanner.scan(
        bytes,
        from,
        length,
        final,
        (record) => builder.add(bytes, record),
        task.stopAt - task.start,
      );
      if (final || consumed >= task.stopAt - task.start) {
        const chunk = builder.take();
        // Only what the main thread reads of each dictionary (not its hash table).
        chunk.dicts = chunk.dicts.map((d) =>
          d
            ? { arena: d.arena.subarray(0, d.starts[d.size]!), starts: d.starts.subarray(0, d.size + 1), size: d.size }
            : null,
        );
        return { chunk, bytes: bytes.subarray(0, consumed), end: task.start + consumed, lines: scanner.line };
      }
      // A record runs past the end of the bytes read: read more and go on from its start.
      const more = Math.min(Math.max(READ, length), size - task.start - length);
      if (length + more > bytes.length) {
        const bigger = Buffer.allocUnsafe(length + more + READ);
        bytes.copy(bigger, 0, 0, length);
        bytes = bigger;
      }
      readFully(fd, bytes, length, more, task.start + length);
      length += more;
      from = consumed;
    }
  } finally {
    closeSync(fd);
  }
}

function readFully(fd: number, into: Buffer, at: number, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, into, at + done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
}

/** Every distinct array buffer of a result, to move it to the other thread. */
export function transferList(result: PieceResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (a: { buffer: ArrayBufferLike } | null) => {
    if (a && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  };
  const { chunk } = result;
  for (const a of [result.bytes, chunk.line, chunk.start, chunk.end, chunk.flag, ...chunk.values]) add(a);
  for (const dict of chunk.dicts) {
    add(dict?.arena ?? null);
    add(dict?.starts ?? null);
  }
  return [...buffers];
}

/** Back from a message: typed arrays arrive as plain Uint8Arrays, bytes must be a Buffer again. */
function received(result: PieceResult): PieceResult {
  const b = result.bytes as Uint8Array;
  return { ...result, bytes: Buffer.from(b.buffer, b.byteOffset, b.length) };
}

/** Where to run the worker: the built module beside this one, or the built copy when running from source (tests). */
function workerUrl(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('../../dist/src/data/csv-worker.js', here);
  return new URL('./csv-worker.js', here);
}

/**
 * How a file is cut: into a number of equal pieces, or into pieces whose sizes grow by `growth` (default
 * 2) from `first` bytes up to `largest`: the main thread starts settling once a small first piece is
 * scanned, not a large one. The growth is gentle because this thread settles a piece faster than one
 * worker scans one (measured at 1 M rows: ~38 MB/s against ~24 MB/s): a piece twice the size of the one
 * being settled is not scanned in time, and this thread waited ~0.24 s in all while doubling pieces ramped
 * up to 8 MB (a simulation of the two workers and this thread, bench figures in the README).
 */
export type PieceSizes = number | { first: number; largest: number; growth?: number };

/**
 * Worker threads started ahead of the file they will scan (a worker takes ~0.1–0.2 s to boot and load
 * the scanner): `warmScanWorkers` while the small datasets are read, taken by the next `scanInPieces`.
 * An idle warm worker is unref'd, so one never used does not keep the process alive.
 */
const warm: Worker[] = [];

/** Starts up to `threads` scanning workers now, for a file about to be read in pieces. */
export function warmScanWorkers(threads: number): void {
  while (warm.length < threads) {
    const worker = new Worker(workerUrl());
    worker.unref();
    // A worker that fails or ends while it waits is no longer offered: a piece posted to it would never
    // be answered (its error came before the scan listened). The scan then starts a fresh one.
    const drop = () => {
      const at = warm.indexOf(worker);
      if (at >= 0) warm.splice(at, 1);
    };
    worker.on('error', drop);
    worker.on('exit', drop);
    warm.push(worker);
  }
}

/** How many warm workers wait for a file (a test hook). */
export function warmWorkerCount(): number {
  return warm.length;
}

function takeWorker(): Worker {
  const worker = warm.shift() ?? new Worker(workerUrl());
  worker.ref();
  return worker;
}

/**
 * Scans [start, size) of a file in about `pieces` pieces on `threads` workers and hands each piece's result
 * to `onPiece` in file order, with the line its first line counts from (`firstLine` at `start`).
 */
export async function scanInPieces(
  path: string,
  start: number,
  size: number,
  pieces: PieceSizes,
  threads: number,
  delimiter: number,
  plan: ChunkPlan,
  onPiece: (result: PieceResult, lineBase: number) => void,
  firstLine: number,
): Promise<void> {
  const cuts = cutPoints(path, start, size, pieces);
  const tasks: PieceTask[] = [];
  for (let k = 0; k < cuts.length - 1; k++) {
    tasks.push({
      path,
      start: cuts[k]!,
      stopAt: k + 2 < cuts.length ? cuts[k + 1]! : Number.MAX_SAFE_INTEGER,
      delimiter,
      plan,
    });
  }
  const workers = Array.from({ length: Math.min(threads, tasks.length - 1) }, takeWorker);
  // One listener per worker, resolving each piece by its id.
  const waiting = new Map<number, { resolve: (r: PieceResult) => void; reject: (e: unknown) => void }>();
  for (const worker of workers) {
    worker.on('message', (message: { id: number; result: PieceResult }) => {
      const entry = waiting.get(message.id);
      waiting.delete(message.id);
      entry?.resolve(received(message.result));
    });
    worker.on('error', (error) => {
      for (const entry of waiting.values()) entry.reject(error);
      waiting.clear();
    });
  }
  const pending = new Map<number, Promise<PieceResult>>();
  const post = (id: number) => {
    const result = new Promise<PieceResult>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
    });
    // Awaited in order below; a piece left unawaited after an earlier failure must not crash the process.
    result.catch(() => {});
    pending.set(id, result);
    workers[(id - 1) % workers.length]!.postMessage({ id, task: tasks[id] });
  };
  // Memory stays bounded by the pieces in flight, not the file: while piece k is settled on this thread,
  // each worker holds or scans one of the next ones (the main thread settles more slowly than workers scan).
  const ahead = workers.length;
  try {
    // The first piece is scanned here, while the workers scan the next ones: this thread would only
    // wait for it (a worker's first piece also pays for compiling the scanner).
    let posted = 1;
    let at = start;
    let line = firstLine;
    for (let k = 0; k < tasks.length; k++) {
      while (posted < tasks.length && posted <= k + ahead) post(posted++);
      let result = k === 0 ? scanPiece(tasks[0]!) : await pending.get(k)!;
      pending.delete(k);
      const task = tasks[k]!;
      // The cut was inside a quoted field: the piece before ended further on. Scan from there instead.
      if (task.start !== at) {
        result = scanPiece({ ...task, start: at, stopAt: Math.max(task.stopAt, at) });
        piecesScannedAgain++;
      }
      onPiece(result, line);
      at = result.end;
      line += result.lines;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Where the pieces should end, before they are moved to line breaks. */
export function cutTargets(start: number, size: number, pieces: PieceSizes): number[] {
  const targets: number[] = [];
  if (typeof pieces === 'number') {
    for (let k = 1; k < pieces; k++) targets.push(start + Math.floor(((size - start) * k) / pieces));
    return targets;
  }
  let step = pieces.first;
  const growth = pieces.growth ?? 2;
  // The last piece is at least half a step (no sliver at the end).
  for (let at = start + step; at + step / 2 < size; at += step) {
    targets.push(at);
    step = Math.min(Math.round(step * growth), pieces.largest);
  }
  return targets;
}

/** Offsets from start to size, each cut just after a LF (a guess at a record boundary). */
function cutPoints(path: string, start: number, size: number, pieces: PieceSizes): number[] {
  const cuts = [start];
  const fd = openSync(path, 'r');
  try {
    const window = Buffer.allocUnsafe(1 << 16);
    for (const target of cutTargets(start, size, pieces)) {
      let at = Math.max(cuts[cuts.length - 1]! + 1, target);
      let cut = -1;
      while (at < size && cut < 0) {
        const n = readSync(fd, window, 0, window.length, at);
        if (n === 0) break;
        const lf = window.subarray(0, n).indexOf(10);
        if (lf >= 0) cut = at + lf + 1;
        else at += n;
      }
      if (cut > 0 && cut < size) cuts.push(cut);
    }
  } finally {
    closeSync(fd);
  }
  cuts.push(size);
  return cuts;
}
