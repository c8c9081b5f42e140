// The pane inside "WPS 表格": the add-in's own pages (wps-taskpane.html, index.html) with window.Application and
// window.wps from the WPS test double, backed by the seed fixture; each action's calls into WPS are counted.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { check } from "../../src/core/check";
import { groupFindings } from "../../src/core/group-findings";
import { planFill } from "../../src/core/fill";
import { cellItem, toBlocks } from "../../src/excel/blocks";
import { STORE_SHEET } from "../../src/host/workbook-host";
import type { WpsDoubleSnapshot, WpsDoubleState } from "../support/wps-double";
import { guard, paneRig, ROOT, waitIdle } from "./support";
import { variantSnapshot } from "./seed-variant";
import { wpsDoubleScript } from "./wps-support";
import { openDocx } from "../docx/docx-xml";

type W = { __wps: { state: WpsDoubleState; cell(s: string, a: string): { v: unknown; f: string | null; fill: { color: number } | null }; sheetNames(): string[]; exportState(): unknown } };

const YELLOW_BGR = 0x00ffff;

describe("e2e: task pane inside WPS 表格 (WPS object-model double)", function () {
  this.timeout(300_000);
  let sheet: string;
  let sheetCount: number;
  let expectedFindings: number;
  let expectedWrites: string[];
  let expectedBlocks: number;

  const state = () => rig.page.evaluate(() => (window as unknown as W).__wps.state);
  const cell = (s: string, a: string) => rig.page.evaluate(([s2, a2]) => (window as unknown as W).__wps.cell(s2, a2), [s, a] as const);
  const idle = () => waitIdle(rig.page);
  const member = (s: WpsDoubleState, m: string) => s.byMember[m] ?? 0;

  let seed: WpsDoubleSnapshot;
  const rig = paneRig("missing", {
    prepare: async () => {
      const v = await variantSnapshot();
      sheet = v.sheet;
      seed = v.snapshot as WpsDoubleSnapshot;
      seed.sheets.find((s) => s.name === sheet)!.fills = [{ cell: "D6", color: "#FFFF00" }];
      sheetCount = seed.sheets.length;
      expectedFindings = groupFindings(v.snapshot, check(v.snapshot)).findings.length;
      const plan = planFill(v.snapshot);
      expectedWrites = plan.writes.map((w) => `${w.sheet}!${w.cell}`).sort();
      expectedBlocks = toBlocks(plan.writes.map((w) => cellItem(w.sheet, w.cell, 0))).length;
    },
    open: async (page, server) => {
      await page.addInitScript((s) => {
        (window as unknown as { __WPS_SEED__: unknown }).__WPS_SEED__ = s;
      }, seed);
      await page.addInitScript(wpsDoubleScript());
      await page.goto(server.url + "wps-taskpane.html");
      await page.waitForSelector("#btn-check");
    },
  });

  it("opens in WPS mode: the header says WPS 表格, no office.js, no ExcelJS", async () => {
    assert.equal(await rig.page.locator(".badge").first().textContent(), "WPS 表格");
    assert.ok(!rig.watch.requested.some((u) => u.includes("appsforoffice")), "office.js is not requested");
    assert.ok(!rig.watch.requested.some((u) => /\/xlsx\.[^/]*\.chunk\.js/.test(u)), "ExcelJS is not loaded");
    assert.equal(await rig.page.locator(".workbook-name").textContent(), "平乡县行政审批局-2024年部门预算.xlsx");
  });

  it("一键校验 reads each sheet with one Value2 and one Formula call and lists every finding", async () => {
    const s0 = await state();
    await rig.page.click("#btn-check");
    await rig.page.waitForSelector(".finding");
    await idle();
    const s1 = await state();
    assert.equal(member(s1, "EtRange.Value2") - member(s0, "EtRange.Value2"), sheetCount);
    assert.equal(member(s1, "EtRange.Formula") - member(s0, "EtRange.Formula"), sheetCount);
    assert.ok(s1.calls - s0.calls <= 10 + 7 * sheetCount, `check used ${s1.calls - s0.calls} calls`);
    assert.equal(await rig.page.locator(".finding:not(.sub)").count(), expectedFindings);
  });

  it("clicking a finding activates its sheet and selects its cell", async () => {
    const s0 = await state();
    await rig.page.click(`.finding[data-sheet="${sheet}"][data-cell="D6"] >> nth=0`);
    await rig.page.waitForFunction(() => (window as unknown as W).__wps.state.selected !== null);
    await idle();
    const s1 = await state();
    assert.deepEqual(s1.selected, { sheet, cell: "D6" });
    assert.equal(s1.active, sheet);
    assert.ok(s1.calls - s0.calls <= 8, `select used ${s1.calls - s0.calls} calls`);
  });

  it("marks finding cells and clears the marks, giving D6 its own yellow back", async () => {
    await rig.page.click("#btn-mark");
    await rig.page.waitForSelector(".message.success");
    assert.notEqual((await cell(sheet, "D6")).fill!.color, YELLOW_BGR);
    await rig.page.click("#btn-unmark");
    await rig.page.waitForSelector(".message.success >> text=已清除");
    assert.equal((await cell(sheet, "D6")).fill!.color, YELLOW_BGR);
  });

  it("填充合计 previews, then writes exactly those cells with screen updating and calculation off, one write per block", async () => {
    await rig.page.click("#tab-fill");
    await rig.page.click("#btn-fill-preview");
    await rig.page.waitForSelector(".plan-table tbody tr");
    await idle();
    const s0 = await state();
    await rig.page.click("#btn-fill-confirm");
    await rig.page.waitForSelector(".message.success >> text=填充完成");
    const s1 = await state();
    const written = s1.writes.slice(s0.writes.length).filter((w) => w.sheet !== STORE_SHEET);
    assert.deepEqual(written.map((w) => `${w.sheet}!${w.cell}`).sort(), expectedWrites);
    assert.ok(written.every((w) => w.screenUpdating === false && w.calculation === -4135));
    assert.equal(member(s1, "EtRange.Value2=") - member(s0, "EtRange.Value2="), expectedBlocks + 1, "one write per block, one for the undo record");
    assert.equal(s1.screenUpdating, true);
    assert.equal(s1.calculation, -4105);
    assert.equal((await cell(sheet, "D6")).v, 1042.58);
  });

  it("撤销填充 after the pane was closed and reopened restores every replaced cell", async () => {
    await rig.page.reload();
    await rig.page.waitForSelector("#btn-check");
    await rig.page.click("#tab-fill");
    await rig.page.waitForSelector("#btn-undo:not([disabled])");
    const s0 = await state();
    await rig.page.click("#btn-undo");
    await rig.page.waitForSelector(".message >> text=已撤销填充");
    const s1 = await state();
    const restored = s1.writes.slice(s0.writes.length).filter((w) => w.sheet !== STORE_SHEET);
    assert.deepEqual(restored.map((w) => `${w.sheet}!${w.cell}`).sort(), expectedWrites);
    assert.equal((await cell(sheet, "D6")).v, null);
    assert.equal((await cell(sheet, "E6")).v, 1);
  });

  it("生成说明 writes the 情况说明 sheet and saves an edited template with the workbook", async () => {
    await rig.page.click("#tab-narrative");
    await rig.page.click("#btn-narrative");
    await rig.page.waitForSelector(".narrative-section");
    await idle();
    await rig.page.click("#btn-narrative-sheet");
    await rig.page.waitForSelector(".message.success >> text=已写入");
    const names = await rig.page.evaluate(() => (window as unknown as W).__wps.sheetNames());
    assert.ok(names.includes("情况说明"));
    assert.equal((await cell("情况说明", "A1")).v, (await rig.page.locator(".narrative-section h2, .narrative-section h3").first().textContent())!.trim());
    const section = rig.page.locator('.narrative-section[data-section="s01"]');
    await section.locator("summary").click();
    await section.locator("textarea").fill("自定义第一节：{{ 1 | plus: 1 }}");
    await section.locator("button[data-save]").click();
    await rig.page.waitForSelector('.narrative-section[data-section="s01"] >> text=自定义第一节：2');
    assert.equal((await cell(STORE_SHEET, "A1")).v, "template:s01");
    assert.match(String((await cell(STORE_SHEET, "B1")).v), /自定义第一节/);
  });

  it("导出 Word 文档 saves the .docx through WPS's Save As dialog next to the workbook", async () => {
    await rig.page.click("#btn-export-docx");
    // The seed's 办公用房 errors hold the export until the user confirms it.
    await rig.page.waitForSelector("#btn-export-confirm:visible");
    await rig.page.click("#btn-export-confirm");
    await rig.page.waitForSelector(".message >> text=已保存到");
    await idle();
    const s = await state();
    const file = s.saveAs[s.saveAs.length - 1].initial;
    assert.match(file, /^\/home\/财务\/预算公开\/.+\.docx$/);
    const bytes = Buffer.from(s.files[file], "latin1");
    const { document } = await openDocx(bytes);
    assert.ok(document.includes("部门预算收支总表"));
    assert.match((await rig.page.locator(".message").textContent())!, new RegExp(file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")));
  });

  it("the ribbon page: every callback of ribbon.xml is a global; 打开助手 opens this pane; 全面校验 reports and the pane shows it", async () => {
    const ribbon = fs.readFileSync(path.join(ROOT, "src/wps/ribbon.xml"), "utf8");
    const callbacks = [...new Set([...ribbon.matchAll(/\b(?:onLoad|onAction|getImage|getLabel|getEnabled|getVisible)="([^"]+)"/g)].map((m) => m[1]))];
    const p = await rig.browser.context.newPage();
    const pw = await guard(p, rig.server.url, "missing");
    // A new tab: start it from the workbook as the pane left it (only once; later pages keep their own state).
    const stored = await rig.page.evaluate(() => JSON.stringify((window as unknown as W).__wps.exportState()));
    await p.addInitScript((st) => {
      if (!sessionStorage.getItem("__wpsDoubleState")) sessionStorage.setItem("__wpsDoubleState", st);
    }, stored);
    await p.addInitScript(wpsDoubleScript());
    await p.goto(rig.server.url + "index.html");
    const kinds = await p.evaluate((names) => names.map((n) => typeof (window as unknown as Record<string, unknown>)[n]), callbacks);
    assert.deepEqual(kinds, callbacks.map(() => "function"), callbacks.join(", "));
    assert.equal(await p.evaluate(() => (window as unknown as { GetImage(c: { Id: string }): string }).GetImage({ Id: "btnFullCheck" })), "assets/icon-check-32.png");
    assert.equal((await p.request.get(rig.server.url + "assets/icon-check-32.png")).status(), 200);
    await p.evaluate(() => (window as unknown as { OnAction(c: { Id: string }): boolean }).OnAction({ Id: "btnOpenPane" }));
    const panes = await p.evaluate(() => (window as unknown as W).__wps.state.panes);
    assert.equal(panes.length, 1);
    assert.equal(panes[0].url, rig.server.url + "wps-taskpane.html");
    assert.equal(panes[0].Visible, true);
    await p.evaluate(() => (window as unknown as { OnAction(c: { Id: string }): boolean }).OnAction({ Id: "btnFullCheck" }));
    await p.waitForFunction(() => (window as unknown as W).__wps.state.selected !== null);
    for (let i = 0; i < 100 && pw.dialogs.length === 0; i++) await p.waitForTimeout(100);
    const dialogs = pw.dialogs;
    assert.ok(dialogs.some((m) => /全面校验完成：错误 \d+ 条/.test(m)), dialogs.join(" | "));
    // The pane opened next shows the ribbon's result.
    await p.goto(rig.server.url + "wps-taskpane.html");
    await p.waitForSelector(".ribbon-note:not([hidden])");
    assert.match((await p.locator(".ribbon-note").textContent())!, /上次在功能区运行“全面校验”.*错误 \d+ 条/);
    await p.close();
  });

  it("sends nothing anywhere and breaks no Content-Security-Policy rule", () => {
    assert.deepEqual(rig.watch.external, []);
    assert.deepEqual(rig.watch.cspViolations, []);
    assert.deepEqual(rig.watch.pageErrors, []);
  });
});
