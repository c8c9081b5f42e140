import type { WorkbookSnapshot } from "./snapshot";
import { sortFindings, type Finding } from "./findings";
import { readWorkbook } from "./model/read-workbook";
import type { BudgetWorkbook, TableInfo, Unit } from "./model/types";
import { Emitter } from "./rules/framework";
import { TABLE_RULES } from "./rules/index";

export interface CheckOptions {
  /** Only run these rule ids (all when absent). */
  rules?: string[];
}

export interface CheckResult {
  unit: Unit;
  tables: TableInfo[];
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
  return { unit: wb.unit, tables: wb.tables, findings: sortFindings(checkWorkbook(wb, options)) };
}
