// `impact import DATASET FILE...`: validate and upsert rows into the workspace store, one batch per file.
import path from 'node:path';
import type { Config } from '../config/index.js';
import type { ProblemSink } from '../data/load.js';
import { type MessageId, plural, t } from '../messages.js';
import { describeProblem, formatProblem, type Lang, type Problem } from '../problems.js';
import { type FileImport, IMPORT_ORDERS, importFiles, type Refusal } from '../store/import.js';
import { EXIT, formatCount, type Terminal, UsageError } from './io.js';
import { ProgressReporter } from './progress.js';
import { datasetArgument } from './store.js';

export interface ImportCliOptions {
  dryRun?: boolean;
  json?: boolean;
  order?: string;
  allowBlankUpdates?: boolean;
}

const EXAMPLES_PER_FILE = 10;

/** Counts every problem of each imported file and keeps the first few to show. */
class FileProblems implements ProblemSink {
  readonly byFile = new Map<string, { count: number; examples: Problem[] }>();
  add(problem: Problem): void {
    const file = problem.file ?? '';
    let entry = this.byFile.get(file);
    if (!entry) {
      entry = { count: 0, examples: [] };
      this.byFile.set(file, entry);
    }
    entry.count++;
    if (entry.examples.length < EXAMPLES_PER_FILE) entry.examples.push(problem);
  }
}

function refusalText(refusal: Refusal, lang: Lang): string {
  if (refusal.kind === 'problem') return describeProblem(refusal.problem, lang);
  return t(lang, refusal.kind === 'changed-while-read' ? 'changedWhileRead' : 'everyRowRejected');
}

export async function runImport(
  config: Config,
  datasetName: string,
  files: string[],
  options: ImportCliOptions,
  term: Terminal,
): Promise<number> {
  const dataset = datasetArgument(datasetName);
  const spec = config.datasets[dataset];
  if (!spec?.store) {
    // Rows imported into a dataset that does not read the store would never be used.
    throw new UsageError(
      spec
        ? `datasets.${dataset} has no "store: true" in impact.yaml: imported rows would never be read`
        : `datasets.${dataset} is not in impact.yaml: add it with "store: true" to import into it`,
    );
  }
  const lang = config.locale;
  const problems = new FileProblems();
  const progress = new ProgressReporter(term, t(lang, 'importing'), lang);
  const summary = await importFiles({
    config,
    dataset,
    files: files.map((f) => path.resolve(f)),
    dryRun: options.dryRun === true,
    order: IMPORT_ORDERS.find((o) => o === options.order) ?? 'date',
    allowBlankUpdates: options.allowBlankUpdates === true,
    sink: problems,
    onProgress: (file, rows, total) => progress.update(file, rows, total),
    onWait: () => {
      progress.stop();
      if (!term.quiet) term.err(term.ce.yellow(t(lang, 'waitingForStore')));
    },
    onReferenceProblems: (collector) => {
      if (term.quiet) return;
      term.err(term.ce.yellow(t(lang, 'referencesRejected')));
      for (const entry of collector.byCode.values()) {
        for (const p of entry.examples.slice(0, 3)) term.err(`  ${formatProblem(p, lang)}`);
      }
    },
  });
  progress.stop();

  const exitCode = summary.files.some((f) => f.status === 'refused')
    ? EXIT.usage
    : summary.files.some((f) => f.rejected > 0)
      ? EXIT.invalid
      : EXIT.ok;

  if (options.json) {
    const json = {
      dataset,
      files: summary.files.map(({ refusal, ...file }) => ({
        ...file,
        ...(refusal ? { reason: refusalText(refusal, lang) } : {}),
      })),
    };
    term.out(JSON.stringify(json, null, 2));
    return exitCode;
  }

  const { c } = term;
  for (const file of summary.files) {
    term.out(`${c.bold(`${dataset} ← ${file.file}`)}${t(lang, 'punct.colon')}${statusText(file, lang, term)}`);
    if (file.status === 'imported' || file.status === 'dry-run' || (file.status === 'refused' && file.read > 0)) {
      // "1 mise à jour", "2 mises à jour": each count takes its own number's form.
      const n = (value: number, id: MessageId) => `${formatCount(value, lang)} ${plural(lang, id, value)}`;
      const rejected = n(file.rejected, 'rejected');
      term.out(
        `  ${n(file.read, 'read')} = ${n(file.inserted, 'inserted')} + ${n(file.updated, 'updated')} + ${n(file.unchanged, 'unchanged')}${file.held > 0 ? ` + ${c.yellow(n(file.held, 'held'))}` : ''} + ${file.rejected > 0 ? c.red(rejected) : rejected}`,
      );
    }
    const found = problems.byFile.get(file.file);
    if (found) {
      for (const p of found.examples) term.out(`  ${formatProblem(p, lang)}`);
      if (found.count > found.examples.length) {
        term.out(c.dim(`  … ${formatCount(found.count - found.examples.length, lang)} ${t(lang, 'more')}`));
      }
    }
    if (file.rejects) {
      const shown = path.relative(process.cwd(), path.join(config.root, file.rejects)) || file.rejects;
      term.out(`  ${t(lang, 'rejectsIn')} ${shown}`);
    }
  }
  return exitCode;
}

function statusText(file: FileImport, lang: Lang, term: Terminal): string {
  const { c } = term;
  switch (file.status) {
    case 'imported':
      return c.green(`${t(lang, 'importedAs')} ${file.batch}`);
    case 'unchanged-file':
      return file.batch === null ? t(lang, 'alreadyInRun') : `${t(lang, 'alreadyImported')} ${file.batch}`;
    case 'dry-run':
      return c.yellow(t(lang, 'wouldImport'));
    case 'refused':
      return c.red(
        `${t(lang, 'refused')}${t(lang, 'punct.colon')}${file.refusal ? refusalText(file.refusal, lang) : ''}`,
      );
  }
}
