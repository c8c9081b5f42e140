// One failing and one passing case for each S rule of issue 9, on the seed's tables (a 单位预算 case on the
// Shanghai 社会福利院): the failing text gives exactly one finding of the rule, at the piece of text named.
import { strict as assert } from "assert";
import { checkNarrativeTextDetailed } from "../../../src/core/text-check";
import { TEXT_RULES } from "../../../src/core/text-check/rules";
import type { BudgetWorkbook } from "../../../src/core/model/types";
import { loadSeed } from "../../docx/seed";
import { loadReal } from "./real";

interface Case {
  rule: string;
  pass: string;
  fail: string;
  /** The text the finding's span covers. */
  at: string;
  /** Related cells of the finding, when it contradicts the tables. */
  related?: string[];
  workbook?: "swfy";
}

const ITEM = "1. “社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）”65.15万元，主要用于养老保险缴费。";

const CASES: Case[] = [
  { rule: "S-16", pass: "2024年预算收支安排1042.58万元，较2023年预算增加33.48万元，主要为人员增加。", fail: "2024年预算收支安排1042.58万元，较2024年预算增加33.48万元，主要为人员增加。", at: "较2024年预算" },
  {
    rule: "S-17",
    pass: `${ITEM}2023年执行数为60.00万元，2024年预算安排65.15万元，比2023年执行数增加8.58%，主要原因是人员增加。`,
    fail: `${ITEM}2023年执行数为60.00万元，2024年预算安排66.15万元，比2023年执行数增加10.25%，主要原因是人员增加。`,
    at: "66.15万元",
    related: ["支出总表!D13"],
  },
  {
    rule: "S-18",
    pass: "3. “卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）”41.11万元，主要用于医疗保险。",
    fail: "3. “医疗卫生与计划生育支出（类）行政事业单位医疗（款）行政单位医疗（项）”41.11万元，主要用于医疗保险。",
    at: "医疗卫生与计划生育支出（类）行政事业单位医疗（款）行政单位医疗（项）",
    related: ["支出总表!C14"],
  },
  { rule: "S-19", pass: "4. “住房保障支出（类）住房改革支出（款）住房公积金（项）”53.30万元，主要用于住房公积金。", fail: "4. “住房保障支出（类）住房改革支出（款）住房公积金（项）”55.30万元，主要用于住房公积金。", at: "55.30万元", related: ["支出总表!D19"] },
  { rule: "S-20", pass: "2024年度本单位政府采购预算120.60万元。", fail: "2024年度本部门政府采购预算120.60万元。", at: "本部门", workbook: "swfy" },
  { rule: "S-21", pass: "公务接待费0.00万元，与2023年持平，主要原因是无公务接待。", fail: "公务接待费0.00万元，与2023年持平，主要原因是。", at: "主要原因是" },
  { rule: "S-22", pass: "五、国有资产占有使用情况", fail: "五、国有资产占有使用情况（增加内容）", at: "（增加内容）" },
  { rule: "S-22", pass: "基本支出比上年增加266.58万元，主要为人员增加。", fail: "基本支出比上年增加（减少）266.58万元，主要为人员增加。", at: "增加（减少）" },
  { rule: "S-23", pass: "公务接待费1.35万元，主要用于接待。\n主要原因是：根据实际支出。\n主要原因是：根据实际支出。", fail: "公务接待费1.35万元，主要用于接待。\n公务接待费1.35万元，主要用于接待。", at: "公务接待费1.35万元，主要用于接待。" },
  { rule: "S-24", pass: "我部门无其他需要说明的事项。", fail: "我部门无其他需要说明的事项。。", at: "。。" },
  { rule: "S-24", pass: "我部门“三公”经费预算0.00万元。", fail: "我部门“三公经费预算0.00万元。", at: "“" },
];

let seed: BudgetWorkbook;
let swfy: BudgetWorkbook;
before(async () => {
  seed = (await loadSeed()).wb;
  swfy = (await loadReal("shanghai-putuo-swfy-2024")).wb;
});

describe("text-check: a failing and a passing case for each rule of issue 9", () => {
  for (const c of CASES)
    it(`${c.rule}: ${c.fail.slice(0, 40)}`, () => {
      const wb = c.workbook === "swfy" ? swfy : seed;
      const pass = checkNarrativeTextDetailed(c.pass, wb, { name: "说明.txt" });
      assert.deepEqual(pass.findings.filter((f) => f.rule === c.rule).map((f) => f.message), []);
      const fail = checkNarrativeTextDetailed(c.fail, wb, { name: "说明.txt" });
      const hits = fail.located.filter((l) => l.finding.rule === c.rule);
      assert.equal(hits.length, 1, fail.findings.map((f) => `${f.rule} ${f.message}`).join("\n"));
      const [l] = hits;
      assert.equal(c.fail.slice(l.start, l.end), c.at);
      assert.equal(l.finding.sheet, "说明.txt");
      assert.equal(l.finding.severity, TEXT_RULES.find((r) => r.id === c.rule)!.severity);
      assert.match(l.finding.message, /^第\d+段第\d+句/);
      if (c.related) assert.deepEqual(l.finding.related.map((r) => `${r.sheet}!${r.cell}`), c.related);
    });

  it("every S rule has its cases (S-01 … S-15 in text-check.test.ts, S-25 in bounded.test.ts, the rest here)", () => {
    const here = new Set([...CASES.map((c) => c.rule), "S-25"]);
    const missing = TEXT_RULES.map((r) => r.id).filter((id) => Number(id.slice(2)) > 15 && !here.has(id));
    assert.deepEqual(missing, []);
  });
});
