// The WorkbookHost for a local .xlsx in a plain browser (and Node tests): ExcelJS in memory, nothing uploaded.
import ExcelJS from "exceljs";
import type { CellRef } from "../core/findings";
import type { NarrativeSection, TemplateSet } from "../core/narrative/render";
import type { FillPlan } from "../core/plan";
import { cellText, parseA1 } from "../core/snapshot";
import type { WorkbookSnapshot } from "../core/snapshot";
import type { ApplyResult, CellPreview, Progress, UndoInfo, UndoResult, WorkbookHost } from "../host/workbook-host";
import { NARRATIVE_SHEET, STORE_SHEET, TEMPLATE_KEY_PREFIX as TEMPLATE_PREFIX } from "../host/workbook-host";
import { applyPlanToWorkbook, workbookToBuffer, writeNarrativeSheet } from "./apply-plan";
import { readSnapshot } from "./read-snapshot";
import { snapshotOfWorkbook } from "./exceljs-snapshot";

export { STORE_SHEET };

interface SavedCell {
  sheet: string;
  cell: string;
  value: ExcelJS.CellValue;
  /** What the fill wrote: a number, or an empty-table note's text (null: the note was removed). */
  written: number | string | null;
}

function cloneValue(cell: ExcelJS.Cell): ExcelJS.CellValue {
  if (cell.type === 6 /* Formula */) {
    // Shared-formula masters and clones come back as plain formulas: applyPlanToWorkbook may have detached their group.
    return { formula: cell.formula, result: cell.result } as ExcelJS.CellFormulaValue;
  }
  const v = cell.value;
  if (v === null || v === undefined || typeof v !== "object") return v ?? null;
  if (v instanceof Date) return new Date(v.getTime());
  return JSON.parse(JSON.stringify(v)) as ExcelJS.CellValue;
}

export class FileHost implements WorkbookHost {
  readonly kind = "file" as const;
  private undo: { at: string; cells: SavedCell[] } | null = null;
  private snapshotCache: WorkbookSnapshot | null;

  constructor(
    private readonly workbook: ExcelJS.Workbook,
    private readonly fileName: string,
    snapshot?: WorkbookSnapshot,
  ) {
    this.snapshotCache = snapshot ? this.filter(snapshot) : null;
    this.undo = readUndo(workbook.getWorksheet(STORE_SHEET));
  }

  name(): string {
    return this.fileName;
  }

  private filter(s: WorkbookSnapshot): WorkbookSnapshot {
    return { ...s, name: this.fileName, sheets: s.sheets.filter((x) => x.name !== STORE_SHEET) };
  }

  async readSnapshot(progress?: Progress): Promise<WorkbookSnapshot> {
    progress?.("正在读取工作表…");
    if (!this.snapshotCache) this.snapshotCache = this.filter(snapshotOfWorkbook(this.workbook, this.fileName));
    return this.snapshotCache;
  }

  async applyPlan(plan: FillPlan, progress?: Progress): Promise<ApplyResult> {
    progress?.(`正在写入 ${plan.writes.length} 个单元格…`);
    const saved: SavedCell[] = [];
    for (const w of plan.writes) {
      const ws = this.workbook.getWorksheet(w.sheet);
      if (!ws) continue; // applyPlanToWorkbook reports it in Chinese
      saved.push({ sheet: w.sheet, cell: w.cell, value: cloneValue(ws.getCell(w.cell)), written: Number(w.newValue.toFixed()) });
    }
    for (const n of plan.notes ?? []) {
      const ws = this.workbook.getWorksheet(n.sheet);
      if (ws) saved.push({ sheet: n.sheet, cell: n.cell, value: cloneValue(ws.getCell(n.cell)), written: n.newValue });
    }
    applyPlanToWorkbook(this.workbook, plan);
    this.snapshotCache = null;
    this.undo = { at: new Date().toISOString(), cells: saved };
    return { written: saved.length, syncs: 0, changedSincePreview: [] };
  }

  async undoInfo(): Promise<UndoInfo | null> {
    return this.undo && this.undo.cells.length > 0 ? { at: this.undo.at, count: this.undo.cells.length } : null;
  }

  async undoLastFill(progress?: Progress): Promise<UndoResult> {
    progress?.("正在恢复填充前的内容…");
    const undo = this.undo;
    if (!undo) return { restored: 0, skipped: [] };
    let restored = 0;
    const skipped: CellRef[] = [];
    for (const c of undo.cells) {
      const cell = this.workbook.getWorksheet(c.sheet)?.getCell(c.cell);
      if (!cell) continue;
      const v = cell.value;
      const untouched = typeof c.written === "number" ? typeof v === "number" && Math.abs(v - c.written) < 1e-9 : (v ?? null) === c.written;
      if (untouched) {
        cell.value = c.value;
        restored++;
      } else skipped.push({ sheet: c.sheet, cell: c.cell });
    }
    this.undo = null;
    this.snapshotCache = null;
    return { restored, skipped };
  }

  async selectCell(ref: CellRef): Promise<CellPreview | null> {
    const snap = await this.readSnapshot();
    const sheet = snap.sheets.find((s) => s.name === ref.sheet);
    const p = parseA1(ref.cell);
    if (!sheet || !p) return null;
    const r0 = Math.max(0, p.row - 3);
    const c0 = Math.max(0, p.col - 2);
    const rows: string[][] = [];
    for (let r = r0; r <= p.row + 3; r++) {
      const row: string[] = [];
      for (let c = c0; c <= p.col + 2; c++) row.push(cellText(sheet.rows[r]?.[c] ?? null));
      rows.push(row);
    }
    return { sheet: ref.sheet, cell: ref.cell, firstRow: r0, firstCol: c0, rows, focus: { row: p.row - r0, col: p.col - c0 } };
  }

  async loadTemplates(): Promise<TemplateSet> {
    const ws = this.workbook.getWorksheet(STORE_SHEET);
    const out: TemplateSet = {};
    ws?.eachRow((row) => {
      const k = row.getCell(1).value;
      const v = row.getCell(2).value;
      if (typeof k === "string" && k.startsWith(TEMPLATE_PREFIX) && typeof v === "string") out[k.slice(TEMPLATE_PREFIX.length)] = v;
    });
    return out;
  }

  async saveTemplates(templates: TemplateSet): Promise<void> {
    this.writeStore(templates);
  }

  /** The store sheet holds the edited templates and the undo record, so both travel with the downloaded file. */
  private writeStore(templates: TemplateSet): void {
    const old = this.workbook.getWorksheet(STORE_SHEET);
    if (old) this.workbook.removeWorksheet(old.id);
    const rows: [string, string][] = Object.entries(templates).map(([id, src]) => [TEMPLATE_PREFIX + id, src]);
    if (this.undo && this.undo.cells.length > 0) {
      const json = JSON.stringify(this.undo, function (this: Record<string, unknown>, k: string, v: unknown) {
        const orig = this[k];
        return orig instanceof Date ? { $date: orig.toISOString() } : v;
      });
      // A cell holds at most 32,767 characters.
      for (let i = 0; i * UNDO_CHUNK < json.length; i++) rows.push([`${UNDO_PREFIX}${i}`, json.slice(i * UNDO_CHUNK, (i + 1) * UNDO_CHUNK)]);
    }
    if (rows.length === 0) return;
    const ws = this.workbook.addWorksheet(STORE_SHEET, { state: "veryHidden" });
    rows.forEach(([k, v], i) => {
      ws.getCell(i + 1, 1).value = k;
      ws.getCell(i + 1, 2).value = v;
    });
  }

  async writeNarrative(sections: NarrativeSection[], sheetName = NARRATIVE_SHEET): Promise<string> {
    const name = writeNarrativeSheet(this.workbook, sections, sheetName);
    this.snapshotCache = null;
    return name;
  }

  async exportWorkbook(): Promise<Uint8Array> {
    this.writeStore(await this.loadTemplates());
    return workbookToBuffer(this.workbook);
  }
}

const UNDO_PREFIX = "undo:";
const UNDO_CHUNK = 30000;

/** The undo record a downloaded workbook carries; anything unreadable is no record (undo is then simply unavailable). */
function readUndo(ws: ExcelJS.Worksheet | undefined): { at: string; cells: SavedCell[] } | null {
  if (!ws) return null;
  const parts: string[] = [];
  ws.eachRow((row) => {
    const k = row.getCell(1).value;
    const v = row.getCell(2).value;
    if (typeof k === "string" && k.startsWith(UNDO_PREFIX) && typeof v === "string") parts[Number(k.slice(UNDO_PREFIX.length))] = v;
  });
  if (parts.length === 0) return null;
  try {
    const rec = JSON.parse(parts.join(""), (_k, v: unknown) => (v && typeof v === "object" && typeof (v as { $date?: unknown }).$date === "string" ? new Date((v as { $date: string }).$date) : v)) as { at?: unknown; cells?: unknown };
    if (typeof rec.at !== "string" || !Array.isArray(rec.cells)) return null;
    const cells = (rec.cells as SavedCell[]).filter((c) => c && typeof c.sheet === "string" && typeof c.cell === "string" && (typeof c.written === "number" || typeof c.written === "string" || c.written === null));
    return cells.length ? { at: rec.at, cells } : null;
  } catch {
    return null;
  }
}

export async function openFileHost(data: ArrayBuffer | Uint8Array, name: string): Promise<FileHost> {
  const { snapshot } = await readSnapshot(data, name);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data instanceof Uint8Array ? (data.slice().buffer as ArrayBuffer) : data);
  return new FileHost(workbook, name, snapshot);
}
