// `impact report`: compute indicators and write the report in one or several formats.
import path from 'node:path';
import { formatSelectionProblem } from '../catalogue/selection.js';
import { type BreakdownItem, type Config, parseBreakdown } from '../config/index.js';
import { parseDate } from '../data/values.js';
import { periodFromLabel } from '../engine/periods.js';
import { type Lang, plural, reportTooLarge, t } from '../messages.js';
import { runReport } from '../pipeline.js';
import { CSV_DIALECTS, type CsvDialect } from '../report/csv.js';
import type { Report } from '../report/model.js';
import { formatNumber } from '../report/numbers.js';
import { leastValues, MAX_VALUES } from '../report/size.js';
import { OPERATOR_SIGNS } from '../report/summary.js';
import { groupWarnings } from '../report/warnings.js';
import { visibleText } from '../visible-text.js';
import { EXIT, pickLang, type Terminal, UsageError } from './io.js';
import { checkOutputFile, checkOutputFolder, outputGuard, writeOutput, writeOutputFrom } from './outputs.js';
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
  csvDialect?: string;
  check?: boolean;
  strict?: boolean;
  full?: boolean;
  plugins?: boolean;
}

interface RenderContext {
  term: Terminal;
  /** Written to stdout, and stdout is a terminal. */
  toTerminal: boolean;
  csvDialect: CsvDialect;
  /** The table format's per-breakdown blocks, after the summary. */
  full: boolean;
}

type Renderer = (report: Report, context: RenderContext) => string | Buffer | Promise<string | Buffer>;

interface Format {
  extension: string;
  render: Renderer;
  /** Streams the report into a file instead (a large workbook is never held in memory). */
  writeTo?: (report: Report, file: string) => Promise<void>;
  /** Bytes that would garble a terminal: written to stdout only when it is a pipe or a file. */
  binary?: boolean;
}

// Each renderer is imported when its format is asked for (vega for html, exceljs for xlsx cost ~300 ms each).
const FORMATS: Record<string, Format> = {
  table: {
    extension: 'txt',
    render: async (report, { term, toTerminal, full }) =>
      (await import('../report/table.js')).renderTable(report, {
        full,
        color: toTerminal && term.c.level > 0,
        width: toTerminal ? Math.max(60, process.stdout.columns ?? 80) : 80,
        minCount: report.privacy?.min_count ?? 0,
      }),
  },
  json: { extension: 'json', render: async (report) => (await import('../report/json.js')).renderJson(report) },
  csv: {
    extension: 'csv',
    render: async (report, { csvDialect }) =>
      (await import('../report/csv.js')).renderCsv(report, { dialect: csvDialect }),
  },
  md: { extension: 'md', render: async (report) => (await import('../report/markdown.js')).renderMarkdown(report) },
  html: { extension: 'html', render: async (report) => (await import('../report/html.js')).renderHtml(report) },
  xlsx: {
    extension: 'xlsx',
    binary: true,
    render: async (report) => (await import('../report/xlsx.js')).renderXlsx(report),
    writeTo: async (report, file) => (await import('../report/xlsx.js')).writeXlsx(report, file),
  },
};

export const FORMAT_NAMES = Object.keys(FORMATS);

/**
 * What people read (the table, Markdown, anything shown on a terminal) has its control and bidi
 * characters made visible; JSON escapes them itself, and a file keeps its data otherwise.
 */
function peopleText(format: string, text: string | Buffer, toTerminal: boolean, colour: boolean): string | Buffer {
  if (typeof text !== 'string') return text;
  if (format === 'table' || format === 'md' || toTerminal) return visibleText(text, toTerminal && colour);
  return text;
}

function csvDialectOption(value: string | undefined): CsvDialect {
  if (value === undefined) return 'rfc4180';
  const dialect = CSV_DIALECTS.find((d) => d === value);
  if (!dialect) {
    throw new UsageError((lang) =>
      t(lang, 'usage.csvDialect', { list: CSV_DIALECTS.join(t(lang, 'usage.or')), value }),
    );
  }
  return dialect;
}

function reportRange(config: Config, options: ReportCliOptions): { from: string; to: string } | undefined {
  if (options.period && (options.from || options.to)) throw new UsageError((lang) => t(lang, 'usage.periodExclusive'));
  if (options.period) {
    const period = periodFromLabel(options.period, { from: '0000-01-01', to: '9999-12-31' });
    if (!period || options.period.includes('/')) {
      const value = options.period;
      throw new UsageError((lang) => t(lang, 'usage.period', { value }));
    }
    return { from: period.start, to: period.end };
  }
  if (options.from || options.to) {
    const check = (flag: string, value: string | undefined, fallback: string): string => {
      if (value === undefined) return fallback;
      const parsed = parseDate(value, 'yyyy-mm-dd');
      if (!parsed.ok) throw new UsageError((lang) => t(lang, 'usage.date', { flag, value }));
      return parsed.value;
    };
    const from = check('--from', options.from, config.range.from);
    const to = check('--to', options.to, config.range.to);
    if (from > to) throw new UsageError((lang) => t(lang, 'usage.fromAfterTo', { from, to }));
    return { from, to };
  }
  return undefined;
}

function breakdownOption(by: string | undefined): BreakdownItem[] | undefined {
  if (by === undefined) return undefined;
  const items = by
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const parsed = parseBreakdown(items);
  if (parsed.errors.length > 0) {
    throw new UsageError((lang) =>
      t(lang, 'usage.by', { problems: parseBreakdown(items, lang).errors.join(t(lang, 'punct.semicolon')) }),
    );
  }
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
    if (!FORMATS[f]) {
      throw new UsageError((lang) =>
        t(lang, 'usage.reportFormat', { format: f, list: Object.keys(FORMATS).join(', ') }),
      );
    }
  }
  const toStdout = options.output === undefined || options.output === '-';
  if (formats.length > 1 && toStdout) {
    throw new UsageError((lang) => t(lang, 'usage.severalFormats'));
  }
  if (toStdout && process.stdout.isTTY === true && formats.some((f) => FORMATS[f]!.binary)) {
    const format = formats[0];
    throw new UsageError((lang) => t(lang, 'usage.binary', { format }));
  }
  const csvDialect = csvDialectOption(options.csvDialect);
  const lang: Lang = pickLang(options.lang, config.locale);
  const range = reportRange(config, options);
  const breakdown = breakdownOption(options.by);
  // Where each format goes, checked before anything is computed: inside the workspace, not over an input.
  const targets = new Map<string, { shown: string; real: string }>();
  const guard = toStdout ? undefined : await outputGuard(config);
  if (guard) {
    const output = options.output!;
    const intoFolder = formats.length > 1 || output.endsWith('/') || output.endsWith(path.sep);
    if (intoFolder) checkOutputFolder(guard, output, 'output');
    for (const format of formats) {
      const shown = intoFolder ? path.join(output, `report.${FORMATS[format]!.extension}`) : output;
      targets.set(format, { shown, real: checkOutputFile(guard, shown, 'output') });
    }
  }
  // Refused before any row is read when the periods alone make the report too large for a format.
  const tooLarge = (values: number, least: boolean): void => {
    const format = formats.find((f) => values > MAX_VALUES[f]!);
    if (format) throw new UsageError(reportTooLarge(lang, { format, values, limit: MAX_VALUES[format]!, least }));
  };
  const progress = new ProgressReporter(term, t(lang, 'reading'), lang);
  const refuseTooLarge = (values: number, least: boolean): void => {
    try {
      tooLarge(values, least);
    } catch (error) {
      progress.stop();
      throw error;
    }
  };
  const run = await runReport(config, {
    version,
    lang,
    ...(range ? { range } : {}),
    ...(breakdown ? { breakdown } : {}),
    ...(options.indicators ? { indicators: options.indicators.split(',').map((s) => s.trim()) } : {}),
    plugins: options.plugins !== false,
    onProgress: (dataset, file, rows, fraction) => progress.update(`${dataset} ${file}`, rows, undefined, fraction),
    onPlanned: (listed) =>
      refuseTooLarge(leastValues(listed, breakdown ?? config.breakdown, range ?? config.range), true),
    // Once the rows are read, the value count is exact (the territories the data holds are known), and
    // nothing is computed yet: a workbook by commune and month is refused here, in about a second.
    onCounted: (values) => refuseTooLarge(values, false),
  });
  progress.stop();
  const { report } = run;
  // The backstop: the count above is exact, and every format is checked again before the first is written.
  tooLarge(report.values.length, false);

  for (const format of formats) {
    const spec = FORMATS[format]!;
    const target = targets.get(format);
    // A file streams through .impact/tmp; a pipe gets the bytes rendered in memory (the zip only, a
    // fiftieth of the report model that is in memory anyway).
    if (spec.writeTo && guard && target) {
      const writeTo = spec.writeTo;
      await writeOutputFrom(guard, target.real, (temp) => writeTo(report, temp));
      if (!term.quiet) term.err(`${term.ce.green('✔')} ${target.shown}`);
      continue;
    }
    const text = await spec.render(report, {
      term,
      toTerminal: toStdout && process.stdout.isTTY === true,
      csvDialect,
      // --by asks for a breakdown: show it.
      full: options.full === true || options.by !== undefined,
    });
    if (!guard || !target) {
      process.stdout.write(peopleText(format, text, toStdout && process.stdout.isTTY === true, term.c.level > 0));
      continue;
    }
    // Atomic: a reader (or a CI artefact upload) never sees a half-written report.
    writeOutput(guard, target.real, peopleText(format, text, false, false));
    if (!term.quiet) term.err(`${term.ce.green('✔')} ${target.shown}`);
  }

  let code: number = EXIT.ok;
  // The unsuppressed count: the one running the report reads the data files anyway.
  if (run.rejected > 0) {
    const n = run.rejected;
    if (!term.quiet) {
      term.err(term.ce.yellow(`${plural(lang, 'report.rejectedRows', n)} ${t(lang, 'report.rejectedHint')}`));
    }
    if (options.strict) code = EXIT.invalid;
  }
  // Warnings found while computing (a territory coarser than the breakdown asks for): one line per kind, naming files and rows.
  if (!term.quiet) {
    const coarse = (report.warnings ?? []).filter((w) => w.code === 'coarse-territory');
    for (const group of groupWarnings(coarse, lang)) {
      const text = group.where ? `${group.message} (${group.where})` : group.message;
      term.err(term.ce.yellow(t(lang, 'report.warningLine', { text })));
    }
  }
  for (const failure of run.catalogue.failures) {
    for (const line of failure.lines) term.err(term.ce.red(`✖ ${line}`));
  }
  for (const p of run.selectionProblems) term.err(term.ce.red(`✖ ${formatSelectionProblem(p, lang)}`));
  // A gate must not pass on a broken definition or on a selection that selects nothing.
  const failed = report.indicators.filter((i) => i.error !== undefined);
  if ((options.check || options.strict) && (failed.length > 0 || run.selectionProblems.length > 0)) {
    code = EXIT.invalid;
    if (!term.quiet && failed.length > 0) term.err(term.ce.red(`✖ ${failed.length} ${t(lang, 'indicatorsFailed')}`));
  }
  if (options.check) {
    const missed = report.targets.filter((target) => target.status !== 'met');
    const formats = new Map(report.indicators.map((i) => [i.id, i.format]));
    for (const target of missed) {
      const where = [target.territory, target.period].filter(Boolean).join(' ');
      const format = formats.get(target.indicator) ?? 'decimal';
      const value = formatNumber(target.value, format, lang);
      const text =
        target.actual === null
          ? t(lang, 'target.gateNoData', { op: OPERATOR_SIGNS[target.op] ?? target.op, value })
          : t(lang, 'target.gateMissed', {
              actual: formatNumber(target.actual, format, lang),
              sign: MISSED_SIGNS[target.op] ?? `not ${target.op}`,
              value,
            });
      term.err(term.ce.red(`✖ ${target.indicator} ${where}${t(lang, 'punct.colon')}${text}`));
    }
    if (missed.length > 0) code = EXIT.invalid;
    else if (!term.quiet && report.targets.length > 0 && code === EXIT.ok) {
      term.err(term.ce.green(`✔ ${plural(lang, 'target.gateMet', report.targets.length)}`));
    }
  }
  // `--indicators` is a usage: a glob that matches nothing is a mistake in the command itself.
  if (run.selectionProblems.some((p) => p.where === '--indicators')) code = EXIT.usage;
  return code;
}

/** How a missed target reads: the sign that holds between the actual value and the target (`117 < 150`). */
const MISSED_SIGNS: Record<string, string> = { '>=': '<', '>': '≤', '<=': '>', '<': '≥', '==': '≠' };
