// The zod shape of impact.yaml; a schema-level `error` is the "expected" wording, custom issues carry their own.
import { z } from 'zod';
import { DATASET_ORDER } from '../data/datasets.js';
import type { TextEncoding } from '../data/dialect.js';
import { headerKey } from '../data/headers.js';
import { vocabularyIssues } from '../data/vocabulary.js';
import { parseBreakdownDetailed, parseBreakdownItem } from './breakdown.js';
import { isIsoDate, listOf, periodProblem } from './text.js';
import { DATE_FORMATS, TARGET_OPS } from './types.js';

/** Adds one custom issue when `problem` finds something wrong with an already well-typed value. */
function checked<T extends z.ZodType>(schema: T, problem: (v: z.output<T>) => string | undefined, expected: string) {
  return schema.superRefine((v, ctx) => {
    const message = problem(v);
    if (message) ctx.addIssue({ code: 'custom', message, params: { expected } });
  });
}

const text = (expected: string) => z.string({ error: expected }).min(1, { error: expected });
/** A list of non-empty strings; a lone string counts as a list of one. */
const textList = (expected: string, min = 0) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z.array(text('a non-empty string'), { error: expected }).min(min, { error: expected }),
  );

const isoDate = checked(
  z.string({ error: 'a date YYYY-MM-DD' }),
  (s) => (isIsoDate(s) ? undefined : `"${s}" is not a calendar date`),
  'a date YYYY-MM-DD',
);

const range = z
  .strictObject({ from: isoDate, to: isoDate }, { error: 'a map { from: YYYY-MM-DD, to: YYYY-MM-DD }' })
  .superRefine((r, ctx) => {
    if (isIsoDate(r.from) && isIsoDate(r.to) && r.from > r.to) {
      const message = `the range ends (${r.to}) before it starts (${r.from})`;
      ctx.addIssue({ code: 'custom', message, path: ['to'], params: { expected: `a date on or after ${r.from}` } });
    }
  });

const breakdown = z
  .preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()) : v),
    z.array(z.string({ error: 'dimension[:level]' }), { error: 'a list of dimension[:level]' }),
  )
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((raw, i) => {
      const r = parseBreakdownItem(raw);
      if ('message' in r) {
        ctx.addIssue({ code: 'custom', message: r.message, path: [i], params: { expected: r.expected } });
      } else if (seen.has(r.dimension)) {
        const message = `${r.dimension} is given twice`;
        ctx.addIssue({ code: 'custom', message, path: [i], params: { expected: 'each dimension once' } });
      } else seen.add(r.dimension);
    });
  })
  .transform((items) => parseBreakdownDetailed(items).items);

const age = z.number({ error: 'a whole number' }).int({ error: 'a whole number' }).min(0, { error: 'an age ≥ 0' });
const params = z
  .looseObject(
    {
      youth_age: checked(
        z.tuple([age, age], { error: 'two ages [from, to]' }),
        ([lo, hi]) => (lo <= hi ? undefined : `the youth age range [${lo}, ${hi}] is reversed`),
        'two ages [from, to] with from ≤ to',
      ).default([16, 25]),
      mobility_levels: checked(
        z.array(text('a level name'), { error: 'a list of levels' }).min(2, { error: 'at least two levels' }),
        (ls) => {
          const dup = ls.find((l, i) => ls.indexOf(l) !== i);
          return dup === undefined ? undefined : `level "${dup}" is listed twice`;
        },
        'distinct levels, worst to best',
      ).default(['severe', 'precarious', 'fragile', 'autonomous']),
      precarity_threshold: text('a level name').default('fragile'),
    },
    { error: 'a map of parameters' },
  )
  .superRefine((p, ctx) => {
    if (!p.mobility_levels.includes(p.precarity_threshold)) {
      const message = `"${p.precarity_threshold}" is not one of mobility_levels`;
      const expected = `one of ${listOf(p.mobility_levels)}`;
      ctx.addIssue({ code: 'custom', message, path: ['precarity_threshold'], params: { expected } });
    }
  });

const ENCODINGS: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  // A UTF-16 file nearly always starts with its BOM, which then decides the byte order.
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

const encoding = z
  .preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(Object.keys(ENCODINGS) as [string, ...string[]], { error: 'utf-8, windows-1252 or utf-16' }),
  )
  .transform((e) => ENCODINGS[e] ?? 'utf-8');

const columns = z
  .record(z.string(), text('a canonical column name'), { error: 'a map { source header: canonical column }' })
  .superRefine((cols, ctx) => {
    const seen = new Set<string>();
    for (const key of Object.keys(cols)) {
      const norm = headerKey(key);
      if (seen.has(norm)) {
        const message = `header "${key}" is mapped twice (headers are compared ignoring case, accents and apostrophes)`;
        ctx.addIssue({ code: 'custom', message, path: [key], params: { expected: 'each header once' } });
      }
      seen.add(norm);
    }
  })
  .transform((cols) => Object.fromEntries(Object.entries(cols).map(([k, v]) => [k.trim().toLowerCase(), v])));

/** `values: { gender: { Femme: f } }`: the partner's words per canonical column (checked against the column in rootObject). */
const values = z.record(
  z.string(),
  z.record(
    z.string(),
    z.preprocess((v) => (typeof v === 'number' ? String(v) : v), text('a canonical value')),
    {
      error: 'a map { source value: canonical value }',
    },
  ),
  { error: 'a map { column: { source value: canonical value } }' },
);

const delimiter = z.enum([',', ';']);
const decimal = z.enum(['.', ',']);
const dateFormat = z.enum(DATE_FORMATS);
const sheet = text('a sheet name');

/** One entry of `files:` with its own format; a bare path is shorthand for `{ path: … }`. */
export const fileObject = z.strictObject(
  {
    path: text('a path or glob'),
    delimiter: delimiter.optional(),
    decimal: decimal.optional(),
    date_format: dateFormat.optional(),
    encoding: encoding.optional(),
    sheet: sheet.optional(),
    columns: columns.optional(),
    values: values.optional(),
  },
  { error: 'a path or glob, or a map { path, delimiter, decimal, date_format, encoding, sheet, columns, values }' },
);

const fileEntry = z.preprocess((v) => (typeof v === 'string' ? { path: v } : v), fileObject);

export const datasetObject = z
  .strictObject(
    {
      // Empty only for a dataset read from the store alone (`store: true`, rows from `impact import`).
      files: z
        .preprocess(
          (v) => (typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v)) ? [v] : v),
          z.array(fileEntry, { error: 'a path or glob, or a list of them' }),
        )
        .default([]),
      store: z.boolean({ error: 'true or false' }).default(false),
      delimiter: delimiter.optional(),
      decimal: decimal.default('.'),
      date_format: dateFormat.default('yyyy-mm-dd'),
      // Detected per file when not given (UTF-8, UTF-8 with a BOM, Windows-1252, UTF-16).
      encoding: encoding.optional(),
      sheet: sheet.optional(),
      columns: columns.default({}),
      values: values.default({}),
    },
    { error: 'a path, a list of paths, or a map with files' },
  )
  .superRefine((d, ctx) => {
    if (d.files.length === 0 && !d.store) {
      const message = 'no files: list at least one, or set store: true to read imported rows only';
      ctx.addIssue({
        code: 'custom',
        message,
        path: ['files'],
        params: { expected: 'a path or glob, or a list of them' },
      });
    }
  });

/** A bare path or list is shorthand for `{ files: … }`. */
const dataset = z.preprocess((v) => (typeof v === 'string' || Array.isArray(v) ? { files: v } : v), datasetObject);

export const datasetsObject = z.strictObject(
  {
    organisations: dataset.optional(),
    investments: dataset.optional(),
    sites: dataset.optional(),
    beneficiaries: dataset.optional(),
    actions: dataset.optional(),
    metrics: dataset.optional(),
  },
  { error: 'a map of dataset name -> files' },
);

export const targetObject = z.strictObject(
  {
    indicator: text('an indicator id'),
    territory: text('a territory code').optional(),
    period: checked(z.string({ error: 'a period' }), periodProblem, 'YYYY, YYYY-QN, YYYY-MM or FROM/TO').optional(),
    op: z.enum(TARGET_OPS),
    value: z.number({ error: 'a number' }),
  },
  { error: 'a map { indicator, op, value }' },
);

export const privacyObject = z.strictObject(
  { min_count: z.number({ error: 'a whole number' }).int().min(0, { error: 'a whole number ≥ 0' }).default(0) },
  { error: 'a map { min_count }' },
);

/** A text people read: one for both languages, or a map { en, fr }. */
const bilingual = (expected: string) =>
  z.union([text(expected), z.strictObject({ en: text(expected), fr: text(expected) })], {
    error: `${expected}, or a map { en, fr }`,
  });

/** How a reported metric (`reported.<metric>`) is titled and its unit written, in every format. */
export const metricObject = z.strictObject(
  { title: bilingual('a title').optional(), unit: bilingual('a unit').optional() },
  { error: 'a map { title, unit }' },
);

export const rootObject = z
  .strictObject(
    {
      version: z.literal(1, { error: '1' }),
      name: text('a non-empty name'),
      reporting_entity: text('an org_id').optional(),
      locale: z.enum(['en', 'fr']).default('en'),
      range,
      breakdown: breakdown.default([]),
      params: params.prefault({}),
      datasets: datasetsObject.prefault({}),
      indicators: textList('a list of indicator id globs').default(['*']),
      plugins: textList('a list of plug-in paths or globs').default([]),
      targets: z.array(targetObject, { error: 'a list of targets' }).default([]),
      privacy: privacyObject.prefault({}),
      metrics: z
        .record(text('a metric name'), metricObject, { error: 'a map of metric name -> { title, unit }' })
        .default({}),
      // Consent to read or write outside the workspace folder (datasets, plug-ins, -o, …): never implied.
      allow_paths: textList('a list of folders or files outside the workspace').default([]),
    },
    { error: 'a map of settings (version, name, range, …)' },
  )
  .superRefine((root, ctx) => {
    // Checked here, where mobility_levels is known: a partner word must stand for a value the column allows.
    for (const name of DATASET_ORDER) {
      const d = root.datasets[name];
      if (!d) continue;
      const layers: { path: (string | number)[]; values: Record<string, Record<string, string>> }[] = [
        { path: ['datasets', name, 'values'], values: d.values },
        ...d.files.flatMap((f, i) =>
          f.values ? [{ path: ['datasets', name, 'files', i, 'values'], values: f.values }] : [],
        ),
      ];
      for (const layer of layers) {
        for (const issue of vocabularyIssues(name, layer.values, root.params.mobility_levels)) {
          ctx.addIssue({
            code: 'custom',
            message: issue.message,
            path: [...layer.path, ...issue.path],
            params: { expected: issue.expected },
          });
        }
      }
    }
  });

export type RawConfig = z.output<typeof rootObject>;
