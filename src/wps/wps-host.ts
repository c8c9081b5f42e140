// The WorkbookHost inside WPS 表格: the same pane as in Excel, over WPS's own object model (window.Application).
// WPS calls are synchronous and each crosses into the WPS process, so every step reads or writes whole ranges.
import type { CellRef } from "../core/findings";
import type { NarrativeSection, TemplateSet } from "../core/narrative/render";
import type { FillPlan } from "../core/plan";
import type { WorkbookSnapshot } from "../core/snapshot";
import type { MarkRef } from "../excel/highlights";
import { STORE_KEYS } from "../excel/store";
import { TEMPLATE_KEY_PREFIX } from "../host/workbook-host";
import type { ApplyResult, CellPreview, Progress, RibbonCheckSummary, UndoInfo, UndoRecord, UndoResult, WorkbookHost } from "../host/workbook-host";
import { applyPlan, undoLastFill } from "./apply-plan";
import { wpsCall } from "./errors";
import type { EtApplication, EtFileSystem, EtWorkbook } from "./et-model";
import { clearHighlights, highlight } from "./highlights";
import { writeNarrativeSheet } from "./narrative-sheet";
import { readSnapshot } from "./read-snapshot";
import { saveBytes } from "./save-file";
import { SheetCache, activeWorkbook } from "./sheets";
import { SheetStore } from "./store";

export interface WpsEnvironment {
  app: EtApplication;
  /** wps.FileSystem (also on Application in recent versions): where exported files are written. */
  fileSystem?: EtFileSystem;
}

export class WpsHost implements WorkbookHost {
  readonly kind = "wps" as const;
  readonly store: SheetStore;
  private workbookName = "";

  constructor(private readonly env: WpsEnvironment) {
    this.store = new SheetStore(() => this.workbook());
  }

  /** The workbook in front now: the user may switch workbooks while the pane stays open. */
  workbook(): EtWorkbook {
    return activeWorkbook(this.env.app);
  }

  name(): string {
    if (!this.workbookName) {
      try {
        this.workbookName = this.env.app.ActiveWorkbook?.Name ?? "";
      } catch {
        this.workbookName = "";
      }
    }
    return this.workbookName || "当前工作簿";
  }

  async readSnapshot(progress?: Progress, options?: { merges?: boolean }): Promise<WorkbookSnapshot> {
    progress?.("正在读取工作表…");
    const snap = readSnapshot(this.workbook(), { merges: options?.merges ?? false });
    if (snap.name) this.workbookName = snap.name;
    return snap;
  }

  async applyPlan(plan: FillPlan, progress?: Progress): Promise<ApplyResult> {
    progress?.(`正在写入 ${plan.writes.length} 个单元格…`);
    return applyPlan(this.env.app, this.workbook(), plan, this.store);
  }

  async undoInfo(): Promise<UndoInfo | null> {
    const r = this.store.get<UndoRecord>(STORE_KEYS.undo);
    return r && r.cells.length > 0 ? { at: r.at, count: r.cells.length } : null;
  }

  async undoLastFill(progress?: Progress): Promise<UndoResult> {
    progress?.("正在恢复填充前的内容…");
    const { restored, skipped } = await undoLastFill(this.env.app, this.workbook(), this.store);
    return { restored, skipped };
  }

  async selectCell(ref: CellRef): Promise<CellPreview | null> {
    const ws = new SheetCache(this.workbook()).get(ref.sheet);
    wpsCall(`定位到 ${ref.sheet}${ref.cell ? "!" + ref.cell : ""}`, () => {
      ws.Activate();
      if (ref.cell) ws.Range(ref.cell).Select();
    });
    return null;
  }

  highlight(refs: MarkRef[]): Promise<number> {
    return highlight(this.workbook(), refs, this.store);
  }

  clearHighlights(): Promise<number> {
    return clearHighlights(this.workbook(), this.store);
  }

  async loadTemplates(): Promise<TemplateSet> {
    const out: TemplateSet = {};
    for (const [k, v] of this.store.entries()) if (k.startsWith(TEMPLATE_KEY_PREFIX)) out[k.slice(TEMPLATE_KEY_PREFIX.length)] = v;
    return out;
  }

  async saveTemplates(templates: TemplateSet): Promise<void> {
    this.store.setRaw(TEMPLATE_KEY_PREFIX, templates);
  }

  async writeNarrative(sections: NarrativeSection[], sheetName?: string): Promise<string> {
    return writeNarrativeSheet(this.workbook(), sections, sheetName);
  }

  async lastRibbonCheck(): Promise<RibbonCheckSummary | null> {
    return this.store.get<RibbonCheckSummary>(STORE_KEYS.lastCheck);
  }

  async saveFile(bytes: Uint8Array, fileName: string): Promise<string | null> {
    return saveBytes(this.env, this.workbook(), bytes, fileName);
  }
}
