// `-f table`: the report for a terminal, readable at 80 columns. One block per indicator: the
// breakdown as rows, periods as columns (split into several tables when they would not fit).
import Table from 'cli-table3';
import type { Lang } from '../problems.js';
import type { Report, ReportIndicator, ReportValue } from './model.js';
import { dimensionLabel, displayValue, formatNumber } from './numbers.js';
import { dimensionValueOf, isMargin, lineKey } from './summary.js';

export interface TableOptions {
  width?: number;
  color?: boolean;
  minCount?: number;
}

const words = {
  en: {
    total: 'Total',
    targets: 'Targets',
    quality: 'Data quality',
    rows: 'rows',
    row: 'row',
    rejected: 'rejected',
    warnings: 'warnings',
    warning: 'warning',
    colon: ': ',
    met: 'met',
    missed: 'missed',
    no_data: 'no data',
    actual: 'actual',
    target: 'target',
    failed: 'failed',
  },
  fr: {
    total: 'Total',
    targets: 'Cibles',
    quality: 'Qualité des données',
    rows: 'lignes',
    row: 'ligne',
    rejected: 'rejetées',
    warnings: 'avertissements',
    warning: 'avertissement',
    colon: '\u00a0: ',
    met: 'atteinte',
    missed: 'manquée',
    no_data: 'sans donnée',
    actual: 'réel',
    target: 'cible',
    failed: 'en échec',
  },
} as const;

const KIND_LABEL: Record<Lang, Record<ReportIndicator['kind'], string>> = {
  en: { flow: 'flow', stock: 'stock', unique: 'unique', ratio: 'ratio' },
  fr: { flow: 'flux', stock: 'stock', unique: 'distinct', ratio: 'ratio' },
};

const bold = (text: string, color: boolean) => (color ? `\u001b[1m${text}\u001b[22m` : text);
const dim = (text: string, color: boolean) => (color ? `\u001b[2m${text}\u001b[22m` : text);

function indicatorBlock(
  report: Report,
  indicator: ReportIndicator,
  rows: ReportValue[],
  options: Required<TableOptions>,
): string {
  const lang = report.lang;
  const color = options.color;
  const header = `${bold(indicator.title, color)} ${dim(`(${indicator.unit}, ${KIND_LABEL[lang][indicator.kind]}) ${indicator.id}`, color)}`;
  if (indicator.error) return `${header}\n  ${words[lang].failed}: ${indicator.error}\n`;
  const others = report.dimensions.filter((d) => d !== 'period');
  const rangeText = `${report.range.from}/${report.range.to}`;
  const periods: string[] = [];
  const lines = new Map<string, Map<string, ReportValue>>();
  const labels: string[] = [];
  for (const row of rows) {
    const period = String(row.period);
    if (!periods.includes(period)) periods.push(period);
    const key = lineKey(row, others);
    let line = lines.get(key);
    if (!line) {
      line = new Map();
      lines.set(key, line);
      labels.push(
        others.length === 0
          ? words[lang].total
          : others
              .map((d) => dimensionLabel(d, dimensionValueOf(row, d), lang, undefined, isMargin(row, d)))
              .join(' · '),
      );
    }
    line.set(period, row);
  }
  // Periods in order, the whole range last as the "Total" column.
  const ordered = [...periods.filter((p) => p !== rangeText), ...(periods.includes(rangeText) ? [rangeText] : [])];
  const labelWidth = Math.min(28, Math.max(8, ...labels.map((l) => l.length)));
  const cells = [...lines.values()].map((line) =>
    ordered.map((p) => {
      const row = line.get(p);
      return row ? displayValue(row, indicator.format, lang, options.minCount) : '';
    }),
  );
  const columnWidth = Math.max(
    6,
    ...cells.flat().map((c) => c.length),
    ...ordered.map((p) => dimensionLabel('period', p, lang, report.range).length),
  );
  const perTable = Math.max(1, Math.floor((options.width - labelWidth - 4) / (columnWidth + 3)));
  const out: string[] = [header];
  for (let start = 0; start < ordered.length; start += perTable) {
    const slice = ordered.slice(start, start + perTable);
    const table = new Table({
      head: ['', ...slice.map((p) => dimensionLabel('period', p, lang, report.range))],
      colWidths: [labelWidth + 2, ...slice.map(() => columnWidth + 2)],
      colAligns: ['left', ...slice.map(() => 'right' as const)],
      wordWrap: false,
      style: { compact: true, head: color ? ['bold'] : [], border: color ? ['grey'] : [] },
    });
    labels.forEach((label, i) => {
      table.push([truncate(label, labelWidth), ...cells[i]!.slice(start, start + perTable)]);
    });
    out.push(table.toString());
  }
  return `${out.join('\n')}\n`;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

export function renderTable(report: Report, options: TableOptions = {}): string {
  const settings: Required<TableOptions> = {
    width: options.width ?? 80,
    color: options.color ?? false,
    minCount: options.minCount ?? report.privacy?.min_count ?? 0,
  };
  const lang = report.lang;
  const w = words[lang];
  const byIndicator = new Map<string, ReportValue[]>();
  for (const row of report.values) {
    const list = byIndicator.get(row.indicator) ?? [];
    list.push(row);
    byIndicator.set(row.indicator, list);
  }
  const blocks = [
    `${bold(report.workspace, settings.color)} — ${report.range.from} → ${report.range.to}${report.reporting_entity ? ` — ${report.reporting_entity}` : ''}\n`,
  ];
  for (const indicator of report.indicators)
    blocks.push(indicatorBlock(report, indicator, byIndicator.get(indicator.id) ?? [], settings));
  if (report.indicators.length === 0) {
    blocks.push(
      lang === 'fr'
        ? 'Aucun indicateur n’a ses données : déclarez des jeux de données dans impact.yaml (voir `impact indicators`).\n'
        : 'No indicator has its data: configure datasets in impact.yaml (see `impact indicators`).\n',
    );
  }
  if (report.targets.length > 0) {
    const table = new Table({
      head: [w.targets, w.target, w.actual, ''],
      style: { compact: true, head: settings.color ? ['bold'] : [], border: settings.color ? ['grey'] : [] },
      colAligns: ['left', 'right', 'right', 'left'],
    });
    const formats = new Map(report.indicators.map((i) => [i.id, i.format]));
    for (const t of report.targets) {
      const format = formats.get(t.indicator) ?? 'decimal';
      const where = [t.territory, dimensionLabel('period', t.period, lang, report.range)].filter(Boolean).join(' ');
      const mark = t.status === 'met' ? '✔' : t.status === 'missed' ? '✖' : '?';
      table.push([
        `${t.indicator} ${where}`,
        `${t.op} ${formatNumber(t.value, format, lang)}`,
        t.actual === null ? '–' : formatNumber(t.actual, format, lang),
        `${mark} ${w[t.status]}`,
      ]);
    }
    blocks.push(`${table.toString()}\n`);
  }
  const q = report.quality;
  blocks.push(
    `${w.quality}${w.colon}${formatNumber(q.rows, 'count', lang)} ${q.rows === 1 ? w.row : w.rows}, ${formatNumber(q.rejected, 'count', lang)} ${w.rejected}, ${formatNumber(q.warnings, 'count', lang)} ${q.warnings === 1 ? w.warning : w.warnings}\n`,
  );
  return blocks.join('\n');
}
