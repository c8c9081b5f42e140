// 生成说明 in the pane (browser mode on the sample): section names, fields with their values (click to insert),
// syntax errors in Chinese with line and column, the style choice and last year's workbook.
import assert from "node:assert/strict";
import path from "node:path";
import { buildStandardWorkbook } from "../../src/xlsx/standard-workbook";
import { workbookToBuffer } from "../../src/xlsx/apply-plan";
import { SEED_AS_2023 } from "../fixtures/seed-data";
import { axe, paneRig, ROOT, waitIdle } from "./support";

describe("e2e: the narrative view's template editor", function () {
  this.timeout(300_000);
  const idle = () => waitIdle(rig.page);

  const rig = paneRig("real", {
    open: async (page, server) => {
      await page.goto(server.url + "taskpane.html");
      await page.click("#btn-sample");
      await page.click("#tab-narrative");
      await page.click("#btn-narrative");
      await page.waitForSelector(".narrative-section");
      await idle();
    },
  });

  it("names each template by its section, and lists fields with this workbook's values; a click inserts one", async () => {
    const s03 = rig.page.locator('.narrative-section[data-section="s03"]');
    assert.equal((await s03.locator("details.template > summary").textContent())!.trim(), "编辑模板：三、机关运行经费安排情况");
    await s03.locator("details.template > summary").click();
    const field = s03.locator('.field[data-path="机关运行经费.金额"]');
    assert.equal((await field.locator(".field-value").textContent())!.trim(), "39.52万元");
    const editor = s03.locator("textarea");
    await editor.fill("三、机关运行经费\n");
    await editor.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
    await field.click();
    assert.equal(await editor.inputValue(), "三、机关运行经费\n{{ 机关运行经费.金额 | 万元 }}");
    await s03.locator("button[data-save]").click();
    // The re-rendered section (its summary says 已修改), not the old paragraph that also holds 39.52万元.
    await rig.page.waitForSelector('.narrative-section[data-section="s03"] details.template > summary >> text=（已修改）');
    await idle();
    assert.equal((await rig.page.locator('.narrative-section[data-section="s03"] p').first().textContent())!.trim(), "39.52万元");
  });

  it("a syntax error shows in Chinese with its line and column while typing, and the template cannot be saved", async () => {
    const s04 = rig.page.locator('.narrative-section[data-section="s04"]');
    await s04.locator("details.template > summary").click();
    await s04.locator("textarea").fill("四、三公\n{% if 三公.合计 %}没有结束");
    const err = s04.locator(".template-error");
    await err.waitFor();
    assert.match((await err.textContent())!, /^模板有语法错误，第 2 行第 1 列：标签 \{% if 三公\.合计 %\} 没有结束/);
    assert.equal(await s04.locator("button[data-save]").isDisabled(), true);
    await s04.locator("textarea").fill("四、三公\n{% if 三公.合计 %}有{% endif %}");
    assert.equal(await err.isHidden(), true);
  });

  it("the 生成说明 tab, with a template editor open and its fields listed, passes axe (WCAG 2.1 AA)", async () => {
    await rig.page.locator('.narrative-section[data-section="s05"] details.template > summary').click();
    assert.deepEqual(await axe(rig.page), []);
  });

  it("the style can be chosen: 上海区级 writes the 预算编制说明", async () => {
    await rig.page.selectOption("#narrative-style", "上海区级");
    await rig.page.waitForSelector('.narrative-section[data-section="sh04"]');
    await idle();
    assert.equal((await rig.page.locator('.narrative-section[data-section="sh04"] h3').textContent())!.trim(), "2024年部门预算编制说明");
    assert.equal(await rig.page.locator('.narrative-section[data-section="s02"]').count(), 0);
    await rig.page.selectOption("#narrative-style", "");
    await rig.page.waitForSelector('.narrative-section[data-section="s02"]');
    await idle();
  });

  it("last year's workbook (a second file) supplies the 上年 figures; a typed one that disagrees is listed", async () => {
    // A workbook of this year (the 元 twin) is not taken: every change would read 持平.
    await rig.page.setInputFiles("#previous-input", path.join(ROOT, "test", "fixtures", "seed-yuan.xlsx"));
    await rig.page.waitForSelector(".message.error");
    await idle();
    assert.match((await rig.page.locator(".message.error").textContent())!, /上年工作簿 seed-yuan\.xlsx 是2024年的预算，当前工作簿 是2024年的预算；上年工作簿应是2023年的/);
    assert.equal((await rig.page.locator("#previous-name").textContent())!.trim(), "未选择");
    assert.equal(await rig.page.locator("#btn-previous-clear").isHidden(), true);
    const buffer = Buffer.from(await workbookToBuffer(buildStandardWorkbook(SEED_AS_2023, { unit: "元" })));
    await rig.page.setInputFiles("#previous-input", { name: "2023.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
    await rig.page.waitForSelector("#btn-previous-clear:not([hidden])");
    await idle();
    assert.equal((await rig.page.locator("#previous-name").textContent())!.trim(), "2023.xlsx");
    const findings = (await rig.page.locator("#narrative-findings").textContent())!;
    assert.match(findings, /说明参数“上年预算收支总额”为1009\.10万元，上年工作簿为1042\.58万元/);
    assert.match((await rig.page.locator('.narrative-section[data-section="s02"]').textContent())!, /较2023年预算持平/);
    assert.deepEqual(rig.watch.pageErrors, []);
    assert.deepEqual(rig.watch.external, []);
  });
});
