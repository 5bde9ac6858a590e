// zod issues -> ConfigIssues located at the user's key or value, worded for people rather than for zod.
import type { z } from 'zod';
import {
  datasetObject,
  datasetsObject,
  fileObject,
  metricObject,
  privacyObject,
  rootObject,
  targetObject,
} from './schema.js';
import { didYouMean, listOf } from './text.js';
import { type Loc, type PathPart, type Pos, pathKey, pathText } from './tree.js';
import type { ConfigIssue } from './types.js';

type ZodIssue = z.core.$ZodIssue;

/** The keys a strict map accepts, for "did you mean" and "expected one of". */
function knownKeysAt(path: readonly PathPart[]): string[] {
  const [a] = path;
  if (path.length === 0) return Object.keys(rootObject.shape);
  if (path.length === 1 && a === 'range') return ['from', 'to'];
  if (path.length === 1 && a === 'privacy') return Object.keys(privacyObject.shape);
  if (path.length === 2 && a === 'metrics') return Object.keys(metricObject.shape);
  if (path.length === 1 && a === 'datasets') return Object.keys(datasetsObject.shape);
  if (path.length === 2 && a === 'datasets') return Object.keys(datasetObject.shape);
  if (path.length === 2 && a === 'targets') return Object.keys(targetObject.shape);
  if (path.length === 4 && a === 'datasets' && path[2] === 'files') return Object.keys(fileObject.shape);
  return [];
}

const EXPECTED_TYPE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  tuple: 'a list',
  record: 'a map',
};

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'a list' : 'a map';
}

/** Punctuation such as `,` or `>=` is quoted so a list of choices stays readable. */
const showValue = (v: unknown): string => (typeof v === 'string' && /^[\w-]+$/.test(v) ? v : JSON.stringify(v));

/** What is wrong and what was expected, from the issue's code (custom wording wins where given). */
function wording(issue: ZodIssue, missing: boolean): { message: string; expected?: string } {
  const custom = issue.message !== '' ? issue.message : undefined;
  switch (issue.code) {
    case 'custom': {
      const expected = issue.params?.expected;
      return { message: issue.message, expected: typeof expected === 'string' ? expected : undefined };
    }
    case 'invalid_type': {
      const expected = custom ?? EXPECTED_TYPE[issue.expected] ?? issue.expected;
      return { message: missing ? 'is required' : `got ${describe(issue.input)}`, expected };
    }
    case 'invalid_value': {
      const vals = issue.values.map(showValue);
      const expected = custom ?? (vals.length === 1 ? vals[0] : `one of ${listOf(vals)}`);
      return { message: `got ${describe(issue.input)}`, expected };
    }
    case 'too_small':
    case 'too_big': {
      const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const word = issue.code === 'too_small' ? 'at least' : 'at most';
      if (issue.origin === 'array' || issue.origin === 'set') {
        const n = Array.isArray(issue.input) ? issue.input.length : 0;
        return { message: `has ${n} item${n === 1 ? '' : 's'}`, expected: custom ?? `${word} ${bound} items` };
      }
      if (issue.origin === 'string') return { message: 'is empty', expected: custom ?? 'a non-empty string' };
      return { message: `got ${describe(issue.input)}`, expected: custom ?? `${word} ${bound}` };
    }
    default:
      return { message: custom ?? 'is not valid' };
  }
}

/** The zod path as the user wrote it: a bare dataset path or list has no `files` key of its own. */
function sourcePath(path: readonly PathPart[], locs: Map<string, Loc>): PathPart[] {
  if (path[0] === 'datasets' && path[2] === 'files' && !locs.has(pathKey(path.slice(0, 3)))) {
    return [...path.slice(0, 2), ...path.slice(3)];
  }
  return [...path];
}

/** The nearest located ancestor's value position: a missing key points at the map that lacks it. */
function valuePos(path: readonly PathPart[], locs: Map<string, Loc>): Pos {
  for (let n = path.length; n >= 0; n--) {
    const loc = locs.get(pathKey(path.slice(0, n)));
    if (loc) return loc.value;
  }
  return { line: 1, col: 1 };
}

export function zodToConfigIssues(issues: readonly ZodIssue[], locs: Map<string, Loc>): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = sourcePath(
      issue.path.filter((p): p is PathPart => typeof p !== 'symbol'),
      locs,
    );
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(path);
      for (const key of issue.keys) {
        const child = [...path, key];
        const hint = didYouMean(key, known);
        const pos = locs.get(pathKey(child))?.key ?? valuePos(path, locs);
        const message = `unknown key \`${key}\`${hint ? `, did you mean \`${hint}\`?` : ''}`;
        const expected = hint || known.length === 0 ? undefined : `one of ${listOf(known)}`;
        out.push({ ...pos, path: pathText(child), message, ...(expected ? { expected } : {}) });
      }
      continue;
    }
    const missing = issue.code === 'invalid_type' && issue.input === undefined && !locs.has(pathKey(path));
    const { message, expected } = wording(issue, missing);
    const pos = missing ? valuePos(path.slice(0, -1), locs) : valuePos(path, locs);
    out.push({ ...pos, path: pathText(path), message, ...(expected ? { expected } : {}) });
  }
  return out;
}

export const byPosition = (a: ConfigIssue, b: ConfigIssue): number => a.line - b.line || a.col - b.col;
