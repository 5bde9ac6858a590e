// Bundles the command line and the public API into a few files (run by `npm run build`, after tsc).
// Node 20 resolves, reads and links every ES module on each start (it has no compile cache): importing
// `impact report`'s ~230 ES modules and their CommonJS dependencies took ~0.3 s of CPU. Bundled, our code
// and most dependencies are a few files. tsc's per-module output stays beside them (declarations, the
// CSV worker).
//   dist/src/cli.js    the `impact` command (bin/impact.js imports it)
//   dist/src/index.js  the public API, overwritten by its bundle so that a plug-in importing `impactkit`
//                      shares the running command's modules (one zod, one catalogue)
//   dist/src/chunk-*   what both share, and each lazily imported command or format
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'rolldown';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist', 'src');

// Loaded by path at run time, too large to be worth bundling for the one format that needs them, or
// reading `__filename` (write-file-atomic: a bundled CommonJS module has none). zod is bundled: its
// ESM build is ~95 modules that Node resolves, reads and links on every run (~35 ms of CPU), and
// `z` from 'impactkit' is the bundled copy the command validates with (index.js shares the chunk),
// so a plug-in's schemas are still built by the very zod that checks them.
const external = [
  'better-sqlite3',
  'write-file-atomic',
  'jiti',
  'vega',
  'vega-lite',
  'exceljs',
  'playwright-core',
  '@sparticuz/chromium',
  '@duckdb/node-api',
];

// Chunk names carry a hash: the previous build's would stay behind.
for (const file of readdirSync(outDir)) if (file.startsWith('chunk-')) rmSync(path.join(outDir, file));

await build({
  input: { cli: path.join(root, 'src/cli/main.ts'), index: path.join(root, 'src/index.ts') },
  platform: 'node',
  external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
  resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
  logLevel: 'warn',
  plugins: [
    {
      // Our modules find files beside themselves (the geography index, package.json, the CSV worker):
      // each keeps the URL of its tsc-compiled copy in dist/, so every such path still resolves.
      name: 'module-urls',
      transform(code, id) {
        if (!id.startsWith(root) || id.includes(`${path.sep}node_modules${path.sep}`)) return null;
        if (!code.includes('import.meta.url')) return null;
        const compiled = path.join(root, 'dist', path.relative(root, id)).replace(/\.ts$/, '.js');
        const relative = path.relative(outDir, compiled).split(path.sep).join('/');
        return code.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`);
      },
    },
  ],
  output: {
    dir: outDir,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunk-[name]-[hash].js',
  },
});
