// Small text and date helpers shared by the config schema and parseBreakdown.

/** Levenshtein distance, enough for "did you mean" over a handful of short keys. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The closest known word within edit distance 2 (or a singular of it, e.g. `beneficiary`), if any. */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  const w = word.trim().toLowerCase();
  let best: { k: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(w, k);
    if (d <= 2 && (!best || d < best.d)) best = { k, d };
  }
  // Singular dataset names are the commonest slip and sit 3 edits away from their plural.
  const stem = w.length >= 6 ? w.slice(0, -1) : undefined;
  return best?.k ?? known.find((k) => stem !== undefined && k.startsWith(stem));
}

export const listOf = (words: readonly string[]): string => words.join(', ');

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for `YYYY-MM-DD` that exists on the calendar (no 2024-02-30). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Why a target period is not `YYYY`, `YYYY-QN`, `YYYY-MM` or `FROM/TO`, or undefined when it is one. */
export function periodProblem(s: string): string | undefined {
  if (/^\d{4}$/.test(s) || /^\d{4}-Q[1-4]$/.test(s) || /^\d{4}-(0[1-9]|1[0-2])$/.test(s)) return undefined;
  const parts = s.split('/');
  if (parts.length === 2) {
    const [from = '', to = ''] = parts;
    if (!isIsoDate(from) || !isIsoDate(to)) return `"${s}" is not an interval of two calendar dates`;
    return from <= to ? undefined : `the interval "${s}" ends before it starts`;
  }
  return `"${s}" is not a period`;
}
