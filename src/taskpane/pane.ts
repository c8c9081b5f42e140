// The pane shell: header, tabs, busy state and error box. Views get a PaneContext and never touch the host directly otherwise.
import type { HostKind, WorkbookHost, Progress } from "../host/workbook-host";
import type { WorkbookSnapshot } from "../core/snapshot";
import { h, nextFrame, replace } from "./dom";
import { describeError } from "./errors";

/** The header says where the pane runs: Office (Excel), WPS 表格, or neither (a local file in a browser). */
const HOST_LABEL: Record<HostKind, string> = { excel: "Excel", wps: "WPS 表格", file: "浏览器模式" };
const HOST_TITLE: Record<HostKind, string> = {
  excel: "在 Microsoft Excel 中运行",
  wps: "在 WPS 表格中运行",
  file: "未在 Excel 或 WPS 中运行：处理本机浏览器中打开的文件",
};

export interface PaneContext {
  readonly host: WorkbookHost;
  /**
   * Runs an action with the busy state; errors are shown, never thrown. Returns false when it failed or another action
   * ran. `keepMessage`: a quiet action (going to a cell) leaves the last message (校验完成 …) in place.
   */
  run(label: string, action: (progress: Progress) => Promise<void>, options?: { keepMessage?: boolean }): Promise<boolean>;
  notify(text: string, kind?: "success" | "info" | "warning"): void;
  /** Reads the workbook afresh (every action starts from what the workbook holds now). */
  snapshot(progress: Progress, options?: { merges?: boolean }): Promise<WorkbookSnapshot>;
  readonly busy: boolean;
  /** Show another tab (e.g. a finding's 填充合计 action opens the fill tab). */
  show(id: string): void;
}

/** The title row of the pane and of the browser mode's open screen: the name, and a badge saying where the pane runs. */
export function titleRow(kind: HostKind): HTMLElement {
  return h("div", { className: "title-row" }, h("h1", {}, "预算公开助手"), h("span", { className: `badge mode-${kind}`, title: HOST_TITLE[kind] }, HOST_LABEL[kind]));
}

export interface View {
  id: string;
  label: string;
  element: HTMLElement;
  /** Called when the tab is shown. */
  onShow?(): void;
}

export class Pane implements PaneContext {
  private busyFlag = false;
  private readonly statusEl = h("div", { className: "status", role: "status", hidden: true });
  private readonly statusText = h("span", { className: "status-text" });
  private readonly progressBar = h("div", { className: "progress-bar" });
  private readonly messageEl = h("div", { className: "message-area" });
  private readonly nameEl = h("div", { className: "workbook-name" });
  private readonly tabs: HTMLButtonElement[] = [];
  private readonly views: View[] = [];

  constructor(
    readonly host: WorkbookHost,
    private readonly root: HTMLElement,
    private readonly headerExtras: HTMLElement[] = [],
  ) {
    this.nameEl.textContent = host.name();
    replace(this.statusEl, h("span", { className: "spinner", "aria-hidden": "true" }), this.statusText, h("div", { className: "progress" }, this.progressBar));
  }

  get busy(): boolean {
    return this.busyFlag;
  }

  mount(views: View[]): void {
    this.views.push(...views);
    const nav = h("nav", { className: "tabs", role: "tablist" });
    for (const v of views) {
      const tab = h("button", { className: "tab", role: "tab", type: "button", id: `tab-${v.id}`, "aria-controls": `view-${v.id}`, onclick: () => this.show(v.id) }, v.label);
      this.tabs.push(tab);
      nav.appendChild(tab);
      v.element.id = `view-${v.id}`;
      v.element.setAttribute("role", "tabpanel");
      v.element.setAttribute("aria-labelledby", `tab-${v.id}`);
      v.element.classList.add("view");
    }
    // Arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern, as in Fluent's TabList).
    nav.addEventListener("keydown", (e) => {
      const i = this.tabs.findIndex((t) => t === document.activeElement);
      const n = this.tabs.length;
      const to: Record<string, number> = { ArrowRight: (i + 1) % n, ArrowLeft: (i + n - 1) % n, Home: 0, End: n - 1 };
      if (i < 0 || !(e.key in to)) return;
      const next = this.tabs[to[e.key]];
      next.focus();
      next.click();
      e.preventDefault();
    });
    const header = h(
      "header",
      { className: "header" },
      titleRow(this.host.kind),
      this.nameEl,
      ...this.headerExtras,
    );
    this.messageEl.tabIndex = -1;
    replace(this.root, header, nav, this.statusEl, h("main", { className: "views" }, this.messageEl, ...views.map((v) => v.element)));
    this.show(views[0].id);
  }

  show(id: string): void {
    for (const v of this.views) v.element.hidden = v.id !== id;
    for (const t of this.tabs) {
      const on = t.id === `tab-${id}`;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
    }
    this.views.find((v) => v.id === id)?.onShow?.();
  }

  async snapshot(progress: Progress, options?: { merges?: boolean }): Promise<WorkbookSnapshot> {
    const snap = await this.host.readSnapshot(progress, options);
    // Excel tells the workbook's name only once it has been read.
    this.nameEl.textContent = this.host.name();
    this.nameEl.title = this.host.name();
    return snap;
  }

  notify(text: string, kind: "success" | "info" | "warning" = "info"): void {
    replace(this.messageEl, h("div", { className: `message ${kind}`, role: kind === "warning" ? "alert" : "status" }, text));
  }

  private showError(e: unknown): void {
    const d = describeError(e);
    replace(
      this.messageEl,
      h(
        "div",
        { className: "message error", role: "alert" },
        h("strong", {}, d.message),
        d.hint ? h("div", { className: "hint" }, d.hint) : null,
        d.code && d.code !== "Unexpected" && d.code !== "FileHostError" ? h("div", { className: "code" }, `错误代码：${d.code}`) : null,
      ),
    );
  }

  /** Moves focus to the latest message, so keyboard and screen-reader users land on the outcome of their action. */
  focusMessage(): void {
    if (this.messageEl.firstChild) this.messageEl.focus();
  }

  async run(label: string, action: (progress: Progress) => Promise<void>, options: { keepMessage?: boolean } = {}): Promise<boolean> {
    if (this.busyFlag) return false;
    this.busyFlag = true;
    this.root.setAttribute("aria-busy", "true");
    this.root.classList.add("is-busy");
    if (!options.keepMessage) replace(this.messageEl);
    const started = document.activeElement;
    const progress: Progress = (step, fraction) => {
      this.statusText.textContent = step;
      this.progressBar.style.width = fraction === undefined ? "" : `${Math.round(fraction * 100)}%`;
      this.progressBar.classList.toggle("indeterminate", fraction === undefined);
    };
    this.statusEl.hidden = false;
    progress(label);
    try {
      await nextFrame(); // paint the busy state before any long step
      await action(progress);
      return true;
    } catch (e) {
      this.showError(e);
      return false;
    } finally {
      this.busyFlag = false;
      this.statusEl.hidden = true;
      this.root.removeAttribute("aria-busy");
      this.root.classList.remove("is-busy");
      // Focus follows the outcome, unless the action moved it somewhere itself (a preview, a list).
      if (!options.keepMessage && document.activeElement === started) this.focusMessage();
    }
  }
}
