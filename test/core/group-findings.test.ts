// Findings grouped by cause: empty totals become one item per table with the fill as action; what follows from them is folded.
import assert from "node:assert/strict";
import { check } from "../../src/core/check";
import { EMPTY_TOTALS_RULE, EMPTY_WORKBOOK_RULE, groupFindings, ruleDescription } from "../../src/core/group-findings";
import { readSnapshot } from "../../src/xlsx/read-snapshot";
import { workbookToBuffer } from "../../src/xlsx/apply-plan";
import { buildStandardWorkbook } from "../../src/xlsx/standard-workbook";
import { emptyDepartment } from "../../src/xlsx/department-data";
import { fixture, setCell } from "./support";
import { CLEARED_TOTALS } from "../fixtures/cleared-totals";

describe("groupFindings", () => {
  it("17 empty totals: 56 findings become one item per table, each saying 填充合计 fixes it", async () => {
    const s = await fixture();
    for (const [sheet, cell] of CLEARED_TOTALS) setCell(s, sheet, cell, null);
    const result = check(s);
    assert.equal(result.findings.length, 56);
    const g = groupFindings(s, result);
    const empty = g.findings.filter((f) => f.rule === EMPTY_TOTALS_RULE);
    assert.deepEqual(
      empty.map((f) => `${f.sheet}:${f.related.length}`),
      ["收支总表:2", "收入总表:4", "支出总表:3", "财政拨款收支总表:2", "一般公共预算支出表:4", "一般公共预算基本支出表:2"],
    );
    const income = empty.find((f) => f.sheet === "收入总表")!;
    assert.match(income.message, /^4 个合计单元格为空（E8、F11、F14、F17），由此引起 14 条校验结果。$/);
    assert.equal(income.cell, "E8");
    assert.ok(income.fixedByFill);
    assert.match(income.action!, /填充合计/);
    assert.ok(income.folded.every((f) => f.sheet === "收入总表"));
    // Every finding is either shown or folded under exactly one item.
    const accounted = g.findings.reduce((n, f) => n + (f.rule === EMPTY_TOTALS_RULE ? 0 : 1) + f.folded.length, 0);
    assert.equal(accounted, 56);
    assert.equal(g.findings.length, 13);
    assert.equal(g.tablesText, "15 张表和说明参数");
  });

  it("the 办公用房 case asks for the 房屋 row, once for quantity and value", async () => {
    const s = await fixture();
    const g = groupFindings(s, check(s));
    const t11 = g.findings.filter((f) => f.rule === "T11-02");
    assert.equal(t11.length, 1);
    assert.equal(t11[0].cell, "B6");
    assert.equal(t11[0].action, "请填写“1、房屋”的数量和价值。");
    assert.deepEqual(t11[0].folded.map((f) => f.cell), ["C6"]);
    assert.equal(ruleDescription("T11-02")?.length ? true : false, true);
  });

  it("the hint names the sheet of a cell to compare with on another sheet, not of one on the same sheet", async () => {
    const s = await fixture();
    setCell(s, "支出总表", "E12", 60.15);
    const g = groupFindings(s, check(s));
    const x14 = g.findings.find((f) => f.rule === "X-14")!;
    assert.equal(x14.sheet, "一般公共预算支出表");
    assert.equal(x14.action, "请核对 E12 与 工作表“支出总表”的 E12，改正填错的一处。");
    const h02 = g.findings.find((f) => f.rule === "H-02" && f.sheet === "支出总表")!;
    assert.equal(h02.action, "请核对 E11 与 E12，改正填错的一处。");
  });

  it("groups follow the sheet order of the tables, as the summary and the CLI list them", async () => {
    const s = await fixture();
    const g = groupFindings(s, check(s));
    const order = g.groups.map((x) => x.sheet);
    const tables = check(s).tables.map((t) => t.sheet);
    assert.deepEqual(order.slice(0, tables.length), tables);
  });

  it("a wrong (not empty) total is not folded: the fill would overwrite it, and the item says so", async () => {
    const s = await fixture();
    setCell(s, "收入总表", "D6", 1);
    const g = groupFindings(s, check(s));
    assert.equal(g.findings.filter((f) => f.rule === EMPTY_TOTALS_RULE).length, 0);
    const d6 = g.findings.find((f) => f.sheet === "收入总表" && f.cell === "D6")!;
    assert.match(d6.action!, /填充合计.*D6 改为 1042\.58/);
  });

  it("an empty init workbook is reported as empty, not as passed", async () => {
    const bytes = await workbookToBuffer(buildStandardWorkbook(emptyDepartment("2025", "000 部门名称")));
    const { snapshot } = await readSnapshot(bytes, "init.xlsx");
    const g = groupFindings(snapshot, check(snapshot));
    assert.equal(g.findings[0].rule, EMPTY_WORKBOOK_RULE);
    assert.match(g.findings[0].message, /还没有填写金额/);
  });
});
