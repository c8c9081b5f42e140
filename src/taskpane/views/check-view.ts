// 一键校验: summary per table, the findings list with filters; a click takes the user to the cell.
import type { CheckResult } from "../../core/check-tables";
import { checkSnapshot } from "../../host/lazy-check";
import { SEVERITY_LABEL } from "../../core/findings";
import type { Finding, Severity } from "../../core/findings";
import type { CellPreview } from "../../host/workbook-host";
import { columnLetter } from "../../core/snapshot";
import { h, nextFrame, replace } from "../dom";
import { formatTime } from "../format";
import type { PaneContext, View } from "../pane";

const SEVERITIES: Severity[] = ["error", "warning", "info"];
const OTHER = "其他";

export interface CheckViewHooks {
  /** Called after each check so other views can use the result. */
  onChecked?(result: CheckResult): void;
}

export function findingTable(f: Finding, result: CheckResult): string {
  if (f.table) return f.table;
  return result.tables.find((t) => t.sheet === f.sheet)?.title ?? OTHER;
}

export function createCheckView(ctx: PaneContext, hooks: CheckViewHooks = {}): View & { runCheck(): Promise<boolean>; markStale(): void } {
  let result: CheckResult | null = null;
  let selected: Finding | null = null;
  const severityFilter = h("select", { className: "filter", "aria-label": "按级别筛选", id: "filter-severity" });
  const tableFilter = h("select", { className: "filter", "aria-label": "按表格筛选", id: "filter-table" });
  const summary = h("div", { className: "summary" });
  const list = h("ul", { className: "findings", "aria-label": "校验结果" });
  const count = h("span", { className: "count" });
  const preview = h("div", { className: "cell-preview", hidden: true });
  const markBtn = h("button", { className: "action secondary", type: "button", id: "btn-mark", disabled: true, onclick: () => void mark() }, "在表中标记问题单元格");
  const unmarkBtn = h("button", { className: "action secondary", type: "button", id: "btn-unmark", onclick: () => void unmark() }, "清除标记");
  const filters = h("div", { className: "filters", hidden: true }, h("label", {}, "级别 ", severityFilter), h("label", {}, "表格 ", tableFilter), count);
  severityFilter.addEventListener("change", renderList);
  tableFilter.addEventListener("change", renderList);

  const element = h(
    "section",
    {},
    h("p", { className: "intro" }, "读取工作簿中的全部公开表，核对表内、表间勾稽关系和格式，列出错误、警告和提示。"),
    h(
      "div",
      { className: "toolbar" },
      h("button", { className: "action primary", type: "button", id: "btn-check", onclick: () => void runCheck() }, "一键校验"),
      ctx.host.highlight ? markBtn : null,
      ctx.host.clearHighlights ? unmarkBtn : null,
    ),
    summary,
    filters,
    preview,
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
      result = await checkSnapshot(snapshot);
      selected = null;
      ribbonNote.hidden = true;
      hooks.onChecked?.(result);
      renderSummary();
      renderFilters();
      renderList();
      markBtn.disabled = result.findings.every((f) => !f.cell);
      const n = result.findings.length;
      const errors = result.findings.filter((f) => f.severity === "error").length;
      ctx.notify(n === 0 ? "校验完成，未发现问题。" : `校验完成：共 ${n} 条结果，其中错误 ${errors} 条。`, errors > 0 ? "warning" : "success");
    });
  }

  function counts(findings: Finding[]): Record<Severity, number> {
    const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of findings) c[f.severity]++;
    return c;
  }

  function renderSummary(): void {
    if (!result) return;
    const r = result;
    const groups = new Map<string, Finding[]>();
    for (const t of r.tables) groups.set(t.title, []);
    for (const f of r.findings) {
      const k = findingTable(f, r);
      groups.set(k, [...(groups.get(k) ?? []), f]);
    }
    const total = counts(r.findings);
    const clean = [...groups].filter(([, fs]) => fs.length === 0).map(([name]) => name);
    const row = (name: string, c: Record<Severity, number>, cls = "") =>
      h("tr", { className: cls }, h("th", { scope: "row" }, name), ...SEVERITIES.map((s) => h("td", { className: c[s] > 0 ? `n sev-${s}` : "n zero" }, c[s])));
    replace(
      summary,
      h(
        "table",
        { className: "summary-table" },
        h("caption", {}, `共识别 ${r.tables.length} 张表（金额单位：${r.unit}）`),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "表格"), ...SEVERITIES.map((s) => h("th", { scope: "col" }, SEVERITY_LABEL[s])))),
        h(
          "tbody",
          {},
          ...[...groups].filter(([, fs]) => fs.length > 0).map(([name, fs]) => row(name, counts(fs))),
          clean.length > 0 ? h("tr", { className: "clean", title: clean.join("、") }, h("th", { scope: "row" }, `其余 ${clean.length} 张表未发现问题`), h("td", { className: "n zero" }, 0), h("td", { className: "n zero" }, 0), h("td", { className: "n zero" }, 0)) : null,
        ),
        h("tfoot", {}, row("合计", total, "total")),
      ),
    );
  }

  function renderFilters(): void {
    if (!result) return;
    const r = result;
    const c = counts(r.findings);
    replace(
      severityFilter,
      h("option", { value: "" }, `全部级别（${r.findings.length}）`),
      ...SEVERITIES.map((s) => h("option", { value: s }, `${SEVERITY_LABEL[s]}（${c[s]}）`)),
    );
    const tables = [...new Set(r.findings.map((f) => findingTable(f, r)))];
    replace(tableFilter, h("option", { value: "" }, "全部表格"), ...tables.map((t) => h("option", { value: t }, t)));
    filters.hidden = r.findings.length === 0;
  }

  function renderList(): void {
    if (!result) return;
    const r = result;
    const sev = severityFilter.value;
    const table = tableFilter.value;
    const shown = r.findings.filter((f) => (!sev || f.severity === sev) && (!table || findingTable(f, r) === table));
    count.textContent = `显示 ${shown.length} / ${r.findings.length} 条`;
    replace(list, ...shown.map((f) => findingItem(f)));
    if (r.findings.length === 0) replace(list, h("li", { className: "empty" }, "未发现问题。"));
  }

  function findingItem(f: Finding): HTMLElement {
    const where = f.cell ? `${f.sheet} ${f.cell}` : f.sheet || "工作簿";
    const btn = h(
      "button",
      {
        className: `finding sev-${f.severity}`,
        type: "button",
        "data-sheet": f.sheet,
        "data-cell": f.cell,
        "data-rule": f.rule,
        title: f.cell ? "转到该单元格" : "",
        onclick: () => void go(f, btn),
      },
      h("span", { className: `sev-badge sev-${f.severity}` }, SEVERITY_LABEL[f.severity]),
      h("span", { className: "where" }, where),
      h("span", { className: "rule" }, f.rule),
      h("span", { className: "msg" }, f.message),
      f.expected !== undefined || f.actual !== undefined
        ? h("span", { className: "values" }, f.expected !== undefined ? `应为 ${f.expected}` : "", f.expected !== undefined && f.actual !== undefined ? "，" : "", f.actual !== undefined ? `实为 ${f.actual}` : "")
        : null,
      f.note ? h("span", { className: "note" }, `可补充说明：${f.note}`) : null,
    );
    return h("li", {}, btn);
  }

  async function go(f: Finding, btn: HTMLElement): Promise<void> {
    if (!f.sheet) return;
    selected = f;
    for (const b of list.querySelectorAll(".finding.selected")) b.classList.remove("selected");
    btn.classList.add("selected");
    await ctx.run("正在定位单元格…", async () => {
      const p = await ctx.host.selectCell({ sheet: f.sheet, cell: f.cell });
      renderPreview(p);
    });
  }

  function renderPreview(p: CellPreview | null): void {
    preview.hidden = !p;
    if (!p) return;
    const colName = columnLetter;
    replace(
      preview,
      h("div", { className: "preview-title" }, `${p.sheet} ${p.cell}`, selected ? ` · ${selected.message}` : ""),
      h(
        "table",
        { className: "grid" },
        h("thead", {}, h("tr", {}, h("th", {}), ...(p.rows[0] ?? []).map((_, j) => h("th", {}, colName(p.firstCol + j))))),
        h(
          "tbody",
          {},
          ...p.rows.map((row, i) =>
            h(
              "tr",
              {},
              h("th", {}, p.firstRow + i + 1),
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

  /** The workbook changed (fill, undo): the list may be out of date. */
  function markStale(): void {
    if (!result) return;
    ribbonNote.hidden = false;
    ribbonNote.textContent = "工作簿已被修改，下面的结果可能已过时，请重新点击“一键校验”。";
  }

  return { id: "check", label: "一键校验", element, runCheck, markStale };
}
