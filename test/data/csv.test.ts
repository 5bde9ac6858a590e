import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CsvDelimiter,
  type CsvReadOptions,
  type CsvRecord,
  detectDelimiter,
  parseCsvText,
  readCsvFile,
} from '../../src/data/csv.js';

const CHUNK = 1 << 20; // readCsvFile's read size: the boundary tests aim at it
const spectrumDir = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'impactkit-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileCount = 0;
async function writeTemp(content: string | Uint8Array): Promise<string> {
  const path = join(dir, `f${fileCount++}.csv`);
  await writeFile(path, content);
  return path;
}

async function readAll(path: string, options?: CsvReadOptions): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const record of readCsvFile(path, options)) records.push(record);
  return records;
}

const cellsOf = (records: CsvRecord[]): string[][] => records.map((r) => r.cells);
const linesOf = (records: CsvRecord[]): number[] => records.map((r) => r.line);

function asObjects(records: CsvRecord[]): Record<string, string>[] {
  const [header, ...rows] = records;
  return rows.map((r) => Object.fromEntries(header!.cells.map((h, i) => [h, r.cells[i] ?? ''])));
}

describe('csv-spectrum', async () => {
  const names = (await readdir(join(spectrumDir, 'csvs'))).map((f) => basename(f, '.csv'));
  const wellFormed = names.filter((n) => n !== 'location_coordinates');

  it('ships the cases we expect', () => {
    expect(names).toContain('location_coordinates');
    expect(wellFormed.length).toBeGreaterThanOrEqual(11);
  });

  it.each(wellFormed)('%s matches the shipped JSON, from a file and from text', async (name) => {
    const path = join(spectrumDir, 'csvs', `${name}.csv`);
    const expected: unknown = JSON.parse(await readFile(join(spectrumDir, 'json', `${name}.json`), 'utf8'));
    const fromFile = await readAll(path);
    expect(asObjects(fromFile)).toEqual(expected);
    expect(fromFile.every((r) => r.problem === undefined)).toBe(true);
    expect(parseCsvText(await readFile(path, 'utf8'))).toEqual(fromFile);
  });

  it('newlines_crlf: a record after a two-line quoted field starts two lines later', async () => {
    const records = await readAll(join(spectrumDir, 'csvs', 'newlines_crlf.csv'));
    expect(linesOf(records)).toEqual([1, 2, 3, 5]);
  });

  it('location_coordinates (its JSON is wrong): stray quotes kept literally, U+FFFD flagged', async () => {
    // The shipped JSON is an object, not an array, with another phone number; the file holds literal U+FFFD.
    const records = await readAll(join(spectrumDir, 'csvs', 'location_coordinates.csv'));
    expect(cellsOf(records)).toEqual([
      ['Contact Phone Number', 'Location Coordinates', 'Cities', 'Counties'],
      ['2095257564', `37\uFFFD36'37.8"N 121\uFFFD2'17.9"W`, 'Modesto', 'Stanislaus'],
    ]);
    expect(records[0]!.problem).toBeUndefined();
    expect(records[1]!.problem?.code).toBe('encoding-error');
    expect(records[1]!.line).toBe(2);
  });
});

describe('parseCsvText', () => {
  it('numbers editor lines across blank lines, multi-line quoted fields, CRLF and lone CR', () => {
    const text = '\n\r\nname,note\r\nA,"two\r\nlines"\r\n\r\nB,"three\nlines\rhere"\n\nC,x\rD,y\r\n\rE,"z"';
    const records = parseCsvText(text);
    expect(cellsOf(records)).toEqual([
      ['name', 'note'],
      ['A', 'two\r\nlines'],
      ['B', 'three\nlines\rhere'],
      ['C', 'x'],
      ['D', 'y'],
      ['E', 'z'],
    ]);
    expect(linesOf(records)).toEqual([3, 4, 7, 11, 12, 14]);
  });

  it('header is line 1 and blank-only input yields nothing', () => {
    expect(parseCsvText('a\n1')).toEqual([
      { line: 1, cells: ['a'] },
      { line: 2, cells: ['1'] },
    ]);
    expect(parseCsvText('')).toEqual([]);
    expect(parseCsvText('\r\n\n\r')).toEqual([]);
  });

  it('keeps empty cells, trailing delimiters, spaces and a last line without newline', () => {
    expect(cellsOf(parseCsvText('a,b,c\n,, \n 1 ,"",\n"x",y,z'))).toEqual([
      ['a', 'b', 'c'],
      ['', '', ' '],
      [' 1 ', '', ''],
      ['x', 'y', 'z'],
    ]);
  });

  it('keeps a quote in the middle of an unquoted field, and text after a closing quote', () => {
    expect(cellsOf(parseCsvText('a,b"c,d\n"ab"cd,"e""f"'))).toEqual([
      ['a', 'b"c', 'd'],
      ['abcd', 'e"f'],
    ]);
  });

  it('reports an unclosed quote on the line where its record starts, with what was read', () => {
    const records = parseCsvText('a,b\n1,2\n3,"abc\ndef,4\n');
    expect(records[2]).toEqual({
      line: 3,
      cells: ['3', 'abc\ndef,4\n'],
      problem: { code: 'format-error', reason_en: 'unclosed quote', reason_fr: 'guillemet non fermé' },
    });
    expect(records.slice(0, 2).every((r) => r.problem === undefined)).toBe(true);
  });

  it('removes a BOM and detects the delimiter on the first non-blank line', () => {
    expect(parseCsvText('\uFEFF\n\nCoût;"Région, pays"\n1,5;FR')).toEqual([
      { line: 3, cells: ['Coût', 'Région, pays'] },
      { line: 4, cells: ['1,5', 'FR'] },
    ]);
    expect(cellsOf(parseCsvText('a;b\n1;2', { delimiter: ',' }))).toEqual([['a;b'], ['1;2']]);
  });
});

describe('detectDelimiter', () => {
  it('counts only separators outside double quotes', () => {
    expect(detectDelimiter('"Dépenses, coûts, frais";"Année, mois";Région')).toBe(';');
    expect(detectDelimiter('Établissement;Intitulé;"Effectif, équivalent temps plein"')).toBe(';');
    expect(detectDelimiter('"a;b;c",d,e')).toBe(',');
  });

  it('falls back to comma on a tie or when there is none', () => {
    expect(detectDelimiter('a;b,c')).toBe(',');
    expect(detectDelimiter('seule')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });
});

describe('readCsvFile', () => {
  it('decodes a Windows-1252 ; file so that ’ œ € survive', async () => {
    const text = 'Poste;Montant;Saison\r\nMain-d’œuvre;Coût 12 €;été\r\n';
    const bytes = iconv.encode(text, 'win1252');
    // 0x92 ’, 0x9C œ, 0x80 € are the bytes Node's latin1 would get wrong.
    expect([0x92, 0x9c, 0x80].every((b) => bytes.includes(b))).toBe(true);
    const path = await writeTemp(bytes);
    expect(await readAll(path, { encoding: 'windows-1252' })).toEqual([
      { line: 1, cells: ['Poste', 'Montant', 'Saison'] },
      { line: 2, cells: ['Main-d’œuvre', 'Coût 12 €', 'été'] },
    ]);
    const asUtf8 = await readAll(path);
    expect(asUtf8[1]!.problem?.code).toBe('encoding-error');
  });

  it('removes a UTF-8 BOM whatever the encoding', async () => {
    const path = await writeTemp(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n1,2\n')]));
    for (const encoding of ['utf-8', 'windows-1252'] as const) {
      expect(cellsOf(await readAll(path, { encoding }))).toEqual([
        ['a', 'b'],
        ['1', '2'],
      ]);
    }
  });

  it('flags an invalid UTF-8 byte as encoding-error on its record only', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n1,ok\n\n2,"x\ny'), Buffer.from([0xff]), Buffer.from('"\n3,é\n')]);
    const records = await readAll(await writeTemp(bytes));
    expect(linesOf(records)).toEqual([1, 2, 4, 6]);
    expect(records[2]!.cells).toEqual(['2', 'x\ny\uFFFD']);
    expect(records[2]!.problem?.code).toBe('encoding-error');
    expect(records.filter((r) => r.problem !== undefined)).toHaveLength(1);
  });

  it('decodes a multi-byte character straddling the 1 MiB chunk boundary', async () => {
    const head = 'id,label\n';
    const filler = 'x'.repeat(CHUNK - head.length - 3);
    const text = `${head}1,${filler}€\n2,fin\n`; // € = E2 82 AC: E2 is the last byte of the first chunk
    const bytes = Buffer.from(text);
    expect(bytes.length).toBeGreaterThan(CHUNK);
    expect(bytes[CHUNK - 1]).toBe(0xe2);
    const records = await readAll(await writeTemp(bytes));
    expect(records[1]).toEqual({ line: 2, cells: ['1', `${filler}€`] });
    expect(records[2]).toEqual({ line: 3, cells: ['2', 'fin'] });
  });

  it('gives the same records and lines wherever the chunk boundary falls', async () => {
    const snippet = '1,"a""b\r\nc"\r\n\r\n2;€é\r\n3,x\rend,1\n';
    const row = `f,${'x'.repeat(97)}\n`;
    for (let k = 0; k <= Buffer.byteLength(snippet); k++) {
      const before = CHUNK - k - 'h1,h2\n'.length; // bytes of filler so that the boundary falls k bytes into the snippet
      const rows = Math.floor(before / row.length) - 1;
      const last = `f,${'y'.repeat(before - rows * row.length - 3)}\n`;
      const text = `h1,h2\n${row.repeat(rows)}${last}${snippet}`;
      const records = await readAll(await writeTemp(text));
      expect(records).toEqual(parseCsvText(text));
      const first = rows + 3; // header, filler rows, last filler row
      expect(records.slice(-4)).toEqual([
        { line: first, cells: ['1', 'a"b\r\nc'] },
        { line: first + 3, cells: ['2;€é'] },
        { line: first + 4, cells: ['3', 'x'] },
        { line: first + 5, cells: ['end', '1'] },
      ]);
    }
  });

  it('keeps a surrogate pair whole when it straddles a tokenizing batch, quoted or not', async () => {
    for (const quote of ['', '"']) {
      // readCsvFile tokenizes 65,536 characters at a time; 😀 takes two, split at that offset.
      const head = `h\n${quote}`;
      const text = `${head}${'x'.repeat((1 << 16) - head.length - 1)}😀${quote}\nfin\n`;
      const records = await readAll(await writeTemp(text));
      expect(cellsOf(records)).toEqual([['h'], [`${'x'.repeat((1 << 16) - head.length - 1)}😀`], ['fin']]);
    }
  });

  it('detects the delimiter on a first line longer than a chunk', async () => {
    const text = `\n\n${'a;'.repeat(CHUNK)}b\n1;2\n`;
    const records = await readAll(await writeTemp(text));
    expect(records[0]!.line).toBe(3);
    expect(records[0]!.cells).toHaveLength(CHUNK + 1);
    expect(records[1]).toEqual({ line: 4, cells: ['1', '2'] });
  });

  it('yields an unclosed quote at the end of a file', async () => {
    const records = await readAll(await writeTemp('a;b\n1;"open\n\nstill'));
    expect(records[1]).toMatchObject({ line: 2, cells: ['1', 'open\n\nstill'], problem: { code: 'format-error' } });
  });
});

describe('round trip (property)', () => {
  const unit = fc.oneof(
    fc.constantFrom('"', ',', ';', '\n', '\r', '\r\n', ' ', 'é', '€', '’', 'œ', '😀', '\uFEFF', '\uFFFD'),
    fc.constantFrom('a', 'Z', '0', '-'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );
  const cell = fc.string({ unit, maxLength: 8 });
  const breaks = (s: string): number => (s.match(/\r\n|\r|\n/g) ?? []).length;

  function serialise(rows: string[][], delimiter: CsvDelimiter, eol: string, quoteAll: boolean): [string, number[]] {
    let text = '';
    const lines: number[] = [];
    rows.forEach((row, r) => {
      lines.push(1 + breaks(text));
      const needs = (c: string, i: number): boolean =>
        quoteAll ||
        /["\r\n]/.test(c) ||
        c.includes(delimiter) ||
        (c === '' && row.length === 1) || // else the line would be blank and skipped
        (r === 0 && i === 0 && c.startsWith('\uFEFF')); // else it would be taken for a BOM
      text += row.map((c, i) => (needs(c, i) ? `"${c.replaceAll('"', '""')}"` : c)).join(delimiter) + eol;
    });
    return [text, lines];
  }

  it('parses back what RFC 4180 serialisation wrote, on the right lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom<CsvDelimiter>(',', ';'),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.boolean(),
        (rows, delimiter, eol, quoteAll, finalEol) => {
          const [full, lines] = serialise(rows, delimiter, eol, quoteAll);
          const text = finalEol ? full : full.slice(0, -eol.length);
          const records = parseCsvText(text, { delimiter });
          expect(cellsOf(records)).toEqual(rows);
          expect(linesOf(records)).toEqual(lines);
          records.forEach((r, i) => {
            expect(r.problem?.code).toBe(rows[i]!.some((c) => c.includes('\uFFFD')) ? 'encoding-error' : undefined);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
