// node:zlib for the CLI and Node tests: native inflate, stopped by zlib itself at the output limit.
import * as zlib from "node:zlib";
import { crc32Table, InflateLimitError, useCodec, type Codec } from "./inflate";

export const zlibCodec: Codec = {
  inflate(data, maxOut) {
    try {
      // One output chunk a byte larger than the part (whose size the reader has already bounded): no chunks to join
      // (zlib's default is 16 KB chunks, concatenated at the end, twice the part in memory for a moment).
      const b = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxOut), chunkSize: Math.max(64, Math.min(maxOut + 1, 2 ** 30)) });
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (e) {
      if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new InflateLimitError(maxOut + 1);
      throw e;
    }
  },
  deflate(data, level) {
    const b = zlib.deflateRawSync(data, { level });
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  },
  // zlib's (Node 20.15 and later), ten times the table's speed on a 20 MB sheet; the table on an older Node 20.
  crc32: typeof zlib.crc32 === "function" ? (data) => zlib.crc32(data) : crc32Table,
};

export function useNodeCodec(): void {
  useCodec(zlibCodec);
}
