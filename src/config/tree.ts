// YAML text -> plain value plus the line:col of every key and value, typed by where a scalar sits.
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, Scalar } from 'yaml';
import type { ConfigIssue } from './types.js';

export type PathPart = string | number;
export interface Pos {
  line: number;
  col: number;
}
export interface Loc {
  key?: Pos;
  value: Pos;
}
export interface Tree {
  value: unknown;
  locs: Map<string, Loc>;
  issues: ConfigIssue[];
  empty: boolean;
}

export const pathKey = (path: readonly PathPart[]): string => JSON.stringify(path);
export const pathText = (path: readonly PathPart[]): string => path.join('.');

export type Kind = 'string' | 'number' | 'boolean' | 'auto';
const MAX_ALIASES = 100;
const KNOWN_PARAMS = ['youth_age', 'mobility_levels', 'precarity_threshold'];

/** Codes like `01` or `2024` must stay text, so only the few numeric/boolean slots are typed the YAML core way. */
function kindAt(p: readonly PathPart[]): Kind {
  const [a, b] = p;
  if (p.length === 1 && a === 'version') return 'number';
  if (p.length === 2 && a === 'privacy' && b === 'min_count') return 'number';
  if (p.length === 3 && a === 'targets' && p[2] === 'value') return 'number';
  if (p.length === 3 && a === 'params' && b === 'youth_age') return 'number';
  if (p.length === 3 && a === 'datasets' && p[2] === 'store') return 'boolean';
  if (a === 'params' && typeof b === 'string' && !KNOWN_PARAMS.includes(b)) return 'auto';
  return 'string';
}

const NULL = /^(~|null|Null|NULL|)$/;
const BOOL = /^(true|True|TRUE|false|False|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const LEADING_ZERO = /^[-+]?0[0-9]/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

function typeScalar(node: Scalar, kind: Kind): unknown {
  const text = String(node.value ?? '');
  if (node.type !== Scalar.PLAIN) return text;
  if (NULL.test(text)) return null;
  const wantsNumber = kind === 'number' || kind === 'auto';
  const wantsBool = kind === 'boolean' || kind === 'auto';
  if (wantsBool && BOOL.test(text)) return text.toLowerCase() === 'true';
  // A leading zero marks a code (`01`), which the core schema would silently turn into 1.
  if (kind === 'auto' && LEADING_ZERO.test(text)) return text;
  if (wantsNumber && (INT.test(text) || FLOAT.test(text))) return Number(text);
  return text;
}

/** `kinds` says how a scalar at a path is typed; impact.yaml's own slots by default (indicator files pass theirs). */
export function readTree(text: string, kinds: (path: readonly PathPart[]) => Kind = kindAt): Tree {
  const lc = new LineCounter();
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const doc = parseDocument(src, {
    schema: 'failsafe',
    keepSourceTokens: true,
    lineCounter: lc,
    uniqueKeys: false,
    prettyErrors: false,
  });
  const pos = (offset: number): Pos => lc.linePos(offset);
  const locs = new Map<string, Loc>();
  const issues: ConfigIssue[] = [];

  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const message = e.message.split('\n')[0] ?? e.message;
      issues.push({ ...pos(e.pos[0]), path: '', message: `YAML syntax error: ${message}` });
    }
    return { value: undefined, locs, issues, empty: false };
  }

  let aliases = 0;
  const convert = (node: Node | null | undefined, path: PathPart[], depth: number): unknown => {
    const at = node?.range ? pos(node.range[0]) : undefined;
    if (depth > 64) {
      issues.push({ ...(at ?? { line: 1, col: 1 }), path: pathText(path), message: 'nested too deeply' });
      return null;
    }
    if (isAlias(node)) {
      // Expanding aliases ourselves bypasses yaml's maxAliasCount, so cap them against alias bombs.
      if (++aliases > MAX_ALIASES) {
        if (aliases === MAX_ALIASES + 1)
          issues.push({ ...(at ?? { line: 1, col: 1 }), path: pathText(path), message: 'too many aliases' });
        return null;
      }
      return convert(node.resolve(doc), path, depth + 1);
    }
    if (isScalar(node)) return typeScalar(node, kinds(path));
    if (isSeq(node)) {
      return node.items.map((item, i) => {
        const child = [...path, i];
        const n = item as Node | null;
        if (n?.range) locs.set(pathKey(child), { value: pos(n.range[0]) });
        return convert(n, child, depth + 1);
      });
    }
    if (isMap(node)) {
      // A null prototype keeps a `__proto__` key an ordinary key.
      const out: Record<string, unknown> = Object.create(null);
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const keyPos = keyNode?.range ? pos(keyNode.range[0]) : (at ?? { line: 1, col: 1 });
        if (!isScalar(keyNode)) {
          issues.push({
            ...keyPos,
            path: pathText(path),
            message: 'a key must be a plain word',
            expected: 'key: value',
          });
          continue;
        }
        const key = String(keyNode.value ?? '');
        const child = [...path, key];
        const first = seen.get(key);
        if (first !== undefined) {
          const message = `duplicate key \`${key}\`, first given on line ${first}`;
          issues.push({ ...keyPos, path: pathText(child), message, expected: 'each key once' });
          continue;
        }
        seen.set(key, keyPos.line);
        const valueNode = pair.value as Node | null;
        const isBlank =
          !valueNode || (isScalar(valueNode) && valueNode.type === Scalar.PLAIN && valueNode.value === '');
        const valuePos = !isBlank && valueNode?.range ? pos(valueNode.range[0]) : keyPos;
        locs.set(pathKey(child), { key: keyPos, value: valuePos });
        out[key] = convert(valueNode, child, depth + 1);
      }
      return out;
    }
    return null;
  };

  const root = doc.contents as Node | null;
  locs.set(pathKey([]), { value: root?.range ? pos(root.range[0]) : { line: 1, col: 1 } });
  return { value: convert(root, [], 0), locs, issues, empty: root === null };
}
