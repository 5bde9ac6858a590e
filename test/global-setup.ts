// The CLI tests run bin/impact.js, which imports the compiled dist/: build it once (the geography index and
// the TypeScript, exactly as `npm run build`), before any test file runs, so they never exercise a stale build.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}
