// The whole check: the table rules (./check-tables) and the 情况说明 text check.
import type { WorkbookSnapshot } from "./snapshot";
import { sortFindings, type Finding } from "./findings";
import type { BudgetWorkbook } from "./model/types";
import { checkNarrativeText, narrativeFromSnapshot, type NarrativeText } from "./text-check/index";
import { checkTables, type CheckOptions, type CheckResult } from "./check-tables";

export { checkWorkbook, listTables, checkTables } from "./check-tables";
export type { CheckOptions, CheckResult, ListedTable } from "./check-tables";

export function check(snapshot: WorkbookSnapshot, options: CheckOptions = {}): CheckResult {
  const { result, wb } = checkTables(snapshot, options);
  return withTextFindings(result, wb, snapshot, options);
}

/** Adds the text check of the 情况说明 (options.narrative, else the workbook's own 情况说明 sheet) to a table check. */
export function withTextFindings(result: CheckResult, wb: BudgetWorkbook, snapshot: WorkbookSnapshot, options: CheckOptions = {}): CheckResult {
  const narrative = options.narrative === undefined ? narrativeFromSnapshot(snapshot) : options.narrative;
  if (!narrative) return result;
  return { ...result, findings: sortFindings([...result.findings, ...textFindings(narrative, wb, result.findings, options)]) };
}

/** The text's findings, less an S-09 about an empty table that the table check already reported. */
function textFindings(narrative: NarrativeText, wb: BudgetWorkbook, tableFindings: Finding[], options: CheckOptions): Finding[] {
  const wanted = options.rules ? new Set(options.rules) : null;
  const emptyTables = new Set(tableFindings.filter((f) => f.rule === "S-09").map((f) => `${f.sheet}!${f.cell}`));
  return checkNarrativeText(narrative.text, wb, narrative.source).filter(
    (f) => (!wanted || wanted.has(f.rule)) && !(f.rule === "S-09" && f.related.some((r) => emptyTables.has(`${r.sheet}!${r.cell}`))),
  );
}
