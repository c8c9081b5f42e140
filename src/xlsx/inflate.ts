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
  deflate(data: Uint8Array): Uint8Array;
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
  deflate(data) {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const s = new Deflate({ level: 6 }, (chunk) => {
      chunks.push(chunk);
      total += chunk.length;
    });
    s.push(data, true);
    return concat(chunks, total);
  },
};

let current: Codec = fflateCodec;

/** The codec the reader and writer use (the CLI installs node:zlib's). */
export function codec(): Codec {
  return current;
}

export function useCodec(c: Codec): void {
  current = c;
}
