import assert from "node:assert/strict";
import { clearHighlights, highlight, MARK_COLORS } from "../../src/excel/highlights";
import { selectCell } from "../../src/excel/select";
import { writeNarrativeSheet } from "../../src/excel/narrative-sheet";
import { MemoryStore, STORE_KEYS } from "../../src/excel/store";
import { createExcelDouble } from "../support/excel-double";

function book() {
  return createExcelDouble({
    sheets: [
      { name: "表1", rows: [["a", "b", "c"], [1, 2, 3]], fills: [{ cell: "B2", color: "#00B050" }, { cell: "C2", color: "#FF0000", pattern: "Gray50", patternColor: "#000000" }] },
      { name: "表2", rows: [["x"]] },
    ],
  });
}

describe("excel/highlights", () => {
  it("marks finding cells and puts their own fills back exactly", async () => {
    const d = book();
    const store = new MemoryStore();
    const before = JSON.stringify(d.cells("表1"));
    const n = await highlight(
      [
        { sheet: "表1", cell: "A2", severity: "error" },
        { sheet: "表1", cell: "B2", severity: "warning" },
        { sheet: "表1", cell: "B2", severity: "error" },
        { sheet: "表1", cell: "C2", severity: "info" },
        { sheet: "表1", cell: "", severity: "error" },
      ],
      store,
      d.Excel.run,
    );
    assert.equal(n, 3);
    assert.equal(d.state.syncs, 2);
    assert.equal(d.cell("表1", "A2")?.fill?.color, MARK_COLORS.error);
    assert.equal(d.cell("表1", "B2")?.fill?.color, MARK_COLORS.error, "most severe wins");
    assert.ok(store.get(STORE_KEYS.highlights));
    const restored = await clearHighlights(store, d.Excel.run);
    assert.equal(restored, 3);
    assert.equal(JSON.stringify(d.cells("表1")), before);
    assert.equal(store.get(STORE_KEYS.highlights), null);
  });

  it("keeps a fill the user changed after marking", async () => {
    const d = book();
    const store = new MemoryStore();
    await highlight([{ sheet: "表1", cell: "A2", severity: "error" }], store, d.Excel.run);
    await d.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("表1").getRange("A2").format.fill.color = "#123456";
      await ctx.sync();
    });
    assert.equal(await clearHighlights(store, d.Excel.run), 0);
    assert.equal(d.cell("表1", "A2")?.fill?.color, "#123456");
  });
});

describe("excel/selectCell", () => {
  it("activates the sheet and selects the cell in one sync", async () => {
    const d = book();
    await selectCell({ sheet: "表2", cell: "D7" }, d.Excel.run);
    assert.equal(d.state.active, "表2");
    assert.deepEqual(d.state.selected, { sheet: "表2", cell: "D7" });
    assert.equal(d.state.syncs, 1);
  });
});

describe("excel/writeNarrativeSheet", () => {
  it("creates the sheet, then replaces its text on the next run", async () => {
    const d = book();
    await writeNarrativeSheet([{ id: "s01", title: "一、部门职责", paragraphs: ["=不是公式", "第二段"] }], undefined, d.Excel.run);
    assert.deepEqual(d.sheetNames(), ["表1", "表2", "情况说明"]);
    assert.equal(d.cell("情况说明", "A2")?.v, "=不是公式");
    assert.equal(d.cell("情况说明", "A2")?.f, null);
    await writeNarrativeSheet([{ id: "s01", title: "一", paragraphs: [] }], undefined, d.Excel.run);
    assert.equal(d.cell("情况说明", "A1")?.v, "一");
    assert.equal(d.cell("情况说明", "A2")?.v, null);
  });
});
