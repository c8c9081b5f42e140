// The check as hosts run it: the table rules up front, the 情况说明 text check as a lazy chunk that is fetched only
// for a workbook with a 情况说明 sheet, so what Excel loads stays small.
import { checkTables, type CheckResult } from "../core/check-tables";
import { narrativeFromSnapshot } from "../core/text-check/sheet-source";
import type { WorkbookSnapshot } from "../core/snapshot";

export async function checkSnapshot(snapshot: WorkbookSnapshot): Promise<CheckResult> {
  const { result, wb } = checkTables(snapshot);
  if (!narrativeFromSnapshot(snapshot)) return result;
  const { withTextFindings } = await import(/* webpackChunkName: "text-check" */ "../core/check");
  return withTextFindings(result, wb, snapshot);
}
