// Facts about the department that both the narrative and the text check need, decided in one place:
// the kind of budget (部门/单位), the 机构设置 as written, and where 机关运行经费 comes from.
import Decimal from "decimal.js";
import { paramKey } from "./model/read-workbook";
import type { Amount, BudgetWorkbook, Loc } from "./model/types";
import { parseAmount } from "./money";

/** A 说明参数 row by key (quotes and spaces ignored), or undefined when absent or blank. */
export function paramValue(wb: BudgetWorkbook, key: string): { key: string; value: string; loc: Loc } | undefined {
  const p = wb.params?.params[paramKey(key)];
  return p && p.value.trim() ? { key: p.key, value: p.value.trim(), loc: p.loc } : undefined;
}

/** A 说明参数 amount in 万元 (the sheet's own unit line decides), or undefined when absent or not a number. */
export function paramMoney(wb: BudgetWorkbook, key: string): { value: Decimal; loc: Loc } | undefined {
  const p = paramValue(wb, key);
  if (!p) return undefined;
  const a = parseAmount(p.value.replace(/万元$/, ""));
  if (!a.ok) return undefined;
  return { value: a.value.mul(wb.params?.scale ?? 1), loc: p.loc };
}

/** The budget year as the 情况说明 states it: 说明参数 预算年度, else the tables' 预算年度; undefined when not a year. */
export function budgetYear(wb: BudgetWorkbook): number | undefined {
  const text = paramValue(wb, "预算年度")?.value || wb.year || "";
  return /^\d{4}$/.test(text) ? Number(text) : undefined;
}

/**
 * Why last year's workbook cannot give the 上年 figures: it is not of this year − 1 (a same-year copy would make every
 * change 持平). Undefined when it is, or when either year is not known. The names say which file is which.
 */
export function previousYearProblem(wb: BudgetWorkbook, name: string, previous: BudgetWorkbook, previousName: string): string | undefined {
  const year = budgetYear(wb);
  const last = budgetYear(previous);
  if (year === undefined || last === undefined || last === year - 1) return undefined;
  return `上年工作簿 ${previousName} 是${last}年的预算，${name} 是${year}年的预算；上年工作簿应是${year - 1}年的。请选择${year - 1}年的预算公开工作簿。`;
}

/** 部门预算 or 单位预算: 说明参数 `预算类型`, else the tables' titles ("预算单位…", "单位“三公”…"), else 部门. */
export function budgetSubject(wb: BudgetWorkbook): "部门" | "单位" {
  const stated = paramValue(wb, "预算类型")?.value;
  if (stated) return /单位/.test(stated) && !/部门/.test(stated) ? "单位" : "部门";
  let dept = 0;
  let unit = 0;
  for (const t of wb.tables) {
    if (t.key === "PARAMS") continue;
    // "基本支出部门预算经济分类" names the classification, not the budget.
    const title = t.title.replace(/部门(预算)?经济分类/g, "");
    if (/部门/.test(title)) dept++;
    else if (/单位/.test(title)) unit++;
  }
  return unit > dept ? "单位" : "部门";
}

/** A fixed title worded for the budget's subject: "部门预算收支总表" reads "单位预算收支总表" in a 单位预算. */
export function titleFor(wb: BudgetWorkbook, title: string): string {
  return budgetSubject(wb) === "单位" ? title.replace(/^部门/, "单位") : title;
}

export type UnitKind = "行政" | "参公" | "事业" | "其他";

export interface OrgUnit {
  名称: string;
  性质: string;
  规格: string;
  经费: string;
}

/**
 * 说明参数 `机构设置`: a structured list when every line is "名称|性质|规格|经费保障形式", else the department's
 * own free text, kept as written.
 */
export type Organisation = { kind: "list"; units: OrgUnit[]; loc: Loc } | { kind: "text"; lines: string[]; loc: Loc };

export function organisation(wb: BudgetWorkbook): Organisation | undefined {
  const p = paramValue(wb, "机构设置");
  if (!p) return undefined;
  const lines = p.value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length && lines.every((l) => /[|｜]/.test(l))) {
    const units = lines.map((l) => {
      const [名称 = "", 性质 = "", 规格 = "", 经费 = ""] = l.split(/[|｜]/).map((s) => s.trim());
      return { 名称, 性质, 规格, 经费 };
    });
    return { kind: "list", units, loc: p.loc };
  }
  return { kind: "text", lines, loc: p.loc };
}

export function unitKind(nature: string): UnitKind {
  const n = nature.replace(/\s/g, "");
  if (/参公|参照公务员/.test(n)) return "参公";
  if (/行政|机关/.test(n)) return "行政";
  if (/事业/.test(n)) return "事业";
  return "其他";
}

/** Where the figure of 机关运行经费 comes from, or why it is not known. */
export type AdminExpense =
  | { status: "known"; value: Decimal; loc: Loc; source: string; amount?: Amount }
  /** Every unit is a 事业单位 (not 参公): the department has no 机关运行经费. */
  | { status: "none"; loc: Loc; source: string }
  | { status: "unknown"; reason: string };

export const ADMIN_EXPENSE_HINT = "请在“说明参数”中填写“机关运行经费”，或在“机构设置”中按“名称|性质|规格|经费保障形式”写明各单位性质";

/**
 * 机关运行经费 covers 行政 and 参公 units only (名词解释). In order: 说明参数 `机关运行经费`; the 三公/机关运行经费
 * table when it carries the figure; the 公用经费 total when 机构设置 shows every unit as 行政 or 参公; none when
 * every unit is a 事业单位; otherwise unknown.
 */
export function adminExpense(wb: BudgetWorkbook): AdminExpense {
  const p = paramMoney(wb, "机关运行经费");
  if (p) return { status: "known", value: p.value, loc: p.loc, source: "说明参数“机关运行经费”" };
  const fromTable = adminExpenseCell(wb);
  if (fromTable) return { status: "known", value: fromTable.value, loc: fromTable.loc, source: `${wb.t9?.title ?? "“三公”经费和机关运行经费预算表"} 机关运行经费`, amount: fromTable };
  const org = organisation(wb);
  if (org?.kind === "list") {
    const kinds = org.units.map((u) => unitKind(u.性质));
    if (kinds.every((k) => k === "事业")) return { status: "none", loc: org.loc, source: "说明参数“机构设置”（所属单位均为事业单位，不涉及机关运行经费）" };
    if (kinds.every((k) => k === "行政" || k === "参公")) {
      const pub = wb.t6?.total?.cells.public;
      if (pub && pub.readable) return { status: "known", value: pub.value, loc: pub.loc, source: `${wb.t6!.title} 合计行 公用经费`, amount: pub };
      return { status: "unknown", reason: "一般公共预算财政拨款基本支出表（公用经费合计）未读到" };
    }
    return { status: "unknown", reason: "机构设置中有事业单位，机关运行经费不等于公用经费合计" };
  }
  return { status: "unknown", reason: org ? "机构设置未写明各单位性质" : "说明参数中没有“机构设置”" };
}

/** The 机关运行经费 figure of a 三公 table that carries it (Shanghai: "三公经费和机关运行经费预算表"). */
function adminExpenseCell(wb: BudgetWorkbook): Amount | undefined {
  // The reader puts a 三公 table's 机关运行经费 column (Shanghai) in `runningCost`; absent otherwise.
  const a = wb.runningCost;
  if (a && a.readable && !a.absent) return a;
  const rows = wb.t9?.rows;
  if (!rows) return undefined;
  for (const key of ["admin", "adminExpense"]) {
    const row = rows[key];
    if (!row) continue;
    const c = row.cells.total ?? Object.values(row.cells)[0];
    if (c && c.readable) return c;
  }
  for (const row of Object.values(rows)) {
    const c = row.cells.admin ?? row.cells.adminExpense;
    if (c && c.readable) return c;
  }
  return undefined;
}
