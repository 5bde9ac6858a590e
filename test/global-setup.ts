// The CLI tests run bin/impact.js, which imports the compiled dist/: compile it once, before any test file runs,
// so they never exercise a stale build.
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  // tsc copies no JSON: the prebuilt geography index is read beside the compiled loader, as `npm run build` puts it.
  cpSync(`${root}src/data/geography`, `${root}dist/src/data/geography`, { recursive: true });
}
