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
  { cell: "F6", value: XSS }, // a derived cell the fill cannot read: reported, never overwritten
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

/** The seed's own 三公 paragraph, whose "增加0.00万元…无增减变化" the text check reports (S-06). */
export const SANGONG_PARAGRAPH =
  "2024年，我部门财政拨款“三公”经费预算安排0.00万元，其中因公出国（境）费0.00万元；公务用车购置及运维费0.00万元（其中：公务用车购置费为0.00万元，公务用车运维费0.00万元）；公务接待费0.00万元。与2023年相比增加0.00万元，增减变化的主要原因是无增减变化";
/** The 情况说明 sheet the text-check tests add: a title in A1, the 三公 paragraph in A2. */
export const NARRATIVE_ROWS = [["平乡县行政审批局2024年部门预算信息公开情况说明"], ["九、“三公”经费预算情况说明"], [SANGONG_PARAGRAPH]];
export const SANGONG_CELL = "A3";

/** The seed snapshot with a hand-written 情况说明 sheet. */
export async function narrativeSnapshot(): Promise<WorkbookSnapshot> {
  const { snapshot } = await readSnapshot(fs.readFileSync(SEED), "平乡县-情况说明.xlsx");
  snapshot.sheets.push({ name: "情况说明", rows: NARRATIVE_ROWS.map((r) => [...r]) });
  return snapshot;
}

/** The same as an .xlsx file, for browser mode. */
export async function narrativeXlsx(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SEED);
  const ws = wb.addWorksheet("情况说明");
  NARRATIVE_ROWS.forEach((r, i) => (ws.getCell(`A${i + 1}`).value = r[0]));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "budget-e2e-")), "平乡县-情况说明.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

/** The seed with 17 derived totals left empty (test/fixtures/cleared-totals.ts), as an .xlsx file. */
export async function clearedTotalsXlsx(): Promise<string> {
  const { CLEARED_TOTALS } = await import("../fixtures/cleared-totals");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SEED);
  for (const [sheet, cell] of CLEARED_TOTALS) wb.getWorksheet(sheet)!.getCell(cell).value = null;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "budget-e2e-")), "平乡县-合计未填.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}
