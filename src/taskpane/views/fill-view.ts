// 填充合计: preview every write (old → new) before anything changes; 确认 applies it; 撤销填充 puts back what it replaced.
import { planFillWithNotes } from "../../core/empty-notes";
import type { CellWrite, FillPlan, NoteWrite } from "../../core/plan";
import { decimalFromNumber, fmtExact } from "../../core/money";
import { cellText } from "../../core/snapshot";
import type { UndoInfo } from "../../host/workbook-host";
import { h, nextFrame, replace } from "../dom";
import { formatTime } from "../format";
import type { PaneContext, View } from "../pane";

export function createFillView(ctx: PaneContext, hooks: { onChanged?(): void } = {}): View & { refreshUndo(): Promise<void>; preview(): Promise<void> } {
  let plan: FillPlan | null = null;
  const previewEl = h("div", { className: "fill-preview" });
  const undoInfoEl = h("p", { className: "undo-info", id: "undo-info" });
  const confirmBtn = h("button", { className: "action primary", type: "button", id: "btn-fill-confirm", hidden: true, onclick: () => void confirm() }, "确认填充");
  const cancelBtn = h("button", { className: "action secondary", type: "button", id: "btn-fill-cancel", hidden: true, onclick: () => cancel() }, "取消");
  const undoBtn = h("button", { className: "action secondary", type: "button", id: "btn-undo", disabled: true, onclick: () => void undo() }, "撤销填充");

  // Sticky at the bottom of the pane: the confirm action stays in sight however long the preview is.
  const confirmBar = h("div", { className: "toolbar confirm-bar", hidden: true }, confirmBtn, cancelBtn);
  const element = h(
    "section",
    {},
    h("p", { className: "intro" }, "根据明细计算各表的合计、小计等汇总数。写入前先列出每个将要改变的单元格（原值 → 新值），确认后才写入；明细数据不会被改动。"),
    h(
      "div",
      { className: "toolbar" },
      h("button", { className: "action primary", type: "button", id: "btn-fill-preview", onclick: () => void preview() }, "生成填充预览"),
      undoBtn,
    ),
    undoInfoEl,
    previewEl,
    confirmBar,
  );

  function showUndo(info: UndoInfo | null): void {
    undoBtn.disabled = !info;
    undoInfoEl.textContent = info ? `上次填充：${formatTime(info.at)}，共 ${info.count} 个单元格，可撤销。` : "";
  }

  async function refreshUndo(): Promise<void> {
    try {
      showUndo(await ctx.host.undoInfo());
    } catch {
      showUndo(null);
    }
  }

  function setPlan(p: FillPlan | null): void {
    plan = p;
    confirmBtn.hidden = !p || isEmpty(p);
    cancelBtn.hidden = !p || isEmpty(p);
    confirmBar.hidden = confirmBtn.hidden;
  }

  async function preview(): Promise<void> {
    await ctx.run("正在计算需要填充的单元格…", async (progress) => {
      const snapshot = await ctx.snapshot(progress, { merges: true });
      progress("正在计算合计…");
      await nextFrame();
      const p = planFillWithNotes(snapshot);
      setPlan(p);
      renderPlan(p);
    });
  }

  function isEmpty(p: FillPlan): boolean {
    return p.writes.length === 0 && (p.notes ?? []).length === 0;
  }

  /** What the fill left as it is (unreadable inputs, merged-over totals, kept formulas), each with what to do. */
  function leftAsIs(p: FillPlan): HTMLElement[] {
    const left = p.findings ?? [];
    if (left.length === 0) return [];
    return [
      h("p", { className: "plan-left-summary" }, `有 ${left.length} 处未填充（保持原值）：`),
      h("ul", { className: "plan-left" }, ...left.map((f) => h("li", { "data-cell": `${f.sheet}!${f.cell}` }, f.message))),
    ];
  }

  function renderPlan(p: FillPlan): void {
    if (isEmpty(p)) {
      replace(
        previewEl,
        h("p", { className: "empty plan-summary", tabIndex: -1 }, p.findings?.length ? "没有可以填充的单元格。" : "所有汇总数都与明细一致，不需要填充。"),
        ...leftAsIs(p),
      );
      return;
    }
    const replaced = p.writes.filter((w) => w.replaces).length;
    const notes = p.notes ?? [];
    const formulas = p.writes.filter((w) => w.oldFormula).length;
    // By table, in the plan's order; tables with values to overwrite first, and those rows first in their table.
    const byTable = new Map<string, CellWrite[]>();
    for (const w of p.writes) {
      const list = byTable.get(w.table);
      if (list) list.push(w);
      else byTable.set(w.table, [w]);
    }
    const tables = [...byTable].sort(([, a], [, b]) => Number(b.some((w) => w.replaces)) - Number(a.some((w) => w.replaces)));
    const summary = h(
      "p",
      { className: "plan-summary", tabIndex: -1 },
      `将写入 ${p.writes.length} 个单元格（${tables.length} 张表）`,
      replaced > 0 ? `，其中 ${replaced} 个会替换已有内容${formulas > 0 ? `（${formulas} 个含公式）` : ""}，列在最前` : "",
      notes.length > 0 ? `；另有 ${notes.length} 条表下的注要添加或删除` : "",
      "。请核对后点击“确认填充”。",
    );
    replace(
      previewEl,
      summary,
      ...leftAsIs(p),
      notes.length > 0 ? notesTable(notes) : null,
      ...tables.map(([table, writes], i) =>
        h(
          "table",
          { className: "plan-table", "aria-labelledby": `plan-table-${i}` },
          h("caption", { id: `plan-table-${i}` }, `${table}（${writes.length}）`),
          h("thead", {}, h("tr", {}, ...["单元格", "项目", "原值 → 新值"].map((t) => h("th", { scope: "col" }, t)))),
          h(
            "tbody",
            {},
            ...[...writes.filter((w) => w.replaces), ...writes.filter((w) => !w.replaces)].map((w) =>
              h(
                "tr",
                { className: w.replaces ? "replaces" : "", "data-cell": `${w.sheet}!${w.cell}` },
                h("th", { scope: "row", className: "cell" }, w.cell),
                h("td", { className: "label" }, w.label || w.table),
                h(
                  "td",
                  { className: "change" },
                  h("span", { className: "old" }, oldText(w)),
                  " → ",
                  h("span", { className: "new" }, fmtExact(w.newValue)),
                  w.replaces ? h("span", { className: "tag" }, w.oldFormula ? "替换公式" : "替换原值") : null,
                ),
              ),
            ),
          ),
        ),
      ),
    );
    summary.focus();
  }

  /** The 空表列示 notes the fill adds under tables that stay empty and removes from tables that now have data. */
  function notesTable(notes: NoteWrite[]): HTMLElement {
    return h(
      "table",
      { className: "plan-notes", "aria-labelledby": "plan-notes-title" },
      h("caption", { id: "plan-notes-title" }, `表下的注（${notes.length}）`),
      h("thead", {}, h("tr", {}, ...["单元格", "表格", "改动"].map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        {},
        ...notes.map((n) =>
          h(
            "tr",
            { "data-cell": `${n.sheet}!${n.cell}`, className: n.newValue ? "adds" : "removes" },
            h("th", { scope: "row", className: "cell" }, n.cell),
            h("td", {}, n.table),
            h("td", {}, n.newValue ? `添加“${n.newValue}”（本表没有数据）` : `删除“${cellText(n.oldValue)}”（本表已有数据）`),
          ),
        ),
      ),
    );
  }

  function oldText(w: CellWrite): string {
    if (w.oldFormula) return `公式 ${w.oldFormula}`;
    const v = w.oldValue;
    if (typeof v === "number") return fmtExact(decimalFromNumber(v));
    return cellText(v) || "（空）";
  }

  function cancel(): void {
    setPlan(null);
    replace(previewEl);
    ctx.notify("已取消，未写入任何内容。");
  }

  async function confirm(): Promise<void> {
    const p = plan;
    if (!p || isEmpty(p)) return;
    const ok = await ctx.run(`正在写入 ${p.writes.length + (p.notes ?? []).length} 个单元格…`, async (progress) => {
      const res = await ctx.host.applyPlan(p, progress);
      setPlan(null);
      replace(previewEl, h("p", { className: "done" }, `已写入 ${res.written} 个单元格。如需恢复，请点击“撤销填充”。`));
      const changed = res.changedSincePreview;
      if (changed.length > 0) {
        ctx.notify(
          `填充完成：已写入 ${res.written} 个单元格。其中 ${changed.length} 个单元格在预览之后被修改过（${changed.slice(0, 5).map((c) => `${c.sheet} ${c.cell}`).join("、")}${changed.length > 5 ? " 等" : ""}），修改后的内容已被替换；如需保留，请点击“撤销填充”。`,
          "warning",
        );
      } else ctx.notify(`填充完成：已写入 ${res.written} 个单元格。`, "success");
    });
    await refreshUndo();
    if (ok) hooks.onChanged?.();
  }

  async function undo(): Promise<void> {
    const ok = await ctx.run("正在撤销填充…", async (progress) => {
      const res = await ctx.host.undoLastFill(progress);
      const skipped = res.skipped.length
        ? `；有 ${res.skipped.length} 个单元格在填充后被修改过，已保留现有内容（${res.skipped.slice(0, 5).map((s) => `${s.sheet} ${s.cell}`).join("、")}${res.skipped.length > 5 ? " 等" : ""}）`
        : "";
      ctx.notify(`已撤销填充：恢复了 ${res.restored} 个单元格的原值和公式${skipped}。`, res.skipped.length ? "warning" : "success");
      replace(previewEl);
    });
    await refreshUndo();
    if (ok) hooks.onChanged?.();
  }

  return { id: "fill", label: "填充合计", element, refreshUndo, preview, onShow: () => void refreshUndo() };
}
