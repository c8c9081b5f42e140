// Writes a fill plan and the 情况说明 into an ExcelJS workbook; styles, merges and other sheets stay as they are.
import ExcelJS from "exceljs";
import type { FillPlan } from "../core/plan";
import type { NarrativeSection } from "../core/narrative/render";

/** Worksheet by name, or an error naming it (a plan made from another workbook). */
function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`工作簿中没有名为“${name}”的工作表，无法写入填充结果。`);
  return ws;
}

/**
 * Cells whose shared formula points at a cell about to lose its formula keep their own formula text;
 * otherwise ExcelJS would write clones of a master that no longer exists.
 */
function detachSharedFormulas(ws: ExcelJS.Worksheet, masters: Set<string>): void {
  if (masters.size === 0) return;
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      const v = cell.value as ExcelJS.CellSharedFormulaValue | null;
      if (v && typeof v === "object" && "sharedFormula" in v && masters.has(v.sharedFormula)) {
        cell.value = { formula: cell.formula, result: v.result } as ExcelJS.CellFormulaValue;
      }
    });
  });
}

/** Writes each planned value as a number; the cell keeps its style and number format, a formula is replaced by the value. */
export function applyPlanToWorkbook(wb: ExcelJS.Workbook, plan: FillPlan): void {
  const bySheet = new Map<string, FillPlan["writes"]>();
  for (const w of plan.writes) bySheet.set(w.sheet, [...(bySheet.get(w.sheet) ?? []), w]);
  for (const [name, writes] of bySheet) {
    const ws = sheetOf(wb, name);
    const masters = new Set<string>();
    for (const w of writes) {
      const cell = ws.getCell(w.cell);
      if (cell.type === ExcelJS.ValueType.Formula && cell.formulaType === ExcelJS.FormulaType.Master) masters.add(cell.address);
    }
    detachSharedFormulas(ws, masters);
    for (const w of writes) {
      const cell = ws.getCell(w.cell);
      cell.value = Number(w.newValue.toFixed());
    }
  }
  // Empty-table notes: text in the first column under the table (or cleared).
  for (const n of plan.notes ?? []) sheetOf(wb, n.sheet).getCell(n.cell).value = n.newValue;
}

/** Replaces the sheet's contents with the narrative: one paragraph per row in column A, headings bold. Returns the sheet name. */
export function writeNarrativeSheet(wb: ExcelJS.Workbook, sections: NarrativeSection[], sheetName = "情况说明"): string {
  const old = wb.getWorksheet(sheetName);
  const orderNo = old ? (old as unknown as { orderNo: number }).orderNo : undefined;
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(sheetName, { pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  // Keep the sheet where the old one was.
  if (orderNo !== undefined) (ws as unknown as { orderNo: number }).orderNo = orderNo;
  ws.getColumn(1).width = 100;
  let r = 1;
  const put = (text: string, kind: "title" | "heading" | "body") => {
    const cell = ws.getCell(r, 1);
    cell.value = text;
    cell.font = { name: "仿宋", size: kind === "title" ? 16 : 12, bold: kind !== "body" };
    cell.alignment = { wrapText: true, vertical: "top", horizontal: kind === "title" ? "center" : "left" };
    // Rough height so wrapped paragraphs show whole (about 50 CJK characters a line at this width).
    const lines = text.split("\n").reduce((n, s) => n + Math.max(1, Math.ceil(s.length / 50)), 0);
    ws.getRow(r).height = Math.min(409, Math.max(kind === "title" ? 28 : 18, 17 * lines));
    r++;
  };
  for (const s of sections) {
    if (s.title) put(s.title, s.id === "title" ? "title" : "heading");
    for (const p of s.paragraphs) put(p, "body");
  }
  return sheetName;
}

/** The workbook as .xlsx bytes. */
export async function workbookToBuffer(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const buf = await wb.xlsx.writeBuffer();
  return buf instanceof Uint8Array ? buf : new Uint8Array(buf as ArrayBuffer);
}
