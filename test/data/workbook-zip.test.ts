// A workbook is read without a byte written outside the workspace, and a zip bomb is refused before it is
// inflated (src/data/workbook-zip.ts). Excel writes its worksheets before xl/sharedStrings.xml; read in that
// order, exceljs copies each sheet to the system temp folder, so these tests point TMPDIR (which exceljs's
// temp files follow) at an empty folder and look into it while the sheet is being read.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMAS } from '../../src/data/datasets.js';
import { orderedWorkbook, WorkbookShapeError } from '../../src/data/workbook-zip.js';
import { readWorkbook } from '../../src/data/xlsx.js';
import { ROOT } from '../helpers/cli.js';

const PARTNER = join(ROOT, 'fixtures', 'partner-workbook', 'data', 'partenaire.xlsx');

/** The names of a zip's entries in the order they are stored (local headers, as a streaming reader meets them). */
function storedOrder(bytes: Buffer): string[] {
  const names: string[] = [];
  for (let at = 0; bytes.readUInt32LE(at) === 0x04034b50; ) {
    const compressed = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    names.push(bytes.toString('utf8', at + 30, at + 30 + nameLength));
    at += 30 + nameLength + bytes.readUInt16LE(at + 28) + compressed;
  }
  return names;
}

interface ZipPart {
  name: string;
  data: Buffer;
}

/** A plain zip of deflated entries, in the order given (no data descriptors). */
function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    const entry = Buffer.concat([local, nameBytes, packed]);
    locals.push(entry);
    centrals.push(Buffer.concat([central, nameBytes]));
    offset += entry.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const text = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${s}`);
/** A one-sheet workbook of inline strings (no sharedStrings.xml), the sheet stored first as Excel does. */
function inlineWorkbook(sheetXml: string): Buffer {
  return zip([
    {
      name: 'xl/worksheets/sheet1.xml',
      data: text(`<worksheet xmlns="${MAIN}"><sheetData>${sheetXml}</sheetData></worksheet>`),
    },
    {
      name: '[Content_Types].xml',
      data: text('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    },
    {
      name: '_rels/.rels',
      data: text(
        `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: text(
        `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: text(
        `<workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuille1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
  ]);
}
const inline = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;

let temp: string;
let saved: string | undefined;
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'impact-tmpdir-'));
  saved = process.env.TMPDIR;
  process.env.TMPDIR = temp;
});
afterEach(() => {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
  rmSync(temp, { recursive: true, force: true });
});

/** Every record of the workbook, and what the temp folder held while its rows were read. */
async function readAll(bytes: Buffer, file = 'book.xlsx', columns: Record<string, string> = {}) {
  const records: string[][] = [];
  const seenInTemp = new Set<string>();
  for await (const record of readWorkbook(file, { bytes, schema: SCHEMAS.beneficiaries, columns })) {
    records.push(record.cells);
    for (const name of readdirSync(temp)) seenInTemp.add(name);
  }
  return { records, seenInTemp: [...seenInTemp] };
}

describe('a workbook read in memory', () => {
  it("reads Excel's order (sheets before the shared strings) without a file in the temp folder", async () => {
    const bytes = readFileSync(PARTNER);
    const order = storedOrder(bytes);
    expect(order.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(order.indexOf('xl/sharedStrings.xml'));
    const columns = { Identifiant: 'beneficiary_id', Plateforme: 'site_id', 'Date d’entrée': 'entry_date' };
    const { records, seenInTemp } = await readAll(bytes, PARTNER, columns);
    expect(seenInTemp).toEqual([]);
    // The header found under the title, then the four data rows (test/data/workbook.test.ts reads their values).
    expect(records[0]).toContain('Identifiant');
    expect(records).toHaveLength(5);
  });

  it('puts the workbook parts first and keeps every entry', () => {
    const bytes = readFileSync(PARTNER);
    const order = storedOrder(orderedWorkbook(bytes));
    expect(order.slice(0, 5)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
    ]);
    expect([...order].sort()).toEqual([...storedOrder(bytes)].sort());
  });

  it('reads a workbook of inline strings (no sharedStrings.xml) without a file in the temp folder', async () => {
    const book = inlineWorkbook(
      `<row r="1">${inline('A1', 'beneficiary_id')}${inline('B1', 'site_id')}</row>` +
        `<row r="2">${inline('A2', 'P1')}${inline('B2', 'S1')}</row>`,
    );
    expect(storedOrder(book)).not.toContain('xl/sharedStrings.xml');
    const { records, seenInTemp } = await readAll(book);
    expect(seenInTemp).toEqual([]);
    expect(records).toEqual([
      ['beneficiary_id', 'site_id'],
      ['P1', 'S1'],
    ]);
  });

  it('refuses a zip bomb from the sizes its directory declares, before inflating it', () => {
    // 40 MB of one letter deflates to about 40 kB: a ratio of 1,000.
    const bomb = inlineWorkbook(`<row r="1">${inline('A1', 'A'.repeat(40 * 1024 * 1024))}</row>`);
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => orderedWorkbook(bomb)).toThrow(WorkbookShapeError);
    expect(() => orderedWorkbook(bomb)).toThrow(/xl\/worksheets\/sheet1.xml would unpack to 40 MB from \d+ kB/);
  });

  it('leaves bytes that are no zip to exceljs, which says what is wrong', async () => {
    const notZip = Buffer.from('identifiant;site\nP1;S1\n');
    expect(orderedWorkbook(notZip)).toBe(notZip);
    await expect(readAll(notZip)).rejects.toThrow();
  });
});
