// A small workspace read into column tables: every code, day number, cent and source line below was worked
// out by hand from the files written here. The same tables must come out whatever the read size.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MISSING_CODE, MISSING_DAY } from '../../src/data/columns.js';
import { rowView } from '../../src/data/columns-to-rows.js';
import { readDatasetColumns } from '../../src/data/dataset-to-columns.js';
import { type DatasetOptions, References } from '../../src/data/load.js';
import type { Problem } from '../../src/problems.js';

const root = mkdtempSync(join(tmpdir(), 'impact-columns-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const options = (files: string[], extra: Partial<DatasetOptions> = {}): DatasetOptions => ({
  files,
  encoding: 'utf-8',
  columns: {},
  decimal: '.',
  dateFormat: 'yyyy-mm-dd',
  levels: ['severe', 'precarious', 'fragile', 'autonomous'],
  ...extra,
});

writeFileSync(join(root, 'orgs.csv'), 'org_id,name,kind\nA,Alpha,fund\nB,"Beta, Inc.",enterprise\n');
// Line 2: an empty kind (defaults to other). Lines 3–4: a quoted name over two lines. Line 5: unknown organisation.
writeFileSync(
  join(root, 'sites.csv'),
  'site_id,org_id,name,kind,territory,opened_on\nS1,A,One,,93,2020-01-01\nS2,B,"Two\nlines",youth_project,com:75056,2021-06-15\nS3,Z,Three,other,FR,2021-01-01\n',
);
// Line 2: a plain row. Line 3: spaces around an id, a quoted id, upper-case enum and level. Line 4: the key
// of line 2 again. Line 5: a quoted id holding a comma. Line 6: unknown site. Line 8 (after a blank line):
// exit before entry.
writeFileSync(
  join(root, 'people.csv'),
  [
    'beneficiary_id,site_id,entry_date,age,gender,qpv,territory,intake_level,exit_date,outcome',
    'P1,S1,2024-01-31,19,f,oui,93066,severe,2024-03-01,employment',
    ' P2 ,"S2",2024-02-29,,M,false,,Fragile,,',
    'P1,S1,2024-01-31,20,m,,,,,',
    '"P,3","S1",2023-12-31,30,x,1,"93066",,,none',
    'P4,S9,2024-01-01,,,,,,,',
    '',
    'P5,S2,2024-05-01,,,,,,2024-04-01,',
  ].join('\n'),
);

async function read(chunkSize?: number) {
  const references = new References();
  const problems: Problem[] = [];
  const sink = { add: (p: Problem) => problems.push(p) };
  const args = { root, references, sink, ...(chunkSize ? { chunkSize } : {}) };
  const orgs = await readDatasetColumns({ ...args, dataset: 'organisations', options: options(['orgs.csv']) });
  const sites = await readDatasetColumns({ ...args, dataset: 'sites', options: options(['sites.csv']) });
  const people = await readDatasetColumns({ ...args, dataset: 'beneficiaries', options: options(['people.csv']) });
  return { orgs, sites, people, problems };
}

// 2024-01-01 is day 19723 (54 years of 365 days and 13 leap days since 1970-01-01).
const JAN_31 = 19723 + 30;
const FEB_29 = 19723 + 59;
const DEC_31 = 19723 - 1;

describe('readDatasetColumns', () => {
  it('types a dataset into columns: codes, day numbers, enums, booleans and missing states', async () => {
    const { people } = await read();
    const t = people.table;
    expect(t.length).toBe(3);
    expect(t.columns.beneficiary_id).toEqual({
      type: 'dict',
      codes: Int8Array.from([0, 1, 2]),
      // Rejected rows' values get codes too (P4: unknown site; P5: exit before entry).
      dict: ['P1', 'P2', 'P,3', 'P4', 'P5'],
    });
    expect(t.columns.site_id).toEqual({ type: 'dict', codes: Int8Array.from([0, 1, 0]), dict: ['S1', 'S2', 'S9'] });
    expect(t.columns.entry_date).toEqual({ type: 'day', days: Int32Array.from([JAN_31, FEB_29, DEC_31]) });
    expect(t.columns.exit_date).toEqual({ type: 'day', days: Int32Array.from([FEB_29 + 1, MISSING_DAY, MISSING_DAY]) });
    // Ages and birth years are small integers: Float32 holds them exactly, in half the memory.
    expect(t.columns.age).toEqual({ type: 'number', values: Float32Array.from([19, Number.NaN, 30]) });
    expect(t.columns.birth_year).toEqual({
      type: 'number',
      values: Float32Array.from([Number.NaN, Number.NaN, Number.NaN]),
    });
    expect(t.columns.gender).toEqual({ type: 'enum', codes: Int8Array.from([0, 1, 2]), values: ['f', 'm', 'x'] });
    expect(t.columns.qpv).toEqual({ type: 'boolean', codes: Int8Array.from([1, 0, 1]), values: ['false', 'true'] });
    expect(t.columns.territory).toEqual({
      type: 'dict',
      codes: Int8Array.from([0, MISSING_CODE, 0]),
      dict: ['com:93066'],
    });
    expect(t.columns.intake_level).toEqual({
      type: 'dict',
      codes: Int8Array.from([0, 1, MISSING_CODE]),
      dict: ['severe', 'fragile'],
    });
    expect(t.columns.outcome).toEqual({
      type: 'enum',
      codes: Int8Array.from([0, MISSING_CODE, 3]),
      values: ['employment', 'training', 'other', 'none'],
    });
    // One file and no store batch: file and batch indexes fit in a byte each.
    expect(t.source).toEqual({
      file: Uint8Array.from([0, 0, 0]),
      line: Int32Array.from([2, 3, 5]),
      batch: Uint8Array.from([0, 0, 0]),
      files: ['people.csv'],
    });
    expect(people.stats).toEqual([
      {
        dataset: 'beneficiaries',
        file: 'people.csv',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        rows: 6,
        used: 3,
        rejected: 3,
      },
    ]);
  });

  it('checks keys and references on codes, worded and located as before', async () => {
    const { problems, sites } = await read();
    expect(problems.map((p) => [p.file, p.line, p.code, p.column, p.value, p.args])).toEqual([
      [
        'sites.csv',
        5,
        'foreign-key-error',
        'org_id',
        'Z',
        { target: 'organisation', dataset: 'organisations', ref: 'Z' },
      ],
      [
        'people.csv',
        4,
        'unique-error',
        'beneficiary_id+site_id+entry_date',
        'P1 + S1 + 2024-01-31',
        { key: 'beneficiary_id + site_id + entry_date', first: 'people.csv:2' },
      ],
      ['people.csv', 6, 'foreign-key-error', 'site_id', 'S9', { target: 'site', dataset: 'sites', ref: 'S9' }],
      [
        'people.csv',
        8,
        'row-constraint-error',
        'exit_date',
        '2024-04-01',
        { reason_en: 'exit_date is before entry_date', reason_fr: 'exit_date est antérieure à entry_date' },
      ],
    ]);
    // A default for an empty cell, a quoted cell over two lines (its row keeps its first line).
    expect(sites.table.columns.kind).toEqual({
      type: 'enum',
      codes: Int8Array.from([2, 1]),
      values: ['mobility_platform', 'youth_project', 'other'],
    });
    expect(sites.table.columns.name).toEqual({
      type: 'dict',
      codes: Int8Array.from([0, 1]),
      dict: ['One', 'Two\nlines', 'Three'],
    });
    expect([...sites.table.source.line]).toEqual([2, 3]);
  });

  it('gives the row view of a table in the typed row shape', async () => {
    const { people } = await read();
    const rows = rowView<'beneficiaries'>(people.table);
    expect(rows.at(1)).toEqual({
      beneficiary_id: 'P2',
      site_id: 'S2',
      entry_date: '2024-02-29',
      gender: 'm',
      qpv: false,
      intake_level: 'fragile',
      source: { file: 'people.csv', line: 3 },
    });
  });

  it('gives the same tables and problems whatever the read size', async () => {
    const whole = await read();
    for (const size of [7, 16, 33]) {
      const small = await read(size);
      expect(small.people.table).toEqual(whole.people.table);
      expect(small.sites.table).toEqual(whole.sites.table);
      expect(small.problems).toEqual(whole.problems);
    }
  });
});
