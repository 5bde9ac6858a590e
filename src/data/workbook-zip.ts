// A workbook's zip, checked and put in the order exceljs's streaming reader reads straight through.
// exceljs reads a worksheet as it meets it only once it has read xl/sharedStrings.xml and the workbook's
// relationships; Excel writes the worksheets first, so exceljs would copy each sheet to a file in the
// system temp folder, outside the workspace, and read it back. The file is in memory anyway (its
// sha256), so its entries are given again with the workbook's own parts first, and an empty
// sharedStrings.xml when it has none (a workbook of inline strings). The central directory's sizes also
// refuse a zip bomb before anything is inflated: a kilobyte that would unpack to gigabytes.

/** A workbook refused for its shape before it is read: the file's one problem, in both languages. */
export class WorkbookShapeError extends Error {
  constructor(
    readonly reason_en: string,
    readonly reason_fr: string,
  ) {
    super(reason_en);
  }
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** Beyond this an entry is a bomb when it also unpacks to more than RATIO times its size. */
const LARGE_ENTRY = 32 * 1024 * 1024;
const RATIO = 100;
/** All entries together, unpacked: far beyond any sheet Excel can hold (1,048,576 rows). */
const TOTAL = 2 * 1024 * 1024 * 1024;

/** The parts exceljs needs before a worksheet, in the order it reads them. */
const FIRST = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

interface Entry {
  name: string;
  /** The entry's central directory record. */
  central: Buffer;
  /** Its local header, data and data descriptor. */
  local: Buffer;
}

/**
 * The workbook's bytes with its entries reordered (the same entries, byte for byte, and a rebuilt central
 * directory). Throws WorkbookShapeError for a zip bomb or a workbook without its relationships; bytes
 * that are no zip at all (exceljs says what is wrong), or a ZIP64 archive, are given back as they are.
 */
export function orderedWorkbook(bytes: Buffer): Buffer {
  const entries = centralEntries(bytes);
  if (!entries) return bytes;
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/_rels/workbook.xml.rels') && entries.some((e) => WORKSHEET.test(e.name))) {
    throw new WorkbookShapeError(
      'not an Excel workbook: it has worksheets but no xl/_rels/workbook.xml.rels',
      'pas un classeur Excel\u00a0: il a des feuilles mais pas de xl/_rels/workbook.xml.rels',
    );
  }
  const rank = (name: string): number => {
    const i = FIRST.indexOf(name);
    return i < 0 ? FIRST.length : i;
  };
  const ordered = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry.name) - rank(b.entry.name) || a.index - b.index)
    .map((x) => x.entry);
  if (!names.has(SHARED_STRINGS)) {
    const at = ordered.findIndex((e) => rank(e.name) > rank(SHARED_STRINGS));
    ordered.splice(at < 0 ? ordered.length : at, 0, storedEntry(SHARED_STRINGS, EMPTY_SHARED_STRINGS));
  }
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of ordered) {
    const central = Buffer.from(entry.central);
    central.writeUInt32LE(offset, 42);
    centrals.push(central);
    parts.push(entry.local);
    offset += entry.local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(ordered.length, 8);
  end.writeUInt16LE(ordered.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** The archive's entries from its central directory, or undefined when it is not a plain (non-ZIP64) zip. */
function centralEntries(bytes: Buffer): Entry[] | undefined {
  const endAt = findEnd(bytes);
  if (endAt < 0) return undefined;
  const count = bytes.readUInt16LE(endAt + 10);
  const size = bytes.readUInt32LE(endAt + 12);
  const start = bytes.readUInt32LE(endAt + 16);
  // ZIP64 (sizes past 4 GB): given to exceljs as it is.
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) return undefined;
  if (start + size > endAt) return undefined;
  const entries: Entry[] = [];
  let total = 0;
  for (let at = start, i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) return undefined;
    const flags = bytes.readUInt16LE(at + 8);
    const compressed = bytes.readUInt32LE(at + 20);
    const unpacked = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const recordLength = 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const localAt = bytes.readUInt32LE(at + 42);
    if (compressed === 0xffffffff || unpacked === 0xffffffff || localAt === 0xffffffff) return undefined;
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    total += unpacked;
    if ((unpacked > LARGE_ENTRY && unpacked > RATIO * Math.max(1, compressed)) || total > TOTAL) {
      throw new WorkbookShapeError(
        `refused: ${name} would unpack to ${mib(unpacked)} MB from ${kib(compressed)} kB (a zip bomb)`,
        `refusé\u00a0: ${name} se décompresserait en ${mib(unpacked)}\u00a0Mo à partir de ${kib(compressed)}\u00a0ko (une bombe zip)`,
      );
    }
    const local = localEntry(bytes, localAt, compressed, flags);
    if (!local) return undefined;
    entries.push({ name, central: bytes.subarray(at, at + recordLength), local });
    at += recordLength;
  }
  return entries;
}

const mib = (n: number): string => (n / 1024 / 1024).toFixed(0);
const kib = (n: number): string => (n / 1024).toFixed(0);

/** The end of central directory record: the last one, within the 64 kB a comment may take. */
function findEnd(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (bytes.readUInt32LE(at) === END) return at;
  }
  return -1;
}

/** A local entry's bytes: header, name, extra field, data, and the data descriptor when flag bit 3 says so. */
function localEntry(bytes: Buffer, at: number, compressed: number, flags: number): Buffer | undefined {
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) return undefined;
  let end = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28) + compressed;
  if (flags & 0x8) end += end + 4 <= bytes.length && bytes.readUInt32LE(end) === 0x08074b50 ? 16 : 12;
  return end <= bytes.length ? bytes.subarray(at, end) : undefined;
}

/** A stored (uncompressed) entry, with its local header and central record. */
function storedEntry(name: string, data: Buffer): Entry {
  const nameBytes = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(LOCAL, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(CENTRAL, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  return {
    name,
    central: Buffer.concat([central, nameBytes]),
    local: Buffer.concat([local, nameBytes, data]),
  };
}

let crcTable: Uint32Array | undefined;
function crc32(data: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
