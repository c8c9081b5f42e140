// B.1: 类/款/项 hierarchy and code rules for the code tables (T2, T3, T5, T6, T7, T8).
import { ECONOMIC_NAMES, FUNCTIONAL_NAMES, normName } from "../model/classification";
import type { Amount, BudgetWorkbook, CodeRow, CodeTable } from "../model/types";
import { amountKeys, childrenOf, classRows, codeIndex, colLabel, parentCode, rowLabel } from "./access";
import { footsExactly, type Emitter, type Rule } from "./framework";

const functional = (wb: BudgetWorkbook) => [wb.t2, wb.t3, wb.t5, wb.t7, wb.t8].filter(Boolean) as CodeTable[];
const allCode = (wb: BudgetWorkbook) => [wb.t2, wb.t3, wb.t5, wb.t6, wb.t7, wb.t8].filter(Boolean) as CodeTable[];

/** A parent row (a 类, a 款 or the 合计 row) = Σ its child rows, in every amount column. */
function childSums(emit: Emitter, t: CodeTable, parent: CodeRow, kids: CodeRow[], kidsLabel: () => string): void {
  for (const k of amountKeys(t)) {
    const parts: Amount[] = [];
    for (const c of kids) parts.push(c.cells[k]);
    if (footsExactly(parent.cells[k], parts)) continue;
    emit.sum({
      table: t.title,
      target: { amount: parent.cells[k], label: () => `${rowLabel(parent)} ${colLabel(t.key, k)}` },
      items: parts.map((amount) => ({ amount })),
      itemsLabel: kidsLabel,
    });
  }
}

function parentSums(emit: Emitter, t: CodeTable, level: 1 | 2, childName: string): void {
  for (const row of t.rows) {
    if (row.level !== level) continue;
    const kids = childrenOf(t, row);
    if (kids.length > 0) childSums(emit, t, row, kids, () => `所属${childName}（${kids.map((c) => c.code).join("、")}）之和`);
  }
}

export const HIERARCHY_RULES: Rule[] = [
  {
    id: "H-01",
    confidence: "H",
    tables: "表2、3、5、6、7、8",
    description: "合计行等于各“类”行之和（每个金额列）",
    check(wb, emit) {
      for (const t of allCode(wb)) {
        const classes = classRows(t);
        if (!t.total) {
          if (t.rows.length) emit.emit({ loc: t.titleLoc, table: t.title, message: `${t.title}：有科目行但没有“合计”行。请在科目行上方加入合计行。` });
          continue;
        }
        childSums(emit, t, t.total, classes, () => (classes.length ? `各类（${classes.map((c) => c.code).join("、")}）之和` : "各类之和"));
      }
    },
  },
  {
    id: "H-02",
    confidence: "H",
    tables: "表2、3、5、7、8",
    description: "功能分类“类”等于其所属各“款”之和",
    check(wb, emit) {
      for (const t of functional(wb)) parentSums(emit, t, 1, "款");
    },
  },
  {
    id: "H-03",
    confidence: "H",
    tables: "表2、3、5、7、8",
    description: "功能分类“款”等于其所属各“项”之和",
    check(wb, emit) {
      for (const t of functional(wb)) parentSums(emit, t, 2, "项");
    },
  },
  {
    id: "H-04",
    confidence: "H",
    tables: "表6",
    description: "经济分类“类”等于其所属各“款”之和",
    check(wb, emit) {
      if (wb.t6) parentSums(emit, wb.t6, 1, "款");
    },
  },
  {
    id: "H-05",
    confidence: "H",
    tables: "表2、3、5、6、7、8",
    description: "科目编码与科目名称相符（按政府收支分类科目字典；字典已知的编码用了别的名称时提示）",
    check(wb, emit) {
      for (const t of allCode(wb)) {
        const dict = t.key === "T6" ? ECONOMIC_NAMES : FUNCTIONAL_NAMES;
        for (const row of t.rows) {
          const known = dict[row.code];
          if (!known || !row.name) continue;
          if (known === row.name || normName(known) === normName(row.name)) continue;
          emit.emit({
            loc: row.nameLoc,
            severity: "warning",
            table: t.title,
            related: [row.codeLoc],
            expected: known,
            actual: row.name,
            message: `${t.title} ${row.nameLoc.address}：科目编码 ${row.code} 的标准名称是“${known}”，表中写作“${row.name}”。请核对编码或名称。`,
          });
        }
      }
    },
  },
  {
    id: "H-06",
    confidence: "H",
    tables: "表2、3、5、6、7、8",
    description: "每个“项”都有其所属“款”行，每个“款”都有其所属“类”行",
    check(wb, emit) {
      for (const t of allCode(wb)) {
        const idx = codeIndex(t);
        for (const row of t.rows) {
          const p = parentCode(row.code);
          if (!p || idx.has(p)) continue;
          const what = row.level === 3 ? "款" : "类";
          emit.emit({
            loc: row.codeLoc,
            table: t.title,
            message: `${t.title} ${row.codeLoc.address}：${rowLabel(row)} 缺少其所属的${what}行（编码 ${p}），上级合计无法核对。请补上 ${p} 行。`,
          });
        }
      }
    },
  },
  {
    id: "H-07",
    confidence: "M",
    tables: "表2、3、5、6、7、8",
    description: "公开的末级科目（功能分类项、经济分类款）应有金额",
    check(wb, emit) {
      for (const t of allCode(wb)) {
        for (const row of t.rows) {
          if (childrenOf(t, row).length > 0) continue;
          if (t.key !== "T6" && row.level !== 3) continue;
          if (Object.values(row.cells).some((a) => !a.value.isZero())) continue;
          emit.emit({ loc: row.codeLoc, table: t.title, message: `${t.title} ${row.codeLoc.address}：${rowLabel(row)} 各列金额均为空或 0。只应列示有预算的科目，请删除该行或补填金额。` });
        }
      }
    },
  },
];
