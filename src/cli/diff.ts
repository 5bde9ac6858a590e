// `impact diff OLD.json NEW.json`: value by value, and whether inputs or definitions changed.
import { readFileSync } from 'node:fs';
import { diffReports, type ValueChange } from '../report/diff.js';
import type { Report } from '../report/model.js';
import { EXIT, type Terminal, UsageError } from './io.js';

function readReport(file: string): Report {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `${file}: not a readable JSON report (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const report = parsed as Partial<Report>;
  if (report.schema_version !== 2 || !Array.isArray(report.values) || !Array.isArray(report.inputs)) {
    // Version 1 rows named margins and unknowns by words a data value could also spell.
    throw new UsageError(
      `${file}: not an impactkit JSON report of schema_version 2 (write it again with impact report)`,
    );
  }
  return report as Report;
}

const cellText = (change: ValueChange) =>
  Object.entries(change.cell)
    .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}=${v === null ? 'unknown' : Array.isArray(v) ? v.join(',') : v}`)
    .join(' ');

export function runDiff(oldFile: string, newFile: string, options: { json?: boolean }, term: Terminal): number {
  const diff = diffReports(readReport(oldFile), readReport(newFile));
  if (options.json) {
    term.out(JSON.stringify(diff, null, 2));
    return EXIT.ok;
  }
  const { c } = term;
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const v of diff.values) counts[v.status]++;
  term.out(
    c.bold(
      `${counts.changed} changed, ${counts.added} added, ${counts.removed} removed, ${diff.unchanged} unchanged values`,
    ),
  );
  term.out(
    `inputs: ${diff.inputs.changed ? c.yellow('changed') : 'unchanged'}` +
      `${diff.inputs.modified.length ? `  modified ${diff.inputs.modified.join(', ')}` : ''}` +
      `${diff.inputs.added.length ? `  added ${diff.inputs.added.join(', ')}` : ''}` +
      `${diff.inputs.removed.length ? `  removed ${diff.inputs.removed.join(', ')}` : ''}`,
  );
  term.out(
    `definitions: ${diff.definitions.changed ? c.yellow('changed') : 'unchanged'}` +
      `${diff.definitions.params ? '  parameters changed' : ''}` +
      diff.definitions.indicators
        .map((i) => `  ${i.id} ${i.status}${i.old || i.new ? ` (${i.old ?? '–'} → ${i.new ?? '–'})` : ''}`)
        .join(''),
  );
  if (diff.scope.changed) term.out(`scope: ${diff.scope.old} → ${diff.scope.new}`);
  for (const v of diff.values) {
    const mark = v.status === 'added' ? c.green('+') : v.status === 'removed' ? c.red('-') : c.yellow('~');
    const delta =
      v.change !== undefined
        ? `  (${v.change >= 0 ? '+' : ''}${Number(v.change.toFixed(6))}${v.relative !== undefined ? `, ${v.relative >= 0 ? '+' : ''}${(v.relative * 100).toFixed(1)} %` : ''})`
        : '';
    term.out(`${mark} ${v.indicator}  ${cellText(v)}  ${v.old ?? '–'} → ${v.new ?? '–'}${delta}`);
  }
  return EXIT.ok;
}
