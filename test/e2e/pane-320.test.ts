// The pane as a finance officer meets it at task-pane width (320 px), in the browser mode: grouped findings, the
// preview beside the finding, a fill preview whose confirm stays in sight, no work lost, keyboard use, and axe-core.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { Dialog, Page } from "playwright-core";
import { axe, outputDir, paneRig, publishScreenshot, waitIdle } from "./support";
import { clearedTotalsXlsx } from "./seed-variant";
import { CLEARED_TOTALS } from "../fixtures/cleared-totals";

const WIDTH = 320;
const HEIGHT = 640;

async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth + 1;
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  const shot = path.join(outputDir(), name);
  await page.screenshot({ path: shot });
  publishScreenshot(shot, name);
}

describe("e2e: the pane at 320 px (browser mode)", function () {
  this.timeout(300_000);
  let file: string;
  const dialogs: { type: string; message: string }[] = [];
  const idle = () => waitIdle(rig.page);

  const rig = paneRig("real", {
    prepare: async () => {
      file = await clearedTotalsXlsx();
    },
    open: async (page, server) => {
      await page.setViewportSize({ width: WIDTH, height: HEIGHT });
      page.on("dialog", (d: Dialog) => dialogs.push({ type: d.type(), message: d.message() }));
      await page.goto(server.url + "taskpane.html");
      await page.waitForSelector("#drop-zone");
    },
  });

  it("the open screen passes axe (WCAG 2.1 AA)", async () => {
    assert.deepEqual(await axe(rig.page), []);
  });

  it("empty totals: one finding per table says so, with 填充合计 as its action and the rest folded under it", async () => {
    await rig.page.setInputFiles("#file-input", file);
    await rig.page.waitForSelector("#btn-check");
    // Keyboard: the check runs from the keyboard, and focus lands on its outcome.
    await rig.page.focus("#btn-check");
    await rig.page.keyboard.press("Enter");
    await rig.page.waitForSelector(".finding");
    await idle();
    assert.equal(await rig.page.evaluate(() => document.activeElement?.classList.contains("message-area")), true, "focus moves to the outcome");
    assert.match((await rig.page.locator(".message").first().textContent())!, /6 张表有空的合计单元格/);
    const empty = rig.page.locator('.finding:not(.sub)[data-rule="G-01"]');
    assert.equal(await empty.count(), 6);
    assert.match((await rig.page.locator('.finding[data-rule="G-01"][data-sheet="收入总表"] .msg').textContent())!, /^4 个合计单元格为空（E8、F11、F14、F17），由此引起 14 条校验结果。$/);
    const item = rig.page.locator("li.item", { has: rig.page.locator('.finding[data-rule="G-01"][data-sheet="收入总表"]') });
    assert.match((await item.locator(".todo").textContent())!, /怎么办：点击“填充合计”/);
    assert.equal(await item.locator("details.folded .finding.sub").count(), 14);
    // The 办公用房 case says what to fill.
    assert.match((await rig.page.locator("li.item", { has: rig.page.locator('.finding[data-rule="T11-02"]') }).locator(".todo").textContent())!, /请填写“1、房屋”的数量和价值/);
    // Every rule id comes with what the rule checks.
    assert.equal(await rig.page.locator("li.item .rule-info").count(), await rig.page.locator(".finding:not(.sub)").count());
    // The summary counts what the list shows, and names the tables as the CLI does.
    const totals = (await rig.page.locator(".summary-table tfoot td").allTextContents()).map(Number);
    assert.equal(totals.reduce((a, b) => a + b, 0), await rig.page.locator(".finding:not(.sub)").count());
    assert.match((await rig.page.locator(".summary-table caption").textContent())!, /共识别 15 张表和说明参数/);
    // Which sheet was read as which table, as the CLI's first line says.
    assert.match((await rig.page.locator("#listing").textContent())!, /“收入总表”→ .*（万元）/);
  });

  it("a click on the 20th finding opens its preview next to it, inside the viewport; the 校验完成 message stays", async () => {
    for (const d of await rig.page.locator("details.folded").all()) await d.locator("summary").click();
    const twentieth = rig.page.locator(".finding").nth(19);
    await twentieth.click();
    await rig.page.waitForSelector("#cell-preview td.focus");
    await idle();
    assert.ok(await inViewport(rig.page, "#cell-preview"), "the preview is scrolled into view");
    assert.equal(await twentieth.getAttribute("aria-expanded"), "true");
    const sameItem = await rig.page.evaluate(() => {
      const p = document.getElementById("cell-preview")!;
      return p.parentElement === document.querySelector('.finding[aria-expanded="true"]')!.closest("li");
    });
    assert.ok(sameItem, "the preview sits in the finding's own list item");
    assert.match((await rig.page.locator(".message").first().textContent())!, /校验完成/);
    assert.deepEqual(await axe(rig.page), []);
    await shoot(rig.page, "taskpane-320-check.png");
  });

  it("a filter without a match says so in words", async () => {
    await rig.page.selectOption("#filter-severity", "info");
    await rig.page.selectOption("#filter-table", "部门预算收入总表");
    assert.match((await rig.page.locator("#findings li.empty").textContent())!, /没有符合筛选条件的结果/);
    await rig.page.selectOption("#filter-severity", "");
    await rig.page.selectOption("#filter-table", "");
  });

  it("the fill preview fits 320 px: by table, confirm visible without scrolling, values with two decimals", async () => {
    await rig.page.click('li.item:has(.finding[data-sheet="收入总表"][data-rule="G-01"]) button[data-fill]');
    await rig.page.waitForSelector(".plan-table tbody tr");
    await idle();
    assert.equal(await rig.page.getAttribute("#tab-fill", "aria-selected"), "true");
    assert.equal(await rig.page.locator(".plan-table tbody tr").count(), CLEARED_TOTALS.length);
    assert.equal(await rig.page.locator(".plan-table").count(), 6, "one table per sheet");
    assert.ok(await inViewport(rig.page, "#btn-fill-confirm"), "确认填充 is in sight");
    const news = await rig.page.locator(".plan-table .new").allTextContents();
    assert.ok(news.every((t) => /^-?\d+\.\d{2}$/.test(t)), news.join(" "));
    assert.equal(await rig.page.locator(".plan-table .tag").count(), 0, "blank cells are filled, nothing is overwritten");
    assert.ok(!(await rig.page.locator(".fill-preview").textContent())!.includes("公式"), "no formula is mentioned where there is none");
    const overflow = await rig.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (${overflow} px too wide)`);
    assert.deepEqual(await axe(rig.page), []);
    await shoot(rig.page, "taskpane-320-fill.png");
  });

  it("after 确认填充 the pane says the change is not downloaded yet; 打开其他文件 asks first", async () => {
    await rig.page.click("#btn-fill-confirm");
    await rig.page.waitForSelector(".message.success >> text=填充完成");
    assert.match((await rig.page.locator("#file-state").textContent())!, /已修改，尚未下载/);
    await rig.page.click("#btn-open-other");
    await rig.page.waitForSelector("#ask[open]");
    assert.match((await rig.page.locator("#ask").textContent())!, /尚未下载/);
    assert.equal(await rig.page.evaluate(() => document.activeElement?.id), "ask-no", "focus starts on the safe answer");
    assert.deepEqual(await axe(rig.page), []);
    await rig.page.keyboard.press("Escape");
    await rig.page.waitForSelector("#ask", { state: "detached" });
    assert.equal(await rig.page.locator("#btn-check").count(), 1, "the declined question keeps the filled workbook");
    assert.equal(await rig.page.evaluate(() => document.activeElement?.id), "btn-open-other", "focus returns to the button");
  });

  it("closing the tab with changes not downloaded asks the browser's question", async () => {
    const before = dialogs.length;
    await rig.page.close({ runBeforeUnload: true });
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(dialogs.slice(before).some((d) => d.type === "beforeunload"));
    assert.equal(rig.page.isClosed(), false, "the tab stays open when the user stays");
  });

  it("the downloaded workbook carries the undo record: reopened, 撤销填充 restores the empty totals", async () => {
    const [download] = await Promise.all([rig.page.waitForEvent("download"), rig.page.click("#btn-download")]);
    await idle();
    assert.match((await rig.page.locator("#file-state").textContent())!, /已下载/);
    const saved = path.join(path.dirname(file), download.suggestedFilename());
    await download.saveAs(saved);
    // No question once everything is downloaded.
    await rig.page.click("#btn-open-other");
    await rig.page.waitForSelector("#drop-zone");
    assert.equal(await rig.page.locator("#ask").count(), 0);
    await rig.page.setInputFiles("#file-input", saved);
    await rig.page.click("#tab-fill");
    await rig.page.waitForSelector("#btn-undo:not([disabled])");
    assert.match((await rig.page.locator("#undo-info").textContent())!, new RegExp(`共 ${CLEARED_TOTALS.length} 个单元格`));
    await rig.page.click("#btn-undo");
    await rig.page.waitForSelector(`.message >> text=恢复了 ${CLEARED_TOTALS.length} 个单元格`);
    await rig.page.click("#btn-fill-preview");
    await rig.page.waitForSelector(".plan-table tbody tr");
    assert.equal(await rig.page.locator(".plan-table tbody tr").count(), CLEARED_TOTALS.length, "the totals are empty again");
  });

  it("tabs work from the keyboard: arrows, Home and End; every panel is labelled by its tab", async () => {
    await rig.page.focus("#tab-fill");
    await rig.page.keyboard.press("End");
    assert.equal(await rig.page.evaluate(() => document.activeElement?.id), "tab-narrative");
    assert.equal(await rig.page.getAttribute("#tab-narrative", "aria-selected"), "true");
    await rig.page.keyboard.press("Home");
    assert.equal(await rig.page.evaluate(() => document.activeElement?.id), "tab-check");
    await rig.page.keyboard.press("ArrowLeft");
    assert.equal(await rig.page.evaluate(() => document.activeElement?.id), "tab-narrative");
    for (const id of ["check", "fill", "narrative"]) assert.equal(await rig.page.getAttribute(`#view-${id}`, "aria-labelledby"), `tab-${id}`);
    assert.equal(await rig.page.locator("main").count(), 1);
    assert.equal(await rig.page.locator("[aria-live]#app, #app[aria-live]").count(), 0, "the whole app is not a live region");
  });

  it("never waits long for a stalled office.js: the local mode opens anyway", async () => {
    const p = await rig.browser.context.newPage();
    await p.setViewportSize({ width: WIDTH, height: HEIGHT });
    await p.route("**/office.js", () => new Promise(() => undefined)); // the request hangs
    await p.route(/^https:\/\//, (r) => r.abort());
    await p.goto(rig.server.url + "taskpane.html", { waitUntil: "commit" });
    await p.waitForSelector("#drop-zone", { timeout: 10_000 });
    await p.close();
  });

  it("sends the budget data nowhere", () => {
    assert.deepEqual(rig.watch.external, []);
    assert.deepEqual(rig.watch.pageErrors, []);
  });
});
