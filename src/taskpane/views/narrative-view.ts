// 生成说明: the 情况说明 rendered from the workbook; each section's template editable and saved with the workbook.
import { SECTION_LABELS, STYLES, findStyle } from "../../core/narrative/styles";
import { renderInWorker, RenderStopped } from "../render-in-worker";
import { paneError } from "../errors";
import type { NarrativeResult, NarrativeSection, TemplateSet } from "../../core/narrative/render";
import type { TemplateField } from "../../core/narrative/fields";
import { previousYearProblem } from "../../core/facts";
import { readWorkbook } from "../../core/model/read-workbook";
import type { BudgetWorkbook } from "../../core/model/types";
import type { WorkbookSnapshot } from "../../core/snapshot";
import { NARRATIVE_SHEET } from "../../host/workbook-host";
import { copyText } from "../io";
import { h, nextFrame, replace } from "../dom";
import type { PaneContext, View } from "../pane";
import { createExportSection, findingLines } from "./export-section";

export function narrativeText(sections: NarrativeSection[]): string {
  return sections.map((s) => [s.title, ...s.paragraphs].filter((x) => x !== "").join("\n")).join("\n\n") + "\n";
}

type Engine = typeof import("../narrative-engine");

export function createNarrativeView(ctx: PaneContext): View {
  // The template engine comes with the first 生成说明 (its own chunk): Excel opens the pane without it.
  let engine: Engine | null = null;
  const loadEngine = async (): Promise<Engine> => (engine ??= await import(/* webpackChunkName: "narrative-engine" */ "../narrative-engine"));
  let result: NarrativeResult | null = null;
  let fields: TemplateField[] = [];
  let previous: { name: string; workbook: BudgetWorkbook; snapshot: WorkbookSnapshot } | null = null;
  let overrides: TemplateSet = {};
  let overridesLoaded = false;
  const findingsEl = h("ul", { className: "narrative-findings", id: "narrative-findings" });
  const sectionsEl = h("div", { className: "narrative" });
  const writeBtn = h("button", { className: "action secondary", type: "button", id: "btn-narrative-sheet", disabled: true, onclick: () => void writeSheet() }, `写入“${NARRATIVE_SHEET}”工作表`);
  const copyBtn = h("button", { className: "action secondary", type: "button", id: "btn-narrative-copy", disabled: true, onclick: () => void copy() }, "复制全文");
  // Not an "action": the busy state disables those, and this one must stay clickable while rendering.
  const cancelBtn = h("button", { className: "cancel-render", type: "button", id: "btn-narrative-cancel", hidden: true }, "停止生成");
  const txtBtn = h("button", { className: "action secondary", type: "button", id: "btn-narrative-txt", disabled: true, onclick: () => download() }, "下载说明（.txt）");
  // 样式: automatic (from the tables' layout and 说明参数 说明样式) or one the user picks.
  const styleSelect = h(
    "select",
    { id: "narrative-style", "aria-label": "说明样式" },
    h("option", { value: "" }, "自动（按表格格式和说明参数）"),
    ...STYLES.map((st) => h("option", { value: st.name }, st.name)),
  );
  styleSelect.addEventListener("change", () => {
    if (result) void generate();
  });
  // 上年工作簿: last year's disclosure gives the 上年 figures; read here, in this pane, and sent nowhere.
  const previousInput = h("input", { type: "file", accept: ".xlsx", id: "previous-input", className: "file-input" });
  const previousName = h("span", { className: "previous-name", id: "previous-name" }, "未选择");
  const previousClear = h("button", { className: "action secondary", type: "button", id: "btn-previous-clear", hidden: true, onclick: () => void setPrevious(null) }, "不用上年工作簿");
  previousInput.addEventListener("change", () => void setPrevious(previousInput.files?.[0] ?? null));

  const element = h(
    "section",
    {},
    h("p", { className: "intro" }, "按模板生成部门预算公开的情况说明，数据取自各公开表和“说明参数”表。每一节的模板都可以修改，修改会随工作簿保存。"),
    h(
      "div",
      { className: "toolbar" },
      h("button", { className: "action primary", type: "button", id: "btn-narrative", onclick: () => void generate() }, "生成说明"),
      cancelBtn,
      writeBtn,
      copyBtn,
      ctx.host.exportWorkbook ? txtBtn : null, // hosts whose results are downloaded
    ),
    h(
      "div",
      { className: "narrative-options" },
      h("label", { for: "narrative-style" }, "说明样式："),
      styleSelect,
      h("label", { className: "action secondary pick", for: "previous-input" }, "选择上年工作簿…", previousInput),
      previousName,
      previousClear,
    ),
    // Boxed apart from the sections below: it exports the whole disclosure, not only this text.
    createExportSection(ctx, templates),
    findingsEl,
    sectionsEl,
  );

  async function templates(): Promise<TemplateSet> {
    if (!overridesLoaded) {
      overrides = await ctx.host.loadTemplates();
      overridesLoaded = true;
    }
    return { ...(await loadEngine()).defaultTemplates(), ...overrides };
  }

  function forgetPrevious(): void {
    previous = null;
    previousInput.value = "";
    previousName.textContent = "未选择";
    previousClear.hidden = true;
  }

  async function setPrevious(file: File | null): Promise<void> {
    if (!file) {
      forgetPrevious();
      if (result) await generate();
      return;
    }
    await ctx.run("正在读取上年工作簿…", async () => {
      const { readSnapshot } = await import(/* webpackChunkName: "xlsx-read" */ "../../xlsx/read-snapshot");
      const { snapshot } = await readSnapshot(await file.arrayBuffer(), file.name);
      const workbook = readWorkbook(snapshot);
      if (!workbook.tables.some((t) => t.key !== "PARAMS")) throw new Error(`${file.name} 中没有找到可识别的预算公开表，不能作为上年工作簿。`);
      previous = { name: file.name, workbook, snapshot };
      previousName.textContent = file.name;
      previousClear.hidden = false;
    });
    if (previous) await generate();
  }

  async function generate(): Promise<void> {
    await ctx.run("正在生成情况说明…", async (progress) => {
      const t = await templates();
      const snapshot = await ctx.snapshot(progress);
      progress("正在套用模板…");
      await nextFrame();
      const e = await loadEngine();
      const wb = readWorkbook(snapshot);
      // As the CLI's --previous: a workbook of another year than this year − 1 is not taken (a copy of this year's
      // would make every change 持平). Checked here, where the open workbook is read, and let go.
      const wrongYear = previous && previousYearProblem(wb, "当前工作簿", previous.workbook, previous.name);
      if (wrongYear) {
        forgetPrevious();
        throw paneError(wrongYear, "已取消这个上年工作簿。可另选上一年的工作簿，或直接点击“生成说明”。");
      }
      const style = styleSelect.value || undefined;
      // In a worker with a time limit and a cancel button: templates may come from a workbook someone mailed.
      const running = renderInWorker(snapshot, t, undefined, { style, previous: previous?.snapshot });
      cancelBtn.hidden = false;
      cancelBtn.onclick = () => running.cancel();
      try {
        result = await running.result;
      } catch (err) {
        if (!(err instanceof RenderStopped)) throw err;
        if (err.cancelled) return ctx.notify(err.message, "info");
        throw paneError(err.message, "可点击各节的“编辑模板”修改，或“恢复默认模板”。");
      } finally {
        cancelBtn.hidden = true;
        cancelBtn.onclick = null;
      }
      fields = e.templateFields(wb, { previous: previous?.workbook });
      render(t);
      if (result.nothingRead) {
        ctx.notify("没有读到任何预算公开表，无法生成说明。请确认表标题（如“部门预算收支总表”）在各工作表的前几行。", "warning");
        return;
      }
      const missing = result.missing ?? 0;
      const warnings = result.findings.length;
      ctx.notify(
        missing ? `已生成说明（${result.style}），其中 ${missing} 处【缺少：…】需要补充（见上方列表）。` : warnings ? `已生成说明（${result.style}），有 ${warnings} 条提示（见上方列表）。` : `已生成说明（${result.style}）。`,
        missing || warnings ? "warning" : "success",
      );
    });
  }

  function render(t: TemplateSet): void {
    if (!result) return;
    const empty = result.sections.length === 0 || !!result.nothingRead;
    writeBtn.disabled = copyBtn.disabled = txtBtn.disabled = empty;
    replace(findingsEl, ...findingLines(result.findings));
    if (result.nothingRead) {
      replace(sectionsEl);
      return;
    }
    // The style's sections in order; one whose template failed is still listed, with its editor open.
    const ids = findStyle(result.style)?.sections ?? STYLES[0].sections;
    replace(
      sectionsEl,
      ...ids.map((id) => {
        const s = result!.sections.find((x) => x.id === id);
        return s ? sectionEl(s, t, false) : sectionEl({ id, title: "", paragraphs: [] }, t, true);
      }),
    );
  }

  function sectionEl(s: NarrativeSection, t: TemplateSet, failed: boolean): HTMLElement {
    const label = SECTION_LABELS[s.id] ?? s.id;
    const editor = h("textarea", { className: "template-editor", rows: 8, spellcheck: "false", "aria-label": `“${label}”的模板`, "data-section": s.id });
    editor.value = t[s.id] ?? "";
    const syntax = h("p", { className: "template-error", role: "alert", hidden: true });
    const saveBtn = h("button", { className: "action secondary", type: "button", "data-save": s.id, onclick: () => void save(s.id, editor.value) }, "保存模板并重新生成");
    const checkSyntax = () => {
      const e = engine?.templateSyntaxError(editor.value) ?? null;
      syntax.hidden = !e;
      syntax.textContent = e ? `模板有语法错误，${e.message}` : "";
      saveBtn.disabled = !!e;
    };
    editor.addEventListener("input", checkSyntax);
    const fieldList = h(
      "ul",
      { className: "template-fields", "aria-label": "可用字段（点击插入）" },
      ...fields.map((f) =>
        h(
          "li",
          {},
          h(
            "button",
            { type: "button", className: "field", "data-path": f.path, title: `插入 ${f.insert}`, onclick: () => insertAt(editor, f.insert, checkSyntax) },
            h("code", {}, f.path),
            h("span", { className: "field-value" }, f.value),
          ),
        ),
      ),
    );
    const edited = s.id in overrides;
    const el = h(
      "article",
      { className: "narrative-section", "data-section": s.id },
      s.title ? h(s.id === "title" || s.id === "sh00" ? "h2" : "h3", {}, s.title) : null,
      ...s.paragraphs.map((p) => (p.includes("\t") ? h("p", { className: "table-row" }, p.replace(/\t/g, " | ")) : h("p", {}, p))),
      failed ? h("p", { className: "section-failed" }, `“${label}”未能生成，请按上方提示修改模板。`) : null,
      h(
        "details",
        { className: "template", open: failed },
        h("summary", {}, edited ? `编辑模板：${label}（已修改）` : `编辑模板：${label}`),
        h("div", { className: "template-edit" }, editor, h("p", { className: "fields-title" }, "可用字段及当前值（点击插入）："), fieldList),
        syntax,
        h(
          "div",
          { className: "toolbar" },
          saveBtn,
          h("button", { className: "action secondary", type: "button", disabled: !edited, onclick: () => void save(s.id, null) }, "恢复默认模板"),
        ),
      ),
    );
    checkSyntax();
    return el;
  }

  async function save(id: string, source: string | null): Promise<void> {
    const next = { ...overrides };
    if (source === null || source === (await loadEngine()).defaultTemplates()[id]) delete next[id];
    else next[id] = source;
    const ok = await ctx.run("正在保存模板…", async () => {
      await ctx.host.saveTemplates(next);
      overrides = next;
    });
    if (ok) await generate();
  }

  /** Inserts a field at the caret (replacing a selection), as typing would. */
  function insertAt(editor: HTMLTextAreaElement, text: string, after: () => void): void {
    const start = editor.selectionStart ?? editor.value.length;
    const end = editor.selectionEnd ?? start;
    editor.value = editor.value.slice(0, start) + text + editor.value.slice(end);
    editor.selectionStart = editor.selectionEnd = start + text.length;
    editor.focus();
    after();
  }

  async function writeSheet(): Promise<void> {
    if (!result) return;
    const sections = result.sections;
    await ctx.run(`正在写入“${NARRATIVE_SHEET}”工作表…`, async () => {
      const name = await ctx.host.writeNarrative(sections);
      ctx.notify(`已写入“${name}”工作表。`, "success");
    });
  }

  async function copy(): Promise<void> {
    if (!result) return;
    const ok = await copyText(narrativeText(result.sections));
    ctx.notify(ok ? "已复制到剪贴板，可以粘贴到 Word 中。" : "无法访问剪贴板，请下载或写入工作表后复制。", ok ? "success" : "warning");
  }

  function download(): void {
    if (!result) return;
    const text = narrativeText(result.sections);
    const base = ctx.host.name().replace(/\.xlsx$/i, "");
    const name = `${base}-情况说明.txt`;
    // Through run(): a download the browser refuses is shown, naming the file. Only browser mode has this button:
    // its file guard (with the reader's messages) stays out of what Excel loads.
    void ctx.run("正在生成 .txt 文件…", async () => {
      const { downloadNamed } = await import(/* webpackChunkName: "file-guard" */ "../file-guard");
      downloadNamed(new Blob(["\ufeff" + text], { type: "text/plain;charset=utf-8" }), name);
      ctx.notify(`已生成“${name}”，请在浏览器的下载列表中查看。`, "success");
    });
  }

  return { id: "narrative", label: "生成说明", element };
}
