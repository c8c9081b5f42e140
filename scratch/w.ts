import { readFileSync } from "node:fs";
import Decimal from "decimal.js";
import { readSnapshotSync } from "../src/xlsx/read-snapshot";
import { writePlan } from "../src/xlsx/write-package";
import { parseA1 } from "../src/core/snapshot";
import { useNodeCodec } from "../src/xlsx/inflate-node";
if (process.argv[2]) useNodeCodec();
const { pkg } = readSnapshotSync(readFileSync("test/fixtures/seed.xlsx"));
const writes: any[] = [];
for (let r = 100; r < 20100; r++) for (const c of ["H", "I", "J"]) { const { row, col } = parseA1(`${c}${r}`)!; writes.push({ sheet: "支出总表", cell: `${c}${r}`, row, col, newValue: new Decimal(r) }); }
let t = performance.now();
const out = writePlan(pkg, { writes })!;
console.log("write", performance.now() - t); t = performance.now();
readSnapshotSync(out.bytes);
console.log("read", performance.now() - t);
