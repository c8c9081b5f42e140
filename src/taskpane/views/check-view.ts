// 一键校验: summary per table, the findings grouped by cause with what to do; a click takes the user to the cell.
import type { CheckResult } from "../../core/check-tables";
import { checkSnapshot } from "../../host/lazy-check";
import { SEVERITY_LABEL } from "../../core/findings";
import type { Finding, Severity } from "../../core/findings";
import { EMPTY_TOTALS_RULE, EMPTY_WORKBOOK_RULE, countSeverities, groupFindings, ruleDescription, type GroupedFindings, type ShownFinding } from "../../core/group-findings";
import type { CellPreview } from "../../host/workbook-host";
import { columnLetter } from "../../core/snapshot";
import { h, nextFrame, replace } from "../dom";
import { formatTime } from "../format";
import type { PaneContext, View } from "../pane";

const SEVERITIES: Severity[] = ["error", "warning", "info"];

export interface CheckViewHooks {
  /** Called after each check so other views can use the result. */
  onChecked?(result: CheckResult): void;
  /** A finding's 填充合计 action: open the fill tab with its preview. */
  onFill?(): void;
}

export function createCheckView(ctx: PaneContext, hooks: CheckViewHooks = {}): View & { runCheck(): Promise<boolean>; markStale(): void } {
  let result: CheckResult | null = null;
  let grouped: GroupedFindings | null = null;
  let previewEl: HTMLElement | null = null;
  let previewSeq = 0;
  const severityFilter = h("select", { className: "filter", "aria-label": "按级别筛选", id: "filter-severity" });
  const tableFilter = h("select", { className: "filter", "aria-label": "按表格筛选", id: "filter-table" });
  const summary = h("div", { className: "summary" });
  const list = h("ul", { className: "findings", "aria-label": "校验结果", id: "findings" });
  const count = h("span", { className: "count", "aria-live": "polite" });
  const markBtn = h("button", { className: "action secondary", type: "button", id: "btn-mark", disabled: true, onclick: () => void mark() }, "在表中标记问题单元格");
  const unmarkBtn = h("button", { className: "action secondary", type: "button", id: "btn-unmark", onclick: () => void unmark() }, "清除标记");
  const filters = h("div", { className: "filters", hidden: true }, h("label", {}, "级别 ", severityFilter), h("label", {}, "表格 ", tableFilter), count);
  severityFilter.addEventListener("change", renderList);
  tableFilter.addEventListener("change", renderList);

  const element = h(
    "section",
    {},
    h("p", { className: "intro" }, "读取工作簿中的全部公开表，核对表内、表间勾稽关系和格式，列出错误、警告和提示，并说明怎么改。"),
    h(
      "div",
      { className: "toolbar" },
      h("button", { className: "action primary", type: "button", id: "btn-check", onclick: () => void runCheck() }, "一键校验"),
      ctx.host.highlight ? markBtn : null,
      ctx.host.clearHighlights ? unmarkBtn : null,
    ),
    summary,
    filters,
    list,
  );

  const ribbonNote = h("p", { className: "ribbon-note", hidden: true });
  element.insertBefore(ribbonNote, summary);
  void ctx.host.lastRibbonCheck?.().then((last) => {
    if (!last || result) return;
    ribbonNote.hidden = false;
    ribbonNote.textContent = last.failed
      ? `上次在功能区运行“全面校验”（${formatTime(last.at)}）没有完成：${last.failed}`
      : `上次在功能区运行“全面校验”（${formatTime(last.at)}）：错误 ${last.error} 条、警告 ${last.warning} 条、提示 ${last.info} 条。点击“一键校验”查看详情。`;
  }).catch(() => undefined);

  async function runCheck(): Promise<boolean> {
    return ctx.run("正在校验…", async (progress) => {
      const snapshot = await ctx.snapshot(progress);
      progress(`正在核对 ${snapshot.sheets.length} 张工作表…`);
      await nextFrame();
      const checked = await checkSnapshot(snapshot);
      result = checked.result;
      grouped = groupFindings(snapshot, result, { wb: checked.wb });
      closePreview();
      ribbonNote.hidden = true;
      hooks.onChecked?.(result);
      renderSummary();
      renderFilters();
      renderList();
      markBtn.disabled = result.findings.every((f) => !f.cell);
      ctx.notify(outcome(grouped), countSeverities(grouped.findings).error > 0 || grouped.findings.some((f) => f.rule === EMPTY_WORKBOOK_RULE) ? "warning" : "success");
    });
  }

  function outcome(g: GroupedFindings): string {
    if (g.findings.some((f) => f.rule === EMPTY_WORKBOOK_RULE)) return "工作簿中还没有金额：请先在各表中填写明细数据，再点击“填充合计”和“一键校验”。";
    const n = g.findings.length;
    if (n === 0) return "校验完成，未发现问题。";
    const c = countSeverities(g.findings);
    const empty = g.findings.filter((f) => f.rule === EMPTY_TOTALS_RULE).length;
    const fill = empty > 0 ? `其中 ${empty} 张表有空的合计单元格，点击“填充合计”可按明细填入。` : "";
    return `校验完成：共 ${n} 条结果（错误 ${c.error} 条，警告 ${c.warning} 条，提示 ${c.info} 条）。${fill}`;
  }

  function renderSummary(): void {
    if (!result || !grouped) return;
    const r = result;
    const withFindings = grouped.groups.filter((g) => g.findings.length > 0);
    const clean = grouped.groups.filter((g) => g.findings.length === 0).map((g) => g.name);
    const row = (name: string, c: Record<Severity, number>, cls = "") =>
      h("tr", { className: cls }, h("th", { scope: "row" }, name), ...SEVERITIES.map((s) => h("td", { className: c[s] > 0 ? `n sev-${s}` : "n zero" }, c[s])));
    replace(
      summary,
      h(
        "table",
        { className: "summary-table" },
        h("caption", {}, `共识别 ${grouped.tablesText}（金额单位：${r.unit}）`),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "表格"), ...SEVERITIES.map((s) => h("th", { scope: "col" }, SEVERITY_LABEL[s])))),
        h(
          "tbody",
          {},
          ...withFindings.map((g) => row(g.name, countSeverities(g.findings))),
          clean.length > 0 ? h("tr", { className: "clean", title: clean.join("、") }, h("th", { scope: "row" }, `其余 ${clean.length} 张表未发现问题`), h("td", { className: "n zero" }, 0), h("td", { className: "n zero" }, 0), h("td", { className: "n zero" }, 0)) : null,
        ),
        h("tfoot", {}, row("合计", countSeverities(grouped.findings), "total")),
      ),
      listing(r),
    );
  }

  /** Which sheet was read as which table (and in which unit), and the sheets not recognised. */
  function listing(r: CheckResult): HTMLElement | null {
    if (!r.listing?.length) return null;
    const unknown = r.listing.filter((t) => t.kind === "unrecognised").length;
    return h(
      "details",
      { className: "listing", id: "listing" },
      h("summary", {}, `识别结果：${r.listing.length - unknown} 张工作表${unknown ? `，${unknown} 张未识别` : ""}`),
      h(
        "ul",
        {},
        ...r.listing.map((t) =>
          h("li", { className: t.kind === "unrecognised" ? "unrecognised" : "" }, `“${t.sheet}”→ ${t.kindName}${t.unit ? `（${t.unit}）` : ""}`, t.kind === "unrecognised" && t.title && t.title !== t.sheet ? `：${t.title}` : ""),
        ),
      ),
    );
  }

  function renderFilters(): void {
    if (!grouped) return;
    const all = grouped.findings;
    const c = countSeverities(all);
    replace(
      severityFilter,
      h("option", { value: "" }, `全部级别（${all.length}）`),
      ...SEVERITIES.map((s) => h("option", { value: s }, `${SEVERITY_LABEL[s]}（${c[s]}）`)),
    );
    const tables = grouped.groups.filter((g) => g.findings.length > 0).map((g) => g.name);
    replace(tableFilter, h("option", { value: "" }, "全部表格"), ...[...new Set(tables)].map((t) => h("option", { value: t }, t)));
    filters.hidden = all.length === 0;
  }

  function renderList(): void {
    if (!grouped) return;
    closePreview();
    const sev = severityFilter.value;
    const table = tableFilter.value;
    const items = grouped.groups.flatMap((g) => g.findings.filter((f) => (!sev || f.severity === sev) && (!table || g.name === table)).map((f) => findingItem(f, g.name)));
    count.textContent = `显示 ${items.length} / ${grouped.findings.length} 条`;
    if (grouped.findings.length === 0) replace(list, h("li", { className: "empty" }, "未发现问题。"));
    else if (items.length === 0) replace(list, h("li", { className: "empty" }, "没有符合筛选条件的结果。请选择“全部级别”或“全部表格”。"));
    else replace(list, ...items);
  }

  function findingButton(f: Finding, table: string, sub: boolean): HTMLButtonElement {
    const where = [table, f.cell].filter(Boolean).join(" ");
    // Messages often open with "表名 单元格：", which the line above already shows.
    const prefix = `${f.table ?? table} ${f.cell}：`;
    const message = f.message.startsWith(prefix) ? f.message.slice(prefix.length) : f.message;
    const btn: HTMLButtonElement = h(
      "button",
      {
        className: `finding sev-${f.severity}${sub ? " sub" : ""}`,
        type: "button",
        "data-sheet": f.sheet,
        "data-cell": f.cell,
        "data-rule": f.rule,
        "aria-expanded": ctx.host.kind === "file" && f.cell ? "false" : undefined,
        title: f.cell ? "转到该单元格" : "",
        onclick: () => void go(f, btn),
      },
      h("span", { className: `sev-badge sev-${f.severity}` }, SEVERITY_LABEL[f.severity]),
      h("span", { className: "where" }, where),
      h("span", { className: "msg" }, message),
      f.expected !== undefined || f.actual !== undefined
        ? h("span", { className: "values" }, f.expected !== undefined ? `应为 ${f.expected}` : "", f.expected !== undefined && f.actual !== undefined ? "，" : "", f.actual !== undefined ? `实为 ${f.actual}` : "")
        : null,
    );
    return btn;
  }

  function findingItem(f: ShownFinding, table: string): HTMLElement {
    const desc = ruleDescription(f.rule);
    return h(
      "li",
      { className: "item" },
      findingButton(f, table, false),
      f.action
        ? h(
            "p",
            { className: "todo" },
            h("strong", {}, "怎么办："),
            f.action,
            f.fixedByFill && hooks.onFill ? h("button", { className: "action link inline", type: "button", "data-fill": f.sheet, onclick: () => hooks.onFill!() }, "预览填充") : null,
          )
        : null,
      h("p", { className: "rule-info" }, `规则 ${f.rule}`, desc ? `：${desc}` : ""),
      f.folded.length
        ? h(
            "details",
            { className: "folded" },
            h("summary", {}, `由此引起的 ${f.folded.length} 条结果（填充后消失）`),
            h("ul", { className: "findings sub" }, ...f.folded.map((x) => h("li", {}, findingButton(x, x.table ?? table, true)))),
          )
        : null,
    );
  }

  function closePreview(): void {
    previewSeq++;
    previewEl?.remove();
    previewEl = null;
    for (const b of list.querySelectorAll(".finding.selected")) {
      b.classList.remove("selected");
      if (b.hasAttribute("aria-expanded")) b.setAttribute("aria-expanded", "false");
    }
  }

  async function go(f: Finding, btn: HTMLElement): Promise<void> {
    if (!f.sheet) return;
    closePreview();
    const seq = previewSeq;
    btn.classList.add("selected");
    await ctx.run(
      "正在定位单元格…",
      async () => {
        const p = await ctx.host.selectCell({ sheet: f.sheet, cell: f.cell });
        if (!p || seq !== previewSeq) return;
        // The preview opens right under the finding it belongs to, and is scrolled into view there.
        previewEl = renderPreview(p, f);
        btn.setAttribute("aria-expanded", "true");
        btn.setAttribute("aria-controls", previewEl.id);
        btn.closest("li")!.appendChild(previewEl);
        previewEl.scrollIntoView({ block: "nearest" });
      },
      { keepMessage: true },
    );
  }

  function renderPreview(p: CellPreview, f: Finding): HTMLElement {
    return h(
      "div",
      // Focusable: at pane width the grid scrolls sideways, and a keyboard must be able to scroll it.
      { className: "cell-preview", id: "cell-preview", role: "region", tabIndex: 0, "aria-label": `${p.sheet} ${p.cell} 附近的单元格` },
      h("div", { className: "preview-title" }, `${p.sheet} ${p.cell}`),
      h(
        "table",
        { className: "grid" },
        h("caption", { className: "sr-only" }, `${p.sheet} ${p.cell} 附近的单元格：${f.message}`),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, h("span", { className: "sr-only" }, "行号")), ...(p.rows[0] ?? []).map((_, j) => h("th", { scope: "col" }, columnLetter(p.firstCol + j))))),
        h(
          "tbody",
          {},
          ...p.rows.map((row, i) =>
            h(
              "tr",
              {},
              h("th", { scope: "row" }, p.firstRow + i + 1),
              ...row.map((v, j) => h("td", { className: i === p.focus.row && j === p.focus.col ? "focus" : "" }, v)),
            ),
          ),
        ),
      ),
    );
  }

  async function mark(): Promise<void> {
    if (!result) return;
    const refs = result.findings.filter((f) => f.cell).map((f) => ({ sheet: f.sheet, cell: f.cell, severity: f.severity }));
    await ctx.run("正在标记问题单元格…", async () => {
      const n = (await ctx.host.highlight?.(refs)) ?? 0;
      ctx.notify(`已标记 ${n} 个单元格；点击“清除标记”可恢复原来的填充色。`, "success");
    });
  }

  async function unmark(): Promise<void> {
    await ctx.run("正在清除标记…", async () => {
      const n = (await ctx.host.clearHighlights?.()) ?? 0;
      ctx.notify(n > 0 ? `已清除 ${n} 个单元格的标记，原填充色已恢复。` : "没有需要清除的标记。", "success");
    });
  }

  /** The workbook changed (fill, undo, a narrative sheet): the list may be out of date, the preview is. */
  function markStale(): void {
    closePreview();
    if (!result) return;
    ribbonNote.hidden = false;
    ribbonNote.textContent = "工作簿已被修改，下面的结果可能已过时，请重新点击“一键校验”。";
  }

  return { id: "check", label: "一键校验", element, runCheck, markStale };
}
