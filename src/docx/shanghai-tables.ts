// Tables 1–9 in Shanghai's published form (layout-variants.md, real-disclosures/shanghai-*): no 序号 or 栏次, codes in
// 类 | 款 | 项 columns, the 合计 row last, figures in the table's own unit (元 with thousands separators), only the
// columns the table has, the 收支总表's classes with money renumbered, the 三公 table as one row with 机关运行经费.
import { budgetSubject, titleFor } from "../core/facts";
import { chineseOrdinal } from "../core/model/classification";
import { fmt, thousands } from "../core/money";
import type { Amount, BudgetWorkbook, CodeRow, CodeTable, LabeledTable, TableKey, TwoSidedTable } from "../core/model/types";
import { specFor } from "../core/model/table-specs";
import type { GridCell } from "./grid";
import { hasAmounts, mid, notesFor, num, txt, type ColumnKind, type TableContent } from "./tables";
import { SIZE } from "./typography";

/** A figure as the sheet shows it: its own unit and decimals, thousands separated; blank stays blank. */
function shown(a: Amount | undefined, decimals: number): string {
  if (!a || a.blank || a.absent) return "";
  return thousands(fmt(a.raw, Math.max(0, decimals)));
}

/** Shanghai's wording of the amount columns, where it differs from the seed's first label. */
const LABELS: Record<string, string> = {
  fiscal: "财政拨款收入",
  special: "财政专户管理资金收入",
  superior: "上级补助收入",
  affiliated: "附属单位上缴收入",
  carry: "上年结转",
  personnel: "人员经费",
  public: "公用经费",
  exTotal: "合计",
  exGp: "一般公共预算",
  exFund: "政府性基金预算",
  exSoe: "国有资本经营预算",
  inAmount: "预算数",
  exAmount: "预算数",
};
/** The same column key worded per table. */
const TABLE_LABELS: Partial<Record<TableKey, Record<string, string>>> = { T2: { operating: "事业单位经营收入" }, T3: { operating: "事业单位经营支出" } };
const GROUP: Partial<Record<TableKey, string>> = {
  T2: "收入预算",
  T3: "支出预算",
  T5: "一般公共预算支出",
  T6: "一般公共预算基本支出",
  T7: "政府性基金预算支出",
  T8: "国有资本经营预算支出",
};

// 编制部门 or 编制单位 as the whole workbook is (a table title like "…部门预算经济分类…" names the classification).
function headLine(wb: BudgetWorkbook, t: { deptName?: string; unit: string } | undefined): [string, string, string] {
  return [`编制${budgetSubject(wb)}：${t?.deptName ?? wb.deptName ?? ""}`, "", `单位：${t?.unit ?? "万元"}`];
}

/** Amount columns the table has (a layout without a column marks its cells absent). */
function presentColumns(keys: string[], cells: Record<string, Amount>[]): string[] {
  return keys.filter((k) => cells.some((c) => c[k] && !c[k].absent));
}

function codeTable(wb: BudgetWorkbook, key: TableKey, t: CodeTable | undefined): TableContent {
  const spec = specFor(key);
  const economic = key === "T6";
  const parts = economic ? ["类", "款"] : ["类", "款", "项"];
  const all = t ? [...t.rows, ...(t.total ? [t.total] : [])] : [];
  const amountKeys = spec.columns.filter((c) => c.amount).map((c) => c.key);
  const keys = t ? presentColumns(amountKeys, all.map((r) => r.cells)) : amountKeys;
  const label = (k: string) => TABLE_LABELS[key]?.[k] ?? LABELS[k] ?? spec.columns.find((c) => c.key === k)!.labels[0];
  const decimals = t?.sheetDecimals ?? 2;
  const split = (r: CodeRow) => [r.code.slice(0, 3), r.code.slice(3, 5), r.code.slice(5, 7)].slice(0, parts.length);
  const header: GridCell[][] = [
    [{ ...mid("项目"), span: parts.length + 1 }, { ...mid(GROUP[key] ?? ""), span: keys.length }],
    [{ ...mid(economic ? "部门预算经济分类科目编码" : "功能分类科目编码"), span: parts.length }, { ...mid(economic ? "经济分类科目名称" : "功能分类科目名称"), rowSpan: 2 }, ...keys.map((k) => ({ ...mid(label(k)), rowSpan: 2 }))],
    parts.map(mid),
  ];
  const empty = !hasAmounts(all.flatMap((r) => Object.values(r.cells)));
  const rows = empty ? [] : (t?.rows ?? []);
  const body: GridCell[][] = [
    ...rows.map((r) => [...split(r).map(mid), txt(r.name), ...keys.map((k) => num(shown(r.cells[k], decimals)))]),
    [{ ...mid("合计"), span: parts.length + 1 }, ...keys.map((k) => num(shown(t?.total?.cells[k], decimals)))],
  ];
  const kinds: ColumnKind[] = [...parts.map(() => "code" as const), "name", ...keys.map(() => "amount" as const)];
  const landscape = kinds.length > 9;
  return { header, body, kinds, headLine: headLine(wb, t), notes: notesFor(t, spec, empty), landscape, size: landscape || kinds.length > 7 ? SIZE.小五 : SIZE.五号, title: t?.title ?? titleFor(wb, spec.title) };
}

const TOTALS = ["total", "grand"];
const isCarry = (k: string) => /^carry/.test(k);

/** 收支总表 and 财政拨款收支总表: the income rows as the table has them, the classes with money renumbered, 总计 last. */
function twoSided(wb: BudgetWorkbook, key: "T1" | "T4", t: TwoSidedTable | undefined): TableContent {
  const spec = specFor(key);
  const exAll = spec.columns.filter((c) => c.amount && c.group === "支出").map((c) => c.key);
  const exKeys = t ? presentColumns(exAll, Object.values(t.expense).map((r) => r.cells)) : exAll;
  const decimals = t?.sheetDecimals ?? 2;
  const printed = (r: { labelLoc: { col: number } }) => r.labelLoc.col >= 0;
  const money = (r: { cells: Record<string, Amount> }) => hasAmounts(Object.values(r.cells));
  const byRow = <T extends { labelLoc: { row: number } }>(a: T, b: T) => a.labelLoc.row - b.labelLoc.row;
  const income = Object.values(t?.income ?? {}).filter((r) => printed(r) && !TOTALS.includes(r.key) && (!isCarry(r.key) || money(r))).sort(byRow);
  const expense = Object.values(t?.expense ?? {}).filter((r) => printed(r) && !TOTALS.includes(r.key) && !isCarry(r.key) && money(r)).sort(byRow);
  const carry = Object.values(t?.expense ?? {}).filter((r) => printed(r) && isCarry(r.key) && money(r));
  const exCells = (r?: { cells: Record<string, Amount> }) => exKeys.map((k) => num(shown(r?.cells[k], decimals)));
  const body: GridCell[][] = [];
  for (let i = 0; i < Math.max(income.length, expense.length); i++) {
    const inRow = income[i];
    const exRow = expense[i];
    body.push([
      txt(inRow?.label ?? ""),
      num(shown(inRow?.cells.inAmount, decimals)),
      txt(exRow ? `${chineseOrdinal(i + 1)}、${exRow.label.replace(/^\s*[一二三四五六七八九十]+\s*、\s*/, "")}` : ""),
      ...exCells(exRow),
    ]);
  }
  for (const r of carry) body.push([txt(""), num(""), txt(r.label), ...exCells(r)]);
  const grand = (side: Record<string, { cells: Record<string, Amount> }> | undefined) => side?.grand ?? side?.total;
  body.push([mid("收入总计"), num(shown(grand(t?.income)?.cells.inAmount, decimals)), mid("支出总计"), ...exCells(grand(t?.expense))]);
  const [inGroup, exGroup] = key === "T1" ? ["本年收入", "本年支出"] : ["财政拨款收入", "财政拨款支出"];
  const header: GridCell[][] = [
    [{ ...mid(inGroup), span: 2 }, { ...mid(exGroup), span: 1 + exKeys.length }],
    [mid("项目"), mid("预算数"), mid("项目"), ...exKeys.map((k) => mid(LABELS[k] ?? k))],
  ];
  const kinds: ColumnKind[] = ["name", "amount", "name", ...exKeys.map(() => "amount" as const)];
  // Labels as long as 五、文化旅游体育与传媒支出 beside four amount columns need a landscape page.
  return { header, body, kinds, headLine: headLine(wb, t), notes: notesFor(t, spec, false), landscape: kinds.length > 5, size: SIZE.五号, title: t?.title ?? titleFor(wb, spec.title) };
}

/** “三公”经费和机关运行经费预算表: one row, 机关运行经费 beside the 三公 figures. */
function threePublic(wb: BudgetWorkbook, t: LabeledTable | undefined): TableContent {
  const spec = specFor("T9");
  const decimals = t?.sheetDecimals ?? 2;
  const fig = (k: string) => num(shown((t?.rows[k] ?? t?.extra?.[k])?.cells.total, decimals));
  const header: GridCell[][] = [
    [{ ...mid("“三公”经费预算数"), span: 6 }, { ...mid("机关运行经费预算数"), rowSpan: 3 }],
    [{ ...mid("合计"), rowSpan: 2 }, { ...mid("因公出国（境）费"), rowSpan: 2 }, { ...mid("公务接待费"), rowSpan: 2 }, { ...mid("公务用车购置及运行费"), span: 3 }],
    [mid("小计"), mid("购置费"), mid("运行费")],
  ];
  const body = [["total", "abroad", "reception", "car", "carBuy", "carRun", "running"].map(fig)];
  const empty = !t || !hasAmounts(Object.values(t.rows).flatMap((r) => Object.values(r.cells)));
  return { header, body, kinds: Array(7).fill("amount"), headLine: headLine(wb, t), notes: notesFor(t, spec, empty), landscape: false, size: SIZE.五号, title: t?.title ?? titleFor(wb, spec.title) };
}

/** The content of table `key` (T1–T9) in Shanghai's form, or undefined for tables Shanghai does not publish. */
export function shanghaiContent(wb: BudgetWorkbook, key: TableKey): TableContent | undefined {
  const t = (wb as unknown as Record<string, CodeTable | TwoSidedTable | LabeledTable | undefined>)[key.toLowerCase()];
  if (key === "T1" || key === "T4") return twoSided(wb, key, t?.kind === "two-sided" ? t : undefined);
  if (key === "T9") return threePublic(wb, t?.kind === "labeled" ? t : undefined);
  if (["T2", "T3", "T5", "T6", "T7", "T8"].includes(key)) return codeTable(wb, key, t?.kind === "code" ? t : undefined);
  return undefined;
}

