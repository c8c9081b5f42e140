// The seed fixture with two totals to fill (收入总表 合计 D6 blank, 小计 E6 wrong) and a cell holding HTML.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { readSnapshot } from "../../src/xlsx/read-snapshot";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { ROOT, XSS } from "./support";

export const SEED = path.join(ROOT, "test/fixtures/seed.xlsx");
export const INCOME_TITLE = "部门预算收入总表";
/** Cells changed from the seed, and what they hold in the variant. */
export const CHANGES: { cell: string; value: string | number | null }[] = [
  { cell: "D6", value: null },
  { cell: "E6", value: 1 },
  { cell: "G9", value: XSS },
];

function incomeSheetName(snap: WorkbookSnapshot): string {
  const s = snap.sheets.find((x) => x.rows[0]?.[0] === INCOME_TITLE);
  if (!s) throw new Error("seed has no 部门预算收入总表");
  return s.name;
}

export async function variantSnapshot(): Promise<{ snapshot: WorkbookSnapshot; sheet: string }> {
  const { snapshot } = await readSnapshot(fs.readFileSync(SEED), "平乡县行政审批局-2024年部门预算.xlsx");
  const sheet = incomeSheetName(snapshot);
  const s = snapshot.sheets.find((x) => x.name === sheet)!;
  for (const c of CHANGES) {
    const m = /^([A-Z])(\d+)$/.exec(c.cell)!;
    const r = Number(m[2]) - 1;
    const col = m[1].charCodeAt(0) - 65;
    while (s.rows.length <= r) s.rows.push([]);
    while (s.rows[r].length <= col) s.rows[r].push(null);
    s.rows[r][col] = c.value;
    if (s.formulas?.[r]) s.formulas[r][col] = null;
  }
  return { snapshot, sheet };
}

export async function variantXlsx(): Promise<{ file: string; sheet: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SEED);
  const { snapshot } = await readSnapshot(fs.readFileSync(SEED));
  const sheet = incomeSheetName(snapshot);
  const ws = wb.getWorksheet(sheet)!;
  for (const c of CHANGES) ws.getCell(c.cell).value = c.value;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "budget-e2e-")), "平乡县-测试.xlsx");
  await wb.xlsx.writeFile(file);
  return { file, sheet };
}
