import { strict as assert } from "assert";
import Decimal from "decimal.js";
import { checkNarrativeText, checkNarrativeTextDetailed, narrativeFromSnapshot, splitParagraphs, splitSentences } from "../../../src/core/text-check";
import { TEXT_RULES } from "../../../src/core/text-check/rules";
import type { Finding } from "../../../src/core/findings";
import type { BudgetWorkbook } from "../../../src/core/model/types";
import type { WorkbookSnapshot } from "../../../src/core/snapshot";
import { readFileSync } from "fs";
import { loadSeed, seedNarrativeText, SEED_TEXT_FILE } from "../../docx/seed";

let wb: BudgetWorkbook;
let snapshot: WorkbookSnapshot;

before(async () => {
  ({ wb, snapshot } = await loadSeed());
});

const TITLE = "平乡县行政审批局2024年部门预算信息公开情况说明";
const cells = (f: Finding) => f.related.map((r) => `${r.sheet}!${r.cell}`);
const byRule = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule);
/** Check a text as a .txt file would be checked. */
const run = (text: string, w: BudgetWorkbook = wb) => checkNarrativeText(text, w, { name: "说明.txt" });

function expectOne(text: string, rule: string, where: string, related?: string, w?: BudgetWorkbook): Finding {
  const fs = byRule(run(text, w), rule);
  assert.equal(fs.length, 1, `${rule}: ${JSON.stringify(run(text, w).map((f) => f.message))}`);
  assert.ok(fs[0].message.startsWith(where), fs[0].message);
  if (related) assert.deepEqual(cells(fs[0]), [related]);
  assert.equal(fs[0].sheet, "说明.txt");
  return fs[0];
}

function expectClean(text: string, w?: BudgetWorkbook) {
  assert.deepEqual(
    run(text, w).map((f) => f.message),
    [],
  );
}

describe("text-check: segmenting", () => {
  it("splits paragraphs and sentences with offsets into the text", () => {
    const text = "一、部门职责\n\n收入1.00万元。支出2.00万元！其余\n";
    const ps = splitParagraphs(text);
    assert.deepEqual(
      ps.map((p) => [p.no, p.line, p.kind, p.section]),
      [
        [1, 0, "heading", 1],
        [2, 2, "prose", 1],
      ],
    );
    const ss = splitSentences(ps[1]);
    assert.deepEqual(
      ss.map((s) => [s.no, s.text, s.terminated, text.slice(s.start, s.end)]),
      [
        [1, "收入1.00万元。", true, "收入1.00万元。"],
        [2, "支出2.00万元！", true, "支出2.00万元！"],
        [3, "其余", false, "其余"],
      ],
    );
  });

  it("lists the S rules in order with severities from their confidence marks", () => {
    assert.deepEqual(
      TEXT_RULES.map((r) => r.id),
      Array.from({ length: 25 }, (_, i) => `S-${String(i + 1).padStart(2, "0")}`),
    );
    assert.equal(TEXT_RULES.find((r) => r.id === "S-14")!.severity, "warning");
    assert.equal(TEXT_RULES.find((r) => r.id === "S-15")!.severity, "info");
    assert.equal(TEXT_RULES.find((r) => r.id === "S-06")!.severity, "error");
  });
});

describe("text-check: the seed's own 情况说明", () => {
  it("reports the seed's real text problems and nothing else", () => {
    const r = checkNarrativeTextDetailed(seedNarrativeText(), wb, { name: "2024-pingxiang.txt" });
    const got = r.findings.map((f) => `${f.rule} ${f.severity} ${f.message}`).sort();
    assert.deepEqual(got, [
      // 三公: "与2023年相比增加0.00万元，增减变化的主要原因是无增减变化" and no final stop.
      "S-06 error 第30段第2句“增加0.00万元”：写作“增加0.00万元”，原因又写“无增减变化”，实际没有增减，应写为“与2023年持平”。",
      "S-12 error 第30段第2句“增减变化的主要原因是无增减变化”：句末缺少句号“。”。",
      // 五(二)10 绩效目标 also ends without a stop.
      "S-12 error 第64段第1句“负责确定定点采购单位审核等工作”：句末缺少句号“。”。",
      // 支出说明 boilerplate names a table that is not published.
      "S-15 info 第24段第1句“项目支出表”：提到“项目支出表”，但本次公开的表格中没有这张表；请删去或改为已公开表格的名称。",
    ]);
    const sg = r.findings.find((f) => f.rule === "S-06")!;
    assert.deepEqual(cells(sg), ["三公经费支出表!A1"]); // the empty table itself
    // The figures that agree with the tables, each with the cell it was compared with.
    const confirmed = r.figures.filter((g) => g.status === "agree").map((g) => `${g.rule} ${g.subject} ${g.text} ${g.related ? `${g.related.sheet}!${g.related.cell}` : ""}`);
    assert.deepEqual(confirmed, [
      "S-01 预算收入总额 1042.58万元 收支总表!C37",
      "S-01 一般公共预算收入 1042.58万元 收支总表!C6",
      "S-01 政府性基金预算收入 0.00万元 收支总表!C7",
      "S-01 国有资本经营预算收入 0.00万元 收支总表!C8",
      "S-01 财政专户管理资金收入 0.00万元 收支总表!C9",
      "S-01 单位资金收入 0.00万元 收支总表!C10",
      "S-01 上年结转结余 0.00万元 收支总表!C38",
      "S-02 支出预算总额 1042.58万元 收支总表!E37",
      "S-02 基本支出 852.58万元 支出总表!E6",
      "S-02 人员经费 813.06万元 一般公共预算基本支出表!E6",
      "S-02 日常公用经费 39.52万元 一般公共预算基本支出表!F6",
      "S-02 项目支出 190.00万元 支出总表!F6",
      "S-03 项目“综合业务工作经费” 32万元 项目绩效目标表4!C4",
      "S-03 项目“委托业务及维护费用” 18万元 项目绩效目标表2!C4",
      "S-03 项目“政府采购评标专家酬金项目” 8万元 项目绩效目标表3!C4",
      "S-03 项目“可研评审及稳定风险评估等专用经费” 132万元 项目绩效目标表1!C4",
      "S-02 预算收支总额 1042.58万元 收支总表!E37",
      "S-04 预算收支总额增减额 33.48万元 收支总表!E37",
      "S-04 基本支出增减额 266.58万元 支出总表!E6",
      "S-04 项目支出增减额 233.10万元 支出总表!F6",
      "S-05 机关运行经费 39.52万元 一般公共预算基本支出表!F6",
      "S-06 “三公”经费 0.00万元 三公经费支出表!A1",
      "S-06 因公出国（境）费 0.00万元 三公经费支出表!A1",
      "S-06 公务用车购置及运行维护费 0.00万元 三公经费支出表!A1",
      "S-06 公务用车购置费 0.00万元 三公经费支出表!A1",
      "S-06 公务用车运行维护费 0.00万元 三公经费支出表!A1",
      "S-06 公务接待费 0.00万元 三公经费支出表!A1",
      "S-06 “三公”经费增减额 0.00万元 三公经费支出表!A1",
      "S-08 上年末固定资产金额 625.11 万元 固定资产占用情况表!C4",
      "S-08 本年拟购置固定资产总额 0.00 万元 说明参数!B16",
    ]);
    assert.equal(r.figures.filter((g) => g.status === "differ").length, 0);
    // Offsets point into the text.
    const text = seedNarrativeText();
    const f = r.located.find((l) => l.finding.rule === "S-06")!;
    assert.equal(text.slice(f.start, f.end), "增加0.00万元");
  });
});

describe("text-check: the whole published seed document as a .txt", () => {
  it("the same four problems, with the tables, 目录 and page-break splits of the PDF text around them", () => {
    const whole = readFileSync(SEED_TEXT_FILE, "utf8");
    const fs = checkNarrativeText(whole, wb, { name: "seed.txt" });
    assert.deepEqual(
      fs.map((f) => `${f.rule} ${f.message.replace(/^第\d+段/, "")}`).sort(),
      [
        "S-06 第2句“增加0.00万元”：写作“增加0.00万元”，原因又写“无增减变化”，实际没有增减，应写为“与2023年持平”。",
        "S-12 第1句“负责确定定点采购单位审核等工作”：句末缺少句号“。”。",
        "S-12 第2句“增减变化的主要原因是无增减变化”：句末缺少句号“。”。",
        "S-15 第1句“项目支出表”：提到“项目支出表”，但本次公开的表格中没有这张表；请删去或改为已公开表格的名称。",
      ],
    );
  });
});

describe("text-check: rules", () => {
  const INCOME = "2024年预算收入1042.58万元，其中：一般公共预算收入1042.58万元，基金预算收入0.00万元，上年结转结余0.00万元。";
  it("S-01 收入", () => {
    expectClean(INCOME);
    const f = expectOne(INCOME.replace("一般公共预算收入1042.58", "一般公共预算收入1040.58"), "S-01", "第1段第1句“1040.58万元”", "收支总表!C6");
    assert.equal(f.expected, "1042.58万元");
    assert.equal(f.severity, "error");
    expectOne(INCOME.replace("上年结转结余0.00", "上年结转结余5.00"), "S-01", "第1段第1句", "收支总表!C38");
  });

  const SPENDING = "2024年支出预算1042.58万元，其中基本支出852.58万元，包括人员经费813.06万元和日常公用经费39.52万元；项目支出190.00万元，主要为综合业务经费32万元，委托业务及维护费用18万元，政府采购评标专家酬金项目8万元，可研评审及稳定风险评估等专用经费132万元。";
  it("S-02 支出, rounding-aware with the text's own decimals", () => {
    expectClean(SPENDING);
    expectClean(SPENDING.replace("852.58万元", "853万元")); // ±0.5 covers 852.58
    expectOne(SPENDING.replace("852.58万元", "852.5万元"), "S-02", "第1段第1句“852.5万元”", "支出总表!E6"); // ±0.05 does not
    expectOne(SPENDING.replace("日常公用经费39.52", "日常公用经费39.50"), "S-02", "第1段第1句", "一般公共预算基本支出表!F6");
  });

  it("S-03 project list: names matched loosely, amounts and sum checked", () => {
    expectOne(SPENDING.replace("委托业务及维护费用18万元", "委托业务及维护费用19万元"), "S-03", "第1段第1句", "项目绩效目标表2!C4");
    const missing = byRule(run(SPENDING.replace("，可研评审及稳定风险评估等专用经费132万元", "")), "S-03");
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /所列项目合计58\.00万元，与项目支出190\.00万元不符；未列出：可研评审及稳定风险评估等专用经费132\.00万元/);
    expectOne(SPENDING.replace("综合业务经费32万元", "档案数字化经费32万元").replace("委托业务及维护费用18万元", "委托业务及维护费用18万元"), "S-03", "第1段第1句");
  });

  const CHANGE = "2024年预算收支安排1042.58万元，较2023年预算增加33.48万元，其中：基本支出增加266.58万元，主要为人员增加。项目支出减少233.10万元，主要为项目完成。";
  it("S-04 year-on-year: amounts, sign words, reasons, 持平", () => {
    expectClean(CHANGE);
    const sign = expectOne(CHANGE.replace("项目支出减少233.10", "项目支出增加233.10"), "S-04", "第1段第2句“增加233.10万元”", "支出总表!F6");
    assert.equal(sign.expected, "减少233.10万元");
    expectOne(CHANGE.replace("，主要为项目完成", ""), "S-04", "第1段第2句“减少233.10万元”：项目支出减少233.10万元，没有说明增减变化的原因");
    expectOne(CHANGE.replace("较2023年预算增加33.48万元", "较2023年预算增加30.48万元"), "S-04", "第1段第1句");
    // "增加0.00万元" when nothing changed.
    const w = withParams({ 上年基本支出: "852.58" });
    const zero = byRule(run("基本支出852.58万元，比上年增加0.00万元。", w), "S-04");
    assert.equal(zero.length, 1);
    assert.match(zero[0].message, /应写为“与2023年持平”/);
    expectClean("基本支出852.58万元，与上年持平。", w);
    const flat = expectOne("基本支出852.58万元，与上年持平。", "S-04", "第1段第1句");
    assert.deepEqual(cells(flat), ["支出总表!E6", "说明参数!B8"]); // this year's cell and last year's figure
    assert.equal(flat.expected, "增加266.58万元");
  });

  it("S-05 机关运行经费 = 公用经费", () => {
    expectClean("2024年，我部门机关运行经费共计安排39.52万元，主要用于日常运行支出。");
    expectOne("2024年，我部门机关运行经费共计安排45.00万元，主要用于日常运行支出。", "S-05", "第1段第1句“45.00万元”", "一般公共预算基本支出表!F6");
    // A department of 事业单位 (not 参公) has no 机关运行经费.
    const shiye = withParams({ 机构设置: "平乡县某某中心|事业|正科级|财政拨款" });
    expectClean("我单位为事业单位，机关运行经费0.00万元。", shiye);
    const f = expectOne("2024年，我部门机关运行经费共计安排39.52万元。", "S-05", "第1段第1句", undefined, shiye);
    assert.match(f.message, /所属单位均为事业单位/);
  });

  it("S-06 三公 total and items against an empty 三公 table", () => {
    expectClean("2024年，我部门财政拨款“三公”经费预算安排0.00万元，其中因公出国（境）费0.00万元；公务接待费0.00万元。与2023年持平。");
    const f = expectOne("2024年，我部门财政拨款“三公”经费预算安排0.00万元，其中公务接待费1.50万元。", "S-06", "第1段第1句“1.50万元”", "三公经费支出表!A1");
    assert.equal(f.expected, "0.00万元");
  });

  it("S-07 政府采购 total against the procurement table", () => {
    expectClean("本部门2024年政府采购预算总额0.00万元。");
    expectOne("本部门2024年政府采购预算总额12.00万元，其中货物类12.00万元。", "S-07", "第1段第1句“12.00万元”", "政府采购预算!A1");
  });

  it("S-08 固定资产", () => {
    expectClean("平乡县行政审批局（含所属单位）上年末固定资产金额为 625.11 万元（详见下表）。本年度拟购置固定资产总额为 0.00 万元，已按要求列入政府采购预算。");
    expectOne("上年末固定资产金额为 627.22 万元（详见下表）。", "S-08", "第1段第1句", "固定资产占用情况表!C4");
    // A purchase larger than the (empty) procurement budget.
    const fs = byRule(run("本年度拟购置固定资产总额为 5.00 万元，已按要求列入政府采购预算。"), "S-08");
    assert.equal(fs.length, 2);
    assert.match(fs[1].message, /大于政府采购预算合计0\.00万元/);
  });

  it("S-09 a text that calls a table empty when it is not; an empty table with no statement", () => {
    const w = clone(wb);
    w.t7!.notes = [];
    const f = byRule(run("我部门无其他需要说明的事项。", w), "S-09");
    assert.equal(f.length, 1);
    assert.deepEqual(cells(f[0]), ["政府性基金预算支出表!A1"]);
    assert.match(f[0].message, /为空表，但表下和情况说明中都没有说明/);
    expectClean("我部门无政府性基金预算财政拨款预算，空表列示。", w);
    const full = clone(wb);
    full.t9!.rows.total = { key: "total", label: "合计", labelLoc: full.t9!.titleLoc, cells: { total: { value: new Decimal(3), raw: new Decimal(3), decimals: 2, blank: false, readable: true, loc: { sheet: "三公经费支出表", row: 5, col: 2, address: "C6" } } } };
    expectOne("本部门无“三公”经费预算安排。", "S-09", "第1段第1句", "三公经费支出表!A1", full);
  });

  it("S-10 万元 written as 元", () => {
    expectOne("2024年，我部门机关运行经费共计安排39.52元，主要用于日常运行支出。", "S-10", "第1段第1句“39.52元”", "一般公共预算基本支出表!F6");
    expectClean("成本指标为每次不超过88元/次。");
  });

  it("S-11 name, year and unit code", () => {
    expectClean(TITLE);
    expectOne("平乡县行政审批局2023年部门预算信息公开情况说明", "S-11", "第1段第1句“2023”");
    const name = expectOne("平乡县审批局2024年部门预算信息公开情况说明", "S-11", "第1段第1句“平乡县审批局”");
    assert.equal(name.expected, "平乡县行政审批局");
    expectOne("部门政府采购预算由429 平乡县行政审批局编制。", "S-11", "第1段第1句“429”");
    expectOne("2023年预算收入1042.58万元。", "S-11", "第1段第1句");
  });

  it("S-12 template residue, duplicated words, missing stop", () => {
    for (const bad of ["XX", "待填写", "{单位名称}", "【部门名称】"]) expectOne(`本部门职责为${bad}，负责审批工作。`, "S-12", "第1段第1句");
    const dup = expectOne("项目支出增加增加了，主要为新增项目。", "S-12", "第1段第1句“增加增加”");
    assert.equal(dup.expected, "增加");
    expectOne("我部门严格执行政府采购制度，负责确定定点采购单位", "S-12", "第1段第1句“负责确定定点采购单位”");
    expectClean("（1）建立健全管理制度。\n切实做到“花钱必问效、无效必问责。”");
  });

  it("S-13 percentages recomputed from the tables", () => {
    expectClean("基本支出852.58万元，占支出预算的81.78%。");
    expectOne("基本支出852.58万元，占支出预算的80.00%。", "S-13", "第1段第1句“80.00%”");
  });

  it("S-14 机构设置 needs its four fields", () => {
    const w = withParams({ 机构设置: "平乡县行政审批局本级|行政" });
    expectOne("机构设置：见下表。", "S-14", "第1段第1句", "说明参数!B" + wb.params!.params["机构设置"].loc.address.slice(1), w);
    const none = withParams({ 机构设置: undefined });
    assert.equal(byRule(run("机构设置：见下表。", none), "S-14")[0].severity, "warning");
  });

  it("S-15 mentions of unpublished tables", () => {
    expectClean("收支预算总表支出栏、基本支出表按经济分类和支出功能分类科目编制。");
    const f = expectOne("基本支出表、项目支出表按经济分类编制。", "S-15", "第1段第1句“项目支出表”");
    assert.equal(f.severity, "info");
  });
});

describe("text-check: real-world phrasings", () => {
  // Each sentence agrees with the seed's tables and 说明参数: no finding, and at least one figure confirmed.
  const AGREE = [
    "本年收入合计1,042.58万元。",
    "2024年部门预算收入总额为１０４２.５８万元，全部为财政拨款收入1042.58万元。",
    "收入预算1042.58 万元，比上年增加33.48万元，增长3.32%，主要是人员增加。",
    "本年支出合计1042.58万元，其中：基本支出852.58万元，占82%；项目支出190万元。",
    "人员经费支出813.06万元，公用经费支出39.52万元。",
    "我部门2024年机关运行经费预算为39.5万元，主要用于办公费等。",
    "“三公”经费预算0万元，与上年持平。",
    "三公经费0.00万元，其中：公务用车运行维护费0.00万元，公务接待费0.00万元。",
    "上年末固定资产原值625.11万元。",
    "2023年预算收支总额1009.10万元，2024年预算收支总额1042.58万元，增加33.48万元，主要原因是人员增加。",
    "本部门2024年政府采购预算总额0.00万元，其中：货物类0.00万元、工程类0.00万元、服务类0.00万元。",
    "支出总计1042.58万元，其中项目支出190万，主要为综合业务经费32万，委托业务及维护费用18万，政府采购评标专家酬金项目8万，可研评审及稳定风险评估等专用经费132万。",
    "全年服务群众3万人次，机关运行经费39.52万元。",
  ];
  for (const text of AGREE)
    it(`agrees: ${text}`, () => {
      const r = checkNarrativeTextDetailed(text, wb, { name: "t" });
      assert.deepEqual(
        r.findings.map((f) => f.message),
        [],
      );
      assert.ok(r.figures.some((g) => g.status === "agree"), JSON.stringify(r.figures));
    });

  const DISAGREE: [string, string][] = [
    ["收入预算1042.58万元，比上年增加33.48万元，增长5.00%，主要是人员增加。", "S-13"],
    ["2023年预算收支总额1000.00万元。", "S-04"],
    ["2023年预算收入1042.58万元。", "S-11"],
    ["财政拨款收入1000.00万元。", "S-01"],
    ["本部门2024年政府采购预算总额0.00万元，其中：货物类2.00万元。", "S-07"],
  ];
  for (const [text, rule] of DISAGREE)
    it(`${rule}: ${text}`, () => {
      assert.deepEqual(
        run(text).map((f) => f.rule),
        [rule],
      );
    });
});

describe("text-check: a 情况说明 sheet as the source", () => {
  it("reads column A of the sheet and points findings at its cells", () => {
    const snap: WorkbookSnapshot = {
      sheets: [...snapshot.sheets, { name: "情况说明", rows: [[TITLE], [null], ["2024年，我部门机关运行经费共计安排45.00万元，主要用于日常运行支出。"]] }],
    };
    const n = narrativeFromSnapshot(snap)!;
    assert.equal(n.source.name, "情况说明");
    const fs = checkNarrativeText(n.text, wb, n.source);
    assert.equal(fs.length, 1);
    assert.equal(fs[0].sheet, "情况说明");
    assert.equal(fs[0].cell, "A3");
    assert.match(fs[0].message, /^第2段第1句/);
    assert.equal(narrativeFromSnapshot(snapshot), undefined);
  });
});

function clone(w: BudgetWorkbook): BudgetWorkbook {
  // Structured enough for the tests: tables are plain data apart from Decimals, which are immutable.
  // Keep prototypes: a Loc builds its A1 address in a getter.
  const copy = (v: unknown): unknown => {
    if (v instanceof Decimal || v === null || typeof v !== "object") return v;
    // A code row as read keeps its cells in a private field: shared, as the tests never change a row.
    if ("fenAt" in v) return v;
    if (Array.isArray(v)) return v.map(copy);
    const out = Object.create(Object.getPrototypeOf(v));
    for (const [k, x] of Object.entries(v)) out[k] = copy(x);
    return out;
  };
  return copy(w) as BudgetWorkbook;
}

function withParams(over: Record<string, string | undefined>): BudgetWorkbook {
  const w = clone(wb);
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete w.params!.params[k];
    else w.params!.params[k] = { key: k, value: v, loc: w.params!.params[k]?.loc ?? { sheet: "说明参数", row: 30, col: 1, address: "B31" } };
  }
  return w;
}
