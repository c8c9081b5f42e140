// Lays out a DepartmentData as a standard budget-disclosure workbook (workbook-layout.md), from TABLE_SPECS.
import ExcelJS from "exceljs";
import Decimal from "decimal.js";
import { KIND_NAMES, PARAM_KEYS, specFor, type ColumnSpec, type FixedRowSpec, type TableSpec } from "../core/model/table-specs";
import type { TableKey, Unit } from "../core/model/types";
import { PLAN_LABELS, type Amt, type AmountRow, type CodeRowData, type DepartmentData, type ProjectData, type TwoSidedData } from "./department-data";
import { thousands } from "../core/money";

export interface LayoutOptions {
  /** 元: every amount ×10000 exactly (quantities and percentages excepted). Default 万元. */
  unit?: Unit;
  /** 科目编码 as numbers instead of text. */
  codesAsNumbers?: boolean;
  /** Amounts as text, mixing "1,042.58", full-width digits and "-"/"—" for zero. */
  amountsAsText?: boolean;
  /** Sheet name per table; for T12 a prefix followed by the project's number. */
  sheetNames?: Partial<Record<TableKey, string>>;
  /** Table order (keys not listed follow in the standard order). */
  order?: TableKey[];
  /** Table 1's 栏次 cell reads 档次, as on one page of the seed. */
  columnNumberTypo?: boolean;
  /** A workbook to type into (init): blank amount cells already formatted 0.00, 说明参数 with a 填写说明 column. */
  forTyping?: boolean;
}

export const STANDARD_ORDER: TableKey[] = ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "PARAMS"];

/** Sheet names of the standard workbook: the kind names, but for the seed's own 三公 and 政府采购 sheets. */
export const DEFAULT_SHEET_NAMES: Record<TableKey, string> = { ...KIND_NAMES, T9: "三公经费支出表", T10: "政府采购预算" };

/** The standard 注 under 政府采购预算 (seed §七). */
export const PROCUREMENT_NOTE = "注：同一采购目录序号的物品，其单价会因配置规格不同而变动，均符合资产配置标准。涉密采购事项按照相关规定执行。";

const FONT = "宋体";
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
const AMOUNT_FORMAT = "0.00";
const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));

/** Quantities (数量) are counts, not money: never scaled to 元, never written as money text. */
const NOT_MONEY = new Set(["quantity"]);

const FULL_WIDTH: Record<string, string> = { ".": "．", ",": "，", "-": "－" };

class AmountWriter {
  private n = 0;
  private zeros = 0;
  constructor(private readonly opts: LayoutOptions) {}

  /** The amount in the sheet's unit, or null for a blank. */
  scaled(a: Amt): Decimal | null {
    if (a === null || a.trim() === "") return null;
    const d = new Decimal(a);
    return this.opts.unit === "元" ? d.times(10000) : d;
  }

  write(cell: ExcelJS.Cell, a: Amt, money = true): void {
    if (a === null || a.trim() === "") {
      if (this.opts.forTyping) {
        cell.alignment = { horizontal: "right", vertical: "middle" };
        if (money) cell.numFmt = AMOUNT_FORMAT;
      }
      return;
    }
    const d = money ? this.scaled(a)! : new Decimal(a);
    cell.alignment = { horizontal: "right", vertical: "middle" };
    if (!money) {
      cell.value = d.toNumber();
      return;
    }
    if (this.opts.amountsAsText) {
      cell.value = this.text(d);
      return;
    }
    cell.value = Number(d.toFixed(2));
    cell.numFmt = AMOUNT_FORMAT;
  }

  /** Rotates through the text forms a hand-typed workbook shows. */
  private text(d: Decimal): string {
    if (d.isZero()) return this.zeros++ % 2 === 0 ? "-" : "—";
    const plain = d.toFixed(2);
    switch (this.n++ % 3) {
      case 0:
        return thousands(plain);
      case 1:
        return plain.replace(/[0-9.,-]/g, (ch) => FULL_WIDTH[ch] ?? String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
      default:
        return plain;
    }
  }
}

/** A sheet being laid out row by row; every table cell gets a thin border. */
class SheetLayout {
  row = 1;
  private readonly merges: { r1: number; c1: number; r2: number; c2: number }[] = [];
  constructor(
    readonly ws: ExcelJS.Worksheet,
    readonly ncols: number,
  ) {}

  cell(row: number, col: number): ExcelJS.Cell {
    return this.ws.getCell(row, col);
  }

  merge(r1: number, c1: number, r2: number, c2: number): void {
    if (r1 === r2 && c1 === c2) return;
    this.ws.mergeCells(r1, c1, r2, c2);
    this.merges.push({ r1, c1, r2, c2 });
  }

  /**
   * Row heights for wrapped text. Neither ExcelJS nor every spreadsheet program fits rows on open, so estimate:
   * a CJK character takes about two width units of a column, other characters about one.
   */
  fitRows(): void {
    const widthOf = (c: number) => this.ws.getColumn(c).width ?? 9;
    for (let r = 1; r <= this.ws.rowCount; r++) {
      const row = this.ws.getRow(r);
      let lines = 1;
      row.eachCell((cell, c) => {
        if (typeof cell.value !== "string" || cell.type === ExcelJS.ValueType.Merge || !cell.alignment?.wrapText) return;
        const m = this.merges.find((x) => x.r1 === r && x.c1 === c);
        if (m && m.r2 > m.r1) return; // a vertical merge has the rows below for its text
        let width = 0;
        for (let k = c; k <= (m?.c2 ?? c); k++) width += widthOf(k);
        const capacity = Math.max(2, width - 1.5);
        const size = (cell.font?.size ?? 10) / 10;
        const n = cell.value.split("\n").reduce((sum, line) => {
          let w = 0;
          for (const ch of line) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1.1;
          return sum + Math.max(1, Math.ceil((w * size) / capacity));
        }, 0);
        lines = Math.max(lines, n);
      });
      if (lines > 1) row.height = Math.min(409, Math.max(row.height ?? 0, 13.5 * lines + 4));
    }
  }

  title(text: string): void {
    const c = this.cell(this.row, 1);
    c.value = text;
    c.font = { name: FONT, size: 16, bold: true };
    c.alignment = { horizontal: "center", vertical: "middle" };
    this.merge(this.row, 1, this.row, this.ncols);
    this.ws.getRow(this.row).height = 32;
    this.row++;
  }

  /** Department, year (or another middle text) and unit on one line under the title. */
  infoLine(left: string, middle: string, right: string): void {
    const n = this.ncols;
    const midCol = Math.max(2, Math.ceil(n / 2));
    const r = this.row;
    this.put(r, 1, left, { horizontal: "left", wrapText: false });
    this.merge(r, 1, r, Math.max(1, midCol - 1));
    if (middle) this.put(r, midCol, middle, { horizontal: "center", wrapText: false });
    if (right && n > midCol) this.put(r, n, right, { horizontal: "right", wrapText: false });
    this.row++;
  }

  put(r: number, c: number, v: ExcelJS.CellValue, align: Partial<ExcelJS.Alignment> = {}, bold = false): ExcelJS.Cell {
    const cell = this.cell(r, c);
    if (v !== null && v !== undefined && v !== "") cell.value = v;
    cell.font = { name: FONT, size: 10, bold };
    cell.alignment = { vertical: "middle", wrapText: true, ...align };
    return cell;
  }

  /** Borders over a block of cells (merged ones included, so the grid prints closed). */
  border(r1: number, c1: number, r2: number, c2: number): void {
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) this.cell(r, c).border = THIN;
  }

  note(text: string): void {
    this.put(this.row, 1, text, { horizontal: "left", wrapText: true });
    this.merge(this.row, 1, this.row, this.ncols);
    this.ws.getRow(this.row).height = 30;
    this.row++;
  }

  widths(ws: number[]): void {
    ws.forEach((w, i) => (this.ws.getColumn(i + 1).width = w));
  }
}

interface HeaderColumn {
  label: string;
  group?: string;
}

/** Header rows: grouped columns share a merged group cell; ungrouped ones span both rows. Returns the next row. */
function writeHeader(l: SheetLayout, cols: HeaderColumn[]): number {
  const top = l.row;
  const twoRows = cols.some((c) => c.group);
  const bottom = twoRows ? top + 1 : top;
  let i = 0;
  while (i < cols.length) {
    const g = cols[i].group;
    let j = i;
    if (g) while (j + 1 < cols.length && cols[j + 1].group === g) j++;
    if (g) {
      l.put(top, i + 1, g, { horizontal: "center" }, true);
      l.merge(top, i + 1, top, j + 1);
      for (let k = i; k <= j; k++) l.put(bottom, k + 1, cols[k].label, { horizontal: "center" }, true);
    } else {
      l.put(top, i + 1, cols[i].label, { horizontal: "center" }, true);
      l.merge(top, i + 1, bottom, i + 1);
    }
    i = j + 1;
  }
  l.border(top, 1, bottom, cols.length);
  for (let r = top; r <= bottom; r++) l.ws.getRow(r).height = 24;
  l.row = bottom + 1;
  return l.row;
}

/** The 栏次 row: "栏次", 1, 2, … under every column after 序号. */
function writeColumnNumbers(l: SheetLayout, count: number, typo = false): void {
  l.put(l.row, 1, typo ? "档次" : "栏次", { horizontal: "center" });
  for (let i = 1; i <= count; i++) l.put(l.row, i + 1, i, { horizontal: "center" });
  l.border(l.row, 1, l.row, count + 1);
  l.row++;
}

function specColumns(spec: TableSpec, data: DepartmentData, unit: Unit): HeaderColumn[] {
  return spec.columns.map((c) => ({ label: columnLabel(spec, c, data, unit), group: c.group }));
}

function columnLabel(spec: TableSpec, c: ColumnSpec, data: DepartmentData, unit: Unit): string {
  if (spec.key === "T10" && c.key === "sme") return `${data.year}年${c.labels[0]}`;
  if (spec.key === "T11" && c.key === "value") return `价值（金额单位：${unit}）`;
  return c.labels[0];
}

function deptLine(data: DepartmentData): string {
  return [data.deptCode, data.deptName].filter(Boolean).join(" ");
}

function tableStart(l: SheetLayout, spec: TableSpec, data: DepartmentData, unit: Unit, middle?: string): void {
  l.title(spec.title);
  l.infoLine(deptLine(data), middle ?? `预算年度：${data.year}`, `单位：${unit}`);
}

/** Whether any amount of the rows is non-zero: a table without one carries its 空表列示 note. */
function hasAmounts(rows: AmountRow[]): boolean {
  return rows.some((r) => Object.values(r).some((a) => a !== null && a !== undefined && a.trim() !== "" && !new Decimal(a).isZero()));
}

function codeValue(code: string, opts: LayoutOptions): ExcelJS.CellValue {
  return opts.codesAsNumbers && /^\d+$/.test(code) ? Number(code) : code;
}

// ---- tables 2, 3, 5–8: 科目编码 rows ----
function codeTable(l: SheetLayout, key: TableKey, rows: CodeRowData[], data: DepartmentData, opts: LayoutOptions, amounts: AmountWriter): void {
  const spec = specFor(key);
  const unit = opts.unit ?? "万元";
  tableStart(l, spec, data, unit);
  const cols = [{ label: "序号" }, ...specColumns(spec, data, unit)];
  writeHeader(l, cols);
  writeColumnNumbers(l, spec.columns.length);
  const first = l.row;
  rows.forEach((r, i) => {
    const y = l.row++;
    l.put(y, 1, i + 1, { horizontal: "center" });
    spec.columns.forEach((c, j) => {
      const x = j + 2;
      if (c.key === "code") l.put(y, x, codeValue(r.code, opts), { horizontal: "left" });
      else if (c.key === "name") l.put(y, x, r.code ? r.name : r.name || "合计", { horizontal: r.code ? "left" : "center" });
      else amounts.write(l.put(y, x, null), r.cells[c.key] ?? null);
    });
  });
  if (l.row > first) l.border(first, 1, l.row - 1, cols.length);
  if (!hasAmounts(rows.map((r) => r.cells)) && spec.emptyNote) l.note(spec.emptyNote);
  l.widths([6, 12, 36, ...spec.columns.slice(2).map(() => 14)]);
}

// ---- tables 1 and 4: income and expense side on the same rows ----
function twoSidedRows(spec: TableSpec): [FixedRowSpec | null, FixedRowSpec | null][] {
  const inc = spec.incomeRows ?? [];
  const exp = spec.expenseRows ?? [];
  const split = (rows: FixedRowSpec[]) => {
    const t = rows.findIndex((r) => r.key === "total");
    return [rows.slice(0, t), rows.slice(t)] as const;
  };
  const [incHead, incTail] = split(inc);
  const [expHead, expTail] = split(exp);
  const out: [FixedRowSpec | null, FixedRowSpec | null][] = [];
  for (let i = 0; i < Math.max(incHead.length, expHead.length); i++) out.push([incHead[i] ?? null, expHead[i] ?? null]);
  // Totals, carry-over and grand totals face each other; income-only sub-rows (T4 年初结转 by fund) sit between.
  for (const r of incTail) out.push([r, expTail.find((e) => e.key === r.key) ?? null]);
  for (const e of expTail) if (!incTail.some((r) => r.key === e.key)) out.splice(out.length - 1, 0, [null, e]);
  return out;
}

function twoSidedTable(l: SheetLayout, key: "T1" | "T4", t: TwoSidedData, data: DepartmentData, opts: LayoutOptions, amounts: AmountWriter): void {
  const spec = specFor(key);
  const unit = opts.unit ?? "万元";
  tableStart(l, spec, data, unit);
  const cols = [{ label: "序号" }, ...specColumns(spec, data, unit)];
  writeHeader(l, cols);
  writeColumnNumbers(l, spec.columns.length, key === "T1" && opts.columnNumberTypo);
  const inCols = spec.columns.filter((c) => c.group === "收入");
  const first = l.row;
  twoSidedRows(spec).forEach(([inc, exp], i) => {
    const y = l.row++;
    l.put(y, 1, i + 1, { horizontal: "center" });
    spec.columns.forEach((c, j) => {
      const x = j + 2;
      const side = inCols.includes(c) ? inc : exp;
      const values = side ? (inCols.includes(c) ? t.income[side.key] : t.expense[side.key]) ?? {} : {};
      if (!c.amount) l.put(y, x, side ? side.labels[0] : null, { horizontal: "left" });
      else amounts.write(l.put(y, x, null), side ? values[c.key] ?? null : null);
    });
  });
  l.border(first, 1, l.row - 1, cols.length);
  l.widths(key === "T1" ? [6, 30, 14, 34, 14] : [6, 28, 14, 34, 14, 16, 16, 16]);
}

// ---- tables 9 and 11: fixed labelled rows ----
function labeledTable(
  l: SheetLayout,
  key: "T9" | "T11",
  rows: Record<string, AmountRow>,
  printRows: boolean,
  data: DepartmentData,
  opts: LayoutOptions,
  amounts: AmountWriter,
): void {
  const spec = specFor(key);
  const unit = opts.unit ?? "万元";
  const serial = spec.hasColumnNumbers;
  if (key === "T11") tableStart(l, spec, data, unit, `截止时间：${data.t11.asOf}`);
  else tableStart(l, spec, data, unit);
  const cols = [...(serial ? [{ label: "序号" }] : []), ...specColumns(spec, data, unit)];
  writeHeader(l, cols);
  if (serial) writeColumnNumbers(l, spec.columns.length);
  const first = l.row;
  if (printRows) {
    (spec.rows ?? []).forEach((r, i) => {
      const y = l.row++;
      if (serial) l.put(y, 1, i + 1, { horizontal: "center" });
      const off = serial ? 2 : 1;
      spec.columns.forEach((c, j) => {
        if (!c.amount) l.put(y, j + off, r.labels[0], { horizontal: "left", indent: r.labels[0].startsWith("其中") ? 1 : 0 });
        else amounts.write(l.put(y, j + off, null), rows[r.key]?.[c.key] ?? null, !NOT_MONEY.has(c.key));
      });
    });
    l.border(first, 1, l.row - 1, cols.length);
  }
  if (!hasAmounts(Object.values(rows)) && spec.emptyNote) l.note(spec.emptyNote);
  l.widths(key === "T9" ? [6, 34, 14, 18, 18, 18] : [34, 22, 24]);
}

// ---- table 10: 政府采购预算 ----
function procurementTable(l: SheetLayout, data: DepartmentData, opts: LayoutOptions, amounts: AmountWriter): void {
  const spec = specFor("T10");
  const unit = opts.unit ?? "万元";
  tableStart(l, spec, data, unit);
  const cols = specColumns(spec, data, unit);
  writeHeader(l, cols);
  const first = l.row;
  for (const row of data.t10) {
    const y = l.row++;
    spec.columns.forEach((c, j) => {
      const v = row[c.key] ?? null;
      if (!c.amount) l.put(y, j + 1, v, { horizontal: "left" });
      else amounts.write(l.put(y, j + 1, null), v, !NOT_MONEY.has(c.key));
    });
  }
  if (l.row > first) l.border(first, 1, l.row - 1, cols.length);
  l.note(PROCUREMENT_NOTE);
  const money = spec.columns.filter((c) => c.amount).map((c) => c.key);
  const t10Amounts = data.t10.map((r) => Object.fromEntries(money.map((k) => [k, r[k] ?? null])));
  if (!hasAmounts(t10Amounts) && spec.emptyNote) l.note(spec.emptyNote);
  l.widths([22, 12, 18, 12, 8, 8, 10, 12, 12, 12, 12, 12, 12, 14]);
}

// ---- table 12: one 绩效目标表 per project (7 columns, as in the seed) ----
function projectTable(l: SheetLayout, p: ProjectData, data: DepartmentData, opts: LayoutOptions, amounts: AmountWriter): void {
  const unit = opts.unit ?? "万元";
  l.title(`${p.name}绩效目标表`);
  l.infoLine(deptLine(data), `预算年度：${data.year}`, `单位：${unit}`);
  const top = l.row;
  const label = (r: number, c: number, text: string) => l.put(r, c, text, { horizontal: "center" }, true);
  const text = (r: number, c: number, v: string) => l.put(r, c, v, { horizontal: "left" });
  const amount = (r: number, c: number, a: Amt) => amounts.write(l.put(r, c, null), a);
  let r = l.row;
  label(r, 1, "项目编码");
  text(r, 2, p.code);
  l.merge(r, 2, r, 3);
  label(r, 4, "项目名称");
  text(r, 5, p.name);
  l.merge(r, 5, r, 7);
  r++;
  label(r, 1, "预算规模及资金用途");
  l.merge(r, 1, r + 1, 1);
  label(r, 2, "预算数");
  amount(r, 3, p.budget);
  label(r, 4, "其中：财政资金");
  amount(r, 5, p.fiscal);
  label(r, 6, "其他资金");
  amount(r, 7, p.other);
  r++;
  text(r, 2, p.purpose);
  l.merge(r, 2, r, 7);
  r++;
  label(r, 1, "资金支出计划（%）");
  l.merge(r, 1, r + 1, 1);
  const planCols: [number, number][] = [
    [2, 3],
    [4, 4],
    [5, 5],
    [6, 7],
  ];
  planCols.forEach(([c1, c2], i) => {
    label(r, c1, PLAN_LABELS[i]);
    l.merge(r, c1, r, c2);
    amount(r + 1, c1, p.plan[i]);
    l.merge(r + 1, c1, r + 1, c2);
  });
  r += 2;
  label(r, 1, "绩效目标");
  text(r, 2, p.goal);
  l.merge(r, 2, r, 7);
  r++;
  ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"].forEach((h, i) => label(r, i + 1, h));
  l.merge(r, 6, r, 7);
  r++;
  // 一级指标 printed once per group, merged down, as in the seed
  let groupStart = r;
  p.indicators.forEach((ind, i) => {
    const y = r + i;
    if (i === 0 || ind.level1 !== p.indicators[i - 1].level1) {
      if (i > 0) l.merge(groupStart, 1, y - 1, 1);
      groupStart = y;
      label(y, 1, ind.level1);
    }
    text(y, 2, ind.level2);
    text(y, 3, ind.level3);
    text(y, 4, ind.description);
    l.put(y, 5, ind.value, { horizontal: "center" });
    text(y, 6, ind.basis);
    l.merge(y, 6, y, 7);
  });
  if (p.indicators.length) l.merge(groupStart, 1, r + p.indicators.length - 1, 1);
  r += p.indicators.length;
  l.border(top, 1, r - 1, 7);
  l.row = r;
  l.widths([14, 16, 24, 30, 14, 14, 18]);
}

// ---- 说明参数 ----
/** The 填写说明 column of an init workbook: what each key is, with the seed's wording as the example. */
function paramHelp(key: string, unit: Unit): string {
  const spec = PARAM_KEYS.find((k) => k.key === key);
  const own: Record<string, string> = {
    部门名称: "与各表表头的部门名称一致。",
    单位编码: "预算单位编码，与各表表头一致。",
    预算年度: "四位年份，与各表一致。",
    上年预算收支总额: `上年部门预算收支总额（${unit}），用于说明“比上年增加/减少”。`,
    上年基本支出: `上年基本支出预算（${unit}）。`,
    上年项目支出: `上年项目支出预算（${unit}）。`,
    基本支出增减原因: "一句话说明基本支出比上年增减的原因。",
    项目支出增减原因: "一句话说明项目支出比上年增减的原因。",
    "上年“三公”经费": `上年财政拨款“三公”经费预算（${unit}），没有填 0。`,
    "“三公”经费增减原因": "没有变化时写“无增减变化”。",
    机关运行经费用途: "机关运行经费主要用于哪些日常运行支出。",
    上年末固定资产金额: `上年末固定资产总额（${unit}）。`,
    本年拟购置固定资产: `本年拟购置固定资产金额（${unit}），没有填 0；应列入政府采购预算。`,
    部门职责: "部门的主要职责，可分条，每条一行。",
    机构设置: "内设机构和所属单位的情况。",
    部门整体绩效目标: "部门整体绩效目标、分项目标和保障措施。",
    其他需要说明的事项: "没有时写“无”。",
  };
  const example = spec && spec.example && !["部门名称", "单位编码", "预算年度"].includes(key) ? `例：${spec.example}` : "";
  return [own[key] ?? "", example].filter(Boolean).join(" ");
}

function paramsSheet(l: SheetLayout, data: DepartmentData, opts: LayoutOptions): void {
  const unit = opts.unit ?? "万元";
  l.title("说明参数");
  l.put(l.row, 2, `单位：${unit}`, { horizontal: "right" });
  l.row++;
  const top = l.row;
  const help = opts.forTyping === true;
  l.put(l.row, 1, "项目", { horizontal: "center" }, true);
  l.put(l.row, 2, "内容", { horizontal: "center" }, true);
  if (help) l.put(l.row, 3, "填写说明", { horizontal: "center" }, true);
  l.row++;
  const byKey = new Map(data.params.map((p) => [p.key, p.value]));
  const standard = PARAM_KEYS.filter((k) => byKey.has(k.key));
  const extra = data.params.filter((p) => !PARAM_KEYS.some((k) => k.key === p.key));
  const amountKeys = new Set(PARAM_KEYS.filter((k) => k.amount).map((k) => k.key));
  for (const { key, value } of [...standard.map((k) => ({ key: k.key, value: byKey.get(k.key) ?? "" })), ...extra]) {
    let v = value;
    // An amount key follows the sheet's unit line.
    if (unit === "元" && amountKeys.has(key) && /^-?\d+(\.\d+)?$/.test(v.trim())) v = new Decimal(v.trim()).times(10000).toFixed(2);
    l.put(l.row, 1, key, { horizontal: "left" });
    l.put(l.row, 2, v, { horizontal: "left", wrapText: true });
    if (help) l.put(l.row, 3, paramHelp(key, unit), { horizontal: "left", wrapText: true });
    l.row++;
  }
  l.border(top, 1, l.row - 1, help ? 3 : 2);
  l.widths(help ? [24, 60, 48] : [24, 90]);
}

function sheetName(key: TableKey, opts: LayoutOptions, i = 0): string {
  const base = opts.sheetNames?.[key] ?? DEFAULT_SHEET_NAMES[key];
  return key === "T12" ? `${base}${i + 1}` : base;
}

function addSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  return wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
}

const NCOLS: Partial<Record<TableKey, number>> = { T10: 14, T12: 7, PARAMS: 2 };

function columnCount(key: TableKey): number {
  const spec = specFor(key);
  return NCOLS[key] ?? spec.columns.length + (spec.hasColumnNumbers ? 1 : 0);
}

/** Every table of the department, each on its own sheet, laid out as the county budget system exports them. */
export function buildStandardWorkbook(data: DepartmentData, options: LayoutOptions = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "预算公开助手";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const amounts = new AmountWriter(options);
  const order = [...(options.order ?? []), ...STANDARD_ORDER.filter((k) => !(options.order ?? []).includes(k))];
  for (const key of order) {
    if (key === "T12") {
      data.projects.forEach((p, i) => {
        const l = new SheetLayout(addSheet(wb, sheetName("T12", options, i)), columnCount("T12"));
        projectTable(l, p, data, options, amounts);
        l.fitRows();
      });
      continue;
    }
    const l = new SheetLayout(addSheet(wb, sheetName(key, options)), columnCount(key) + (key === "PARAMS" && options.forTyping ? 1 : 0));
    switch (key) {
      case "T1":
        twoSidedTable(l, "T1", data.t1, data, options, amounts);
        break;
      case "T4":
        twoSidedTable(l, "T4", data.t4, data, options, amounts);
        break;
      case "T2":
      case "T3":
      case "T5":
      case "T6":
      case "T7":
      case "T8":
        codeTable(l, key, data[key.toLowerCase() as "t2"], data, options, amounts);
        break;
      case "T9":
        labeledTable(l, "T9", data.t9.rows, data.t9.printRows !== false, data, options, amounts);
        break;
      case "T10":
        procurementTable(l, data, options, amounts);
        break;
      case "T11":
        labeledTable(l, "T11", data.t11.rows, data.t11.printRows !== false, data, options, amounts);
        break;
      case "PARAMS":
        paramsSheet(l, data, options);
        break;
    }
    l.fitRows();
  }
  return wb;
}
