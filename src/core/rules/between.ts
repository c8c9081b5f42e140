// B.3: rules between tables, and the B.4 rules that the tables alone decide (S-09, S-11).
import Decimal from "decimal.js";
import { FUNCTIONAL_CLASSES, classKey } from "../model/classification";
import { paramKey } from "../model/read-workbook";
import type { Amount, BudgetWorkbook, CodeTable, LabeledTable, Loc, ProcurementTable, TableInfo } from "../model/types";
import { parseAmount, YUAN_IN_WANYUAN } from "../money";
import { cellOf, codeIndex, colLabel, hasAmounts, rowLabel, side, sumOf } from "./access";
import { amountIsZero, missingAmount, notAbove, rowFen, sameFigure, withValue, type Emitter, type Rule, type Side } from "./framework";

const CLASSES = FUNCTIONAL_CLASSES.filter((c) => c.code);
const ZERO = new Decimal(0);

function codeSide(t: CodeTable, code: string | null, key: string, label?: string): Side {
  const row = code === null ? t.total : codeIndex(t).get(code);
  const s = side(t, row, key, label);
  if (!row) s.amount = missingAmount(t.sheet);
  return s;
}

/** Σ of a column over some code rows, reported against the computed total. */
function codeSum(t: CodeTable, codes: string[], key: string): { amount: Amount; parts: Amount[] } {
  const idx = codeIndex(t);
  return sumOf(codes.map((c) => idx.get(c)), key);
}

function economicPair(emit: Emitter, wb: BudgetWorkbook, econ: string[], func: string[], label: string): void {
  const t5 = wb.t5;
  const t6 = wb.t6;
  if (!t5 || !t6) return;
  const e = codeSum(t6, econ, "total");
  const f = codeSum(t5, func, "basic");
  if (e.parts.length === 0 && f.parts.length === 0) return;
  if (e.amount.value.isZero() && f.amount.value.isZero()) return;
  const target = e.parts[0] ?? f.parts[0];
  const items = e.parts.length ? f.parts : e.parts;
  const fromT6 = e.parts.length > 0;
  const title = fromT6 ? t6.title : t5.title;
  if (e.parts.length > 1 || (fromT6 ? items.length !== 1 : true)) {
    // Several cells on one side: compare Σ econ with Σ func, pointing at the first economic cell.
    const slack = [...e.parts, ...f.parts].reduce((s, a) => s.plus(a.blank ? 0 : new Decimal(10).pow(-a.decimals).div(2)), new Decimal(0));
    const diff = e.amount.value.minus(f.amount.value);
    if (diff.isZero()) return;
    const sh = target.loc.sheet;
    emit.emit({
      loc: target.loc,
      severity: diff.abs().lte(slack) ? "info" : undefined,
      table: title,
      related: [...e.parts, ...f.parts].filter((a) => a !== target).map((a) => a.loc),
      expected: emit.show(f.amount.value, sh),
      actual: emit.show(e.amount.value, sh),
      message: `${title} ${target.loc.address}：${label}：经济分类 ${econ.join("+")} 合计 ${emit.show(e.amount.value, sh)}，功能分类 ${func.join("+")} 基本支出 ${emit.show(f.amount.value, sh)}，相差 ${emit.show(diff.abs(), sh)}。若该项也在项目支出或其他科目中安排，可说明原因。`,
    });
    return;
  }
  emit.same(title, { amount: target, table: title, label: `${econ.join("+")} 合计` }, { amount: items[0] ?? missingAmount(), table: t5.title, label: `${t5.title} ${func.join("+")} 基本支出` });
}

/** Whether a note under the table states it is empty ("注：无…预算，空表列示。", "此表为空"), read leniently: any 注 with 无 counts. */
export function emptyStatementFor(t: { notes: { text: string }[] }): boolean {
  return t.notes.some((n) => /无|空表/.test(n.text) || statesEmpty(n.text));
}

/**
 * Whether a note says, and only says, that its table is empty: "注：无…预算，空表列示。", "此表无数据", or a bare
 * "注：本单位无国有资本经营预算。". What S-09 calls wrong under a table with data and the fill removes; a note that says more
 * ("注：本部门无对个人和家庭的补助支出，公用经费按定额标准安排。") is the officer's own, neither reported nor touched.
 */
export function statesEmpty(text: string): boolean {
  const t = text.replace(/\s+/g, "").replace(/^(注|说明)\d*[:：]/, "").replace(/[。.；;]+$/, "");
  if (/空表|为空|(无|没有)(任何)?数据|空白表/.test(t)) return true;
  return /^(本部门|本单位|我部门|我单位|本级)?(\d{4}年度?)?(无|没有)/.test(t) && !/[，,；;。]/.test(t);
}

export function tableEmpty(t: CodeTable | LabeledTable | ProcurementTable): boolean {
  if (t.kind === "code") return !hasAmounts(t);
  if (t.kind === "labeled") return Object.values(t.rows).every((r) => Object.values(r.cells).every(amountIsZero));
  return t.rows.length === 0 || t.rows.every((r) => Object.values(r.cells).every(amountIsZero));
}

function paramAmount(wb: BudgetWorkbook, key: string): { value: Decimal; loc: Loc } | null {
  const p = wb.params?.params[paramKey(key)];
  if (!p) return null;
  const a = parseAmount(p.value);
  if (!a.ok) return null;
  return { value: a.value.mul(wb.params!.unit === "元" ? YUAN_IN_WANYUAN : 1), loc: p.loc };
}

export const BETWEEN_RULES: Rule[] = [
  {
    id: "X-01",
    confidence: "H",
    tables: "表1、表2",
    description: "表1 收入总计 = 表2 合计",
    check(wb, emit) {
      if (wb.t1 && wb.t2) emit.same(wb.t1.title, side(wb.t1, wb.t1.income.grand, "inAmount", "收入总计"), codeSide(wb.t2, null, "total", `${wb.t2.title} 合计行“合计”`));
    },
  },
  {
    id: "X-02",
    confidence: "H",
    tables: "表1、表2",
    description: "表1 本年收入合计 = 表2 本年收入小计",
    check(wb, emit) {
      if (wb.t1 && wb.t2) emit.same(wb.t1.title, side(wb.t1, wb.t1.income.total, "inAmount", "本年收入合计"), codeSide(wb.t2, null, "subtotal", `${wb.t2.title} 合计行“本年收入小计”`));
    },
  },
  {
    id: "X-03",
    confidence: "H",
    tables: "表1、表2",
    description: "表1 上年结转结余 = 表2 上年结转",
    check(wb, emit) {
      if (wb.t1 && wb.t2) emit.same(wb.t1.title, side(wb.t1, wb.t1.income.carry, "inAmount", "上年结转结余"), codeSide(wb.t2, null, "carry", `${wb.t2.title} 合计行“上年结转”`));
    },
  },
  {
    id: "X-04",
    confidence: "H",
    tables: "表1、表2",
    description: "表1 三项财政拨款收入之和 = 表2 财政拨款收入",
    check(wb, emit) {
      const t1 = wb.t1;
      if (!t1 || !wb.t2?.total) return;
      emit.sum({
        table: wb.t2.title,
        target: { amount: wb.t2.total.cells.fiscal, label: "合计行 财政拨款收入" },
        items: ["gp", "fund", "soe"].map((k) => ({ amount: cellOf(t1.income[k], "inAmount") })).filter((i) => i.amount.loc.col >= 0),
        itemsLabel: `${t1.title} 一至三项财政拨款收入之和`,
      });
    },
  },
  {
    id: "X-05",
    confidence: "H",
    tables: "表1、表2",
    description: "表1 财政专户管理资金收入 = 表2 财政专户收入",
    check(wb, emit) {
      if (wb.t1 && wb.t2) emit.same(wb.t1.title, side(wb.t1, wb.t1.income.special, "inAmount", "财政专户管理资金收入"), codeSide(wb.t2, null, "special", `${wb.t2.title} 合计行“财政专户收入”`));
    },
  },
  {
    id: "X-06",
    confidence: "H",
    tables: "表1、表2",
    description: "表1 单位资金 = 表2 事业收入 + 经营收入 + 上级补助收入 + 附属单位上缴收入 + 其他收入（逐项列示时各项分别相等）",
    check(wb, emit) {
      const t1 = wb.t1;
      const t2 = wb.t2;
      if (!t1?.income.unitFunds || !t2?.total) return;
      if (t1.income.unitFunds.derived) {
        // A scheme that lists 事业收入, 经营收入 … one by one: each row against its column of the 收入总表.
        for (const k of ["business", "operating", "superior", "affiliated", "other"]) {
          const row = t1.income[k];
          if (row && t2.columns[k]) emit.same(t1.title, side(t1, row, "inAmount", row.label), codeSide(t2, null, k, `${t2.title} 合计行“${colLabel(t2.key, k)}”`));
        }
        return;
      }
      emit.sum({
        table: t1.title,
        target: { amount: t1.income.unitFunds.cells.inAmount, label: "五、单位资金" },
        items: ["business", "operating", "superior", "affiliated", "other"].map((k) => ({ amount: t2.total!.cells[k] })),
        itemsLabel: `${t2.title} 事业、经营、上级补助、附属单位上缴、其他收入之和`,
      });
    },
  },
  {
    id: "X-07",
    confidence: "H",
    tables: "表1、表3",
    description: "表1 本年支出合计 = 表3 合计",
    check(wb, emit) {
      if (wb.t1 && wb.t3) emit.same(wb.t1.title, side(wb.t1, wb.t1.expense.total, "exAmount", "本年支出合计"), codeSide(wb.t3, null, "total", `${wb.t3.title} 合计行“合计”`));
    },
  },
  {
    id: "X-08",
    confidence: "H",
    tables: "表1、表3",
    description: "表1 每个支出功能分类（类）= 表3 该类合计",
    check(wb, emit) {
      const t1 = wb.t1;
      const t3 = wb.t3;
      if (!t1 || !t3) return;
      for (const c of CLASSES) {
        const mine = t1.expense[classKey(c)]?.cells.exAmount;
        const theirs = codeIndex(t3).get(c.code)?.cells.total;
        if ((mine?.value ?? ZERO).eq(theirs?.value ?? ZERO)) continue;
        const a = side(t1, t1.expense[classKey(c)], "exAmount", `${c.code} ${c.name}`);
        if (!t1.expense[classKey(c)]) a.amount = missingAmount();
        emit.same(t1.title, a, codeSide(t3, c.code, "total", `${t3.title} ${c.code} 合计`));
      }
    },
  },
  {
    id: "X-09",
    confidence: "M",
    tables: "表2、表3",
    description: "表2 与表3 列示相同的科目；无年终结转时每行合计相等",
    check(wb, emit) {
      const t2 = wb.t2;
      const t3 = wb.t3;
      if (!t2 || !t3) return;
      const i2 = codeIndex(t2);
      const i3 = codeIndex(t3);
      for (const [a, b, ia] of [
        [t2, t3, i3],
        [t3, t2, i2],
      ] as const) {
        for (const r of a.rows) if (!ia.has(r.code)) emit.emit({ loc: r.codeLoc, table: a.title, message: `${a.title} ${r.codeLoc.address}：科目 ${rowLabel(r)} 在${b.title}中没有对应行。收入总表与支出总表应列示相同科目。` });
      }
      const carry = cellOf(wb.t1?.expense.carry, "exAmount");
      if (!carry.value.isZero()) return;
      for (const r of t2.rows) {
        const other = i3.get(r.code);
        if (!other) continue;
        // The same figure needs no comparison (emit.same would find nothing either): to the 分 without making the cells.
        const fen = rowFen(r, "total");
        if (fen === fen && fen === rowFen(other, "total")) continue;
        if (!sameFigure(cellOf(r, "total"), cellOf(other, "total"))) emit.same(t2.title, side(t2, r, "total"), { amount: other.cells.total, table: t3.title, label: `${t3.title} ${r.code} 合计` });
      }
    },
  },
  {
    id: "X-10",
    confidence: "H",
    tables: "表1、表4",
    description: "表4 三项财政拨款收入分别等于表1 对应收入",
    check(wb, emit) {
      const t1 = wb.t1;
      const t4 = wb.t4;
      if (!t1 || !t4) return;
      for (const k of ["gp", "fund", "soe"]) {
        if (!t4.income[k] && !t1.income[k]) continue;
        emit.same(t4.title, side(t4, t4.income[k], "inAmount", t4.income[k]?.label ?? k), side(t1, t1.income[k], "inAmount", `${t1.title}“${t1.income[k]?.label ?? k}”`));
      }
    },
  },
  {
    id: "X-11",
    confidence: "H",
    tables: "表4、表5、表7、表8",
    description: "表4 每类的一般公共预算、政府性基金、国有资本经营列分别等于表5、表7、表8 该类合计",
    check(wb, emit) {
      const t4 = wb.t4;
      if (!t4) return;
      for (const [col, t] of [
        ["exGp", wb.t5],
        ["exFund", wb.t7],
        ["exSoe", wb.t8],
      ] as const) {
        if (!t) continue;
        for (const c of CLASSES) {
          const row = t4.expense[classKey(c)];
          if ((row?.cells[col]?.value ?? ZERO).eq(codeIndex(t).get(c.code)?.cells.total?.value ?? ZERO)) continue;
          emit.same(t4.title, row ? side(t4, row, col, () => `${c.code} ${c.name} ${colLabel(t4.key, col)}`) : { amount: missingAmount(), label: "" }, codeSide(t, c.code, "total", `${t.title} ${c.code} 合计`));
        }
      }
    },
  },
  {
    id: "X-12",
    confidence: "H",
    tables: "表4、表5、表7、表8",
    description: "表4 本年支出合计 = 表5、表7、表8 合计之和",
    check(wb, emit) {
      const t4 = wb.t4;
      if (!t4?.expense.total) return;
      const parts = [wb.t5, wb.t7, wb.t8].filter(Boolean).map((t) => t!.total?.cells.total).filter(Boolean) as Amount[];
      emit.sum({ table: t4.title, target: { amount: t4.expense.total.cells.exTotal, label: "本年支出合计" }, items: parts.map((amount) => ({ amount })), itemsLabel: "表5、表7、表8 合计之和" });
    },
  },
  {
    id: "X-13",
    confidence: "H",
    tables: "表1、表4",
    description: "表4 每类财政拨款支出不大于表1 该类支出",
    check(wb, emit) {
      const t1 = wb.t1;
      const t4 = wb.t4;
      if (!t1 || !t4) return;
      for (const c of CLASSES) {
        const row = t4.expense[classKey(c)];
        if (!row) continue;
        emit.atMost(t4.title, { amount: row.cells.exTotal, label: `${c.code} ${c.name} 财政拨款合计` }, { amount: cellOf(t1.expense[classKey(c)], "exAmount"), label: `${t1.title}该类支出` });
      }
    },
  },
  {
    id: "X-14",
    confidence: "M",
    tables: "表3、表5",
    description: "表5 每行的合计、基本支出、项目支出不大于表3 同一科目",
    check(wb, emit) {
      const t3 = wb.t3;
      const t5 = wb.t5;
      if (!t3 || !t5) return;
      const i3 = codeIndex(t3);
      for (let i = -1; i < t5.rows.length; i++) {
        const r = i < 0 ? t5.total : t5.rows[i];
        if (!r) continue;
        const other = r.level === 0 ? t3.total : i3.get(r.code);
        for (const k of ["total", "basic", "project"]) {
          // To the 分 without making the cells where both are known so.
          const fa = rowFen(r, k);
          const fb = other ? rowFen(other, k) : 0;
          if (fa === fa && fb === fb ? fa <= fb : notAbove(r.cells[k], other?.cells[k])) continue;
          const s = side(t5, r, k);
          emit.atMost(t5.title, s, { amount: cellOf(other, k), label: `${t3.title}同一科目` });
        }
      }
    },
  },
  {
    id: "X-15",
    confidence: "H",
    tables: "表5、表6",
    description: "表5 基本支出合计 = 表6 合计",
    check(wb, emit) {
      if (wb.t5 && wb.t6) emit.same(wb.t6.title, codeSide(wb.t6, null, "total", "合计行 合计"), codeSide(wb.t5, null, "basic", `${wb.t5.title} 合计行“基本支出”`));
    },
  },
  {
    id: "X-16",
    confidence: "H",
    tables: "表3、表6",
    description: "表3 基本支出合计不小于表6 合计",
    check(wb, emit) {
      if (wb.t3 && wb.t6?.total) emit.atMost(wb.t6.title, codeSide(wb.t6, null, "total", "合计行 合计"), { amount: cellOf(wb.t3.total, "basic"), label: `${wb.t3.title}基本支出合计` });
    },
  },
  {
    id: "X-17",
    confidence: "M",
    tables: "表5、表6",
    description: "30108 机关事业单位基本养老保险缴费 = 2080505 基本支出",
    check(wb, emit) {
      economicPair(emit, wb, ["30108"], ["2080505"], "基本养老保险缴费");
    },
  },
  {
    id: "X-18",
    confidence: "M",
    tables: "表5、表6",
    description: "30109 职业年金缴费 = 2080506 基本支出",
    check(wb, emit) {
      economicPair(emit, wb, ["30109"], ["2080506"], "职业年金缴费");
    },
  },
  {
    id: "X-19",
    confidence: "M",
    tables: "表5、表6",
    description: "30113 住房公积金 = 2210201 基本支出",
    check(wb, emit) {
      economicPair(emit, wb, ["30113"], ["2210201"], "住房公积金");
    },
  },
  {
    id: "X-20",
    confidence: "M",
    tables: "表5、表6",
    description: "30110 + 30111 = 21011 各项（行政/事业单位医疗、公务员医疗补助、其他）基本支出之和",
    check(wb, emit) {
      economicPair(emit, wb, ["30110", "30111"], ["2101101", "2101102", "2101103", "2101199"], "医疗保险缴费");
    },
  },
  {
    id: "X-21",
    confidence: "L",
    tables: "表5、表6",
    description: "30301 离休费 + 30302 退休费 ≈ 2080501 + 2080502 基本支出",
    check(wb, emit) {
      economicPair(emit, wb, ["30301", "30302"], ["2080501", "2080502"], "离退休费");
    },
  },
  {
    id: "X-22",
    confidence: "L",
    tables: "表5、表6",
    description: "2210202 提租补贴、2210203 购房补贴不大于 30102 津贴补贴",
    check(wb, emit) {
      if (!wb.t5 || !wb.t6) return;
      const f = codeSum(wb.t5, ["2210202", "2210203"], "basic");
      if (f.parts.length === 0 || f.amount.value.isZero()) return;
      const e = codeSide(wb.t6, "30102", "total", "30102 津贴补贴");
      if (f.amount.value.gt(e.amount.value)) {
        const loc = f.parts[0].loc;
        emit.emit({ loc, table: wb.t5.title, related: [e.amount.loc].filter((l) => l.col >= 0), message: `${wb.t5.title} ${loc.address}：提租补贴和购房补贴共 ${emit.show(f.amount.value, loc.sheet)}，大于${wb.t6.title} 30102 津贴补贴 ${emit.show(e.amount.value, loc.sheet)}，请核实。` });
      }
    },
  },
  {
    id: "X-23",
    confidence: "M",
    tables: "表6、表9",
    description: "“三公”各项不小于表6 对应经济科目（30212、30217、30231、30913+31013）",
    check(wb, emit) {
      const t6 = wb.t6;
      const t9 = wb.t9;
      if (!t6 || !t9) return;
      const pairs: [string, string[], string][] = [
        ["abroad", ["30212"], "因公出国（境）费用"],
        ["reception", ["30217"], "公务接待费"],
        ["carRun", ["30231"], "公务用车运行维护费"],
        ["carBuy", ["30913", "31013"], "公务用车购置"],
      ];
      for (const [key, codes, name] of pairs) {
        const e = codeSum(t6, codes, "total");
        if (e.parts.length === 0 || e.amount.value.isZero()) continue;
        emit.atMost(t6.title, { amount: withValue(e.parts[0], e.amount), label: `${codes.join("+")} ${name}` }, { amount: cellOf(t9.rows[key], "total"), label: `${t9.title}“${t9.rows[key]?.label ?? name}”` });
      }
    },
  },
  {
    id: "X-24",
    confidence: "L",
    tables: "表9、表10、表11",
    description: "有车辆时应有公务用车运行维护费；有购置费时政府采购预算应有车辆",
    check(wb, emit) {
      const t9 = wb.t9;
      const vehicles = wb.t11?.rows.vehicle?.cells.quantity;
      if (t9 && vehicles && vehicles.value.gt(0) && cellOf(t9.rows.carRun, "total").value.isZero()) {
        emit.emit({ loc: vehicles.loc, table: wb.t11!.title, related: t9.rows.carRun ? [t9.rows.carRun.cells.total.loc] : [], message: `${wb.t11!.title} ${vehicles.loc.address}：占有车辆 ${vehicles.raw.toString()} 台（辆），但“三公”经费中公务用车运行维护费为 0，请核实。` });
      }
      const buy = cellOf(t9?.rows.carBuy, "total");
      if (t9 && buy.value.gt(0) && wb.t10 && !wb.t10.rows.some((r) => /车/.test(r.item))) {
        emit.emit({ loc: buy.loc, table: t9.title, message: `${t9.title} ${buy.loc.address}：安排了公务用车购置费 ${emit.show(buy.value, buy.loc.sheet)}，但政府采购预算中没有车辆，请核实。` });
      }
    },
  },
  {
    id: "X-25",
    confidence: "H",
    tables: "表3、表12",
    description: "各项目绩效目标表预算数之和 = 表3 项目支出合计",
    check(wb, emit) {
      if (!wb.t3?.total || wb.projects.length === 0) return;
      emit.sum({
        table: wb.t3.title,
        target: { amount: wb.t3.total.cells.project, label: "合计行 项目支出" },
        items: wb.projects.filter((p) => p.budget).map((p) => ({ amount: p.budget! })),
        itemsLabel: `${wb.projects.length} 个项目绩效目标表的预算数之和`,
      });
    },
  },
  {
    id: "X-26",
    confidence: "M",
    tables: "表10、说明参数",
    description: "政府采购预算合计不小于本年拟购置固定资产总额",
    check(wb, emit) {
      const plan = paramAmount(wb, "本年拟购置固定资产");
      if (!plan || plan.value.isZero()) return;
      const total = wb.t10 ? sumOf(wb.t10.rows.map((r) => ({ key: "", label: "", labelLoc: r.loc, cells: r.cells })), "total").amount.value : new Decimal(0);
      if (total.gte(plan.value)) return;
      emit.emit({ loc: plan.loc, table: "说明参数", related: wb.t10 ? [wb.t10.titleLoc] : [], message: `说明参数 ${plan.loc.address}：本年拟购置固定资产 ${plan.value.toFixed(2)} 万元，政府采购预算合计只有 ${total.toFixed(2)} 万元。购置固定资产应列入政府采购预算。` });
    },
  },
  {
    id: "X-27",
    confidence: "H",
    tables: "表1、表4、表7、表8",
    description: "表7（表8）为空当且仅当表1、表4 中政府性基金（国有资本经营）预算拨款为 0",
    check(wb, emit) {
      for (const [t, inKey, col, name] of [
        [wb.t7, "fund", "exFund", "政府性基金预算"],
        [wb.t8, "soe", "exSoe", "国有资本经营预算"],
      ] as const) {
        if (!t) continue;
        const empty = !hasAmounts(t);
        const others: Amount[] = [cellOf(wb.t1?.income[inKey], "inAmount"), cellOf(wb.t4?.expense.total, col)].filter((a) => a.loc.col >= 0);
        const nonzero = others.filter((a) => !a.value.isZero());
        if (empty && nonzero.length) {
          emit.emit({ loc: t.titleLoc, table: t.title, related: nonzero.map((a) => a.loc), message: `${t.title}为空表，但表1或表4中${name}拨款为 ${emit.show(nonzero[0].value, nonzero[0].loc.sheet)}。请补填本表或核对表1、表4。` });
        } else if (!empty && others.length && nonzero.length === 0) {
          emit.emit({ loc: t.titleLoc, table: t.title, related: others.map((a) => a.loc), message: `${t.title}有金额，但表1、表4 中${name}拨款为 0。请核对。` });
        }
      }
    },
  },
  {
    id: "S-09",
    confidence: "H",
    tables: "表7、8、9、10",
    description: "空表注明“无…预算，空表列示”；有数据的表不写“无…”的注",
    check(wb, emit) {
      for (const t of [wb.t5, wb.t6, wb.t7, wb.t8, wb.t9, wb.t10].filter(Boolean) as (CodeTable | LabeledTable | ProcurementTable)[]) {
        const empty = tableEmpty(t);
        const stated = emptyStatementFor(t);
        if (empty && !stated) {
          emit.emit({ loc: t.titleLoc, table: t.title, message: `${t.title}没有数据，但表下没有说明。没有数据的表应空表列示并注明，例如“注：无…预算，空表列示。”` });
        } else if (!empty && stated) {
          const n = t.notes.find((x) => statesEmpty(x.text));
          if (n) emit.emit({ loc: n.loc, table: t.title, message: `${t.title} ${n.loc.address}：表中有数据，但注中写“${n.text}”。请删除或改正该注。` });
        }
      }
    },
  },
  {
    id: "S-11",
    confidence: "H",
    tables: "全部表、说明参数",
    description: "各表的单位编码、单位名称、预算年度一致，并与说明参数相符",
    check(wb, emit) {
      const tables = [wb.t1, wb.t2, wb.t3, wb.t4, wb.t5, wb.t6, wb.t7, wb.t8, wb.t9, wb.t10, wb.t11, ...wb.projects].filter(Boolean) as (TableInfo & { deptCode?: string; deptName?: string; year?: string; deptLoc?: Loc; yearLoc?: Loc })[];
      const p = wb.params?.params;
      const wantName = p?.[paramKey("部门名称")]?.value || wb.deptName;
      const wantCode = p?.[paramKey("单位编码")]?.value || wb.deptCode;
      const wantYear = p?.[paramKey("预算年度")]?.value || wb.year;
      for (const t of tables) {
        if (t.deptLoc && ((t.deptName && wantName && t.deptName !== wantName) || (t.deptCode && wantCode && t.deptCode !== wantCode))) {
          emit.emit({ loc: t.deptLoc, table: t.title, expected: `${wantCode ?? ""} ${wantName ?? ""}`.trim(), actual: `${t.deptCode ?? ""} ${t.deptName ?? ""}`.trim(), message: `${t.title} ${t.deptLoc.address}：单位写作“${`${t.deptCode ?? ""} ${t.deptName ?? ""}`.trim()}”，与其他表或说明参数的“${`${wantCode ?? ""} ${wantName ?? ""}`.trim()}”不一致。` });
        }
        if (t.yearLoc && t.year && wantYear && t.year !== wantYear) {
          emit.emit({ loc: t.yearLoc, table: t.title, expected: wantYear, actual: t.year, message: `${t.title} ${t.yearLoc.address}：预算年度写作 ${t.year}，与其他表或说明参数的 ${wantYear} 不一致。` });
        }
      }
    },
  },
];

