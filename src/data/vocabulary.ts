// Partners' own words for canonical values (`values: { gender: { Femme: f } }`): matched ignoring case and
// accents, checked at config time against what the column allows, so a typo in impact.yaml is found before
// any row is read. Anything the vocabulary does not name stays strict.
import { type DatasetName, SCHEMAS } from './datasets.js';
import { headerKey } from './headers.js';

/** Per canonical column: the folded source word → the canonical value. */
export type Vocabulary = ReadonlyMap<string, ReadonlyMap<string, string>>;

export type ValuesConfig = Record<string, Record<string, string>>;

export const foldValue = (raw: string): string => headerKey(raw);

/** The vocabulary of a dataset, with a file's own words over the dataset's. */
export function buildVocabulary(...layers: (ValuesConfig | undefined)[]): Vocabulary {
  const vocabulary = new Map<string, Map<string, string>>();
  for (const layer of layers) {
    for (const [column, words] of Object.entries(layer ?? {})) {
      let map = vocabulary.get(column);
      if (!map) {
        map = new Map();
        vocabulary.set(column, map);
      }
      for (const [source, canonical] of Object.entries(words)) map.set(foldValue(source), canonical);
    }
  }
  return vocabulary;
}

/** The canonical value a source word stands for, if the vocabulary names it. */
export function translate(vocabulary: Vocabulary | undefined, column: string, raw: string): string | undefined {
  return vocabulary?.get(column)?.get(foldValue(raw));
}

export interface VocabularyIssue {
  /** Below the `values:` key: [column] or [column, source word]. */
  path: string[];
  message: string;
  expected: string;
}

/** What is wrong with a `values:` map of one dataset: unknown columns, columns without a closed list, values outside it. */
export function vocabularyIssues(
  dataset: DatasetName,
  values: ValuesConfig,
  levels: readonly string[],
): VocabularyIssue[] {
  const issues: VocabularyIssue[] = [];
  const schema = SCHEMAS[dataset];
  const closed = schema.columns.filter((c) => c.kind.type === 'enum' || c.kind.type === 'level').map((c) => c.name);
  for (const [column, words] of Object.entries(values)) {
    const spec = schema.columns.find((c) => c.name === column);
    if (!spec || (spec.kind.type !== 'enum' && spec.kind.type !== 'level')) {
      issues.push({
        path: [column],
        message: spec
          ? `${column} takes any value of its type: values: applies to columns with a closed list`
          : `${dataset} has no column ${column}`,
        expected: closed.length > 0 ? `one of ${closed.join(', ')}` : 'no values: for this dataset',
      });
      continue;
    }
    const allowed = spec.kind.type === 'enum' ? spec.kind.values : levels;
    const seen = new Map<string, string>();
    for (const [source, canonical] of Object.entries(words)) {
      if (!allowed.includes(canonical)) {
        issues.push({
          path: [column, source],
          message: `"${canonical}" is not a value of ${column}`,
          expected: `one of ${allowed.join(', ')}`,
        });
      }
      const folded = foldValue(source);
      const earlier = seen.get(folded);
      if (earlier !== undefined && words[earlier] !== canonical) {
        issues.push({
          path: [column, source],
          message: `"${source}" and "${earlier}" are the same word (case and accents aside) with two meanings`,
          expected: 'each word once',
        });
      }
      seen.set(folded, source);
    }
  }
  return issues;
}
