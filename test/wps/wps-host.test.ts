// WpsHost against the WPS 表格 test double (shaped by wps-jsapi's lib.et.d.ts), backed by the seed fixture.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { check } from "../../src/core/check";
import { planFill } from "../../src/core/fill";
import { toBlocks, cellItem } from "../../src/excel/blocks";
import { STORE_KEYS } from "../../src/excel/store";
import { STORE_SHEET } from "../../src/host/workbook-host";
import { renderNarrative } from "../../src/core/narrative/render";
import { WpsHost } from "../../src/wps/wps-host";
import { detectWps } from "../../src/wps/detect";
import { errorText, toCellValue } from "../../src/wps/read-snapshot";
import { bgr } from "../../src/wps/highlights";
import { binaryString, defaultPath } from "../../src/wps/save-file";
import { CELL_CHUNK } from "../../src/wps/store";
import { XL_CALCULATION_MANUAL, XL_SHEET_VERY_HIDDEN } from "../../src/wps/et-model";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { createWpsDouble, type WpsDouble, type WpsDoubleSnapshot } from "../support/wps-double";
import { variantSnapshot } from "../e2e/seed-variant";
import { ROOT } from "../e2e/support";

const YELLOW = "#FFFF00";

/** Rows without trailing blanks and trailing blank rows: the same cells, however a reader pads them. */
function dense(rows: unknown[][]): unknown[][] {
  const out = rows.map((r) => {
    const x = r.map((v) => (v === undefined ? null : v));
    while (x.length && x[x.length - 1] === null) x.pop();
    return x;
  });
  while (out.length && out[out.length - 1].length === 0) out.pop();
  return out;
}

function templates(): Record<string, string> {
  const dir = path.join(ROOT, "src/core/narrative/templates");
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f.replace(/\.liquid$/, ""), fs.readFileSync(path.join(dir, f), "utf8")]));
}

describe("wps/WpsHost against the WPS 表格 double", function () {
  this.timeout(60_000);
  let seed: WorkbookSnapshot;
  let sheet: string;

  before(async () => {
    const v = await variantSnapshot();
    seed = v.snapshot;
    sheet = v.sheet;
  });

  /** The seed variant in a fresh double; D6 of the income sheet has the user's own yellow fill. */
  function open(extra: Partial<WpsDoubleSnapshot> = {}): { d: WpsDouble; host: WpsHost } {
    const snap: WpsDoubleSnapshot = JSON.parse(JSON.stringify({ ...seed, ...extra }));
    snap.sheets.find((s) => s.name === sheet)!.fills = [{ cell: "D6", color: YELLOW }];
    const d = createWpsDouble(snap);
    return { d, host: hostOf(d) };
  }
  function hostOf(d: WpsDouble): WpsHost {
    const g = detectWps({ Application: d.Application, wps: d.wps })!;
    return new WpsHost(g);
  }
  const calls = (d: WpsDouble, member: string) => d.state.byMember[member] ?? 0;

  it("is detected as WPS 表格 from window.Application and window.wps; Excel and a browser are not WPS", () => {
    const { d } = open();
    const g = detectWps({ Application: d.Application, wps: d.wps });
    assert.ok(g?.spreadsheet);
    assert.ok(g.fileSystem && g.services.CreateTaskPane && g.services.PluginStorage);
    assert.equal(detectWps({}), null);
    assert.equal(detectWps({ Application: undefined }), null);
    assert.equal(detectWps({ Application: { ActiveDocument: {}, Documents: {} } })?.spreadsheet, false, "WPS 文字 is not 表格");
  });

  it("reads every sheet with one Value2 and one Formula call each, and gives the same snapshot as the .xlsx reader", async () => {
    const { d, host } = open();
    const before = d.state.calls;
    const snap = await host.readSnapshot();
    const used = d.state.calls - before;
    const n = seed.sheets.length;
    assert.deepEqual(snap.sheets.map((s) => s.name), seed.sheets.map((s) => s.name));
    assert.equal(calls(d, "EtRange.Value2"), n);
    assert.equal(calls(d, "EtRange.Formula"), n);
    // Whatever the number of cells: a few calls per sheet (a check reads no merges).
    assert.ok(used <= 4 + 7 * n, `${used} calls for ${n} sheets`);
    assert.ok(snap.sheets.every((s) => s.merges === undefined));
    for (const s of seed.sheets) {
      const got = snap.sheets.find((x) => x.name === s.name)!;
      assert.deepEqual(dense(got.rows), dense(s.rows), `${s.name} values`);
    }
    assert.deepEqual(check(snap).findings, check(seed).findings);
    assert.equal(host.name(), seed.name);
  });

  it("for the fill, also reads the merged ranges of the budget tables' sheets, a few calls per merge", async () => {
    const { d, host } = open();
    const before = d.state.calls;
    const snap = await host.readSnapshot(undefined, { merges: true });
    const used = d.state.calls - before;
    const n = seed.sheets.length;
    // Exactly the seed's merges; the project sheets' (many, and no figure fill derives) are not read.
    const merges = snap.sheets.reduce((k, s) => k + (s.merges?.length ?? 0), 0);
    for (const s of seed.sheets) {
      const got = snap.sheets.find((x) => x.name === s.name)!.merges;
      if (/绩效|说明|资产/.test(s.name)) assert.equal(got, undefined, s.name);
      else assert.deepEqual([...(got ?? [])].sort(), [...(s.merges ?? [])].sort(), `${s.name} merges`);
    }
    assert.ok(used <= 4 + 7 * n + 10 * merges, `${used} calls for ${n} sheets and ${merges} merges`);
  });

  it("maps Excel's error values as COM hands them over, and leaves numbers alone", () => {
    assert.equal(errorText(-2146826281), "#DIV/0!");
    assert.equal(errorText(-2146826246), "#N/A");
    assert.equal(errorText("#REF!"), "#REF!");
    assert.equal(errorText(2007), null);
    assert.deepEqual(toCellValue(-2146826265), { error: "#REF!" });
    assert.equal(toCellValue(undefined), null);
    assert.equal(toCellValue(""), null);
    assert.equal(toCellValue(-12.5), -12.5);
  });

  it("fills with screen updating, calculation and events off, one Value2 write per contiguous block", async () => {
    const { d, host } = open();
    const plan = planFill(await host.readSnapshot());
    assert.ok(plan.writes.length > 0);
    const blocks = toBlocks(plan.writes.map((w) => cellItem(w.sheet, w.cell, 0)));
    const before = d.state.writes.length;
    const res = await host.applyPlan(plan);
    const fill = d.state.writes.slice(before).filter((w) => w.sheet !== STORE_SHEET);
    assert.deepEqual(fill.map((w) => `${w.sheet}!${w.cell}`).sort(), plan.writes.map((w) => `${w.sheet}!${w.cell}`).sort());
    assert.ok(fill.every((w) => !w.screenUpdating && w.calculation === XL_CALCULATION_MANUAL), "written with updates off");
    assert.equal(res.syncs, blocks.length);
    assert.equal(res.written, plan.writes.length);
    assert.deepEqual(res.changedSincePreview, []);
    // One write per block for the fill, one for the undo record in the store sheet.
    assert.equal(calls(d, "EtRange.Value2="), blocks.length + 1);
    assert.equal(d.state.screenUpdating, true);
    assert.equal(d.state.calculation, -4105, "automatic calculation is back");
    assert.equal(d.state.enableEvents, true);
    assert.equal(d.cell(sheet, "D6")!.v, 1042.58);
    assert.equal(d.cell(sheet, "E6")!.v, 1042.58);
  });

  it("adds and removes the empty-table notes the fill manages, and undo puts them back", async () => {
    const { d, host } = open();
    const snap = await host.readSnapshot();
    const target = snap.sheets[snap.sheets.length - 1].name;
    const old = d.cell(target, "A1")!.v;
    const plan = {
      writes: [],
      notes: [
        { sheet: target, cell: "H40", row: 39, col: 7, oldValue: null, newValue: "注：无政府采购预算，空表列示。", table: "t" },
        { sheet: target, cell: "A1", row: 0, col: 0, oldValue: old as string, newValue: null, table: "t" },
      ],
    };
    const res = await host.applyPlan(plan);
    assert.equal(res.written, 2);
    assert.equal(d.cell(target, "H40")!.v, "注：无政府采购预算，空表列示。");
    assert.ok(!d.cell(target, "A1")?.v, "the note is removed");
    const undo = await host.undoLastFill();
    assert.equal(undo.restored, 2);
    assert.equal(d.cell(target, "A1")!.v, old);
    assert.ok(!d.cell(target, "H40")?.v);
  });

  it("keeps the undo record in a very hidden sheet of the workbook: a reopened pane undoes the fill", async () => {
    const { d, host } = open();
    const original = d.cell(sheet, "E6")!.v;
    const plan = planFill(await host.readSnapshot());
    await host.applyPlan(plan);
    assert.equal(d.sheetVisibility(STORE_SHEET), XL_SHEET_VERY_HIDDEN);
    assert.equal(d.state.active, seed.sheets[0].name, "adding the store sheet leaves the user's sheet active");
    // The pane is closed and opened again (or the file saved and reopened): a new double from the saved state.
    const d2 = createWpsDouble(d.exportState());
    const host2 = hostOf(d2);
    const info = await host2.undoInfo();
    assert.equal(info?.count, plan.writes.length);
    assert.ok((await host2.readSnapshot()).sheets.every((s) => s.name !== STORE_SHEET), "never read as a table");
    const res = await host2.undoLastFill();
    assert.equal(res.restored, plan.writes.length);
    assert.deepEqual(res.skipped, []);
    assert.equal(d2.cell(sheet, "D6")!.v, null);
    assert.equal(d2.cell(sheet, "E6")!.v, original);
    assert.equal(await host2.undoInfo(), null);
    assert.ok(d2.state.writes.filter((w) => w.member === "Formula" && w.sheet !== STORE_SHEET).every((w) => !w.screenUpdating));
  });

  it("undo leaves a cell the user changed after the fill, and puts formulas back as formulas", async () => {
    const { d, host } = open();
    const snap = await host.readSnapshot();
    const plan = planFill(snap);
    const withFormula = plan.writes.find((w) => w.oldFormula);
    await host.applyPlan(plan);
    d.Application.ActiveWorkbook!.Worksheets.Item(sheet).Range("D6").Value2 = 7;
    const res = await host.undoLastFill();
    assert.deepEqual(res.skipped, [{ sheet, cell: "D6" }]);
    assert.equal(d.cell(sheet, "D6")!.v, 7);
    if (withFormula) assert.equal(d.cell(withFormula.sheet, withFormula.cell)!.f, withFormula.oldFormula);
  });

  it("marks finding cells and restores each cell's own fill; a fill the user changed since is left alone", async () => {
    const { d, host } = open();
    const findings = check(await host.readSnapshot()).findings.filter((f) => f.cell);
    const d6 = findings.find((f) => f.sheet === sheet && f.cell === "D6");
    assert.ok(d6, "D6 has a finding");
    const n = await host.highlight(findings.map((f) => ({ sheet: f.sheet, cell: f.cell, severity: f.severity })));
    assert.equal(n, new Set(findings.map((f) => `${f.sheet}!${f.cell}`)).size);
    assert.equal(d.cell(sheet, "D6")!.fill!.color, bgr(d6.severity === "error" ? "#FFC7CE" : d6.severity === "warning" ? "#FFEB9C" : "#DDEBF7"));
    const other = findings.find((f) => f.sheet === sheet && f.cell !== "D6")!;
    d.Application.ActiveWorkbook!.Worksheets.Item(other.sheet).Range(other.cell).Interior.Color = 255; // the user paints it red
    const restored = await host.clearHighlights();
    assert.equal(restored, n - 1);
    assert.deepEqual(d.cell(sheet, "D6")!.fill, { color: bgr(YELLOW), pattern: 1, patternColor: 0 }, "the user's yellow is back");
    assert.equal(d.cell(other.sheet, other.cell)!.fill!.color, 255);
    const plain = findings.find((f) => !(f.sheet === sheet && (f.cell === "D6" || f.cell === other.cell)));
    if (plain) assert.equal(d.cell(plain.sheet, plain.cell)!.fill, null, "a cell without a fill has none again");
    assert.equal(await host.clearHighlights(), 0);
  });

  it("selects a finding's cell: activates its sheet, then selects the cell", async () => {
    const { d, host } = open();
    await host.selectCell({ sheet, cell: "D6" });
    assert.equal(d.state.active, sheet);
    assert.deepEqual(d.state.selected, { sheet, cell: "D6" });
  });

  it("writes the narrative to a 情况说明 sheet as text, replacing an earlier one, and shows it", async () => {
    const { d, host } = open();
    const { sections } = renderNarrative(await host.readSnapshot(), templates());
    assert.equal(await host.writeNarrative(sections), "情况说明");
    assert.ok(d.sheetNames().includes("情况说明"));
    assert.equal(d.state.active, "情况说明");
    assert.equal(d.cell("情况说明", "A1")!.v, sections[0].title || sections[0].paragraphs[0]);
    await host.writeNarrative([{ id: "x", title: "", paragraphs: ["=1+1", "第二段"] }]);
    assert.equal(d.cell("情况说明", "A1")!.v, "=1+1", "kept as text, not a formula");
    assert.equal(d.cell("情况说明", "A1")!.f, null);
    assert.equal(d.cell("情况说明", "A3")!.v, null, "the earlier text is gone");
    assert.equal(d.sheetNames().filter((n) => n === "情况说明").length, 1);
  });

  it("saves templates with the workbook, exactly as written, in the rows browser mode reads", async () => {
    const { d, host } = open();
    const t = { s01: "=不是公式 {{ 收入合计 }}", s02: "001", s03: "x".repeat(CELL_CHUNK + 10) };
    await host.saveTemplates(t);
    const again = hostOf(createWpsDouble(d.exportState()));
    assert.deepEqual(await again.loadTemplates(), t);
    const rows = d.exportState().sheets.find((s) => s.name === STORE_SHEET)!.rows;
    assert.deepEqual(rows[0].slice(0, 2), ["template:s01", t.s01]);
    await host.saveTemplates({ s02: "二" });
    assert.deepEqual(await host.loadTemplates(), { s02: "二" });
    assert.equal(d.state.active, seed.sheets[0].name);
  });

  it("shows the ribbon's last check to the pane", async () => {
    const { host } = open();
    assert.equal(await host.lastRibbonCheck(), null);
    await host.store.set(STORE_KEYS.lastCheck, { at: "2026-01-01T00:00:00Z", error: 1, warning: 2, info: 3 });
    assert.deepEqual(await host.lastRibbonCheck(), { at: "2026-01-01T00:00:00Z", error: 1, warning: 2, info: 3 });
  });

  it("saves an exported file through WPS's Save As dialog, next to the workbook, byte for byte", async () => {
    const { d, host } = open();
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) & 0xff);
    const p = await host.saveFile(bytes, "预算公开.docx");
    assert.equal(p, "/home/财务/预算公开/预算公开.docx");
    assert.equal(d.state.saveAs[0].initial, p);
    assert.match(d.state.saveAs[0].filter, /\*\.docx/);
    const written = d.state.files[p!];
    assert.equal(written.length, bytes.length);
    assert.ok([...bytes].every((b, i) => written.charCodeAt(i) === b));
    d.state.saveAsAnswer = false;
    assert.equal(await host.saveFile(bytes, "预算公开.docx"), null, "cancelled");
    assert.equal(defaultPath("C:\\预算", "a.docx"), "C:\\预算\\a.docx");
    assert.equal(defaultPath("", "a.docx"), "a.docx");
    assert.equal(binaryString(new Uint8Array([0, 255, 65])), "\u0000\u00ffA");
  });

  it("a call WPS refuses becomes a Chinese message with what to do; no workbook is said plainly", async () => {
    const { d, host } = open();
    d.state.failNext = "Method 'Activate' of object 'Worksheet' failed";
    await assert.rejects(host.selectCell({ sheet, cell: "D6" }), (e: Error & { hint?: string; code?: string }) => {
      assert.match(e.message, /WPS 表格没有完成这次操作/);
      assert.match(e.hint!, /Enter 或 Esc/);
      assert.equal(e.code, "WpsError");
      return true;
    });
    const none = createWpsDouble({ sheets: [] }, { noWorkbook: true });
    await assert.rejects(hostOf(none).readSnapshot(), /没有打开的工作簿/);
  });
});
