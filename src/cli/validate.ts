// `impact validate`: config + every dataset + references; a quality summary per dataset.
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import { TEMP_FOLDER, tempPathFor } from '../atomic-write.js';
import type { Catalogue } from '../catalogue/index.js';
import { formatSelectionProblem, type SelectionProblem } from '../catalogue/selection.js';
import type { Config } from '../config/index.js';
import type { FileStats } from '../data/load.js';
import { loadWorkspace, ProblemCollector } from '../data/workspace.js';
import { plural, t } from '../messages.js';
import { checkCatalogue } from '../pipeline.js';
import { describeProblem, formatProblem, type Lang } from '../problems.js';
import { checkInside } from '../workspace-paths.js';
import { EXIT, formatCount, type Terminal } from './io.js';
import { checkOutputFile, outputGuard } from './outputs.js';
import { ProgressReporter } from './progress.js';

export interface ValidateOptions {
  json?: boolean;
  errorsOut?: string;
  maxErrors?: number;
}

interface DatasetSummary {
  dataset: string;
  files: FileStats[];
  rows: number;
  used: number;
  rejected: number;
}

export function summariseInputs(inputs: FileStats[], configured: string[]): DatasetSummary[] {
  return configured.map((dataset) => {
    const files = inputs.filter((f) => f.dataset === dataset);
    const sum = (k: 'rows' | 'used' | 'rejected') => files.reduce((n, f) => n + f[k], 0);
    return { dataset, files, rows: sum('rows'), used: sum('used'), rejected: sum('rejected') };
  });
}

const ERRORS_OUT_HEADER = ['file', 'line', 'column', 'value', 'code', 'severity', 'message'];

export async function runValidate(config: Config, options: ValidateOptions, term: Terminal): Promise<number> {
  const lang: Lang = config.locale;
  let errorsFd: number | undefined;
  let errorsOut: { real: string; temp: string } | undefined;
  if (options.errorsOut) {
    // Streamed into a temp file in .impact/tmp (problems can be millions), renamed into place at the end.
    const guard = await outputGuard(config);
    const real = checkOutputFile(guard, options.errorsOut, 'errors-out');
    checkInside(guard.bounds, path.join(config.root, TEMP_FOLDER), 'temp');
    errorsOut = { real, temp: tempPathFor(config.root, real) };
    errorsFd = openSync(errorsOut.temp, 'w');
    writeSync(errorsFd, stringify([ERRORS_OUT_HEADER]));
  }
  const maxErrors = options.maxErrors ?? 100;
  const collector = new ProblemCollector(Math.min(5, maxErrors), (p) => {
    if (errorsFd !== undefined) {
      const row = [p.file ?? '', p.line ?? '', p.column ?? '', p.value ?? '', p.code, p.severity];
      writeSync(errorsFd, stringify([[...row.map(String), describeProblem(p, lang)]], { escape_formulas: true }));
    }
  });
  const progress = new ProgressReporter(term, t(lang, 'reading'), lang);
  const loaded = await loadWorkspace(config, {
    sink: collector,
    onProgress: (dataset, file, rows, fraction) => progress.update(`${dataset} ${file}`, rows, undefined, fraction),
  });
  progress.stop();
  if (errorsFd !== undefined && errorsOut) {
    closeSync(errorsFd);
    mkdirSync(path.dirname(errorsOut.real), { recursive: true });
    renameSync(errorsOut.temp, errorsOut.real);
  }
  // Definitions are part of the workspace: a broken plug-in or a selection of nothing fails validation.
  const { catalogue, selectionProblems } = await checkCatalogue(config, loaded.metrics, lang);
  const definitionsValid = catalogue.failures.length === 0 && selectionProblems.length === 0;

  const summary = summariseInputs(loaded.inputs, loaded.configured);
  const totals = {
    rows: summary.reduce((n, d) => n + d.rows, 0),
    used: summary.reduce((n, d) => n + d.used, 0),
    rejected: summary.reduce((n, d) => n + d.rejected, 0),
  };
  const valid = collector.errors === 0 && definitionsValid;
  const problemsByCode = [...collector.byCode.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  if (options.json) {
    const json = {
      valid,
      workspace: config.name,
      datasets: summary,
      quality: { ...totals, errors: collector.errors, warnings: collector.warnings },
      problems: problemsByCode.map(([code, entry]) => ({
        code,
        severity: entry.severity,
        count: entry.count,
        examples: entry.examples.map((p) => ({ ...p, message: describeProblem(p, lang) })),
      })),
      indicators: {
        loaded: catalogue.indicators.length,
        failures: catalogue.failures.map((f) => ({
          origin: f.origin,
          ...(f.id ? { id: f.id } : {}),
          problems: f.lines,
        })),
        warnings: catalogue.warnings,
        selection: selectionProblems.map((p) => ({ code: p.code, where: p.where, message: p[lang] })),
      },
      rejects: Object.fromEntries(
        Object.entries(loaded.rejectsWritten).map(([d, files]) => [
          d,
          files.map((f) => path.relative(config.root, f).split(path.sep).join('/')),
        ]),
      ),
    };
    term.out(JSON.stringify(json, null, 2));
    return valid ? EXIT.ok : EXIT.invalid;
  }

  const { c } = term;
  const table = new Table({
    head: [t(lang, 'dataset'), t(lang, 'files'), t(lang, 'rows'), t(lang, 'used'), t(lang, 'rejected'), 'sha256'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'left'],
    style: { compact: true, head: c.level > 0 ? ['bold'] : [], border: c.level > 0 ? ['grey'] : [] },
  });
  for (const d of summary) {
    const sha =
      d.files.length === 1 ? (d.files[0]?.sha256.slice(0, 12) ?? '') : `${d.files.length} ${t(lang, 'files')}`;
    table.push([
      d.dataset,
      formatCount(d.files.length, lang),
      formatCount(d.rows, lang),
      formatCount(d.used, lang),
      d.rejected > 0 ? c.red(formatCount(d.rejected, lang)) : '0',
      sha,
    ]);
    if (term.verbose && d.files.length > 1) {
      for (const f of d.files) {
        table.push([
          `  ${f.file}`,
          '',
          formatCount(f.rows, lang),
          formatCount(f.used, lang),
          String(f.rejected),
          f.sha256.slice(0, 12),
        ]);
      }
    }
  }
  const colon = lang === 'fr' ? '\u00a0: ' : ': ';
  term.out(c.bold(`${t(lang, 'workspace')}${colon}${config.name}`));
  term.out(table.toString());

  let shown = 0;
  for (const [code, entry] of problemsByCode) {
    const colour = entry.severity === 'error' ? c.red : c.yellow;
    term.out(`\n${colour(`${code}`)} ${c.dim(`(${formatCount(entry.count, lang)})`)}`);
    let listed = 0;
    for (const p of entry.examples) {
      if (shown >= maxErrors) break;
      term.out(`  ${formatProblem(p, lang)}`);
      shown++;
      listed++;
    }
    // Counted against what was printed: --max-errors can stop before this code's examples run out.
    if (entry.count > listed) {
      term.out(c.dim(`  … ${formatCount(entry.count - listed, lang)} ${t(lang, 'more')}`));
    }
  }
  printDefinitions(term, lang, catalogue, selectionProblems);
  term.out('');
  const accounted = `${formatCount(totals.rows, lang)} ${t(lang, totals.rows === 1 ? 'row' : 'rows')} = ${formatCount(totals.used, lang)} ${plural(lang, 'used', totals.used)} + ${formatCount(totals.rejected, lang)} ${plural(lang, 'rejected', totals.rejected)}`;
  if (valid) {
    term.out(c.green(`✔ ${t(lang, 'valid')}${colon}${accounted}`) + warningsNote(collector.warnings, lang));
  } else if (collector.errors === 0) {
    term.out(c.red(`✖ ${definitionsSummary(lang, catalogue.failures.length, selectionProblems.length)}`));
  } else {
    term.out(c.red(`✖ ${t(lang, 'invalid')}${colon}${accounted}`) + warningsNote(collector.warnings, lang));
    if (!definitionsValid)
      term.out(c.red(`✖ ${definitionsSummary(lang, catalogue.failures.length, selectionProblems.length)}`));
    for (const file of Object.values(loaded.rejectsWritten).flat()) {
      term.out(`  ${t(lang, 'rejectsIn')} ${path.relative(process.cwd(), file) || file}`);
    }
  }
  return valid ? EXIT.ok : EXIT.invalid;
}

function definitionsSummary(lang: Lang, failures: number, selection: number): string {
  const parts = [
    failures > 0 ? `${failures} ${t(lang, 'indicatorsBroken')}` : '',
    selection > 0 ? `${selection} ${t(lang, 'selectionProblems')}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

/** Broken definitions, selections of nothing, and definitions that can never be non-zero. */
function printDefinitions(term: Terminal, lang: Lang, catalogue: Catalogue, selection: SelectionProblem[]): void {
  const { c } = term;
  if (catalogue.failures.length === 0 && selection.length === 0 && catalogue.warnings.length === 0) return;
  term.out(`\n${c.bold(t(lang, 'indicatorsHeading'))}`);
  for (const failure of catalogue.failures) for (const line of failure.lines) term.out(c.red(`  ✖ ${line}`));
  for (const p of selection) term.out(c.red(`  ✖ ${formatSelectionProblem(p, lang)}`));
  for (const warning of catalogue.warnings) for (const line of warning.lines) term.out(c.yellow(`  ⚠ ${line}`));
}

function warningsNote(warnings: number, lang: Lang): string {
  if (warnings === 0) return '';
  return `, ${formatCount(warnings, lang)} ${t(lang, warnings === 1 ? 'warning' : 'warnings')}`;
}
