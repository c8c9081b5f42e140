// One interface for "the workbook the pane works on": Excel itself (src/excel), WPS 表格 (src/wps) or a local .xlsx file (src/xlsx/file-host).
// The task pane only talks to this; it never knows which one it has.
import type { WorkbookSnapshot } from "../core/snapshot";
import type { FillPlan } from "../core/plan";
import type { CellRef } from "../core/findings";
import type { NarrativeSection, TemplateSet } from "../core/narrative/render";

export type HostKind = "excel" | "wps" | "file";

/** Progress callback: a short Chinese step description and an optional fraction 0..1. */
export type Progress = (step: string, fraction?: number) => void;

/** What the last fill replaced, kept with the workbook so 撤销填充 works after the pane is reopened. */
export interface UndoCell {
  sheet: string;
  cell: string;
  /** What to put back, as Excel's `formulas` setter takes it: "=SUM(..)", a number, a boolean, "" (blank), or "'text". */
  restore: string | number | boolean;
  /** What the fill wrote (an amount, or an empty-table note's text; "" for a removed note), to notice cells the user edited after the fill. */
  written: number | string;
}

export interface UndoRecord {
  version: 1;
  /** ISO time of the fill. */
  at: string;
  cells: UndoCell[];
}

export interface UndoInfo {
  at: string;
  count: number;
}

export interface ApplyResult {
  written: number;
  /** Round trips to Excel (1 for a normal fill; more only when the payload had to be split). */
  syncs: number;
  /** Cells whose content had changed between the preview and the write (the undo record still holds it). */
  changedSincePreview: CellRef[];
}

export interface UndoResult {
  restored: number;
  /** Cells changed by the user after the fill: left as they are. */
  skipped: CellRef[];
}

/** A small window of a sheet around a cell, for the file host to show where a finding is. */
export interface CellPreview {
  sheet: string;
  cell: string;
  firstRow: number; // 0-based row of rows[0]
  firstCol: number;
  rows: string[][];
  focus: { row: number; col: number }; // index into rows
}

export interface RibbonCheckSummary {
  at: string;
  error: number;
  warning: number;
  info: number;
  /** Set when the command failed: the Chinese message. */
  failed?: string;
}

export interface WorkbookHost {
  readonly kind: HostKind;
  /** Workbook or file name for the header. */
  name(): string;
  /** `merges`: the fill needs merged ranges; hosts that pay for them by the merge (WPS) read them only then. */
  readSnapshot(progress?: Progress, options?: { merges?: boolean }): Promise<WorkbookSnapshot>;
  /** Writes the plan and stores the undo record with the workbook. */
  applyPlan(plan: FillPlan, progress?: Progress): Promise<ApplyResult>;
  undoInfo(): Promise<UndoInfo | null>;
  undoLastFill(progress?: Progress): Promise<UndoResult>;
  /** Bring the cell into view (Excel: activate its sheet and select it). Returns a preview where the host has no grid of its own. */
  selectCell(ref: CellRef): Promise<CellPreview | null>;
  /** Hosts with a grid on screen: mark cells (earlier marks cleared first; the cells' own fills are remembered). */
  highlight?(refs: (CellRef & { severity?: "error" | "warning" | "info" })[]): Promise<number>;
  /** Remove the marks this add-in made; the cells' own fills come back. */
  clearHighlights?(): Promise<number>;
  /** Templates the user edited and saved with this workbook (section id → source). */
  loadTemplates(): Promise<TemplateSet>;
  saveTemplates(templates: TemplateSet): Promise<void>;
  /** Write the narrative to a 情况说明 sheet (replacing an earlier one). */
  writeNarrative(sections: NarrativeSection[], sheetName?: string): Promise<string>;
  /** Excel only: the result of the last ribbon 全面校验 (a function command has no UI of its own). */
  lastRibbonCheck?(): Promise<RibbonCheckSummary | null>;
  /** Hosts that save files themselves (WPS: its Save As dialog, then its file system): the chosen path, or null when cancelled. */
  saveFile?(bytes: Uint8Array, fileName: string, kind: "docx"): Promise<string | null>;
  /** Hosts whose results are downloaded (a local file): the current workbook as .xlsx bytes. */
  exportWorkbook?(): Promise<Uint8Array>;
}

export const NARRATIVE_SHEET = "情况说明";

/** Very hidden sheet where a local-file session keeps edited templates (rows of "template:<id>" | source). Never read as a table. */
export const STORE_SHEET = "_预算公开助手";
export const TEMPLATE_KEY_PREFIX = "template:";
