// A ZIP archive read from its central directory, and rewritten with chosen entries replaced: every other
// entry is copied byte for byte (local header, data, descriptor). No fs here: bytes in, bytes out.
import { DEFAULT_LIMITS, MESSAGES, XLSX_FILE, XlsxReadError, type FileKind, type ReadLimits } from "./errors";
import { codec, deflateLevel, InflateLimitError } from "./inflate";

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header. */
  offset: number;
  /** The whole central-directory record, for copying. */
  central: Uint8Array;
  /** Offset of the zip64 "local header offset" field inside `central`, when the offset lives there. */
  zip64OffsetAt: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_LOC64 = 0x07064b50;
const SIG_CEN = 0x02014b50;
const SIG_LOC = 0x04034b50;

const utf8 = new TextDecoder("utf-8");
const damaged = (kind: FileKind) => new XlsxReadError("damaged", MESSAGES.damaged(kind));

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
}
function u64(b: Uint8Array, i: number): number {
  return u32(b, i) + u32(b, i + 4) * 0x100000000;
}

function findEocd(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) return i;
  }
  return -1;
}

export class ZipArchive {
  readonly entries: ZipEntry[] = [];
  private readonly byName = new Map<string, ZipEntry>();
  private inflated = 0;
  /** Parts counted in `inflated`: a part read again (the fill re-reads the sheets it writes) counts once. */
  private readonly counted = new Set<ZipEntry>();
  readonly cdOffset: number;
  /** The archive comment (end of the central directory), kept byte for byte by a rewrite. */
  readonly comment: Uint8Array;

  constructor(
    readonly bytes: Uint8Array,
    readonly limits: ReadLimits = DEFAULT_LIMITS,
    /** What the messages call the file and tell to do: a workbook, or a .docx 情况说明 read through this code too. */
    readonly kind: FileKind = XLSX_FILE,
  ) {
    const b = bytes;
    const e = findEocd(b);
    if (e < 0) throw damaged(kind);
    this.comment = b.subarray(e + 22, Math.min(b.length, e + 22 + u16(b, e + 20)));
    let count = u16(b, e + 10);
    let cdSize = u32(b, e + 12);
    let cdOffset = u32(b, e + 16);
    if ((count === 0xffff || cdOffset === 0xffffffff) && e >= 20 && u32(b, e - 20) === SIG_LOC64) {
      const at = u64(b, e - 12);
      if (at + 56 > b.length || u32(b, at) !== SIG_EOCD64) throw damaged(kind);
      count = u64(b, at + 32);
      cdSize = u64(b, at + 40);
      cdOffset = u64(b, at + 48);
    }
    if (cdOffset + cdSize > b.length) throw damaged(kind);
    this.cdOffset = cdOffset;
    let p = cdOffset;
    const cdEnd = cdOffset + cdSize;
    // Past the count, records that the directory still holds: writers without zip64 keep only the count's low 16 bits
    // (70,031 entries counted as 4,495), and the rest would be dropped from a filled copy.
    for (let n = 0; n < count || (p + 46 <= cdEnd && u32(b, p) === SIG_CEN); n++) {
      if (p + 46 > b.length || u32(b, p) !== SIG_CEN) throw damaged(kind);
      if (n >= limits.maxParts) throw new XlsxReadError("too-many-parts", MESSAGES.tooManyParts(limits.maxParts, kind));
      const flags = u16(b, p + 8);
      const method = u16(b, p + 10);
      const crc = u32(b, p + 16);
      let compressedSize = u32(b, p + 20);
      let size = u32(b, p + 24);
      const nameLen = u16(b, p + 28);
      const extraLen = u16(b, p + 30);
      const commentLen = u16(b, p + 32);
      let offset = u32(b, p + 42);
      const end = p + 46 + nameLen + extraLen + commentLen;
      if (end > b.length) throw damaged(kind);
      const name = utf8.decode(b.subarray(p + 46, p + 46 + nameLen));
      let zip64OffsetAt = -1;
      if (size === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff) {
        // zip64 extra field (id 1): the values that overflowed, in this order.
        let x = p + 46 + nameLen;
        const xEnd = x + extraLen;
        while (x + 4 <= xEnd) {
          const id = u16(b, x);
          const len = u16(b, x + 2);
          if (id === 1) {
            let q = x + 4;
            if (size === 0xffffffff) (size = u64(b, q)), (q += 8);
            if (compressedSize === 0xffffffff) (compressedSize = u64(b, q)), (q += 8);
            if (offset === 0xffffffff) (zip64OffsetAt = q - p), (offset = u64(b, q));
            break;
          }
          x += 4 + len;
        }
      }
      const entry: ZipEntry = { name, method, flags, crc, compressedSize, size, offset, central: b.subarray(p, end), zip64OffsetAt };
      this.entries.push(entry);
      const key = name.toLowerCase();
      // Two entries of one name (OPC names ignore case): which one is the part depends on the program reading it. Names
      // that are no UTF-8 (a zip tool's GBK) decode alike ("\ufffd") without being one name, and are no parts we read.
      if (this.byName.has(key) && !key.endsWith("/") && !key.includes("\ufffd")) throw new XlsxReadError("duplicate-part", MESSAGES.duplicatePart(name, kind));
      this.byName.set(key, entry);
      p = end;
    }
    this.checkOverlaps();
  }

  /**
   * Each entry's local header and data end before the next entry starts, and the last before the directory: entries
   * that share bytes read one piece of data as several parts (the overlapping "zip bomb"), and a rewrite, which copies
   * each entry up to the next one's start, would cut them apart.
   */
  private checkOverlaps(): void {
    let sorted = this.entries;
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].offset < sorted[i - 1].offset) {
        sorted = [...sorted].sort((a, b) => a.offset - b.offset);
        break;
      }
    }
    for (let i = 0; i < sorted.length; i++) {
      const e = sorted[i];
      const next = i + 1 < sorted.length ? sorted[i + 1].offset : this.cdOffset;
      if (e.offset + 30 + e.compressedSize > next) {
        const other = i + 1 < sorted.length ? sorted[i + 1].name : null;
        throw new XlsxReadError("overlapping-parts", MESSAGES.overlappingParts(e.name, other, this.kind));
      }
    }
  }

  /** Entry by part name ("xl/workbook.xml" or "/xl/workbook.xml"), case-insensitively as OPC names are. */
  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name.replace(/^\//, "").toLowerCase());
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  private dataStart(e: ZipEntry): number {
    const b = this.bytes;
    if (e.offset + 30 > b.length || u32(b, e.offset) !== SIG_LOC) throw damaged(this.kind);
    const start = e.offset + 30 + u16(b, e.offset + 26) + u16(b, e.offset + 28);
    if (start + e.compressedSize > b.length) throw damaged(this.kind);
    return start;
  }

  /** The stored (compressed) bytes of an entry. */
  raw(e: ZipEntry): Uint8Array {
    const start = this.dataStart(e);
    return this.bytes.subarray(start, start + e.compressedSize);
  }

  /** The uncompressed bytes of a part, within the size, ratio and total limits. */
  read(name: string): Uint8Array {
    const e = this.entry(name);
    if (!e) throw new XlsxReadError("damaged", MESSAGES.missingPart(name, this.kind));
    const L = this.limits;
    if (e.flags & 1) throw new XlsxReadError("encrypted", MESSAGES.encrypted(this.kind));
    if (e.size > L.maxPartBytes) throw new XlsxReadError("part-too-large", MESSAGES.partTooLarge(e.name, e.size, L.maxPartBytes, this.kind));
    if (e.size > 1024 * 1024 && e.size / Math.max(1, e.compressedSize) > L.maxRatio) {
      throw new XlsxReadError("zip-bomb", MESSAGES.zipBomb(e.name, e.size / Math.max(1, e.compressedSize), this.kind));
    }
    if (!this.counted.has(e) && this.inflated + e.size > L.maxTotalBytes) throw new XlsxReadError("part-too-large", MESSAGES.totalTooLarge(L.maxTotalBytes, this.kind));
    const data = this.raw(e);
    let out: Uint8Array;
    if (e.method === 0) out = data;
    else if (e.method === 8) {
      // The central directory's size is what the part must inflate to; more is a forged header (a bomb).
      try {
        out = codec().inflate(data, e.size);
      } catch (x) {
        if (x instanceof InflateLimitError) {
          throw new XlsxReadError("zip-bomb", MESSAGES.understated(e.name, e.size));
        }
        throw damaged(this.kind);
      }
    } else throw damaged(this.kind);
    if (out.length !== e.size) throw damaged(this.kind);
    if (!this.counted.has(e)) {
      this.counted.add(e);
      this.inflated += out.length;
    }
    return out;
  }

  /**
   * Part text, a BOM dropped. XML may be saved in UTF-16 (by its BOM or its first "<") or declare another encoding
   * (GBK, GB18030…): such a part's declaration is made to say UTF-8, as whatever writes the text back encodes it so.
   */
  text(name: string): string {
    const b = this.read(name);
    const order = b[0] === 0xff && b[1] === 0xfe ? "le" : b[0] === 0xfe && b[1] === 0xff ? "be" : b[0] === 0x3c && b[1] === 0 ? "le" : b[0] === 0 && b[1] === 0x3c ? "be" : null;
    if (order === null) {
      const decoder = b[0] === 0x3c && b[1] === 0x3f ? declaredDecoder(b, name, this.kind) : null;
      if (decoder === null) {
        const s = utf8.decode(b);
        return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
      }
      return utf8Declared(decoder.decode(b));
    }
    const s = new TextDecoder(order === "le" ? "utf-16le" : "utf-16be").decode(b);
    return utf8Declared(s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
  }
}

/** The declaration of XML text (now a string) made to say UTF-8. */
function utf8Declared(s: string): string {
  return s.replace(/^(<\?xml[^>]*?\sencoding\s*=\s*["'])[^"']*(["'])/, "$1UTF-8$2");
}

/**
 * A decoder for an XML part without a BOM whose declaration (in its first 100 bytes) names an encoding other than
 * UTF-8; null for UTF-8 or no declaration. An encoding no decoder knows is refused: its text would read as mojibake.
 */
function declaredDecoder(b: Uint8Array, part: string, kind: FileKind): TextDecoder | null {
  // Up to the first ">" in the first 100 bytes, one char a byte, made in one call (not a char at a time: every part).
  const n = Math.min(100, b.length);
  let end = 0;
  while (end < n && b[end] !== 0x3e /* > */) end++;
  const head = String.fromCharCode.apply(null, b.subarray(0, Math.min(end + 1, n)) as unknown as number[]);
  const m = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(head);
  if (!m) return null;
  const label = m[1].trim().toLowerCase();
  if (label === "utf-8" || label === "utf8") return null;
  let d: TextDecoder;
  try {
    d = new TextDecoder(label);
  } catch {
    throw new XlsxReadError("unknown-encoding", MESSAGES.unknownEncoding(part, m[1], kind));
  }
  // Bytes that start "<?" in one byte each are no UTF-16 whatever the declaration says (as an XML parser reads them).
  if (d.encoding === "utf-8" || d.encoding.startsWith("utf-16")) return null;
  return d;
}

// ---------- writing ----------

class Out {
  private chunks: Uint8Array[] = [];
  length = 0;
  push(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function header(size: number): [Uint8Array, DataView] {
  const b = new Uint8Array(size);
  return [b, new DataView(b.buffer)];
}

const encoder = new TextEncoder();

interface NewEntry {
  name: Uint8Array;
  crc: number;
  csize: number;
  size: number;
  time: number;
  date: number;
  data: Uint8Array;
}

function compressed(name: string, content: Uint8Array, like?: ZipEntry): NewEntry {
  const time = like ? u16(like.central, 12) : 0;
  const date = like ? u16(like.central, 14) : 0x21;
  return { name: encoder.encode(name), crc: codec().crc32(content), csize: 0, size: content.length, time, date, data: codec().deflate(content, deflateLevel(content.length)) };
}

function localHeader(e: NewEntry): Uint8Array {
  const [b, v] = header(30 + e.name.length);
  v.setUint32(0, SIG_LOC, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, 0x800, true); // names in UTF-8
  v.setUint16(8, 8, true);
  v.setUint16(10, e.time, true);
  v.setUint16(12, e.date, true);
  v.setUint32(14, e.crc, true);
  v.setUint32(18, e.data.length, true);
  v.setUint32(22, e.size, true);
  v.setUint16(26, e.name.length, true);
  b.set(e.name, 30);
  return b;
}

function centralHeader(e: NewEntry, offset: number): Uint8Array {
  const [b, v] = header(46 + e.name.length);
  v.setUint32(0, SIG_CEN, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, 20, true);
  v.setUint16(8, 0x800, true);
  v.setUint16(10, 8, true);
  v.setUint16(12, e.time, true);
  v.setUint16(14, e.date, true);
  v.setUint32(16, e.crc, true);
  v.setUint32(20, e.data.length, true);
  v.setUint32(24, e.size, true);
  v.setUint16(28, e.name.length, true);
  v.setUint32(42, offset, true);
  b.set(e.name, 46);
  return b;
}

/** A copied central record with its local-header offset moved. */
function movedCentral(e: ZipEntry, offset: number): Uint8Array {
  const c = e.central.slice();
  const v = new DataView(c.buffer, c.byteOffset, c.byteLength);
  if (e.zip64OffsetAt >= 0) {
    v.setUint32(e.zip64OffsetAt, offset >>> 0, true);
    v.setUint32(e.zip64OffsetAt + 4, Math.floor(offset / 0x100000000), true);
  } else v.setUint32(42, offset, true);
  return c;
}

function set64(v: DataView, at: number, n: number): void {
  v.setUint32(at, n >>> 0, true);
  v.setUint32(at + 4, Math.floor(n / 0x100000000), true);
}

/**
 * The archive with `replace` parts (name → new content; null removes the part) and `add` parts appended.
 * Entries not named are copied byte for byte, in their original order.
 */
export function rewriteZip(zip: ZipArchive, replace: Map<string, Uint8Array | null>, add: Map<string, Uint8Array> = new Map()): Uint8Array {
  const out = new Out();
  const central: Uint8Array[] = [];
  const byOffset = [...zip.entries].sort((a, b) => a.offset - b.offset);
  const ends = new Map<ZipEntry, number>();
  byOffset.forEach((e, i) => ends.set(e, i + 1 < byOffset.length ? byOffset[i + 1].offset : zip.cdOffset));
  const lowerReplace = new Map([...replace].map(([k, v]) => [k.replace(/^\//, "").toLowerCase(), v]));
  let count = 0;
  for (const e of zip.entries) {
    const key = e.name.toLowerCase();
    const offset = out.length;
    if (lowerReplace.has(key)) {
      const content = lowerReplace.get(key)!;
      if (content === null) continue;
      const n = compressed(e.name, content, e);
      out.push(localHeader(n));
      out.push(n.data);
      central.push(centralHeader(n, offset));
    } else {
      out.push(zip.bytes.subarray(e.offset, ends.get(e)!));
      central.push(movedCentral(e, offset));
    }
    count++;
  }
  for (const [name, content] of add) {
    const offset = out.length;
    const n = compressed(name.replace(/^\//, ""), content);
    out.push(localHeader(n));
    out.push(n.data);
    central.push(centralHeader(n, offset));
    count++;
  }
  const cdStart = out.length;
  for (const c of central) out.push(c);
  const cdSize = out.length - cdStart;
  // More entries than 16 bits count (or offsets past 4 GB): the zip64 end records hold the real values.
  const zip64 = count > 0xfffe || cdStart > 0xfffffffe || cdSize > 0xfffffffe;
  if (zip64) {
    const at = out.length;
    const [rec, r] = header(56 + 20);
    r.setUint32(0, SIG_EOCD64, true);
    set64(r, 4, 44); // size of the rest of the record
    r.setUint16(12, 45, true); // made by: zip64 (4.5)
    r.setUint16(14, 45, true); // needed
    set64(r, 24, count);
    set64(r, 32, count);
    set64(r, 40, cdSize);
    set64(r, 48, cdStart);
    r.setUint32(56, SIG_LOC64, true);
    set64(r, 64, at);
    r.setUint32(72, 1, true); // disks
    out.push(rec);
  }
  const [eocd, v] = header(22 + zip.comment.length);
  v.setUint32(0, SIG_EOCD, true);
  v.setUint16(8, zip64 ? 0xffff : count, true);
  v.setUint16(10, zip64 ? 0xffff : count, true);
  v.setUint32(12, zip64 ? 0xffffffff : cdSize, true);
  v.setUint32(16, zip64 ? 0xffffffff : cdStart, true);
  v.setUint16(20, zip.comment.length, true);
  eocd.set(zip.comment, 22);
  out.push(eocd);
  return out.bytes();
}
