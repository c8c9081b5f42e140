import type Decimal from "decimal.js";
import type { CellValue } from "./snapshot";
import type { Finding } from "./findings";

/** One cell the fill will write. The new value is in the sheet's own unit, rounded to its precision. */
export interface CellWrite {
  sheet: string;
  cell: string; // A1
  row: number; // 0-based
  col: number; // 0-based
  oldValue: CellValue;
  oldFormula: string | null;
  newValue: Decimal;
  /** Table title and a short Chinese description of what the cell is ("20805 行政事业单位养老支出 合计"). */
  table: string;
  label: string;
  /** True when a non-blank value (or a formula) is replaced, not a blank filled. */
  replaces: boolean;
}

/**
 * A note under a table that the fill manages (src/core/empty-notes.ts): the standard "注：无…预算，空表列示。" added
 * under a table that stays empty, or removed (newValue null) from one that now has data.
 */
export interface NoteWrite {
  sheet: string;
  cell: string; // A1
  row: number;
  col: number;
  oldValue: CellValue;
  newValue: string | null;
  table: string;
}

export interface FillPlan {
  /** Only derived amount cells computed from readable inputs; never a formula, a label or a merged-over cell. */
  writes: CellWrite[];
  /** Empty-table notes to add or remove; absent when the plan does not manage them. */
  notes?: NoteWrite[];
  /**
   * What the fill left as it is and why: totals whose inputs cannot be read or whose cell may not be written
   * (F-01), formula totals kept with a stale or missing result (F-02).
   */
  findings?: Finding[];
  /** Formula results in the workbook may be stale after these writes: the file host asks Excel to recalculate on open. */
  recalculateOnOpen?: boolean;
}
