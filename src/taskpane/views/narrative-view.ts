// 生成说明: the 情况说明 rendered from the workbook; each section's template editable and saved with the workbook.
import { renderNarrative, SECTION_IDS } from "../../core/narrative/render";
import type { NarrativeResult, NarrativeSection, TemplateSet } from "../../core/narrative/render";
import { NARRATIVE_SHEET } from "../../host/workbook-host";
import { defaultTemplates } from "../default-templates";
import { copyText, downloadBlob } from "../io";
import { h, nextFrame, replace } from "../dom";
import type { PaneContext, View } from "../pane";
import { createExportSection, findingLines } from "./export-section";

export function narrativeText(sections: NarrativeSection[]): string {
  return sections.map((s) => [s.title, ...s.paragraphs].filter((x) => x !== "").join("\n")).join("\n\n") + "\n";
}

export function createNarrativeView(ctx: PaneContext): View {
  let result: NarrativeResult | null = null;
  let overrides: TemplateSet = {};
  let overridesLoaded = false;
  const findingsEl = h("ul", { className: "narrative-findings" });
  const sectionsEl = h("div", { className: "narrative" });
  const writeBtn = h("button", { className: "action secondary", type: "button", id: "btn-narrative-sheet", disabled: true, onclick: () => void writeSheet() }, `写入“${NARRATIVE_SHEET}”工作表`);
  const copyBtn = h("button", { className: "action secondary", type: "button", id: "btn-narrative-copy", disabled: true, onclick: () => void copy() }, "复制全文");
  const txtBtn = h("button", { className: "action secondary", type: "button", id: "btn-narrative-txt", disabled: true, onclick: () => download() }, "下载说明（.txt）");

  const element = h(
    "section",
    {},
    h("p", { className: "intro" }, "按模板生成部门预算公开的情况说明，数据取自各公开表和“说明参数”表。每一节的模板都可以修改，修改会随工作簿保存。"),
    h(
      "div",
      { className: "toolbar" },
      h("button", { className: "action primary", type: "button", id: "btn-narrative", onclick: () => void generate() }, "生成说明"),
      writeBtn,
      copyBtn,
      ctx.host.exportWorkbook ? txtBtn : null, // hosts whose results are downloaded
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
    return { ...defaultTemplates(), ...overrides };
  }

  async function generate(): Promise<void> {
    await ctx.run("正在生成情况说明…", async (progress) => {
      const t = await templates();
      const snapshot = await ctx.snapshot(progress);
      progress("正在套用模板…");
      await nextFrame();
      result = renderNarrative(snapshot, t);
      render(t);
      const missing = result.findings.length;
      ctx.notify(missing ? `已生成说明，有 ${missing} 处需要补充（见上方列表）。` : "已生成说明。", missing ? "warning" : "success");
    });
  }

  function render(t: TemplateSet): void {
    if (!result) return;
    writeBtn.disabled = copyBtn.disabled = txtBtn.disabled = result.sections.length === 0;
    replace(findingsEl, ...findingLines(result.findings));
    // A section whose template failed is still listed, with its editor open, so the user can fix it here.
    const ids = new Set<string>([...result.sections.map((s) => s.id), ...Object.keys(t)]);
    const ordered = [...SECTION_IDS.filter((id) => ids.has(id)), ...[...ids].filter((id) => !(SECTION_IDS as readonly string[]).includes(id))];
    replace(
      sectionsEl,
      ...ordered.map((id) => {
        const s = result!.sections.find((x) => x.id === id);
        return s ? sectionEl(s, t, false) : sectionEl({ id, title: "", paragraphs: [] }, t, true);
      }),
    );
  }

  function sectionEl(s: NarrativeSection, t: TemplateSet, failed: boolean): HTMLElement {
    const editor = h("textarea", { className: "template-editor", rows: 8, spellcheck: "false", "aria-label": `${s.title || s.id} 的模板`, "data-section": s.id });
    editor.value = t[s.id] ?? "";
    const edited = s.id in overrides;
    return h(
      "article",
      { className: "narrative-section", "data-section": s.id },
      s.title ? h(s.id === "title" ? "h2" : "h3", {}, s.title) : null,
      ...s.paragraphs.map((p) => h("p", {}, p)),
      failed ? h("p", { className: "section-failed" }, `本节（${s.id}）未能生成，请按上方提示修改模板。`) : null,
      h(
        "details",
        { className: "template", open: failed },
        h("summary", {}, edited ? "编辑模板（已修改）" : "编辑模板"),
        editor,
        h(
          "div",
          { className: "toolbar" },
          h("button", { className: "action secondary", type: "button", "data-save": s.id, onclick: () => void save(s.id, editor.value) }, "保存模板并重新生成"),
          h("button", { className: "action secondary", type: "button", disabled: !edited, onclick: () => void save(s.id, null) }, "恢复默认模板"),
        ),
      ),
    );
  }

  async function save(id: string, source: string | null): Promise<void> {
    const next = { ...overrides };
    if (source === null || source === defaultTemplates()[id]) delete next[id];
    else next[id] = source;
    const ok = await ctx.run("正在保存模板…", async () => {
      await ctx.host.saveTemplates(next);
      overrides = next;
    });
    if (ok) await generate();
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
    const base = ctx.host.name().replace(/\.xlsx$/i, "");
    const name = `${base}-情况说明.txt`;
    downloadBlob(new Blob(["\ufeff" + narrativeText(result.sections)], { type: "text/plain;charset=utf-8" }), name);
    ctx.notify(`已生成“${name}”，请在浏览器的下载列表中查看。`, "success");
  }

  return { id: "narrative", label: "生成说明", element };
}
