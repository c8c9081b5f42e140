import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { readSnapshotSync } from "../src/xlsx/read-snapshot";
import { snapshotOfWorkbook } from "../src/xlsx/exceljs-snapshot";
import { cellAt, formulaAt } from "../src/core/snapshot";
(async () => {
  for (const f of process.argv.slice(2)) {
    const bytes = readFileSync(f);
    const t0 = performance.now();
    const mine = readSnapshotSync(bytes).snapshot;
    const t1 = performance.now();
    const wb = new ExcelJS.Workbook(); await wb.xlsx.load(bytes as any);
    const ref = snapshotOfWorkbook(wb);
    const t2 = performance.now();
    let diffs = 0;
    if (mine.sheets.map(s=>s.name).join() !== ref.sheets.map(s=>s.name).join()) console.log("sheet names differ", mine.sheets.map(s=>s.name), ref.sheets.map(s=>s.name));
    for (const [i, s] of ref.sheets.entries()) {
      const m = mine.sheets[i]; if (!m) continue;
      const R = Math.max(s.rows.length, m.rows.length);
      for (let r = 0; r < R; r++) { const C = Math.max(s.rows[r]?.length ?? 0, m.rows[r]?.length ?? 0);
        for (let c = 0; c < C; c++) {
          const a = JSON.stringify(cellAt(s, r, c)), b = JSON.stringify(cellAt(m, r, c));
          const fa = formulaAt(s, r, c), fb = formulaAt(m, r, c);
          const na = s.numberFormats?.[r]?.[c] ?? null, nb = m.numberFormats?.[r]?.[c] ?? null;
          if (a !== b || fa !== fb || (na !== nb && (cellAt(s,r,c) !== null))) { if (diffs++ < 15) console.log(f, s.name, r, c, "exceljs", a, fa, na, "mine", b, fb, nb); }
        } }
    }
    console.log(f, "diffs", diffs, "mine", (t1-t0).toFixed(1), "exceljs", (t2-t1).toFixed(1), "merges", mine.sheets.map(s=>s.merges?.length).join(","));
  }
})();
