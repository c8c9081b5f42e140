import type Decimal from "decimal.js";
import type { Finding } from "../findings";

export type Unit = "万元" | "元";

export type TableKey = "T1" | "T2" | "T3" | "T4" | "T5" | "T6" | "T7" | "T8" | "T9" | "T10" | "T11" | "T12" | "PARAMS";

/** Where a value sits: sheet name and 0-based row/col, with its A1 address. */
export interface Loc {
  sheet: string;
  row: number;
  col: number;
  address: string;
}

/**
 * An amount cell. `value` is normalised to 万元 so tables in different units compare;
 * `raw` is the number as the sheet shows it (its own unit). `decimals` is the precision of
 * `value` in 万元 terms (2 for a 万元 sheet, 6 for a 元 sheet with 2 decimals).
 */
export interface Amount {
  value: Decimal;
  raw: Decimal;
  decimals: number;
  blank: boolean;
  /** False when the cell could not be read as an amount (a finding was raised; value is 0). */
  readable: boolean;
  /** True when the layout has no such column: the figure is not stated, and rules that need it do not apply. */
  absent?: boolean;
  /** The reader's amounts are their own loc (a getter), as are blank, readable, decimals: copy one with withValue (rules/framework), never { ...amount }. */
  loc: Loc;
  /**
   * `value` as a whole number of 分 (money.ts fenOfNumber), for sums on integers; absent or NaN when it is none, and
   * then only `value` serves. Always the same figure as `value` when present.
   */
  fen?: number;
}

export interface TableInfo {
  key: TableKey;
  no: number; // 1..12, 0 for 说明参数
  title: string; // the title as found in the sheet
  sheet: string;
  unit: Unit;
}

/** A sheet the reader did not recognise as any table it knows. */
export interface UnrecognisedTable {
  sheet: string;
  /** The sheet's apparent title (its first text that reads like one), "" when it has none. */
  title: string;
  loc?: Loc;
}

export interface Note {
  text: string;
  loc: Loc;
}

export interface TableBase extends TableInfo {
  /** 1 for 万元, 0.0001 for 元: multiply raw by scale to get 万元. */
  scale: Decimal;
  /** Precision of the sheet's own figures (decimals shown). */
  sheetDecimals: number;
  titleLoc: Loc;
  /** Department line as printed ("428 平乡县行政审批局"), year line, both optional. */
  deptCode?: string;
  deptName?: string;
  deptLoc?: Loc;
  year?: string;
  yearLoc?: Loc;
  unitLoc?: Loc;
  /** Header cell of each recognised column, by column key. */
  columns: Record<string, Loc>;
  /** Row index of the 栏次 row (or last header row); data starts after it. */
  headerEndRow: number;
  notes: Note[];
}

/** A row of a table with 科目编码 (T2, T3, T5, T6, T7, T8). The 合计 row has code "". */
export interface CodeRow {
  code: string;
  name: string;
  /** 0 = 合计, 1 = 类 (3 digits), 2 = 款 (5), 3 = 项 (7). */
  level: 0 | 1 | 2 | 3;
  codeLoc: Loc;
  nameLoc: Loc;
  cells: Record<string, Amount>;
  /**
   * The figure in column `key` in whole 分, as `cells[key].fen`, without making the cell where the reader can; NaN when
   * it is not known so (then `cells` serves). The rules' per-row sums use it: most cells of a large table are only summed.
   */
  fenAt?(key: string): number;
}

export interface CodeTable extends TableBase {
  kind: "code";
  total?: CodeRow;
  rows: CodeRow[]; // without the total, in sheet order
}

/** A row recognised by its label (T1, T4, T9, T11). */
export interface LabeledRow {
  key: string; // e.g. "gp", "201", "total"
  label: string;
  labelLoc: Loc;
  cells: Record<string, Amount>;
  /**
   * Not printed by the layout but implied by rows it prints (Shanghai's 事业收入, 经营收入 and 其他收入 make up the
   * seed's 单位资金): computed by the reader, its cells have no location (loc.col = -1) and are never written.
   */
  derived?: boolean;
}

/** T1 and T4: an income side and an expenditure side on the same rows. */
export interface TwoSidedTable extends TableBase {
  kind: "two-sided";
  income: Record<string, LabeledRow>;
  expense: Record<string, LabeledRow>;
}

export interface LabeledTable extends TableBase {
  kind: "labeled";
  rows: Record<string, LabeledRow>;
  /**
   * Figures a layout prints beside the standard rows, outside their sums: in the 三公 table 机关运行经费
   * ("running"), 会议费 ("meeting"), 培训费 ("training") and a 合计 over all of them ("all").
   */
  extra?: Record<string, LabeledRow>;
}

/** T10 政府采购预算: free rows. */
export interface ProcurementRow {
  row: number;
  project: string;
  item: string;
  catalog: string;
  measure: string;
  quantity: Amount;
  price: Amount;
  cells: Record<string, Amount>; // projectBudget, total, gp, fund, soe, special, unitFunds, sme
  loc: Loc; // first cell of the row
}

export interface ProcurementTable extends TableBase {
  kind: "procurement";
  rows: ProcurementRow[];
}

export interface Indicator {
  level1: string;
  level2: string;
  level3: string;
  description: string;
  value: string;
  basis: string;
  loc: Loc; // the 指标值 cell
}

/** T12: one project's 绩效目标表. */
export interface ProjectTable extends TableBase {
  kind: "project";
  code: string;
  name: string;
  codeLoc?: Loc;
  nameLoc?: Loc;
  budget?: Amount;
  fiscal?: Amount;
  other?: Amount;
  purpose: string;
  planHeader: string; // "资金支出计划（%）"
  plan: { label: string; amount: Amount }[]; // 3月底, 6月底, 10月底, 12月底
  goal: string;
  indicators: Indicator[];
}

export interface Param {
  key: string;
  value: string;
  loc: Loc; // the 内容 cell
}

export interface ParamsTable extends TableBase {
  kind: "params";
  params: Record<string, Param>;
}

export type Table = CodeTable | TwoSidedTable | LabeledTable | ProcurementTable | ProjectTable | ParamsTable;

export interface BudgetWorkbook {
  /** The unit of table 1 (or the first table found): the workbook's unit for reports. */
  unit: Unit;
  t1?: TwoSidedTable;
  t2?: CodeTable;
  t3?: CodeTable;
  t4?: TwoSidedTable;
  t5?: CodeTable;
  t6?: CodeTable;
  t7?: CodeTable;
  t8?: CodeTable;
  t9?: LabeledTable;
  t10?: ProcurementTable;
  t11?: LabeledTable;
  projects: ProjectTable[];
  params?: ParamsTable;
  /** Every recognised table in sheet order. */
  tables: TableInfo[];
  /** Sheets with content that is no table the reader knows (listed, never read), in sheet order. */
  unrecognised?: UnrecognisedTable[];
  /**
   * 机关运行经费 as a table states it (Shanghai's 三公 table has a column for it), in 万元; absent when no table
   * does. It is not the 公用经费 total: it covers 行政 and 参公 units only.
   */
  runningCost?: Amount;
  /** Problems found while reading (unreadable cells, duplicates, missing tables ...). */
  findings: Finding[];
  /** The published form the tables follow when it is not the seed's (table-specs PUBLISHED_FORMS), e.g. 上海区级. */
  form?: string;
  /** Department and year as most tables state them. */
  deptCode?: string;
  deptName?: string;
  year?: string;
}
