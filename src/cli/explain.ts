// `impact explain INDICATOR --cell territory=dep:93,period=2024`: how one number was made —
// definition, parameters, inputs with hashes, rows used and excluded by reason, attribution
// shares, and the source rows as file:line.
import type { BreakdownItem, Config, DimensionName } from '../config/index.js';
import type { SourceRef } from '../data/datasets.js';
import { parseTerritory } from '../data/territory.js';
import { flowShareDays } from '../engine/attribution.js';
import { COUNTRY, cellId } from '../engine/cells.js';
import type { CompiledSource } from '../engine/compiled.js';
import type { Exclusion, TraceSink } from '../engine/compute.js';
import { periodFromLabel, periodLevelOf, rangeLabel } from '../engine/periods.js';
import { type Lang, plural, t } from '../messages.js';
import { runReport } from '../pipeline.js';
import type { ReportValue } from '../report/model.js';
import { noteText } from '../report/notes.js';
import { formatDate, formatNumber } from '../report/numbers.js';
import { EXIT, type Terminal, UsageError } from './io.js';

const DIMENSIONS: readonly DimensionName[] = [
  'territory',
  'period',
  'organisation',
  'site',
  'programme',
  'gender',
  'qpv',
  'age_band',
];

interface CellSpec {
  breakdown: BreakdownItem[];
  /** Cell key values in breakdown order, the period last. */
  keys: string[];
  /** The cell's identity in the engine (cellId): values, and the range as the period margin. */
  id: string;
  labels: Record<string, string>;
}

function parseCell(text: string | undefined, range: { from: string; to: string }): CellSpec {
  const wanted = new Map<DimensionName, string>();
  for (const part of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, ...rest] = part.split('=');
    const value = rest.join('=').trim();
    if (!DIMENSIONS.includes(name as DimensionName) || value === '') {
      throw new UsageError(`--cell: expected dimension=value items (${DIMENSIONS.join(', ')}), got "${part}"`);
    }
    wanted.set(name as DimensionName, value);
  }
  const breakdown: BreakdownItem[] = [];
  const keys: string[] = [];
  const labels: Record<string, string> = {};
  for (const [dimension, value] of wanted) {
    if (dimension === 'period') continue;
    if (dimension === 'territory') {
      const parsed = parseTerritory(value);
      if (!parsed.ok) throw new UsageError(`--cell territory=${value}: ${parsed.reason_en}`);
      labels.territory = parsed.code;
      if (parsed.level === 'country') continue;
      breakdown.push({ dimension, level: parsed.level });
      keys.push(parsed.code);
    } else {
      breakdown.push({ dimension });
      keys.push(value);
      labels[dimension] = value;
    }
  }
  const period = wanted.get('period') ?? rangeLabel(range);
  const level = periodLevelOf(period);
  if (level === null || (level === 'range' && period !== rangeLabel(range)) || !periodFromLabel(period, range)) {
    throw new UsageError(`--cell period=${period}: expected a year, quarter or month inside the range, or the range`);
  }
  if (level !== 'range') breakdown.push({ dimension: 'period', level });
  keys.push(period);
  labels.period = period;
  if (!labels.territory) labels.territory = COUNTRY;
  const margin = keys.map((_, i) => i === keys.length - 1 && level === 'range');
  return { breakdown, keys, id: cellId(keys, margin), labels };
}

interface UsedRow {
  role: string;
  ref: SourceRef;
  value: number;
  organisation?: string;
}

class CellTrace implements TraceSink {
  readonly rows: UsedRow[] = [];
  readonly passing = new Map<string, number>();
  readonly excludedBy = new Map<string, Map<Exclusion['reason'], number>>();
  private readonly lastRef = new Map<string, SourceRef>();
  constructor(
    private readonly key: string,
    private readonly roleOf: (source: CompiledSource) => string,
  ) {}

  used(source: CompiledSource, cell: string, ref: SourceRef, value: number, organisation: string | undefined): void {
    const role = this.roleOf(source);
    // A row reaches its cell and every margin: count it once.
    if (ref !== this.lastRef.get(role)) this.passing.set(role, (this.passing.get(role) ?? 0) + 1);
    this.lastRef.set(role, ref);
    // Euro indicators add integer cents; show euros.
    const shown = source.indicator.format === 'euros' ? value / 100 : value;
    if (cell === this.key) this.rows.push({ role, ref, value: shown, ...(organisation ? { organisation } : {}) });
  }

  excluded(source: CompiledSource, reason: Exclusion['reason'], _ref: SourceRef): void {
    const role = this.roleOf(source);
    const counts = this.excludedBy.get(role) ?? new Map<Exclusion['reason'], number>();
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
    this.excludedBy.set(role, counts);
  }
}

const refText = (ref: SourceRef, lang: Lang) =>
  `${ref.file}:${ref.line}${ref.batch !== undefined ? ` (${t(lang, 'explain.batch', { batch: ref.batch })})` : ''}`;

const ROLE_IDS = {
  value: 'explain.value',
  numerator: 'explain.numerator',
  denominator: 'explain.denominator',
} as const;
const roleWord = (role: string, lang: Lang): string =>
  t(lang, ROLE_IDS[role as keyof typeof ROLE_IDS] ?? 'explain.value');

export async function runExplain(
  config: Config,
  indicatorId: string,
  options: { cell?: string; json?: boolean; all?: boolean; plugins?: boolean },
  term: Terminal,
  version: string,
): Promise<number> {
  const cell = parseCell(options.cell, config.range);
  let roleOf: (source: CompiledSource) => string = () => 'value';
  const trace = new CellTrace(cell.id, (source) => roleOf(source));
  const run = await runReport(config, {
    version,
    breakdown: cell.breakdown,
    indicators: [indicatorId],
    trace: { indicator: indicatorId, sink: trace },
    writeRejects: false,
    plugins: options.plugins !== false,
  });
  const all = run.catalogue.indicators.flatMap((i) => [i, ...i.parts]);
  const indicator = all.find((i) => i.id === indicatorId && !i.hidden);
  if (!indicator) throw new UsageError(`unknown indicator "${indicatorId}" (see \`impact indicators\`)`);
  roleOf = (source) =>
    source.indicator.id === indicator.numerator
      ? 'numerator'
      : source.indicator.id === indicator.denominator
        ? 'denominator'
        : 'value';
  const lang = run.report.lang;
  const meta = run.report.indicators.find((i) => i.id === indicatorId);
  const names = run.report.dimensions;
  const value = run.report.values.find((v) => v.indicator === indicatorId && names.every((n) => isCellKey(v, n, cell)));
  const datasets = new Set(meta?.datasets ?? []);
  const inputs = run.report.inputs.filter((i) => datasets.has(i.dataset));
  const period = periodFromLabel(cell.labels.period ?? '', run.report.range) ?? {
    start: run.report.range.from,
    end: run.report.range.to,
  };
  const periodEnd = period.end;
  const organisations = [...new Set(trace.rows.flatMap((r) => (r.organisation ? [r.organisation] : [])))].sort();
  // The shares that made `attributable` (when the value has one): a stock's at the cell's end, a
  // flow's at the end of each year of the cell (INDICATORS.md "Attribution over time"); then each
  // organisation's share over time, and the fund shares the cell's rows looked through.
  const attribution = run.evaluation!.attribution;
  const withShares = config.reportingEntity !== undefined && value?.attributable !== undefined;
  const shareDays =
    indicator.kind === 'flow' ? flowShareDays(period.start, periodEnd, run.report.range.to) : [periodEnd];
  const shares = withShares
    ? organisations.flatMap((org) =>
        shareDays.map((date) => ({ organisation: org, date, share: attribution.share(org, date) })),
      )
    : [];
  const timeline = withShares
    ? Object.fromEntries(organisations.map((org) => [org, attribution.timeline(org, periodEnd)]))
    : {};
  const fundShares = [...attribution.used.values()]
    .filter((u) => attribution.isFund(u.organisation) && u.date >= period.start && u.date <= period.end)
    .sort((a, b) => (a.organisation + a.date < b.organisation + b.date ? -1 : 1));
  const roles = [
    ...new Set(['value', 'numerator', 'denominator'].filter((r) => trace.passing.has(r) || trace.excludedBy.has(r))),
  ];
  const rowsByRole = Object.fromEntries(
    roles.map((role) => {
      const used = trace.rows.filter((r) => r.role === role);
      return [
        role,
        {
          used_in_cell: used.length,
          used_in_other_cells: (trace.passing.get(role) ?? 0) - used.length,
          excluded: Object.fromEntries(
            [...(trace.excludedBy.get(role) ?? new Map<Exclusion['reason'], number>())].sort(),
          ),
        },
      ];
    }),
  );
  const limit = options.all ? Number.POSITIVE_INFINITY : 20;
  const explanation = {
    indicator: {
      id: indicatorId,
      title: meta?.title,
      description: meta?.description,
      kind: indicator.kind,
      unit: meta?.unit,
      version: indicator.version,
      origin: indicator.origin,
      datasets: meta?.datasets,
      frameworks: indicator.frameworks,
      ...(indicator.kind === 'ratio'
        ? { numerator: indicator.numerator, denominator: indicator.denominator, scale: indicator.scale }
        : {}),
    },
    cell: cell.labels,
    value: value ?? null,
    parameters: config.params,
    reporting_entity: config.reportingEntity ?? null,
    inputs,
    rejected_rows: inputs.reduce((n, i) => n + i.rejected, 0),
    // A suppressed cell's rows would give its hidden count away: none are listed (privacy.min_count).
    ...(value?.suppressed
      ? { rows: null, attribution: null, source_rows: [], source_rows_total: null, suppressed: true }
      : {
          rows: rowsByRole,
          attribution: { shares, timeline, funds: fundShares },
          source_rows: trace.rows.slice(0, limit).map((r) => ({ role: r.role, ...r.ref, value: r.value })),
          source_rows_total: trace.rows.length,
        }),
  };
  if (options.json) {
    term.out(JSON.stringify(explanation, null, 2));
    return EXIT.ok;
  }
  const { c } = term;
  const format = meta?.format ?? 'decimal';
  const colon = t(lang, 'punct.colon');
  const count = (n: number) => formatNumber(n, 'count', lang);
  const amount = (n: number | null | undefined) => (typeof n === 'number' ? formatNumber(n, format, lang) : '–');
  const kind = t(lang, `kind.${indicator.kind}`);
  term.out(c.bold(`${indicatorId} — ${meta?.title ?? ''}`));
  term.out(`  ${meta?.description ?? ''}`);
  term.out(
    c.dim(
      `  ${t(lang, 'explain.kindLine', { kind, unit: meta?.unit ?? '', version: indicator.version, origin: indicator.origin === 'built-in' ? t(lang, 'indicators.builtin') : indicator.origin })}`,
    ),
  );
  if (indicator.kind === 'ratio')
    term.out(
      `  = ${indicator.scale !== 1 ? `${indicator.scale} × ` : ''}${indicator.numerator} ÷ ${indicator.denominator}`,
    );
  const where = Object.entries(cell.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const suppressed = value?.suppressed === true;
  const shown = value
    ? value.error
      ? `${t(lang, 'report.error')}${colon}${value.error}`
      : suppressed
        ? t(lang, 'explain.suppressed', { min: config.privacy.minCount })
        : value.value === null
          ? `– ${value.note ? noteText(value.note, lang) : ''}`
          : formatNumber(value.value, format, lang)
    : t(lang, 'explain.noCell');
  term.out(`\n${c.bold(t(lang, 'explain.cell'))}${colon}${where} → ${shown}`);
  if (value && !suppressed && typeof value.numerator === 'number')
    term.out(
      `  ${t(lang, 'explain.parts', { numerator: formatNumber(value.numerator, 'decimal', lang), denominator: formatNumber(value.denominator ?? 0, 'decimal', lang) })}`,
    );
  if (value?.attributable !== undefined && !suppressed)
    term.out(
      `  ${t(lang, 'explain.attributable', { entity: config.reportingEntity, value: amount(value.attributable) })}`,
    );
  term.out(`\n${c.bold(t(lang, 'explain.parameters'))}${colon}${JSON.stringify(config.params)}`);
  term.out(`\n${c.bold(t(lang, 'explain.inputs'))}${colon.trimEnd()}`);
  for (const input of inputs) {
    term.out(
      `  ${t(lang, 'explain.inputLine', { dataset: input.dataset.padEnd(14), file: input.file, sha: input.sha256.slice(0, 16), rows: plural(lang, 'report.rowCount', input.rows), rejected: count(input.rejected) })}`,
    );
  }
  if (suppressed) {
    // A suppressed cell's rows would give its hidden count away (privacy.min_count).
    term.out(
      `\n${c.bold(t(lang, 'explain.rows'))}${colon}${t(lang, 'explain.hiddenRows', { min: config.privacy.minCount })}`,
    );
    return EXIT.ok;
  }
  term.out(`\n${c.bold(t(lang, 'explain.rows'))}${colon.trimEnd()}`);
  for (const [role, r] of Object.entries(rowsByRole)) {
    const label = role === 'value' ? '' : `${roleWord(role, lang)}${colon}`;
    term.out(
      `  ${label}${plural(lang, 'explain.usedInCell', r.used_in_cell, { other: count(r.used_in_other_cells) })}`,
    );
    for (const [reason, n] of Object.entries(r.excluded))
      term.out(
        `    ${t(lang, 'explain.excluded', { n: count(n as number), reason: t(lang, `explain.reason.${reason as Exclusion['reason']}`) })}`,
      );
  }
  if (explanation.rejected_rows > 0) term.out(`  ${plural(lang, 'explain.rejectedInputs', explanation.rejected_rows)}`);
  if (shares.length > 0 || fundShares.length > 0) {
    term.out(`\n${c.bold(t(lang, 'explain.attribution', { entity: config.reportingEntity }))}${colon.trimEnd()}`);
    const shareText = (share: number, date: string) =>
      t(lang, 'explain.shareOn', { share: formatNumber(share, 'share', lang), date: formatDate(date, lang) });
    for (const s of shares) term.out(`  ${s.organisation.padEnd(20)} ${shareText(s.share, s.date)}`);
    for (const [org, changes] of Object.entries(timeline)) {
      term.out(`  ${t(lang, 'explain.overTime', { organisation: org })}${colon.trimEnd()}`);
      for (const change of changes) {
        const why = change.why
          .map(
            (w) =>
              `${w.investment_id} ${w.investor_id} → ${w.investee_id} ${t(lang, w.event === 'invested' ? 'explain.invested' : 'explain.exited')}`,
          )
          .join(', ');
        term.out(`    ${change.date}  ${change.share.toFixed(6)}  ${why}`);
      }
    }
    for (const s of fundShares)
      term.out(c.dim(`  ${t(lang, 'explain.fund')} ${s.organisation.padEnd(15)} ${shareText(s.share, s.date)}`));
  }
  const more = trace.rows.length > limit ? `, ${t(lang, 'explain.firstRows', { limit })}` : '';
  term.out(`\n${c.bold(t(lang, 'explain.sourceRows'))} (${count(trace.rows.length)}${more})${colon.trimEnd()}`);
  for (const r of trace.rows.slice(0, limit)) {
    const shownAmount = r.value !== 1 ? `  ${formatNumber(r.value, 'decimal', lang)}` : '';
    term.out(`  ${refText(r.ref, lang)}${r.role !== 'value' ? `  (${roleWord(r.role, lang)})` : ''}${shownAmount}`);
  }
  return EXIT.ok;
}

/** Whether the report row has the explained cell's key for dimension `name` (its value, or its margin). */
function isCellKey(row: ReportValue, name: string, cell: CellSpec): boolean {
  const margin = row.margin.includes(name);
  if (name === 'period') return cell.labels.period === row.period;
  if (name === 'territory' && cell.labels.territory === COUNTRY) return margin;
  const wanted = cell.labels[name];
  return wanted === undefined ? margin : !margin && row[name] === wanted;
}
