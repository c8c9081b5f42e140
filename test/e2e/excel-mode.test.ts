// The pane inside "Excel": office.js is routed to a test double of the Excel API backed by the seed fixture.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { check } from "../../src/core/check";
import { groupFindings } from "../../src/core/group-findings";
import { planFill } from "../../src/core/fill";
import type { DoubleState } from "../support/excel-double";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { doubleScript, guard, outputDir, paneRig, publishScreenshot, waitIdle, XSS } from "./support";
import { SANGONG_CELL, narrativeSnapshot, variantSnapshot } from "./seed-variant";
import { openDocx } from "../docx/docx-xml";

type Cell = { v: unknown; f: string | null; fill: unknown } | null;

describe("e2e: task pane inside Excel (office.js test double)", function () {
  this.timeout(300_000);
  let sheet: string;
  let expectedFindings: number;
  let expectedWrites: string[];

  const syncs = () => rig.page.evaluate(() => (window as unknown as { __excelDouble: { state: DoubleState } }).__excelDouble.state.syncs);
  const state = () => rig.page.evaluate(() => (window as unknown as { __excelDouble: { state: DoubleState } }).__excelDouble.state);
  const cell = (s: string, a: string) =>
    rig.page.evaluate(([s2, a2]) => (window as unknown as { __excelDouble: { cell(s: string, a: string): Cell } }).__excelDouble.cell(s2, a2), [s, a] as const);
  const idle = () => waitIdle(rig.page);

  let seed: WorkbookSnapshot;
  const rig = paneRig({ script: doubleScript() }, {
    prepare: async () => {
      const v = await variantSnapshot();
      sheet = v.sheet;
      seed = v.snapshot;
      expectedFindings = groupFindings(v.snapshot, check(v.snapshot)).findings.length;
      expectedWrites = planFill(v.snapshot).writes.map((w) => `${w.sheet}!${w.cell}`).sort();
    },
    open: async (page, server) => {
      await page.addInitScript((s) => {
        const w = window as unknown as { __DOUBLE_SEED__: unknown; __DOUBLE_OPTIONS__: unknown };
        w.__DOUBLE_SEED__ = s;
        w.__DOUBLE_OPTIONS__ = { latency: 120 }; // a round trip takes time, as in Excel, so the busy state can be seen
      }, seed);
      await page.goto(server.url + "taskpane.html");
      await page.waitForSelector("#btn-check");
    },
  });

  it("opens in Excel mode without loading ExcelJS", async () => {
    assert.equal(await rig.page.locator(".badge").first().textContent(), "Excel");
    assert.deepEqual(rig.watch.requested.filter((u) => /\.chunk\.js/.test(u)), []);
  });

  it("一键校验 reads the workbook in at most 2 syncs and lists every finding", async () => {
    const before = await syncs();
    await rig.page.click("#btn-check");
    // Busy: progress shown, the pane marked busy, and it still answers (tabs switch) while Excel works.
    await rig.page.waitForSelector(".status:not([hidden]) .status-text");
    assert.match((await rig.page.locator(".status-text").textContent())!, /正在/);
    assert.equal(await rig.page.locator("#app[aria-busy=true]").count(), 1);
    await rig.page.click("#tab-fill");
    await rig.page.click("#tab-check");
    await rig.page.waitForSelector(".finding");
    await idle();
    const used = (await syncs()) - before;
    assert.ok(used <= 2, `check used ${used} syncs`);
    assert.equal(await rig.page.locator(".finding:not(.sub)").count(), expectedFindings);
    const totals = (await rig.page.locator(".summary-table tfoot td").allTextContents()).map(Number);
    assert.equal(totals.reduce((a, b) => a + b, 0), expectedFindings, "the summary counts every finding");
    assert.match((await rig.page.locator(".summary-table tr.clean").textContent())!, /其余 \d+ 张表未发现问题/);
  });

  it("shows a cell holding HTML as text and runs nothing", async () => {
    const texts = await rig.page.locator(".finding .msg").allTextContents();
    assert.ok(texts.some((t) => t.includes(XSS)), "the HTML is shown literally");
    assert.equal(await rig.page.locator("#app img").count(), 0);
    assert.deepEqual(rig.watch.dialogs, []);
  });

  it("filters by severity and by table", async () => {
    await rig.page.selectOption("#filter-severity", "error");
    const errors = await rig.page.locator(".finding:not(.sub)").count();
    assert.ok(errors > 0 && errors < expectedFindings);
    assert.equal(await rig.page.locator(".finding:not(.sev-error)").count(), 0);
    await rig.page.selectOption("#filter-severity", "");
    await rig.page.selectOption("#filter-table", "部门预算收入总表");
    assert.equal(await rig.page.locator(`.finding:not(.sub):not([data-sheet="${sheet}"])`).count(), 0);
    await rig.page.selectOption("#filter-table", "");
    assert.equal(await rig.page.locator(".finding:not(.sub)").count(), expectedFindings);
  });

  it("clicking a finding activates its sheet and selects its cell in one sync", async () => {
    const before = await syncs();
    await rig.page.click(`.finding[data-sheet="${sheet}"][data-cell="D6"] >> nth=0`);
    await rig.page.waitForFunction(() => (window as unknown as { __excelDouble: { state: DoubleState } }).__excelDouble.state.selected !== null);
    await idle();
    const s = await state();
    assert.deepEqual(s.selected, { sheet, cell: "D6" });
    assert.equal(s.active, sheet);
    assert.equal(s.syncs - before, 1);
  });

  it("saves a screenshot of the pane with findings for the README", async () => {
    const shot = path.join(outputDir(), "taskpane.png");
    await rig.page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      document.scrollingElement!.scrollTop = 0;
      window.scrollTo(0, 0);
    });
    await rig.page.waitForFunction(() => window.scrollY === 0 && document.scrollingElement!.scrollTop === 0);
    await rig.page.screenshot({ path: shot, fullPage: false });
    publishScreenshot(shot, "taskpane.png");
    assert.ok(fs.statSync(shot).size > 10_000);
  });

  it("marks finding cells and clears the marks, restoring the cells' fills", async () => {
    await rig.page.click("#btn-mark");
    await rig.page.waitForSelector(".message.success");
    assert.ok((await cell(sheet, "D6"))!.fill);
    await rig.page.click("#btn-unmark");
    await rig.page.waitForSelector(".message.success >> text=已清除");
    assert.equal((await rig.page.evaluate(([s, a]) => (window as unknown as { __excelDouble: { cell(s: string, a: string): { fill: unknown } } }).__excelDouble.cell(s, a).fill, [sheet, "D6"] as const)), null);
  });

  it("填充合计 previews old → new, then writes exactly those cells in one sync", async () => {
    await rig.page.click("#tab-fill");
    await rig.page.click("#btn-fill-preview");
    await rig.page.waitForSelector(".plan-table tbody tr");
    await idle();
    const rows = await rig.page.locator(".plan-table tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-cell")));
    assert.deepEqual([...rows].sort(), expectedWrites);
    assert.match((await rig.page.locator(`.plan-table tr[data-cell="${sheet}!D6"]`).textContent())!, /1042\.58/);
    const s0 = await state();
    const writesBefore = s0.writes.length;
    await rig.page.click("#btn-fill-confirm");
    await rig.page.waitForSelector(".message.success >> text=填充完成");
    const s1 = await state();
    assert.equal(s1.syncs - s0.syncs, 1, "a fill writes in one sync");
    assert.equal(s1.suspendCalls - s0.suspendCalls, 1, "calculation suspended during the write");
    const written = s1.writes.slice(writesBefore).map((w) => `${w.sheet}!${w.cell}`).sort();
    assert.deepEqual(written, expectedWrites);
    assert.equal((await cell(sheet, "D6"))!.v, 1042.58);
    assert.equal((await cell(sheet, "E6"))!.v, 1042.58);
    assert.ok(s1.settings["budgetDisclosure.undo"], "undo record kept in the document settings");
    assert.match((await rig.page.locator(".ribbon-note").textContent())!, /已过时/, "the check list says it is out of date");
  });

  it("撤销填充 after the pane was closed and reopened restores every replaced cell", async () => {
    await rig.page.reload();
    await rig.page.waitForSelector("#btn-check");
    await rig.page.click("#tab-fill");
    await rig.page.waitForSelector("#btn-undo:not([disabled])");
    assert.match((await rig.page.locator("#undo-info").textContent())!, /共 \d+ 个单元格/);
    const s0 = await state();
    await rig.page.click("#btn-undo");
    await rig.page.waitForSelector(".message >> text=已撤销填充");
    const s1 = await state();
    assert.equal(s1.syncs - s0.syncs, 2, "undo: one read (to keep later edits), one write");
    assert.deepEqual(s1.writes.map((w) => `${w.sheet}!${w.cell}`).sort(), expectedWrites);
    assert.equal((await cell(sheet, "D6"))!.v, null);
    assert.equal((await cell(sheet, "E6"))!.v, 1);
    assert.ok(await rig.page.locator("#btn-undo[disabled]").count());
  });

  it("生成说明 renders the sections, writes the 情况说明 sheet, and saves an edited template with the workbook", async () => {
    await rig.page.click("#tab-narrative");
    await rig.page.click("#btn-narrative");
    await rig.page.waitForSelector(".narrative-section");
    await idle();
    assert.ok((await rig.page.locator(".narrative-section").count()) >= 10);
    await rig.page.click("#btn-narrative-sheet");
    await rig.page.waitForSelector(".message.success >> text=已写入");
    const names = await rig.page.evaluate(() => (window as unknown as { __excelDouble: { sheetNames(): string[] } }).__excelDouble.sheetNames());
    assert.ok(names.includes("情况说明"));
    const a1 = (await cell("情况说明", "A1"))!.v;
    assert.equal(a1, (await rig.page.locator(".narrative-section h2, .narrative-section h3").first().textContent())!.trim());

    const section = rig.page.locator('.narrative-section[data-section="s01"]');
    await section.locator("summary").click();
    const editor = section.locator("textarea");
    await editor.fill("自定义第一节：{{ 1 | plus: 1 }}");
    await section.locator("button[data-save]").click();
    await rig.page.waitForSelector('.narrative-section[data-section="s01"] >> text=自定义第一节：2');
    const settings = (await state()).settings;
    assert.match(settings["budgetDisclosure.templates"], /自定义第一节/);
  });

  it("导出 Word 文档 reads the workbook in at most 2 syncs, shows its progress, holds it for the seed's errors and downloads the .docx once confirmed", async () => {
    const before = await syncs();
    await rig.page.click("#btn-export-docx");
    await rig.page.waitForSelector(".status:not([hidden]) .status-text");
    assert.match((await rig.page.locator(".status-text").textContent())!, /正在/);
    // The seed's 办公用房 errors stop the export: the report lists them, and nothing is saved until confirmed.
    await rig.page.waitForSelector("#btn-export-confirm:visible");
    const report = (await rig.page.locator("#export-report").textContent())!;
    assert.match(report, /校验发现 \d+ 个错误/);
    assert.match(report, /“其中：办公用房”数量 452 平方米/);
    const downloaded = rig.page.waitForEvent("download");
    await rig.page.click("#btn-export-confirm");
    const download = await downloaded;
    await idle();
    assert.ok((await syncs()) - before <= 2, `export used ${(await syncs()) - before} syncs`);
    assert.match(download.suggestedFilename(), /\.docx$/);
    const { document } = await openDocx(fs.readFileSync((await download.path())!));
    assert.ok(document.includes("部门预算收支总表"));
    assert.ok(document.includes("1042.58"));
    // The 情况说明 sheet written above is what goes into the document, and the pane says so.
    assert.match((await rig.page.locator("#export-source").textContent())!, /“情况说明”工作表/);
    // Excel cannot tell whether the download happened: the message says what to do if it did not.
    assert.match((await rig.page.locator(".message").textContent())!, /已生成.*budget-disclosure export/s);
  });

  it("an Excel that lets no task pane save files: the confirmed export names the document and says where else to export it", async () => {
    const p3 = await rig.browser.context.newPage();
    await guard(p3, rig.server.url, { script: doubleScript() });
    await p3.addInitScript((s) => {
      (window as unknown as { __DOUBLE_SEED__: unknown }).__DOUBLE_SEED__ = s;
      // As in an Excel whose task pane has no Blob URLs: nothing can be downloaded.
      (URL as unknown as { createObjectURL?: unknown }).createObjectURL = undefined;
    }, seed);
    await p3.goto(rig.server.url + "taskpane.html");
    await p3.click("#tab-narrative");
    await p3.click("#btn-export-docx");
    await p3.waitForSelector("#btn-export-confirm:visible");
    await p3.click("#btn-export-confirm");
    await p3.waitForSelector(".message.error");
    const text = (await p3.locator(".message.error").textContent())!;
    assert.match(text, /当前环境不允许任务窗格保存文件，Word 文档“[^”]+\.docx”无法下载。/);
    assert.match(text, /浏览器模式.*budget-disclosure export/s);
    assert.equal(await p3.locator("#btn-export-docx:enabled").count(), 1, "the pane keeps working");
    await p3.close();
  });

  it("a hand-written 情况说明 sheet is checked: clicking its S-06 finding selects that cell", async () => {
    const p2 = await rig.browser.context.newPage();
    await guard(p2, rig.server.url, { script: doubleScript() });
    await p2.addInitScript((seed) => {
      (window as unknown as { __DOUBLE_SEED__: unknown }).__DOUBLE_SEED__ = seed;
    }, await narrativeSnapshot());
    await p2.goto(rig.server.url + "taskpane.html");
    await p2.click("#btn-check");
    await p2.waitForSelector(".finding");
    await p2.selectOption("#filter-table", "情况说明");
    assert.equal(await p2.locator('.finding:not([data-sheet="情况说明"])').count(), 0);
    const s06 = p2.locator(`.finding[data-sheet="情况说明"][data-cell="${SANGONG_CELL}"][data-rule="S-06"]`);
    assert.equal(await s06.count(), 1);
    await s06.click();
    await p2.waitForFunction(() => (window as unknown as { __excelDouble: { state: DoubleState } }).__excelDouble.state.selected !== null);
    const s = await p2.evaluate(() => (window as unknown as { __excelDouble: { state: DoubleState } }).__excelDouble.state);
    assert.deepEqual(s.selected, { sheet: "情况说明", cell: SANGONG_CELL });
    assert.equal(s.active, "情况说明");
    await p2.close();
  });

  it("an Office error is shown in plain Chinese with what to do, and the pane keeps working", async () => {
    await rig.page.click("#tab-check");
    await rig.page.evaluate(() => {
      (window as unknown as { __excelDouble: { state: DoubleState } }).__excelDouble.state.failNext = "InvalidOperationInCellEditMode";
    });
    await rig.page.click("#btn-check");
    await rig.page.waitForSelector(".message.error");
    const text = (await rig.page.locator(".message.error").textContent())!;
    assert.match(text, /单元格编辑状态/);
    assert.match(text, /Enter 或 Esc/);
    await rig.page.click("#btn-check");
    await rig.page.waitForSelector(".message.warning >> text=校验完成");
  });

  it("an Excel without ExcelApi 1.9 gets a message saying what to do", async () => {
    const old = await rig.browser.context.newPage();
    await guard(old, rig.server.url, { script: doubleScript() });
    await old.addInitScript(() => {
      const w = window as unknown as { __DOUBLE_SEED__: unknown; __DOUBLE_OPTIONS__: unknown };
      w.__DOUBLE_SEED__ = { sheets: [] };
      w.__DOUBLE_OPTIONS__ = { excelApi: "1.8" };
      sessionStorage.clear();
    });
    await old.goto(rig.server.url + "taskpane.html");
    await old.waitForSelector(".message.error");
    assert.match((await old.locator(".message.error").textContent())!, /版本过旧.*升级/s);
    await old.close();
  });

  it("sends nothing anywhere and breaks no Content-Security-Policy rule", () => {
    assert.deepEqual(rig.watch.external, []);
    assert.deepEqual(rig.watch.cspViolations, []);
    assert.deepEqual(rig.watch.pageErrors, []);
  });
});
