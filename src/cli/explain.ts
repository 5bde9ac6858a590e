// `impact explain INDICATOR --cell territory=dep:93,period=2024`: how one number was made —
// definition, parameters, inputs with hashes, rows used and excluded by reason, attribution
// shares, and the source rows as file:line.
import type { BreakdownItem, Config, DimensionName } from '../config/index.js';
import type { SourceRef } from '../data/datasets.js';
import { parseTerritory } from '../data/territory.js';
import { flowShareDays } from '../engine/attribution.js';
import { auditCell, CellTrace, type Role, type RoleAudit, type RowRole } from '../engine/cell-audit.js';
import { COUNTRY, cellId } from '../engine/cells.js';
import type { Exclusion } from '../engine/compute.js';
import { periodFromLabel, periodLevelOf, rangeLabel } from '../engine/periods.js';
import { type Lang, plural, t } from '../messages.js';
import { runReport } from '../pipeline.js';
import type { ReportValue } from '../report/model.js';
import { noteText } from '../report/notes.js';
import { displayCount, formatDate, formatNumber, formatWeight, pluralCount } from '../report/numbers.js';
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
      throw new UsageError((lang) => t(lang, 'usage.cellItem', { dimensions: DIMENSIONS.join(', '), part }));
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
      if (!parsed.ok) {
        const { reason_en, reason_fr } = parsed;
        throw new UsageError((lang) =>
          t(lang, 'usage.cellTerritory', { value, reason: lang === 'fr' ? reason_fr : reason_en }),
        );
      }
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
    throw new UsageError((lang) => t(lang, 'usage.cellPeriod', { period }));
  }
  if (level !== 'range') breakdown.push({ dimension: 'period', level });
  keys.push(period);
  labels.period = period;
  if (!labels.territory) labels.territory = COUNTRY;
  const margin = keys.map((_, i) => i === keys.length - 1 && level === 'range');
  return { breakdown, keys, id: cellId(keys, margin), labels };
}

const refText = (ref: SourceRef, lang: Lang) =>
  `${ref.file}:${ref.line}${ref.batch !== undefined ? ` (${t(lang, 'explain.batch', { batch: ref.batch })})` : ''}`;

const ROLE_IDS = {
  value: 'explain.value',
  numerator: 'explain.numerator',
  denominator: 'explain.denominator',
  both: 'explain.both',
} as const;
const roleWord = (role: RowRole, lang: Lang): string => t(lang, ROLE_IDS[role]);

export async function runExplain(
  config: Config,
  indicatorId: string,
  options: { cell?: string; json?: boolean; all?: boolean; plugins?: boolean; lang?: Lang },
  term: Terminal,
  version: string,
): Promise<number> {
  const cell = parseCell(options.cell, config.range);
  const trace = new CellTrace(cell.id);
  const run = await runReport(config, {
    version,
    ...(options.lang ? { lang: options.lang } : {}),
    breakdown: cell.breakdown,
    indicators: [indicatorId],
    trace: { indicator: indicatorId, sink: trace },
    writeRejects: false,
    plugins: options.plugins !== false,
  });
  const all = run.catalogue.indicators.flatMap((i) => [i, ...i.parts]);
  const indicator = all.find((i) => i.id === indicatorId && !i.hidden);
  if (!indicator) throw new UsageError((lang) => t(lang, 'usage.unknownIndicator', { id: indicatorId }));
  const audit = auditCell(trace, {
    ...(indicator.numerator ? { numerator: indicator.numerator } : {}),
    ...(indicator.denominator ? { denominator: indicator.denominator } : {}),
  });
  const lang = run.report.lang;
  const meta = run.report.indicators.find((i) => i.id === indicatorId);
  const names = run.report.dimensions;
  const value = run.report.values.find((v) => v.indicator === indicatorId && names.every((n) => isCellKey(v, n, cell)));
  const suppressed = value?.suppressed === true;
  const datasets = new Set(meta?.datasets ?? []);
  const datasetInputs = run.report.inputs.filter((i) => datasets.has(i.dataset));
  // Only the files whose rows fed the cell; a suppressed cell's files would tell its rows apart.
  const cellFiles = new Set(audit.files);
  const inputs = suppressed ? datasetInputs : datasetInputs.filter((i) => cellFiles.has(i.file));
  const period = periodFromLabel(cell.labels.period ?? '', run.report.range) ?? {
    start: run.report.range.from,
    end: run.report.range.to,
  };
  const periodEnd = period.end;
  const organisations = [
    ...new Set(trace.rows.flatMap((r) => (r.detail.organisation ? [r.detail.organisation] : []))),
  ].sort();
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
  const partFormat = (role: RowRole) => {
    const id =
      role === 'numerator' ? indicator.numerator : role === 'denominator' ? indicator.denominator : indicatorId;
    return all.find((i) => i.id === id)?.format ?? 'count';
  };
  // Euro indicators add integer cents; people read euros.
  const inEuros = (role: RowRole) => partFormat(role) === 'euros';
  const shownRows = audit.source_rows.map((r) => {
    // A weighted amount is a float in cents: shown to the cent.
    const scale = (n: number) => (inEuros(r.role) ? Math.round(n) / 100 : n);
    return {
      role: r.role,
      ...r.ref,
      value: scale(r.value),
      ...(r.key !== undefined ? { key: r.key } : {}),
      ...(r.attributed
        ? { attributed: { amount: scale(r.attributed.amount), weight: r.attributed.weight, via: r.attributed.via } }
        : {}),
    };
  });
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
    // Null when a file's count is hidden (privacy.min_count): the sum would give it away.
    rejected_rows: inputs.reduce<number | null>(
      (n, i) => (n === null || i.rejected === null ? null : n + i.rejected),
      0,
    ),
    // A suppressed cell's rows would give its hidden count away: none are listed (privacy.min_count).
    ...(suppressed
      ? {
          rows: null,
          rows_in_both: null,
          attribution: null,
          source_rows: [],
          source_rows_total: null,
          suppressed: true,
        }
      : {
          other_inputs: datasetInputs.length - inputs.length,
          rows: audit.rows,
          ...(audit.in_both !== undefined ? { rows_in_both: audit.in_both } : {}),
          attribution: { shares, timeline, funds: fundShares },
          source_rows: shownRows.slice(0, limit),
          source_rows_total: shownRows.length,
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
      `  ${t(lang, 'explain.inputLine', { dataset: input.dataset.padEnd(14), file: input.file, sha: input.sha256.slice(0, 16), rows: pluralCount(lang, 'report.rowCount', input.rows, config.privacy.minCount), rejected: displayCount(input.rejected, lang, config.privacy.minCount) })}`,
    );
  }
  if (suppressed) {
    // A suppressed cell's rows would give its hidden count away (privacy.min_count).
    term.out(
      `\n${c.bold(t(lang, 'explain.rows'))}${colon}${t(lang, 'explain.hiddenRows', { min: config.privacy.minCount })}`,
    );
    return EXIT.ok;
  }
  const others = datasetInputs.length - inputs.length;
  if (others > 0) term.out(c.dim(`  ${plural(lang, 'explain.otherInputs', others)}`));
  term.out(`\n${c.bold(t(lang, 'explain.rows'))}${colon.trimEnd()}`);
  const unitOf = (role: Role) => {
    const id =
      role === 'numerator' ? indicator.numerator : role === 'denominator' ? indicator.denominator : indicatorId;
    return all.find((i) => i.id === id)?.unit[lang] ?? meta?.unit ?? '';
  };
  for (const [role, r] of Object.entries(audit.rows) as [Role, RoleAudit][]) {
    const label = role === 'value' ? '' : `${roleWord(role, lang)}${colon}`;
    term.out(
      `  ${label}${plural(lang, 'explain.usedInCell', r.used_in_cell, { other: count(r.used_in_other_cells) })}`,
    );
    if (r.distinct !== undefined) {
      const duplicates = (r.duplicates ?? []).slice(0, 5).map((d) =>
        t(lang, 'explain.duplicate', {
          key: d.key,
          lines: `${d.rows[0]!.file}:${d.rows.map((ref) => ref.line).join(', ')}`,
        }),
      );
      const more = (r.duplicates?.length ?? 0) > 5 ? ', …' : '';
      const args = { rows: count(r.used_in_cell), people: count(r.distinct), unit: unitOf(role) };
      term.out(
        `    ${duplicates.length > 0 ? t(lang, 'explain.distinct', { ...args, duplicates: duplicates.join(', ') + more }) : t(lang, 'explain.distinctNone', args)}`,
      );
    }
    const byCondition = Object.entries(r.excluded_by_condition ?? {});
    for (const [reason, n] of Object.entries(r.excluded) as [Exclusion['reason'], number][]) {
      // A filter of named conditions: each row counted under the first condition it fails.
      const named = reason === 'filter' ? byCondition.reduce((sum, [, k]) => sum + k, 0) : 0;
      if (reason === 'filter')
        for (const [condition, k] of byCondition)
          term.out(
            `    ${t(lang, 'explain.excluded', { n: count(k), reason: t(lang, 'explain.reason.filterOn', { condition }) })}`,
          );
      if (n - named > 0)
        term.out(
          `    ${t(lang, 'explain.excluded', { n: count(n - named), reason: t(lang, `explain.reason.${reason}`) })}`,
        );
    }
  }
  if (audit.in_both !== undefined && audit.in_both > 0) term.out(`  ${plural(lang, 'explain.inBoth', audit.in_both)}`);
  if (explanation.rejected_rows !== 0)
    term.out(`  ${pluralCount(lang, 'explain.rejectedInputs', explanation.rejected_rows, config.privacy.minCount)}`);
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
  const total = shownRows.length;
  const more = total > limit ? `, ${t(lang, 'explain.firstRows', { limit })}` : '';
  term.out(`\n${c.bold(t(lang, 'explain.sourceRows'))} (${count(total)}${more})${colon.trimEnd()}`);
  for (const r of shownRows.slice(0, limit)) {
    const rowFormat = partFormat(r.role);
    const number = (n: number) => formatNumber(n, rowFormat, lang);
    const shownAmount = r.attributed
      ? `  ${t(lang, 'explain.viaFund', { amount: number(r.attributed.amount), share: formatWeight(r.attributed.weight, lang), fund: r.attributed.via })} = ${number(r.value)}`
      : r.value !== 1 || rowFormat === 'euros'
        ? `  ${number(r.value)}`
        : '';
    const role = r.role !== 'value' ? `  (${roleWord(r.role, lang)})` : '';
    const key = r.key !== undefined ? `  ${r.key}` : '';
    term.out(`  ${refText(r, lang)}${role}${key}${shownAmount}`);
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
