import { strict as assert } from "node:assert";
import Decimal from "decimal.js";
import { buildStandardWorkbook, PROCUREMENT_NOTE, type LayoutOptions } from "../../src/xlsx/standard-workbook";
import { emptyDepartment, initDepartment, NARRATIVE_EXTRA_KEYS, splitDept } from "../../src/xlsx/department-data";
import { check } from "../../src/core/check";
import { groupFindings } from "../../src/core/group-findings";
import { renderNarrative } from "../../src/core/narrative/render";
import { loadTemplates } from "../../src/cli/templates";
import { workbookToBuffer } from "../../src/xlsx/apply-plan";
import { readSnapshot } from "../../src/xlsx/read-snapshot";
import { cellAt, type SheetSnapshot, type WorkbookSnapshot } from "../../src/core/snapshot";
import { PARAM_KEYS, specFor } from "../../src/core/model/table-specs";
import { SEED_DATA, SEED_DUTIES } from "../fixtures/seed-data";

async function snapshotOf(options: LayoutOptions = {}, data = SEED_DATA): Promise<WorkbookSnapshot> {
  return (await readSnapshot(await workbookToBuffer(buildStandardWorkbook(data, options)))).snapshot;
}

function sheet(s: WorkbookSnapshot, name: string): SheetSnapshot {
  const x = s.sheets.find((y) => y.name === name);
  assert.ok(x, `sheet ${name} in ${s.sheets.map((y) => y.name).join(",")}`);
  return x;
}

/** Column A of every row, for locating fixed labels. */
const col = (s: SheetSnapshot, c: number) => s.rows.map((r) => r[c] ?? null);

describe("xlsx/buildStandardWorkbook", () => {
  let seed: WorkbookSnapshot;
  before(async () => {
    seed = await snapshotOf();
  });

  it("puts every table on its own sheet in the standard order, projects one per sheet, 说明参数 last", () => {
    assert.deepEqual(seed.sheets.map((s) => s.name), [
      "收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "一般公共预算基本支出表",
      "政府性基金预算支出表", "国有资本经营预算支出表", "三公经费支出表", "政府采购预算", "固定资产占用情况表",
      "项目绩效目标表1", "项目绩效目标表2", "项目绩效目标表3", "项目绩效目标表4", "说明参数",
    ]);
  });

  it("lays out table 1: title, department line, two header rows, 栏次, 34 numbered rows", () => {
    const t1 = sheet(seed, "收支总表");
    assert.equal(cellAt(t1, 0, 0), "部门预算收支总表");
    assert.deepEqual(t1.rows[1], ["428 平乡县行政审批局", null, "预算年度：2024", null, "单位：万元"]);
    assert.deepEqual(t1.rows[2], ["序号", "收入", null, "支出", null]);
    assert.deepEqual(t1.rows[3], [null, "项目", "预算数", "项目", "预算数"]);
    assert.deepEqual(t1.rows[4], ["栏次", 1, 2, 3, 4]);
    assert.deepEqual(t1.rows[5], [1, "一、一般公共预算拨款收入", 1042.58, "一、一般公共服务支出", 883.02]);
    assert.deepEqual(t1.rows[12].slice(3), ["八、社会保障和就业支出", 65.15]);
    assert.deepEqual(t1.rows[35], [31, null, null, "三十一、人行科目", null]);
    assert.deepEqual(t1.rows[36], [32, "本年收入合计", 1042.58, "本年支出合计", 1042.58]);
    assert.deepEqual(t1.rows[37], [33, "上年结转结余", null, "年终结转结余", null]);
    assert.deepEqual(t1.rows[38], [34, "收入总计", 1042.58, "支出总计", 1042.58]);
    assert.equal(t1.rows.length, 39);
    assert.equal(t1.numberFormats?.[5][2], "0.00");
  });

  it("lays out table 4 with the 年初结转 sub-rows between 结转 and 总计", () => {
    const t4 = sheet(seed, "财政拨款收支总表");
    assert.deepEqual(t4.rows[3], [null, "项目", "金额", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]);
    assert.deepEqual(t4.rows[37].slice(0, 4), [33, "年初财政拨款结转和结余", null, "年末财政拨款结转和结余"]);
    assert.deepEqual(col(t4, 1).slice(38, 42), ["一、一般公共预算拨款", "二、政府性基金预算拨款", "三、国有资本经营预算拨款", "收入总计"]);
    assert.deepEqual(t4.rows[41], [37, "收入总计", 1042.58, "支出总计", 1042.58, 1042.58, null, null]);
  });

  it("lays out code tables with group headers, codes as text and the 合计 row first", () => {
    const t2 = sheet(seed, "收入总表");
    assert.deepEqual(t2.rows[2].slice(0, 5), ["序号", "功能分类科目", null, "合计", "本年收入"]);
    assert.equal(cellAt(t2, 2, 12), "上年结转");
    assert.deepEqual(t2.rows[3].slice(1, 6), ["科目编码", "科目名称", null, "小计", "财政拨款收入"]);
    assert.deepEqual(t2.rows[4], ["栏次", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(t2.rows[5].slice(0, 6), [1, null, "合计", 1042.58, 1042.58, 1042.58]);
    assert.deepEqual(t2.rows[15].slice(0, 4), [11, "2101101", "行政单位医疗", 41.11]);
    const t6 = sheet(seed, "一般公共预算基本支出表");
    assert.deepEqual(t6.rows[2].slice(1, 5), ["支出部门经济分类科目", null, "一般公共预算基本支出", null]);
    assert.deepEqual(t6.rows[3].slice(3, 6), ["合计", "人员经费", "公用经费"]);
  });

  it("prints the empty-table note under tables without amounts", () => {
    assert.deepEqual(col(sheet(seed, "政府性基金预算支出表"), 0).slice(5), [specFor("T7").emptyNote]);
    assert.deepEqual(col(sheet(seed, "国有资本经营预算支出表"), 0).slice(5), [specFor("T8").emptyNote]);
    assert.deepEqual(col(sheet(seed, "三公经费支出表"), 0).slice(5), [specFor("T9").emptyNote]);
    assert.ok(!col(sheet(seed, "一般公共预算支出表"), 0).some((v) => typeof v === "string" && v.startsWith("注：")));
  });

  it("lays out 政府采购预算 with the year in the SME column and both notes", () => {
    const t10 = sheet(seed, "政府采购预算");
    assert.equal(cellAt(t10, 2, 0), "政府采购项目来源");
    assert.equal(cellAt(t10, 2, 7), "政府采购金额（当年部门预算安排资金）");
    assert.equal(cellAt(t10, 2, 13), "2024年预留中小微企业份额");
    assert.deepEqual(t10.rows[3].slice(0, 2), ["项目名称", "预算资金"]);
    assert.deepEqual(col(t10, 0).slice(4), [PROCUREMENT_NOTE, "注：无政府采购预算，空表列示。"]);
  });

  it("keeps the seed's fixed-asset table as published (办公用房 under a blank 房屋 row)", () => {
    const t11 = sheet(seed, "固定资产占用情况表");
    assert.deepEqual(t11.rows[1], ["428 平乡县行政审批局", "截止时间：2023-12-31", "单位：万元"]);
    assert.deepEqual(t11.rows[2], ["项目", "数量", "价值（金额单位：万元）"]);
    assert.deepEqual(t11.rows.slice(3), [
      ["资产总额", null, 625.11],
      ["1、房屋（平方米）", null, null],
      ["其中：办公用房（平方米）", 452, 2.11],
      ["2、车辆（台、辆）", null, null],
      ["3、单价在20万元以上的设备", 2, 83.73],
      ["4、其他固定资产", 1599, 541.38],
    ]);
  });

  it("lays out a 绩效目标表 as in the seed", () => {
    const p = sheet(seed, "项目绩效目标表1");
    assert.equal(cellAt(p, 0, 0), "可研评审及稳定风险评估等专用经费绩效目标表");
    assert.equal(cellAt(p, 1, 6), "单位：万元");
    assert.deepEqual(p.rows[2], ["项目编码", "13053224P00273511912Y", null, "项目名称", "可研评审及稳定风险评估等专用经费", null, null]);
    assert.deepEqual(p.rows[3], ["预算规模及资金用途", "预算数", 132, "其中：财政资金", 132, "其他资金", null]);
    assert.equal(cellAt(p, 4, 1), "用于政府投资项目可研评审及稳定风险评估等相关费用");
    assert.deepEqual(p.rows[5], ["资金支出计划（%）", "3月底", null, "6月底", "10月底", "12月底", null]);
    assert.deepEqual(p.rows[6], [null, 33, null, 66, 99, 132, null]);
    assert.equal(cellAt(p, 7, 0), "绩效目标");
    assert.deepEqual(p.rows[8].slice(0, 6), ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]);
    assert.deepEqual(p.rows[9].slice(0, 6), ["产出指标", "数量指标", "可研评审和化解风险事件数", "可研评审、化解风险事件数", "≤150 件", "河北省重大固定资产投资项目社会稳定风险评估办法"]);
    // 一级指标 merged down its group: only the first row of a group holds it
    assert.deepEqual(col(p, 0).slice(9), ["产出指标", null, null, null, "效益指标", null, null, "满意度指标", null]);
  });

  it("writes 说明参数 with the standard keys first, then the extra keys", () => {
    const s = sheet(seed, "说明参数");
    assert.equal(cellAt(s, 0, 0), "说明参数");
    assert.deepEqual(s.rows[2], ["项目", "内容"]);
    const keys = col(s, 0).slice(3);
    assert.deepEqual(keys, [...PARAM_KEYS.map((k) => k.key), "部门职责", "机构设置", "部门整体绩效目标", "其他需要说明的事项"]);
    assert.equal(cellAt(s, 3 + keys.indexOf("上年基本支出"), 1), "586.00");
    assert.equal(cellAt(s, 3 + keys.indexOf("部门职责"), 1), SEED_DUTIES);
  });

  it("converts to 元 exactly (×10000) and leaves quantities alone", async () => {
    const s = await snapshotOf({ unit: "元" });
    const t1 = sheet(s, "收支总表");
    assert.equal(cellAt(t1, 1, 4), "单位：元");
    assert.equal(cellAt(t1, 5, 2), 10425800);
    assert.equal(cellAt(sheet(s, "一般公共预算基本支出表"), 14, 3), 16600); // 30112 其他社会保障缴费 1.66 万元
    const t11 = sheet(s, "固定资产占用情况表");
    assert.deepEqual(t11.rows[5], ["其中：办公用房（平方米）", 452, 21100]);
    assert.equal(cellAt(t11, 2, 2), "价值（金额单位：元）");
    const params = sheet(s, "说明参数");
    assert.equal(cellAt(params, 1, 1), "单位：元");
    assert.equal(params.rows.find((r) => r[0] === "上年预算收支总额")?.[1], "10091000.00");
  });

  it("writes the alternate layout: sheet names, order, numeric codes, amounts as text, the 档次 typo", async () => {
    const s = await snapshotOf({
      codesAsNumbers: true,
      amountsAsText: true,
      columnNumberTypo: true,
      sheetNames: { T1: "表1", T3: "Sheet7" },
      order: ["T3", "T1"],
    });
    assert.deepEqual(s.sheets.slice(0, 3).map((x) => x.name), ["Sheet7", "表1", "收入总表"]);
    const t1 = sheet(s, "表1");
    assert.equal(cellAt(t1, 4, 0), "档次");
    const t3 = sheet(s, "Sheet7");
    assert.equal(cellAt(t3, 6, 1), 201);
    assert.equal(cellAt(t3, 7, 1), 20103);
    // Every amount is text that reads back to the seed's figure
    const texts = t3.rows.slice(5).flatMap((r) => r.slice(3)).filter((v) => v !== null);
    assert.ok(texts.every((v) => typeof v === "string"));
    assert.ok(texts.some((v) => /^\d{1,3}(,\d{3})+\.\d\d$/.test(String(v))), "a thousands separator");
    assert.ok(texts.some((v) => /[０-９]/.test(String(v))), "full-width digits");
    const norm = (v: string) => v.replace(/[０-９．]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/,/g, "");
    assert.equal(new Decimal(norm(String(cellAt(t3, 5, 3)))).toFixed(2), "1042.58");
  });

  it("writes zeros as - or — when amounts are text", async () => {
    const data = { ...SEED_DATA, t1: { ...SEED_DATA.t1, income: { ...SEED_DATA.t1.income, fund: { inAmount: "0.00" }, soe: { inAmount: "0" } } } };
    const s = await snapshotOf({ amountsAsText: true }, data);
    const t1 = sheet(s, "收支总表");
    assert.deepEqual([cellAt(t1, 6, 2), cellAt(t1, 7, 2)], ["-", "—"]);
  });

  it("writes 三公 rows and 政府采购 rows when the department has them (no empty note then)", async () => {
    const data = {
      ...SEED_DATA,
      t9: { rows: { total: { total: "1.00", gp: "1.00" }, reception: { total: "1.00", gp: "1.00" } } },
      t10: [{ project: "综合业务工作经费", projectBudget: "32.00", item: "台式计算机", catalog: "A02010104", measure: "台", quantity: "2", price: "0.50", total: "1.00", gp: "1.00", sme: "1.00" }],
    };
    const s = await snapshotOf({ unit: "元" }, data);
    const t9 = sheet(s, "三公经费支出表");
    assert.deepEqual(t9.rows[5], [1, "合计", 10000, 10000, null, null]);
    assert.deepEqual(t9.rows[7], [3, "2、公务接待费", 10000, 10000, null, null]);
    assert.equal(t9.rows.length, 11);
    const t10 = sheet(s, "政府采购预算");
    assert.deepEqual(t10.rows[4], ["综合业务工作经费", 320000, "台式计算机", "A02010104", "台", 2, 5000, 10000, 10000, null, null, null, null, 10000]);
    assert.deepEqual(col(t10, 0).slice(5), [PROCUREMENT_NOTE]);
  });

  it("builds a blank workbook for init: fixed rows, 合计 rows, notes and the 说明参数 keys", async () => {
    const s = await snapshotOf({}, emptyDepartment("2025", "000 部门名称"));
    const t1 = sheet(s, "收支总表");
    assert.deepEqual(t1.rows[1], ["000 部门名称", null, "预算年度：2025", null, "单位：万元"]);
    assert.equal(t1.rows.length, 39);
    assert.deepEqual(sheet(s, "三公经费支出表").rows.slice(5).map((r) => r[1] ?? r[0]), [
      "合计", "1、因公出国（境）费", "2、公务接待费", "3、公务用车购置及运行维护费", "其中：公务用车购置费", "公务用车运行维护费", specFor("T9").emptyNote,
    ]);
    assert.deepEqual(sheet(s, "支出总表").rows[5].slice(0, 4), [1, null, "合计", null]);
    assert.equal(cellAt(sheet(s, "固定资产占用情况表"), 1, 1), "截止时间：2024-12-31");
    const params = sheet(s, "说明参数");
    assert.deepEqual(params.rows.slice(3, 6), [["部门名称", "部门名称"], ["单位编码", "000"], ["预算年度", "2025"]]);
    assert.deepEqual(col(params, 0).slice(3 + PARAM_KEYS.length), [...NARRATIVE_EXTRA_KEYS]);
    assert.ok(!s.sheets.some((x) => x.name.startsWith("项目绩效目标表")));
  });

  it("init: a workbook to type into — 0.00 on blank amounts, one 绩效目标表 to copy, 说明参数 with 填写说明", async () => {
    const s = await snapshotOf({ forTyping: true }, initDepartment("2025", "428 平乡县行政审批局"));
    const t1 = sheet(s, "收支总表");
    // 一般公共预算拨款收入 (C6) and its expense twin (E6) are blank, formatted for amounts.
    assert.equal(cellAt(t1, 5, 2), null);
    assert.equal(t1.numberFormats?.[5]?.[2], "0.00");
    assert.equal(t1.numberFormats?.[5]?.[4], "0.00");
    assert.equal(sheet(s, "固定资产占用情况表").numberFormats?.[4]?.[1] ?? null, null, "quantities are not money");
    const projects = s.sheets.filter((x) => x.name.startsWith("项目绩效目标表"));
    assert.deepEqual(projects.map((x) => x.name), ["项目绩效目标表1"]);
    const params = sheet(s, "说明参数");
    assert.deepEqual(params.rows[2], ["项目", "内容", "填写说明"]);
    assert.match(String(params.rows[6][2]), /上年部门预算收支总额（万元）.*例：1009\.10/);
    // Nothing typed yet: the check says so, and the empty 说明参数 rows are pointed at their own 内容 cell.
    const g = groupFindings(s, check(s));
    assert.deepEqual(g.findings.map((f) => f.rule), ["G-02"]);
    const missing = renderNarrative(s, loadTemplates()).findings.find((f) => /上年预算收支总额/.test(f.message))!;
    assert.equal(missing.cell, "B7");
    assert.match(missing.message, /还没有填写内容.*B7 填写/);
  });

  it("splits a department line into code and name", () => {
    assert.deepEqual(splitDept("428 平乡县行政审批局"), { deptCode: "428", deptName: "平乡县行政审批局" });
    assert.deepEqual(splitDept("平乡县行政审批局"), { deptCode: "", deptName: "平乡县行政审批局" });
  });
});

describe("fixtures/seed-data (the seed as published)", () => {
  const sum = (xs: (string | null)[]) => xs.reduce((a, x) => a.plus(x ?? 0), new Decimal(0)).toFixed(2);

  it("T6: 301 工资福利支出 = 813.06 and its 款 add up to it; 302 = 39.52", () => {
    const t6 = SEED_DATA.t6;
    assert.equal(t6.find((r) => r.code === "301")?.cells.total, "813.06");
    assert.equal(sum(t6.filter((r) => r.code.startsWith("301") && r.code.length === 5).map((r) => r.cells.total)), "813.06");
    assert.equal(sum(t6.filter((r) => r.code.startsWith("302") && r.code.length === 5).map((r) => r.cells.total)), "39.52");
    assert.deepEqual(t6[0].cells, { total: "852.58", personnel: "813.06", public: "39.52" });
  });

  it("re-joins the PDF's broken cells and uses the clean names", () => {
    const t2 = SEED_DATA.t2;
    assert.deepEqual(t2.find((r) => r.code === "2101101"), { code: "2101101", name: "行政单位医疗", cells: { total: "41.11", subtotal: "41.11", fiscal: "41.11" } });
    assert.equal(t2.find((r) => r.code === "20805")?.name, "行政事业单位养老支出");
    assert.equal(t2.find((r) => r.code === "20805")?.cells.total, "65.15");
    assert.equal(t2.find((r) => r.code === "22102")?.cells.total, "53.30");
    assert.equal(t2.length, 14);
    assert.equal(SEED_DATA.t3.length, 14);
  });

  it("projects: four, budgets 132 + 18 + 8 + 32 = 项目支出 190.00, every indicator row kept", () => {
    assert.deepEqual(SEED_DATA.projects.map((p) => p.budget), ["132.00", "18.00", "8.00", "32.00"]);
    assert.equal(sum(SEED_DATA.projects.map((p) => p.budget)), SEED_DATA.t3[0].cells.project);
    assert.deepEqual(SEED_DATA.projects.map((p) => p.indicators.length), [9, 10, 9, 9]);
    assert.deepEqual(SEED_DATA.projects[1].plan, ["4.50", "9.00", "13.50", "18.00"]);
    assert.equal(SEED_DATA.projects[1].indicators[6].level3, "通讯设施预设功能达标率");
  });

  it("T11 keeps the real defect; T9 prints no rows; 说明参数 holds the narrative facts", () => {
    assert.deepEqual(SEED_DATA.t11.rows.house, {});
    assert.deepEqual(SEED_DATA.t11.rows.office, { quantity: "452", value: "2.11" });
    assert.equal(SEED_DATA.t9.printRows, false);
    const params = Object.fromEntries(SEED_DATA.params.map((p) => [p.key, p.value]));
    assert.equal(params["上年预算收支总额"], "1009.10");
    assert.equal(SEED_DUTIES.split("\n").length, 12);
    assert.match(params["部门职责"].split("\n")[11], /^12、完成县委、县政府交办的其他任务。$/);
    assert.equal(params["机构设置"], "平乡县行政审批局本级|行政|正科级|财政拨款");
    assert.match(params["部门整体绩效目标"], /^（一）总体绩效目标\n/);
    assert.match(params["部门整体绩效目标"], /2、通信业务24小时服务不间断/);
    assert.equal(params["其他需要说明的事项"], "我部门无其他需要说明的事项。");
  });
});
