// Regenerates the catalogue table of README.md from `impact indicators --format md`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const table = execFileSync(process.execPath, ['bin/impact.js', 'indicators', '--format', 'md', '--lang', 'en'], {
  cwd: new URL('..', import.meta.url),
  encoding: 'utf8',
});
const readme = new URL('../README.md', import.meta.url);
const text = readFileSync(readme, 'utf8');
const start = '<!-- catalogue:start -->';
const end = '<!-- catalogue:end -->';
const before = text.slice(0, text.indexOf(start) + start.length);
const after = text.slice(text.indexOf(end));
writeFileSync(readme, `${before}\n${table}${after}`);
