// The fill manages the 空表列示 notes: added under a table that stays empty, removed from one that now has data.
import assert from "node:assert/strict";
import { check } from "../../src/core/check";
import { planEmptyNotes, planFillWithNotes } from "../../src/core/empty-notes";
import { snapshotAfterFill } from "../../src/core/group-findings";
import { readWorkbook } from "../../src/core/model/read-workbook";
import { specFor } from "../../src/core/model/table-specs";
import { parseA1, type WorkbookSnapshot } from "../../src/core/snapshot";
import { workbookToBuffer } from "../../src/xlsx/apply-plan";
import { initDepartment } from "../../src/xlsx/department-data";
import { readSnapshot } from "../../src/xlsx/read-snapshot";
import { buildStandardWorkbook } from "../../src/xlsx/standard-workbook";
import { fixture, getCell, setCell } from "./support";

async function initSnapshot(): Promise<WorkbookSnapshot> {
  const bytes = await workbookToBuffer(buildStandardWorkbook(initDepartment("2025", "428 平乡县行政审批局"), { forTyping: true }));
  return (await readSnapshot(bytes, "init.xlsx")).snapshot;
}

/** An init workbook whose empty 表7 has lost its note: the sheet, the note, and the 0-based row it stood in. */
async function withoutT7Note() {
  const s = await initSnapshot();
  const sheet = "政府性基金预算支出表";
  const note = specFor("T7").emptyNote!;
  const sh = s.sheets.find((x) => x.name === sheet)!;
  const at = sh.rows.findIndex((r) => r[0] === note);
  assert.ok(at > 0);
  setCell(s, sheet, `A${at + 1}`, null);
  return { s, sheet, note, sh, at };
}

/** The first row whose column B reads `label` (the 三公 table's rows). */
function rowOf(s: WorkbookSnapshot, sheet: string, label: string): number {
  return s.sheets.find((x) => x.name === sheet)!.rows.findIndex((r) => r[1] === label);
}

describe("empty-table notes managed by the fill", () => {
  it("an init workbook typed into: the note of the table that now has data is removed, the others stay", async () => {
    const s = await initSnapshot();
    const r = rowOf(s, "三公经费支出表", "2、公务接待费") + 1;
    setCell(s, "三公经费支出表", `D${r}`, 1.5); // 一般公共预算财政拨款
    assert.ok(check(s).findings.some((f) => f.rule === "S-09" && f.sheet === "三公经费支出表"), "typing data raises S-09 on the init note");
    const plan = planFillWithNotes(s);
    assert.equal(plan.notes!.length, 1);
    const n = plan.notes![0];
    assert.equal(n.sheet, "三公经费支出表");
    assert.equal(n.newValue, null);
    assert.equal(n.oldValue, specFor("T9").emptyNote);
    assert.equal(getCell(s, n.sheet, n.cell), specFor("T9").emptyNote);
    // After the fill (totals and the note), the S-09 finding is gone.
    const after = snapshotAfterFill(s, plan);
    assert.ok(!check(after).findings.some((f) => f.rule === "S-09"));
  });

  it("a table left empty without its note gets the standard note on the first blank row under it", async () => {
    const { s, sheet, note, at } = await withoutT7Note();
    assert.ok(check(s).findings.some((f) => f.rule === "S-09" && f.sheet === sheet));
    const notes = planEmptyNotes(readWorkbook(s), s);
    assert.deepEqual(notes.map((n) => [n.sheet, n.cell, n.newValue]), [[sheet, `A${at + 1}`, note]]);
    assert.equal(parseA1(notes[0].cell)!.row, at);
    assert.ok(!check(snapshotAfterFill(s, { writes: [], notes })).findings.some((f) => f.rule === "S-09"));
  });

  it("a note that says more than that the table is empty is the officer's own: under a table with data neither S-09 nor the fill touches it", async () => {
    const sheet = "三公经费支出表";
    const own = "注：本部门无对个人和家庭的补助支出，公用经费按定额标准安排。";
    for (const [text, isStatement] of [
      [own, false],
      ["注：本单位无“三公”经费预算。", true],
      ["注：本表无数据", true],
      ["注：2025年没有“三公”经费支出，此表为空", true],
    ] as const) {
      const s = await initSnapshot();
      const r = rowOf(s, sheet, "2、公务接待费") + 1;
      setCell(s, sheet, `D${r}`, 1.5);
      const at = s.sheets.find((x) => x.name === sheet)!.rows.findIndex((row) => row[0] === specFor("T9").emptyNote);
      setCell(s, sheet, `A${at + 1}`, text);
      const s09 = check(s).findings.filter((f) => f.rule === "S-09" && f.sheet === sheet);
      const notes = planFillWithNotes(s).notes!;
      if (isStatement) {
        assert.deepEqual(s09.map((f) => f.cell), [`A${at + 1}`], text);
        assert.deepEqual(notes.map((n) => [n.cell, n.newValue]), [[`A${at + 1}`, null]], text);
      } else {
        assert.deepEqual(s09, [], text);
        assert.deepEqual(notes, [], text);
      }
    }
  });

  it("the note goes in a row with nothing in it: not over a formula (even one showing nothing), not into a cell hidden under a merge", async () => {
    const { s, sheet, note, sh, at } = await withoutT7Note();
    sh.merges = (sh.merges ?? []).filter((m) => !m.startsWith(`A${at + 1}:`));
    // The first row under the table holds a formula showing "" (=IF(…,"",…)); the next is hidden under a merge from it.
    sh.formulas = [];
    sh.formulas[at] = [];
    sh.formulas[at][0] = '=IF(B5>0,"","说明")';
    setCell(s, sheet, `A${at + 1}`, "");
    sh.merges.push(`A${at + 1}:F${at + 2}`);
    setCell(s, sheet, `A${at + 2}`, null);
    const notes = planEmptyNotes(readWorkbook(s), s);
    assert.deepEqual(notes.map((n) => [n.cell, n.newValue]), [[`A${at + 3}`, note]]);
    // A merge that starts at the note's own cell (the usual 注 row, A:F) takes it.
    sh.formulas = [];
    sh.merges = sh.merges.filter((m) => m !== `A${at + 1}:F${at + 2}`).concat(`A${at + 1}:F${at + 1}`);
    assert.deepEqual(planEmptyNotes(readWorkbook(s), s).map((n) => n.cell), [`A${at + 1}`]);
  });

  it("a table that starts in column C gets its note in column C", async () => {
    const { s, note, sh, at } = await withoutT7Note();
    sh.rows = sh.rows.map((r) => [null, null, ...r]);
    sh.merges = [];
    sh.numberFormats = undefined;
    const notes = planEmptyNotes(readWorkbook(s), s);
    assert.deepEqual(notes.map((n) => [n.cell, n.newValue]), [[`C${at + 1}`, note]]);
  });

  it("the seed, whose notes are right, needs no note change", async () => {
    const s = await fixture();
    assert.deepEqual(planEmptyNotes(readWorkbook(s), s), []);
  });
});
