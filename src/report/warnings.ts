// The report's warnings grouped for people: one line per code and wording, with its count and
// where it was found (`data/metrics.csv: rows 3, 5, 9`). JSON lists them one by one.
import { type Lang, t } from '../messages.js';
import type { ReportWarning } from './model.js';

export interface WarningGroup {
  code: string;
  message: string;
  count: number;
  /** Files and their rows, in the order met: `data/metrics.csv: rows 3, 5; data/sites.csv`. */
  where: string;
}

/** Rows listed per file before `…`: the JSON has them all. */
const LINES_SHOWN = 12;

export function groupWarnings(warnings: readonly ReportWarning[], lang: Lang): WarningGroup[] {
  const groups = new Map<string, { code: string; message: string; count: number; files: Map<string, number[]> }>();
  for (const w of warnings) {
    const key = `${w.code}\u001f${w.message}`;
    const group = groups.get(key) ?? { code: w.code, message: w.message, count: 0, files: new Map<string, number[]>() };
    group.count++;
    if (w.file) group.files.set(w.file, [...(group.files.get(w.file) ?? []), ...(w.line ? [w.line] : [])]);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({
    code: g.code,
    message: g.message,
    count: g.count,
    where: [...g.files]
      .map(([file, lines]) => {
        if (lines.length === 0) return file;
        const shown = lines.slice(0, LINES_SHOWN).join(', ') + (lines.length > LINES_SHOWN ? ', …' : '');
        return t(lang, 'report.warningRows', { file, lines: shown });
      })
      .join(t(lang, 'punct.semicolon')),
  }));
}
