import assert from "node:assert/strict";
import { AdapterError, toAdapterError, userMessage } from "../../src/excel/office-errors";
import { checkRequirements, resetRequirementCache } from "../../src/excel/requirements";
import { readSnapshot } from "../../src/excel/read-snapshot";
import { selectCell } from "../../src/excel/select";
import { createExcelDouble } from "../support/excel-double";

describe("excel/office-errors", () => {
  it("maps Office error codes to Chinese messages with what to do", () => {
    const e = Object.assign(new Error("x"), { name: "RichApi.Error", code: "InvalidOperationInCellEditMode", debugInfo: {} });
    const m = userMessage(e);
    assert.match(m.message, /单元格编辑/);
    assert.match(m.hint, /Enter|Esc/);
    assert.equal(m.code, "InvalidOperationInCellEditMode");
  });
  it("wraps unknown errors and keeps AdapterErrors", () => {
    const a = new AdapterError("甲", "乙");
    assert.equal(toAdapterError(a), a);
    const u = toAdapterError(new Error("boom"));
    assert.match(u.message, /操作没有完成/);
    assert.match(u.hint, /boom/);
    assert.match(userMessage("奇怪").message, /操作没有完成/);
  });
  it("an Excel call on a missing sheet becomes a Chinese AdapterError", async () => {
    const d = createExcelDouble({ sheets: [{ name: "表1", rows: [] }] });
    await assert.rejects(selectCell({ sheet: "不存在", cell: "A1" }, d.Excel.run), (e: unknown) => AdapterError.is(e) && /找不到/.test((e as Error).message));
    await readSnapshot(d.Excel.run); // and the host keeps working
  });
});

describe("excel/requirements", () => {
  afterEach(resetRequirementCache);
  it("passes on ExcelApi 1.9 and explains what to do below it", () => {
    assert.equal(checkRequirements(() => true).ok, true);
    resetRequirementCache();
    const r = checkRequirements(() => false);
    assert.equal(r.ok, false);
    assert.match(r.message!, /版本过旧/);
    assert.match(r.hint!, /升级|浏览器/);
  });
  it("checks once", () => {
    let calls = 0;
    const f = () => (calls++, true);
    checkRequirements(f);
    checkRequirements(f);
    assert.equal(calls, 1);
  });
});
