// B.2: rules inside one table.
import { FUNCTIONAL_CLASSES, classKey } from "../model/classification";
import type { Amount, BudgetWorkbook, LabeledRow, LabeledTable, TwoSidedTable } from "../model/types";
import { cellOf, colLabel, fiscalParts, incomeSources, rowTotalRelations, rowTotals, side, sumOf } from "./access";
import { halfStepOf, notAbove, sameFigure, type Emitter, type Rule } from "./framework";

const CLASS_KEYS = FUNCTIONAL_CLASSES.map(classKey);
/** 收入总表 columns that are sources of the year's income (小计 = their sum). */

function rowsSum(emit: Emitter, t: TwoSidedTable | LabeledTable, target: LabeledRow | undefined, col: string, parts: (LabeledRow | undefined)[], partsLabel: string): void {
  // A layout without the total row or without any of its parts: the rule does not apply.
  if (!target || !parts.some(Boolean)) return;
  emit.sum({
    table: t.title,
    target: { amount: cellOf(target, col), label: `${target.label} ${colLabel(t.key, col)}` },
    items: parts.filter(Boolean).map((p) => ({ amount: p!.cells[col] })),
    itemsLabel: partsLabel,
  });
}

const t1 = (wb: BudgetWorkbook) => wb.t1;
const t4 = (wb: BudgetWorkbook) => wb.t4;

function classSum(emit: Emitter, t: TwoSidedTable, col: string): void {
  rowsSum(emit, t, t.expense.total, col, CLASS_KEYS.map((k) => t.expense[k]), "各支出功能分类（类）之和");
}

function isPercentHeader(h: string): boolean {
  return /[%％]/.test(h);
}

export const WITHIN_RULES: Rule[] = [
  {
    id: "T1-01",
    confidence: "H",
    tables: "表1",
    description: "本年收入合计 = 各项收入之和（财政拨款收入 = 其下各项资金之和）",
    check(wb, emit) {
      const t = t1(wb);
      if (!t) return;
      rowsSum(emit, t, t.income.total, "inAmount", incomeSources(t), t.income.unitFunds ? "一至五项收入之和" : "各项收入之和");
      rowsSum(emit, t, t.income.fiscal, "inAmount", fiscalParts(t), "一般公共预算、政府性基金、国有资本经营预算资金之和");
    },
  },
  {
    id: "T1-02",
    confidence: "H",
    tables: "表1",
    description: "收入总计 = 本年收入合计 + 上年结转结余",
    check(wb, emit) {
      const t = t1(wb);
      if (t) rowsSum(emit, t, t.income.grand, "inAmount", [t.income.total, t.income.carry], "本年收入合计+上年结转结余");
    },
  },
  {
    id: "T1-03",
    confidence: "H",
    tables: "表1",
    description: "本年支出合计 = 31 个支出功能分类（类）之和",
    check(wb, emit) {
      const t = t1(wb);
      if (t) classSum(emit, t, "exAmount");
    },
  },
  {
    id: "T1-04",
    confidence: "H",
    tables: "表1",
    description: "支出总计 = 本年支出合计 + 年终结转结余",
    check(wb, emit) {
      const t = t1(wb);
      if (t) rowsSum(emit, t, t.expense.grand, "exAmount", [t.expense.total, t.expense.carry], "本年支出合计+年终结转结余");
    },
  },
  {
    id: "T1-05",
    confidence: "H",
    tables: "表1",
    description: "收入总计 = 支出总计",
    check(wb, emit) {
      const t = t1(wb);
      if (t?.income.grand && t.expense.grand) emit.same(t.title, side(t, t.expense.grand, "exAmount", "支出总计"), side(t, t.income.grand, "inAmount", "收入总计"));
    },
  },
  {
    id: "T1-06",
    confidence: "L",
    tables: "表1",
    description: "“人行科目”行一般应为空",
    check(wb, emit) {
      const a = wb.t1?.expense.renhang?.cells.exAmount;
      if (a && !a.value.isZero()) emit.emit({ loc: a.loc, table: wb.t1!.title, message: `${wb.t1!.title} ${a.loc.address}：“人行科目”行有金额 ${emit.show(a.value, a.loc.sheet)}，该行在实际中通常为空，请核实。` });
    },
  },
  {
    id: "T2-01",
    confidence: "H",
    tables: "表2",
    description: "每行：合计 = 本年收入小计 + 上年结转（没有小计列时：合计 = 各项收入 + 上年结转）",
    check(wb, emit) {
      const t = wb.t2;
      if (!t) return;
      for (const [total, parts] of rowTotalRelations(t)) if (total === "total") rowTotals(emit, t, total, parts);
    },
  },
  {
    id: "T2-02",
    confidence: "H",
    tables: "表2",
    description: "每行：本年收入小计 = 财政拨款收入 + 财政专户收入 + 事业收入 + 经营收入 + 上级补助收入 + 附属单位上缴收入 + 其他收入",
    check(wb, emit) {
      if (wb.t2) for (const [total, parts] of rowTotalRelations(wb.t2)) if (total === "subtotal") rowTotals(emit, wb.t2, total, parts);
    },
  },
  {
    id: "T3-01",
    confidence: "H",
    tables: "表3",
    description: "每行：合计 = 基本支出 + 项目支出 + 经营支出 + 上解上级支出 + 对附属单位补助支出",
    check(wb, emit) {
      if (wb.t3) for (const [total, parts] of rowTotalRelations(wb.t3)) rowTotals(emit, wb.t3, total, parts);
    },
  },
  {
    id: "T4-01",
    confidence: "H",
    tables: "表4",
    description: "本年收入合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算拨款",
    check(wb, emit) {
      const t = t4(wb);
      if (t) rowsSum(emit, t, t.income.total, "inAmount", [t.income.gp, t.income.fund, t.income.soe], "三项财政拨款之和");
    },
  },
  {
    id: "T4-02",
    confidence: "H",
    tables: "表4",
    description: "年初财政拨款结转和结余 = 其下三项之和",
    check(wb, emit) {
      const t = t4(wb);
      if (t) rowsSum(emit, t, t.income.carry, "inAmount", [t.income.carryGp, t.income.carryFund, t.income.carrySoe], "其下三项结转结余之和");
    },
  },
  {
    id: "T4-03",
    confidence: "H",
    tables: "表4",
    description: "收入总计 = 本年收入合计 + 年初财政拨款结转和结余",
    check(wb, emit) {
      const t = t4(wb);
      if (t) rowsSum(emit, t, t.income.grand, "inAmount", [t.income.total, t.income.carry], "本年收入合计+年初结转和结余");
    },
  },
  {
    id: "T4-04",
    confidence: "H",
    tables: "表4",
    description: "支出每行：合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算财政拨款",
    check(wb, emit) {
      const t = t4(wb);
      if (!t) return;
      for (const row of Object.values(t.expense)) {
        emit.sum({
          table: t.title,
          target: { amount: row.cells.exTotal, label: `${row.label} 合计` },
          items: ["exGp", "exFund", "exSoe"].map((k) => ({ amount: row.cells[k] })),
          itemsLabel: "三类财政拨款之和",
        });
      }
    },
  },
  {
    id: "T4-05",
    confidence: "H",
    tables: "表4",
    description: "本年支出合计 = 各支出功能分类（类）之和（每列）",
    check(wb, emit) {
      const t = t4(wb);
      if (t) for (const col of ["exTotal", "exGp", "exFund", "exSoe"]) classSum(emit, t, col);
    },
  },
  {
    id: "T4-06",
    confidence: "H",
    tables: "表4",
    description: "支出总计 = 本年支出合计 + 年末结转和结余；收入总计 = 支出总计",
    check(wb, emit) {
      const t = t4(wb);
      if (!t) return;
      for (const col of ["exTotal", "exGp", "exFund", "exSoe"]) rowsSum(emit, t, t.expense.grand, col, [t.expense.total, t.expense.carry], "本年支出合计+年末结转和结余");
      if (t.income.grand && t.expense.grand) emit.same(t.title, side(t, t.expense.grand, "exTotal", "支出总计"), side(t, t.income.grand, "inAmount", "收入总计"));
    },
  },
  {
    id: "T4-07",
    confidence: "M",
    tables: "表4",
    description: "分资金性质：本年拨款 + 年初结转 = 本年支出 + 年末结转",
    check(wb, emit) {
      const t = t4(wb);
      if (!t?.expense.total) return;
      const funds: [string, string, string, string][] = [
        ["gp", "carryGp", "exGp", "一般公共预算"],
        ["fund", "carryFund", "exFund", "政府性基金预算"],
        ["soe", "carrySoe", "exSoe", "国有资本经营预算"],
      ];
      for (const [inc, carry, col, name] of funds) {
        emit.sum({
          table: t.title,
          target: { amount: cellOf(t.expense.total, col), label: `本年支出合计 ${name}列` },
          items: [
            { amount: cellOf(t.income[inc], "inAmount") },
            { amount: cellOf(t.income[carry], "inAmount") },
            { amount: cellOf(t.expense.carry, col), weight: -1 },
          ],
          itemsLabel: `${name}拨款收入+年初结转−年末结转`,
        });
      }
    },
  },
  {
    id: "T5-01",
    confidence: "H",
    tables: "表5、7、8",
    description: "每行：合计 = 基本支出 + 项目支出",
    check(wb, emit) {
      for (const t of [wb.t5, wb.t7, wb.t8]) if (t) for (const [total, parts] of rowTotalRelations(t)) rowTotals(emit, t, total, parts);
    },
  },
  {
    id: "T6-01",
    confidence: "H",
    tables: "表6",
    description: "每行：合计 = 人员经费 + 公用经费",
    check(wb, emit) {
      if (wb.t6) for (const [total, parts] of rowTotalRelations(wb.t6)) rowTotals(emit, wb.t6, total, parts);
    },
  },
  {
    id: "T6-02",
    confidence: "M",
    tables: "表6",
    description: "人员经费合计 = 301、303 类之和；公用经费合计 = 其余各类之和",
    check(wb, emit) {
      const t = wb.t6;
      if (!t?.total) return;
      const classes = t.rows.filter((r) => r.level === 1);
      const personnel = classes.filter((r) => r.code === "301" || r.code === "303");
      const other = classes.filter((r) => r.code !== "301" && r.code !== "303");
      emit.sum({ table: t.title, target: { amount: t.total.cells.personnel, label: "合计行 人员经费" }, items: personnel.map((r) => ({ amount: r.cells.total })), itemsLabel: "301、303 类合计之和" });
      emit.sum({ table: t.title, target: { amount: t.total.cells.public, label: "合计行 公用经费" }, items: other.map((r) => ({ amount: r.cells.total })), itemsLabel: "301、303 以外各类合计之和" });
    },
  },
  {
    id: "T6-03",
    confidence: "M",
    tables: "表6",
    description: "301、303 类科目不填公用经费；其他类科目不填人员经费",
    check(wb, emit) {
      const t = wb.t6;
      if (!t) return;
      for (const r of t.rows) {
        const personnelClass = r.code.startsWith("301") || r.code.startsWith("303");
        const wrong = personnelClass ? r.cells.public : r.cells.personnel;
        if (!wrong || wrong.value.isZero()) continue;
        const col = personnelClass ? "公用经费" : "人员经费";
        emit.emit({ loc: wrong.loc, table: t.title, message: `${t.title} ${wrong.loc.address}：${r.code} ${r.name} 填在“${col}”列（${emit.show(wrong.value, wrong.loc.sheet)}），${personnelClass ? "工资福利和对个人家庭补助属于人员经费" : "该类支出属于公用经费"}，请核对。` });
      }
    },
  },
  {
    id: "T9-01",
    confidence: "H",
    tables: "表9",
    description: "“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费（每列）",
    check(wb, emit) {
      const t = wb.t9;
      if (!t) return;
      for (const col of ["total", "gp", "fund", "soe"]) rowsSum(emit, t, t.rows.total, col, [t.rows.abroad, t.rows.car, t.rows.reception], "三项之和");
    },
  },
  {
    id: "T9-02",
    confidence: "H",
    tables: "表9",
    description: "公务用车购置及运行维护费 = 购置费 + 运行维护费（每列）",
    check(wb, emit) {
      const t = wb.t9;
      if (!t) return;
      for (const col of ["total", "gp", "fund", "soe"]) rowsSum(emit, t, t.rows.car, col, [t.rows.carBuy, t.rows.carRun], "购置费+运行维护费");
    },
  },
  {
    id: "T9-03",
    confidence: "H",
    tables: "表9",
    description: "每行：合计 = 一般公共预算 + 政府性基金 + 国有资本经营预算拨款",
    check(wb, emit) {
      const t = wb.t9;
      if (!t) return;
      for (const row of Object.values(t.rows)) {
        emit.sum({ table: t.title, target: { amount: row.cells.total, label: `${row.label} 合计` }, items: ["gp", "fund", "soe"].map((k) => ({ amount: row.cells[k] })), itemsLabel: "三类拨款之和" });
      }
    },
  },
  {
    id: "T9-04",
    confidence: "H",
    tables: "表9",
    description: "合计为 0 时各项均应为 0",
    check(wb, emit) {
      const t = wb.t9;
      if (!t?.rows.total || !t.rows.total.cells.total.value.isZero()) return;
      for (const row of Object.values(t.rows)) {
        if (row.key === "total") continue;
        const a = row.cells.total;
        if (a && !a.value.isZero()) emit.emit({ loc: a.loc, table: t.title, related: [t.rows.total.cells.total.loc], message: `${t.title} ${a.loc.address}：“三公”经费合计为 0，但“${row.label}”为 ${emit.show(a.value, a.loc.sheet)}。请核对合计或该项。` });
      }
    },
  },
  {
    id: "T10-01",
    confidence: "H",
    tables: "表10",
    description: "每行：政府采购金额合计 = 一般公共预算 + 基金 + 国有资本经营 + 财政专户 + 单位资金",
    check(wb, emit) {
      const t = wb.t10;
      if (!t) return;
      for (const r of t.rows) {
        emit.sum({ table: t.title, target: { amount: r.cells.total, label: `“${r.item || r.project}” 合计` }, items: ["gp", "fund", "soe", "special", "unitFunds"].map((k) => ({ amount: r.cells[k] })), itemsLabel: "各资金来源之和" });
      }
    },
  },
  {
    id: "T10-02",
    confidence: "L",
    tables: "表10",
    description: "每行：金额约等于数量 × 单价",
    check(wb, emit) {
      const t = wb.t10;
      if (!t) return;
      for (const r of t.rows) {
        if (r.quantity.blank || r.price.blank) continue;
        const product = r.quantity.value.mul(r.price.value);
        const slack = r.quantity.value.abs().mul(halfStepOf(r.price)).plus(halfStepOf(r.cells.total));
        const diff = r.cells.total.value.minus(product);
        if (diff.abs().lte(slack)) continue;
        const sh = r.cells.total.loc.sheet;
        emit.emit({ loc: r.cells.total.loc, table: t.title, related: [r.quantity.loc, r.price.loc], expected: emit.show(product, sh), actual: emit.show(r.cells.total.value, sh), message: `${t.title} ${r.cells.total.loc.address}：“${r.item}”合计 ${emit.show(r.cells.total.value, sh)}，数量×单价 = ${emit.show(product, sh)}，相差 ${emit.show(diff.abs(), sh)}，请核实。` });
      }
    },
  },
  {
    id: "T10-03",
    confidence: "H",
    tables: "表10",
    description: "预留中小微企业份额不大于政府采购金额合计",
    check(wb, emit) {
      const t = wb.t10;
      if (!t) return;
      for (const r of t.rows) emit.atMost(t.title, { amount: r.cells.sme, label: `“${r.item || r.project}”预留中小微企业份额` }, { amount: r.cells.total, label: "该行合计" });
    },
  },
  {
    id: "T10-04",
    confidence: "M",
    tables: "表10",
    description: "同一项目的政府采购金额之和不大于该项目预算资金",
    check(wb, emit) {
      const t = wb.t10;
      if (!t) return;
      const byProject = new Map<string, typeof t.rows>();
      for (const r of t.rows) {
        if (!r.project) continue;
        byProject.set(r.project, [...(byProject.get(r.project) ?? []), r]);
      }
      for (const [name, rows] of byProject) {
        const budget = rows.find((r) => !r.cells.projectBudget.blank)?.cells.projectBudget;
        if (!budget) continue;
        const total = sumOf(rows.map((r) => ({ key: "", label: "", labelLoc: r.loc, cells: r.cells })), "total");
        if (total.amount.value.lte(budget.value)) continue;
        const sh = budget.loc.sheet;
        emit.emit({ loc: budget.loc, table: t.title, related: total.parts.map((p) => p.loc), expected: `≥ ${emit.show(total.amount.value, sh)}`, actual: emit.show(budget.value, sh), message: `${t.title} ${budget.loc.address}：项目“${name}”预算资金 ${emit.show(budget.value, sh)}，小于其政府采购金额之和 ${emit.show(total.amount.value, sh)}。` });
      }
    },
  },
  {
    id: "T11-01",
    confidence: "M",
    tables: "表11",
    description: "资产总额（价值）= 房屋 + 车辆 + 单价 20 万元以上设备 + 其他固定资产",
    check(wb, emit) {
      const t = wb.t11;
      if (t) rowsSum(emit, t, t.rows.total, "value", [t.rows.house, t.rows.vehicle, t.rows.equipment, t.rows.other], "房屋+车辆+20万元以上设备+其他固定资产");
    },
  },
  {
    id: "T11-02",
    confidence: "H",
    tables: "表11",
    description: "“其中：办公用房”不大于其所属“房屋”（数量和价值）",
    check(wb, emit) {
      const t = wb.t11;
      const office = t?.rows.office;
      if (!t || !office) return;
      const house = t.rows.house;
      for (const [col, name, unitText] of [
        ["quantity", "数量", "平方米"],
        ["value", "价值", t.unit],
      ] as const) {
        const o = office.cells[col];
        const h = cellOf(house, col);
        if (!o || o.value.lte(h.value)) continue;
        const show = (a: Amount) => (col === "quantity" ? a.raw.toString() : emit.show(a.value, a.loc.sheet || o.loc.sheet));
        const blankParent = h.blank ? "（房屋行为空）" : "";
        emit.emit({
          loc: o.loc,
          table: t.title,
          related: h.loc.col >= 0 ? [h.loc] : [],
          expected: `≤ ${show(h)}`,
          actual: show(o),
          message: `${t.title} ${o.loc.address}：“其中：办公用房”${name} ${show(o)} ${unitText}，大于其所属“1、房屋”的 ${show(h)} ${unitText}${blankParent}。“其中”项不能超过父项，请补填房屋的数量和价值，并核对资产总额。`,
        });
      }
    },
  },
  {
    id: "T12-01",
    confidence: "H",
    tables: "表12",
    description: "项目绩效目标表：预算数 = 财政资金 + 其他资金",
    check(wb, emit) {
      for (const p of wb.projects) {
        if (!p.budget) continue;
        emit.sum({ table: p.title, target: { amount: p.budget, label: `项目“${p.name}”预算数` }, items: [p.fiscal, p.other].filter(Boolean).map((a) => ({ amount: a! })), itemsLabel: "财政资金+其他资金" });
      }
    },
  },
  {
    id: "T12-02",
    confidence: "M",
    tables: "表12",
    description: "资金支出计划逐期累计不减少，12月底等于预算数（金额）或 100（百分比），并与表头的单位一致",
    check(wb, emit) {
      for (const p of wb.projects) {
        if (p.plan.length === 0 || !p.budget) continue;
        for (let i = 1; i < p.plan.length; i++) {
          const prev = p.plan[i - 1].amount;
          const cur = p.plan[i].amount;
          if (!notAbove(prev, cur)) emit.emit({ loc: cur.loc, table: p.title, related: [prev.loc], message: `${p.title} ${cur.loc.address}：资金支出计划“${p.plan[i].label}”${cur.raw.toFixed(2)} 小于“${p.plan[i - 1].label}”${prev.raw.toFixed(2)}。支出计划应为逐期累计数。` });
        }
        const last = p.plan[p.plan.length - 1].amount;
        const percent = isPercentHeader(p.planHeader);
        const equalsBudget = sameFigure(last, p.budget) || last.value.minus(p.budget.value).abs().lte(halfStepOf(last).plus(halfStepOf(p.budget)));
        const equals100 = percent && last.raw.minus(100).abs().lte(halfStepOf(last));
        if (percent && equalsBudget && !equals100) {
          emit.emit({ loc: last.loc, table: p.title, related: [p.budget.loc], message: `${p.title} ${last.loc.address}：表头“${p.planHeader}”表示百分比，但各期填的是金额（12月底 ${last.raw.toFixed(2)} 等于预算数 ${p.budget.raw.toFixed(2)}）。请把表头改为“资金支出计划（万元）”或改填百分比。` });
        } else if (!equalsBudget && !(percent && equals100)) {
          emit.emit({ loc: last.loc, table: p.title, related: [p.budget.loc], message: `${p.title} ${last.loc.address}：12月底累计支出计划 ${last.raw.toFixed(2)}，${percent ? "既不是 100%，也不" : "不"}等于预算数 ${p.budget.raw.toFixed(2)}。` });
        }
      }
    },
  },
  {
    id: "T12-03",
    confidence: "M",
    tables: "表12",
    description: "绩效指标齐全：产出（数量、质量、时效、成本）、效益、满意度指标各至少一项",
    check(wb, emit) {
      for (const p of wb.projects) {
        if (p.indicators.length === 0) {
          emit.emit({ loc: p.titleLoc, table: p.title, message: `${p.title}：没有读到任何绩效指标（“一级指标”表头下）。` });
          continue;
        }
        const has = (l1: string, l2?: string) => p.indicators.some((i) => i.level1.includes(l1) && (!l2 || i.level2.includes(l2)));
        const missing: string[] = [];
        for (const l2 of ["数量", "质量", "时效", "成本"]) if (!has("产出", l2) && !(l2 === "成本" && has("成本"))) missing.push(`产出指标-${l2}指标`);
        if (!has("效益")) missing.push("效益指标");
        if (!has("满意度")) missing.push("满意度指标");
        if (missing.length) emit.emit({ loc: p.titleLoc, table: p.title, message: `${p.title}：缺少 ${missing.join("、")}。` });
      }
    },
  },
  {
    id: "T12-04",
    confidence: "L",
    tables: "表12",
    description: "指标值写明方向和单位；成本指标一般用“≤”",
    check(wb, emit) {
      for (const p of wb.projects) {
        for (const i of p.indicators) {
          const v = i.value.replace(/\s/g, "");
          if (!v) continue;
          const cost = i.level2.includes("成本") || i.level1.includes("成本");
          if (cost && /^[≥＞>]/.test(v)) {
            emit.emit({ loc: i.loc, table: p.title, message: `${p.title} ${i.loc.address}：成本指标“${i.level3}”的指标值“${i.value}”用了“≥”，成本一般应控制在上限以内（≤），请核实方向。` });
          } else if (/^[≥≤＞＜<>=]?\d+(\.\d+)?$/.test(v)) {
            emit.emit({ loc: i.loc, table: p.title, message: `${p.title} ${i.loc.address}：指标“${i.level3}”的指标值“${i.value}”没有计量单位。` });
          }
        }
      }
    },
  },
];


