// The engine's public surface: every host (CLI, task pane in Excel, task pane on a local file) calls only these.
export type { CellValue, CellError, SheetSnapshot, WorkbookSnapshot } from "./snapshot";
export { a1, parseA1, columnLetter, cellAt, cellText, isCellError } from "./snapshot";
export type { Finding, Severity, CellRef } from "./findings";
export { sortFindings, SEVERITY_LABEL } from "./findings";
export type { CellWrite, FillPlan } from "./plan";
export type { Unit, TableKey, TableInfo } from "./model/types";
export { TABLE_SPECS } from "./model/table-specs";
export { readWorkbook } from "./model/read-workbook";
export type { BudgetWorkbook } from "./model/types";
export { check } from "./check";
export type { CheckResult, CheckOptions } from "./check";
export { planFill } from "./fill";
export { renderNarrative, SECTION_IDS } from "./narrative/render";
export type { NarrativeResult, NarrativeSection, TemplateSet } from "./narrative/render";
export { RULES } from "./rules/index";
export type { RuleInfo } from "./rules/index";
