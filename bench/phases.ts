// Phase timings and live heap of `check`, as the CLI runs it (dev aid):
// npx esbuild bench/phases.ts --bundle --platform=node --outfile=/tmp/phases.cjs && node --expose-gc /tmp/phases.cjs FILE [repeats]
// Of one file: the CPU time and heap after each phase. Of a folder (its .xlsx files in name order, as `check` takes
// them): the wall time of each phase a workbook, over the first 100 and the last 100, which shows V8 warming up.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { readSnapshotSync } from "../src/xlsx/read-snapshot";
import { useNodeCodec } from "../src/xlsx/inflate-node";
import { readWorkbook } from "../src/core/model/read-workbook";
import { checkWorkbook, listTables } from "../src/core/check-tables";
import { sortFindings } from "../src/core/findings";
import { planFillWithNotes } from "../src/core/empty-notes";
import { withTextFindings } from "../src/core/check";
import { groupFindings } from "../src/core/group-findings";

useNodeCodec(); // native inflate, as the CLI reads
const input = process.argv[2];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const gc = (globalThis as { gc?: () => void }).gc;

/** One check of the bytes, phase by phase; `lap(name)` is called at the end of each. */
function check(bytes: Uint8Array, lap: (name: string) => void): void {
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
}

if (statSync(input).isDirectory()) {
  const files = readdirSync(input).filter((f) => f.endsWith(".xlsx")).sort().map((f) => join(input, f));
  const per: Record<string, number>[] = [];
  for (const f of files) {
    const bytes = readFileSync(f);
    const times: Record<string, number> = {};
    let t0 = performance.now();
    check(bytes, (name) => {
      const t = performance.now();
      times[name] = t - t0;
      t0 = t;
    });
    per.push(times);
  }
  const mean = (rows: Record<string, number>[]) => {
    const names = Object.keys(rows[0] ?? {});
    const each = names.map((n) => `${n} ${(rows.reduce((s, r) => s + r[n], 0) / rows.length).toFixed(2)}`);
    const total = rows.reduce((s, r) => s + Object.values(r).reduce((a, b) => a + b, 0), 0) / rows.length;
    return `${each.join("  ")}  total ${total.toFixed(2)} ms`;
  };
  const n = Math.min(100, per.length);
  console.log(`${per.length} workbooks, ms a workbook (wall)`);
  console.log(`first ${n}: ${mean(per.slice(0, n))}`);
  console.log(`last ${n}:  ${mean(per.slice(-n))}`);
} else {
  const bytes = readFileSync(input);
  for (let i = 0; i < Number(process.argv[3] ?? 1); i++) {
    const out: string[] = [];
    let t0 = cpu();
    check(bytes, (name) => {
      const ms = cpu() - t0;
      if (process.env.LIVE) gc?.();
      out.push(`${name} ${ms.toFixed(0)} ms (${Math.round(process.memoryUsage().heapUsed / 1e6)} MB${process.env.LIVE ? " live" : ""})`);
      if (process.env.MARK) console.log(`@${name}`); // between the lines of --trace-gc: which phase collected what
      t0 = cpu();
    });
    console.log(out.join("  "));
  }
}
