// `-f table`: the report for a terminal. By default one screen: every indicator's total as a row,
// the latest periods that fit as columns, the whole range last. `full` adds one block per
// indicator with the breakdown as rows (split into several tables when periods would not fit).
import Table from 'cli-table3';
import { type Lang, plural, t } from '../messages.js';
import { visibleText } from '../visible-text.js';
import type { Report, ReportIndicator, ReportValue } from './model.js';
import { geographyNote, noteText } from './notes.js';
import { dimensionLabel, displayValue, formatNumber, pluralCount, shownChange } from './numbers.js';
import { dimensionValueOf, isMargin, KIND_WORDS, lineKey, marginKey, OPERATOR_SIGNS } from './summary.js';
import { groupWarnings } from './warnings.js';

export interface TableOptions {
  width?: number;
  color?: boolean;
  minCount?: number;
  /** Every indicator by its breakdown, after the summary. */
  full?: boolean;
}

type Settings = Required<TableOptions>;

const bold = (text: string, color: boolean) => (color ? `\u001b[1m${text}\u001b[22m` : text);
const dim = (text: string, color: boolean) => (color ? `\u001b[2m${text}\u001b[22m` : text);

const tableStyle = (color: boolean) => ({ compact: true, head: color ? ['bold'] : [], border: color ? ['grey'] : [] });

/** A cell as people read it; `n/a` for a zero denominator (its reason is said below the table). */
function shownValue(row: ReportValue | undefined, indicator: ReportIndicator, lang: Lang, minCount: number): string {
  if (!row) return '';
  if (row.value === null && row.note !== undefined && !row.suppressed && row.error === undefined)
    return t(lang, 'report.na');
  return displayValue(row, indicator.format, lang, minCount);
}

const isZero = (row: ReportValue | undefined) =>
  row === undefined || (row.value === 0 && !row.suppressed && !row.error);

/** Periods in order, the whole range last. */
function orderedPeriods(report: Report, rows: ReportValue[]): string[] {
  const range = marginKey('period', report.range);
  const periods = [...new Set(rows.map((r) => String(r.period)))].filter((p) => p !== range).sort();
  return [...periods, range];
}

const cut = (text: string, width: number): string => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

/** A sentence broken at spaces into lines of at most `width`, continued lines indented by `indent`. */
function wrap(text: string, width: number, indent = '  '): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (next.length > width && line !== '') {
      lines.push(line);
      line = `${indent}${word}`;
    } else line = next;
  }
  lines.push(line);
  return lines.join('\n');
}

function summaryBlock(report: Report, settings: Settings): string[] {
  const lang = report.lang;
  const others = report.dimensions.filter((d) => d !== 'period');
  const totals = new Map<string, Map<string, ReportValue>>();
  for (const row of report.values) {
    if (!others.every((d) => isMargin(row, d))) continue;
    const byPeriod = totals.get(row.indicator) ?? new Map<string, ReportValue>();
    byPeriod.set(String(row.period), row);
    totals.set(row.indicator, byPeriod);
  }
  const range = marginKey('period', report.range);
  const periods = orderedPeriods(report, report.values).filter((p) => p !== range);
  const shown = report.indicators.filter(
    (i) => i.error !== undefined || ![...(totals.get(i.id)?.values() ?? [])].every((r) => isZero(r)),
  );
  const zero = report.indicators.filter((i) => !shown.includes(i));
  const unitOf = (i: ReportIndicator) => `${i.unit}, ${KIND_WORDS[lang][i.kind]}`;
  const cellsOf = (i: ReportIndicator, period: string) => {
    if (i.error !== undefined) return t(lang, 'report.error');
    return shownValue(totals.get(i.id)?.get(period), i, lang, settings.minCount);
  };
  const columnWidth = (period: string) =>
    Math.max(
      dimensionLabel('period', period, lang, report.range).length,
      ...shown.map((i) => cellsOf(i, period).length),
      4,
    );
  const last = periods[periods.length - 1];
  // A latest period without a value (a zero denominator) has no change either: `n.d.` says why, not a blank.
  const changes = shown.map((i) => {
    if (!last) return '';
    const change = shownChange(totals.get(i.id)?.get(last)?.change, i, lang);
    return change === '' && cellsOf(i, last) === t(lang, 'report.na') ? t(lang, 'report.na') : change;
  });
  const hasChange = changes.some((c) => c !== '');
  // The change is the last period's against the one before: its header names that period (`Δ 2025`).
  const changeHead = last ? `${t(lang, 'report.change')} ${dimensionLabel('period', last, lang, report.range)}` : '';
  const changeWidth = Math.max(changeHead.length, ...changes.map((c) => c.length));
  const unitWidth = Math.min(18, Math.max(5, ...shown.map((i) => unitOf(i).length)));
  // Each column costs its width and 3 for borders and padding; the label column takes what is left, at least 18.
  let budget = settings.width - 1 - (unitWidth + 3) - (columnWidth(range) + 3) - (hasChange ? changeWidth + 3 : 0) - 21;
  const columns: string[] = [];
  for (let i = periods.length - 1; i >= 0; i--) {
    const need = columnWidth(periods[i]!) + 3;
    if (need > budget) break;
    budget -= need;
    columns.unshift(periods[i]!);
  }
  const labelWidth = 18 + budget;
  const head = [
    t(lang, 'report.indicator'),
    t(lang, 'report.unit'),
    ...columns.map((p) => dimensionLabel('period', p, lang, report.range)),
    ...(hasChange ? [changeHead] : []),
    t(lang, 'report.total'),
  ];
  const table = new Table({
    head,
    colWidths: [
      labelWidth + 2,
      unitWidth + 2,
      ...columns.map((p) => columnWidth(p) + 2),
      ...(hasChange ? [changeWidth + 2] : []),
      columnWidth(range) + 2,
    ],
    colAligns: [
      'left',
      'left',
      ...columns.map(() => 'right' as const),
      ...(hasChange ? ['right' as const] : []),
      'right',
    ],
    wordWrap: false,
    style: tableStyle(settings.color),
  });
  shown.forEach((i, index) => {
    table.push([
      cut(i.title, labelWidth),
      cut(unitOf(i), unitWidth),
      ...columns.map((p) => cellsOf(i, p)),
      ...(hasChange ? [changes[index]!] : []),
      cellsOf(i, range),
    ]);
  });
  const out = [bold(t(lang, 'report.keyFigures'), settings.color), table.toString()];
  if (zero.length > 0) {
    const ids = zero.map((i) => i.id).join(', ');
    out.push(dim(wrap(plural(lang, 'report.zeroRows', zero.length, { ids }), settings.width), settings.color));
  }
  // A failed indicator is named with its error: the row above only says `error`.
  for (const i of report.indicators.filter((x) => x.error !== undefined))
    out.push(wrap(`✖ ${i.id}${t(lang, 'punct.colon')}${i.error}`, settings.width, '    '));
  const notes = notesOf(report, shown);
  out.push(...notes.map((n) => dim(n, settings.color)));
  return out;
}

/** The reasons behind `n/a` cells, once each: `n/a: zero denominator`. */
function notesOf(report: Report, indicators: ReportIndicator[], byTerritory = false): string[] {
  const ids = new Set(indicators.map((i) => i.id));
  const notes = new Set<string>();
  for (const row of report.values) {
    if (ids.has(row.indicator) && row.note !== undefined && row.value === null)
      notes.add(noteText(row.note, report.lang));
  }
  // Only under a table by territory: the one-screen summary shows national totals, where placement does not matter.
  if (byTerritory && report.dimensions.includes('territory')) {
    for (const indicator of indicators) {
      const geography = geographyNote(indicator, report.lang);
      if (geography) notes.add(`${indicator.id}${t(report.lang, 'punct.colon')}${geography}`);
    }
  }
  return [...notes].sort();
}

/**
 * A breakdown row's label that keeps what tells rows apart: codes always, names cut first.
 * `reg:24 Centre-Val de Loire · f` becomes `reg:24 Centre-Val… · f`, never `reg:24 Centre-Val de L…`.
 */
export function breakdownLabel(parts: { code: string; name: string }[], width: number): string {
  const names = parts.map((p) => p.name);
  const compose = () => parts.map((p, i) => (names[i] ? `${p.code} ${names[i]}` : p.code)).join(' · ');
  let label = compose();
  while (label.length > width) {
    let longest = -1;
    for (let i = 0; i < names.length; i++)
      if (names[i]!.length > (longest < 0 ? 0 : names[longest]!.length)) longest = i;
    if (longest < 0) break;
    const name = names[longest]!;
    const excess = label.length - width;
    const keep = name.length - excess - 1;
    names[longest] = keep >= 3 ? `${name.replace(/…$/, '').slice(0, keep)}…` : '';
    label = compose();
  }
  return label;
}

function indicatorBlock(report: Report, indicator: ReportIndicator, rows: ReportValue[], settings: Settings): string {
  const lang = report.lang;
  const color = settings.color;
  const header = `${bold(indicator.title, color)} ${dim(`(${indicator.unit}, ${KIND_WORDS[lang][indicator.kind]}) ${indicator.id}`, color)}`;
  if (indicator.error) return `${header}\n  ${t(lang, 'report.failed')}${t(lang, 'punct.colon')}${indicator.error}\n`;
  const others = report.dimensions.filter((d) => d !== 'period');
  const ordered = orderedPeriods(report, rows);
  const lines = new Map<string, { row: ReportValue; byPeriod: Map<string, ReportValue> }>();
  for (const row of rows) {
    const key = lineKey(row, others);
    const line = lines.get(key) ?? { row, byPeriod: new Map<string, ReportValue>() };
    line.byPeriod.set(String(row.period), row);
    lines.set(key, line);
  }
  // Rows zero in every period are folded into one line; margins are always shown.
  const entries = [...lines.values()].filter(
    (line) => others.every((d) => isMargin(line.row, d)) || ![...line.byPeriod.values()].every(isZero),
  );
  const folded = lines.size - entries.length;
  const parts = entries.map(({ row }) =>
    others.length === 0
      ? [{ code: t(lang, 'report.total'), name: '' }]
      : others.map((d) => {
          const value = dimensionValueOf(row, d);
          const full = dimensionLabel(d, value, lang, undefined, isMargin(row, d));
          return value !== null && full.startsWith(`${value} `)
            ? { code: value, name: full.slice(value.length + 1) }
            : { code: full, name: '' };
        }),
  );
  const codesWidth = Math.max(8, ...parts.map((p) => breakdownLabel(p, 0).length));
  const labelWidth = Math.max(codesWidth, Math.min(Math.max(28, Math.floor(settings.width / 3)), ...[40]));
  const labels = parts.map((p) => breakdownLabel(p, labelWidth));
  const shownWidth = Math.max(...labels.map((l) => l.length), 8);
  const cells = entries.map((line) =>
    ordered.map((p) => shownValue(line.byPeriod.get(p), indicator, lang, settings.minCount)),
  );
  const columnWidth = Math.max(
    6,
    ...cells.flat().map((c) => c.length),
    ...ordered.map((p) => dimensionLabel('period', p, lang, report.range).length),
  );
  const perTable = Math.max(1, Math.floor((settings.width - shownWidth - 4) / (columnWidth + 3)));
  const out: string[] = [header];
  for (let start = 0; start < ordered.length; start += perTable) {
    const slice = ordered.slice(start, start + perTable);
    const table = new Table({
      head: ['', ...slice.map((p) => dimensionLabel('period', p, lang, report.range))],
      colWidths: [shownWidth + 2, ...slice.map(() => columnWidth + 2)],
      colAligns: ['left', ...slice.map(() => 'right' as const)],
      wordWrap: false,
      style: tableStyle(color),
    });
    labels.forEach((label, i) => {
      table.push([label, ...cells[i]!.slice(start, start + perTable)]);
    });
    out.push(table.toString());
  }
  if (folded > 0) out.push(dim(plural(lang, 'report.zeroLines', folded), color));
  out.push(...notesOf({ ...report, values: rows }, [indicator], true).map((n) => dim(n, color)));
  return `${out.join('\n')}\n`;
}

function targetsBlock(report: Report, settings: Settings): string {
  const lang = report.lang;
  const table = new Table({
    head: [t(lang, 'report.targets'), t(lang, 'report.target'), t(lang, 'report.actual'), ''],
    style: tableStyle(settings.color),
    colAligns: ['left', 'right', 'right', 'left'],
  });
  const indicators = new Map(report.indicators.map((i) => [i.id, i]));
  const labelWidth = Math.max(16, settings.width - 44);
  for (const target of report.targets) {
    const indicator = indicators.get(target.indicator);
    const format = indicator?.format ?? 'decimal';
    const where = [target.territory, dimensionLabel('period', target.period, lang, report.range)]
      .filter(Boolean)
      .join(' ');
    const mark = target.status === 'met' ? '✔' : target.status === 'missed' ? '✖' : '?';
    // The title gives way, never the territory and period that tell targets apart.
    const title = indicator?.title ?? target.indicator;
    table.push([
      `${cut(title, Math.max(8, labelWidth - where.length - 1))} ${where}`,
      `${OPERATOR_SIGNS[target.op] ?? target.op} ${formatNumber(target.value, format, lang)}`,
      target.actual === null ? '–' : formatNumber(target.actual, format, lang),
      `${mark} ${t(lang, `target.${target.status}`)}`,
    ]);
  }
  return `${table.toString()}\n`;
}

function qualityBlock(report: Report, width: number): string {
  const lang = report.lang;
  const q = report.quality;
  const line = `${t(lang, 'report.quality')}${t(lang, 'punct.colon')}${t(lang, 'report.qualityLine', {
    rows: pluralCount(lang, 'report.rowCount', q.rows, report.privacy?.min_count ?? 0),
    rejected: pluralCount(lang, 'report.rejectedCount', q.rejected, report.privacy?.min_count ?? 0),
    warnings: plural(lang, 'report.warningCount', q.warnings),
  })}`;
  const groups = groupWarnings(report.warnings ?? [], lang);
  const listed = groups.flatMap((g) => [
    wrap(`  ${g.count} × ${g.code}  ${g.message}`, width, '    '),
    ...(g.where ? [wrap(`    ${g.where}`, width, '    ')] : []),
  ]);
  return [wrap(line, width), ...listed].join('\n');
}

/**
 * Every string of the report with its control and bidi characters made visible, before any column is
 * measured: `\x1b` takes one column once shown as `␛`, and U+202E eight as `\u{202e}`, not zero.
 */
function visibleStrings<T>(value: T): T {
  if (typeof value === 'string') return visibleText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  // Copied only where a string changes: a report's thousands of values are almost always clean, and
  // copying each one cost more than the rest of the table.
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const shown = visibleStrings(value[i]);
      if (shown !== value[i]) copy ??= value.slice();
      if (copy) copy[i] = shown;
    }
    return (copy ?? value) as T;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    const shown = visibleStrings(v);
    if (shown !== v) copy ??= { ...(value as Record<string, unknown>) };
    if (copy) copy[key] = shown;
  }
  return (copy ?? value) as T;
}

export function renderTable(data: Report, options: TableOptions = {}): string {
  const report = visibleStrings(data);
  const settings: Settings = {
    width: options.width ?? 80,
    color: options.color ?? false,
    minCount: options.minCount ?? report.privacy?.min_count ?? 0,
    full: options.full ?? false,
  };
  const lang = report.lang;
  const blocks = [
    `${bold(report.workspace, settings.color)} — ${report.range.from} → ${report.range.to}${report.reporting_entity ? ` — ${report.reporting_entity}` : ''}\n`,
  ];
  if (report.indicators.length === 0) {
    blocks.push(`${t(lang, 'report.noIndicator')}\n`);
  } else {
    blocks.push(`${summaryBlock(report, settings).join('\n')}\n`);
  }
  if (settings.full) {
    const byIndicator = new Map<string, ReportValue[]>();
    for (const row of report.values) {
      const list = byIndicator.get(row.indicator) ?? [];
      list.push(row);
      byIndicator.set(row.indicator, list);
    }
    for (const indicator of report.indicators)
      blocks.push(indicatorBlock(report, indicator, byIndicator.get(indicator.id) ?? [], settings));
  } else if (report.indicators.length > 0 && report.dimensions.some((d) => d !== 'period')) {
    blocks.push(
      dim(
        `${wrap(t(lang, 'report.fullHint', { breakdown: report.breakdown.join(', ') }), settings.width)}\n`,
        settings.color,
      ),
    );
  }
  if (report.targets.length > 0) blocks.push(targetsBlock(report, settings));
  // Report-wide notes (the euro rounding rule), once, as footnotes.
  for (const note of report.notes ?? [])
    blocks.push(`${dim(wrap(note.message, settings.width, ''), settings.color)}\n`);
  blocks.push(`${qualityBlock(report, settings.width)}\n`);
  return blocks.join('\n');
}
