// The table part of the check, without the text check: what the pane loads up front (the text check is a lazy chunk).
import type { WorkbookSnapshot } from "./snapshot";
import { sortFindings, type Finding } from "./findings";
import { readWorkbook } from "./model/read-workbook";
import type { BudgetWorkbook, TableInfo, TableKey, Unit } from "./model/types";
import { KIND_NAMES } from "./model/table-specs";
import { Emitter } from "./rules/framework";
import { TABLE_RULES } from "./rules/index";
import type { NarrativeText } from "./text-check/sheet-source";

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

/** Read the workbook and run the table rules; the text check is left to `check` in ./check. */
export function checkTables(snapshot: WorkbookSnapshot, options: CheckOptions = {}): { result: CheckResult; wb: BudgetWorkbook } {
  const wb = readWorkbook(snapshot);
  const findings = checkWorkbook(wb, options);
  return { wb, result: { unit: wb.unit, tables: wb.tables, listing: listTables(snapshot, wb), findings: sortFindings(findings) } };
}
