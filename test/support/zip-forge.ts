// Hostile zips made from good ones: fields of the central directory forged, entries renamed in place.
import { strict as assert } from "node:assert";
import { strToU8 } from "fflate";
import { ZipArchive } from "../../src/xlsx/zip";

/** The archive with a 32-bit field (at `at` in the central record) of one entry set to `value`. */
export function forgeCentral(zip: Uint8Array, name: string, at: number, value: number): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  const nameBytes = strToU8(name);
  for (let p = 0; p + 46 < out.length; p++) {
    if (v.getUint32(p, true) !== 0x02014b50) continue;
    const len = v.getUint16(p + 28, true);
    if (len === nameBytes.length && nameBytes.every((b, i) => out[p + 46 + i] === b)) v.setUint32(p + at, value, true);
  }
  return out;
}

/** The archive with entry `name`'s local-header offset set to `other`'s: two parts read from one piece of data. */
export function shareData(zip: Uint8Array, name: string, other: string): Uint8Array {
  return forgeCentral(zip, name, 42, new ZipArchive(zip).entry(other)!.offset);
}

/** The archive with one entry's name (same length) changed in its local and central headers. */
export function renamePart(zip: Uint8Array, from: string, to: string | Uint8Array): Uint8Array {
  const out = zip.slice();
  const a = strToU8(from);
  const b = typeof to === "string" ? strToU8(to) : to;
  assert.equal(a.length, b.length);
  for (let p = 0; p + a.length < out.length; p++) if (a.every((x, i) => out[p + i] === x)) out.set(b, p);
  return out;
}
