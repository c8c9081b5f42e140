// The layout zoo: one department's data written in the layouts real documents use (layout-variants.md), as
// snapshots (what every host hands to the core). Generated from data, never edited by hand: each layout is a set
// of options, and "all" turns every variant on at once. The standard layout comes from the standard workbook writer.
import Decimal from "decimal.js";
import { specFor } from "../../src/core/model/table-specs";
import { FUNCTIONAL_CLASSES, chineseOrdinal } from "../../src/core/model/classification";
import type { TableKey, Unit } from "../../src/core/model/types";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/core/snapshot";
import { readSnapshot } from "../../src/xlsx/read-snapshot";
import { workbookToBuffer } from "../../src/xlsx/apply-plan";
import { buildStandardWorkbook } from "../../src/xlsx/standard-workbook";
import { PLAN_LABELS, type Amt, type AmountRow, type CodeRowData, type DepartmentData } from "../../src/xlsx/department-data";

export interface ZooLayout {
  name: string;
  /** seed: 部门预算收支总表; shanghai: 2025年部门财务收支预算总表; numbered: a 公开0N表 label row over "N．title". */
  titles?: "seed" | "shanghai" | "numbered";
  /** The line under the title: seed "428 name | 预算年度 | 单位", 编制部门：, the code glued to the name, or the unit alone. */
  meta?: "seed" | "shanghai" | "glued" | "none";
  /** Tables 1–8 in 元 (whole 元, #,##0); the 三公 table stays in 万元. */
  yuan?: boolean;
  /** 类 | 款 | 项 code columns under a 功能分类科目编码 header, 款 and 项 stored as numbers (their leading zero lost). */
  splitCodes?: boolean;
  /** The 合计 row at the bottom of the 科目 tables. */
  totalLast?: boolean;
  /** No 序号 column and no 栏次 row. */
  noColumnNumbers?: boolean;
  /** 收支总表 and 财政拨款收支总表 with Shanghai's rows: 财政拨款收入 and its funds, 事业收入 …, only the classes with money. */
  shanghaiRows?: boolean;
  /** Optional columns that hold no amount are left out (收入总表 without 小计, 支出总表 without 经营支出 …). */
  dropEmptyColumns?: boolean;
  /** The 三公 table as one row (Shanghai, with 机关运行经费) or with three header rows (Jiangsu, with 会议费 and 培训费). */
  sanGong?: "rows" | "shanghai" | "jiangsu";
  /** All projects in one flat 绩效目标表 (one row per indicator). */
  flatProjects?: boolean;
  /** Sheets renamed Sheet1…, in another order, with a cover and a table the product does not know. */
  shuffled?: boolean;
}

/** Shanghai's workbooks (real-disclosures/): every variant they show. */
const SHANGHAI: ZooLayout = {
  name: "shanghai",
  titles: "shanghai",
  meta: "shanghai",
  yuan: true,
  splitCodes: true,
  totalLast: true,
  noColumnNumbers: true,
  shanghaiRows: true,
  dropEmptyColumns: true,
  sanGong: "shanghai",
};

export const ZOO: ZooLayout[] = [
  { name: "standard" },
  { name: "shanghai-titles", titles: "shanghai", meta: "shanghai" },
  { name: "numbered-titles", titles: "numbered", meta: "glued" },
  { name: "yuan-whole", yuan: true, meta: "none" },
  { name: "split-codes", splitCodes: true },
  { name: "total-last", totalLast: true },
  { name: "no-column-numbers", noColumnNumbers: true },
  { name: "shanghai-rows", shanghaiRows: true, dropEmptyColumns: true },
  { name: "sangong-shanghai", sanGong: "shanghai" },
  { name: "sangong-jiangsu", sanGong: "jiangsu" },
  { name: "flat-projects", flatProjects: true },
  { name: "shuffled", shuffled: true },
  SHANGHAI,
  { ...SHANGHAI, name: "all", titles: "numbered", meta: "glued", sanGong: "jiangsu", flatProjects: true, shuffled: true },
];

const SHANGHAI_TITLES: Partial<Record<TableKey, string>> = {
  T1: "部门财务收支预算总表",
  T2: "部门收入预算总表",
  T3: "部门支出预算总表",
  T4: "部门财政拨款收支预算总表",
  T5: "部门一般公共预算支出功能分类预算表",
  T6: "部门一般公共预算基本支出部门预算经济分类预算表",
  T7: "部门政府性基金预算支出功能分类预算表",
  T8: "部门国有资本经营预算支出功能分类预算表",
  T9: "部门“三公”经费和机关运行经费预算表",
};

/** A sheet being written: cells by 0-based row and column, number formats beside them. */
class Grid {
  readonly rows: CellValue[][] = [];
  readonly formats: (string | null)[][] = [];
  row = 0;
  put(r: number, c: number, v: CellValue, format?: string): void {
    while (this.rows.length <= r) {
      this.rows.push([]);
      this.formats.push([]);
    }
    while (this.rows[r].length <= c) {
      this.rows[r].push(null);
      this.formats[r].push(null);
    }
    this.rows[r][c] = v;
    if (format) this.formats[r][c] = format;
  }
  sheet(name: string): SheetSnapshot {
    return { name, rows: this.rows, numberFormats: this.formats };
  }
}

class Writer {
  constructor(
    readonly data: DepartmentData,
    readonly z: ZooLayout,
  ) {}

  unit(key: TableKey): Unit {
    return this.z.yuan && key !== "T9" ? "元" : "万元";
  }

  /** An amount as the layout stores it: a number in the table's unit with its format; blank stays blank. */
  amount(g: Grid, r: number, c: number, a: Amt | undefined, key: TableKey): void {
    if (a === null || a === undefined || a.trim() === "") return;
    const yuan = this.unit(key) === "元";
    const d = new Decimal(a).mul(yuan ? 10000 : 1);
    g.put(r, c, d.toNumber(), yuan ? "#,##0" : "0.00");
  }

  title(g: Grid, key: TableKey, no: number): void {
    const spec = specFor(key);
    if (this.z.titles === "numbered") {
      g.put(g.row++, 0, `公开${String(no).padStart(2, "0")}表`);
      g.put(g.row++, 0, `${no}．${spec.title}`);
    } else if (this.z.titles === "shanghai") {
      g.put(g.row++, 0, `${this.data.year}年${SHANGHAI_TITLES[key] ?? spec.title}`);
    } else g.put(g.row++, 0, spec.title);
    const unit = `单位：${this.unit(key)}`;
    const r = g.row++;
    switch (this.z.meta ?? "seed") {
      case "seed":
        g.put(r, 0, `${this.data.deptCode} ${this.data.deptName}`);
        g.put(r, 2, `预算年度：${this.data.year}`);
        g.put(r, 4, unit);
        break;
      case "shanghai":
        g.put(r, 0, `编制部门：${this.data.deptName}`);
        g.put(r, 4, unit);
        break;
      case "glued":
        g.put(r, 0, `${this.data.deptCode}${this.data.deptName}`);
        g.put(r, 4, unit.replace("：", ":"));
        break;
      case "none":
        g.put(r, 4, unit);
        break;
    }
  }

  get serial(): boolean {
    return !this.z.noColumnNumbers;
  }

  /** Header rows from columns with optional group and sub-labels (类 | 款 | 项), then the 栏次 row. */
  header(g: Grid, cols: { label: string; group?: string; sub?: string }[]): void {
    const hasGroup = cols.some((c) => c.group);
    const hasSub = cols.some((c) => c.sub);
    const top = g.row;
    const labelRow = top + (hasGroup ? 1 : 0);
    const subRow = labelRow + 1;
    const off = this.serial ? 1 : 0;
    if (this.serial) g.put(top, 0, "序号");
    let prevGroup: string | undefined;
    let prevLabel: string | undefined;
    cols.forEach((c, i) => {
      const x = i + off;
      if (c.group && c.group !== prevGroup) g.put(top, x, c.group);
      if (!c.group && hasGroup) g.put(top, x, c.label);
      else if (c.label !== prevLabel) g.put(labelRow, x, c.label);
      if (c.sub) g.put(subRow, x, c.sub);
      prevGroup = c.group;
      prevLabel = c.label;
    });
    g.row = hasSub ? subRow + 1 : labelRow + 1;
    if (this.serial) {
      g.put(g.row, 0, "栏次");
      cols.forEach((_, i) => g.put(g.row, i + 1, i + 1));
      g.row++;
    }
  }

  note(g: Grid, text: string): void {
    g.put(g.row++, 0, text);
  }

  // ---- 科目 tables ----
  codeTable(key: TableKey, no: number, rows: CodeRowData[]): Grid {
    const g = new Grid();
    this.title(g, key, no);
    const spec = specFor(key);
    const economic = key === "T6";
    const amountCols = spec.columns.filter((c) => c.amount).filter((c) => !this.z.dropEmptyColumns || c.key === "total" || c.key === "fiscal" || rows.some((r) => r.cells[c.key] && !new Decimal(r.cells[c.key]!).isZero()));
    const codeGroup = economic ? "部门预算经济分类科目编码" : "功能分类科目编码";
    const parts = economic ? ["类", "款"] : ["类", "款", "项"];
    const codeCols = this.z.splitCodes
      ? [...parts.map((p) => ({ label: codeGroup, sub: p, group: "项目" })), { label: economic ? "经济分类科目名称" : "功能分类科目名称", group: "项目" }]
      : [
          { label: "科目编码", group: economic ? "支出部门经济分类科目" : "功能分类科目" },
          { label: "科目名称", group: economic ? "支出部门经济分类科目" : "功能分类科目" },
        ];
    const labelOf = (c: (typeof amountCols)[number]) => (this.z.dropEmptyColumns && c.key === "subtotal" ? "本年收入小计" : c.labels[0]);
    this.header(g, [...codeCols, ...amountCols.map((c) => ({ label: labelOf(c), group: this.z.splitCodes ? "预算数" : c.group }))]);
    const total = rows.find((r) => !r.code);
    const body = rows.filter((r) => r.code);
    const ordered = total ? (this.z.totalLast ? [...body, total] : [total, ...body]) : body;
    const off = this.serial ? 1 : 0;
    ordered.forEach((r, i) => {
      const y = g.row++;
      if (this.serial) g.put(y, 0, i + 1);
      let x = off;
      if (this.z.splitCodes) {
        const segs = r.code ? [r.code.slice(0, 3), r.code.slice(3, 5), r.code.slice(5, 7)].slice(0, parts.length) : [];
        parts.forEach((_, j) => {
          const s = segs[j];
          if (s) g.put(y, x, j === 0 ? s : Number(s)); // 款 and 项 as numbers: "05" is stored as 5
          x++;
        });
      } else g.put(y, x++, r.code || null);
      g.put(y, x++, r.code ? r.name : "合计");
      for (const c of amountCols) this.amount(g, y, x++, r.cells[c.key], key);
    });
    const any = rows.some((r) => Object.values(r.cells).some((a) => a && !new Decimal(a).isZero()));
    if (!any && spec.emptyNote) this.note(g, spec.emptyNote);
    return g;
  }

  // ---- 收支总表 and 财政拨款收支总表 ----
  twoSided(key: "T1" | "T4", no: number): Grid {
    const g = new Grid();
    this.title(g, key, no);
    const spec = specFor(key);
    const t = key === "T1" ? this.data.t1 : this.data.t4;
    const exCols = spec.columns.filter((c) => c.amount && c.key.startsWith("ex")).filter((c) => !this.z.dropEmptyColumns || c.key === "exAmount" || c.key === "exTotal" || Object.values(t.expense).some((r) => r[c.key] && !new Decimal(r[c.key]!).isZero()));
    this.header(g, [
      { label: "项目", group: key === "T1" ? "本年收入" : "收入" },
      { label: key === "T1" ? "预算数" : "金额", group: key === "T1" ? "本年收入" : "收入" },
      { label: "项目", group: key === "T1" ? "本年支出" : "支出" },
      ...exCols.map((c) => ({ label: c.labels[0], group: key === "T1" ? "本年支出" : "支出" })),
    ]);
    const income = this.z.shanghaiRows ? this.shanghaiIncome(key) : this.standardRows(spec.incomeRows!, t.income, "inAmount");
    const expense = this.z.shanghaiRows ? this.shanghaiExpense(t.expense) : this.standardRows(spec.expenseRows!, t.expense, "");
    // The classes (or sources) side by side from the top; the totals side by side from the bottom.
    const head = (ls: Line[]) => ls.filter((l) => !l.tail);
    const tail = (ls: Line[]) => ls.filter((l) => l.tail);
    const lines: [Line | null, Line | null][] = [];
    for (let i = 0; i < Math.max(head(income).length, head(expense).length); i++) lines.push([head(income)[i] ?? null, head(expense)[i] ?? null]);
    const n = Math.max(tail(income).length, tail(expense).length);
    for (let i = 0; i < n; i++) lines.push([tail(income)[i - (n - tail(income).length)] ?? null, tail(expense)[i - (n - tail(expense).length)] ?? null]);
    const off = this.serial ? 1 : 0;
    lines.forEach(([a, b], i) => {
      const y = g.row++;
      if (this.serial) g.put(y, 0, i + 1);
      if (a) {
        g.put(y, off, a.label);
        this.amount(g, y, off + 1, a.cells.inAmount, key);
      }
      if (b) {
        g.put(y, off + 2, b.label);
        exCols.forEach((c, j) => this.amount(g, y, off + 3 + j, b.cells[c.key], key));
      }
    });
    return g;
  }

  standardRows(specRows: { key: string; labels: string[] }[], values: Record<string, AmountRow>, _: string): Line[] {
    const first = specRows.findIndex((s) => s.key === "total");
    return specRows.map((s, i) => ({ label: s.labels[0], cells: values[s.key] ?? {}, tail: i >= first }));
  }

  /** Shanghai's income rows (financial 收支总表) from the same figures: 财政拨款收入 and its funds, the 单位资金 items one by one. */
  shanghaiIncome(key: "T1" | "T4"): Line[] {
    const inc = key === "T1" ? this.data.t1.income : this.data.t4.income;
    const v = (k: string) => inc[k]?.inAmount ?? null;
    const sum = (...ks: string[]) => {
      const d = ks.reduce((s, k) => s.plus(v(k) ?? 0), new Decimal(0));
      return d.isZero() ? null : d.toFixed(2);
    };
    const t2 = this.data.t2.find((r) => !r.code)?.cells ?? {};
    const lines: Line[] =
      key === "T1"
        ? [
            { label: "一、财政拨款收入", cells: { inAmount: sum("gp", "fund", "soe") } },
            { label: "1、一般公共预算资金", cells: { inAmount: v("gp") } },
            { label: "2、政府性基金", cells: { inAmount: v("fund") } },
            { label: "3、国有资本经营预算", cells: { inAmount: v("soe") } },
            { label: "二、事业收入", cells: { inAmount: t2.business ?? null } },
            { label: "三、事业单位经营收入", cells: { inAmount: t2.operating ?? null } },
            { label: "四、其他收入", cells: { inAmount: t2.other ?? null } },
          ]
        : [
            { label: "一、一般公共预算资金", cells: { inAmount: v("gp") } },
            { label: "二、政府性基金", cells: { inAmount: v("fund") } },
            { label: "三、国有资本经营预算", cells: { inAmount: v("soe") } },
          ];
    const carry = v("carry");
    if (carry && !new Decimal(carry).isZero()) lines.push({ label: "当年收入小计", cells: { inAmount: v("total") }, tail: true }, { label: "上年结转资金", cells: { inAmount: carry }, tail: true });
    lines.push({ label: "收入总计", cells: { inAmount: v("grand") }, tail: true });
    return lines;
  }

  /** Only the classes with money, numbered 一、二、… in order, then 支出总计. */
  shanghaiExpense(ex: Record<string, AmountRow>): Line[] {
    const used = FUNCTIONAL_CLASSES.filter((c) => c.code && Object.values(ex[c.code] ?? {}).some((a) => a && !new Decimal(a).isZero()));
    const lines: Line[] = used.map((c, i) => ({ label: `${chineseOrdinal(i + 1)}、${c.name}`, cells: ex[c.code] }));
    const carry = ex.carry && Object.values(ex.carry).some((a) => a && !new Decimal(a).isZero());
    if (carry) lines.push({ label: "本年支出小计", cells: ex.total, tail: true }, { label: "结转下年", cells: ex.carry, tail: true });
    lines.push({ label: "支出总计", cells: ex.grand ?? {}, tail: true });
    return lines;
  }

  // ---- 三公 ----
  sanGong(no: number): Grid {
    const g = new Grid();
    this.title(g, "T9", no);
    const rows = this.data.t9.rows;
    const v = (k: string) => rows[k]?.total ?? null;
    // 机关运行经费 of a department of 行政 units: its 公用经费 total.
    const running = this.data.t6.find((r) => !r.code)?.cells.public ?? null;
    if (this.z.sanGong === "shanghai") {
      g.put(g.row, 0, `${this.data.year}年“三公”经费预算数`);
      g.put(g.row++, 6, `${this.data.year}年机关运行经费预算数`);
      ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费"].forEach((l, i) => g.put(g.row, i, l));
      g.row++;
      ["小计", "购置费", "运行费"].forEach((l, i) => g.put(g.row, 3 + i, l));
      g.row++;
      [v("total"), v("abroad"), v("reception"), v("car"), v("carBuy"), v("carRun"), running].forEach((a, i) => this.amount(g, g.row, i, a, "T9"));
      g.row++;
    } else {
      // Jiangsu: 合计 | 三公 {小计 | 出国 | 公务用车 {小计 | 购置 | 运行} | 接待} | 会议费 | 培训费
      g.put(g.row, 0, "合计");
      g.put(g.row, 1, "“三公”经费");
      g.put(g.row, 7, "会议费");
      g.put(g.row++, 8, "培训费");
      ["小计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"].forEach((l, i) => l && g.put(g.row, 1 + i, l));
      g.row++;
      ["小计", "购置费", "运行费"].forEach((l, i) => g.put(g.row, 3 + i, l));
      g.row++;
      [v("total"), v("total"), v("abroad"), v("car"), v("carBuy"), v("carRun"), v("reception"), null, null].forEach((a, i) => this.amount(g, g.row, i, a, "T9"));
      g.row++;
    }
    if (!Object.values(rows).some((r) => Object.values(r).some((a) => a && !new Decimal(a).isZero()))) this.note(g, specFor("T9").emptyNote!);
    return g;
  }

  // ---- one flat 绩效目标表 ----
  flatProjects(): Grid {
    const g = new Grid();
    g.put(g.row++, 0, "项目绩效目标表");
    g.put(g.row++, 0, `单位：${this.unit("T12")}`);
    const heads = ["序号", "项目编码", "项目名称", "预算数", "财政资金", "其他资金", "资金用途", ...PLAN_LABELS, "绩效目标", "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"];
    heads.forEach((h, i) => g.put(g.row, i, PLAN_LABELS.includes(h as (typeof PLAN_LABELS)[number]) ? (h === "3月底" ? "资金支出计划（%）" : null) : h));
    g.row++;
    PLAN_LABELS.forEach((m, i) => g.put(g.row, 7 + i, m));
    g.row++;
    g.put(g.row, 0, "栏次");
    heads.slice(1).forEach((_, i) => g.put(g.row, i + 1, i + 1));
    g.row++;
    this.data.projects.forEach((p, n) => {
      p.indicators.forEach((ind, i) => {
        const y = g.row++;
        if (i === 0) {
          g.put(y, 0, n + 1);
          g.put(y, 1, p.code);
          g.put(y, 2, p.name);
          this.amount(g, y, 3, p.budget, "T12");
          this.amount(g, y, 4, p.fiscal, "T12");
          this.amount(g, y, 5, p.other, "T12");
          g.put(y, 6, p.purpose);
          p.plan.forEach((a, j) => this.amount(g, y, 7 + j, a, "T12"));
          g.put(y, 11, p.goal);
        }
        if (i === 0 || ind.level1 !== p.indicators[i - 1].level1) g.put(y, 12, ind.level1);
        [ind.level2, ind.level3, ind.description, ind.value, ind.basis].forEach((t, j) => g.put(y, 13 + j, t));
      });
    });
    return g;
  }
}

interface Line {
  label: string;
  cells: AmountRow;
  /** A total, carry-over or grand total row (printed at the bottom). */
  tail?: boolean;
}

const STANDARD = new Map<DepartmentData, Promise<WorkbookSnapshot>>();

/** The department in the standard layout, read back from the .xlsx the standard writer makes. */
export function standardSnapshot(data: DepartmentData): Promise<WorkbookSnapshot> {
  let p = STANDARD.get(data);
  if (!p) {
    p = workbookToBuffer(buildStandardWorkbook(data)).then(async (bytes) => (await readSnapshot(bytes, "standard.xlsx")).snapshot);
    STANDARD.set(data, p);
  }
  return p.then((s) => structuredClone(s));
}

/** The department in one zoo layout: tables 1–9 (and the 绩效目标表 when flat) written by the layout's options. */
export async function zooSnapshot(data: DepartmentData, z: ZooLayout): Promise<WorkbookSnapshot> {
  const std = await standardSnapshot(data);
  if (z.name === "standard") return std;
  const w = new Writer(data, z);
  const byName = new Map(std.sheets.map((s) => [s.name, s]));
  const sheets: { key: TableKey | "extra"; sheet: SheetSnapshot }[] = [];
  const written: [TableKey, () => Grid][] = [
    ["T1", () => w.twoSided("T1", 1)],
    ["T2", () => w.codeTable("T2", 2, data.t2)],
    ["T3", () => w.codeTable("T3", 3, data.t3)],
    ["T4", () => w.twoSided("T4", 4)],
    ["T5", () => w.codeTable("T5", 5, data.t5)],
    ["T6", () => w.codeTable("T6", 6, data.t6)],
    ["T7", () => w.codeTable("T7", 7, data.t7)],
    ["T8", () => w.codeTable("T8", 8, data.t8)],
    ["T9", () => (z.sanGong && z.sanGong !== "rows" ? w.sanGong(9) : null as unknown as Grid)],
  ];
  const STD_NAMES: Record<string, string> = { T1: "收支总表", T2: "收入总表", T3: "支出总表", T4: "财政拨款收支总表", T5: "一般公共预算支出表", T6: "一般公共预算基本支出表", T7: "政府性基金预算支出表", T8: "国有资本经营预算支出表", T9: "三公经费支出表" };
  for (const [key, make] of written) {
    const g = make();
    sheets.push({ key, sheet: g ? g.sheet(STD_NAMES[key]) : byName.get(STD_NAMES[key])! });
  }
  for (const s of std.sheets) {
    if (Object.values(STD_NAMES).includes(s.name)) continue;
    if (z.flatProjects && /^项目绩效目标表\d+$/.test(s.name)) continue;
    sheets.push({ key: s.name.startsWith("项目绩效目标表") ? "T12" : s.name === "说明参数" ? "PARAMS" : "T10", sheet: s });
  }
  if (z.flatProjects) sheets.push({ key: "T12", sheet: w.flatProjects().sheet("项目绩效目标表") });
  if (z.shuffled) {
    sheets.push({ key: "extra", sheet: { name: "封面", rows: [[`${data.deptName}${data.year}年部门预算`]] } });
    sheets.push({ key: "extra", sheet: { name: "机关运行经费", rows: [["机关运行经费支出预算表"], ["单位：万元"], ["项目", "金额"], ["合计", 1]] } });
    sheets.push({ key: "extra", sheet: { name: "空白", rows: [] } });
    // A fixed permutation (no randomness in tests) and neutral names.
    const order = sheets.map((_, i) => i).sort((a, b) => ((a * 7) % sheets.length) - ((b * 7) % sheets.length));
    const shuffled = order.map((i) => sheets[i]);
    // Projects keep their order among themselves: the narrative lists them in sheet order.
    const projects = sheets.filter((x) => x.key === "T12");
    let n = 0;
    for (let i = 0; i < shuffled.length; i++) if (shuffled[i].key === "T12") shuffled[i] = projects[n++];
    shuffled.forEach((s, i) => (s.sheet.name = s.key === "extra" ? s.sheet.name : `Sheet${i + 1}`));
    return { name: `${z.name}.xlsx`, sheets: shuffled.map((s) => s.sheet) };
  }
  return { name: `${z.name}.xlsx`, sheets: sheets.map((s) => s.sheet) };
}
