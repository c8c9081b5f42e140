import type { WorkbookSnapshot } from "./snapshot";
import type { Finding } from "./findings";
import type { TableInfo, Unit } from "./model/types";

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

export function check(_snapshot: WorkbookSnapshot, _options: CheckOptions = {}): CheckResult {
  throw new Error("engine under construction");
}
