// One department's disclosure as plain data: what buildStandardWorkbook lays out (fixtures, `init`).
// Amounts are decimal strings in 万元 exactly as printed (never JS floats, never recomputed); blank = null.
import { PARAM_KEYS, specFor } from "../core/model/table-specs";
import type { Indicator } from "../core/model/types";

/** A decimal string ("1042.58") or null for a blank cell. */
export type Amt = string | null;

/** Amounts of one row by column key (ColumnSpec.key); a missing key is a blank cell. */
export type AmountRow = Record<string, Amt>;

/** A row of a table with 科目编码 (T2, T3, T5–T8); code "" is the 合计 row. */
export interface CodeRowData {
  code: string;
  name: string;
  cells: AmountRow;
}

/** T1/T4: rows by FixedRowSpec key on each side. Rows absent here are printed blank. */
export interface TwoSidedData {
  income: Record<string, AmountRow>;
  expense: Record<string, AmountRow>;
}

/** T9/T11: fixed rows by FixedRowSpec key. */
export interface LabeledData {
  rows: Record<string, AmountRow>;
  /** false: print only the header and the empty note, as the seed's empty 三公 table does. Default true. */
  printRows?: boolean;
}

export interface AssetsData extends LabeledData {
  /** "2023-12-31", printed as 截止时间. */
  asOf: string;
}

/** One T10 row: text columns (project, item, catalog, measure) and amounts (projectBudget, quantity, price, total …) by column key. */
export type ProcurementRowData = Record<string, string | null>;

/** One indicator row of a 绩效目标表, as the model reads it (without its location). */
export type IndicatorData = Omit<Indicator, "loc">;

/** One project's 绩效目标表 (T12). */
export interface ProjectData {
  code: string;
  name: string;
  budget: Amt;
  fiscal: Amt;
  other: Amt;
  purpose: string;
  /** Cumulative amounts at 3月底, 6月底, 10月底, 12月底. */
  plan: [Amt, Amt, Amt, Amt];
  goal: string;
  indicators: IndicatorData[];
}

export interface ParamData {
  key: string;
  value: string;
}

export interface DepartmentData {
  deptCode: string;
  deptName: string;
  year: string;
  t1: TwoSidedData;
  t2: CodeRowData[];
  t3: CodeRowData[];
  t4: TwoSidedData;
  t5: CodeRowData[];
  t6: CodeRowData[];
  t7: CodeRowData[];
  t8: CodeRowData[];
  t9: LabeledData;
  t10: ProcurementRowData[];
  t11: AssetsData;
  projects: ProjectData[];
  /** 说明参数 rows in any order; PARAM_KEYS are laid out first. */
  params: ParamData[];
}

/** 说明参数 keys the default narrative reads besides PARAM_KEYS (机构设置: one unit a line, "名称|性质|规格|经费保障形式"). */
export const NARRATIVE_EXTRA_KEYS = ["部门职责", "机构设置", "部门整体绩效目标", "其他需要说明的事项"] as const;

export const PLAN_LABELS = ["3月底", "6月底", "10月底", "12月底"] as const;

/** "428 平乡县行政审批局" → code and name ("" code when the line has none). */
export function splitDept(line: string): { deptCode: string; deptName: string } {
  const m = /^\s*(\d+)\s*(.*)$/.exec(line);
  return m ? { deptCode: m[1], deptName: m[2].trim() } : { deptCode: "", deptName: line.trim() };
}

/** A blank department for `init`: every fixed row, a 合计 row in the tables that always carry amounts, all 说明参数 keys. */
export function emptyDepartment(year: string, dept: string): DepartmentData {
  const { deptCode, deptName } = splitDept(dept);
  const total = (): CodeRowData[] => [{ code: "", name: "合计", cells: {} }];
  const fixed = (rows: { key: string }[] | undefined) => Object.fromEntries((rows ?? []).map((r) => [r.key, {}]));
  const known: Record<string, string> = { 部门名称: deptName, 单位编码: deptCode, 预算年度: year };
  return {
    deptCode,
    deptName,
    year,
    t1: { income: fixed(specFor("T1").incomeRows), expense: fixed(specFor("T1").expenseRows) },
    t2: total(),
    t3: total(),
    t4: { income: fixed(specFor("T4").incomeRows), expense: fixed(specFor("T4").expenseRows) },
    t5: total(),
    t6: total(),
    t7: [],
    t8: [],
    t9: { rows: fixed(specFor("T9").rows) },
    t10: [],
    t11: { asOf: `${Number(year) - 1}-12-31`, rows: fixed(specFor("T11").rows) },
    projects: [],
    params: [...PARAM_KEYS.map((p) => p.key), ...NARRATIVE_EXTRA_KEYS].map((key) => ({ key, value: known[key] ?? "" })),
  };
}

/** The workbook `init` writes: the blank department plus one blank 绩效目标表 to copy for each project. */
export function initDepartment(year: string, dept: string): DepartmentData {
  const d = emptyDepartment(year, dept);
  d.projects = [
    {
      code: "",
      name: "（项目名称）",
      budget: null,
      fiscal: null,
      other: null,
      purpose: "",
      plan: [null, null, null, null],
      goal: "",
      indicators: [
        { level1: "产出指标", level2: "数量指标", level3: "", description: "", value: "", basis: "" },
        { level1: "产出指标", level2: "质量指标", level3: "", description: "", value: "", basis: "" },
        { level1: "产出指标", level2: "时效指标", level3: "", description: "", value: "", basis: "" },
        { level1: "产出指标", level2: "成本指标", level3: "", description: "", value: "", basis: "" },
        { level1: "效益指标", level2: "社会效益指标", level3: "", description: "", value: "", basis: "" },
        { level1: "满意度指标", level2: "服务对象满意度指标", level3: "", description: "", value: "", basis: "" },
      ],
    },
  ];
  return d;
}
