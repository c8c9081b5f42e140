// node:zlib for the CLI and Node tests: native inflate, stopped by zlib itself at the output limit.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { InflateLimitError, useCodec, type Codec } from "./inflate";

export const zlibCodec: Codec = {
  inflate(data, maxOut) {
    try {
      const b = inflateRawSync(data, { maxOutputLength: Math.max(1, maxOut) });
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
