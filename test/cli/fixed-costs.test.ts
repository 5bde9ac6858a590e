// What a report run loads, observed from outside as a user's run: the packages of one format only when
// that format is asked for (vega for html, exceljs for xlsx), and a TypeScript plug-in compiled once
// into the workspace's own cache. A resolve hook (NODE_OPTIONS=--import) lists every module resolved.
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { copyFixture, impact, tempDir } from '../helpers/cli.js';

const hooks = tempDir('impact-hooks-');
writeFileSync(
  join(hooks, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.IMPACT_TEST_RESOLVED, resolved.url + '\\n');
  return resolved;
}
`,
);
writeFileSync(
  join(hooks, 'register.mjs'),
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(hooks, 'hooks.mjs')).href)});\n`,
);
let runs = 0;

/** The modules `impact args` resolved in the workspace, as file URLs. */
function resolvedBy(args: string[], cwd: string): string[] {
  const log = join(hooks, `run-${++runs}.log`);
  writeFileSync(log, '');
  const run = impact(args, {
    cwd,
    env: { NODE_OPTIONS: `--import=${pathToFileURL(join(hooks, 'register.mjs')).href}`, IMPACT_TEST_RESOLVED: log },
  });
  expect(run.stderr).not.toContain('✖');
  expect(run.status).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const loads = (urls: string[], pkg: string) => urls.some((url) => url.includes(`/node_modules/${pkg}/`));

describe('the packages a report loads', () => {
  const ws = copyFixture('example');

  it('a table report loads neither vega nor exceljs', () => {
    const urls = resolvedBy(['report'], ws);
    expect(urls.some((url) => url.endsWith('/dist/src/cli.js'))).toBe(true); // the hook saw the run's modules
    // zod is bundled: its ~95 ES modules are not resolved and linked on each run.
    expect(loads(urls, 'zod')).toBe(false);
    expect(loads(urls, 'vega')).toBe(false);
    expect(loads(urls, 'vega-lite')).toBe(false);
    expect(loads(urls, 'exceljs')).toBe(false);
  });

  it('html loads vega, and xlsx exceljs', () => {
    const html = resolvedBy(['report', '-f', 'html', '-o', join(ws, 'report.html')], ws);
    expect(loads(html, 'vega')).toBe(true);
    expect(loads(html, 'exceljs')).toBe(false);
    const xlsx = resolvedBy(['report', '-f', 'xlsx', '-o', join(ws, 'report.xlsx')], ws);
    expect(loads(xlsx, 'exceljs')).toBe(true);
    expect(loads(xlsx, 'vega')).toBe(false);
  });
});

describe('a TypeScript plug-in', () => {
  it('is compiled once into .impact/cache/plugins, and again only once edited', () => {
    const ws = copyFixture('example');
    const cache = join(ws, '.impact', 'cache', 'plugins');
    const args = ['report', '-f', 'json', '-o', '-', '--indicators', 'example.*'];
    expect(existsSync(cache)).toBe(false);
    expect(impact(args, { cwd: ws }).status).toBe(0);
    // The example has one TypeScript plug-in (indicators/women_lifted.ts).
    const compiled = readdirSync(cache);
    expect(compiled).toHaveLength(1);
    const file = join(cache, compiled[0]!);
    const written = statSync(file).mtimeMs;
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('example.women_lifted_out_of_precarity');

    expect(impact(args, { cwd: ws }).status).toBe(0);
    expect(readdirSync(cache)).toEqual(compiled);
    expect(statSync(file).mtimeMs).toBe(written);

    // The cache entry is checked against a hash of the source: an edit is compiled again, in place.
    appendFileSync(join(ws, 'indicators', 'women_lifted.ts'), '// edited\n');
    expect(impact(args, { cwd: ws }).status).toBe(0);
    expect(readdirSync(cache)).toEqual(compiled);
    expect(readFileSync(file, 'utf8')).not.toBe(text);
    expect(readFileSync(file, 'utf8')).toContain('// edited');
  });
});
