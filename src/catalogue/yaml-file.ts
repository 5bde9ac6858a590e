// A `.yaml` indicator file read with the line and column of every key, so each problem in it is
// located like impact.yaml's: `indicators/femmes.yaml:7:12  filter.0.column  unknown column …`.
import type { z } from 'zod';
import { didYouMean, listOf } from '../config/text.js';
import { type Kind, type PathPart, pathKey, readTree, type Tree } from '../config/tree.js';
import type { IndicatorDefinition } from '../define.js';
import type { Lang } from '../problems.js';
import {
  type CheckedSource,
  type CheckOptions,
  checkSource,
  type DefinitionIssue,
  type DefinitionPath,
  operatorHint,
} from './check.js';
import {
  type CheckedParts,
  conditionSchema,
  ratioIndicatorSchema,
  rowIndicatorSchema,
  rowPartSchema,
  type YamlIndicator,
  yamlToDefinition,
} from './yaml-indicator.js';

/** A problem of an indicator file at its line and column. */
export interface LocatedIssue extends DefinitionIssue {
  file: string;
  line: number;
  col: number;
}

/** `indicators/femmes.yaml:7:12  filter.0.column  unknown column "gendr" in beneficiaries, did you mean "gender"?` */
export function formatLocatedIssue(issue: LocatedIssue, lang: Lang): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : issue.file;
  return [where, issue.path.join('.'), issue[lang]].filter((p) => p !== '').join('  ');
}

export type YamlFileEntry =
  | { ok: true; definition: IndicatorDefinition<unknown>; warnings: LocatedIssue[] }
  | { ok: false; id?: string; issues: LocatedIssue[] };

// Only `scale` and `version` may be numbers; every other scalar stays text (a filter value is typed
// by its column's parser, so `01` stays a code and `oui` a boolean).
function indicatorKinds(path: readonly PathPart[]): Kind {
  const last = path[path.length - 1];
  const inFilter = path.includes('filter');
  if (!inFilter && (last === 'scale' || last === 'version')) return 'number';
  return 'string';
}

const KINDS = ['flow', 'stock', 'unique', 'ratio'] as const;
const BILINGUAL_KEYS = ['en', 'fr'];

/** The keys a strict map at `path` accepts, for "did you mean". */
function keysAt(path: DefinitionPath, kind: unknown): string[] {
  const names = path.filter((p): p is string => typeof p === 'string');
  const last = names[names.length - 1];
  if (typeof path[path.length - 1] === 'number' && last === 'filter') return Object.keys(conditionSchema.shape);
  if (last === 'active') return ['from', 'until'];
  if (last === 'title' || last === 'description' || last === 'unit') return BILINGUAL_KEYS;
  if (last === 'numerator' || last === 'denominator') return Object.keys(rowPartSchema.shape);
  if (path.length === 0) return Object.keys((kind === 'ratio' ? ratioIndicatorSchema : rowIndicatorSchema).shape);
  return [];
}

const show = (v: unknown): string =>
  v === undefined || v === null
    ? 'nothing'
    : typeof v === 'object'
      ? Array.isArray(v)
        ? 'a list'
        : 'a map'
      : JSON.stringify(v);
const showFr = (v: unknown): string =>
  v === undefined || v === null
    ? 'rien'
    : typeof v === 'object'
      ? Array.isArray(v)
        ? 'une liste'
        : 'une table'
      : JSON.stringify(v);

const TYPE_WORDS: Record<string, [string, string]> = {
  string: ['a string', 'un texte'],
  number: ['a number', 'un nombre'],
  boolean: ['true or false', 'true ou false'],
  array: ['a list', 'une liste'],
  object: ['a map', 'une table'],
};

const at = (path: DefinitionPath, en: string, fr: string): DefinitionIssue => ({ path, en, fr, severity: 'error' });

/** zod's issues worded for people, with "did you mean" and the allowed values. */
function zodIssues(issues: readonly z.core.$ZodIssue[], prefix: DefinitionPath, item: unknown): DefinitionIssue[] {
  const out: DefinitionIssue[] = [];
  const kind = (item as { kind?: unknown } | null)?.kind;
  for (const issue of issues) {
    const own = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const path = [...prefix, ...own];
    // zod 4 leaves the input out of its issues: read it from the item.
    const input = own.reduce<unknown>((v, key) => (v as Record<string | number, unknown> | null)?.[key], item);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = keysAt(path, kind);
        for (const key of issue.keys) {
          const hint = didYouMean(key, known);
          out.push(
            hint
              ? at(
                  [...path, key],
                  `unknown key "${key}", did you mean "${hint}"?`,
                  `clé inconnue « ${key} », vouliez-vous dire « ${hint} »\u00a0?`,
                )
              : at(
                  [...path, key],
                  `unknown key "${key}" (keys: ${listOf(known)})`,
                  `clé inconnue « ${key} » (clés\u00a0: ${listOf(known)})`,
                ),
          );
        }
        break;
      }
      case 'invalid_value': {
        const values = issue.values.map(String);
        const isOp = own[own.length - 1] === 'op';
        const hint = typeof input === 'string' ? (isOp ? operatorHint(input) : didYouMean(input, values)) : undefined;
        const en = `${show(input)} is not allowed${hint ? `, did you mean "${hint}"?` : ''} (expected one of ${listOf(values)})`;
        const fr = `${showFr(input)} n'est pas permis${hint ? `, vouliez-vous dire « ${hint} »\u00a0?` : ''} (attendu\u00a0: ${listOf(values)})`;
        out.push(at(path, en, fr));
        break;
      }
      case 'invalid_type': {
        const [en, fr] = TYPE_WORDS[issue.expected] ?? [issue.expected, issue.expected];
        out.push(
          input === undefined
            ? at(path, `is required (${en})`, `obligatoire (${fr})`)
            : at(path, `expected ${en}, got ${show(input)}`, `attendu ${fr}, reçu ${showFr(input)}`),
        );
        break;
      }
      case 'too_small':
        out.push(
          issue.origin === 'string'
            ? at(path, 'is empty', 'est vide')
            : at(path, `must be more than ${String(issue.minimum)}`, `doit dépasser ${String(issue.minimum)}`),
        );
        break;
      default:
        out.push(at(path, issue.message, issue.message));
    }
  }
  return out;
}

// Each schema parses a handful of definitions per run: zod's compiled fast path (\`new Function\` per
// object schema on its first parse) costs more than it saves then, as for impact.yaml.
const ONE_PARSE = { jitless: true } as const;

/** A ratio's inline part is checked as a row part of its own, for messages about its fields. */
function ratioPartIssues(item: Record<string, unknown>, prefix: DefinitionPath): DefinitionIssue[] {
  return (['numerator', 'denominator'] as const).flatMap((role) => {
    const part = item[role];
    if (typeof part !== 'object' || part === null) return [];
    const parsed = rowPartSchema.safeParse(part, ONE_PARSE);
    return parsed.success ? [] : zodIssues(parsed.error.issues, [...prefix, role], part);
  });
}

function shapeIssues(item: unknown, prefix: DefinitionPath): DefinitionIssue[] {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return [at(prefix, 'expected a map with id, kind, title, …', 'attendu une table avec id, kind, title, …')];
  }
  const record = item as Record<string, unknown>;
  const kind = record.kind;
  if (!KINDS.includes(kind as (typeof KINDS)[number])) {
    // Without a known kind neither shape applies: say what kind is, then what the row shape finds.
    const parsed = rowIndicatorSchema.safeParse(item, ONE_PARSE);
    const others = parsed.success
      ? []
      : zodIssues(parsed.error.issues, prefix, item).filter((i) => i.path[prefix.length] !== 'kind');
    const hint = typeof kind === 'string' ? didYouMean(kind, KINDS) : undefined;
    const en = `${show(kind)} is not a kind${hint ? `, did you mean "${hint}"?` : ''} (expected one of ${listOf(KINDS)})`;
    const fr = `${showFr(kind)} n'est pas un type${hint ? `, vouliez-vous dire « ${hint} »\u00a0?` : ''} (attendu\u00a0: ${listOf(KINDS)})`;
    return [at([...prefix, 'kind'], en, fr), ...others];
  }
  if (kind === 'ratio') {
    const parsed = ratioIndicatorSchema.safeParse(item, ONE_PARSE);
    if (parsed.success) return [];
    // A union of "an id or a part" only says "invalid input": the part's own issues say more.
    const direct = zodIssues(
      parsed.error.issues.filter((i) => i.code !== 'invalid_union'),
      prefix,
      item,
    );
    const unions = parsed.error.issues.filter((i) => i.code === 'invalid_union');
    const partIssues = ratioPartIssues(record, prefix);
    const unexplained = unions
      .filter((u) => !partIssues.some((p) => p.path[prefix.length] === u.path[0]))
      .map((u) =>
        at(
          [...prefix, ...(u.path as (string | number)[])],
          'expected an indicator id or a definition with kind and dataset',
          "attendu l'id d'un indicateur ou une définition avec kind et dataset",
        ),
      );
    return [...direct, ...partIssues, ...unexplained];
  }
  const parsed = rowIndicatorSchema.safeParse(item, ONE_PARSE);
  return parsed.success ? [] : zodIssues(parsed.error.issues, prefix, item);
}

function locate(file: string, tree: Tree, issue: DefinitionIssue): LocatedIssue {
  for (let n = issue.path.length; n >= 0; n--) {
    const loc = tree.locs.get(pathKey(issue.path.slice(0, n)));
    if (!loc) continue;
    // An unknown key points at the key itself; everything else at the value.
    const pos = n === issue.path.length && loc.key && /^unknown key|^clé/.test(issue.en) ? loc.key : loc.value;
    return { ...issue, file, line: pos.line, col: pos.col };
  }
  return { ...issue, file, line: 1, col: 1 };
}

/** Reads, checks and compiles every indicator of one YAML file (a map, or a list of maps). */
export function readYamlIndicatorFile(file: string, text: string, options: CheckOptions): YamlFileEntry[] {
  const tree = readTree(text, indicatorKinds);
  if (tree.issues.length > 0) {
    return [
      {
        ok: false,
        issues: tree.issues.map((i) => ({
          file,
          line: i.line,
          col: i.col,
          path: i.path ? i.path.split('.') : [],
          en: i.message,
          fr: i.message,
          severity: 'error',
        })),
      },
    ];
  }
  const items = Array.isArray(tree.value)
    ? tree.value.map((v, i) => ({ v, prefix: [i] as DefinitionPath }))
    : [{ v: tree.value, prefix: [] as DefinitionPath }];
  return items.map(({ v, prefix }) => {
    const id = (v as { id?: unknown } | null)?.id;
    const fail = (issues: DefinitionIssue[]): YamlFileEntry => ({
      ok: false,
      ...(typeof id === 'string' ? { id } : {}),
      issues: issues.map((i) => locate(file, tree, i)),
    });
    const shape = shapeIssues(v, prefix);
    if (shape.length > 0) return fail(shape);
    const parsed =
      (v as { kind: string }).kind === 'ratio'
        ? ratioIndicatorSchema.parse(v, ONE_PARSE)
        : rowIndicatorSchema.parse(v, ONE_PARSE);
    const issues: DefinitionIssue[] = [];
    const checked: CheckedParts = {};
    const check = (
      source: Record<string, unknown>,
      path: DefinitionPath,
      format: string | undefined,
    ): CheckedSource => {
      const before = issues.length;
      const result = checkSource(source, path, format, options, issues);
      // The money-format issue is about the part's own format when the part is inline.
      for (const i of issues.slice(before))
        if (i.path.length === 1 && i.path[0] === 'format') i.path = [...path, 'format'];
      return result;
    };
    if (parsed.kind === 'ratio') {
      for (const role of ['numerator', 'denominator'] as const) {
        const part = parsed[role];
        if (typeof part !== 'string') checked[role] = check(part, [...prefix, role], part.format);
      }
    } else {
      checked.main = check(parsed, prefix, parsed.format);
    }
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) return fail(errors);
    const warnings = issues.filter((i) => i.severity === 'warning').map((i) => locate(file, tree, i));
    return { ok: true, definition: yamlToDefinition(parsed as YamlIndicator, checked), warnings };
  });
}
