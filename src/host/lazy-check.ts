// The check as hosts run it: the table rules up front, the 情况说明 text check as a lazy chunk that is fetched only
// for a workbook with a 情况说明 sheet, so what Excel loads stays small.
import { checkTables, type CheckResult } from "../core/check-tables";
import type { BudgetWorkbook } from "../core/model/types";
import { narrativeFromSnapshot } from "../core/text-check/sheet-source";
import type { WorkbookSnapshot } from "../core/snapshot";

/** The check and the model it read, which the grouping of its findings reuses. */
export async function checkSnapshot(snapshot: WorkbookSnapshot): Promise<{ result: CheckResult; wb: BudgetWorkbook }> {
  const { result, wb } = checkTables(snapshot);
  if (!narrativeFromSnapshot(snapshot)) return { result, wb };
  const { withTextFindings } = await import(/* webpackChunkName: "text-check" */ "../core/check");
  return { result: withTextFindings(result, wb, snapshot), wb };
}
