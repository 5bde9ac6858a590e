// `impact pseudonymise FILE --key-file K --columns …`: the command around src/pseudonymise.ts. The key
// and the identifying values never reach the terminal: problems name the row and column, not the value.
import { mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { DATE_FORMATS, type DateFormat } from '../data/values.js';
import { t } from '../messages.js';
import type { Lang } from '../problems.js';
import { HeaderError, KeyError, pseudonymiseFile, readKey, type UnpseudonymisedRow } from '../pseudonymise.js';
import { EXIT, type Terminal, UsageError } from './io.js';

export interface PseudonymiseCliOptions {
  keyFile: string;
  columns: string;
  dateColumns?: string;
  dateFormat?: string;
  output?: string;
  idColumn?: string;
  lang: Lang;
}

const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const sameFile = (a: string, b: string): boolean => {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
};

function reasonText(row: UnpseudonymisedRow, lang: Lang, format: DateFormat): string {
  if (row.reason === 'missing') return t(lang, 'pseudonymMissing');
  return `${t(lang, 'pseudonymNotDate')} ${format}`;
}

export async function runPseudonymise(file: string, options: PseudonymiseCliOptions, term: Terminal): Promise<number> {
  const { lang } = options;
  const columns = list(options.columns);
  if (columns.length === 0) throw new UsageError((lang) => t(lang, 'usage.columns'));
  const dateFormat = (options.dateFormat ?? 'yyyy-mm-dd') as DateFormat;
  if (!DATE_FORMATS.includes(dateFormat)) {
    const value = options.dateFormat;
    throw new UsageError((lang) => t(lang, 'usage.dateFormat', { list: DATE_FORMATS.join(', '), value }));
  }
  const output = options.output;
  const toStdout = output === undefined || output === '-';
  // Never overwrite the input: the names it holds would be lost with no way back.
  if (!toStdout && sameFile(output, file)) throw new UsageError((lang) => t(lang, 'usage.inputAsOutput', { output }));
  let key: Buffer;
  try {
    key = readKey(options.keyFile);
  } catch (error) {
    if (error instanceof KeyError) {
      const { words } = error;
      throw new UsageError((lang) => `${words(lang)} (${t(lang, 'pseudonymKeyHint')})`);
    }
    throw error;
  }
  let result: Awaited<ReturnType<typeof pseudonymiseFile>>;
  try {
    result = await pseudonymiseFile(file, key, {
      columns,
      dateColumns: list(options.dateColumns),
      dateFormat,
      idColumn: options.idColumn ?? 'beneficiary_id',
    });
  } catch (error) {
    if (error instanceof HeaderError) {
      const { words } = error;
      throw new UsageError((lang) => `${file}${t(lang, 'punct.colon')}${words(lang)}`);
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError((lang) => t(lang, 'usage.noSuchFile', { file }));
    throw error;
  }
  if (toStdout) process.stdout.write(result.bytes);
  else {
    mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    // Atomic: a partner's upload never picks up a half-written file.
    await writeFileAtomic(output, result.bytes);
  }
  for (const row of result.skipped) {
    term.err(term.ce.red(`${file}:${row.line}  ${row.column}  ${reasonText(row, lang, dateFormat)}`));
  }
  if (!term.quiet) {
    const where = toStdout ? '' : ` -> ${output}`;
    const mark = result.skipped.length > 0 ? term.ce.yellow('!') : term.ce.green('✔');
    term.err(`${mark} ${result.written}/${result.rows} ${t(lang, 'pseudonymRows')}${where}`);
  }
  return result.skipped.length > 0 ? EXIT.invalid : EXIT.ok;
}
