// `-f md`: GitHub-flavoured Markdown, fit for a CI job summary ($GITHUB_STEP_SUMMARY) or a pull
// request comment: scope, key figures, one table per indicator, targets, data quality, inputs.
// Every value from the data sits after markup of ours (a bullet, a heading, a table cell), never at
// the start of a line, so escaping inline syntax is enough to keep it from becoming Markdown.
import { type Lang, t } from '../messages.js';
import type { Report, ReportIndicator, ReportValue } from './model.js';
import { geographyNote } from './notes.js';
import { dimensionLabel, displayCount, displayValue, formatDate, formatNumber, shownChange } from './numbers.js';
import {
  dimensionTitle,
  dimensionValueOf,
  isMargin,
  KIND_WORDS,
  keyFigures,
  latestChange,
  lineKey,
  marginKey,
  OPERATOR_SIGNS,
  unitAfterNumber,
  WORDS,
} from './summary.js';

/** Inline Markdown and GFM syntax (and `$` for GitHub's math) made literal; line breaks become spaces. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*_[\]<>|~&#$]/g, '\\$&');
}

/** A code span, or escaped text when a backtick or a pipe (which splits table cells even in code) is inside. */
function code(text: string): string {
  return /[`|\r\n]/.test(text) ? escapeMarkdown(text) : `\`${text}\``;
}

/** French puts a (no-break) space before a colon. */
const colon = (lang: Lang): string => t(lang, 'punct.colon');

function tableLines(head: string[], align: ('left' | 'right')[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(align.map((a) => (a === 'right' ? '---:' : ':---'))), ...rows.map(line)];
}

function withUnit(text: string, indicator: ReportIndicator): string {
  return unitAfterNumber(indicator) && indicator.unit ? `${text} ${escapeMarkdown(indicator.unit)}` : text;
}

function scope(report: Report): string[] {
  const lang = report.lang;
  const w = WORDS[lang];
  const item = (label: string, text: string) => `- **${label}**${colon(lang)}${text}`;
  const range = `${w.from} ${formatDate(report.range.from, lang)} ${w.to} ${formatDate(report.range.to, lang)}`;
  const generated = `impactkit ${escapeMarkdown(report.generator.version)}`;
  return [
    `## ${w.scope}`,
    '',
    item(w.workspace, escapeMarkdown(report.workspace)),
    ...(report.reporting_entity ? [item(w.reportingEntity, code(report.reporting_entity))] : []),
    item(w.range, range),
    item(w.breakdown, report.breakdown.map(code).join(', ')),
    item(w.generatedBy, generated),
    ...(report.generated_at ? [item(w.generatedAt, escapeMarkdown(report.generated_at))] : []),
  ];
}

function keyFigureLines(report: Report, minCount: number): string[] {
  const lang = report.lang;
  const w = WORDS[lang];
  const lines = [`## ${w.keyFigures}`, ''];
  for (const { indicator, row } of keyFigures(report)) {
    const label = `- **${escapeMarkdown(indicator.title)}**${colon(lang)}`;
    const error = indicator.error ?? row?.error;
    if (error !== undefined) {
      lines.push(`${label}${w.error} — ${escapeMarkdown(error)}`);
      continue;
    }
    if (!row) {
      lines.push(`${label}–`);
      continue;
    }
    let text = withUnit(displayValue(row, indicator.format, lang, minCount), indicator);
    if (row.attributable !== undefined && report.reporting_entity && !row.suppressed) {
      const share = withUnit(formatNumber(row.attributable, indicator.format, lang), indicator);
      text += ` (${w.attributableTo} ${escapeMarkdown(report.reporting_entity)}${colon(lang)}${share})`;
    }
    const latest = latestChange(report, indicator.id);
    if (latest) {
      const period = dimensionLabel('period', latest.period, lang, report.range);
      text += ` — ${w.change} ${period}${colon(lang)}${shownChange(latest.change, indicator, lang)}`;
    }
    lines.push(label + text);
  }
  return lines;
}

/** The breakdown as rows, periods as columns, the whole range last as the "Total" column. */
function indicatorSection(report: Report, indicator: ReportIndicator, rows: ReportValue[], minCount: number): string[] {
  const lang = report.lang;
  const w = WORDS[lang];
  const about = [code(indicator.id), ...(indicator.unit ? [escapeMarkdown(indicator.unit)] : [])];
  about.push(KIND_WORDS[lang][indicator.kind]);
  const lines = [`### ${escapeMarkdown(indicator.title)}`, '', about.join(' · ')];
  if (indicator.description.trim()) lines.push('', `_${escapeMarkdown(indicator.description.trim())}_`);
  const geography = report.dimensions.includes('territory') ? geographyNote(indicator, lang) : undefined;
  if (geography) lines.push('', `> ${escapeMarkdown(geography)}`);
  lines.push('');
  const failed = indicator.error ?? rows.find((r) => r.error !== undefined)?.error;
  if (indicator.error !== undefined || (failed !== undefined && rows.every((r) => r.error !== undefined))) {
    return [...lines, `> **${w.error}**${colon(lang)}${escapeMarkdown(failed ?? '')}`, ''];
  }
  if (rows.length === 0) return [...lines, w.noValues, ''];

  const others = report.dimensions.filter((d) => d !== 'period');
  const whole = marginKey('period', report.range);
  const periods: string[] = [];
  const byLine = new Map<string, { label: string; cells: Map<string, ReportValue> }>();
  for (const row of rows) {
    const period = String(row.period);
    if (!periods.includes(period)) periods.push(period);
    const key = lineKey(row, others);
    let line = byLine.get(key);
    if (!line) {
      const label =
        others.length === 0
          ? w.total
          : escapeMarkdown(
              others
                .map((d) => dimensionLabel(d, dimensionValueOf(row, d), lang, undefined, isMargin(row, d)))
                .join(' · '),
            );
      line = { label, cells: new Map() };
      byLine.set(key, line);
    }
    line.cells.set(period, row);
  }
  const columns = [...periods.filter((p) => p !== whole), ...(periods.includes(whole) ? [whole] : [])];
  const head = [
    others.map((d) => dimensionTitle(d, lang)).join(' · '),
    ...columns.map((p) => escapeMarkdown(dimensionLabel('period', p, lang, report.range))),
  ];
  const body = [...byLine.values()].map(({ label, cells }) => [
    label,
    ...columns.map((p) => {
      const row = cells.get(p);
      return row ? escapeMarkdown(displayValue(row, indicator.format, lang, minCount)) : '';
    }),
  ]);
  const align = ['left' as const, ...columns.map(() => 'right' as const)];
  return [...lines, ...tableLines(head, align, body), ''];
}

function targetLines(report: Report): string[] {
  if (report.targets.length === 0) return [];
  const lang = report.lang;
  const w = WORDS[lang];
  const indicators = new Map(report.indicators.map((i) => [i.id, i]));
  const body = report.targets.map((t) => {
    const indicator = indicators.get(t.indicator);
    const format = indicator?.format ?? 'decimal';
    const number = (n: number) =>
      indicator ? withUnit(formatNumber(n, format, lang), indicator) : formatNumber(n, format, lang);
    return [
      indicator ? escapeMarkdown(indicator.title) : code(t.indicator),
      t.territory === undefined ? '' : escapeMarkdown(dimensionLabel('territory', t.territory, lang)),
      escapeMarkdown(dimensionLabel('period', t.period, lang, report.range)),
      `${escapeMarkdown(OPERATOR_SIGNS[t.op] ?? t.op)} ${number(t.value)}`,
      t.actual === null ? '–' : number(t.actual),
      `${t.status === 'met' ? '✅' : '❌'} ${w[t.status]}`,
    ];
  });
  return [
    `## ${w.targets}`,
    '',
    ...tableLines(
      [w.indicator, w.territory, w.period, w.target, w.actual, w.status],
      ['left', 'left', 'left', 'right', 'right', 'left'],
      body,
    ),
    '',
  ];
}

function qualityLines(report: Report): string[] {
  const lang = report.lang;
  const w = WORDS[lang];
  const minCount = report.privacy?.min_count ?? 0;
  const count = (n: number | null) => displayCount(n, lang, minCount);
  const q = report.quality;
  const lines = [
    `## ${w.quality}`,
    '',
    `- **${w.rows}**${colon(lang)}${count(q.rows)}`,
    `- **${w.rejected}**${colon(lang)}${count(q.rejected)}`,
    `- **${w.warnings}**${colon(lang)}${count(q.warnings)}`,
    '',
  ];
  if (report.inputs.length === 0) return lines;
  const body = report.inputs.map((input) => [
    code(input.dataset),
    code(input.file),
    count(input.rows),
    count(input.rejected),
    code(input.sha256),
  ]);
  return [
    ...lines,
    `## ${w.inputs}`,
    '',
    ...tableLines([w.dataset, w.file, w.rows, w.rejected, 'SHA-256'], ['left', 'left', 'right', 'right', 'left'], body),
    '',
  ];
}

/** Report-wide notes (the euro rounding rule), once, after the indicators they are about. */
function noteLines(report: Report): string[] {
  const notes = report.notes ?? [];
  if (notes.length === 0) return [];
  return [`## ${WORDS[report.lang].notes}`, '', ...notes.map((n) => `- ${escapeMarkdown(n.message)}`), ''];
}

export function renderMarkdown(report: Report): string {
  const lang = report.lang;
  const w = WORDS[lang];
  const minCount = report.privacy?.min_count ?? 0;
  const byIndicator = new Map<string, ReportValue[]>();
  for (const row of report.values) {
    const list = byIndicator.get(row.indicator) ?? [];
    list.push(row);
    byIndicator.set(row.indicator, list);
  }
  const lines = [`# ${w.title}`, '', ...scope(report), '', ...keyFigureLines(report, minCount), ''];
  lines.push(...targetLines(report));
  lines.push(`## ${w.indicators}`, '');
  for (const indicator of report.indicators) {
    lines.push(...indicatorSection(report, indicator, byIndicator.get(indicator.id) ?? [], minCount));
  }
  lines.push(...noteLines(report));
  lines.push(...qualityLines(report));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
