// Golden reports: the CSV, Markdown and HTML of test/fixtures/golden-workspace, compared byte for byte with
// test/golden/. When a change is meant to alter them, regenerate on purpose and review the diff:
//   UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { runReport } from '../../src/pipeline.js';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/model.js';

const WORKSPACE = fileURLToPath(new URL('../fixtures/golden-workspace/impact.yaml', import.meta.url));
const golden = (name: string) => fileURLToPath(new URL(`../golden/${name}`, import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

let report: Report;

// Before each test, not once: code run inside a test is what StrykerJS counts as covered by it, so
// a mutant of the pipeline is tried against these tests alone rather than every test there is.
beforeEach(async () => {
  // The wall clock must not reach the report: without SOURCE_DATE_EPOCH there is no generated_at.
  delete process.env.SOURCE_DATE_EPOCH;
  // A fixed generator version, so that releasing does not churn the goldens.
  const run = await runReport(loadConfig(WORKSPACE), { version: '1.0.0', writeRejects: false });
  report = run.report;
});

describe.each([
  ['report.csv', (r: Report) => renderCsv(r)],
  ['report.md', (r: Report) => renderMarkdown(r)],
  ['report.html', (r: Report) => renderHtml(r)],
])('golden %s', (name, render) => {
  it('matches test/golden byte for byte', async () => {
    const actual = await render(report);
    if (UPDATE) writeFileSync(golden(name), actual);
    expect(actual).toBe(readFileSync(golden(name), 'utf8'));
  });
});
