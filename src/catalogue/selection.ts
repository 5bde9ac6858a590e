// Typos in what a workspace selects: `indicators:` / `--indicators` globs that match no indicator,
// targets on an unknown indicator or territory, `plugins:` globs that match no file. Each is a
// problem with a "did you mean", so a CI gate never passes on a selection that selects nothing.
import { didYouMean } from '../config/text.js';
import type { Target } from '../config/types.js';
import { parseTerritory } from '../data/territory.js';
import type { Lang } from '../problems.js';
import type { Catalogue } from './index.js';

export type SelectionProblemCode =
  | 'unknown-indicator-glob'
  | 'unknown-target-indicator'
  | 'unknown-target-territory'
  | 'unmatched-plugin-glob';

export interface SelectionProblem {
  code: SelectionProblemCode;
  /** Where the selection was written: `impact.yaml:12`, `--indicators`, `plugins`. */
  where: string;
  en: string;
  fr: string;
}

export function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** The id or `namespace.*` glob nearest to a glob that matches nothing. */
function nearestSelection(glob: string, ids: readonly string[]): string | undefined {
  const namespaces = [...new Set(ids.map((id) => `${id.slice(0, id.indexOf('.'))}.*`))];
  const candidates = glob.includes('*') || glob.includes('?') ? [...namespaces, ...ids] : [...ids, ...namespaces];
  return didYouMean(glob, candidates);
}

const hinted = (hint: string | undefined, en: boolean): string =>
  hint ? (en ? `, did you mean "${hint}"?` : `, vouliez-vous dire « ${hint} »\u00a0?`) : '';

export interface SelectionInput {
  catalogue: Catalogue;
  /** The globs selecting indicators, and where they were written (`indicators` or `--indicators`). */
  globs: string[];
  globsWhere: string;
  targets: readonly Target[];
  /** The config file as the user names it, for `impact.yaml:LINE`. */
  configFile: string;
}

export function selectionProblems(input: SelectionInput): SelectionProblem[] {
  const { catalogue } = input;
  const ids = [
    ...catalogue.indicators.map((i) => i.id),
    ...catalogue.failures.flatMap((f) => (f.id ? [f.id] : [])),
  ].sort();
  const problems: SelectionProblem[] = [];
  for (const glob of input.globs) {
    const pattern = globToRegExp(glob);
    if (ids.some((id) => pattern.test(id))) continue;
    const hint = nearestSelection(glob, ids);
    problems.push({
      code: 'unknown-indicator-glob',
      where: input.globsWhere,
      en: `"${glob}" matches no indicator${hinted(hint, true)}`,
      fr: `« ${glob} » ne désigne aucun indicateur${hinted(hint, false)}`,
    });
  }
  for (const target of input.targets) {
    const where = `${input.configFile}:${target.line}`;
    if (!ids.includes(target.indicator)) {
      const hint = didYouMean(target.indicator, ids);
      problems.push({
        code: 'unknown-target-indicator',
        where,
        en: `target on unknown indicator "${target.indicator}"${hinted(hint, true)}`,
        fr: `objectif sur un indicateur inconnu « ${target.indicator} »${hinted(hint, false)}`,
      });
    }
    if (target.territory !== undefined) {
      const parsed = parseTerritory(target.territory);
      if (!parsed.ok) {
        problems.push({
          code: 'unknown-target-territory',
          where,
          en: `target territory "${target.territory}": ${parsed.reason_en}${parsed.hint_en ? ` (${parsed.hint_en})` : ''}`,
          fr: `territoire de l'objectif « ${target.territory} »\u00a0: ${parsed.reason_fr}${parsed.hint_fr ? ` (${parsed.hint_fr})` : ''}`,
        });
      }
    }
  }
  for (const unmatched of catalogue.unmatchedPluginGlobs) {
    problems.push({
      code: 'unmatched-plugin-glob',
      where: 'plugins',
      en: `"${unmatched.glob}" matches no file${hinted(unmatched.hint, true)}`,
      fr: `« ${unmatched.glob} » ne correspond à aucun fichier${hinted(unmatched.hint, false)}`,
    });
  }
  return problems;
}

/** `impact.yaml:31  target on unknown indicator "finance.invsted", did you mean "finance.invested"?` */
export const formatSelectionProblem = (p: SelectionProblem, lang: Lang): string => `${p.where}  ${p[lang]}`;
