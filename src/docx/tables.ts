// The published tables 1–12 and the 机构设置 table as grids, laid out as the seed publishes them.
import type { FileChild, Table } from "docx";
import { titleFor } from "../core/facts";
import { fmt } from "../core/money";
import { FUNCTIONAL_CLASSES, classKey } from "../core/model/classification";
import { specFor, type ColumnSpec, type TableSpec } from "../core/model/table-specs";
import type { Amount, BudgetWorkbook, CodeTable, LabeledRow, LabeledTable, Note, ProcurementTable, ProjectTable, TableKey, TwoSidedTable } from "../core/model/types";
import { CELL_MARGIN, fitWidths, gridTable, gridTables, textWidth, widthsFrom, type ColumnNeed, type GridCell } from "./grid";
import { rowMark } from "./pagination";
import { SIZE } from "./typography";

/** Blank for zero, as the 一体化 exports and the seed print them. */
export function showAmount(a: Amount | undefined, blankZero = true): string {
  if (!a || a.blank || (blankZero && a.value.isZero())) return "";
  return fmt(a.value);
}

/** Quantities (m², vehicles, pieces) as written, without forced decimals. */
function showQuantity(a: Amount | undefined): string {
  if (!a || a.blank || a.value.isZero()) return "";
  return a.raw.toString();
}

export const num = (text: string): GridCell => ({ text, align: "right" });
export const mid = (text: string): GridCell => ({ text, align: "center" });
export const txt = (text: string): GridCell => ({ text, align: "left" });

export type ColumnKind = "seq" | "code" | "name" | "amount" | "text";

function kindOf(c: ColumnSpec): ColumnKind {
  if (c.amount) return "amount";
  if (c.key === "code" || c.key === "catalog") return "code";
  if (c.key === "name" || c.key === "inLabel" || c.key === "exLabel" || c.key === "label" || c.key === "project" || c.key === "item") return "name";
  return "text";
}


export interface PublishedTable {
  key: TableKey;
  title: string;
  /** Line between the title and the table: department, year (or 截止时间), unit. */
  headLine: [string, string, string];
  /** The table, or its parts when it is split at page breaks (each continuation marked 续表). */
  table: FileChild[];
  notes: string[];
  /** Wide tables go on a landscape page. */
  landscape: boolean;
}

function headerLabel(c: ColumnSpec, year?: string): string {
  if (c.key === "sme") return `${year ?? ""}年预留中小微企业份额`;
  if (c.key === "value") return "价值（金额单位：万元）";
  return c.labels[0];
}

/** One or two header rows from the spec's column groups, plus the 栏次 row. */
function headerRows(spec: TableSpec, seq: boolean, year?: string): GridCell[][] {
  const cols = spec.columns;
  const grouped = cols.some((c) => c.group);
  const top: GridCell[] = [];
  const second: GridCell[] = [];
  if (seq) top.push({ ...mid("序号"), rowSpan: grouped ? 2 : 1 });
  for (let i = 0; i < cols.length; ) {
    const g = cols[i].group;
    if (!grouped) {
      top.push(mid(headerLabel(cols[i], year)));
      i++;
    } else if (!g) {
      top.push({ ...mid(headerLabel(cols[i], year)), rowSpan: 2 });
      i++;
    } else {
      let j = i;
      while (j < cols.length && cols[j].group === g) second.push(mid(headerLabel(cols[j++], year)));
      top.push({ ...mid(g), span: j - i });
      i = j;
    }
  }
  const rows = grouped ? [top, second] : [top];
  if (spec.hasColumnNumbers) rows.push([...(seq ? [mid("栏次")] : []), ...cols.map((_, i) => mid(String(i + 1)))]);
  return rows;
}

/**
 * Column widths from the table's content: 序号, codes and amounts never break (their longest text and the padding),
 * names want their longest text on one line and may wrap down to five characters, and each header label wants at
 * most three lines.
 */
function widthsFor(kinds: ColumnKind[], total: number, header: GridCell[][], body: GridCell[][], size: number): number[] {
  const pad = 2 * CELL_MARGIN + 30;
  const w = (t: string) => textWidth(t, size) + pad;
  const chars = (n: number) => n * size * 10 + pad;
  const needs: ColumnNeed[] = kinds.map((k, i) => {
    const texts = body.filter((r) => r.length === kinds.length && !r.some((c) => (c.span ?? 1) > 1)).map((r) => r[i].text);
    const longest = Math.max(0, ...texts.map(w));
    const fixed = k === "seq" || k === "code" || k === "amount";
    const min = fixed ? Math.max(longest, chars(2)) : Math.min(Math.max(longest, chars(2)), chars(5));
    return { min, want: Math.max(min, longest) };
  });
  // Header labels in a single column: two lines wanted, three at most, never one character a line.
  for (const row of header) {
    let col = 0;
    for (const c of row) {
      while (col < kinds.length && header.some((r) => r !== row && occupiesBelow(header, r, row, col))) col++;
      if ((c.span ?? 1) === 1 && col < needs.length) {
        const n = [...c.text].length;
        needs[col].min = Math.max(needs[col].min, chars(Math.max(2, Math.ceil(n / 3))));
        needs[col].want = Math.max(needs[col].want, needs[col].min, chars(Math.ceil(n / 2)));
      }
      col += c.span ?? 1;
    }
  }
  return fitWidths(needs, total);
}

/** Whether a cell of `above` spanning rows down covers column `col` of `row` (header rows only, so a few cells). */
function occupiesBelow(header: GridCell[][], above: GridCell[], row: GridCell[], col: number): boolean {
  const ai = header.indexOf(above);
  const ri = header.indexOf(row);
  if (ai >= ri) return false;
  let c = 0;
  for (const cell of above) {
    const span = cell.span ?? 1;
    if (col >= c && col < c + span) return (cell.rowSpan ?? 1) > ri - ai;
    c += span;
  }
  return false;
}

export function notesFor(t: { notes: Note[] } | undefined, spec: TableSpec, empty: boolean): string[] {
  const own = (t?.notes ?? []).map((n) => n.text.trim()).filter((n) => empty || !/空表/.test(n));
  if (!t) return ["注：工作簿中未找到本表，请补充后重新导出。"];
  if (empty && spec.emptyNote && !own.some((n) => /空表/.test(n))) own.push(spec.emptyNote);
  return own;
}

export const hasAmounts = (cells: Amount[]) => cells.some((a) => !a.value.isZero());

function deptLine(wb: BudgetWorkbook, t?: { deptCode?: string; deptName?: string }): string {
  return [t?.deptCode ?? wb.deptCode, t?.deptName ?? wb.deptName].filter(Boolean).join(" ");
}

// T1 and T4: fixed row numbers on each side (domain-rules A.1 / A.4).
const T1_INCOME: Record<number, string> = { 1: "gp", 2: "fund", 3: "soe", 4: "special", 5: "unitFunds", 32: "total", 33: "carry", 34: "grand" };
const T4_INCOME: Record<number, string> = { 1: "gp", 2: "fund", 3: "soe", 32: "total", 33: "carry", 34: "carryGp", 35: "carryFund", 36: "carrySoe", 37: "grand" };

function twoSidedRows(t: TwoSidedTable | undefined, spec: TableSpec): GridCell[][] {
  const income = spec.key === "T1" ? T1_INCOME : T4_INCOME;
  const last = spec.key === "T1" ? 34 : 37;
  const expenseAt: Record<number, string> = { 32: "total", 33: "carry", [last]: "grand" };
  FUNCTIONAL_CLASSES.forEach((c) => (expenseAt[c.row] = classKey(c)));
  const exCols = spec.columns.filter((c) => c.amount && c.group === "支出").map((c) => c.key);
  const label = (rows: Record<string, LabeledRow> | undefined, specRows: TableSpec["incomeRows"], key: string | undefined) =>
    key ? (rows?.[key]?.label ?? specRows?.find((r) => r.key === key)?.labels[0] ?? "") : "";
  const out: GridCell[][] = [];
  for (let n = 1; n <= last; n++) {
    const ik = income[n];
    const ek = expenseAt[n];
    const inRow = ik ? t?.income[ik] : undefined;
    const exRow = ek ? t?.expense[ek] : undefined;
    out.push([
      mid(String(n)),
      txt(label(t?.income, spec.incomeRows, ik)),
      num(showAmount(inRow?.cells.inAmount)),
      txt(label(t?.expense, spec.expenseRows, ek)),
      ...exCols.map((k) => num(showAmount(exRow?.cells[k]))),
    ]);
  }
  return out;
}

function codeRows(t: CodeTable, spec: TableSpec): GridCell[][] {
  const amountKeys = spec.columns.filter((c) => c.amount).map((c) => c.key);
  const rows = [...(t.total ? [t.total] : []), ...t.rows];
  return rows.map((r, i) => [
    mid(String(i + 1)),
    txt(r.code),
    r.level === 0 ? mid(r.name || "合计") : txt(r.name),
    ...amountKeys.map((k) => num(showAmount(r.cells[k]))),
  ]);
}

function labeledRows(t: LabeledTable, spec: TableSpec, seq: boolean): GridCell[][] {
  const amountCols = spec.columns.filter((c) => c.amount);
  return (spec.rows ?? []).map((r, i) => [
    ...(seq ? [mid(String(i + 1))] : []),
    txt(t.rows[r.key]?.label ?? r.labels[0]),
    ...amountCols.map((c) => (c.key === "quantity" ? num(showQuantity(t.rows[r.key]?.cells[c.key])) : num(showAmount(t.rows[r.key]?.cells[c.key])))),
  ]);
}

function procurementRows(t: ProcurementTable): GridCell[][] {
  return t.rows.map((r) => [
    txt(r.project),
    num(showAmount(r.cells.projectBudget)),
    txt(r.item),
    mid(r.catalog),
    mid(r.measure),
    num(showQuantity(r.quantity)),
    num(showAmount(r.price)),
    ...["total", "gp", "fund", "soe", "special", "unitFunds", "sme"].map((k) => num(showAmount(r.cells[k]))),
  ]);
}

const WIDE: TableKey[] = ["T2", "T4", "T10"];

/** Bookmark prefix of a table's body rows (see TableLayout.marks). */

/** How a table is laid out across pages: its rows bookmarked for a measuring rendering, or split where pages start. */
export interface TableLayout {
  /** Bookmark each body row ("bdT3r12" is row 12 of table 3) for rowBreaks. */
  marks?: boolean;
  /** Body rows that start a page (from rowBreaks of a rendering): continuations printed with 续表. */
  breaks?: number[];
}

/** Tables 1–9 in publication order, then T10 and T11 (placed inside the 情况说明 by the document builder). */
export function publishedTable(wb: BudgetWorkbook, key: TableKey, width: (landscape: boolean) => number, layout: TableLayout = {}): PublishedTable {
  const spec = specFor(key);
  const t = (wb as unknown as Record<string, (CodeTable | TwoSidedTable | LabeledTable | ProcurementTable) | undefined>)[key.toLowerCase()];
  const seq = key !== "T10" && key !== "T11";
  const landscape = WIDE.includes(key);
  const year = t?.year ?? wb.year;
  let body: GridCell[][] = [];
  let empty = true;
  if (t?.kind === "two-sided" || (!t && (key === "T1" || key === "T4"))) {
    body = twoSidedRows(t as TwoSidedTable | undefined, spec);
    empty = false; // the fixed rows are published even when blank
  } else if (t?.kind === "code") {
    empty = !hasAmounts([t.total, ...t.rows].flatMap((r) => (r ? Object.values(r.cells) : [])));
    body = empty ? [] : codeRows(t, spec);
  } else if (t?.kind === "labeled") {
    empty = !hasAmounts(Object.values(t.rows).flatMap((r) => Object.values(r.cells)));
    // The 三公 table is published header-only when empty (seed); 固定资产 always lists its rows.
    body = empty && key === "T9" ? [] : labeledRows(t, spec, seq);
  } else if (t?.kind === "procurement") {
    empty = !hasAmounts(t.rows.flatMap((r) => Object.values(r.cells)));
    body = procurementRows(t);
  }
  const header = headerRows(spec, seq, year);
  const headLine: [string, string, string] =
    key === "T11"
      ? [deptLine(wb, t), `截止时间：${year ? Number(year) - 1 : ""}-12-31`, ""]
      : key === "T10"
        ? [deptLine(wb, t), "", "单位：万元"]
        : [deptLine(wb, t), `预算年度：${year ?? ""}`, "单位：万元"];
  const content: TableContent = {
    title: key === "T11" || key === "T10" ? titleFor(wb, spec.title) : (t?.title ?? titleFor(wb, spec.title)),
    header,
    body,
    kinds: [...(seq ? (["seq"] as ColumnKind[]) : []), ...spec.columns.map(kindOf)],
    headLine,
    notes: key === "T11" ? (t?.notes ?? []).map((n) => n.text) : notesFor(t, spec, empty),
    landscape,
    size: landscape || spec.columns.length > 6 ? SIZE.小五 : SIZE.五号,
  };
  return drawTable(key, content, width, layout);
}

/** A published table's content, before it is drawn: the seed's form above, Shanghai's in shanghai-tables.ts. */
export interface TableContent {
  title: string;
  header: GridCell[][];
  body: GridCell[][];
  /** What each column holds, for its width. */
  kinds: ColumnKind[];
  headLine: [string, string, string];
  notes: string[];
  landscape: boolean;
  /** Font size of the cells, half-points. */
  size: number;
}

/** The table drawn: widths from its content, the caption row, its rows bookmarked or split as `layout` asks. */
export function drawTable(key: TableKey, c: TableContent, width: (landscape: boolean) => number, layout: TableLayout = {}): PublishedTable {
  return {
    key,
    title: c.title,
    headLine: c.headLine,
    table: gridTables({
      widths: widthsFor(c.kinds, width(c.landscape), c.header, c.body, c.size),
      header: c.header,
      body: c.body,
      size: c.size,
      rowHeight: 340,
      caption: c.headLine,
      rowMarks: layout.marks ? rowMark(key) : undefined,
      breaks: layout.breaks,
    }),
    notes: c.notes,
    landscape: c.landscape,
  };
}

/** 项目绩效目标表 (T12): the header block, then the indicator grid with its header repeated on each page. */
export function projectTables(p: ProjectTable, width: number): Table[] {
  const head = widthsFrom([1.3, 1, 1, 1.2, 1, 1, 1], width);
  const plan = p.plan.map((x) => x.amount);
  const labels = p.plan.map((x) => x.label);
  const top = gridTable({
    widths: head,
    header: [],
    size: SIZE.小五,
    rowHeight: 340,
    keepTogether: true,
    body: [
      [mid("项目编码"), { ...mid(p.code), span: 2 }, mid("项目名称"), { ...mid(p.name), span: 3 }],
      [{ ...mid("预算规模及资金用途"), rowSpan: 2 }, mid("预算数"), num(showAmount(p.budget, false)), mid("其中：财政资金"), num(showAmount(p.fiscal, false)), mid("其他资金"), num(showAmount(p.other))],
      [{ ...txt(p.purpose), span: 6 }],
      [{ ...mid(p.planHeader || "资金支出计划"), rowSpan: 2 }, ...[2, 1, 1, 2].map((span, i) => ({ ...mid(labels[i] ?? ""), span }))],
      [2, 1, 1, 2].map((span, i) => ({ ...num(showAmount(plan[i], false)), span })),
      [mid("绩效目标"), { ...txt(p.goal), span: 6 }],
    ],
  });
  // Merge 一级/二级指标 down runs of the same value, as the seed prints them.
  const inds = p.indicators;
  const body: GridCell[][] = inds.map((ind, i) => {
    const cells: GridCell[] = [];
    for (const [field, k] of [
      ["level1", 0],
      ["level2", 1],
    ] as const) {
      const v = ind[field];
      const prevSame = i > 0 && inds[i - 1][field] === v && (k === 0 || inds[i - 1].level1 === ind.level1);
      if (prevSame) continue;
      let n = 1;
      while (i + n < inds.length && inds[i + n][field] === v && (k === 0 || inds[i + n].level1 === ind.level1)) n++;
      cells.push({ ...mid(v), rowSpan: n });
    }
    return [...cells, txt(ind.level3), txt(ind.description), mid(ind.value), txt(ind.basis)];
  });
  const grid = gridTable({
    widths: widthsFrom([0.9, 1.1, 1.5, 1.7, 0.9, 1.6], width),
    header: [["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"].map(mid)],
    body,
    size: SIZE.小五,
    rowHeight: 340,
  });
  return [top, grid];
}

/** 机构设置 from 说明参数 (lines "单位名称|单位性质|单位规格|经费保障形式"). */
export function orgTable(lines: string[], width: number): Table {
  return textTable([["单位名称", "单位性质", "单位规格", "经费保障形式"], ...lines.map((l) => l.split(/[|｜]/).map((x) => x.trim()))], width, [2.6, 1, 1, 1.4]);
}

/**
 * A table a narrative wrote as text rows (the first its header): the first column left, the others centred. Columns
 * weighted by their longest text unless `weights` are given.
 */
export function textTable(rows: string[][], width: number, weights?: number[]): Table {
  const n = Math.max(1, ...rows.map((r) => r.length));
  const filled = rows.map((r) => Array.from({ length: n }, (_, i) => r[i] ?? ""));
  const w = weights ?? Array.from({ length: n }, (_, i) => Math.max(2, ...filled.map((r) => [...r[i]].length)));
  return gridTable({
    widths: widthsFrom(w, width),
    header: filled.slice(0, 1).map((r) => r.map(mid)),
    body: filled.slice(1).map((r) => r.map((c, i) => (i === 0 ? txt(c) : mid(c)))),
    size: SIZE.五号,
    rowHeight: 400,
  });
}
