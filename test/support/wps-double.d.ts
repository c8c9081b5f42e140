import type { WorkbookSnapshot } from "../../src/core/snapshot";
import type { EtApplication } from "../../src/wps/et-model";

export interface WpsDoubleCell {
  v: unknown;
  f: string | null;
  nf: string | null;
  /** Interior as COM keeps it: BGR colour number, xlPattern number. */
  fill: { color: number; pattern: number; patternColor: number } | null;
}

export interface WpsDoubleState {
  calls: number;
  byMember: Record<string, number>;
  failNext: string | null;
  active: string | null;
  selected: { sheet: string; cell: string } | null;
  screenUpdating: boolean;
  calculation: number;
  enableEvents: boolean;
  writes: { sheet: string; cell: string; member: string; value: unknown; screenUpdating: boolean; calculation: number }[];
  saveAs: { initial: string; filter: string; title: string }[];
  saveAsAnswer: string | false | undefined;
  files: Record<string, string>;
  storage: Record<string, unknown>;
  panes: { ID: number; url: string; title: string; Visible: boolean; DockPosition: number; Width: number }[];
  workbookName: string;
  workbookPath: string;
  noWorkbook: boolean;
}

export interface WpsDoubleSnapshot extends WorkbookSnapshot {
  path?: string;
  active?: string;
  storage?: Record<string, unknown>;
  sheets: (WorkbookSnapshot["sheets"][number] & {
    visible?: number;
    fills?: { cell: string; color: string | number; pattern?: number; patternColor?: number }[];
  })[];
}

export interface WpsDouble {
  Application: EtApplication & { Workbooks: { Count: number } };
  wps: { FileSystem: unknown; PluginStorage: unknown; CreateTaskPane: unknown; GetTaskPane: unknown };
  state: WpsDoubleState;
  cell(sheet: string, address: string): WpsDoubleCell | null;
  sheetNames(): string[];
  sheetVisibility(name: string): number | null;
  exportState(): WpsDoubleSnapshot;
}

export function createWpsDouble(snapshot: WpsDoubleSnapshot, options?: { noWorkbook?: boolean }): WpsDouble;
