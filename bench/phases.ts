// Phase timings (CPU) and live heap after each phase of one `check`, as the CLI runs it (dev aid):
// npx esbuild bench/phases.ts --bundle --platform=node --outfile=/tmp/phases.cjs && node --expose-gc /tmp/phases.cjs FILE [repeats]
import { readFileSync } from "node:fs";
import { readSnapshotSync } from "../src/xlsx/read-snapshot";
import { useNodeCodec } from "../src/xlsx/inflate-node";
import { readWorkbook } from "../src/core/model/read-workbook";
import { checkWorkbook, listTables } from "../src/core/check-tables";
import { sortFindings } from "../src/core/findings";
import { planFillWithNotes } from "../src/core/empty-notes";
import { withTextFindings } from "../src/core/check";
import { groupFindings } from "../src/core/group-findings";

useNodeCodec(); // native inflate, as the CLI reads
const file = process.argv[2];
const reps = Number(process.argv[3] ?? 1);
const bytes = readFileSync(file);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const gc = (globalThis as { gc?: () => void }).gc;
for (let i = 0; i < reps; i++) {
  const out: string[] = [];
  let t0 = cpu();
  const lap = (name: string) => {
    const ms = cpu() - t0;
    if (process.env.LIVE) gc?.();
    out.push(`${name} ${ms.toFixed(0)} ms (${Math.round(process.memoryUsage().heapUsed / 1e6)} MB${process.env.LIVE ? " live" : ""})`);
    if (process.env.MARK) console.log(`@${name}`); // between the lines of --trace-gc: which phase collected what
    t0 = cpu();
  };
  const { snapshot } = readSnapshotSync(bytes);
  lap("read");
  const wb = readWorkbook(snapshot);
  lap("model");
  const findings = sortFindings(checkWorkbook(wb));
  lap("rules");
  const result = withTextFindings({ unit: wb.unit, tables: wb.tables, listing: listTables(snapshot, wb), findings }, wb, snapshot, {});
  lap("text");
  // As `check` groups them: the fill of settled tables skipped (fill.ts FillOptions.settled).
  groupFindings(snapshot, result, { wb });
  lap("group");
  if (process.env.FULL_PLAN) {
    planFillWithNotes(snapshot, wb);
    lap("full plan");
  }
  console.log(out.join("  "));
}
