// Merged ranges in WPS 表格: found by halving (readMerges) with few calls whatever the number of rows, so that
// fill inside WPS keeps its merge protection as in Excel and for files.
import assert from "node:assert/strict";
import { planFill } from "../../src/core/fill";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { WpsHost } from "../../src/wps/wps-host";
import { detectWps } from "../../src/wps/detect";
import { readMerges } from "../../src/wps/read-snapshot";
import type { EtApplication } from "../../src/wps/et-model";
import { createWpsDouble, type WpsDouble, type WpsDoubleSnapshot } from "../support/wps-double";
import { fixture } from "../core/support";

function sheetOf(d: WpsDouble, name: string) {
  return (d.Application as unknown as EtApplication).ActiveWorkbook!.Worksheets.Item(name);
}

describe("wps/readMerges", () => {
  it("finds every merge of a 10,000-row sheet with a few dozen calls (header merges, one in the data, one at the end)", () => {
    const rows: (string | number | null)[][] = [["标题"], ["单位"], ["项目", null, "金额"], [null, "名称", null]];
    for (let i = 0; i < 10_000; i++) rows.push([i, `行${i}`, i * 1.5]);
    const merges = ["A1:C1", "A3:A4", "B3:B3", "C3:C4", "B5003:C5003", "A10004:C10004"].filter((m) => m !== "B3:B3");
    const d = createWpsDouble({ sheets: [{ name: "长表", rows, merges }] });
    const ws = sheetOf(d, "长表");
    const used = ws.UsedRange;
    const before = d.state.calls;
    const found = readMerges(ws, used, 0, 0, rows.length, 3);
    const calls = d.state.calls - before;
    assert.deepEqual([...(found ?? [])].sort(), [...merges].sort());
    assert.ok(calls < 200, `${calls} calls`);
    assert.equal(d.state.byMember["EtRange.Value2"] ?? 0, 0, "no cell is read one by one");
  });

  it("a sheet without merges costs one call", () => {
    const d = createWpsDouble({ sheets: [{ name: "S", rows: [["a", 1], ["b", 2]] }] });
    const ws = sheetOf(d, "S");
    const used = ws.UsedRange;
    const before = d.state.calls;
    assert.deepEqual(readMerges(ws, used, 0, 0, 2, 2), []);
    assert.equal(d.state.calls - before, 1);
  });

  it("leaves merges unknown when the call budget runs out", () => {
    const rows = Array.from({ length: 40 }, (_, r) => Array.from({ length: 8 }, (_, c) => `${r},${c}`));
    const merges = Array.from({ length: 40 }, (_, r) => `A${r + 1}:B${r + 1}`);
    const d = createWpsDouble({ sheets: [{ name: "S", rows, merges }] });
    const ws = sheetOf(d, "S");
    assert.equal(readMerges(ws, ws.UsedRange, 0, 0, 40, 8, { left: 30 }), undefined);
  });

  it("fill inside WPS does not write a total merged with its label; without merges it would", async () => {
    // The seed with 收支总表's 本年收入合计 label merged over its (blank) total: B37:C37.
    const seed: WorkbookSnapshot = await fixture("seed");
    const sheet = seed.sheets.find((x) => x.name === "收支总表")!;
    sheet.rows[36][2] = null;
    sheet.merges = [...(sheet.merges ?? []), "B37:C37"];
    const d = createWpsDouble(JSON.parse(JSON.stringify(seed)) as WpsDoubleSnapshot);
    const host = new WpsHost(detectWps({ Application: d.Application, wps: d.wps })!);
    assert.equal((await host.readSnapshot()).sheets.find((x) => x.name === "收支总表")!.merges, undefined, "a check reads no merges");
    const snap = await host.readSnapshot(undefined, { merges: true });
    assert.ok(snap.sheets.find((x) => x.name === "收支总表")!.merges?.includes("B37:C37"));
    const plan = planFill(snap);
    assert.ok(!plan.writes.some((w) => w.sheet === "收支总表" && w.cell === "C37"));
    assert.match(plan.findings?.find((f) => f.sheet === "收支总表" && f.cell === "C37")?.message ?? "", /在合并单元格 B37:C37 中.*未填充/);
    const blind = planFill({ ...snap, sheets: snap.sheets.map((s) => ({ ...s, merges: undefined })) });
    assert.ok(blind.writes.some((w) => w.sheet === "收支总表" && w.cell === "C37"), "the test can fail");
    assert.ok(blind.findings?.some((f) => f.rule === "F-03"), "merges unknown: the preview says so");
    assert.equal(plan.findings?.some((f) => f.rule === "F-03"), false);
  });
});
