import { strict as assert } from "node:assert";
import { planFill } from "../../src/core/fill";
import { check } from "../../src/core/check";
import { checkTables } from "../../src/core/check-tables";
import { readWorkbook } from "../../src/core/model/read-workbook";
import type { Amount, CodeTable } from "../../src/core/model/types";
import { parentCode } from "../../src/core/rules/access";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { richDepartment } from "../zoo/rich-department";
import { ZOO, zooSnapshot } from "../zoo/zoo";
import { fixture, getCell, setCell } from "./support";

const T1 = "收支总表";
const T3 = "支出总表";
const T4 = "财政拨款收支总表";

describe("fill", () => {
  it("plans nothing on the consistent seed", async () => {
    assert.deepEqual(planFill(await fixture("seed")).writes, []);
  });

  it("refills a blanked class subtotal, the 合计 row and table 1 from the leaves", async () => {
    const s = await fixture("seed");
    for (const cell of ["D11", "E11", "D12", "E12", "D6", "E6"]) setCell(s, T3, cell, null);
    setCell(s, T1, "E13", null);
    setCell(s, T1, "E37", null);
    const plan = planFill(s);
    const got = Object.fromEntries(plan.writes.map((w) => [`${w.sheet}!${w.cell}`, w.newValue.toFixed(2)]));
    assert.deepEqual(got, {
      [`${T3}!D6`]: "1042.58",
      [`${T3}!E6`]: "852.58",
      [`${T3}!D11`]: "65.15",
      [`${T3}!E11`]: "65.15",
      [`${T3}!D12`]: "65.15",
      [`${T3}!E12`]: "65.15",
      [`${T1}!E13`]: "65.15",
      [`${T1}!E37`]: "1042.58",
    });
    const w = plan.writes.find((x) => x.cell === "D12" && x.sheet === T3)!;
    assert.equal(w.label, "20805 行政事业单位养老支出 合计");
    assert.equal(w.replaces, false);
    assert.equal(w.oldValue, null);
  });

  it("never writes a leaf input, and marks a replaced non-blank value", async () => {
    const s = await fixture("seed");
    setCell(s, T3, "E13", 60.15); // leaf input changed: 20805 and 208 follow it, the leaf stays
    const plan = planFill(s);
    assert.ok(!plan.writes.some((w) => w.sheet === T3 && w.cell === "E13"));
    const d12 = plan.writes.find((w) => w.sheet === T3 && w.cell === "D13")!;
    assert.equal(d12.newValue.toFixed(2), "60.15");
    assert.equal(d12.replaces, true);
    assert.equal(d12.oldValue, 65.15);
    // after applying, tables 3, 1 and 4 agree again
    for (const w of plan.writes) setCell(s, w.sheet, w.cell, w.newValue.toNumber());
    const errors = check(s).findings.filter((f) => f.severity === "error");
    // sums within tables 3 and 1 hold again; the income side (tables 1, 2) still says 1042.58, which fill cannot decide
    assert.deepEqual(errors.filter((f) => /^(H-|T3-|T1-0[34])/.test(f.rule)), []);
    assert.ok(errors.some((f) => f.rule === "T1-05" && f.cell === "E39"));
    assert.equal(getCell(s, T1, "E37"), 1037.58);
    assert.equal(getCell(s, T4, "F13"), 65.15); // T4 follows table 5, which did not change
  });

  it("a 收入总表 without a 小计 column: 合计 = the sources + 上年结转, never the 结转 alone", async () => {
    const s = await fixture("seed");
    const sheet = s.sheets.find((x) => x.name === "收入总表")!;
    // Drop column E (本年收入小计), as Shanghai's and other provinces' layouts print none.
    for (const rows of [sheet.rows, sheet.numberFormats ?? [], sheet.formulas ?? []]) for (const r of rows) r?.splice(4, 1);
    sheet.merges = [];
    // 2010302 (row 9): 190 from 财政拨款 and 10 carried over, 合计 200; its 款, 类 and the 合计 row follow.
    for (const row of [6, 7, 8, 9]) {
      setCell(s, "收入总表", `L${row}`, 10);
      setCell(s, "收入总表", `D${row}`, Number(getCell(s, "收入总表", `D${row}`)) + 10);
    }
    assert.equal(getCell(s, "收入总表", "D9"), 200);
    assert.deepEqual(planFill(s).writes.filter((w) => w.sheet === "收入总表"), [], "a 合计 that adds up is kept");
    setCell(s, "收入总表", "D9", null);
    setCell(s, "收入总表", "D10", null);
    const got = Object.fromEntries(planFill(s).writes.filter((w) => w.sheet === "收入总表").map((w) => [w.cell, w.newValue.toFixed(2)]));
    assert.deepEqual(got, { D9: "200.00", D10: "693.02" });
  });

  it("keeps a lone 合计 typed without its parts", async () => {
    const s = await fixture("seed");
    setCell(s, T3, "E19", null); // 2210201: only 合计 53.30 left
    const plan = planFill(s);
    assert.ok(!plan.writes.some((w) => w.sheet === T3 && w.cell === "D19"));
  });

  it("writes 元 workbooks in 元, with two decimals", async () => {
    const s = await fixture("seed-yuan");
    setCell(s, T3, "D12", null);
    const w = planFill(s).writes.find((x) => x.sheet === T3 && x.cell === "D12")!;
    assert.equal(w.newValue.toFixed(2), "651500.00");
  });

  it("restores every derived cell of the seed after it is blanked, to the published value", async () => {
    const seed = await fixture("seed");
    let restored = 0;
    for (const sh of seed.sheets) {
      if (/绩效|说明|资产|采购/.test(sh.name)) continue;
      for (let r = 5; r < sh.rows.length; r++) {
        for (let c = 1; c < sh.rows[r].length; c++) {
          const v = sh.rows[r][c];
          if (typeof v !== "number") continue;
          sh.rows[r][c] = null;
          const w = planFill(seed).writes.find((x) => x.sheet === sh.name && x.row === r && x.col === c);
          sh.rows[r][c] = v;
          if (!w) continue;
          assert.equal(w.newValue.toNumber(), v, `${sh.name} row ${r + 1} col ${c + 1}`);
          restored++;
        }
      }
    }
    assert.equal(restored, 134);
  });
});

/**
 * The rich department with 10 万元 of last year's 政府性基金 carried over and spent this year on a 基本支出 leaf of 表7:
 * 表7, 表3 and 表2 (上年结转) grow by 10 up their rows, 表1 and 表4 (年初结转, its 政府性基金 row) by 10 in their
 * carry-over and spending; the year's 政府性基金 income stays 150. Returns the 表1 and 表4 income cells of that fund.
 */
async function fundCarriedOver(): Promise<{ s: WorkbookSnapshot; fund: Amount[]; gp: Amount[] }> {
  const s = await zooSnapshot(richDepartment(), ZOO[0]);
  const wb = readWorkbook(s);
  const add = (a: Amount | undefined) => {
    assert.ok(a && a.loc.col >= 0, "a cell of the layout");
    setCell(s, a.loc.sheet, a.loc.address, Number(getCell(s, a.loc.sheet, a.loc.address) ?? 0) + 10);
  };
  const leaf = wb.t7!.rows.find((r) => r.level === 3 && !r.cells.total.value.isZero())!;
  const up = (t: CodeTable) => [t.total!, ...t.rows.filter((r) => [leaf.code, parentCode(leaf.code), parentCode(parentCode(leaf.code)!)].includes(r.code))];
  for (const t of [wb.t7!, wb.t3!]) for (const r of up(t)) for (const k of ["basic", "total"]) add(r.cells[k]);
  for (const r of up(wb.t2!)) for (const k of ["carry", "total"]) add(r.cells[k]);
  const [t1, t4, cls] = [wb.t1!, wb.t4!, leaf.code.slice(0, 3)];
  for (const r of [t1.income.carry, t1.income.grand]) add(r.cells.inAmount);
  for (const r of [t1.expense[cls], t1.expense.total, t1.expense.grand]) add(r.cells.exAmount);
  for (const r of [t4.income.carryFund, t4.income.carry, t4.income.grand]) add(r.cells.inAmount);
  for (const r of [t4.expense[cls], t4.expense.total, t4.expense.grand]) for (const k of ["exFund", "exTotal"]) add(r.cells[k]);
  return { s, fund: [t1.income.fund.cells.inAmount, t4.income.fund.cells.inAmount], gp: [t1.income.gp.cells.inAmount, t4.income.gp.cells.inAmount] };
}

describe("fill: 政府性基金 income is what 表7 spends less the carry-over spent with it (T4-07)", () => {
  it("a workbook that adds up with a 政府性基金 carry-over: nothing to write (表1's and 表4's incomes were replaced by 表7's spending)", async () => {
    const { s, fund } = await fundCarriedOver();
    const fillSheets = new Set(["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "政府性基金预算支出表"]);
    assert.deepEqual(checkTables(s).result.findings.filter((f) => fillSheets.has(f.sheet)).map((f) => f.message), []);
    assert.deepEqual(fund.map((a) => getCell(s, a.loc.sheet, a.loc.address)), [150, 150]);
    assert.deepEqual(planFill(s).writes.map((w) => `${w.sheet}!${w.cell} ${String(w.oldValue)} → ${w.newValue.toString()}`), []);
  });

  it("the 政府性基金 and 一般公共预算 income left blank: filled with the year's income, not the spending", async () => {
    const { s, fund, gp } = await fundCarriedOver();
    const want = [...fund, ...gp].map((a) => `${a.loc.sheet}!${a.loc.address} ${String(getCell(s, a.loc.sheet, a.loc.address))}`);
    for (const a of [...fund, ...gp]) setCell(s, a.loc.sheet, a.loc.address, null);
    const got = planFill(s).writes.map((w) => `${w.sheet}!${w.cell} ${w.newValue.toString()}`);
    assert.deepEqual(got.sort(), want.sort());
  });

  it("with no 表4 to tell which money was carried over, 表1's 政府性基金 and 一般公共预算 are left as they are", async () => {
    const { s, fund, gp } = await fundCarriedOver();
    s.sheets = s.sheets.filter((x) => x.name !== fund[1].loc.sheet);
    setCell(s, fund[0].loc.sheet, fund[0].loc.address, 1);
    const writes = planFill(s).writes.filter((w) => w.sheet === fund[0].loc.sheet);
    assert.ok(writes.length > 0, "表1's own totals are still summed");
    assert.deepEqual(writes.filter((w) => [fund[0].loc.address, gp[0].loc.address].includes(w.cell)), []);
  });
});

describe("fill writes only what it can stand behind", () => {
  const at = (plan: ReturnType<typeof planFill>, sheet: string, cell: string) => plan.writes.find((w) => w.sheet === sheet && w.cell === cell);

  for (const [what, bad] of [
    ["a unit in the cell", "693.02万元"],
    ["a zero-width space", "693.02\u200b"],
    ["a currency sign", "¥693.02"],
    ["an error value", { error: "#N/A" }],
  ] as const) {
    it(`leaves the totals above a leaf with ${what} as they are, and names the leaf`, async () => {
      const s = await fixture("seed");
      setCell(s, T3, "E10", bad);
      setCell(s, T3, "E13", 60.15); // another branch changed: its totals are still filled
      const plan = planFill(s);
      // 2010399 → 20103 → 201 → 合计, and table 1's 201 line and totals, all depend on E10: left as they are
      for (const cell of ["D10", "E8", "D8", "E7", "D7", "E6", "D6"]) assert.equal(at(plan, T3, cell), undefined, cell);
      assert.equal(at(plan, T1, "E37"), undefined);
      // the other branch: 2080505's row total, 20805, 208 and table 1's 208 line are filled
      assert.equal(at(plan, T3, "D13")!.newValue.toFixed(2), "60.15");
      assert.equal(at(plan, T3, "E11")!.newValue.toFixed(2), "60.15");
      assert.equal(at(plan, T1, "E13")!.newValue.toFixed(2), "60.15");
      const f = plan.findings!.filter((x) => x.rule === "F-01");
      assert.equal(f.length, 1);
      assert.equal(f[0].sheet, T3);
      assert.equal(f[0].cell, "E10");
      assert.ok(f[0].related.some((r) => r.sheet === T3 && r.cell === "E6"));
      assert.ok(f[0].related.some((r) => r.sheet === T1 && r.cell === "E37"));
      assert.match(f[0].message, /保持原值未填充.*请把 E10 改为数字/);
      if (what === "a zero-width space") assert.match(f[0].message, /693\.02‹零宽空格›/);
    });
  }

  it("reads U+2212 and other minus signs as minus", async () => {
    const s = await fixture("seed");
    setCell(s, T3, "F9", "\u2212190");
    const plan = planFill(s);
    assert.equal(at(plan, T3, "D9")!.newValue.toFixed(2), "-190.00");
    assert.deepEqual(plan.findings, []);
  });

  it("never writes into a merged range whose anchor is another cell (a total merged with its label)", async () => {
    const s = await fixture("seed");
    const sh = s.sheets.find((x) => x.name === T3)!;
    sh.merges = [...(sh.merges ?? []), "C8:D8"];
    setCell(s, T3, "D8", null); // ExcelJS and Excel show the anchor's text only
    const plan = planFill(s);
    assert.equal(at(plan, T3, "D8"), undefined);
    assert.ok(!plan.writes.some((w) => w.sheet === T3 && w.row === 7 && w.col === 2), "the label C8 is never written");
    // D7 and D6 depend on the hidden D8: left as they are
    assert.equal(at(plan, T3, "D7"), undefined);
    assert.equal(at(plan, T3, "D6"), undefined);
    const f = plan.findings!.find((x) => x.cell === "D8")!;
    assert.equal(f.rule, "F-01");
    assert.match(f.message, /合并单元格 C8:D8 中（内容在 C8），写入会覆盖 C8 的“政府办公厅（室）及相关机构事务”/);
  });

  it("writes nothing on a sheet with a column whose heading is hidden under another column's merge and that holds figures", async () => {
    const s = await fixture("seed");
    const sh = s.sheets.find((x) => x.name === T3)!;
    // 对附属单位补助支出 merged across into J: J's own heading cannot be seen, and J holds figures.
    sh.merges = [...(sh.merges ?? []).filter((m) => m !== "I3:I4"), "I3:J4"];
    for (let row = 5; row < sh.rows.length; row++) if (sh.rows[row].length) setCell(s, T3, `J${row + 1}`, 1);
    setCell(s, T3, "D6", null);
    const plan = planFill(s);
    assert.equal(at(plan, T3, "D6"), undefined);
    const f = plan.findings!.find((x) => x.rule === "F-01" && x.sheet === T3)!;
    assert.match(f.message, /在合并单元格 I3:J4 中，J 列的标题看不到/);
    assert.equal(f.cell, "J3");
    // The same merge over a column without figures hides nothing that matters: the total is filled.
    const clean = await fixture("seed");
    const csh = clean.sheets.find((x) => x.name === T3)!;
    csh.merges = [...(csh.merges ?? []).filter((m) => m !== "I3:I4"), "I3:J4"];
    setCell(clean, T3, "D6", null);
    assert.equal(at(planFill(clean), T3, "D6")?.newValue.toFixed(2), "1042.58");
  });

  it("treats a value hidden under a merge as unreadable", async () => {
    const s = await fixture("seed");
    const sh = s.sheets.find((x) => x.name === T3)!;
    sh.merges = [...(sh.merges ?? []), "C13:E13"]; // the leaf's 基本支出 E13 under the name
    setCell(s, T3, "D12", null);
    const plan = planFill(s);
    assert.equal(at(plan, T3, "D12"), undefined);
    assert.match(plan.findings!.find((x) => x.cell === "E13")!.message, /在合并单元格 C13:E13 中，显示的是 C13 的内容/);
  });

  it("keeps a formula total, reports its wrong result and asks for recalculation on open", async () => {
    const s = await fixture("seed");
    const sh = s.sheets.find((x) => x.name === T3)!;
    sh.formulas = sh.rows.map((r) => r.map(() => null));
    sh.formulas[7][3] = "=D9+D10"; // D8 = 883.02, cached
    setCell(s, T3, "F9", 180); // a leaf changes: D9 = 180, D8 should become 873.02
    const plan = planFill(s);
    assert.equal(at(plan, T3, "D8"), undefined, "the formula is not replaced by a constant");
    assert.equal(at(plan, T3, "D9")!.newValue.toFixed(2), "180.00");
    assert.equal(at(plan, T3, "D7")!.newValue.toFixed(2), "873.02"); // the constant above follows the leaves
    assert.equal(plan.recalculateOnOpen, true);
    const f = plan.findings!.find((x) => x.rule === "F-02")!;
    assert.equal(f.cell, "D8");
    assert.equal(f.expected, "873.02");
    assert.match(f.message, /公式 =D9\+D10 现在的结果为 883\.02，按明细应为 873\.02。公式保留未改写，文件已设置为打开时重新计算/);
  });

  it("reports a formula total without a cached value as 公式未计算, never as 0", async () => {
    const s = await fixture("seed");
    const sh = s.sheets.find((x) => x.name === T3)!;
    sh.formulas = sh.rows.map((r) => r.map(() => null));
    sh.formulas[7][3] = "=D9+D10";
    setCell(s, T3, "D8", null);
    const plan = planFill(s);
    assert.deepEqual(plan.writes, []);
    const f = plan.findings!.find((x) => x.rule === "F-02")!;
    assert.match(f.message, /没有保存计算结果（公式未计算），按明细应为 883\.02/);
    assert.equal(plan.recalculateOnOpen, true);
  });

  it("a leaf formula without a cached value stops the totals above it", async () => {
    const s = await fixture("seed");
    const sh = s.sheets.find((x) => x.name === T3)!;
    sh.formulas = sh.rows.map((r) => r.map(() => null));
    sh.formulas[12][4] = "=65.15";
    setCell(s, T3, "E13", null);
    setCell(s, T3, "E12", null);
    const plan = planFill(s);
    assert.equal(at(plan, T3, "E12"), undefined);
    assert.match(plan.findings!.find((x) => x.cell === "E13")!.message, /公式 =65\.15 没有保存计算结果（公式未计算）.*重新计算（F9）/);
  });

  it("never overwrites text typed in a total cell", async () => {
    const s = await fixture("seed");
    setCell(s, T3, "D6", "见附表");
    const plan = planFill(s);
    assert.equal(at(plan, T3, "D6"), undefined);
    assert.match(plan.findings!.find((x) => x.cell === "D6")!.message, /“见附表”不是数字，未填充/);
  });
});

describe("fill keeps what rounding explains and what a layout leaves out", () => {
  const at = (plan: ReturnType<typeof planFill>, sheet: string, cell: string) => plan.writes.find((w) => w.sheet === sheet && w.cell === cell);
  const blankRow = (s: WorkbookSnapshot, r: { labelLoc: { address: string } }, amounts: (Amount | undefined)[], sheet: string) => {
    setCell(s, sheet, r.labelLoc.address, null);
    for (const a of amounts) if (a) setCell(s, sheet, a.loc.address, null);
  };

  it("a 合计 within rounding of its parts is the published figure: kept, not replaced by the sum of the rounded parts", async () => {
    const s = await fixture("seed");
    setCell(s, T3, "D6", 1042.59); // the four classes add up to 1042.58: 0.01 is within their rounding
    assert.ok(check(s).findings.some((f) => f.rule === "H-01" && f.sheet === T3 && f.cell === "D6" && f.severity === "info"), "the rules call it rounding");
    const plan = planFill(s);
    assert.equal(at(plan, T3, "D6"), undefined);
    assert.deepEqual(plan.writes, []);
  });

  it("unless the fill writes one of its parts: then the total no longer adds up as published, and is refilled", async () => {
    const s = await fixture("seed");
    const wb = readWorkbook(s);
    const c201 = wb.t3!.rows.find((r) => r.code === "201")!;
    const kids = wb.t3!.rows.filter((r) => parentCode(r.code) === "201").length;
    // 201's total off by more than its own rounding (an error the fill corrects), the 合计 within rounding of it.
    const off = Math.round(((kids + 1) * 0.005 + 0.01) * 100) / 100;
    setCell(s, T3, c201.cells.total.loc.address, Math.round((883.02 + off) * 100) / 100);
    setCell(s, T3, "D6", Math.round((1042.58 + off + 0.01) * 100) / 100);
    const findings = check(s).findings;
    assert.ok(findings.some((f) => f.sheet === T3 && f.cell === c201.cells.total.loc.address && f.severity === "error"));
    assert.ok(findings.some((f) => f.sheet === T3 && f.cell === "D6" && f.severity === "info"));
    const plan = planFill(s);
    assert.equal(at(plan, T3, c201.cells.total.loc.address)!.newValue.toFixed(2), "883.02");
    assert.equal(at(plan, T3, "D6")!.newValue.toFixed(2), "1042.58");
  });

  it("表1 without the rows of classes it has no money in (a layout that lists only those with money): nothing blocked", async () => {
    const s = await fixture("seed");
    const ex = readWorkbook(s).t1!.expense;
    for (const k of ["202", "203", "renhang"]) blankRow(s, ex[k], [ex[k].cells.exAmount], T1);
    let plan = planFill(s);
    assert.deepEqual(plan.findings!.filter((f) => f.rule === "F-01"), []);
    assert.deepEqual(plan.writes, []);
    // A class with money (201: 883.02 in 表3) missing from 表1 still blocks its totals.
    blankRow(s, ex["201"], [ex["201"].cells.exAmount], T1);
    plan = planFill(s);
    assert.match(plan.findings!.filter((f) => f.rule === "F-01").map((f) => f.message).join("\n"), /找不到“一、一般公共服务支出”行/);
  });

  it("表1 without its year-end carry-over row: 支出总计 is 本年支出合计 when nothing was carried in and it balances 收入总计", async () => {
    const s = await fixture("seed");
    const ex = readWorkbook(s).t1!.expense;
    blankRow(s, ex.carry, [ex.carry.cells.exAmount], T1);
    setCell(s, T1, ex.grand.cells.exAmount.loc.address, null);
    let plan = planFill(s);
    assert.deepEqual(plan.findings!.filter((f) => f.rule === "F-01"), []);
    assert.equal(at(plan, T1, ex.grand.cells.exAmount.loc.address)!.newValue.toFixed(2), "1042.58");
    // Money carried in (表2's 上年结转): the year-end carry-over is not known to be zero, and the 总计 is left as it is.
    const t2 = readWorkbook(s).t2!;
    setCell(s, t2.sheet, t2.rows.find((r) => r.level === 3)!.cells.carry.loc.address, 5);
    plan = planFill(s);
    assert.equal(at(plan, T1, ex.grand.cells.exAmount.loc.address), undefined);
    assert.match(plan.findings!.filter((f) => f.rule === "F-01").map((f) => f.message).join("\n"), /找不到“[^”]*结转[^”]*”行/);
  });

  it("表4 without carry-over rows in a workbook without carry-over: its 收入总计 is the year's income", async () => {
    const s = await fixture("seed");
    const inc = readWorkbook(s).t4!.income;
    for (const k of ["carry", "carryGp", "carryFund", "carrySoe"]) blankRow(s, inc[k], [inc[k].cells.inAmount], T4);
    setCell(s, T4, inc.grand.cells.inAmount.loc.address, null);
    const plan = planFill(s);
    assert.deepEqual(plan.findings!.filter((f) => f.rule === "F-01"), []);
    assert.equal(at(plan, T4, inc.grand.cells.inAmount.loc.address)!.newValue.toFixed(2), "1042.58");
    // With a carry-over in the 收入总表 (表2), the missing rows are not zero: left as they are.
    const t2 = readWorkbook(s).t2!;
    const leaf = t2.rows.find((r) => r.level === 3)!;
    setCell(s, t2.sheet, leaf.cells.carry.loc.address, 5);
    assert.match(planFill(s).findings!.filter((f) => f.rule === "F-01").map((f) => f.message).join("\n"), /找不到“年初财政拨款结转和结余”行/);
  });
});
