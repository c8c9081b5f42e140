// Raw DEFLATE with a hard output limit. fflate (pure JS) everywhere; the CLI swaps in node:zlib, about 4× faster.
import { Deflate, Inflate } from "fflate";

/** Thrown when the output would pass the limit: the caller names the part. */
export class InflateLimitError extends Error {
  constructor(readonly produced: number) {
    super("inflate limit");
  }
}

export interface Codec {
  /** Inflates raw DEFLATE data; throws InflateLimitError as soon as the output would exceed maxOut bytes. */
  inflate(data: Uint8Array, maxOut: number): Uint8Array;
  /** Raw DEFLATE at `level` (1 fastest … 9 smallest). */
  deflate(data: Uint8Array, level: DeflateLevel): Uint8Array;
  /** CRC-32 of the bytes (as ZIP stores it). */
  crc32(data: Uint8Array): number;
}

// Feeding the input in small slices bounds what one push can produce (≤ 1,032× the slice) before the check.
const SLICE = 16 * 1024;

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export const fflateCodec: Codec = {
  inflate(data, maxOut) {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const s = new Inflate((chunk) => {
      total += chunk.length;
      if (total > maxOut) throw new InflateLimitError(total);
      chunks.push(chunk);
    });
    if (data.length === 0) s.push(data, true);
    for (let i = 0; i < data.length; i += SLICE) s.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
    return concat(chunks, total);
  },
  deflate(data, level) {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const s = new Deflate({ level }, (chunk) => {
      chunks.push(chunk);
      total += chunk.length;
    });
    s.push(data, true);
    return concat(chunks, total);
  },
  crc32: crc32Table,
};

export type DeflateLevel = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/**
 * The level a part is written at: 6 (zlib's default, what Excel and LibreOffice files are near) up to 1 MB; 3 above,
 * where 6 costs three times as long for a part a seventh smaller (a 21 MB sheet of 50,000 rows: 0.54 s and 2.5 MB at
 * 6, 0.17 s and 2.9 MB at 3).
 */
export function deflateLevel(size: number): DeflateLevel {
  return size > 1024 * 1024 ? 3 : 6;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 by table, in JavaScript (the browser's; the CLI's codec has zlib's). */
export function crc32Table(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

let current: Codec = fflateCodec;

/** The codec the reader and writer use (the CLI installs node:zlib's). */
export function codec(): Codec {
  return current;
}

export function useCodec(c: Codec): void {
  current = c;
}
