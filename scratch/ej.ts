import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { readSnapshotSync } from "../src/xlsx/read-snapshot";
import { useNodeCodec } from "../src/xlsx/inflate-node";
import { check } from "../src/core/check";
useNodeCodec();
(async () => {
for (const f of process.argv.slice(2)) {
  const bytes = readFileSync(f);
  const N = 30;
  for (let round = 0; round < 2; round++) {
  let c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) await new ExcelJS.Workbook().xlsx.load(bytes as any);
  let cu = process.cpuUsage(c0); const ej = (cu.user + cu.system) / 1000 / N;
  c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) readSnapshotSync(bytes);
  cu = process.cpuUsage(c0); const mine = (cu.user + cu.system) / 1000 / N;
  c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) check(readSnapshotSync(bytes).snapshot);
  cu = process.cpuUsage(c0); const chk = (cu.user + cu.system) / 1000 / N;
  console.log(f, "exceljs", ej.toFixed(2), "mine", mine.toFixed(2), "mine+check", chk.toFixed(2), "ratio", (chk/ej).toFixed(2));
  }
}
})();
