// The WorkbookHost inside Excel: every call is a few batched Excel.run round trips.
import type { FillPlan } from "../core/plan";
import type { CellRef } from "../core/findings";
import type { NarrativeSection, TemplateSet } from "../core/narrative/render";
import type { WorkbookSnapshot } from "../core/snapshot";
import type { ApplyResult, CellPreview, Progress, RibbonCheckSummary, UndoInfo, UndoRecord, UndoResult, WorkbookHost } from "../host/workbook-host";
import { applyPlan, undoLastFill } from "./apply-plan";
import { MarkRef, clearHighlights, highlight } from "./highlights";
import { writeNarrativeSheet } from "./narrative-sheet";
import { readSnapshot, readTemplateSheet } from "./read-snapshot";
import { ExcelRunner, defaultRunner } from "./run";
import { selectCell } from "./select";
import { DocumentStore, OfficeSettingsStore, STORE_KEYS } from "./store";

export class ExcelHost implements WorkbookHost {
  readonly kind = "excel" as const;
  private workbookName = "";

  constructor(
    private readonly store: DocumentStore = new OfficeSettingsStore(),
    private readonly runner: ExcelRunner = defaultRunner,
  ) {}

  name(): string {
    return this.workbookName || "当前工作簿";
  }

  async readSnapshot(progress?: Progress): Promise<WorkbookSnapshot> {
    progress?.("正在读取工作表…");
    const snap = await readSnapshot(this.runner);
    if (snap.name) this.workbookName = snap.name;
    return snap;
  }

  async applyPlan(plan: FillPlan, progress?: Progress): Promise<ApplyResult> {
    progress?.(`正在写入 ${plan.writes.length} 个单元格…`);
    return applyPlan(plan, this.store, this.runner);
  }

  async undoInfo(): Promise<UndoInfo | null> {
    const r = this.store.get<UndoRecord>(STORE_KEYS.undo);
    return r && r.cells.length > 0 ? { at: r.at, count: r.cells.length } : null;
  }

  async undoLastFill(progress?: Progress): Promise<UndoResult> {
    progress?.("正在恢复填充前的内容…");
    return undoLastFill(this.store, this.runner);
  }

  async selectCell(ref: CellRef): Promise<CellPreview | null> {
    await selectCell(ref, this.runner);
    return null;
  }

  highlight(refs: MarkRef[]): Promise<number> {
    return highlight(refs, this.store, this.runner);
  }

  clearHighlights(): Promise<number> {
    return clearHighlights(this.store, this.runner);
  }

  async loadTemplates(): Promise<TemplateSet> {
    const saved = this.store.get<TemplateSet>(STORE_KEYS.templates);
    if (saved) return saved;
    // A workbook whose templates were edited in browser mode keeps them in a very hidden sheet.
    return readTemplateSheet(this.runner);
  }

  async saveTemplates(templates: TemplateSet): Promise<void> {
    if (Object.keys(templates).length === 0) await this.store.remove(STORE_KEYS.templates);
    else await this.store.set(STORE_KEYS.templates, templates);
  }

  async lastRibbonCheck(): Promise<RibbonCheckSummary | null> {
    return this.store.get<RibbonCheckSummary>(STORE_KEYS.lastCheck);
  }

  writeNarrative(sections: NarrativeSection[], sheetName?: string): Promise<string> {
    return writeNarrativeSheet(sections, sheetName, this.runner);
  }
}
