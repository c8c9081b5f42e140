// node:zlib for the CLI and Node tests: native inflate, stopped by zlib itself at the output limit.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { InflateLimitError, useCodec, type Codec } from "./inflate";

export const zlibCodec: Codec = {
  inflate(data, maxOut) {
    try {
      // One output chunk a byte larger than the part (whose size the reader has already bounded): no chunks to join
      // (zlib's default is 16 KB chunks, concatenated at the end, twice the part in memory for a moment).
      const b = inflateRawSync(data, { maxOutputLength: Math.max(1, maxOut), chunkSize: Math.max(64, Math.min(maxOut + 1, 2 ** 30)) });
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (e) {
      if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new InflateLimitError(maxOut + 1);
      throw e;
    }
  },
  deflate(data) {
    const b = deflateRawSync(data, { level: 6 });
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  },
};

export function useNodeCodec(): void {
  useCodec(zlibCodec);
}
