// The WorkbookHost for a local .xlsx in a plain browser (and Node tests): the file's bytes in memory, read by the
// value-only reader and written by the package writer, so what the pane does not touch stays byte for byte.
// Nothing is uploaded.
import type { CellRef } from "../core/findings";
import type { NarrativeSection, TemplateSet } from "../core/narrative/render";
import type { FillPlan } from "../core/plan";
import { cellAt, cellText, parseA1 } from "../core/snapshot";
import type { WorkbookSnapshot } from "../core/snapshot";
import type { ApplyResult, CellPreview, Progress, UndoInfo, UndoResult, WorkbookHost } from "../host/workbook-host";
import { NARRATIVE_SHEET, STORE_SHEET, TEMPLATE_KEY_PREFIX as TEMPLATE_PREFIX } from "../host/workbook-host";
import { packageOf, readSnapshotSync } from "./read-snapshot";
import type { XlsxPackage } from "./package";
import { writeCells, writePlan } from "./write-package";
import { setSheet, type SheetRow } from "./write-sheet";

export { STORE_SHEET };

interface SavedCell {
  sheet: string;
  cell: string;
  /** The <c> element before the fill ("" when the cell did not exist). */
  xml: string;
  /** What the fill wrote: a number, or an empty-table note's text (null: the note was removed). */
  written: number | string | null;
}

const UNDO_PREFIX = "undo:";
/** A cell holds at most 32,767 characters. */
const UNDO_CHUNK = 30000;

/** The undo record a downloaded workbook carries in the store sheet; anything unreadable is no record. */
function readUndo(store: WorkbookSnapshot["sheets"][number] | undefined): { at: string; cells: SavedCell[] } | null {
  const parts: string[] = [];
  for (const [k, v] of store?.rows ?? []) if (typeof k === "string" && k.startsWith(UNDO_PREFIX) && typeof v === "string") parts[Number(k.slice(UNDO_PREFIX.length))] = v;
  if (parts.length === 0) return null;
  try {
    const rec = JSON.parse(parts.join("")) as { at?: unknown; cells?: unknown };
    if (typeof rec.at !== "string" || !Array.isArray(rec.cells)) return null;
    const ok = (c: SavedCell) => c && typeof c.sheet === "string" && typeof c.cell === "string" && typeof c.xml === "string" && (typeof c.written === "number" || typeof c.written === "string" || c.written === null);
    const cells = (rec.cells as SavedCell[]).filter(ok);
    return cells.length ? { at: rec.at, cells } : null;
  } catch {
    return null;
  }
}

/** Narrative sections as sheet rows: one paragraph per row in column A, rough heights so wrapped text shows whole. */
export function narrativeRows(sections: NarrativeSection[]): SheetRow[] {
  const rows: SheetRow[] = [];
  const put = (text: string, kind: "title" | "heading" | "body") => {
    // About 50 CJK characters a line at this width.
    const lines = text.split("\n").reduce((n, s) => n + Math.max(1, Math.ceil(s.length / 50)), 0);
    rows.push({ cells: [text], kind, height: Math.min(409, Math.max(kind === "title" ? 28 : 18, 17 * lines)) });
  };
  for (const s of sections) {
    if (s.title) put(s.title, s.id === "title" ? "title" : "heading");
    for (const p of s.paragraphs) put(p, "body");
  }
  return rows;
}

export class FileHost implements WorkbookHost {
  readonly kind = "file" as const;
  private undo: { at: string; cells: SavedCell[] } | null = null;
  private bytes: Uint8Array;
  private pkg: XlsxPackage;
  /** Every sheet, the hidden store included. */
  private full: WorkbookSnapshot;

  /** `snapshot`: the file's snapshot when it was read already (in the pane's read worker): only the package's index is opened here. */
  constructor(bytes: Uint8Array, private readonly fileName: string, snapshot?: WorkbookSnapshot) {
    this.bytes = bytes;
    if (snapshot) {
      this.pkg = packageOf(bytes);
      this.full = snapshot;
    } else {
      const read = readSnapshotSync(bytes, fileName);
      this.pkg = read.pkg;
      this.full = read.snapshot;
    }
    this.undo = readUndo(this.full.sheets.find((s) => s.name === STORE_SHEET));
  }

  private replaceBytes(bytes: Uint8Array): void {
    const { snapshot, pkg } = readSnapshotSync(bytes, this.fileName);
    this.bytes = bytes;
    this.pkg = pkg;
    this.full = snapshot;
  }

  name(): string {
    return this.fileName;
  }

  async readSnapshot(progress?: Progress): Promise<WorkbookSnapshot> {
    progress?.("正在读取工作表…");
    return { ...this.full, name: this.fileName, sheets: this.full.sheets.filter((x) => x.name !== STORE_SHEET) };
  }

  async applyPlan(plan: FillPlan, progress?: Progress): Promise<ApplyResult> {
    progress?.(`正在写入 ${plan.writes.length} 个单元格…`);
    const out = writePlan(this.pkg, plan);
    if (!out) return { written: 0, syncs: 0, changedSincePreview: [] };
    const written = new Map<string, number | string | null>([
      ...plan.writes.map((w) => [`${w.sheet}!${w.cell}`, Number(w.newValue.toFixed())] as const),
      ...(plan.notes ?? []).map((n) => [`${n.sheet}!${n.cell}`, n.newValue] as const),
    ]);
    const cells = out.originals.map((o) => ({ ...o, written: written.has(`${o.sheet}!${o.cell}`) ? written.get(`${o.sheet}!${o.cell}`)! : NaN }));
    this.replaceBytes(out.bytes);
    this.undo = { at: new Date().toISOString(), cells };
    await this.writeStore(await this.loadTemplates());
    return { written: cells.length, syncs: 0, changedSincePreview: [] };
  }

  async undoInfo(): Promise<UndoInfo | null> {
    return this.undo && this.undo.cells.length > 0 ? { at: this.undo.at, count: this.undo.cells.length } : null;
  }

  async undoLastFill(progress?: Progress): Promise<UndoResult> {
    progress?.("正在恢复填充前的内容…");
    const undo = this.undo;
    if (!undo) return { restored: 0, skipped: [] };
    const skipped: CellRef[] = [];
    const back = [];
    for (const c of undo.cells) {
      const sheet = this.full.sheets.find((s) => s.name === c.sheet);
      const p = parseA1(c.cell);
      const now = sheet && p ? cellAt(sheet, p.row, p.col) : null;
      const untouched = typeof c.written === "number" ? typeof now === "number" && Math.abs(now - c.written) < 1e-9 : (now === "" ? null : now) === c.written;
      if (p && untouched) back.push({ sheet: c.sheet, row: p.row, col: p.col, edit: { raw: c.xml } });
      else skipped.push({ sheet: c.sheet, cell: c.cell });
    }
    const out = writeCells(this.pkg, back);
    if (out) this.replaceBytes(out.bytes);
    this.undo = null;
    await this.writeStore(await this.loadTemplates());
    return { restored: back.length, skipped };
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
    const ws = this.full.sheets.find((s) => s.name === STORE_SHEET);
    const out: TemplateSet = {};
    for (const row of ws?.rows ?? []) {
      const [k, v] = row;
      if (typeof k === "string" && k.startsWith(TEMPLATE_PREFIX) && typeof v === "string") out[k.slice(TEMPLATE_PREFIX.length)] = v;
    }
    return out;
  }

  async saveTemplates(templates: TemplateSet): Promise<void> {
    await this.writeStore(templates);
  }

  /** The store sheet holds the edited templates and the undo record, so both travel with the downloaded file. */
  private async writeStore(templates: TemplateSet): Promise<void> {
    const rows: SheetRow[] = Object.entries(templates).map(([id, src]) => ({ cells: [TEMPLATE_PREFIX + id, src], kind: "plain" }));
    if (this.undo && this.undo.cells.length > 0) {
      const json = JSON.stringify(this.undo);
      for (let i = 0; i * UNDO_CHUNK < json.length; i++) rows.push({ cells: [`${UNDO_PREFIX}${i}`, json.slice(i * UNDO_CHUNK, (i + 1) * UNDO_CHUNK)], kind: "plain" });
    }
    const undo = this.undo;
    const out = setSheet(this.pkg, STORE_SHEET, rows.length === 0 ? null : { rows, state: "veryHidden" });
    if (out) this.replaceBytes(out);
    this.undo = undo; // replaceBytes re-reads the store: keep the record in memory as it is
  }

  async writeNarrative(sections: NarrativeSection[], sheetName = NARRATIVE_SHEET): Promise<string> {
    const out = setSheet(this.pkg, sheetName, { rows: narrativeRows(sections), widthA: 100, printA4: true });
    if (out) this.replaceBytes(out);
    return sheetName;
  }

  async exportWorkbook(): Promise<Uint8Array> {
    return this.bytes;
  }
}

export async function openFileHost(data: ArrayBuffer | Uint8Array, name: string, snapshot?: WorkbookSnapshot): Promise<FileHost> {
  return new FileHost(data instanceof Uint8Array ? data : new Uint8Array(data), name, snapshot);
}
