// What `init` needs and nothing else loads: ExcelJS, to build a whole workbook (a separate file in the bundle).
import { buildStandardWorkbook } from "../xlsx/standard-workbook";
import { initDepartment } from "../xlsx/department-data";
import { workbookToBuffer } from "../xlsx/apply-plan";

/** A blank standard workbook to type into, as .xlsx bytes. */
export function blankWorkbook(year: string, dept: string): Promise<Uint8Array> {
  return workbookToBuffer(buildStandardWorkbook(initDepartment(year, dept), { forTyping: true }));
}
