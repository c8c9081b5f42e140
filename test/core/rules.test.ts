// Rule cases in the typescript-eslint RuleTester style: each failing case edits the seed workbook and
// expects a finding of one rule at one cell; the seed itself gives exactly its published defects.
import { strict as assert } from "node:assert";
import { check } from "../../src/core/check";
import { RULES } from "../../src/core/rules/index";
import type { CellValue, WorkbookSnapshot } from "../../src/core/snapshot";
import { fixture, keys, removeSheet, setCell } from "./support";

const T1 = "收支总表";
const T2 = "收入总表";
const T3 = "支出总表";
const T4 = "财政拨款收支总表";
const T5 = "一般公共预算支出表";
const T6 = "一般公共预算基本支出表";
const T9 = "三公经费支出表";
const T10 = "政府采购预算";
const T11 = "固定资产占用情况表";
const P1 = "项目绩效目标表1";
const PARAMS = "说明参数";

/** What the seed really has wrong (domain-rules F), and nothing else. */
const SEED_FINDINGS = [
  `T11-02 error ${T11}!B6`,
  `T11-02 error ${T11}!C6`,
  `T12-02 warning ${P1}!F7`,
  `T12-02 warning 项目绩效目标表2!F7`,
  `T12-02 warning 项目绩效目标表3!F7`,
  `T12-02 warning 项目绩效目标表4!F7`,
  `T12-04 info ${P1}!E13`,
  `T12-04 info 项目绩效目标表2!E13`,
].sort();

interface Case {
  rule: string;
  /** Start from a seed variant whose empty 三公 (T9) or 政府采购 (T10) table has consistent rows. */
  base?: "t9" | "t10";
  edits: [string, string, CellValue][];
  at: [string, string];
  severity?: "error" | "warning" | "info";
  message?: string;
  removeSheets?: string[];
}

const CASES: Case[] = [
  { rule: "P-01", edits: [[T3, "E13", "待定"]], at: [T3, "E13"] },
  { rule: "P-01", edits: [[T3, "E13", { error: "#REF!" }]], at: [T3, "E13"] },
  { rule: "P-02", edits: [[T3, "B13", "20805051"]], at: [T3, "B13"] },
  { rule: "P-03", edits: [[T3, "B19", "2101101"]], at: [T3, "B19"] },
  { rule: "P-04", edits: [], removeSheets: [T9], at: ["", ""], severity: "error" },
  { rule: "P-04", edits: [], removeSheets: [T10], at: ["", ""], severity: "warning" },
  { rule: "H-01", edits: [[T3, "D6", 1000]], at: [T3, "D6"] },
  { rule: "H-02", edits: [[T3, "E7", 600]], at: [T3, "E7"] },
  { rule: "H-03", edits: [[T3, "E12", 60.15]], at: [T3, "E12"] },
  { rule: "H-04", edits: [[T6, "D8", 270], [T6, "E8", 270]], at: [T6, "D7"] },
  { rule: "H-05", edits: [[T3, "C19", "住房补贴"]], at: [T3, "C19"], severity: "warning" },
  { rule: "H-06", edits: [[T3, "B12", null], [T3, "C12", null], [T3, "D12", null], [T3, "E12", null]], at: [T3, "B13"] },
  { rule: "H-07", edits: [[T3, "D19", null], [T3, "E19", null]], at: [T3, "B19"], severity: "warning" },
  {
    rule: "T3-01",
    edits: [[T3, "E12", 60.15]],
    at: [T3, "D12"],
    message: "部门预算支出总表 D12：20805 行政事业单位养老支出 合计 65.15，基本支出 = 60.15，相差 5.00，超出四舍五入可解释的尾差 0.010。",
  },
  { rule: "T1-01", edits: [[T1, "C37", 1000]], at: [T1, "C37"] },
  { rule: "T1-02", edits: [[T1, "C39", 1000]], at: [T1, "C39"] },
  { rule: "T1-03", edits: [[T1, "E13", 60]], at: [T1, "E37"] },
  { rule: "T1-04", edits: [[T1, "E39", 1050]], at: [T1, "E39"] },
  { rule: "T1-05", edits: [[T1, "C38", 10], [T1, "C39", 1052.58]], at: [T1, "E39"] },
  { rule: "T1-06", edits: [[T1, "E36", 5]], at: [T1, "E36"], severity: "info" },
  { rule: "T2-01", edits: [[T2, "M11", 5]], at: [T2, "D11"] },
  { rule: "T2-02", edits: [[T2, "F13", 60]], at: [T2, "E13"] },
  { rule: "T4-01", edits: [[T4, "C37", 1000]], at: [T4, "C37"] },
  { rule: "T4-02", edits: [[T4, "C39", 3]], at: [T4, "C38"] },
  { rule: "T4-03", edits: [[T4, "C42", 1000]], at: [T4, "C42"] },
  { rule: "T4-04", edits: [[T4, "F6", 880]], at: [T4, "E6"] },
  { rule: "T4-05", edits: [[T4, "E6", 880], [T4, "F6", 880]], at: [T4, "E37"] },
  { rule: "T4-06", edits: [[T4, "E42", 1000]], at: [T4, "E42"] },
  { rule: "T4-07", edits: [[T4, "C39", 3], [T4, "C38", 3], [T4, "C42", 1045.58]], at: [T4, "F37"], severity: "warning" },
  { rule: "T5-01", edits: [[T5, "E12", 60]], at: [T5, "D12"] },
  { rule: "T6-01", edits: [[T6, "E8", 270]], at: [T6, "D8"] },
  { rule: "T6-02", edits: [[T6, "E6", 800], [T6, "F6", 52.58]], at: [T6, "E6"], severity: "warning" },
  { rule: "T6-03", edits: [[T6, "E19", 19.8], [T6, "F19", null]], at: [T6, "E19"], severity: "warning" },
  { rule: "T11-01", edits: [[T11, "C4", 700]], at: [T11, "C4"], severity: "warning" },
  { rule: "T12-01", edits: [[P1, "E4", 100]], at: [P1, "C4"] },
  { rule: "T12-02", edits: [[P1, "D7", 20]], at: [P1, "D7"], severity: "warning" },
  { rule: "X-01", edits: [[T2, "D6", 1000], [T2, "E6", 1000], [T2, "F6", 1000]], at: [T1, "C39"] },
  { rule: "X-04", edits: [[T1, "C6", 1000]], at: [T2, "F6"] },
  { rule: "X-07", edits: [[T3, "D6", 1000]], at: [T1, "E37"] },
  { rule: "X-08", edits: [[T1, "E13", 60]], at: [T1, "E13"] },
  { rule: "X-10", edits: [[T4, "C6", 1000]], at: [T4, "C6"] },
  { rule: "X-11", edits: [[T5, "D17", 50], [T5, "E17", 50], [T5, "D18", 50], [T5, "E18", 50], [T5, "D19", 50], [T5, "E19", 50]], at: [T4, "F25"] },
  { rule: "X-13", edits: [[T4, "E13", 70], [T4, "F13", 70]], at: [T4, "E13"] },
  { rule: "X-14", edits: [[T5, "E13", 70]], at: [T5, "E13"], severity: "warning" },
  { rule: "X-15", edits: [[T6, "D6", 852.59]], at: [T6, "D6"] },
  { rule: "X-17", edits: [[T6, "D12", 60], [T6, "E12", 60]], at: [T6, "D12"], severity: "warning" },
  { rule: "X-19", edits: [[T6, "D16", 50], [T6, "E16", 50]], at: [T6, "D16"], severity: "warning" },
  { rule: "X-20", edits: [[T6, "D14", 8], [T6, "E14", 8]], at: [T6, "D13"], severity: "warning" },
  { rule: "P-05", edits: [[T3, "D3", "总额"]], at: [T3, "A3"] },
  { rule: "P-06", edits: [[T1, "B11", "六、捐赠收入"], [T1, "C11", 5]], at: [T1, "B11"], severity: "warning" },
  { rule: "P-07", edits: [[T5, "A5", null], [T5, "B5", null], [T5, "C5", null], [T5, "D5", null], [T5, "E5", null], [T5, "F5", null]], at: [T5, "A4"], severity: "info" },
  { rule: "P-09", edits: [["政府性基金预算支出表", "F2", null]], at: ["政府性基金预算支出表", "A1"], severity: "warning" },
  { rule: "T9-01", base: "t9", edits: [[T9, "C6", 25], [T9, "D6", 25]], at: [T9, "C6"] },
  { rule: "T9-02", base: "t9", edits: [[T9, "C9", 16], [T9, "D9", 16]], at: [T9, "C9"] },
  { rule: "T9-03", base: "t9", edits: [[T9, "D7", 1]], at: [T9, "C7"] },
  { rule: "T9-04", base: "t9", edits: [[T9, "C6", 0], [T9, "D6", 0]], at: [T9, "C7"] },
  { rule: "T10-01", base: "t10", edits: [[T10, "I5", 0.8]], at: [T10, "H5"] },
  { rule: "T10-02", base: "t10", edits: [[T10, "F5", 3]], at: [T10, "H5"], severity: "info" },
  { rule: "T10-03", base: "t10", edits: [[T10, "N5", 2]], at: [T10, "N5"] },
  { rule: "T10-04", base: "t10", edits: [[T10, "B5", 0.5]], at: [T10, "B5"], severity: "warning" },
  { rule: "T12-03", edits: [[P1, "A17", "效益指标"]], at: [P1, "A1"], severity: "warning" },
  { rule: "X-02", edits: [[T2, "E6", 1000]], at: [T1, "C37"] },
  { rule: "X-03", edits: [[T2, "M6", 5]], at: [T1, "C38"] },
  { rule: "X-05", edits: [[T2, "G6", 5]], at: [T1, "C9"] },
  { rule: "X-06", edits: [[T2, "H6", 5]], at: [T1, "C10"] },
  { rule: "X-09", edits: [[T2, "B19", "2210203"]], at: [T2, "B19"], severity: "warning" },
  { rule: "X-12", edits: [[T4, "E37", 1000]], at: [T4, "E37"] },
  { rule: "X-16", edits: [[T6, "D6", 900]], at: [T6, "D6"] },
  { rule: "X-18", edits: [[T6, "B17", "30109"], [T6, "C17", "职业年金缴费"]], at: [T6, "D17"], severity: "warning" },
  { rule: "X-21", edits: [[T6, "B17", "30302"], [T6, "C17", "退休费"]], at: [T6, "D17"], severity: "info" },
  { rule: "X-22", edits: [[T5, "B19", "2210202"], [T5, "C19", "提租补贴"]], at: [T5, "E19"], severity: "info" },
  { rule: "X-23", edits: [[T6, "B22", "30217"], [T6, "C22", "公务接待费"]], at: [T6, "D22"], severity: "warning" },
  { rule: "X-24", edits: [[T11, "B7", 2]], at: [T11, "B7"], severity: "info" },
  { rule: "X-25", edits: [[P1, "C4", 130], [P1, "E4", 130]], at: [T3, "F6"] },
  { rule: "X-26", edits: [[PARAMS, "B16", "20.00"]], at: [PARAMS, "B16"], severity: "warning" },
  { rule: "X-27", edits: [[T1, "C7", 5]], at: ["政府性基金预算支出表", "A1"] },
  { rule: "S-09", edits: [["政府性基金预算支出表", "A6", null]], at: ["政府性基金预算支出表", "A1"] },
  { rule: "S-11", edits: [[T3, "A2", "428 平乡县行政审批局办公室"]], at: [T3, "A2"] },
  { rule: "S-11", edits: [[T3, "E2", "预算年度：2023"]], at: [T3, "E2"] },
];

/** The seed with consistent rows in its empty 三公 table (the empty-table note replaced). */
function withT9(s: WorkbookSnapshot): void {
  const rows: [string, number][] = [["合计", 10], ["1、因公出国（境）费", 2], ["2、公务接待费", 3], ["3、公务用车购置及运行维护费", 5], ["其中：公务用车购置费", 0], ["公务用车运行维护费", 5]];
  rows.forEach(([label, v], i) => {
    const r = 6 + i;
    setCell(s, T9, `A${r}`, i + 1);
    setCell(s, T9, `B${r}`, label);
    setCell(s, T9, `C${r}`, v);
    setCell(s, T9, `D${r}`, v);
  });
}

/** The seed with one purchase in its empty 政府采购 table (the 无…预算 note removed, the standard note kept). */
function withT10(s: WorkbookSnapshot): void {
  const row: [string, CellValue][] = [["A", "综合业务工作经费"], ["B", 32], ["C", "台式计算机"], ["D", "A02010104"], ["E", "台"], ["F", 2], ["G", 0.5], ["H", 1], ["I", 1], ["N", 0.5]];
  for (const [col, v] of row) setCell(s, T10, `${col}5`, v);
  setCell(s, T10, "A6", "注：同一采购目录序号的物品，其单价会因配置规格不同而变动，均符合资产配置标准。涉密采购事项按照相关规定执行。");
}

async function base(c: { base?: "t9" | "t10" }): Promise<WorkbookSnapshot> {
  const s = await fixture("seed");
  if (c.base === "t9") withT9(s);
  if (c.base === "t10") withT10(s);
  return s;
}

describe("rules", () => {
  it("the seed gives exactly its real defects (T11 办公用房 under a blank 房屋) and nothing for its reconciling tables", async () => {
    const r = check(await fixture("seed"));
    assert.deepEqual(keys(r.findings), SEED_FINDINGS);
    const office = r.findings.find((f) => f.rule === "T11-02" && f.cell === "C6")!;
    assert.match(office.message, /办公用房.*2\.11 万元.*房屋.*0\.00 万元/);
    assert.equal(r.findings.filter((f) => f.severity === "error").length, 2);
  });

  it("the 元 twin and a differently laid-out copy give the same findings", async () => {
    const seed = keys(check(await fixture("seed")).findings);
    const yuan = check(await fixture("seed-yuan"));
    assert.equal(yuan.unit, "元");
    assert.deepEqual(keys(yuan.findings), seed);
    const alt = check(await fixture("seed-alt"));
    const byTable = (fs: typeof alt.findings) => fs.map((f) => `${f.rule} ${f.severity} ${f.table} ${f.cell}`).sort();
    assert.deepEqual(byTable(alt.findings), byTable(check(await fixture("seed")).findings));
  });

  for (const c of CASES) {
    it(`${c.rule} fails at ${c.at[0]}!${c.at[1]} after ${c.edits.map((e) => `${e[0]}!${e[1]}=${JSON.stringify(e[2])}`).join(", ") || "removing " + c.removeSheets}`, async () => {
      const s = await base(c);
      for (const [sheet, cell, v] of c.edits) setCell(s, sheet, cell, v);
      for (const sh of c.removeSheets ?? []) removeSheet(s, sh);
      const before = new Set(keys(check(await base(c)).findings));
      const hits = check(s).findings.filter((f) => f.rule === c.rule && f.sheet === c.at[0] && f.cell === c.at[1]);
      assert.ok(hits.length > 0, `expected ${c.rule} at ${c.at.join("!")}; got ${keys(check(s).findings).filter((k) => !before.has(k)).join("; ")}`);
      const want = c.severity ?? RULES.find((r) => r.id === c.rule)!.severity;
      assert.equal(hits[0].severity, want);
      assert.ok(hits[0].message.length > 10 && /[\u4e00-\u9fff]/.test(hits[0].message));
      if (c.message) assert.equal(hits[0].message, c.message);
    });
  }

  it("the 三公 and 政府采购 variants are consistent: no finding on their tables", async () => {
    for (const variant of ["t9", "t10"] as const) {
      const f = check(await base({ base: variant })).findings.filter((x) => x.sheet === (variant === "t9" ? T9 : T10));
      assert.deepEqual(keys(f), [], variant);
    }
  });

  it("a table found twice is read once, with a warning at the copy", async () => {
    const s = await fixture("seed");
    const copy = structuredClone(s.sheets.find((x) => x.name === "政府性基金预算支出表")!);
    copy.name = "基金表（副本）";
    s.sheets.push(copy);
    const f = check(s).findings.find((x) => x.rule === "P-08")!;
    assert.equal(f.sheet, "基金表（副本）");
    assert.equal(f.cell, "A1");
    assert.equal(f.severity, "warning");
  });

  it("formulas saved without results are P-11 at their cells, not wrong totals", async () => {
    const s = await fixture("seed");
    const sh = s.sheets.find((x) => x.name === T3)!;
    sh.formulas = sh.rows.map((r) => r.map(() => null));
    // 20103 and 201 as formulas a non-calculating tool saved: no cached values
    for (const [row, f] of [[7, "=D9+D10"], [6, "=D8"]] as const) {
      sh.formulas[row][3] = f;
      sh.rows[row][3] = null;
    }
    const found = check(s).findings.filter((f) => f.sheet === T3 && f.severity === "error");
    assert.deepEqual(keys(found), [`P-11 error ${T3}!D7`, `P-11 error ${T3}!D8`]);
    assert.match(found[1].message, /公式未计算（公式 =D9\+D10 没有保存计算结果）.*重新计算（F9）并保存/);
  });

  it("every table rule has a failing case in this file", () => {
    const covered = new Set(CASES.map((c) => c.rule).concat(["P-08", "P-10", "P-11", "T12-02", "T12-04", "T11-02"])); // P-10: test/core/layouts.test.ts
    const missing = RULES.map((r) => r.id).filter((id) => !covered.has(id));
    assert.deepEqual(missing, []);
  });

  it("a difference inside the rounding slack is a note with the standard wording, not an error", async () => {
    const s = await fixture("seed");
    setCell(s, T6, "D6", 852.59);
    const f = check(s).findings;
    const h01 = f.find((x) => x.rule === "H-01" && x.cell === "D6")!;
    assert.equal(h01.severity, "info");
    assert.equal(h01.expected, "852.58");
    assert.equal(h01.actual, "852.59");
    assert.match(h01.message, /相差 0\.01，在四舍五入允许的尾差 0\.015 以内/);
    assert.match(h01.note!, /四舍五入/);
    // the same figure in two tables from one export must agree exactly
    assert.equal(f.find((x) => x.rule === "X-15")!.severity, "error");
  });

  it("every finding of a failing case names a real cell and related cells", async () => {
    const s = await fixture("seed");
    setCell(s, T3, "E12", 60.15);
    const f = check(s).findings.find((x) => x.rule === "T3-01")!;
    assert.deepEqual(f.related, [{ sheet: T3, cell: "E12" }]);
    assert.equal(f.expected, "60.15");
    assert.equal(f.actual, "65.15");
  });

  it("every registered rule has a Chinese description and a stable id", () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of RULES) {
      assert.match(r.id, /^[PHTXS]\d*-\d+$|^T\d+-\d+$/);
      assert.match(r.description, /[\u4e00-\u9fff]/);
    }
    for (const id of ["H-01", "H-07", "T1-05", "T4-07", "T6-03", "T9-04", "T10-04", "T11-02", "T12-04", "X-01", "X-27", "S-09", "S-11"]) assert.ok(ids.includes(id), id);
  });
});
