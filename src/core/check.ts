import type { WorkbookSnapshot } from "./snapshot";
import { sortFindings, type Finding } from "./findings";
import { readWorkbook } from "./model/read-workbook";
import type { BudgetWorkbook, TableInfo, TableKey, Unit } from "./model/types";
import { KIND_NAMES } from "./model/table-specs";
import { Emitter } from "./rules/framework";
import { TABLE_RULES } from "./rules/index";
import { checkNarrativeText, narrativeFromSnapshot, type NarrativeText } from "./text-check/index";

export interface CheckOptions {
  /** Only run these rule ids (all when absent). */
  rules?: string[];
  /**
   * The 情况说明 to check against the tables (S-01 … S-15). Default: the workbook's own 情况说明 sheet, when it has
   * one; null: no text check.
   */
  narrative?: NarrativeText | null;
}

/** One sheet as the reader saw it: a recognised table with its kind and unit, or a sheet it did not recognise. */
export interface ListedTable {
  sheet: string;
  /** The title as the sheet shows it ("" when the sheet has none). */
  title: string;
  /** "T1" … "T12", "PARAMS", or "unrecognised". */
  kind: TableKey | "unrecognised";
  /** The kind in Chinese ("收支总表" …), or "未识别". */
  kindName: string;
  /** The table's own unit; absent for unrecognised sheets and 说明参数. */
  unit?: Unit;
}

export interface CheckResult {
  unit: Unit;
  tables: TableInfo[];
  /** Every table and every unrecognised sheet, in sheet order: what the pane and `check` list. */
  listing: ListedTable[];
  /** Sorted: errors first, then by sheet and cell. */
  findings: Finding[];
}

/** Run every table rule over a parsed workbook. Reader findings come first. */
export function checkWorkbook(wb: BudgetWorkbook, options: CheckOptions = {}): Finding[] {
  const wanted = options.rules ? new Set(options.rules) : null;
  const out: Finding[] = wb.findings.filter((f) => !wanted || wanted.has(f.rule));
  for (const rule of TABLE_RULES) {
    if (wanted && !wanted.has(rule.id)) continue;
    const emit = new Emitter(rule, wb);
    rule.check(wb, emit);
    out.push(...emit.findings);
  }
  return out;
}

export function check(snapshot: WorkbookSnapshot, options: CheckOptions = {}): CheckResult {
  const wb = readWorkbook(snapshot);
  const findings = checkWorkbook(wb, options);
  const narrative = options.narrative === undefined ? narrativeFromSnapshot(snapshot) : options.narrative;
  if (narrative) findings.push(...textFindings(narrative, wb, findings, options));
  return { unit: wb.unit, tables: wb.tables, listing: listTables(snapshot, wb), findings: sortFindings(findings) };
}

/** The recognised tables and the unrecognised sheets of a workbook, in sheet order. */
export function listTables(snapshot: WorkbookSnapshot, wb: BudgetWorkbook): ListedTable[] {
  const out: ListedTable[] = [];
  for (const sheet of snapshot.sheets) {
    for (const t of wb.tables) {
      if (t.sheet !== sheet.name) continue;
      out.push({ sheet: t.sheet, title: t.title, kind: t.key, kindName: KIND_NAMES[t.key], unit: t.key === "PARAMS" ? undefined : t.unit });
    }
    for (const u of wb.unrecognised ?? []) if (u.sheet === sheet.name) out.push({ sheet: u.sheet, title: u.title, kind: "unrecognised", kindName: "未识别" });
  }
  return out;
}

/** The text's findings, less an S-09 about an empty table that the table check already reported. */
function textFindings(narrative: NarrativeText, wb: BudgetWorkbook, tableFindings: Finding[], options: CheckOptions): Finding[] {
  const wanted = options.rules ? new Set(options.rules) : null;
  const emptyTables = new Set(tableFindings.filter((f) => f.rule === "S-09").map((f) => `${f.sheet}!${f.cell}`));
  return checkNarrativeText(narrative.text, wb, narrative.source).filter(
    (f) => (!wanted || wanted.has(f.rule)) && !(f.rule === "S-09" && f.related.some((r) => emptyTables.has(`${r.sheet}!${r.cell}`))),
  );
}
