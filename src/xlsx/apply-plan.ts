// A workbook built whole in memory (init, fixtures, the bench generator) as .xlsx bytes. Fills and sheets written
// into an existing file go through ./write-package and ./write-sheet instead, which keep every other part.
import type ExcelJS from "exceljs";

/** The workbook as .xlsx bytes. */
export async function workbookToBuffer(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const buf = await wb.xlsx.writeBuffer();
  return buf instanceof Uint8Array ? buf : new Uint8Array(buf as ArrayBuffer);
}
