// Findings are data, never exceptions: every problem the engine sees comes back as one of these.
import { textOrder } from "./order";

export type Severity = "error" | "warning" | "info";

export interface CellRef {
  sheet: string;
  cell: string; // A1 address
}

export interface Finding {
  /** Stable rule id, e.g. "T1-05", "H-02", "P-amount-text". */
  rule: string;
  severity: Severity;
  /** Sheet and cell the finding points at ("" cell when the finding concerns a whole sheet or a missing table). */
  sheet: string;
  cell: string;
  /** Recognised table title of the sheet, when known. */
  table?: string;
  related: CellRef[];
  /** Expected and actual value as displayed text (amounts with 2 decimals in the sheet's unit). */
  expected?: string;
  actual?: string;
  /** Simplified Chinese message a finance officer understands. */
  message: string;
  /** Standard wording the user may add (e.g. the rounding note), when the finding offers one. */
  note?: string;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export const SEVERITY_LABEL: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      textOrder(a.sheet, b.sheet) ||
      compareA1(a.cell, b.cell) ||
      textOrder(a.rule, b.rule),
  );
}

function compareA1(a: string, b: string): number {
  if (a === b) return 0;
  const pa = /^([A-Z]+)(\d+)$/.exec(a);
  const pb = /^([A-Z]+)(\d+)$/.exec(b);
  if (!pa || !pb) return textOrder(a, b);
  return Number(pa[2]) - Number(pb[2]) || pa[1].length - pb[1].length || textOrder(pa[1], pb[1]);
}

/** Count of shown items by severity. */
export function countSeverities(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
