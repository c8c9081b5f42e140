// The template context: every figure of the 情况说明 taken from a table that was read (万元), or from a
// 说明参数 value, or from last year's workbook; anything else is Missing and prints 【缺少：…】.
// Keys are Chinese so that users can edit templates without a manual.
import Decimal from "decimal.js";
import { adminExpense, ADMIN_EXPENSE_HINT, budgetSubject, budgetYear, organisation, paramMoney, paramValue, unitKind, type UnitKind } from "../facts";
import type { Amount, BudgetWorkbook, CodeRow, CodeTable, LabeledTable, Loc, TableBase } from "../model/types";
import { paramKey } from "../model/read-workbook";
import { parseAmount } from "../money";
import { asSentence, Change, Missing, MissingLog, Money, Params, type Need } from "./values";

const ZERO = new Decimal(0);

/** Short table names for 【缺少：…】 and findings. */
const TABLE_NAMES = {
  t1: "收支总表",
  t2: "收入总表",
  t3: "支出总表",
  t4: "财政拨款收支总表",
  t5: "一般公共预算支出表",
  t6: "一般公共预算基本支出表",
  t7: "政府性基金预算支出表",
  t8: "国有资本经营预算支出表",
  t9: "“三公”经费支出表",
  t10: "政府采购预算表",
  t11: "固定资产占用情况表",
} as const;
type TableSlot = keyof typeof TABLE_NAMES;

export interface NarrativeOptions {
  /** Last year's workbook: 上年 totals, 三公 and per-科目 figures instead of typed 说明参数 values. */
  previous?: BudgetWorkbook;
}

/** A typed 上年 value that disagrees with last year's workbook. */
export interface Disagreement {
  key: string;
  typed: Decimal;
  previous: Decimal;
  loc: Loc;
  source: string;
}

export interface NarrativeContext {
  data: Record<string, unknown>;
  missing: MissingLog;
  disagreements: Disagreement[];
}

type Val = Money | Missing;

export function buildContext(wb: BudgetWorkbook, options: NarrativeOptions = {}): NarrativeContext {
  const log = new MissingLog();
  const disagreements: Disagreement[] = [];
  const prev = options.previous;
  const need = (n: Need) => new Missing(n, log);
  const paramsSheet = wb.params?.sheet;
  const noParamsSheet = (items: string[]) =>
    `工作簿中没有说明参数表，情况说明中的${quoted(items)}显示为【缺少：…】。请添加标题为“说明参数”的工作表（两列：项目、内容），逐行填写。`;
  const paramNeed = (key: string, extra = ""): Missing => {
    // The row may be there with its 内容 empty: then the finding points at that cell and asks to fill it.
    const row = wb.params?.params[paramKey(key)];
    const empty = row && !row.value.trim();
    return need({
      what: `说明参数“${key}”`,
      message: !paramsSheet
        ? noParamsSheet([key])
        : empty
          ? `说明参数“${key}”还没有填写内容，情况说明中相应位置显示为【缺少：说明参数“${key}”】。请在“${paramsSheet}”表 ${row.loc.address} 填写。`
          : row
            ? `说明参数“${key}”${extra}，情况说明中相应位置显示为【缺少：说明参数“${key}”】。请改正“${paramsSheet}”表 ${row.loc.address}。`
            : `说明参数缺少“${key}”${extra}，情况说明中相应位置显示为【缺少：说明参数“${key}”】。请在“${paramsSheet}”表中补充这一行。`,
      loc: row?.loc ?? wb.params?.titleLoc,
      group: paramsSheet ? undefined : { key: "no-params", item: key, message: noParamsSheet },
    });
  };
  const text = (key: string): string | Missing => paramValue(wb, key)?.value ?? paramNeed(key);
  const lines = (key: string): string[] | Missing => {
    const t = text(key);
    return typeof t === "string" ? t.split(/\r?\n/).map((l) => asSentence(l)).filter(Boolean) : t;
  };
  const amountParam = (key: string): Val => {
    const p = paramMoney(wb, key);
    if (p) return new Money(p.value);
    return paramValue(wb, key) ? paramNeed(key, "（不是可读的金额）") : paramNeed(key);
  };

  /** A figure of a table: Missing when the table, its row or its column was not read. */
  const tableNeed = (slot: TableSlot, what: string, detail: string): Missing => {
    const t = wb[slot] as TableBase | undefined;
    const name = TABLE_NAMES[slot];
    const absent = (items: string[]) => `工作簿中没有读到${name}，情况说明中的${quoted(items)}显示为【缺少：${name}…】。请加入这张表，或检查它的标题。`;
    return need({
      what: `${name}“${what}”`,
      message: t ? `“${t.title}”（${t.sheet}）${detail}，情况说明中的“${what}”显示为【缺少：${name}“${what}”】。请在该表中补上，或检查表头和行名称。` : absent([what]),
      loc: t?.titleLoc,
      group: t ? undefined : { key: `table:${slot}`, item: what, message: absent },
    });
  };
  const fromCell = (slot: TableSlot, a: Amount | undefined, what: string, rowAbsent = `中没有“${what}”`): Val => {
    if (!wb[slot]) return tableNeed(slot, what, "");
    if (!a || a.absent) return tableNeed(slot, what, a ? `没有“${what}”列` : rowAbsent);
    if (!a.readable) return tableNeed(slot, what, `的 ${a.loc.address} 不是可读的金额`);
    return new Money(a.value);
  };
  /** A labeled table (三公, 固定资产) printed without rows is an empty table: its figures are zero. */
  const labeled = (slot: "t9" | "t11", row: string, col: string, what: string): Val => {
    const t = wb[slot] as LabeledTable | undefined;
    if (t && Object.keys(t.rows).length === 0) return new Money(ZERO);
    return fromCell(slot, t?.rows[row]?.cells[col], what);
  };
  const codeTotal = (slot: "t2" | "t3" | "t5" | "t6" | "t7" | "t8", col: string, what: string): Val => {
    const t = wb[slot] as CodeTable | undefined;
    // A published empty table (no rows, no 合计) holds nothing: zero.
    if (t && !t.total && t.rows.length === 0) return new Money(ZERO);
    return fromCell(slot, t?.total?.cells[col], what, t?.total ? `的合计行没有“${what}”列` : "没有合计行");
  };
  const first = (...vs: Val[]): Val => vs.find((v) => v instanceof Money) ?? vs[0];
  const sum = (...vs: Val[]): Val => {
    const miss = vs.find((v) => v instanceof Missing);
    return miss ?? new Money(vs.reduce((s, v) => s.plus((v as Money).amount), ZERO));
  };
  const change = (current: Val, previous: Val): Change | Missing =>
    current instanceof Missing ? current : previous instanceof Missing ? previous : new Change(current.amount, previous.amount);

  /** Last year's figure: from last year's workbook when given (a typed value that disagrees is reported), else 说明参数. */
  const lastYear = (key: string, fromPrevious?: () => Val | undefined): Val => {
    const typed = paramMoney(wb, key);
    const p = prev && fromPrevious ? fromPrevious() : undefined;
    if (p instanceof Money) {
      if (typed && !typed.value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).eq(p.amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)))
        disagreements.push({ key, typed: typed.value, previous: p.amount, loc: typed.loc, source: "上年工作簿" });
      return p;
    }
    return typed ? new Money(typed.value) : paramValue(wb, key) ? paramNeed(key, "（不是可读的金额）") : paramNeed(key);
  };
  const prevCell = (a: Amount | undefined): Val | undefined => (a && a.readable ? new Money(a.value) : undefined);

  const deptName = paramValue(wb, "部门名称")?.value || wb.deptName || "";
  const year = budgetYear(wb) ?? NaN;
  const subject = budgetSubject(wb);

  const t1 = wb.t1;
  const inc = t1?.income ?? {};
  const t1in = (key: string, what: string) => fromCell("t1", inc[key]?.cells.inAmount, what);
  const expenseTotal = first(fromCell("t1", t1?.expense.total?.cells.exAmount, "本年支出合计"), codeTotal("t3", "total", "合计"));
  const basic = codeTotal("t3", "basic", "基本支出");
  const project = codeTotal("t3", "project", "项目支出");
  const publicCost = codeTotal("t6", "public", "公用经费");

  // 三公
  const sanGong = {
    合计: labeled("t9", "total", "total", "合计"),
    因公出国: labeled("t9", "abroad", "total", "因公出国（境）费"),
    公务用车: labeled("t9", "car", "total", "公务用车购置及运行维护费"),
    公务用车购置: labeled("t9", "carBuy", "total", "公务用车购置费"),
    公务用车运维: labeled("t9", "carRun", "total", "公务用车运行维护费"),
    公务接待: labeled("t9", "reception", "total", "公务接待费"),
  };
  const prevT9 = (row: string) => () => {
    const t = prev?.t9;
    if (!t) return undefined;
    if (Object.keys(t.rows).length === 0) return new Money(ZERO);
    return prevCell(t.rows[row]?.cells.total);
  };
  const sgItem = (v: Val, key: string, row: string) => {
    const last = lastYear(`上年${key}`, prevT9(row));
    const reason = paramValue(wb, `${key}增减原因`)?.value;
    return { 金额: v, 上年: last, 增减: change(v, last), 原因: reason ?? paramNeed(`${key}增减原因`) };
  };

  // 政府采购: the procurement table, else the figures a Shanghai document states (说明参数).
  const t10 = wb.t10;
  const procurement = t10?.rows ?? [];
  const ppSum = (pred: (catalog: string) => boolean) =>
    new Money(procurement.filter((r) => pred(r.catalog.trim().toUpperCase())).reduce((s, r) => s.plus(r.cells.total?.value ?? 0), ZERO));
  const ppParam = (key: string, fromTable: () => Val): Val => {
    if (t10) return fromTable();
    const p = paramMoney(wb, key);
    if (p) return new Money(p.value);
    return need({
      what: `政府采购预算表或说明参数“${key}”`,
      message: `工作簿中没有读到政府采购预算表，也没有说明参数“${key}”，情况说明中显示为【缺少：…】。请加入政府采购预算表，或在说明参数中填写“${key}”。`,
      loc: wb.params?.titleLoc,
    });
  };
  const ppTotal = ppParam("政府采购预算总额", () => new Money(procurement.reduce((s, r) => s.plus(r.cells.total?.value ?? 0), ZERO)));
  const ppEmpty = t10 ? procurement.length === 0 : ppTotal instanceof Money ? ppTotal.为零 : false;

  const assetsTotal = wb.t11?.rows.total?.cells.value;
  const admin = adminExpense(wb);
  const adminAmount: Val =
    admin.status === "known"
      ? new Money(admin.value)
      : admin.status === "none"
        ? new Money(ZERO)
        : need({
            what: "机关运行经费",
            message: `无法确定机关运行经费（${admin.reason}）：机关运行经费只含行政单位和参公单位的公用经费，情况说明中显示为【缺少：机关运行经费】。${ADMIN_EXPENSE_HINT}。`,
            loc: wb.params?.titleLoc,
          });

  const projectBudget = (p: (typeof wb.projects)[number]): Val =>
    p.budget && p.budget.readable
      ? new Money(p.budget.value)
      : need({ what: `项目绩效目标表“${p.name}”预算数`, message: `项目绩效目标表“${p.name}”（${p.sheet}）没有可读的预算数，情况说明中显示为【缺少：…】。请在该表中填写预算数。`, loc: p.titleLoc });
  const org = organisation(wb);
  const projects = wb.projects ?? [];
  const projectsKnown = projects.length > 0 || (project instanceof Money && project.为零);

  const data: Record<string, unknown> = {
    部门名称: deptName || paramNeed("部门名称"),
    单位编码: paramValue(wb, "单位编码")?.value || wb.deptCode || "",
    年度: Number.isFinite(year) ? String(year) : paramNeed("预算年度"),
    上年: Number.isFinite(year) ? String(year - 1) : paramNeed("预算年度"),
    主体: subject,
    单位预算: subject === "单位",
    收入: {
      合计: t1in("total", "本年收入合计"),
      一般公共预算: t1in("gp", "一般公共预算拨款收入"),
      政府性基金: t1in("fund", "政府性基金预算拨款收入"),
      国有资本经营: t1in("soe", "国有资本经营预算拨款收入"),
      财政专户: t1in("special", "财政专户管理资金收入"),
      单位资金: t1in("unitFunds", "单位资金"),
      上年结转结余: t1in("carry", "上年结转结余"),
      总计: first(t1in("grand", "收入总计"), codeTotal("t2", "total", "合计")),
      财政拨款: first(codeTotal("t2", "fiscal", "财政拨款收入"), sum(t1in("gp", "一般公共预算拨款收入"), t1in("fund", "政府性基金预算拨款收入"), t1in("soe", "国有资本经营预算拨款收入"))),
      事业收入: codeTotal("t2", "business", "事业收入"),
      事业单位经营收入: codeTotal("t2", "operating", "事业单位经营收入"),
      其他收入: codeTotal("t2", "other", "其他收入"),
    },
    支出: {
      合计: expenseTotal,
      基本支出: basic,
      人员经费: codeTotal("t6", "personnel", "人员经费"),
      公用经费: publicCost,
      项目支出: project,
      项目列表: projects.map((p) => ({ 名称: p.name, 金额: projectBudget(p), 编码: p.code })),
      总计: first(fromCell("t1", t1?.expense.grand?.cells.exAmount, "支出总计"), expenseTotal),
      财政拨款: first(fromCell("t4", wb.t4?.expense.total?.cells.exTotal, "本年支出合计"), sum(codeTotal("t5", "total", "合计"), codeTotal("t7", "total", "合计"), codeTotal("t8", "total", "合计"))),
      一般公共预算: codeTotal("t5", "total", "合计"),
      政府性基金: codeTotal("t7", "total", "合计"),
      国有资本经营: codeTotal("t8", "total", "合计"),
      科目: itemLines(wb, prev, paramNeed),
    },
    增减: {
      总额: change(expenseTotal, lastYear("上年预算收支总额", () => prev && prevTotal(prev))),
      基本支出: change(basic, lastYear("上年基本支出", () => prevCell(prev?.t3?.total?.cells.basic))),
      项目支出: change(project, lastYear("上年项目支出", () => prevCell(prev?.t3?.total?.cells.project))),
      财政拨款: change(
        first(codeTotal("t2", "fiscal", "财政拨款收入"), sum(t1in("gp", "一般公共预算拨款收入"), t1in("fund", "政府性基金预算拨款收入"), t1in("soe", "国有资本经营预算拨款收入"))),
        lastYear("上年财政拨款收入", () => prev && prevFiscal(prev)),
      ),
      一般公共预算: change(codeTotal("t5", "total", "合计"), lastYear("上年一般公共预算拨款支出", () => prevCell(prev?.t5?.total?.cells.total))),
      政府性基金: change(codeTotal("t7", "total", "合计"), lastYear("上年政府性基金拨款支出", () => prev && prevCodeTotal(prev.t7))),
      国有资本经营: change(codeTotal("t8", "total", "合计"), lastYear("上年国有资本经营预算拨款支出", () => prev && prevCodeTotal(prev.t8))),
      财政拨款支出: change(
        first(fromCell("t4", wb.t4?.expense.total?.cells.exTotal, "本年支出合计"), sum(codeTotal("t5", "total", "合计"), codeTotal("t7", "total", "合计"), codeTotal("t8", "total", "合计"))),
        // Shanghai states one 上年 figure for 财政拨款收入 and 支出 (the 财政拨款收支总表 balances).
        paramMoney(wb, "上年财政拨款支出") || !paramMoney(wb, "上年财政拨款收入") || prev
          ? lastYear("上年财政拨款支出", () => prev && prevFiscalExpense(prev))
          : lastYear("上年财政拨款收入"),
      ),
      基本支出原因: text("基本支出增减原因"),
      项目支出原因: text("项目支出增减原因"),
      财政拨款原因: text("财政拨款增减原因"),
    },
    机关运行经费: {
      金额: adminAmount,
      无: admin.status === "none",
      来源: admin.status === "unknown" ? "" : admin.source,
      用途: text("机关运行经费用途"),
    },
    三公: {
      ...sanGong,
      增减: change(sanGong.合计, lastYear("上年“三公”经费", prevT9("total"))),
      原因: text("“三公”经费增减原因"),
      分项: {
        因公出国: sgItem(sanGong.因公出国, "因公出国（境）费", "abroad"),
        公务用车: sgItem(sanGong.公务用车, "公务用车购置及运行费", "car"),
        公务用车购置: sgItem(sanGong.公务用车购置, "公务用车购置费", "carBuy"),
        公务用车运维: sgItem(sanGong.公务用车运维, "公务用车运行费", "carRun"),
        公务接待: sgItem(sanGong.公务接待, "公务接待费", "reception"),
      },
    },
    采购: {
      空表: ppEmpty,
      合计: ppTotal,
      货物: ppParam("政府采购货物预算", () => ppSum((c) => c.startsWith("A"))),
      工程: ppParam("政府采购工程预算", () => ppSum((c) => c.startsWith("B"))),
      服务: ppParam("政府采购服务预算", () => ppSum((c) => c.startsWith("C"))),
      中小企业: ppParam("面向中小企业预留", () => new Money(procurement.reduce((s, r) => s.plus(r.cells.sme?.value ?? 0), ZERO))),
      小微企业: amountParam("预留小型和微型企业"),
    },
    资产: {
      上年末金额: assetsTotal && assetsTotal.readable ? new Money(assetsTotal.value) : wb.t11 && assetsTotal ? fromCell("t11", assetsTotal, "资产总额") : amountParam("上年末固定资产金额"),
      拟购置: amountParam("本年拟购置固定资产"),
    },
    职责: lines("部门职责"),
    // A structured list becomes a table; free text stays as the department wrote it.
    机构: org?.kind === "list" ? org.units : org ? org.lines.map(asSentence) : paramNeed("机构设置"),
    机构表: org?.kind === "list",
    // "下属1家机关和1家参公事业单位" (Shanghai's 机关运行经费 sentence), when the list states each unit's kind.
    机构统计: paramValue(wb, "机关运行经费范围")?.value ?? (org?.kind === "list" ? unitCounts(org.units.map((u) => unitKind(u.性质))) : ""),
    整体绩效目标: lines("部门整体绩效目标"),
    项目已知: projectsKnown,
    项目绩效目标表: projectsKnown
      ? ""
      : need({
          what: "项目绩效目标表",
          message: `支出总表的项目支出为${project instanceof Money ? project.文本 + "万元" : "未知"}，但工作簿中没有读到项目绩效目标表，情况说明第六部分显示为【缺少：项目绩效目标表】。请加入各项目的绩效目标表。`,
          loc: wb.t3?.titleLoc,
        }),
    项目: projects.map((p) => ({
      名称: p.name,
      编码: p.code,
      预算数: projectBudget(p),
      财政资金: p.fiscal && p.fiscal.readable ? new Money(p.fiscal.value) : new Money(ZERO),
      其他资金: p.other && p.other.readable ? new Money(p.other.value) : new Money(ZERO),
      用途: p.purpose,
      绩效目标: asSentence(p.goal),
      指标: p.indicators.map((i) => ({ 一级: i.level1, 二级: i.level2, 三级: i.level3, 描述: i.description, 指标值: i.value, 依据: i.basis })),
    })),
    绩效目标项目数: paramValue(wb, "绩效目标项目数")?.value ?? (projects.length ? String(projects.length) : paramNeed("绩效目标项目数")),
    绩效目标项目金额: paramMoney(wb, "绩效目标项目金额") ? amountParam("绩效目标项目金额") : projects.length ? sum(...projects.map(projectBudget)) : amountParam("绩效目标项目金额"),
    // No 其他需要说明的事项 in a 说明参数 sheet means there is none; without the sheet it is not known.
    绩效目标单位数: paramValue(wb, "绩效目标单位数")?.value ?? "",
    国有资产: lines("国有资产占有使用情况"),
    其他说明: paramValue(wb, "其他需要说明的事项")?.value ?? (wb.params ? "" : paramNeed("其他需要说明的事项")),
    有表: { 固定资产: !!wb.t11, 政府采购: !!wb.t10, 三公: !!wb.t9, 项目绩效目标: projects.length > 0 },
    // A row with its 内容 empty is missing too (paramNeed points at the cell to fill).
    参数: new Params(Object.fromEntries(Object.values(wb.params?.params ?? {}).filter((p) => p.value.trim()).map((p) => [p.key, p.value])), (key) => paramValue(wb, key)?.value ?? paramNeed(key)),
  };
  return { data, missing: log, disagreements };
}

function unitCounts(kinds: UnitKind[]): string {
  const admin = kinds.filter((k) => k === "行政").length;
  const civil = kinds.filter((k) => k === "参公").length;
  const parts = [admin ? `${admin}家机关` : "", civil ? `${civil}家参公事业单位` : ""].filter(Boolean);
  return parts.length ? `下属${parts.join("和")}` : "";
}

function quoted(items: string[]): string {
  return items.map((i) => `“${i}”`).join("");
}

function prevTotal(prev: BudgetWorkbook): Val | undefined {
  const a = prev.t1?.expense.total?.cells.exAmount ?? prev.t3?.total?.cells.total;
  return a && a.readable ? new Money(a.value) : undefined;
}

function prevFiscal(prev: BudgetWorkbook): Val | undefined {
  const f = prev.t2?.total?.cells.fiscal;
  if (f && f.readable) return new Money(f.value);
  const inc = prev.t1?.income;
  if (!inc) return undefined;
  const parts = ["gp", "fund", "soe"].map((k) => inc[k]?.cells.inAmount);
  if (parts.some((a) => a && !a.readable) || parts.every((a) => !a)) return undefined;
  return new Money(parts.reduce((s, a) => s.plus(a?.value ?? 0), ZERO));
}

function prevFiscalExpense(prev: BudgetWorkbook): Val | undefined {
  const a = prev.t4?.expense.total?.cells.exTotal;
  return a && a.readable ? new Money(a.value) : undefined;
}

function prevCodeTotal(t: CodeTable | undefined): Val | undefined {
  if (!t) return undefined;
  if (!t.total && t.rows.length === 0) return new Money(ZERO);
  const a = t.total?.cells.total;
  return a && a.readable ? new Money(a.value) : undefined;
}

/**
 * One entry per 项 of the 一般公共预算支出表 with money (Shanghai's 财政拨款支出主要内容): its 类/款/项 names,
 * amount, use (说明参数 “科目说明”: "编码|用途|上年执行数|原因" a line), last year's figure and the change.
 */
function itemLines(
  wb: BudgetWorkbook,
  prev: BudgetWorkbook | undefined,
  paramNeed: (key: string) => Missing,
): unknown[] {
  const t = wb.t5;
  if (!t) return [];
  const notes = new Map<string, string[]>();
  for (const l of (paramValue(wb, "科目说明")?.value ?? "").split(/\r?\n/)) {
    const parts = l.split(/[|｜]/).map((s) => s.trim());
    if (parts[0]) notes.set(parts[0], parts.slice(1));
  }
  const byCode = new Map<string, CodeRow>(t.rows.map((r) => [r.code, r]));
  const prevByCode = new Map<string, CodeRow>((prev?.t5?.rows ?? []).map((r) => [r.code, r]));
  return t.rows
    .filter((r) => r.level === 3 && r.cells.total?.readable && !r.cells.total.value.isZero())
    .map((r) => {
      const cls = byCode.get(r.code.slice(0, 3));
      const kuan = byCode.get(r.code.slice(0, 5));
      const amount = new Money(r.cells.total.value);
      const [use, executed, reason] = notes.get(r.code) ?? [];
      const prevRow = prevByCode.get(r.code);
      let last: Val;
      let basis: string;
      if (executed) {
        const a = parseAmount(executed.replace(/万元$/, ""));
        last = a.ok ? new Money(a.value.mul(wb.params?.scale ?? 1)) : paramNeed("科目说明");
        basis = "预算执行数";
      } else if (prev) {
        last = prevRow?.cells.total?.readable ? new Money(prevRow.cells.total.value) : prev.t5 ? new Money(ZERO) : paramNeed(`${r.code}上年执行数`);
        basis = "预算数";
      } else {
        last = paramNeed("科目说明");
        basis = "预算执行数";
      }
      const ch = last instanceof Missing ? last : new Change(amount.amount, last.amount);
      return {
        编码: r.code,
        类: cls?.name ?? "",
        款: kuan?.name ?? "",
        项: r.name,
        金额: amount,
        用途: use || defaultUse(kuan?.name ?? "", r.name),
        上年: last,
        上年口径: basis,
        增减: ch,
        原因: reason ? reason.replace(/[。；;，,\s]+$/, "") + "。" : "",
      };
    });
}

/** Shanghai documents name a generic 项 with its 款 ("组织事务一般行政管理事务"), a specific one by itself. */
function defaultUse(kuan: string, item: string): string {
  return /^(一般行政管理事务|行政运行|机关服务|事业运行)$/.test(item) ? `${kuan}${item}` : item;
}
