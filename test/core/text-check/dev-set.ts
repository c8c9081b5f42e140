// The development texts of the text check: the two real Shanghai narratives with the defects their README
// lists, corrected versions of them, the seed's text, and mutations of the correct texts (each one defect
// at a known sentence). Shared by the tests and by scripts/text-check-eval.ts (precision and recall).
import type { BudgetWorkbook } from "../../../src/core/model/types";
import type { LocatedFinding } from "../../../src/core/text-check";
import { checkNarrativeTextDetailed } from "../../../src/core/text-check";
import { loadReal, type RealName } from "./real";
import { loadSeed, seedNarrativeText } from "../../docx/seed";

/** A defect an inspector finds: its rule and a piece of the text the finding's span must touch. */
export interface Expected {
  rule: string;
  at: string;
}

export interface DevText {
  name: string;
  text: string;
  wb: BudgetWorkbook;
  expected: Expected[];
}

/** What the README of real-disclosures lists as really wrong in each text. */
export const REAL_DEFECTS: Record<RealName, Expected[]> = {
  "shanghai-putuo-swfy-2024": [
    { rule: "S-21", at: "主要原因是。" },
    { rule: "S-18", at: "医疗卫生与计划生育支出（类）" },
    { rule: "S-19", at: "”738.66万元" },
    { rule: "S-22", at: "（增加内容）" },
  ],
  "shanghai-putuo-wanli-2025": [
    { rule: "S-18", at: "卫生健康支出（款）计划生育事务（项）" },
    { rule: "S-12", at: "财政拨款的机关运行经费预算为464.64万元" },
  ],
};

/** Each real text with its listed defects put right (and nothing else changed). */
export const CORRECTIONS: Record<RealName, [string, string][]> = {
  "shanghai-putuo-swfy-2024": [
    ["”738.66万元", "”696.48万元"],
    ["2024年预算安排738.66万元，比2023年预算执行数增加3.84%", "2024年预算安排696.48万元，比2023年预算执行数减少2.09%"],
    ["“医疗卫生与计划生育支出（类）", "“卫生健康支出（类）"],
    ["与2023年预算持平，主要原因是。", "与2023年预算持平，主要原因是公务用车运行费用不变。"],
    ["国有资产占有使用情况（增加内容）", "国有资产占有使用情况"],
  ],
  "shanghai-putuo-wanli-2025": [
    ["卫生健康支出（款）计划生育事务（项）", "计划生育事务（款）计划生育服务（项）"],
    ["财政拨款的机关运行经费预算为464.64万元", "财政拨款的机关运行经费预算为464.64万元。"],
  ],
};

export function applyEdits(text: string, edits: [string, string][]): string {
  let out = text;
  for (const [from, to] of edits) {
    if (!out.includes(from)) throw new Error(`edit does not apply: ${from}`);
    out = out.replace(from, to);
  }
  return out;
}

/** A Jiangsu-style 情况说明 (a percentage for every figure) written on the seed's tables; every figure is right. */
export const JIANGSU = `一、收入预算情况
2024年收入预算1042.58万元，比上年增加33.48万元，增长3.32%，主要原因是人员增加。其中：一般公共预算收入1042.58万元，占100%；政府性基金预算收入0.00万元，占0%。
二、支出预算情况
2024年支出预算1042.58万元，比上年增加33.48万元，增长3.32%，主要原因是人员增加。其中：基本支出852.58万元，占81.78%，比上年增加266.58万元，增长45.49%，主要原因是人员增加；项目支出190.00万元，占18.22%，比上年减少233.10万元，下降55.09%，主要原因是项目完成。
基本支出中，人员经费813.06万元，占基本支出的95.36%；日常公用经费39.52万元，占基本支出的4.64%。
三、支出预算按功能分类
1.一般公共服务支出（类）883.02万元，占84.70%。
2.社会保障和就业支出（类）65.15万元，占6.25%。
3.卫生健康支出（类）41.11万元，占3.94%。
4.住房保障支出（类）53.30万元，占5.11%。`;

export interface Mutation {
  base: RealName | "seed" | "jiangsu";
  name: string;
  edit: [string, string];
  /** The finding expected, touching `at` (a piece of the mutated text). */
  rule: string;
  at: string;
  severity?: "error" | "warning" | "info";
}

export const MUTATIONS: Mutation[] = [
  // wrong comparison year
  { base: "shanghai-putuo-wanli-2025", name: "比较年度写成预算年度", edit: ["财政拨款收入18,976.76万元，比2024年预算", "财政拨款收入18,976.76万元，比2025年预算"], rule: "S-16", at: "比2025年预算" },
  { base: "seed", name: "比较年度写成预算年度（河北）", edit: ["较2023年预算增加33.48万元", "较2024年预算增加33.48万元"], rule: "S-16", at: "较2024年预算" },
  { base: "shanghai-putuo-swfy-2024", name: "执行数年度写错", edit: ["2023年当年预算执行数为70.70万元", "2024年当年预算执行数为70.70万元"], rule: "S-16", at: "2024年当年预算执行数" },
  // a figure changed
  { base: "shanghai-putuo-wanli-2025", name: "科目金额改错", edit: ["科目43.83万元", "科目48.83万元"], rule: "S-19", at: "48.83万元" },
  { base: "shanghai-putuo-swfy-2024", name: "同一科目两个金额", edit: ["”53.84万元，主要用于", "”55.84万元，主要用于"], rule: "S-17", at: "55.84万元" },
  { base: "shanghai-putuo-swfy-2024", name: "事业收入改错", edit: ["事业收入262.00万元", "事业收入226.00万元"], rule: "S-01", at: "226.00万元" },
  { base: "shanghai-putuo-wanli-2025", name: "三公经费改错", edit: ["公务接待费1.35万元", "公务接待费1.53万元"], rule: "S-06", at: "1.53万元" },
  { base: "seed", name: "基本支出改错（河北）", edit: ["其中基本支出852.58万元", "其中基本支出858.52万元"], rule: "S-02", at: "858.52万元" },
  // a percentage changed
  { base: "shanghai-putuo-swfy-2024", name: "百分比改错", edit: ["减少1.39%", "减少1.93%"], rule: "S-13", at: "1.93%" },
  { base: "shanghai-putuo-swfy-2024", name: "增减方向写反", edit: ["比2023年预算执行数减少0.47%", "比2023年预算执行数增加0.47%"], rule: "S-13", at: "0.47%" },
  { base: "jiangsu", name: "占比改错（江苏式）", edit: ["占81.78%", "占80.78%"], rule: "S-13", at: "80.78%" },
  { base: "jiangsu", name: "科目占比改错（江苏式）", edit: ["占6.25%", "占5.25%"], rule: "S-13", at: "5.25%" },
  { base: "jiangsu", name: "增长率改错（江苏式）", edit: ["下降55.09%", "下降65.09%"], rule: "S-13", at: "65.09%" },
  { base: "jiangsu", name: "科目金额改错（江苏式）", edit: ["卫生健康支出（类）41.11万元", "卫生健康支出（类）44.11万元"], rule: "S-19", at: "44.11万元" },
  { base: "shanghai-putuo-swfy-2024", name: "截位差0.01个百分点（提示）", edit: ["比2023年预算执行数减少2.09%", "比2023年预算执行数减少2.08%"], rule: "S-13", at: "2.08%", severity: "info" },
  // a reason removed
  { base: "shanghai-putuo-swfy-2024", name: "删去增减原因", edit: ["主要原因是：有退休人员去世。", ""], rule: "S-04", at: "1.39%" },
  { base: "seed", name: "删去增减原因（河北）", edit: ["，主要为项目支出减少。", "。"], rule: "S-04", at: "减少233.10万元" },
  { base: "shanghai-putuo-swfy-2024", name: "原因留空", edit: ["主要原因是：根据实际支出。\n\n6.", "主要原因是：。\n\n6."], rule: "S-21", at: "主要原因是：" },
  // a 科目 renamed
  { base: "shanghai-putuo-wanli-2025", name: "款名改错", edit: ["群众团体事务（款）", "群团事务（款）"], rule: "S-18", at: "群团事务（款）" },
  { base: "shanghai-putuo-wanli-2025", name: "类名用旧名称", edit: ["“文化旅游体育与传媒支出（类）", "“文化体育与传媒支出（类）"], rule: "S-18", at: "文化体育与传媒支出（类）" },
  { base: "shanghai-putuo-swfy-2024", name: "项名改错", edit: ["住房改革支出（款）住房公积金（项）", "住房改革支出（款）提租补贴（项）"], rule: "S-18", at: "提租补贴（项）" },
  // a duplicated paragraph
  {
    base: "shanghai-putuo-wanli-2025",
    name: "段落重复",
    edit: ["8. “公共安全支出（类）", "7. “公共安全支出（类）司法（款）公共法律服务（项）”科目30.00万元，主要用于公共法律服务。\n8. “公共安全支出（类）"],
    rule: "S-23",
    at: "7. “公共安全支出（类）司法（款）公共法律服务（项）”科目30.00万元，主要用于公共法律服务。\n8.",
  },
  { base: "seed", name: "段落重复（河北）", edit: ["我部门无其他需要说明的事项。", "我部门无其他需要说明的事项。\n绩效目标：确保网络、电话、一体机、短信等通信服务顺利通畅。"], rule: "S-23", at: "我部门无其他需要说明的事项。\n绩效目标" },
  // punctuation
  { base: "shanghai-putuo-wanli-2025", name: "句号重复", edit: ["主要原因是项目调整。", "主要原因是项目调整。。"], rule: "S-24", at: "。。" },
  { base: "shanghai-putuo-swfy-2024", name: "引号不成对", edit: ["事业单位离退休（项）”53.84万元", "事业单位离退休（项）53.84万元"], rule: "S-24", at: "“社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休" },
  // template residue and wording
  { base: "shanghai-putuo-swfy-2024", name: "模板备选写法", edit: ["财政拨款收入950.12万元，比2023年预算增加0.46万元", "财政拨款收入950.12万元，比2023年预算增加（减少）0.46万元"], rule: "S-22", at: "增加（减少）" },
  { base: "shanghai-putuo-swfy-2024", name: "单位预算写部门", edit: ["2024年度本单位政府采购预算", "2024年度本部门政府采购预算"], rule: "S-20", at: "本部门", severity: "warning" },
];

export async function baseText(base: Mutation["base"]): Promise<{ text: string; wb: BudgetWorkbook }> {
  if (base === "seed") return { text: seedNarrativeText(), wb: (await loadSeed()).wb };
  if (base === "jiangsu") return { text: JIANGSU, wb: (await loadSeed()).wb };
  const { text, wb } = await loadReal(base);
  return { text: applyEdits(text, CORRECTIONS[base]), wb };
}

/** The seed's text problems at error and warning level (S-15 is a note). */
export const SEED_DEFECTS: Expected[] = [
  { rule: "S-06", at: "增加0.00万元" },
  { rule: "S-12", at: "增减变化的主要原因是无增减变化" },
  { rule: "S-12", at: "负责确定定点采购单位审核等工作" },
];

/** Every development text with the defects it has, at error and warning level. */
export async function devTexts(): Promise<DevText[]> {
  const out: DevText[] = [];
  for (const name of Object.keys(REAL_DEFECTS) as RealName[]) {
    const { text, wb } = await loadReal(name);
    out.push({ name, text, wb, expected: REAL_DEFECTS[name] });
  }
  const seed = await baseText("seed");
  out.push({ name: "seed", ...seed, expected: SEED_DEFECTS });
  out.push({ name: "jiangsu", ...(await baseText("jiangsu")), expected: [] });
  for (const m of MUTATIONS) {
    const { text, wb } = await baseText(m.base);
    const base = m.base === "seed" ? SEED_DEFECTS : [];
    out.push({ name: `${m.base}: ${m.name}`, text: applyEdits(text, [m.edit]), wb, expected: m.severity === "info" ? base : [...base, { rule: m.rule, at: m.at }] });
  }
  return out;
}

/** Whether a located finding is the expected defect: same rule, and its span touches the expected piece of text. */
export function hits(text: string, l: LocatedFinding, e: Expected): boolean {
  if (l.finding.rule !== e.rule) return false;
  let from = 0;
  for (;;) {
    const i = text.indexOf(e.at, from);
    if (i < 0) return false;
    if (l.start <= i + e.at.length && l.end >= i) return true;
    from = i + 1;
  }
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  falsePositives: string[];
  missed: string[];
}

/** Precision and recall at error and warning level over the development texts. */
export async function score(): Promise<Score> {
  const s: Score = { tp: 0, fp: 0, fn: 0, falsePositives: [], missed: [] };
  for (const d of await devTexts()) {
    const located = checkNarrativeTextDetailed(d.text, d.wb, { name: d.name }).located.filter((l) => l.finding.severity !== "info");
    const matched = new Set<number>();
    for (const e of d.expected) {
      const i = located.findIndex((l, k) => !matched.has(k) && hits(d.text, l, e));
      if (i >= 0) {
        matched.add(i);
        s.tp++;
      } else {
        s.fn++;
        s.missed.push(`${d.name}: ${e.rule} ${e.at}`);
      }
    }
    located.forEach((l, k) => {
      if (matched.has(k)) return;
      s.fp++;
      s.falsePositives.push(`${d.name}: ${l.finding.rule} ${l.finding.message}`);
    });
  }
  return s;
}
