import type { WorkbookSnapshot } from "../../src/core/snapshot";

export interface DoubleCell {
  v: unknown;
  f: string | null;
  fill: { color: string; pattern: string; patternColor: string | null } | null;
}

export interface DoubleState {
  syncs: number;
  runs: number;
  suspendCalls: number;
  selected: { sheet: string; cell: string } | null;
  active: string | null;
  settings: Record<string, string>;
  savedSettings: number;
  requests: number[];
  writes: { sheet: string; cell: string; kind: string; value: unknown }[];
  failNext: string | null;
}

export interface DoubleSnapshot extends WorkbookSnapshot {
  settings?: Record<string, string>;
  sheets: (WorkbookSnapshot["sheets"][number] & { fills?: { cell: string; color: string; pattern?: string; patternColor?: string }[] })[];
}

export interface ExcelDouble {
  Excel: { run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T> };
  Office: typeof Office;
  OfficeExtension: unknown;
  state: DoubleState;
  cells(sheet: string): Record<string, DoubleCell>;
  cell(sheet: string, address: string): DoubleCell | null;
  sheetNames(): string[];
  exportState(): DoubleSnapshot;
}

export function createExcelDouble(snapshot: DoubleSnapshot, options?: { host?: string | null; excelApi?: string; latency?: number }): ExcelDouble;
