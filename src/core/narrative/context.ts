// The template context: every figure of the 情况说明 taken from the tables (万元), and what the tables
// do not hold from 说明参数. Keys are Chinese so that users can edit templates without a manual.
import Decimal from "decimal.js";
import { paramKey } from "../model/read-workbook";
import type { Amount, BudgetWorkbook, LabeledRow } from "../model/types";
import { parseAmount } from "../money";
import { Change, Missing, MissingLog, Money } from "./values";

const ZERO = new Decimal(0);

function money(a: Amount | undefined): Money {
  return new Money(a?.value ?? ZERO);
}

function cell(row: LabeledRow | undefined, key: string): Amount | undefined {
  return row?.cells[key];
}

export interface NarrativeContext {
  data: Record<string, unknown>;
  missing: MissingLog;
}

export function buildContext(wb: BudgetWorkbook): NarrativeContext {
  const log = new MissingLog();
  const params = wb.params?.params ?? {};
  const paramUnit = wb.params?.unit === "元" ? new Decimal("0.0001") : new Decimal(1);
  const text = (key: string): string | Missing => {
    const p = params[paramKey(key)];
    return p && p.value.trim() ? p.value.trim() : new Missing(key, log);
  };
  const amount = (key: string): Decimal | Missing => {
    const p = params[paramKey(key)];
    if (!p || !p.value.trim()) return new Missing(key, log);
    const a = parseAmount(p.value);
    return a.ok ? a.value.mul(paramUnit) : new Missing(key, log);
  };
  const change = (current: Decimal, prevKey: string): Change | Missing => {
    const prev = amount(prevKey);
    return prev instanceof Missing ? prev : new Change(current, prev);
  };
  const lines = (key: string): string[] | Missing => {
    const t = text(key);
    return typeof t === "string" ? t.split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : t;
  };

  const deptParam = params[paramKey("部门名称")]?.value.trim();
  const dept = deptParam || wb.deptName || "";
  const yearText = params[paramKey("预算年度")]?.value.trim() || wb.year || "";
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;

  const t1 = wb.t1;
  const inc = t1?.income ?? {};
  const ex = t1?.expense ?? {};
  const expenseTotal = cell(ex.total, "exAmount")?.value ?? ZERO;
  const basic = wb.t3?.total?.cells.basic?.value ?? ZERO;
  const project = wb.t3?.total?.cells.project?.value ?? ZERO;
  const t9 = wb.t9?.rows ?? {};
  const sanGong = cell(t9.total, "total")?.value ?? ZERO;

  const procurement = wb.t10?.rows ?? [];
  const sumBy = (pred: (catalog: string) => boolean) =>
    procurement.filter((r) => pred(r.catalog.trim().toUpperCase())).reduce((s, r) => s.plus(r.cells.total.value), ZERO);

  const assetsTotal = wb.t11?.rows.total?.cells.value;
  const assets = assetsTotal && !assetsTotal.blank ? new Money(assetsTotal.value) : amountMoney(amount("上年末固定资产金额"));

  const data: Record<string, unknown> = {
    部门名称: dept || new Missing("部门名称", log),
    单位编码: params[paramKey("单位编码")]?.value.trim() || wb.deptCode || "",
    年度: Number.isFinite(year) ? String(year) : new Missing("预算年度", log),
    上年: Number.isFinite(year) ? String(year - 1) : new Missing("预算年度", log),
    收入: {
      合计: money(cell(inc.total, "inAmount")),
      一般公共预算: money(cell(inc.gp, "inAmount")),
      政府性基金: money(cell(inc.fund, "inAmount")),
      国有资本经营: money(cell(inc.soe, "inAmount")),
      财政专户: money(cell(inc.special, "inAmount")),
      单位资金: money(cell(inc.unitFunds, "inAmount")),
      上年结转结余: money(cell(inc.carry, "inAmount")),
      总计: money(cell(inc.grand, "inAmount")),
    },
    支出: {
      合计: new Money(expenseTotal),
      基本支出: new Money(basic),
      人员经费: money(wb.t6?.total?.cells.personnel),
      公用经费: money(wb.t6?.total?.cells.public),
      项目支出: new Money(project),
      项目列表: wb.projects.map((p) => ({ 名称: p.name, 金额: money(p.budget), 编码: p.code })),
      总计: money(cell(ex.grand, "exAmount")),
    },
    增减: {
      总额: change(expenseTotal, "上年预算收支总额"),
      基本支出: change(basic, "上年基本支出"),
      项目支出: change(project, "上年项目支出"),
      基本支出原因: text("基本支出增减原因"),
      项目支出原因: text("项目支出增减原因"),
    },
    机关运行经费: {
      金额: money(wb.t6?.total?.cells.public),
      用途: text("机关运行经费用途"),
    },
    三公: {
      合计: new Money(sanGong),
      因公出国: money(cell(t9.abroad, "total")),
      公务用车: money(cell(t9.car, "total")),
      公务用车购置: money(cell(t9.carBuy, "total")),
      公务用车运维: money(cell(t9.carRun, "total")),
      公务接待: money(cell(t9.reception, "total")),
      增减: change(sanGong, "上年“三公”经费"),
      原因: text("“三公”经费增减原因"),
    },
    采购: {
      空表: procurement.length === 0,
      合计: new Money(procurement.reduce((s, r) => s.plus(r.cells.total.value), ZERO)),
      货物: new Money(sumBy((c) => c.startsWith("A"))),
      工程: new Money(sumBy((c) => c.startsWith("B"))),
      服务: new Money(sumBy((c) => c.startsWith("C"))),
      中小企业: new Money(procurement.reduce((s, r) => s.plus(r.cells.sme.value), ZERO)),
    },
    资产: {
      上年末金额: assets,
      拟购置: amountMoney(amount("本年拟购置固定资产")),
    },
    职责: lines("部门职责"),
    机构: (() => {
      const l = lines("机构设置");
      if (l instanceof Missing) return l;
      return l.map((x) => {
        const [名称 = "", 性质 = "", 规格 = "", 经费 = ""] = x.split(/[|｜]/).map((s) => s.trim());
        return { 名称, 性质, 规格, 经费 };
      });
    })(),
    整体绩效目标: lines("部门整体绩效目标"),
    项目: wb.projects.map((p) => ({
      名称: p.name,
      编码: p.code,
      预算数: money(p.budget),
      财政资金: money(p.fiscal),
      其他资金: money(p.other),
      用途: p.purpose,
      绩效目标: p.goal,
      指标: p.indicators.map((i) => ({ 一级: i.level1, 二级: i.level2, 三级: i.level3, 描述: i.description, 指标值: i.value, 依据: i.basis })),
    })),
    其他说明: params[paramKey("其他需要说明的事项")]?.value.trim() || "",
    参数: Object.fromEntries(Object.values(params).map((p) => [p.key, p.value])),
  };
  return { data, missing: log };
}

function amountMoney(v: Decimal | Missing): Money | Missing {
  return v instanceof Missing ? v : new Money(v);
}
