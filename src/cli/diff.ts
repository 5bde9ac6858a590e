// `impact diff OLD.json NEW.json`: value by value, and whether inputs or definitions changed.
import { readFileSync } from 'node:fs';
import { type Lang, plural, t } from '../messages.js';
import { type ComparedField, diffReports, type ValueChange } from '../report/diff.js';
import type { Report } from '../report/model.js';
import { formatNumber } from '../report/numbers.js';
import { EXIT, pickLang, type Terminal, UsageError } from './io.js';

function readReport(file: string): Report {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError((lang) => t(lang, 'usage.notReport', { file, reason }));
  }
  const report = parsed as Partial<Report>;
  if (report.schema_version !== 2 || !Array.isArray(report.values) || !Array.isArray(report.inputs)) {
    // Version 1 rows named margins and unknowns by words a data value could also spell.
    throw new UsageError((lang) => t(lang, 'usage.notReport2', { file }));
  }
  return report as Report;
}

const cellText = (change: ValueChange, lang: Lang) =>
  Object.entries(change.cell)
    .map(([k, v]) => `${k}=${v === null ? t(lang, 'report.unknown') : v}`)
    .join(' ');

export function runDiff(
  oldFile: string,
  newFile: string,
  options: { json?: boolean; common?: boolean; lang?: string },
  term: Terminal,
): number {
  const older = readReport(oldFile);
  const newer = readReport(newFile);
  const diff = diffReports(older, newer, { common: options.common === true });
  if (options.json) {
    term.out(JSON.stringify(diff, null, 2));
    return EXIT.ok;
  }
  const lang = pickLang(options.lang, newer.lang === 'fr' ? 'fr' : 'en');
  const formats = new Map([...older.indicators, ...newer.indicators].map((i) => [i.id, i.format]));
  const { c } = term;
  const colon = t(lang, 'punct.colon');
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const v of diff.values) counts[v.status]++;
  const n = (x: number) => formatNumber(x, 'count', lang);
  term.out(
    c.bold(
      t(lang, 'diff.summary', {
        changed: n(counts.changed),
        added: n(counts.added),
        removed: n(counts.removed),
        unchanged: n(diff.unchanged),
      }),
    ),
  );
  if (options.common) term.out(c.dim(plural(lang, 'diff.common', diff.uncommon)));
  const state = (changed: boolean) => (changed ? c.yellow(t(lang, 'diff.changed')) : t(lang, 'diff.unchanged'));
  term.out(
    `${t(lang, 'diff.inputs')}${colon}${state(diff.inputs.changed)}` +
      `${diff.inputs.modified.length ? `  ${t(lang, 'diff.modified')} ${diff.inputs.modified.join(', ')}` : ''}` +
      `${diff.inputs.added.length ? `  ${t(lang, 'diff.added')} ${diff.inputs.added.join(', ')}` : ''}` +
      `${diff.inputs.removed.length ? `  ${t(lang, 'diff.removed')} ${diff.inputs.removed.join(', ')}` : ''}`,
  );
  term.out(
    `${t(lang, 'diff.definitions')}${colon}${state(diff.definitions.changed)}` +
      `${diff.definitions.params ? `  ${t(lang, 'diff.paramsChanged')}` : ''}` +
      diff.definitions.indicators
        .map(
          (i) =>
            `  ${i.id} ${t(lang, `diff.status.${i.status}`)}${i.old || i.new ? ` (${i.old ?? '–'} → ${i.new ?? '–'})` : ''}`,
        )
        .join(''),
  );
  if (diff.scope.changed) term.out(`${t(lang, 'diff.scope')}${colon}${diff.scope.old} → ${diff.scope.new}`);
  for (const v of diff.values) {
    const mark = v.status === 'added' ? c.green('+') : v.status === 'removed' ? c.red('-') : c.yellow('~');
    const format = formats.get(v.indicator) ?? 'decimal';
    const fields = v.status === 'changed' ? Object.entries(v.fields) : [['value', v] as const];
    const parts = fields.map(([field, change]) => {
      // A ratio's parts are counts or euros, never shares.
      const fieldFormat =
        field === 'value' || field === 'attributable' ? format : format === 'share' ? 'decimal' : format;
      const shown = (x: number | null) => (x === null ? '–' : formatNumber(x, fieldFormat, lang));
      let delta = '';
      if (change.points !== undefined) {
        delta = `  (${change.points > 0 ? '+' : ''}${plural(lang, 'diff.points', change.points)})`;
      } else if (change.change !== undefined) {
        const relative =
          change.relative !== undefined
            ? `, ${change.relative > 0 ? '+' : ''}${formatNumber(change.relative, 'share', lang)}`
            : '';
        delta = `  (${change.change > 0 ? '+' : ''}${formatNumber(change.change, fieldFormat, lang)}${relative})`;
      }
      const label = field === 'value' ? '' : `${t(lang, `diff.field.${field as ComparedField}`)} `;
      return `${label}${shown(change.old)} → ${shown(change.new)}${delta}`;
    });
    term.out(`${mark} ${v.indicator}  ${cellText(v, lang)}  ${parts.join(t(lang, 'punct.semicolon'))}`);
  }
  return EXIT.ok;
}
