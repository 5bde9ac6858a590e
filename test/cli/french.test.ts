// `--lang fr` on the example workspace: explain, diff and report (every format for people) say
// nothing in English. Identifiers (indicator ids, files, flags, codes) are not sentences.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { impact, ROOT, tempDir } from '../helpers/cli.js';

const CONFIG = join(ROOT, 'fixtures/example/impact.yaml');

/** Words of English sentences the CLI could print; none is a French word. */
const ENGLISH =
  /(?<!\p{L})(the|of|and|rows?|used|cells?|changed|added|removed|unchanged|inputs|definitions|targets?|met|missed|excluded|warnings?|rejected|values|people|numerator|denominator|parameters|only|other|with|not|from|no|zero|attributable|share|fund|first|batch|error|built-in|by|in|is|are)(?!\p{L})/iu;

/** The text left once identifiers are taken out: ids, paths, flags, key=value, codes, hashes. */
function sentences(text: string): string {
  return text
    .split(/\s+/)
    .filter((token) => !/[._/:=@`\\]|^-|\d|^[A-Z0-9]+$/.test(token.replace(/[(),;…«»]+$|^[(«]/g, '')))
    .join(' ');
}

function englishIn(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => ENGLISH.test(sentences(line)))
    .slice(0, 10);
}

describe('French throughout (--lang fr on the example)', () => {
  let dir = '';
  beforeAll(() => {
    dir = tempDir('impact-fr-');
    const full = impact([
      'report',
      '-c',
      CONFIG,
      '--lang',
      'fr',
      '--full',
      '-f',
      'json,table,md,html',
      '-o',
      `${dir}/`,
      '--allow-outside',
      dir,
    ]);
    expect(full.status).toBe(0);
    const older = impact([
      'report',
      '-c',
      CONFIG,
      '--lang',
      'fr',
      '--to',
      '2024-12-31',
      '-f',
      'json',
      '-o',
      `${dir}/2024.json`,
      '--allow-outside',
      dir,
    ]);
    expect(older.status).toBe(0);
    expect(englishIn(full.stderr + older.stderr)).toEqual([]);
  }, 120_000);

  it('report: the table, the Markdown and the HTML page', () => {
    expect(englishIn(readFileSync(join(dir, 'report.txt'), 'utf8'))).toEqual([]);
    expect(englishIn(readFileSync(join(dir, 'report.md'), 'utf8'))).toEqual([]);
    // The page's text: its stylesheet and map outlines aside, one line per element and per title or
    // label attribute, entities read back.
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const attributes = [...html.matchAll(/(?:title|aria-label)="([^"]*)"/g)].map((m) => m[1]).join('\n');
    const page = `${html}\n${attributes}`
      .replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(/<svg class="map-defs"[\s\S]*?<\/svg>/, '')
      .replace(/<[^>]+>/g, '\n')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    expect(page).toContain('Chiffres clés');
    expect(englishIn(page)).toEqual([]);
  });

  it('diff', () => {
    const run = impact(['diff', join(dir, '2024.json'), join(dir, 'report.json'), '--lang', 'fr']);
    expect(run.status).toBe(0);
    // The reports differ (one stops at 2024): lines of changes, all in French.
    expect(run.stdout.split('\n').length).toBeGreaterThan(10);
    expect(englishIn(run.stdout)).toEqual([]);
  });

  it('explain, for a ratio and for euros', () => {
    for (const args of [
      ['mobility.lift_rate', '--cell', 'territory=dep:93,period=2024'],
      ['finance.invested', '--cell', 'period=2022'],
    ]) {
      const run = impact(['explain', '-c', CONFIG, ...args]);
      expect(run.status, run.stderr).toBe(0);
      expect(englishIn(run.stdout + run.stderr)).toEqual([]);
    }
  }, 60_000);

  it('usage mistakes: worded in the workspace locale, or --lang, exit 2', () => {
    const mistakes = [
      ['report', '--period', '2025-13'],
      ['report', '--from', '2025-02-30'],
      ['report', '--from', '2025-02-01', '--to', '2025-01-01'],
      ['report', '--period', '2025', '--from', '2025-01-01'],
      ['report', '--by', 'territory:canton,programe'],
      ['report', '-f', 'pdf'],
      ['report', '--csv-dialect', 'us'],
      ['explain', 'no.such'],
      ['explain', 'finance.invested', '--cell', 'period=1999'],
      ['explain', 'finance.invested', '--cell', 'territory=ZZ'],
      ['store', 'export', 'personnes'],
      ['validate', '--max-errors', 'many'],
    ];
    for (const args of mistakes) {
      // The example's impact.yaml says `locale: fr`: no --lang needed.
      const fr = impact([...args, '-c', CONFIG]);
      expect(fr.status, `${args.join(' ')}: ${fr.stderr}`).toBe(2);
      expect(fr.stderr, args.join(' ')).toMatch(/^impact: /);
      expect(englishIn(fr.stderr), args.join(' ')).toEqual([]);
      if (args[0] !== 'report' && args[0] !== 'explain') continue;
      // --lang en words the same mistake in English.
      const en = impact([...args, '-c', CONFIG, '--lang', 'en']);
      expect(en.status).toBe(2);
      expect(en.stderr, args.join(' ')).not.toBe(fr.stderr);
    }
  }, 120_000);
});
