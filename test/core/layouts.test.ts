// Layouts of other provinces: the two real Shanghai workbooks (real-disclosures/README.md lists what is really
// wrong in them) are recognised table by table, read into the one model, and give those defects and no other error.
import { strict as assert } from "node:assert";
import { check } from "../../src/core/check";
import { planFill } from "../../src/core/fill";
import { readWorkbook } from "../../src/core/model/read-workbook";
import { fixture, keys, setCell } from "./support";

const WANLI = "real/shanghai-putuo-wanli-2025";
const SWFY = "real/shanghai-putuo-swfy-2024";

const KINDS = ["T1", "T2", "T3", "T4", "T5", "T7", "T8", "T6", "T9", "PARAMS"];

describe("layouts: the real Shanghai workbooks", () => {
  for (const name of [WANLI, SWFY]) {
    it(`${name}: every sheet recognised with its kind and unit (三公 in 万元, the others in 元)`, async () => {
      const r = check(await fixture(name));
      assert.deepEqual(
        r.listing.map((t) => t.kind),
        KINDS,
      );
      for (const t of r.listing) if (t.kind !== "PARAMS") assert.equal(t.unit, t.kind === "T9" ? "万元" : "元", t.sheet);
      assert.equal(r.listing[0].kindName, "收支总表");
      assert.equal(r.listing[8].sheet, "9.三公经费和机关运行经费");
    });
  }

  it("a table whose title sits below the rows where titles are looked for: P-04 says where it is and what to do, not 'add this table'", async () => {
    const s = await fixture("seed");
    const sh = s.sheets.find((x) => x.name === "收支总表")!;
    sh.rows = [...Array.from({ length: 12 }, () => [] as typeof sh.rows[number]), ...sh.rows];
    sh.merges = [];
    sh.numberFormats = undefined;
    const p04 = check(s).findings.filter((f) => f.rule === "P-04");
    assert.deepEqual(p04.map((f) => [f.severity, f.sheet, f.cell]), [["error", "收支总表", "A13"]]);
    assert.match(p04[0].message, /^工作表“收支总表”A13 是“部门预算收支总表”的标题，但它在第 13 行：标题要在前 8 行内才能识别这张表。请删去标题上方多余的行后再检查。$/);
  });

  it("Shanghai's published form has nine tables: no P-04 for 政府采购, 固定资产 or 绩效目标 (stated in its text); a missing one of the nine still is", async () => {
    for (const name of [WANLI, SWFY]) {
      const snap = await fixture(name);
      assert.equal(readWorkbook(snap).form, "上海区级");
      assert.deepEqual(check(snap).findings.filter((f) => f.rule === "P-04").map((f) => f.table), [], name);
    }
    const snap = await fixture(WANLI);
    snap.sheets = snap.sheets.filter((s) => s.name !== "9.三公经费和机关运行经费");
    const wb = readWorkbook(snap);
    // Without its marker table the form is still known from 财务收支预算总表.
    assert.equal(wb.form, "上海区级");
    assert.deepEqual(
      check(snap).findings.filter((f) => f.rule === "P-04").map((f) => `${f.severity} ${f.table}`),
      ["error 部门预算财政拨款“三公”经费支出表"],
    );
  });

  it("万里街道 2025: no error; the 1-元 gaps of whole-元 tables are rounding notes at their cells", async () => {
    const r = check(await fixture(WANLI));
    assert.deepEqual(r.findings.filter((f) => f.severity === "error").map((f) => f.message), []);
    const notes = r.findings.filter((f) => ["H-02", "H-03", "T3-01", "T5-01"].includes(f.rule)).map((f) => `${f.rule} ${f.severity} ${f.sheet}!${f.cell}`);
    assert.deepEqual(notes.sort(), [
      "H-02 info 2.收入预算总表!E54",
      "H-02 info 2.收入预算总表!F54",
      "H-02 info 3.支出预算总表!E54",
      "H-02 info 5.一般公共预算支出功能分类!E54",
      "H-03 info 2.收入预算总表!E55",
      "H-03 info 2.收入预算总表!F55",
      "H-03 info 3.支出预算总表!E55",
      "H-03 info 5.一般公共预算支出功能分类!E55",
      "T3-01 info 3.支出预算总表!E55",
      "T5-01 info 5.一般公共预算支出功能分类!E55",
    ]);
    const h03 = r.findings.find((f) => f.rule === "H-03" && f.cell === "E55")!;
    assert.match(h03.message, /94995790\.00.*94995789\.00.*相差 1\.00，在四舍五入允许的尾差 2\.50 以内/);
    assert.match(h03.note!, /四舍五入/);
  });

  it("社会福利院 2024: the 7 | 11 | 02 row, the misnumbered 302 款, 303 and 30301, the obsolete class name; nothing else is an error", async () => {
    const r = check(await fixture(SWFY));
    const errors = r.findings.filter((f) => f.severity === "error");
    assert.deepEqual(keys(errors), ["P-02 error 3.支出预算总表!A16", "P-02 error 5.一般公共预算支出功能分类!A16"]);
    assert.match(errors[0].message, /“7 \| 11 \| 02”/);
    const h05 = r.findings.filter((f) => f.rule === "H-05");
    const at = (sheet: string, cell: string) => h05.find((f) => f.sheet === sheet && f.cell === cell);
    const econ = "8.一般公共预算基本支出经济分类";
    // 302 款 numbered one after another: 30202 咨询费 … 30213 其他商品和服务支出; only 30209 物业管理费 is right.
    for (const cell of ["C18", "C19", "C20", "C21", "C22", "C23", "C24", "C27", "C28", "C29"]) assert.ok(at(econ, cell), `H-05 at ${cell}`);
    assert.equal(at(econ, "C25"), undefined);
    assert.match(at(econ, "A26")!.message, /30210（车辆运行费）不是2024年部门预算支出经济分类中的编码/);
    assert.match(at(econ, "C30")!.message, /303 的标准名称是“对个人和家庭的补助”，表中写作“离退休人员经费”/);
    assert.match(at(econ, "C31")!.message, /30301 的标准名称是“离休费”/);
    // the obsolete class name in 收支总表 and 财政拨款收支总表, with the current one
    for (const [sheet, cell] of [["1.财务收支预算总表", "C9"], ["4.财政拨款收支预算总表", "C7"]]) {
      const f = at(sheet, cell)!;
      assert.equal(f.severity, "warning");
      assert.match(f.message, /“医疗卫生与计划生育支出”是 2018 年及以前的类名，2024年的 210 类名为“卫生健康支出”/);
    }
    // a legitimate other wording is no finding
    assert.equal(at(econ, "C10"), undefined);
  });

  it("the model: income schemes mapped onto the model's rows, codes joined from 类 | 款 | 项, 合计 at the bottom, 三公 from one row", async () => {
    const wb = readWorkbook(await fixture(SWFY));
    const t1 = wb.t1!;
    assert.equal(t1.income.fiscal.cells.inAmount.raw.toString(), "9501164");
    assert.equal(t1.income.gp.cells.inAmount.raw.toString(), "9501164");
    assert.equal(t1.income.business.cells.inAmount.raw.toString(), "2620000");
    assert.equal(t1.income.grand.cells.inAmount.value.toString(), "1212.1164");
    assert.equal(t1.income.total, t1.income.grand, "no 本年收入合计 and no 上年结转: 收入总计 is the year's total");
    assert.equal(t1.expense["210"].label, "三、医疗卫生与计划生育支出");
    assert.equal(t1.expense.grand.cells.exPersonnel.raw.toString(), "7380214");
    assert.equal(t1.expense.grand.cells.exPublic.raw.toString(), "2120950");
    const t2 = wb.t2!;
    assert.deepEqual(t2.rows.map((r) => r.code).slice(0, 4), ["208", "20805", "2080502", "2080505"]);
    assert.equal(t2.total!.nameLoc.address, "D20");
    assert.equal(t2.total!.cells.business.raw.toString(), "2620000");
    assert.equal(t2.columns.subtotal, undefined, "no 小计 column in this layout");
    assert.equal(t2.total!.cells.subtotal.absent, true);
    const t6 = wb.t6!;
    assert.equal(t6.rows.find((r) => r.code === "30113")!.cells.total.raw.toString(), "335816");
    assert.equal(t6.total!.cells.public.raw.toString(), "2120950");
    // whole 元 printed with #,##0: a figure allows ±0.5 元
    assert.equal(t2.total!.cells.total.decimals, 4);
    const t9 = wb.t9!;
    assert.equal(t9.unit, "万元");
    assert.equal(t9.rows.total.cells.total.value.toString(), "6.4");
    assert.equal(t9.rows.carRun.cells.total.value.toString(), "6.4");
    assert.equal(t9.rows.abroad.cells.total.value.toString(), "0");
    assert.equal(t9.rows.total.cells.gp.absent, true);
    assert.equal(wb.runningCost!.value.toString(), "0");
    assert.equal(wb.year, "2024");
    assert.equal(wb.deptName, "上海市普陀区社会福利院");
  });

  it("万里街道: 机关运行经费 from the 三公 table's own column, beside the 三公 rows", async () => {
    const wb = readWorkbook(await fixture(WANLI));
    assert.equal(wb.runningCost!.value.toString(), "464.64");
    assert.equal(wb.runningCost!.loc.address, "G6");
    assert.equal(wb.t9!.rows.car.cells.total.value.toString(), "36.56");
    assert.equal(wb.t9!.rows.carBuy.cells.total.value.toString(), "15");
    assert.equal(wb.t9!.extra!.running.label, "机关运行经费预算数");
    assert.equal(wb.t1!.expense["212"].cells.exAmount.raw.toString(), "154369326");
    assert.equal(wb.deptName, "上海市普陀区人民政府万里街道办事处");
  });

  it("fill writes nothing on a consistent Shanghai table, and the derived 合计 at the bottom when it is changed", async () => {
    const s = await fixture(WANLI);
    assert.deepEqual(planFill(s).writes.filter((w) => w.sheet === "8.一般公共预算基本支出经济分类"), []);
    setCell(s, "8.一般公共预算基本支出经济分类", "D18", 20000); // 30204 手续费 10000 → 20000
    setCell(s, "8.一般公共预算基本支出经济分类", "F18", 20000);
    const writes = planFill(s).writes.filter((w) => w.sheet === "8.一般公共预算基本支出经济分类").map((w) => `${w.cell}=${w.newValue.toString()}`);
    assert.deepEqual(writes.sort(), ["D16=10837702", "D37=101351746", "F16=10837702", "F37=10837702"].sort());
  });
});

describe("layouts: recognition", () => {
  it("a sheet with no known table is listed as 未识别 (info) and never stops the others", async () => {
    const s = await fixture("seed");
    s.sheets.push({ name: "封面", rows: [["2024年部门预算公开"], ["平乡县行政审批局"]] });
    s.sheets.push({ name: "机关运行经费", rows: [["机关运行经费支出预算表"], ["单位：万元"], ["项目", "金额"], ["合计", 39.52]] });
    const r = check(s);
    const unknown = r.listing.filter((t) => t.kind === "unrecognised");
    assert.deepEqual(unknown, [
      { sheet: "封面", title: "2024年部门预算公开", kind: "unrecognised", kindName: "未识别" },
      { sheet: "机关运行经费", title: "机关运行经费支出预算表", kind: "unrecognised", kindName: "未识别" },
    ]);
    const p10 = r.findings.filter((f) => f.rule === "P-10");
    assert.deepEqual(keys(p10), ["P-10 info 封面!A1", "P-10 info 机关运行经费!A1"]);
    assert.match(p10[1].message, /“机关运行经费支出预算表”.*不是可识别的预算公开表/);
    assert.equal(r.listing.filter((t) => t.kind !== "unrecognised").length, 16);
  });

  it("titles by meaning: prefixes, years, numbers and label rows, 部门/单位 wording", async () => {
    const s = await fixture("seed");
    const retitle = (sheet: string, title: string) => setCell(s, sheet, "A1", title);
    retitle("收支总表", "一、2017年度江苏省某某部门收支预算总表");
    retitle("收入总表", "公开02表 2024年预算单位收入预算总表");
    retitle("支出总表", "3．部门支出总表");
    retitle("财政拨款收支总表", "2025年部门财政拨款收支预算总表");
    retitle("一般公共预算支出表", "一般公共预算支出功能分类预算表");
    retitle("一般公共预算基本支出表", "2024年一般公共预算基本支出部门预算经济分类预算表");
    retitle("政府性基金预算支出表", "政府性基金预算支出功能分类预算表");
    retitle("三公经费支出表", "“三公”经费预算表");
    const r = check(s);
    assert.deepEqual(r.listing.slice(0, 9).map((t) => t.kind), ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"]);
    assert.deepEqual(keys(r.findings.filter((f) => f.severity === "error")), ["T11-02 error 固定资产占用情况表!B6", "T11-02 error 固定资产占用情况表!C6"]);
  });

  it("the line under the title: 编制部门, the code glued to the name, the year from the title; a lone 无 row is the empty table's statement", async () => {
    const s = await fixture("seed");
    setCell(s, "收入总表", "A2", "428平乡县行政审批局");
    setCell(s, "支出总表", "A1", "2024年部门支出总表");
    setCell(s, "支出总表", "A2", "编制部门：平乡县行政审批局");
    setCell(s, "支出总表", "E2", null);
    // the 无 row above the note, as empty tables print it
    const t7 = s.sheets.find((x) => x.name === "政府性基金预算支出表")!;
    t7.rows.splice(5, 0, [1, "无"]);
    const wb = readWorkbook(s);
    assert.deepEqual([wb.t2!.deptCode, wb.t2!.deptName], ["428", "平乡县行政审批局"]);
    assert.deepEqual([wb.t3!.deptName, wb.t3!.year], ["平乡县行政审批局", "2024"]);
    assert.deepEqual(wb.t7!.rows, []);
    assert.ok(wb.t7!.notes.some((n) => n.text === "无"));
    const r = check(s);
    assert.deepEqual(keys(r.findings.filter((f) => f.severity === "error")), ["T11-02 error 固定资产占用情况表!B6", "T11-02 error 固定资产占用情况表!C6"]);
  });

  it("an obsolete class name in a 科目 table is a warning naming the current one; in its own year it is right", async () => {
    const s = await fixture("seed");
    setCell(s, "支出总表", "C14", "医疗卫生与计划生育支出");
    const h05 = check(s).findings.filter((f) => f.rule === "H-05");
    assert.deepEqual(keys(h05), ["H-05 warning 支出总表!C14"]);
    assert.match(h05[0].message, /“医疗卫生与计划生育支出”是 2018 年及以前的类名，2024年的科目 210 名为“卫生健康支出”/);
    for (const sheet of s.sheets) for (const row of sheet.rows) row.forEach((v, i) => typeof v === "string" && (row[i] = v.replace("预算年度：2024", "预算年度：2018")));
    assert.deepEqual(keys(check(s).findings.filter((f) => f.rule === "H-05" && f.sheet === "支出总表")), []);
  });

  it("Shanghai's income rows against the 收入总表 one by one (X-06), the missing 单位资金 derived and never written", async () => {
    const s = await fixture(SWFY);
    setCell(s, "1.财务收支预算总表", "B11", 2620001);
    setCell(s, "1.财务收支预算总表", "B14", 12121165);
    const r = check(s);
    assert.deepEqual(keys(r.findings.filter((f) => f.rule === "X-06")), ["X-06 error 1.财务收支预算总表!B11"]);
    const wb = readWorkbook(s);
    assert.equal(wb.t1!.income.unitFunds.derived, true);
    assert.equal(wb.t1!.income.unitFunds.cells.inAmount.value.toString(), "262.0001");
    assert.ok(planFill(s).writes.every((w) => w.cell !== ""));
  });

  it("合计 in the code column, written 合   计, and a function table with one amount column", async () => {
    const s = await fixture("seed");
    setCell(s, "支出总表", "B6", "合   计");
    setCell(s, "支出总表", "C6", null);
    const t5 = s.sheets.find((x) => x.name === "一般公共预算支出表")!;
    for (const row of t5.rows) row.splice(4, 2); // drop 基本支出 and 项目支出
    const wb = readWorkbook(s);
    assert.equal(wb.t3!.total!.cells.total.value.toString(), "1042.58");
    assert.equal(wb.t5!.total!.cells.basic.absent, true);
    const r = check(s);
    assert.deepEqual(r.findings.filter((f) => f.rule === "T5-01"), []);
    assert.deepEqual(keys(r.findings.filter((f) => f.severity === "error")), ["T11-02 error 固定资产占用情况表!B6", "T11-02 error 固定资产占用情况表!C6"]);
  });
});
