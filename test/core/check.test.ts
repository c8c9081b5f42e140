import { strict as assert } from "node:assert";
import { check } from "../../src/core/check";
import { fixture } from "./support";

describe("check", () => {
  it("checks the workbook's own 情况说明 sheet against the tables, pointing at its cells", async () => {
    const s = await fixture("seed");
    s.sheets.push({ name: "情况说明", rows: [["平乡县行政审批局2024年部门预算信息公开情况说明"], ["三、机关运行经费安排情况"], ["2024年，我部门机关运行经费共计安排45.00万元，主要用于日常运行支出。"]] });
    const f = check(s).findings.find((x) => x.rule === "S-05")!;
    assert.equal(f.sheet, "情况说明");
    assert.equal(f.cell, "A3");
    assert.ok(f.related.some((r) => r.sheet === "一般公共预算基本支出表" && r.cell === "F6"), JSON.stringify(f.related));
    assert.equal(check(s, { narrative: null }).findings.filter((x) => x.sheet === "情况说明").length, 0);
  });

  it("checks a given text instead, e.g. a .docx read by the CLI", async () => {
    const s = await fixture("seed");
    const r = check(s, { narrative: { text: "2024年，我部门机关运行经费共计安排39.52万元，主要用于日常运行支出。", source: { name: "情况说明.docx" } } });
    assert.deepEqual(r.findings.filter((x) => x.sheet === "情况说明.docx"), []);
  });
});
