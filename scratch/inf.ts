import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { Inflate, inflateSync } from "fflate";
import JSZip from "jszip";
(async () => {
for (const f of ["/tmp/io/d30.xlsx", "/tmp/io/c5000.xlsx"]) {
  const z = await JSZip.loadAsync(readFileSync(f));
  const parts: Uint8Array[] = [];
  for (const n of Object.keys(z.files)) { const e: any = (z.files as any)[n]; if (e._data && e._data.compressedContent) parts.push(e._data.compressedContent); }
  const t = (name: string, fn: () => void) => { for (let i=0;i<5;i++) fn(); const t0=performance.now(); for (let i=0;i<20;i++) fn(); console.log(f, name, ((performance.now()-t0)/20).toFixed(2), "ms"); };
  t("zlib", () => { for (const p of parts) inflateRawSync(p); });
  t("fflate", () => { for (const p of parts) inflateSync(p); });
  t("fflate-stream", () => { for (const p of parts) { let n=0; const s = new Inflate((c)=>{n+=c.length}); for (let i=0;i<p.length;i+=65536) s.push(p.subarray(i, i+65536), i+65536>=p.length); } });
  const dec = new TextDecoder();
  t("zlib+decode", () => { for (const p of parts) dec.decode(inflateRawSync(p)); });
}
})();
