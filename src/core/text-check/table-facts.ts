// The table figures a 情况说明 talks about, by subject, with the cell each comes from.
import Decimal from "decimal.js";
import { adminExpense } from "../facts";
import type { Amount, BudgetWorkbook, CodeTable, LabeledTable, Loc, ProjectTable, TableInfo } from "../model/types";

export interface Fact {
  value: Decimal;
  /** The table cell (or, for an empty table, its title) the figure comes from; none for 说明参数 gaps. */
  loc?: Loc;
  /** Where the figure was read, for the message ("部门预算收支总表 本年收入合计"). */
  source: string;
}

const ZERO = new Decimal(0);

function fromAmount(a: Amount | undefined, source: string, fallback?: Loc): Fact | undefined {
  if (a) return { value: a.value, loc: a.loc, source };
  return fallback ? { value: ZERO, loc: fallback, source } : undefined;
}

function labeledCell(t: LabeledTable | undefined, row: string, col: string, what: string): Fact | undefined {
  if (!t) return undefined;
  // A blank published row (the seed's empty 三公 table) means zero: point at the table title then.
  return fromAmount(t.rows[row]?.cells[col], `${t.title} ${what}`, t.titleLoc);
}

/** Quote styles vary in 说明参数 keys (上年“三公”经费, 上年"三公"经费). */
export function normKey(k: string): string {
  return k.replace(/[“”"'‘’\s]/g, "");
}

export function param(wb: BudgetWorkbook, key: string): { value: string; loc: Loc } | undefined {
  const ps = wb.params?.params;
  if (!ps) return undefined;
  const want = normKey(key);
  for (const p of Object.values(ps)) if (normKey(p.key) === want) return { value: p.value, loc: p.loc };
  return undefined;
}

export function paramAmount(wb: BudgetWorkbook, key: string): Fact | undefined {
  const p = param(wb, key);
  if (!p) return undefined;
  const s = p.value.replace(/[,，\s]|万元$/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  // 说明参数 amounts are in the sheet's unit (单位：元 under its title means 元): scale them to 万元.
  const scale = wb.params?.scale ?? new Decimal(1);
  return { value: new Decimal(s).times(scale), loc: p.loc, source: `说明参数“${key}”` };
}

export type SubjectId =
  | "in.total"
  | "in.gp"
  | "in.fund"
  | "in.soe"
  | "in.special"
  | "in.unitFunds"
  | "in.carry"
  | "in.fiscal"
  | "in.business"
  | "in.operating"
  | "in.other"
  | "in.superior"
  | "in.affiliated"
  | "ex.operating"
  | "ex.remit"
  | "ex.subsidy"
  | "ex.total"
  | "ex.fiscal"
  | "ex.gp"
  | "ex.fund"
  | "ex.soe"
  | "io.total"
  | "basic"
  | "project"
  | "personnel"
  | "public"
  | "admin"
  | "sg.total"
  | "sg.abroad"
  | "sg.car"
  | "sg.carBuy"
  | "sg.carRun"
  | "sg.reception"
  | "pp.total"
  | "pp.goods"
  | "pp.works"
  | "pp.services"
  | "pp.sme"
  | "pp.small"
  | "fa.total"
  | "fa.buy";

/** A 科目 table's 合计 row cell; zero at the title for a table printed empty (空表列示). */
function codeTotal(t: CodeTable | undefined, col: string, what: string): Fact | undefined {
  if (!t) return undefined;
  const a = t.total?.cells[col];
  if (a) return { value: a.value, loc: a.loc, source: `${t.title} 合计行 ${what}` };
  const empty = t.rows.every((r) => Object.values(r.cells).every((c) => c.value.isZero()));
  return empty ? { value: ZERO, loc: t.titleLoc, source: `${t.title}（空表）` } : undefined;
}

/** Parts of income and spending: [收支总表 row (when a province prints it), else this 科目 table's 合计 column, label]. */
const PARTS: Partial<Record<SubjectId, [string, "t2" | "t3" | "t5" | "t7" | "t8", string, string]>> = {
  "in.business": ["business", "t2", "business", "事业收入"],
  "in.operating": ["operating", "t2", "operating", "事业单位经营收入"],
  "in.other": ["other", "t2", "other", "其他收入"],
  "in.superior": ["", "t2", "superior", "上级补助收入"],
  "in.affiliated": ["", "t2", "affiliated", "附属单位上缴收入"],
  "ex.operating": ["", "t3", "operating", "经营支出"],
  "ex.remit": ["", "t3", "remit", "上解上级支出"],
  "ex.subsidy": ["", "t3", "subsidy", "对附属单位补助支出"],
  "ex.gp": ["", "t5", "total", "合计"],
  "ex.fund": ["", "t7", "total", "合计"],
  "ex.soe": ["", "t8", "total", "合计"],
};

/** This year's table figure for a subject; undefined when the table is not in the workbook. */
export function factFor(wb: BudgetWorkbook, id: SubjectId): Fact | undefined {
  const t1 = wb.t1;
  const t3 = wb.t3?.total;
  const t6 = wb.t6?.total;
  // A row the province's 收支总表 does not have is unknown, never zero.
  const t1in = (k: string, what: string) => (t1?.income[k] ? fromAmount(t1.income[k].cells.inAmount, `${t1.title} ${what}`) : undefined);
  const t1ex = (k: string, what: string) => (t1?.expense[k] ? fromAmount(t1.expense[k].cells.exAmount, `${t1.title} ${what}`) : undefined);
  const part = PARTS[id];
  if (part) return (part[0] ? t1in(part[0], part[3]) : undefined) ?? codeTotal(wb[part[1]], part[2], part[3]);
  switch (id) {
    case "in.total":
      return t1in("total", "本年收入合计") ?? t1in("grand", "收入总计") ?? codeTotal(wb.t2, "total", "合计");
    case "io.total":
      // 预算收支总额 compared with last year = 基本支出 + 项目支出 (S-04): the 本年支出合计, which with carry-over
      // differs from the 本年收入合计.
      return t1ex("total", "本年支出合计") ?? t1in("total", "本年收入合计") ?? t1in("grand", "收入总计") ?? codeTotal(wb.t2, "total", "合计");
    case "in.gp":
      return t1in("gp", "一般公共预算拨款收入");
    case "in.fund":
      return t1in("fund", "政府性基金预算拨款收入");
    case "in.soe":
      return t1in("soe", "国有资本经营预算拨款收入");
    case "in.special":
      return t1in("special", "财政专户管理资金收入");
    case "in.unitFunds":
      return t1in("unitFunds", "单位资金");
    case "in.carry":
      return t1in("carry", "上年结转结余");
    case "in.fiscal": {
      // 财政拨款收入 = the three 拨款 rows of table 1 (名词解释 1).
      const parts = ["gp", "fund", "soe"].map((k) => t1?.income[k]?.cells.inAmount);
      if (!t1 || !parts.some(Boolean)) return t1in("fiscal", "财政拨款收入") ?? codeTotal(wb.t2, "fiscal", "财政拨款收入");
      const value = parts.reduce((x, p) => x.plus(p?.value ?? 0), new Decimal(0));
      return { value, loc: parts.find(Boolean)?.loc ?? t1.titleLoc, source: `${t1.title} 一般公共预算、政府性基金、国有资本经营预算拨款收入之和` };
    }
    case "ex.fiscal": {
      const parts = [codeTotal(wb.t5, "total", "合计"), codeTotal(wb.t7, "total", "合计"), codeTotal(wb.t8, "total", "合计")];
      if (!parts[0]) return undefined;
      const value = parts.reduce((x, p) => x.plus(p?.value ?? 0), ZERO);
      return { value, loc: parts[0].loc, source: `${wb.t5!.title}、政府性基金和国有资本经营预算支出表合计之和` };
    }
    case "ex.total":
      return t1ex("total", "本年支出合计") ?? t1ex("grand", "支出总计") ?? codeTotal(wb.t3, "total", "合计");
    case "basic":
      return t3 ? fromAmount(t3.cells.basic, `${wb.t3!.title} 合计行 基本支出`) : undefined;
    case "project":
      return t3 ? fromAmount(t3.cells.project, `${wb.t3!.title} 合计行 项目支出`) : undefined;
    case "personnel":
      return t6 ? fromAmount(t6.cells.personnel, `${wb.t6!.title} 合计行 人员经费`) : undefined;
    case "public":
      return t6 ? fromAmount(t6.cells.public, `${wb.t6!.title} 合计行 公用经费`) : undefined;
    case "admin": {
      // One decision shared with the narrative (core/facts): unknown means the figure is not checked.
      const a = adminExpense(wb);
      if (a.status === "none") return { value: ZERO, loc: a.loc, source: a.source };
      return a.status === "known" ? { value: a.value, loc: a.loc, source: a.source } : undefined;
    }
    case "sg.total":
      return labeledCell(wb.t9, "total", "total", "合计");
    case "sg.abroad":
      return labeledCell(wb.t9, "abroad", "total", "因公出国（境）费");
    case "sg.car":
      return labeledCell(wb.t9, "car", "total", "公务用车购置及运行维护费");
    case "sg.carBuy":
      return labeledCell(wb.t9, "carBuy", "total", "公务用车购置费");
    case "sg.carRun":
      return labeledCell(wb.t9, "carRun", "total", "公务用车运行维护费");
    case "sg.reception":
      return labeledCell(wb.t9, "reception", "total", "公务接待费");
    case "pp.total": {
      const t10 = wb.t10;
      if (!t10) return undefined;
      const sum = t10.rows.reduce((s, r) => s.plus(r.cells.total?.value ?? 0), ZERO);
      const first = t10.rows.find((r) => r.cells.total)?.cells.total?.loc;
      return { value: sum, loc: first ?? t10.titleLoc, source: `${t10.title} 政府采购金额合计` };
    }
    case "pp.sme": {
      const t10 = wb.t10;
      if (!t10) return undefined;
      const sum = t10.rows.reduce((s, r) => s.plus(r.cells.sme?.value ?? 0), ZERO);
      const first = t10.rows.find((r) => r.cells.sme)?.cells.sme?.loc;
      return first ? { value: sum, loc: first, source: `${t10.title} 面向中小企业预留金额合计` } : undefined;
    }
    case "fa.total":
      return labeledCell(wb.t11, "total", "value", "资产总额");
    case "fa.buy":
      return paramAmount(wb, "本年拟购置固定资产");
    default:
      return undefined;
  }
}

/** Last year's figure (说明参数) for a subject whose change the text states. */
export function lastYearFor(wb: BudgetWorkbook, id: SubjectId): Fact | undefined {
  switch (id) {
    case "in.total":
    case "ex.total":
    case "io.total":
      return paramAmount(wb, "上年预算收支总额");
    case "basic":
      return paramAmount(wb, "上年基本支出");
    case "project":
      return paramAmount(wb, "上年项目支出");
    case "sg.total":
      return paramAmount(wb, "上年“三公”经费");
    default:
      return undefined;
  }
}

/** Every amount cell of a table, for "is this table empty". */
export function tableAmounts(wb: BudgetWorkbook, key: "T7" | "T8" | "T9" | "T10"): Amount[] | undefined {
  switch (key) {
    case "T7":
    case "T8": {
      const t = key === "T7" ? wb.t7 : wb.t8;
      if (!t) return undefined;
      return [t.total, ...t.rows].flatMap((r) => (r ? Object.values(r.cells) : []));
    }
    case "T9":
      return wb.t9 ? Object.values(wb.t9.rows).flatMap((r) => Object.values(r.cells)) : undefined;
    case "T10":
      return wb.t10 ? wb.t10.rows.flatMap((r) => Object.values(r.cells)) : undefined;
  }
}

export function tableOf(wb: BudgetWorkbook, key: "T7" | "T8" | "T9" | "T10") {
  return { T7: wb.t7, T8: wb.t8, T9: wb.t9, T10: wb.t10 }[key];
}

export function projects(wb: BudgetWorkbook): ProjectTable[] {
  return wb.projects ?? [];
}

export function publishedTables(wb: BudgetWorkbook): TableInfo[] {
  return wb.tables ?? [];
}
