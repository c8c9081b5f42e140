// A richer department than the seed, computed from its leaf figures so that every table reconciles:
// several classes, 事业收入 and 上年结转, a 政府性基金 project, 三公 with a car purchase, purchases, assets and
// three projects (one with 其他资金). Used by the layout zoo; every total here is a sum, never typed.
import Decimal from "decimal.js";
import { PARAM_KEYS } from "../../src/core/model/table-specs";
import type { AmountRow, CodeRowData, DepartmentData, ProjectData } from "../../src/xlsx/department-data";

type Fund = "gp" | "fund";

interface Leaf {
  code: string;
  name: string;
  basic: string;
  project: string;
  fund: Fund;
  /** Parts of the row's money that are not 财政拨款 (收入总表 columns). */
  business?: string;
  carry?: string;
}

const LEAVES: Leaf[] = [
  { code: "2050101", name: "行政运行", basic: "512.34", project: "0", fund: "gp" },
  { code: "2050102", name: "一般行政管理事务", basic: "0", project: "120.00", fund: "gp" },
  { code: "2050201", name: "学前教育", basic: "300.50", project: "80.25", fund: "gp", business: "40.00", carry: "20.00" },
  { code: "2080505", name: "机关事业单位基本养老保险缴费支出", basic: "88.10", project: "0", fund: "gp" },
  { code: "2080506", name: "机关事业单位职业年金缴费支出", basic: "44.05", project: "0", fund: "gp" },
  { code: "2101102", name: "事业单位医疗", basic: "36.20", project: "0", fund: "gp" },
  { code: "2120803", name: "城市建设支出", basic: "0", project: "150.00", fund: "fund" },
  { code: "2210201", name: "住房公积金", basic: "60.00", project: "0", fund: "gp" },
];

const PARENTS: Record<string, string> = {
  "205": "教育支出",
  "20501": "教育管理事务",
  "20502": "普通教育",
  "208": "社会保障和就业支出",
  "20805": "行政事业单位养老支出",
  "210": "卫生健康支出",
  "21011": "行政事业单位医疗",
  "212": "城乡社区支出",
  "21208": "国有土地使用权出让收入安排的支出",
  "221": "住房保障支出",
  "22102": "住房改革支出",
};

/** 基本支出 by economic classification (一般公共预算 only); pairs with the functional leaves (X-17 … X-20). */
const ECONOMIC: [string, string, string][] = [
  ["30101", "基本工资", "300.00"],
  ["30102", "津贴补贴", "150.00"],
  ["30107", "绩效工资", "200.00"],
  ["30108", "机关事业单位基本养老保险缴费", "88.10"],
  ["30109", "职业年金缴费", "44.05"],
  ["30110", "职工基本医疗保险缴费", "36.20"],
  ["30113", "住房公积金", "60.00"],
  ["30199", "其他工资福利支出", "20.00"],
  ["30201", "办公费", "50.00"],
  ["30211", "差旅费", "20.00"],
  ["30217", "公务接待费", "3.00"],
  ["30231", "公务用车运行维护费", "9.84"],
];
const ECONOMIC_CLASSES: Record<string, string> = { "301": "工资福利支出", "302": "商品和服务支出" };

const D = (s: string | null | undefined) => new Decimal(s ?? 0);
const out = (d: Decimal): string | null => (d.isZero() ? null : d.toFixed(2));

/** A code table: leaves with their amounts, parents summed, 合计 first (the writer moves it where a layout keeps it). */
function codeTable(leaves: { code: string; name: string; cells: Record<string, Decimal> }[], names: Record<string, string>): CodeRowData[] {
  const keys = [...new Set(leaves.flatMap((l) => Object.keys(l.cells)))];
  const sums = new Map<string, Record<string, Decimal>>();
  const add = (code: string, cells: Record<string, Decimal>) => {
    const s = sums.get(code) ?? Object.fromEntries(keys.map((k) => [k, new Decimal(0)]));
    for (const k of keys) s[k] = s[k].plus(cells[k] ?? 0);
    sums.set(code, s);
  };
  for (const l of leaves) {
    add("", l.cells);
    add(l.code.slice(0, 3), l.cells);
    if (l.code.length === 7) add(l.code.slice(0, 5), l.cells);
    add(l.code, l.cells);
  }
  const codes = [...sums.keys()].filter((c) => c).sort();
  const row = (code: string): CodeRowData => ({
    code,
    name: code ? (leaves.find((l) => l.code === code)?.name ?? names[code]) : "合计",
    cells: Object.fromEntries(keys.map((k) => [k, out(sums.get(code)![k])])) as AmountRow,
  });
  return [row(""), ...codes.map(row)];
}

function sumCol(rows: CodeRowData[], code: string, key: string): Decimal {
  return D(rows.find((r) => r.code === code)?.cells[key]);
}

function project(code: string, name: string, budget: string, fiscal: string, other: string | null, purpose: string): ProjectData {
  const b = new Decimal(budget);
  const plan = [1, 2, 3, 4].map((q) => b.mul(q).div(4).toFixed(2)) as [string, string, string, string];
  const ind = (l1: string, l2: string, l3: string, value: string) => ({ level1: l1, level2: l2, level3: l3, description: l3, value, basis: "年度工作计划" });
  return {
    code,
    name,
    budget,
    fiscal,
    other,
    purpose,
    plan,
    goal: `保障${name}顺利实施。`,
    indicators: [
      ind("产出指标", "数量指标", `${name}覆盖单位数`, "≥12 个"),
      ind("产出指标", "质量指标", "验收合格率", "≥95%"),
      ind("产出指标", "时效指标", "按期完成率", "≥98%"),
      ind("产出指标", "成本指标", "单位成本", "≤2.5 万元/个"),
      ind("效益指标", "社会效益指标", "服务对象受益率", "≥90%"),
      ind("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%"),
    ],
  };
}

export function richDepartment(): DepartmentData {
  const gp = LEAVES.filter((l) => l.fund === "gp");
  const fund = LEAVES.filter((l) => l.fund === "fund");
  const expense = (ls: Leaf[], ofGp = false) =>
    codeTable(
      ls.map((l) => {
        // 一般公共预算 pays a row's money less its 事业收入 and 上年结转, taken from 基本支出 first.
        const notGp = ofGp ? D(l.business).plus(D(l.carry)) : new Decimal(0);
        const basic = D(l.basic).minus(notGp);
        return { code: l.code, name: l.name, cells: { total: basic.plus(D(l.project)), basic, project: D(l.project) } };
      }),
      PARENTS,
    );
  const t3 = expense(LEAVES);
  const t5 = expense(gp, true);
  const t7 = expense(fund);
  const t2 = codeTable(
    LEAVES.map((l) => {
      const total = D(l.basic).plus(D(l.project));
      const business = D(l.business);
      const carry = D(l.carry);
      const fiscal = total.minus(business).minus(carry);
      return { code: l.code, name: l.name, cells: { total, subtotal: fiscal.plus(business), fiscal, business, carry } };
    }),
    PARENTS,
  );
  const t6 = codeTable(
    ECONOMIC.map(([code, name, amount]) => {
      const personnel = code.startsWith("301") || code.startsWith("303");
      return { code, name, cells: { total: D(amount), personnel: personnel ? D(amount) : new Decimal(0), public: personnel ? new Decimal(0) : D(amount) } };
    }),
    ECONOMIC_CLASSES,
  );
  const classes = [...new Set(LEAVES.map((l) => l.code.slice(0, 3)))];
  const fundTotal = sumCol(t7, "", "total");
  const fiscal = sumCol(t2, "", "fiscal");
  const gpIncome = fiscal.minus(fundTotal);
  const business = sumCol(t2, "", "business");
  const carry = sumCol(t2, "", "carry");
  const yearIncome = gpIncome.plus(fundTotal).plus(business);
  const grand = yearIncome.plus(carry);
  const t1Expense: Record<string, AmountRow> = Object.fromEntries(classes.map((c) => [c, { exAmount: out(sumCol(t3, c, "total")) }]));
  const t4Expense: Record<string, AmountRow> = Object.fromEntries(
    classes.map((c) => {
      const g = sumCol(t5, c, "total");
      const f = sumCol(t7, c, "total");
      return [c, { exTotal: out(g.plus(f)), exGp: out(g), exFund: out(f) }];
    }),
  );
  const spent = sumCol(t3, "", "total");
  const fiscalSpent = sumCol(t5, "", "total").plus(fundTotal);
  return {
    deptCode: "512",
    deptName: "某县教育局",
    year: "2025",
    t1: {
      income: {
        gp: { inAmount: out(gpIncome) },
        fund: { inAmount: out(fundTotal) },
        unitFunds: { inAmount: out(business) },
        total: { inAmount: out(yearIncome) },
        carry: { inAmount: out(carry) },
        grand: { inAmount: out(grand) },
      },
      expense: { ...t1Expense, total: { exAmount: out(spent) }, grand: { exAmount: out(spent) } },
    },
    t2,
    t3,
    t4: {
      income: {
        gp: { inAmount: out(gpIncome) },
        fund: { inAmount: out(fundTotal) },
        total: { inAmount: out(gpIncome.plus(fundTotal)) },
        grand: { inAmount: out(gpIncome.plus(fundTotal)) },
      },
      expense: {
        ...t4Expense,
        total: { exTotal: out(fiscalSpent), exGp: out(sumCol(t5, "", "total")), exFund: out(fundTotal) },
        grand: { exTotal: out(fiscalSpent), exGp: out(sumCol(t5, "", "total")), exFund: out(fundTotal) },
      },
    },
    t5,
    t6,
    t7,
    t8: [],
    t9: {
      rows: {
        total: { total: "37.84", gp: "37.84" },
        abroad: {},
        reception: { total: "3.00", gp: "3.00" },
        car: { total: "34.84", gp: "34.84" },
        carBuy: { total: "25.00", gp: "25.00" },
        carRun: { total: "9.84", gp: "9.84" },
      },
    },
    t10: [
      { project: "教育行政综合事务", projectBudget: "120.00", item: "轿车", catalog: "A02030500", measure: "辆", quantity: "1", price: "25.00", total: "25.00", gp: "25.00", sme: "25.00" },
      { project: "教育行政综合事务", projectBudget: "120.00", item: "台式计算机", catalog: "A02010104", measure: "台", quantity: "10", price: "0.50", total: "5.00", gp: "5.00", sme: "5.00" },
    ],
    t11: {
      asOf: "2024-12-31",
      rows: {
        total: { value: "800.00" },
        house: { quantity: "1200", value: "500.00" },
        office: { quantity: "300", value: "200.00" },
        vehicle: { quantity: "3", value: "50.00" },
        equipment: { quantity: "4", value: "100.00" },
        other: { quantity: "860", value: "150.00" },
      },
    },
    projects: [
      project("51200025P000000001A", "教育行政综合事务", "120.00", "120.00", null, "用于教育行政管理和公务用车更新"),
      project("51200025P000000002B", "学前教育保障", "80.25", "60.25", "20.00", "用于普惠性幼儿园运转补助"),
      project("51200025P000000003C", "城市建设配套", "150.00", "150.00", null, "用于学校周边配套设施建设"),
    ],
    params: [
      ...PARAM_KEYS.map((p) => ({
        key: p.key,
        value: ({ 部门名称: "某县教育局", 单位编码: "512", 预算年度: "2025", 上年预算收支总额: "1300.00", 上年基本支出: "1000.00", 上年项目支出: "300.00", "上年“三公”经费": "12.84", 上年末固定资产金额: "800.00", 本年拟购置固定资产: "30.00" } as Record<string, string>)[p.key] ?? p.example,
      })),
      { key: "机构设置", value: "某县教育局本级|行政|正科级|财政拨款" },
    ],
  };
}
