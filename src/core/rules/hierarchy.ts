// B.1: 类/款/项 hierarchy and code rules for the code tables (T2, T3, T5, T6, T7, T8).
import { ECONOMIC_NAMES, NAME_ALIASES, dictionaryName, normName, obsoleteClassName } from "../model/classification";
import { normLabel } from "../model/text";
import type { Amount, BudgetWorkbook, CodeRow, CodeTable } from "../model/types";
import { amountKeys, childrenOf, classRows, codeIndex, colLabel, parentCode, rowHasNonZero, rowLabel } from "./access";
import { childrenFootInFen, footsExactly, type Emitter, type Rule } from "./framework";

const functional = (wb: BudgetWorkbook) => [wb.t2, wb.t3, wb.t5, wb.t7, wb.t8].filter(Boolean) as CodeTable[];
const allCode = (wb: BudgetWorkbook) => [wb.t2, wb.t3, wb.t5, wb.t6, wb.t7, wb.t8].filter(Boolean) as CodeTable[];

/** A parent row (a 类, a 款 or the 合计 row) = Σ its child rows, in every amount column. */
function childSums(emit: Emitter, t: CodeTable, parent: CodeRow, kids: CodeRow[], kidsLabel: () => string): void {
  for (const k of amountKeys(t)) {
    if (childrenFootInFen(parent, kids, k)) continue;
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

/** A table's name for a code agrees with the dictionary's: the same words, or a known other wording. */
function sameName(known: string, name: string, code: string, economic: boolean): boolean {
  if (known === name) return true; // most rows: no normalising
  const n = normName(name);
  if (normName(known) === n) return true;
  return (NAME_ALIASES[economic ? "economic" : "functional"][code] ?? []).some((a) => normName(a) === n);
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
    tables: "表1、2、3、4、5、6、7、8",
    description: "科目编码与科目名称相符（按预算年度的政府收支分类科目字典；名称不符、经济分类编码不存在或用了已停用的类名时提示）",
    check(wb, emit) {
      const year = wb.year ? Number(wb.year) : undefined;
      for (const t of allCode(wb)) {
        const economic = t.key === "T6";
        for (const row of t.rows) {
          if (!row.name) continue;
          const known = dictionaryName(row.code, economic, year);
          if (!known) {
            // The economic classification is short and complete: a code outside it is no code at all.
            if (economic && (row.level === 1 || ECONOMIC_NAMES[row.code.slice(0, 3)])) {
              emit.emit({ loc: row.codeLoc, severity: "warning", table: t.title, related: [row.nameLoc], actual: `${row.code} ${row.name}`, message: `${t.title} ${row.codeLoc.address}：${row.code}（${row.name}）不是${year ? `${year}年` : ""}部门预算支出经济分类中的编码。请按经济分类科目核对编码。` });
            }
            continue;
          }
          if (sameName(known, row.name, row.code, economic)) continue;
          const former = economic ? undefined : obsoleteClassName(row.code, row.name, year);
          emit.emit({
            loc: row.nameLoc,
            severity: "warning",
            table: t.title,
            related: [row.codeLoc],
            expected: known,
            actual: row.name,
            message: former
              ? `${t.title} ${row.nameLoc.address}：“${row.name}”是 ${former.until} 年及以前的类名，${year ?? "本"}年的科目 ${row.code} 名为“${known}”。请改用现行名称。`
              : `${t.title} ${row.nameLoc.address}：科目编码 ${row.code} 的标准名称是“${known}”，表中写作“${row.name}”。请核对编码或名称。`,
          });
        }
      }
      // 收支总表 and 财政拨款收支总表 name the classes in their rows: an obsolete class name there too.
      for (const t of [wb.t1, wb.t4]) {
        if (!t) continue;
        for (const row of Object.values(t.expense)) {
          const label = normLabel(row.label);
          const former = obsoleteClassName(row.key, label, year);
          if (!former) continue;
          const current = dictionaryName(row.key, false, year);
          emit.emit({ loc: row.labelLoc, severity: "warning", table: t.title, expected: current, actual: row.label, message: `${t.title} ${row.labelLoc.address}：“${label}”是 ${former.until} 年及以前的类名，${year ?? "本"}年的 ${row.key} 类名为“${current}”。请改用现行名称。` });
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
          if (t.key !== "T6" && row.level !== 3) continue;
          if (childrenOf(t, row).length > 0) continue;
          if (rowHasNonZero(t, row)) continue;
          emit.emit({ loc: row.codeLoc, table: t.title, message: `${t.title} ${row.codeLoc.address}：${rowLabel(row)} 各列金额均为空或 0。只应列示有预算的科目，请删除该行或补填金额。` });
        }
      }
    },
  },
];
