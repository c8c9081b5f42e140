// The same pane in a plain browser: the real office.js (local copy) reports no host, the .xlsx is read in the page.
import assert from "node:assert/strict";
import fs from "node:fs";
import type { Page } from "playwright-core";
import { check } from "../../src/core/check";
import { groupFindings } from "../../src/core/group-findings";
import { readSnapshot } from "../../src/xlsx/read-snapshot";
import { cellAt, parseA1 } from "../../src/core/snapshot";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { guard, paneRig, waitIdle, XSS } from "./support";
import type { Watch } from "./support";
import { SANGONG_CELL, SANGONG_PARAGRAPH, narrativeXlsx, variantSnapshot, variantXlsx } from "./seed-variant";
import { openDocx } from "../docx/docx-xml";

function valueAt(snap: WorkbookSnapshot, sheet: string, address: string): unknown {
  const s = snap.sheets.find((x) => x.name === sheet)!;
  const p = parseA1(address)!;
  return cellAt(s, p.row, p.col);
}

describe("e2e: browser mode on a local .xlsx (no Excel)", function () {
  this.timeout(300_000);
  let file: string;
  let sheet: string;
  let expectedFindings: number;
  const idle = () => waitIdle(rig.page);
  /** A second pane in its own page (own requests watched), at its open screen. */
  async function openPane(office: "real" | "missing"): Promise<{ p: Page; w: Watch }> {
    const p = await rig.browser.context.newPage();
    const w = await guard(p, rig.server.url, office);
    await p.goto(rig.server.url + "taskpane.html");
    return { p, w };
  }

  const rig = paneRig("real", {
    prepare: async () => {
      ({ file, sheet } = await variantXlsx());
      expectedFindings = (({ snapshot }) => groupFindings(snapshot, check(snapshot)).findings.length)(await variantSnapshot());
    },
    open: async (page, server) => {
      await page.goto(server.url + "taskpane.html");
    },
  });

  it("office.js reports no host, so the pane offers a file picker, a drop zone and the sample", async () => {
    await rig.page.waitForSelector("#drop-zone");
    assert.ok(await rig.page.locator("#file-input").count());
    assert.ok(await rig.page.locator("#btn-sample").count());
    assert.ok(rig.watch.requested.some((u) => u.endsWith("/office.js")), "office.js was loaded (from the local copy)");
  });

  it("reads a picked .xlsx in a worker (the reader loaded only now) and checks it", async () => {
    const chunksBefore = rig.watch.requested.filter((u) => /\/xlsx\.[^/]*\.chunk\.js$/.test(u)).length;
    assert.equal(chunksBefore, 0, "no ExcelJS before a file is opened");
    await rig.page.setInputFiles("#file-input", file);
    await rig.page.waitForSelector("#btn-check");
    assert.ok(rig.watch.requested.some((u) => /\/xlsx\.[^/]*\.chunk\.js$/.test(u)));
    // Read in a worker the pane can stop (a time limit and a cancel button), not on the rig.page.
    assert.ok(rig.watch.requested.some((u) => /read-worker\.[^/]*\.js$/.test(u)), rig.watch.requested.join("\n"));
    assert.match((await rig.page.locator(".workbook-name").textContent())!, /平乡县-测试\.xlsx/);
    await rig.page.click("#btn-check");
    await rig.page.waitForSelector(".finding");
    await idle();
    assert.equal(await rig.page.locator(".finding:not(.sub)").count(), expectedFindings);
  });

  it("shows the HTML cell as text and runs nothing", async () => {
    const texts = await rig.page.locator(".finding .msg").allTextContents();
    assert.ok(texts.some((t) => t.includes(XSS)));
    assert.equal(await rig.page.locator("#app img").count(), 0);
    assert.deepEqual(rig.watch.dialogs, []);
  });

  it("clicking a finding shows where its cell is", async () => {
    await rig.page.click(`.finding[data-sheet="${sheet}"][data-cell="D6"] >> nth=0`);
    await rig.page.waitForSelector(".cell-preview:not([hidden]) td.focus");
    assert.match((await rig.page.locator(".preview-title").textContent())!, new RegExp(`${sheet} D6`));
  });

  it("fill: preview, confirm, undo, fill again", async () => {
    await rig.page.click("#tab-fill");
    await rig.page.click("#btn-fill-preview");
    await rig.page.waitForSelector(".plan-table tbody tr");
    const n = await rig.page.locator(".plan-table tbody tr").count();
    assert.ok(n >= 2);
    await rig.page.click("#btn-fill-confirm");
    await rig.page.waitForSelector(".message.success >> text=填充完成");
    await rig.page.waitForSelector("#btn-undo:not([disabled])");
    await rig.page.click("#btn-undo");
    await rig.page.waitForSelector(".message >> text=已撤销填充");
    assert.match((await rig.page.locator(".message").textContent())!, new RegExp(`恢复了 ${n} 个单元格`));
    await rig.page.click("#btn-fill-preview");
    await rig.page.waitForSelector(".plan-table tbody tr");
    assert.equal(await rig.page.locator(".plan-table tbody tr").count(), n, "undo brought the workbook back to where it was");
    await rig.page.click("#btn-fill-confirm");
    await rig.page.waitForSelector(".message.success >> text=填充完成");
  });

  it("downloads the filled workbook", async () => {
    const [download] = await Promise.all([rig.page.waitForEvent("download"), rig.page.click("#btn-download")]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const saved = await download.path();
    const { snapshot } = await readSnapshot(fs.readFileSync(saved!));
    assert.equal(valueAt(snapshot, sheet, "D6"), 1042.58);
    assert.equal(valueAt(snapshot, sheet, "E6"), 1042.58);
    assert.equal(valueAt(snapshot, sheet, "F6"), XSS, "a cell the fill cannot read is not touched");
  });

  it("generates the narrative and downloads it as text", async () => {
    await rig.page.click("#tab-narrative");
    await rig.page.click("#btn-narrative");
    await rig.page.waitForSelector(".narrative-section");
    await idle();
    const title = (await rig.page.locator(".narrative-section h2, .narrative-section h3").first().textContent())!.trim();
    const [download] = await Promise.all([rig.page.waitForEvent("download"), rig.page.click("#btn-narrative-txt")]);
    assert.match(download.suggestedFilename(), /情况说明\.txt$/);
    await rig.page.waitForSelector(".message.success >> text=情况说明.txt", { timeout: 5000 });
    const text = fs.readFileSync((await download.path())!, "utf8");
    assert.ok(text.includes(title));
    await rig.page.click("#btn-narrative-sheet");
    await rig.page.waitForSelector(".message.success >> text=已写入");

    await rig.browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: rig.server.url.replace(/\/$/, "") });
    await rig.page.click("#btn-narrative-copy");
    await rig.page.waitForSelector(".message.success >> text=已复制到剪贴板");
    const clip = await rig.page.evaluate(() => navigator.clipboard.readText());
    assert.ok(clip.startsWith(title), "the clipboard holds the narrative");
  });

  it("offers the bundled sample workbook", async () => {
    const { p: p2, w: w2 } = await openPane("real");
    await p2.click("#btn-sample");
    await p2.waitForSelector("#btn-check");
    assert.match((await p2.locator(".workbook-name").textContent())!, /平乡县行政审批局-2024年部门预算\.xlsx/);
    await p2.click("#btn-check");
    await p2.waitForSelector(".summary-table");
    assert.deepEqual(w2.external, []);
    await p2.close();
  });

  it("导出 Word 文档 on the seed: the docx chunk is fetched only then, the download is a .docx with the tables", async () => {
    const { p: p5, w: w5 } = await openPane("real");
    await p5.click("#btn-sample");
    await p5.click("#tab-narrative");
    const docxChunk = () => w5.requested.filter((u) => /\/docx\.[^/]*\.chunk\.js$/.test(u)).length;
    // An edited template goes into the document (the sample has no 情况说明 sheet, so the text comes from the templates).
    await p5.click("#btn-narrative");
    const section = p5.locator('.narrative-section[data-section="s01"]');
    await section.locator("summary").click();
    await section.locator("textarea").fill("一、自定义的部门职责：{{ 1 | plus: 1 }}");
    await section.locator("button[data-save]").click();
    await p5.waitForSelector('.narrative-section[data-section="s01"] >> text=自定义的部门职责：2');
    assert.equal(docxChunk(), 0, "the Word export is not loaded with the pane");
    await p5.click("#btn-export-docx");
    // The sample's errors (办公用房) hold the export until confirmed; the report also lists the slips it fixed.
    await p5.waitForSelector("#btn-export-confirm:visible");
    assert.match((await p5.locator("#export-report").textContent())!, /校验发现 \d+ 个错误[\s\S]*已更正 \d+ 处标点/);
    const [download] = await Promise.all([p5.waitForEvent("download"), p5.click("#btn-export-confirm")]);
    assert.equal(docxChunk(), 1);
    assert.match(download.suggestedFilename(), /^平乡县行政审批局2024年部门预算信息公开\.docx$/);
    const { document } = await openDocx(fs.readFileSync((await download.path())!));
    assert.ok(document.includes("部门预算收支总表"));
    assert.ok(document.includes("1042.58"));
    assert.ok(document.includes("自定义的部门职责：2"), "the pane's edited template was used");
    await p5.waitForSelector(".message.warning >> text=已生成");
    assert.match((await p5.locator("#export-source").textContent())!, /按当前模板[\s\S]*公开格式：河北县级/);
    // The same workbook in Shanghai's published form, by the pane's option: its order and its 编制部门 line.
    await p5.selectOption("#export-form", "上海区级");
    await p5.click("#btn-export-docx");
    await p5.waitForSelector("#btn-export-confirm:visible");
    const [shanghai] = await Promise.all([p5.waitForEvent("download"), p5.click("#btn-export-confirm")]);
    const sh = (await openDocx(fs.readFileSync((await shanghai.path())!))).document;
    assert.ok(sh.includes("部门预算表") && sh.includes("编制部门：平乡县行政审批局"), "Shanghai's form");
    assert.ok(sh.includes("1,042.58"));
    assert.match((await p5.locator("#export-source").textContent())!, /公开格式：上海区级/);
    assert.deepEqual(w5.external, []);
    assert.deepEqual(w5.pageErrors, []);
    await p5.close();
  });

  it("a hand-written 情况说明 sheet is checked: the S-06 finding is listed under 情况说明 and a click shows its cell", async () => {
    const { p: p6 } = await openPane("real");
    await p6.setInputFiles("#file-input", await narrativeXlsx());
    await p6.click("#btn-check");
    await p6.waitForSelector(".finding");
    await p6.selectOption("#filter-table", "情况说明");
    assert.equal(await p6.locator('.finding:not([data-sheet="情况说明"])').count(), 0);
    assert.match((await p6.locator(".summary-table tbody").textContent())!, /情况说明/);
    const s06 = p6.locator(`.finding[data-sheet="情况说明"][data-cell="${SANGONG_CELL}"][data-rule="S-06"]`);
    assert.equal(await s06.count(), 1);
    await s06.click();
    await p6.waitForSelector(".cell-preview:not([hidden]) td.focus");
    assert.match((await p6.locator(".preview-title").textContent())!, new RegExp(`情况说明 ${SANGONG_CELL}`));
    assert.equal(await p6.locator(".cell-preview td.focus").textContent(), SANGONG_PARAGRAPH);
    await p6.close();
  });

  it("still works on local files when office.js cannot be loaded (offline)", async () => {
    const { p: p4, w: w4 } = await openPane("missing");
    await p4.click("#btn-sample");
    await p4.waitForSelector("#btn-check");
    assert.deepEqual(w4.pageErrors, []);
    await p4.close();
  });

  it("a file that is not a workbook gets a plain Chinese message", async () => {
    const { p: p3 } = await openPane("real");
    await p3.setInputFiles("#file-input", { name: "notes.xlsx", mimeType: "text/plain", buffer: Buffer.from("这不是工作簿") });
    await p3.waitForSelector(".open-status.error");
    // Named as the CLI names it, with the reader's reason.
    assert.match((await p3.locator(".open-status").textContent())!, /^无法读取 notes\.xlsx：这不是 Excel 工作簿（\.xlsx）文件。/);
    await p3.close();
  });

  it("sends the budget data nowhere and breaks no Content-Security-Policy rule", () => {
    assert.deepEqual(rig.watch.external, []);
    // Outside Office, office.js tries to frame its telemetry service (and style that frame): the policy blocks
    // exactly that, as intended. Any other violation (script, eval, connect) would be ours and fails here.
    const ours = rig.watch.cspViolations.filter((v) => !/^Framing 'https:\/\/telemetryservice\./.test(v) && !/^Applying inline style/.test(v));
    assert.deepEqual(ours, []);
    assert.deepEqual(rig.watch.pageErrors, []);
  });
});
