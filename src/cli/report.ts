// `impact report`: compute indicators and write the report in one or several formats.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { type BreakdownItem, type Config, parseBreakdown } from '../config/index.js';
import { parseDate } from '../data/values.js';
import { periodFromLabel } from '../engine/periods.js';
import { runReport } from '../pipeline.js';
import type { Lang } from '../problems.js';
import { renderJson } from '../report/json.js';
import type { Report } from '../report/model.js';
import { renderTable } from '../report/table.js';
import { EXIT, pickLang, type Terminal, UsageError } from './io.js';
import { ProgressReporter } from './progress.js';

export interface ReportCliOptions {
  by?: string;
  period?: string;
  from?: string;
  to?: string;
  indicators?: string;
  format: string;
  output?: string;
  lang?: string;
  check?: boolean;
  strict?: boolean;
  plugins?: boolean;
}

type Renderer = (report: Report, term: Terminal, toTerminal: boolean) => string;

const FORMATS: Record<string, { extension: string; render: Renderer }> = {
  table: {
    extension: 'txt',
    render: (report, term, toTerminal) =>
      renderTable(report, {
        color: toTerminal && term.c.level > 0,
        width: toTerminal ? Math.max(60, process.stdout.columns ?? 80) : 80,
      }),
  },
  json: { extension: 'json', render: (report) => renderJson(report) },
};

function reportRange(config: Config, options: ReportCliOptions): { from: string; to: string } | undefined {
  if (options.period && (options.from || options.to))
    throw new UsageError('--period and --from/--to exclude each other');
  if (options.period) {
    const period = periodFromLabel(options.period, { from: '0000-01-01', to: '9999-12-31' });
    if (!period || options.period.includes('/')) {
      throw new UsageError(`--period takes 2025, 2025-Q2 or 2025-07, not "${options.period}"`);
    }
    return { from: period.start, to: period.end };
  }
  if (options.from || options.to) {
    const check = (flag: string, value: string | undefined, fallback: string): string => {
      if (value === undefined) return fallback;
      const parsed = parseDate(value, 'yyyy-mm-dd');
      if (!parsed.ok) throw new UsageError(`${flag} takes a calendar date yyyy-mm-dd, not "${value}"`);
      return parsed.value;
    };
    const from = check('--from', options.from, config.range.from);
    const to = check('--to', options.to, config.range.to);
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    return { from, to };
  }
  return undefined;
}

function breakdownOption(by: string | undefined): BreakdownItem[] | undefined {
  if (by === undefined) return undefined;
  const parsed = parseBreakdown(
    by
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  if (parsed.errors.length > 0) throw new UsageError(`--by: ${parsed.errors.join('; ')}`);
  return parsed.items;
}

export async function runReportCommand(
  config: Config,
  options: ReportCliOptions,
  term: Terminal,
  version: string,
): Promise<number> {
  const formats = options.format
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  for (const f of formats) {
    if (!FORMATS[f]) throw new UsageError(`-f ${f}: expected one of ${Object.keys(FORMATS).join(', ')}`);
  }
  if (formats.length > 1 && (options.output === undefined || options.output === '-')) {
    throw new UsageError('several formats need -o DIR (a folder to write report.<format> into)');
  }
  const lang: Lang = pickLang(options.lang, config.locale);
  const range = reportRange(config, options);
  const breakdown = breakdownOption(options.by);
  const progress = new ProgressReporter(term, lang === 'fr' ? 'Lecture' : 'Reading');
  const run = await runReport(config, {
    version,
    lang,
    ...(range ? { range } : {}),
    ...(breakdown ? { breakdown } : {}),
    ...(options.indicators ? { indicators: options.indicators.split(',').map((s) => s.trim()) } : {}),
    plugins: options.plugins !== false,
    onProgress: (dataset, file, rows) => progress.update(`${dataset} ${file}`, rows),
  });
  progress.stop();
  const { report } = run;

  for (const format of formats) {
    const spec = FORMATS[format]!;
    const toStdout = options.output === undefined || options.output === '-';
    const text = spec.render(report, term, toStdout && process.stdout.isTTY === true);
    if (toStdout) {
      process.stdout.write(text);
      continue;
    }
    const target =
      formats.length > 1 || options.output!.endsWith('/') || options.output!.endsWith(path.sep)
        ? path.join(options.output!, `report.${spec.extension}`)
        : options.output!;
    mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    // Atomic: a reader (or a CI artefact upload) never sees a half-written report.
    await writeFileAtomic(target, text);
    if (!term.quiet) term.err(`${term.ce.green('✔')} ${target}`);
  }

  let code: number = EXIT.ok;
  if (report.quality.rejected > 0 && !term.quiet) {
    const n = report.quality.rejected;
    term.err(
      term.ce.yellow(
        lang === 'fr'
          ? `${n} ligne(s) rejetée(s) : voir \`impact validate\` et .impact/rejects/`
          : `${n} row(s) rejected: see \`impact validate\` and .impact/rejects/`,
      ),
    );
    if (options.strict) code = EXIT.invalid;
  }
  for (const failure of run.catalogue.failures) term.err(term.ce.red(`✖ ${failure.message}`));
  if (options.check) {
    const missed = report.targets.filter((t) => t.status !== 'met');
    for (const t of missed) {
      const where = [t.territory, t.period].filter(Boolean).join(' ');
      term.err(term.ce.red(`✖ ${t.indicator} ${where}: ${t.actual ?? '–'} ${t.op} ${t.value} (${t.status})`));
    }
    if (missed.length > 0) code = EXIT.invalid;
    else if (!term.quiet && report.targets.length > 0) {
      term.err(term.ce.green(`✔ ${report.targets.length} target(s) met`));
    }
  }
  return code;
}
