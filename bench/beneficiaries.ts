// Deterministic beneficiary exports for the store's benchmark and its large-file tests: the same arguments
// give the same bytes. Rows refer to the sites of test/fixtures/store-workspace (PF-93, PF-69).

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export const HEADER =
  'beneficiary_id,site_id,entry_date,birth_year,gender,qpv,territory,intake_level,exit_date,exit_level,outcome\n';

const SITES = [
  { site: 'PF-93', communes: ['93066', '93001', '93008', '93070'] },
  { site: 'PF-69', communes: ['69123', '69266', '69259', ''] },
];
const LEVELS = ['severe', 'precarious', 'fragile', 'autonomous'];
const OUTCOMES = ['employment', 'training', 'other', 'none'];
const GENDERS = ['f', 'm', 'x'];

/** A small seeded generator (mulberry32): no dependency, and stable across Node versions. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export interface GenerateOptions {
  rows: number;
  /** First beneficiary number: files with disjoint ranges import side by side. */
  first?: number;
  /** Seeds the exits only: the people (keys, birth year, intake…) are the same whatever the seed. */
  seed?: number;
  /** The share of rows that have left with an exit level; a later export of the same people has more. */
  exited?: number;
}

/** One CSV row per beneficiary, ISO dates, in beneficiary order (as exports usually come). */
export async function writeBeneficiaries(file: string, options: GenerateOptions): Promise<void> {
  const next = random(20_240_101);
  const exits = random(options.seed ?? 1);
  const pick = <T>(list: readonly T[], from = next): T => list[Math.floor(from() * list.length)]!;
  const first = options.first ?? 1;
  const exited = options.exited ?? 0.5;
  const out = createWriteStream(file);
  let chunk = HEADER;
  for (let i = 0; i < options.rows; i++) {
    const { site, communes } = SITES[i % SITES.length]!;
    const year = 2024 + Math.floor(next() * 2);
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const intake = Math.floor(next() * LEVELS.length);
    const qpvDraw = next();
    const qpv = qpvDraw < 0.3 ? 'true' : qpvDraw < 0.8 ? 'false' : '';
    const person = `${year}-${pad(month)}-${pad(day)},${1960 + Math.floor(next() * 50)},${pick(GENDERS)},${qpv},${pick(communes)},${LEVELS[intake]}`;
    let exit = ',,';
    if (exits() < exited) {
      // Exit in the same year, on or after entry.
      const exitMonth = Math.min(12, month + 1 + Math.floor(exits() * 6));
      const level = Math.min(LEVELS.length - 1, intake + Math.floor(exits() * 3));
      exit = `${year}-${pad(exitMonth)}-${pad(day)},${LEVELS[level]},${pick(OUTCOMES, exits)}`;
    }
    chunk += `B${pad(first + i, 8)},${site},${person},${exit}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
