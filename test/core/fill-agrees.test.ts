// The fill and the table check compute the same relations: on a table where the check finds nothing at all, the fill
// has nothing to write. A fill that would change such a table would overwrite a figure every rule accepts (as it
// once replaced the 合计 of a 收入总表 without a 小计 column by its 上年结转 alone). Checked on every layout of the
// zoo, for the seed and a richer department, on the real workbooks, and with derived cells left blank.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { check } from "../../src/core/check";
import { checkTables } from "../../src/core/check-tables";
import { planFillWithNotes } from "../../src/core/empty-notes";
import { CODE_TABLE_FILL_RULES, fillTables, planFill, planFillWorkbook, settledTables } from "../../src/core/fill";
import { groupFindings } from "../../src/core/group-findings";
import { READ_RULES, readWorkbook } from "../../src/core/model/read-workbook";
import type { Amount, BudgetWorkbook } from "../../src/core/model/types";
import { RULES } from "../../src/core/rules/index";
import { a1, type WorkbookSnapshot } from "../../src/core/snapshot";
import { CLEARED_TOTALS } from "../fixtures/cleared-totals";
import { SEED_DATA } from "../fixtures/seed-data";
import { richDepartment } from "../zoo/rich-department";
import { ZOO, zooSnapshot } from "../zoo/zoo";
import { bad, merge } from "./fill-damage";
import { fixture, getCell, setCell } from "./support";

/**
 * Writes on code-table sheets where no rule of the fill's relations (nor the reader) reports anything, and on other
 * sheets where the check reports nothing: each one is a disagreement between fill and rules.
 */
function unexplained(s: WorkbookSnapshot): string[] {
  const { result, wb } = checkTables(s);
  const code = new Set([wb.t2, wb.t3, wb.t5, wb.t6, wb.t7, wb.t8].map((t) => t?.sheet));
  const flagged = new Set(result.findings.filter((f) => !code.has(f.sheet) || CODE_TABLE_FILL_RULES.has(f.rule)).map((f) => f.sheet));
  return planFill(s)
    .writes.filter((w) => !flagged.has(w.sheet))
    .map((w) => `${w.sheet}!${w.cell} ${w.label}: ${String(w.oldValue)} → ${w.newValue.toString()}`);
}

describe("the fill writes nothing on a table the check finds nothing wrong with", () => {
  it("the rules of the fill's relations are rules of the check", () => {
    const ids = new Set([...RULES.map((r) => r.id), ...Object.values(READ_RULES)]);
    for (const id of CODE_TABLE_FILL_RULES) assert.ok(ids.has(id), id);
  });

  it("every layout of the zoo, for the seed and a richer department", async () => {
    const problems: string[] = [];
    let layouts = 0;
    for (const data of [SEED_DATA, richDepartment()]) {
      for (const z of ZOO) {
        layouts++;
        for (const p of unexplained(await zooSnapshot(data, z))) problems.push(`${z.name}: ${p}`);
      }
    }
    assert.ok(layouts >= 20, `${layouts} layouts`);
    assert.deepEqual(problems, []);
  });

  it("the real workbooks, the seed's twins, and the seed with derived cells left blank", async () => {
    for (const name of ["seed", "seed-yuan", "seed-alt", "real/shanghai-putuo-swfy-2024", "real/shanghai-putuo-wanli-2025"]) {
      assert.deepEqual(unexplained(await fixture(name)), [], name);
    }
    const s = await fixture("seed");
    for (const [sheet, cell] of CLEARED_TOTALS) setCell(s, sheet, cell, null);
    assert.ok(planFill(s).writes.length >= CLEARED_TOTALS.length);
    assert.deepEqual(unexplained(s), []);
  });
});

/** The grouped findings as the pane and `check` show them: with the settled tables skipped, and with the full fill. */
function groupedBothWays(s: WorkbookSnapshot): [string, string] {
  const result = check(s);
  const wb = readWorkbook(s);
  const plain = (x: unknown) => JSON.stringify(x, (_k, v) => (typeof v === "object" && v?.constructor?.name === "Decimal" ? String(v) : v));
  return [plain(groupFindings(s, result, { wb })), plain(groupFindings(s, result, { wb, plan: planFillWithNotes(s, wb) }))];
}

describe("grouping the findings skips the fill of settled tables and shows the same items", () => {
  it("on the zoo, the real workbooks and with derived cells left blank", async () => {
    const books: [string, WorkbookSnapshot][] = [];
    for (const z of ZOO) books.push([z.name, await zooSnapshot(richDepartment(), z)]);
    for (const name of ["seed", "seed-yuan", "real/shanghai-putuo-swfy-2024", "real/shanghai-putuo-wanli-2025"]) books.push([name, await fixture(name)]);
    const blank = await fixture("seed");
    for (const [sheet, cell] of CLEARED_TOTALS) setCell(blank, sheet, cell, null);
    books.push(["blank totals", blank]);
    for (const [name, s] of books) {
      const [fast, full] = groupedBothWays(s);
      assert.equal(fast, full, name);
    }
  });

  // One relation broken at a time, so that exactly one rule of the fill's relations reports it: each rule on its own
  // keeps its table out of the settled ones (a rule left out of CODE_TABLE_FILL_RULES fails here).
  const BROKEN: [rule: string, table: "t2" | "t3" | "t5" | "t6", rows: number, cols: string[]][] = [
    ["H-01", "t5", 1, ["total", "basic"]],
    ["H-02", "t5", 2, ["total", "basic"]],
    ["H-03", "t5", 3, ["total", "basic"]],
    ["T5-01", "t5", 4, ["basic"]],
    ["T3-01", "t3", 4, ["basic"]],
    ["T2-01", "t2", 4, ["total"]],
    ["T2-02", "t2", 4, ["fiscal"]],
    ["H-04", "t6", 2, ["total", "personnel"]],
    ["T6-01", "t6", 3, ["personnel"]],
  ];
  for (const [rule, key, depth, cols] of BROKEN) {
    it(`a table where only ${rule} reports is not settled`, async () => {
      const s = await fixture("seed");
      const wb = readWorkbook(s);
      const t = wb[key]!;
      // The 合计 row and the first 类, 款, 项 under it: the top `depth` of them move by 10 in the given columns.
      const chain = [t.total!, ...t.rows.slice(0, 3)].slice(0, depth);
      for (const r of chain) for (const c of cols) setCell(s, t.sheet, r.cells[c].loc.address, Number(getCell(s, t.sheet, r.cells[c].loc.address) ?? 0) + 10);
      const rules = new Set(check(s).findings.filter((f) => f.sheet === t.sheet && CODE_TABLE_FILL_RULES.has(f.rule)).map((f) => f.rule));
      assert.deepEqual([...rules], [rule]);
      assert.ok(planFill(s).writes.some((w) => w.sheet === t.sheet), "the fill changes the table");
      const [fast, full] = groupedBothWays(s);
      assert.equal(fast, full);
    });
  }

  // 表9 and 表10 are settled when nothing at all is reported on their sheet; 表1 and 表4 never are (see settledTables):
  // one figure moved by 10 unsettles its table, and the grouping is the same.
  it("a workbook that adds up leaves every table the fill derives figures in settled but 表1 and 表4", async () => {
    const s = await zooSnapshot(richDepartment(), ZOO[0]);
    const { result, wb } = checkTables(s);
    const settled = settledTables(wb, result.findings);
    assert.deepEqual(fillTables(wb).filter((t) => !settled.has(t)), [wb.t1, wb.t4]);
    assert.equal(fillTables(wb).length, 10);
  });

  const MOVED: [table: "t1" | "t4" | "t9" | "t10", cell: (wb: BudgetWorkbook) => Amount][] = [
    ["t1", (wb) => wb.t1!.income.total.cells.inAmount],
    ["t4", (wb) => wb.t4!.income.total.cells.inAmount],
    ["t9", (wb) => wb.t9!.rows.total.cells.gp],
    ["t10", (wb) => wb.t10!.rows[0].cells.total],
  ];
  for (const [key, cell] of MOVED) {
    it(`${key}: a finding on its sheet leaves it unsettled; the fill changes it and the grouping is the same`, async () => {
      const s = await zooSnapshot(richDepartment(), ZOO[0]);
      const a = cell(readWorkbook(s));
      setCell(s, a.loc.sheet, a.loc.address, Number(getCell(s, a.loc.sheet, a.loc.address)) + 10);
      const { result, wb } = checkTables(s);
      assert.ok(result.findings.some((f) => f.sheet === a.loc.sheet));
      assert.ok(!settledTables(wb, result.findings).has(wb[key]!));
      assert.ok(planFill(s).writes.some((w) => w.sheet === a.loc.sheet && w.cell === a.loc.address));
      const [fast, full] = groupedBothWays(s);
      assert.equal(fast, full);
    });
  }

  // 表1 takes 政府性基金 and 国有资本经营 from the 合计 of 表7 and 表8, which no rule compares with 表1 itself (X-04 reports
  // on 表2, X-10 on 表4): a 表1 that sums right may still be one the fill changes, and 表4 with it.
  for (const alsoT4 of [false, true]) {
    it(`表1${alsoT4 ? " and 表4" : ""} with 政府性基金 left blank and its figure in 一般公共预算: the fill's items are shown as the fill writes them`, async () => {
      const s = await zooSnapshot(richDepartment(), ZOO[0]);
      const wb0 = readWorkbook(s);
      for (const t of alsoT4 ? [wb0.t1!, wb0.t4!] : [wb0.t1!]) {
        const gp = t.income.gp.cells.inAmount.loc;
        const fund = t.income.fund.cells.inAmount.loc;
        assert.ok(Number(getCell(s, fund.sheet, fund.address)) > 0);
        setCell(s, gp.sheet, gp.address, Number(getCell(s, gp.sheet, gp.address)) + Number(getCell(s, fund.sheet, fund.address)));
        setCell(s, fund.sheet, fund.address, null);
      }
      const { result } = checkTables(s);
      assert.ok(!result.findings.some((f) => f.sheet === wb0.t1!.sheet), "nothing is reported on 表1's sheet");
      const fund = wb0.t1!.income.fund.cells.inAmount.loc;
      assert.ok(planFill(s).writes.some((w) => w.sheet === fund.sheet && w.cell === fund.address), "the fill writes 表1's 政府性基金");
      const [fast, full] = groupedBothWays(s);
      assert.equal(fast, full);
      const empty = groupFindings(s, check(s)).findings.find((f) => f.rule === "G-01" && f.sheet === fund.sheet);
      assert.ok(empty?.related.some((r) => r.cell === fund.address), "an item offers to fill 表1's 政府性基金");
    });
  }

  it("a settled table merged only in its header and its notes is taken as it is; a merge into its data has it filled", async () => {
    const s = await zooSnapshot(richDepartment(), ZOO[0]);
    const t = readWorkbook(s).t10!;
    const total = t.rows[0].cells.total.loc;
    setCell(s, t.sheet, total.address, null); // a blank the fill would write
    const sheet = s.sheets.find((x) => x.name === t.sheet)!;
    assert.ok(t.notes.some((n) => sheet.merges?.includes(`${n.loc.address}:N${n.loc.row + 1}`)), "the note row is merged");
    const writesAt = (snap: WorkbookSnapshot) => {
      const wb = readWorkbook(snap);
      return planFill(snap).writes.length > 0 ? planFillWorkbook(wb, snap, { settled: new Set([wb.t10!]) }).writes.filter((w) => w.cell === total.address).length : -1;
    };
    assert.equal(writesAt(s), 0);
    const merged = structuredClone(s);
    const other = merged.sheets.find((x) => x.name === t.sheet)!;
    other.merges = [...(other.merges ?? []), `A${t.rows[0].row + 1}:A${t.rows[1].row + 1}`];
    assert.equal(writesAt(merged), 1);
  });

  it("a code table that does not add up unsettles 表1 and 表4, which take their figures from it", async () => {
    const s = await zooSnapshot(richDepartment(), ZOO[0]);
    const t2 = readWorkbook(s).t2!;
    const a = t2.total!.cells.fiscal;
    setCell(s, t2.sheet, a.loc.address, Number(getCell(s, t2.sheet, a.loc.address)) + 10);
    const { result, wb } = checkTables(s);
    const settled = settledTables(wb, result.findings);
    assert.ok(!settled.has(wb.t2!) && !settled.has(wb.t1!) && !settled.has(wb.t4!));
    assert.ok(settled.has(wb.t9!) && settled.has(wb.t10!));
    const [fast, full] = groupedBothWays(s);
    assert.equal(fast, full);
  });

  it("on damaged workbooks: changed figures, unreadable cells, blanks and merges anywhere (fixed seeds)", async () => {
    // The rich department has figures in 表9 and 表10, which the seed leaves empty.
    const books = [...(await Promise.all(["seed", "seed-yuan", "real/shanghai-putuo-wanli-2025"].map((n) => fixture(n)))), await zooSnapshot(richDepartment(), ZOO[0])];
    /** Every numeric cell of a workbook, by sheet, row and column. */
    const numeric = books.map((b) => b.sheets.flatMap((sh) => sh.rows.flatMap((r, row) => r.map((v, col) => (typeof v === "number" ? { sheet: sh.name, row, col } : null)).filter((x) => x !== null))));
    const damaged = fc.record({ book: fc.nat(), cells: fc.array(fc.tuple(fc.nat(), fc.option(fc.oneof(bad, fc.integer({ min: -1000, max: 1000000 }).map((n) => n / 100)))), { maxLength: 5 }), merges: fc.array(merge, { maxLength: 2 }) });
    fc.assert(
      fc.property(damaged, (c) => {
        const i = c.book % books.length;
        const s = structuredClone(books[i]);
        const at = (n: number) => numeric[i][n % numeric[i].length];
        const sheet = (name: string) => s.sheets.find((x) => x.name === name)!;
        for (const [n, v] of c.cells) sheet(at(n).sheet).rows[at(n).row][at(n).col] = v;
        for (const m of c.merges) {
          const x = at(m.at);
          const sh = sheet(x.sheet);
          const [r0, c0] = [Math.max(0, x.row - m.up), Math.max(0, x.col - m.left)];
          const [r1, c1] = [x.row + m.down, x.col + m.right];
          if (r0 === r1 && c0 === c1) continue;
          sh.merges = [...(sh.merges ?? []), `${a1(r0, c0)}:${a1(r1, c1)}`];
          for (let row = r0; row <= r1; row++) for (let col = c0; col <= c1; col++) if ((row !== r0 || col !== c0) && sh.rows[row]) sh.rows[row][col] = null;
        }
        const [fast, full] = groupedBothWays(s);
        assert.equal(fast, full);
      }),
      { seed: Number(process.env.AGREE_SEED ?? 20261206), numRuns: Number(process.env.AGREE_RUNS ?? 150) },
    );
  });
});
