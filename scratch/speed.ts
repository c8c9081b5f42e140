import { readFileSync } from "node:fs";
import { readSnapshotSync } from "../src/xlsx/read-snapshot";
import { useNodeCodec } from "../src/xlsx/inflate-node";
useNodeCodec();
for (const f of process.argv.slice(2)) {
  const bytes = readFileSync(f);
  for (let i = 0; i < 3; i++) readSnapshotSync(bytes);
  const N = f.includes("5000") ? 3 : 30;
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < N; i++) readSnapshotSync(bytes);
  const cu = process.cpuUsage(c0); console.log(f, "wall", ((performance.now() - t0) / N).toFixed(2), "cpu", ((cu.user + cu.system) / 1000 / N).toFixed(2), "ms");
}
