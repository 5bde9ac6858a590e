// Datasets with `store: true` read the imported rows after their files, through the same checks, and say
// where each row came from: the report over imported data is the report over the same files.
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import type { BeneficiaryRow, Sourced } from '../../src/data/datasets.js';
import { loadWorkspace, ProblemCollector } from '../../src/data/workspace.js';
import { formatProblem, type Problem } from '../../src/problems.js';
import { copyFixture, impact, ROOT, tempDir } from '../helpers/cli.js';
import { importJson, removeWorkspaces, storeWorkspace } from '../helpers/store.js';

const examples: string[] = [];
afterAll(() => {
  removeWorkspaces();
  for (const root of examples) rmSync(root, { recursive: true, force: true });
});

const V1 = 'imports/beneficiaries-2025-01.csv';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function load(root: string) {
  const problems: Problem[] = [];
  const beneficiaries: Sourced<BeneficiaryRow>[] = [];
  const result = await loadWorkspace(loadConfig(join(root, 'impact.yaml')), {
    sink: new ProblemCollector(5, (p) => problems.push(p)),
    stream: { beneficiaries: (row) => beneficiaries.push(row) },
  });
  return { result, problems, beneficiaries };
}

describe('store: true datasets in loadWorkspace', { timeout: 120_000 }, () => {
  it('reads the imported rows with their file, line and batch, and lists the store among the inputs', async () => {
    const root = storeWorkspace();
    expect(importJson(root, 'beneficiaries', [V1]).status).toBe(0);
    const { result, problems, beneficiaries } = await load(root);
    expect(problems).toEqual([]);
    expect(beneficiaries.map((b) => [b.beneficiary_id, b.source])).toEqual([
      ['B1', { file: V1, line: 2, batch: 1 }],
      ['B2', { file: V1, line: 3, batch: 1 }],
      ['B3', { file: V1, line: 4, batch: 1 }],
    ]);
    expect(beneficiaries[0]).toMatchObject({ entry_date: '2024-03-01', birth_year: 1990, qpv: true });
    // The store's hash covers its rows' canonical JSON in key order, one per line.
    const content = [
      '{"beneficiary_id":"B1","site_id":"PF-93","entry_date":"2024-03-01","birth_year":1990,"gender":"f","qpv":true,"intake_level":"severe"}',
      '{"beneficiary_id":"B2","site_id":"PF-93","entry_date":"2024-05-10","birth_year":2001,"gender":"m","qpv":false,"intake_level":"precarious"}',
      '{"beneficiary_id":"B3","site_id":"PF-69","entry_date":"2024-09-15","birth_year":1985,"gender":"f","intake_level":"fragile"}',
    ]
      .map((line) => `${line}\n`)
      .join('');
    expect(result.inputs.map((i) => [i.dataset, i.file, i.rows, i.used, i.rejected])).toEqual([
      ['organisations', 'data/organisations.csv', 2, 2, 0],
      ['sites', 'data/sites.csv', 2, 2, 0],
      ['sites', '.impact/store.db#sites', 0, 0, 0],
      ['beneficiaries', '.impact/store.db#beneficiaries', 3, 3, 0],
    ]);
    expect(result.inputs[2]?.sha256).toBe(sha256(''));
    expect(result.inputs[3]?.sha256).toBe(sha256(content));
  });

  it('rejects an imported row whose key a configured file got after the import, naming both places', async () => {
    const root = storeWorkspace();
    const again =
      'site_id,org_id,name,kind,territory,opened_on\nPF-13,MS,Marseille (imported),mobility_platform,13055,2023-01-01\n';
    writeFileSync(join(root, 'imports', 'sites-again.csv'), again);
    expect(importJson(root, 'sites', ['imports/sites-again.csv']).summary.files[0]).toMatchObject({ inserted: 1 });
    // The configured file gets the same site afterwards (an import checks the files it finds then).
    appendFileSync(
      join(root, 'data', 'sites.csv'),
      'PF-13,MS,Plateforme Marseille,mobility_platform,13055,2023-01-01\n',
    );
    const { result, problems } = await load(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'unique-error',
      file: 'imports/sites-again.csv',
      line: 2,
      batch: 1,
      args: { first: 'data/sites.csv:4' },
    });
    expect(formatProblem(problems[0]!, 'en')).toBe(
      'imports/sites-again.csv:2 (batch 1)  site_id  "PF-13"  duplicate key site_id, first seen at data/sites.csv:4',
    );
    expect(result.sites.get('PF-13')?.name).toBe('Plateforme Marseille');
    expect(result.inputs.find((i) => i.file === '.impact/store.db#sites')).toMatchObject({
      rows: 1,
      used: 0,
      rejected: 1,
    });
    // Stored rows have no file of their own: their rejects keep the canonical columns, their source first.
    const rejects = readFileSync(join(root, '.impact', 'rejects', 'sites.csv'), 'utf8').split('\n');
    expect(rejects[1]).toMatch(/^imports\/sites-again\.csv,2,unique-error,/);
  });

  it('refuses at import a row whose key the configured files already have', () => {
    const root = storeWorkspace();
    writeFileSync(
      join(root, 'imports', 'sites-again.csv'),
      'site_id,org_id,name,kind,territory,opened_on\nPF-93,MS,Saint-Denis (again),mobility_platform,93066,2023-01-01\n',
    );
    const run = importJson(root, 'sites', ['imports/sites-again.csv']);
    // Its only row is rejected, so the file is refused whole.
    expect(run.status).toBe(2);
    expect(run.summary.files[0]).toMatchObject({ status: 'refused', read: 1, inserted: 0, rejected: 1 });
  });
});

describe('a report over imported data', { timeout: 300_000 }, () => {
  it('equals the report over the same data read from files', () => {
    const fromFiles = copyFixture('example');
    const fromStore = tempDir('impact-example-store-');
    examples.push(fromFiles, fromStore);
    cpSync(join(ROOT, 'fixtures', 'example'), fromStore, { recursive: true });
    const config = join(fromStore, 'impact.yaml');
    const yaml = readFileSync(config, 'utf8');
    const storeOnly = yaml.replace(
      /files: \[data\/beneficiaries\/\*\.csv\]\n\s*# store: true[^\n]*\n/,
      'files: []\n    store: true\n',
    );
    expect(storeOnly).not.toBe(yaml);
    writeFileSync(config, storeOnly);

    // In name order, as a shell would expand data/beneficiaries/*.csv.
    const files = readdirSync(join(fromStore, 'data', 'beneficiaries'))
      .sort()
      .map((name) => `data/beneficiaries/${name}`);
    const run = importJson(fromStore, 'beneficiaries', files);
    expect(run.status).toBe(0);
    expect(run.summary.files).toHaveLength(files.length);

    const report = (cwd: string) => {
      const out = impact(['report', '-f', 'json', '-o', '-'], { cwd, env: { SOURCE_DATE_EPOCH: undefined } });
      expect(out.status, out.stderr).toBe(0);
      return JSON.parse(out.stdout);
    };
    const a = report(fromFiles);
    const b = report(fromStore);
    expect(b.values.length).toBeGreaterThan(100);
    expect(b.values).toEqual(a.values);
    expect(b.targets).toEqual(a.targets);
    expect(b.quality).toEqual(a.quality);
    // The inputs differ as they should: 34 beneficiary files on one side, the store on the other.
    const rowsOf = (inputs: { dataset: string; rows: number }[]) =>
      inputs.filter((i) => i.dataset === 'beneficiaries').reduce((n, i) => n + i.rows, 0);
    expect(b.inputs.filter((i: { dataset: string }) => i.dataset === 'beneficiaries')).toEqual([
      expect.objectContaining({ file: '.impact/store.db#beneficiaries', rejected: 0 }),
    ]);
    expect(rowsOf(b.inputs)).toBe(rowsOf(a.inputs));

    // explain points to the batch and to the line of the file as imported.
    const explained = impact(['explain', 'mobility.people_supported', '--json'], { cwd: fromStore });
    expect(explained.status).toBe(0);
    const status = JSON.parse(impact(['store', 'status', '--json'], { cwd: fromStore }).stdout);
    const fileOfBatch = new Map(status.batches.map((b: { batch: number; file: string }) => [b.batch, b.file]));
    const sources = JSON.parse(explained.stdout).source_rows as { file: string; line: number; batch: number }[];
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(fileOfBatch.get(source.batch)).toBe(source.file);
      const line = readFileSync(join(fromStore, source.file), 'latin1').split(/\r?\n/)[source.line - 1];
      expect(line?.split(';')[1]).toMatch(/^PF-/); // a beneficiary row of a mobility platform
    }
  });
});
