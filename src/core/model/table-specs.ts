// What each standard table looks like: title, columns (by header label) and fixed rows.
// The parser recognises tables with these specs; the workbook writer (init, fixtures) lays them out from them.
import { FORMER_CLASS_NAMES, FUNCTIONAL_CLASSES, classKey, classLabel } from "./classification";
import type { TableKey } from "./types";

export interface ColumnSpec {
  key: string;
  /** Canonical header label, then accepted aliases. */
  labels: string[];
  /** Group header above the label (merged across the group's columns), if any. */
  group?: string;
  amount: boolean;
  /** Label matching: "exact" (default), "prefix" or "suffix" (after normalisation). */
  match?: "exact" | "prefix" | "suffix";
}

export interface FixedRowSpec {
  key: string;
  labels: string[]; // canonical first
}

export type TableKind = "two-sided" | "code" | "labeled" | "procurement" | "project" | "params";

export interface TableSpec {
  key: TableKey;
  no: number;
  title: string; // canonical title
  kind: TableKind;
  columns: ColumnSpec[];
  /** Whether the table carries a 栏次 row under its header. */
  hasColumnNumbers: boolean;
  /** Fixed rows: T9, T11 (labeled); T1/T4 income and expense sides. */
  rows?: FixedRowSpec[];
  incomeRows?: FixedRowSpec[];
  expenseRows?: FixedRowSpec[];
  /**
   * Columns and rows other layouts use (see layout-variants.md): read like the standard ones but never laid
   * out by the standard workbook writer. Synonyms of standard columns go into their `labels` instead.
   */
  variantColumns?: ColumnSpec[];
  variantIncomeRows?: FixedRowSpec[];
  variantExpenseRows?: FixedRowSpec[];
  /** Words that mark a header row without naming a column ("本年收入", "收入预算"). */
  headerWords?: string[];
  /** Columns without which the table cannot be read (P-05); any other column may be absent. */
  requiredColumns: string[];
  /** The note printed under the table when it has no amounts. */
  emptyNote?: string;
  /** Error (tables 1–9) or warning (10–12) when the table is missing. */
  required: boolean;
}

const amt = (key: string, labels: string[], group?: string, match?: ColumnSpec["match"]): ColumnSpec => ({
  key,
  labels,
  group,
  amount: true,
  match,
});
const txt = (key: string, labels: string[], group?: string, match?: ColumnSpec["match"]): ColumnSpec => ({
  key,
  labels,
  group,
  amount: false,
  match,
});

const FUNC = "功能分类科目";
const TOTAL_LABELS = ["合计", "总计", "预算数", "金额"];
const CODE_LABELS = ["科目编码", "功能分类科目编码", "功能科目编码", "功能科目代码", "科目代码", "功能分类科目代码", "编码", "经济分类科目编码", "部门经济分类科目编码", "部门预算经济分类科目编码", "经济科目编码", "支出经济分类科目编码"];
const NAME_LABELS = ["科目名称", "功能分类科目名称", "功能科目名称", "名称", "经济分类科目名称", "部门经济分类科目名称", "部门预算经济分类科目名称", "经济科目名称", "支出经济分类科目名称"];
const codeCols = (group: string) => [txt("code", CODE_LABELS, group), txt("name", NAME_LABELS, group)];
/** Codes split over 类 | 款 | 项 columns (under a merged 科目编码 header); 款 and 项 may have lost a leading zero. */
const CODE_PART_COLUMNS: ColumnSpec[] = [txt("codeClass", ["类"]), txt("codeKuan", ["款"]), txt("codeXiang", ["项"])];
const CODE_HEADER_WORDS = ["项目", "功能分类科目", "支出功能分类科目", "部门预算经济分类科目", "支出部门经济分类科目", "经济分类科目"];

const classRows: FixedRowSpec[] = FUNCTIONAL_CLASSES.map((c) => ({ key: classKey(c), labels: [classLabel(c), c.name] }));
/** Class rows under the names of earlier years (医疗卫生与计划生育支出 …); rule H-05 warns when a later year uses them. */
const historicClassRows: FixedRowSpec[] = Object.entries(FORMER_CLASS_NAMES).map(([code, names]) => ({ key: code, labels: names.map((n) => n.name) }));

/**
 * 收支总表 income rows of other provinces' schemes (layout-variants.md): 一、财政拨款收入 with 1、一般公共预算资金
 * 2、政府性基金 3、国有资本经营预算, then 事业收入, 事业单位经营收入, 其他收入 …; 本年收入合计 may be 当年收入小计.
 */
const INCOME_SCHEME_ROWS: FixedRowSpec[] = [
  { key: "fiscal", labels: ["财政拨款收入", "财政拨款", "财政拨款资金"] },
  { key: "gp", labels: ["一般公共预算资金", "一般公共预算", "一般公共预算财政拨款", "一般公共预算收入"] },
  { key: "fund", labels: ["政府性基金", "政府性基金预算", "政府性基金预算资金", "政府性基金收入"] },
  { key: "soe", labels: ["国有资本经营预算", "国有资本经营预算资金", "国有资本经营预算收入"] },
  { key: "special", labels: ["财政专户管理资金", "财政专户收入"] },
  { key: "business", labels: ["事业收入"] },
  { key: "operating", labels: ["事业单位经营收入", "经营收入"] },
  { key: "superior", labels: ["上级补助收入"] },
  { key: "affiliated", labels: ["附属单位上缴收入"] },
  { key: "other", labels: ["其他收入", "其他资金"] },
  { key: "reserve", labels: ["单位预留机动经费"] },
  { key: "total", labels: ["本年收入小计", "当年收入小计", "收入合计"] },
  { key: "carry", labels: ["上年结转资金", "上年结转", "上年结转和结余", "年初结转和结余"] },
];

/**
 * Income rows that are sources of the year's income, top level only: a scheme lists either the seed's five rows
 * or 财政拨款 (whose three funds are its parts) and the 单位资金 items one by one.
 */
export const INCOME_SOURCE_KEYS = ["gp", "fund", "soe", "special", "unitFunds", "business", "operating", "superior", "affiliated", "other", "reserve"] as const;
export const FISCAL_PART_KEYS = ["gp", "fund", "soe"] as const;

const fiveCol = (key: TableKey, no: number, title: string, emptyNote: string): TableSpec => ({
  key,
  no,
  title,
  kind: "code",
  hasColumnNumbers: true,
  columns: [...codeCols(FUNC), amt("total", TOTAL_LABELS), amt("basic", ["基本支出"]), amt("project", ["项目支出"])],
  variantColumns: CODE_PART_COLUMNS,
  headerWords: [...CODE_HEADER_WORDS, "一般公共预算支出", "政府性基金预算支出", "国有资本经营预算支出", "支出预算"],
  requiredColumns: ["code", "total"],
  emptyNote,
  required: true,
});

export const TABLE_SPECS: TableSpec[] = [
  {
    key: "T1",
    no: 1,
    title: "部门预算收支总表",
    kind: "two-sided",
    hasColumnNumbers: true,
    columns: [
      txt("inLabel", ["项目"], "收入"),
      amt("inAmount", ["预算数", "金额"], "收入"),
      txt("exLabel", ["项目"], "支出"),
      amt("exAmount", ["预算数", "金额", "合计"], "支出"),
    ],
    incomeRows: [
      { key: "gp", labels: ["一、一般公共预算拨款收入", "一般公共预算拨款收入", "一般公共预算拨款"] },
      { key: "fund", labels: ["二、政府性基金预算拨款收入", "政府性基金预算拨款收入", "政府性基金预算拨款"] },
      { key: "soe", labels: ["三、国有资本经营预算拨款收入", "国有资本经营预算拨款收入", "国有资本经营预算拨款"] },
      { key: "special", labels: ["四、财政专户管理资金收入", "财政专户管理资金收入", "财政专户管理资金"] },
      { key: "unitFunds", labels: ["五、单位资金", "单位资金", "单位资金收入"] },
      { key: "total", labels: ["本年收入合计"] },
      { key: "carry", labels: ["上年结转结余", "上年结转"] },
      { key: "grand", labels: ["收入总计"] },
    ],
    expenseRows: [
      ...classRows,
      { key: "total", labels: ["本年支出合计"] },
      { key: "carry", labels: ["年终结转结余", "年末结转结余"] },
      { key: "grand", labels: ["支出总计"] },
    ],
    variantColumns: [
      amt("exBasic", ["基本支出"], "支出"),
      amt("exPersonnel", ["人员经费"], "支出"),
      amt("exPublic", ["公用经费", "日常公用经费"], "支出"),
      amt("exProject", ["项目支出"], "支出"),
    ],
    variantIncomeRows: INCOME_SCHEME_ROWS,
    variantExpenseRows: [
      ...historicClassRows,
      { key: "total", labels: ["本年支出小计", "当年支出小计", "支出合计"] },
      { key: "carry", labels: ["结转下年", "年末结转和结余"] },
    ],
    headerWords: ["本年收入", "本年支出", "收入", "支出", "收入预算", "支出预算"],
    requiredColumns: ["inLabel", "inAmount", "exLabel", "exAmount"],
    required: true,
  },
  {
    key: "T2",
    no: 2,
    title: "部门预算收入总表",
    kind: "code",
    hasColumnNumbers: true,
    columns: [
      ...codeCols(FUNC),
      amt("total", TOTAL_LABELS),
      amt("subtotal", ["小计", "本年收入小计", "当年收入小计"], "本年收入"),
      amt("fiscal", ["财政拨款收入", "财政拨款", "财政拨款资金"], "本年收入"),
      amt("special", ["财政专户收入", "财政专户管理资金收入", "财政专户管理资金"], "本年收入"),
      amt("business", ["事业收入"], "本年收入"),
      amt("operating", ["经营收入", "事业单位经营收入"], "本年收入"),
      amt("superior", ["上级补助收入"], "本年收入"),
      amt("affiliated", ["附属单位上缴收入"], "本年收入"),
      amt("other", ["其他收入", "其他资金"], "本年收入"),
      amt("carry", ["上年结转", "上年结转结余", "上年结转资金"]),
    ],
    variantColumns: CODE_PART_COLUMNS,
    headerWords: [...CODE_HEADER_WORDS, "本年收入", "收入预算"],
    requiredColumns: ["code", "total"],
    required: true,
  },
  {
    key: "T3",
    no: 3,
    title: "部门预算支出总表",
    kind: "code",
    hasColumnNumbers: true,
    columns: [
      ...codeCols(FUNC),
      amt("total", TOTAL_LABELS),
      amt("basic", ["基本支出"]),
      amt("project", ["项目支出"]),
      amt("operating", ["经营支出", "事业单位经营支出"]),
      amt("remit", ["上解上级支出"]),
      amt("subsidy", ["对附属单位补助支出"]),
    ],
    variantColumns: CODE_PART_COLUMNS,
    headerWords: [...CODE_HEADER_WORDS, "支出预算", "本年支出"],
    requiredColumns: ["code", "total"],
    required: true,
  },
  {
    key: "T4",
    no: 4,
    title: "部门预算财政拨款收支总表",
    kind: "two-sided",
    hasColumnNumbers: true,
    columns: [
      txt("inLabel", ["项目"], "收入"),
      amt("inAmount", ["金额", "预算数"], "收入"),
      txt("exLabel", ["项目"], "支出"),
      amt("exTotal", ["合计", "预算数"], "支出"),
      amt("exGp", ["一般公共预算财政拨款", "一般公共预算", "一般公共预算拨款", "一般公共预算资金"], "支出"),
      amt("exFund", ["政府性基金预算财政拨款", "政府性基金预算", "政府性基金预算拨款", "政府性基金"], "支出"),
      amt("exSoe", ["国有资本经营预算财政拨款", "国有资本经营预算", "国有资本经营预算拨款"], "支出"),
    ],
    incomeRows: [
      { key: "gp", labels: ["一、一般公共预算拨款", "一般公共预算拨款", "一般公共预算拨款收入"] },
      { key: "fund", labels: ["二、政府性基金预算拨款", "政府性基金预算拨款", "政府性基金预算拨款收入"] },
      { key: "soe", labels: ["三、国有资本经营预算拨款", "国有资本经营预算拨款", "国有资本经营预算拨款收入"] },
      { key: "total", labels: ["本年收入合计"] },
      { key: "carry", labels: ["年初财政拨款结转和结余", "年初结转和结余"] },
      // The three sub-rows under 年初结转 repeat the fund labels; the parser tells them apart by position.
      { key: "carryGp", labels: ["一、一般公共预算拨款"] },
      { key: "carryFund", labels: ["二、政府性基金预算拨款"] },
      { key: "carrySoe", labels: ["三、国有资本经营预算拨款"] },
      { key: "grand", labels: ["收入总计"] },
    ],
    expenseRows: [
      ...classRows,
      { key: "total", labels: ["本年支出合计"] },
      { key: "carry", labels: ["年末财政拨款结转和结余", "年末结转和结余"] },
      { key: "grand", labels: ["支出总计"] },
    ],
    variantIncomeRows: [
      { key: "gp", labels: ["一般公共预算资金", "一般公共预算", "一般公共预算财政拨款"] },
      { key: "fund", labels: ["政府性基金", "政府性基金预算", "政府性基金预算资金", "政府性基金预算财政拨款"] },
      { key: "soe", labels: ["国有资本经营预算", "国有资本经营预算资金", "国有资本经营预算财政拨款"] },
      { key: "total", labels: ["本年收入小计", "当年收入小计", "收入合计", "财政拨款收入合计"] },
      { key: "carry", labels: ["上年结转", "上年结转资金", "年初结转和结余"] },
    ],
    variantExpenseRows: [...historicClassRows, { key: "total", labels: ["本年支出小计", "支出合计", "财政拨款支出合计"] }, { key: "carry", labels: ["结转下年", "年末结转和结余"] }],
    headerWords: ["财政拨款收入", "财政拨款支出", "收入", "支出", "本年收入", "本年支出"],
    requiredColumns: ["inLabel", "inAmount", "exLabel", "exTotal"],
    required: true,
  },
  fiveCol("T5", 5, "部门预算一般公共预算财政拨款支出表", "注：无一般公共预算财政拨款预算，空表列示。"),
  {
    key: "T6",
    no: 6,
    title: "部门预算一般公共预算财政拨款基本支出表",
    kind: "code",
    hasColumnNumbers: true,
    columns: [
      ...codeCols("支出部门经济分类科目"),
      amt("total", TOTAL_LABELS, "一般公共预算基本支出"),
      amt("personnel", ["人员经费"], "一般公共预算基本支出"),
      amt("public", ["公用经费", "日常公用经费"], "一般公共预算基本支出"),
    ],
    variantColumns: CODE_PART_COLUMNS,
    headerWords: [...CODE_HEADER_WORDS, "一般公共预算基本支出", "基本支出"],
    requiredColumns: ["code", "total"],
    emptyNote: "注：无一般公共预算财政拨款基本支出预算，空表列示。",
    required: true,
  },
  fiveCol("T7", 7, "部门预算政府性基金预算财政拨款支出表", "注：无政府性基金预算财政拨款预算，空表列示。"),
  fiveCol("T8", 8, "部门预算国有资本经营预算财政拨款支出表", "注：无国有资本经营预算财政拨款预算，空表列示。"),
  {
    key: "T9",
    no: 9,
    title: "部门预算财政拨款“三公”经费支出表",
    kind: "labeled",
    hasColumnNumbers: true,
    columns: [
      txt("label", ["项目"]),
      amt("total", ["合计", "预算数", "金额"], "资金性质"),
      amt("gp", ["一般公共预算财政拨款", "一般公共预算拨款"], "资金性质"),
      amt("fund", ["政府性基金预算拨款", "政府性基金预算财政拨款"], "资金性质"),
      amt("soe", ["国有资本经营预算财政拨款", "国有资本经营预算拨款"], "资金性质"),
    ],
    rows: [
      { key: "total", labels: ["合计"] },
      { key: "abroad", labels: ["1、因公出国（境）费", "因公出国（境）费", "因公出国（境）费用"] },
      { key: "reception", labels: ["2、公务接待费", "公务接待费"] },
      { key: "car", labels: ["3、公务用车购置及运行维护费", "公务用车购置及运行维护费", "公务用车购置及运维费", "公务用车购置及运行费"] },
      { key: "carBuy", labels: ["其中：公务用车购置费", "公务用车购置费"] },
      { key: "carRun", labels: ["公务用车运行维护费", "公务用车运维费", "公务用车运行费"] },
    ],
    headerWords: ["资金性质", "财政拨款"],
    requiredColumns: ["label", "total"],
    emptyNote: "注：无财政拨款“三公”经费支出表预算，空表列示。",
    required: true,
  },
  {
    key: "T10",
    no: 10,
    title: "部门政府采购预算",
    kind: "procurement",
    hasColumnNumbers: false,
    columns: [
      txt("project", ["项目名称"], "政府采购项目来源"),
      amt("projectBudget", ["预算资金"], "政府采购项目来源"),
      txt("item", ["采购物品名称"]),
      txt("catalog", ["政府采购目录序号"]),
      txt("measure", ["计量单位"]),
      amt("quantity", ["数量"]),
      amt("price", ["单价"]),
      amt("total", ["合计"], "政府采购金额（当年部门预算安排资金）"),
      amt("gp", ["一般公共预算拨款"], "政府采购金额（当年部门预算安排资金）"),
      amt("fund", ["基金预算拨款"], "政府采购金额（当年部门预算安排资金）"),
      amt("soe", ["国有资本经营预算拨款"], "政府采购金额（当年部门预算安排资金）"),
      amt("special", ["财政专户核拨"], "政府采购金额（当年部门预算安排资金）"),
      amt("unitFunds", ["单位资金"], "政府采购金额（当年部门预算安排资金）"),
      amt("sme", ["预留中小微企业份额"], undefined, "suffix"),
    ],
    requiredColumns: ["total"],
    emptyNote: "注：无政府采购预算，空表列示。",
    required: false,
  },
  {
    key: "T11",
    no: 11,
    title: "部门固定资产占用情况表",
    kind: "labeled",
    hasColumnNumbers: false,
    columns: [txt("label", ["项目"]), amt("quantity", ["数量"]), amt("value", ["价值", "价值（金额单位：万元）"], undefined, "prefix")],
    rows: [
      { key: "total", labels: ["资产总额"] },
      { key: "house", labels: ["1、房屋（平方米）", "房屋（平方米）", "房屋"] },
      { key: "office", labels: ["其中：办公用房（平方米）", "办公用房（平方米）", "办公用房"] },
      { key: "vehicle", labels: ["2、车辆（台、辆）", "车辆（台、辆）", "车辆"] },
      { key: "equipment", labels: ["3、单价在20万元以上的设备", "单价在20万元以上的设备"] },
      { key: "other", labels: ["4、其他固定资产", "其他固定资产"] },
    ],
    requiredColumns: ["label", "value"],
    required: false,
  },
  {
    key: "T12",
    no: 12,
    title: "项目绩效目标表",
    kind: "project",
    hasColumnNumbers: false,
    columns: [],
    requiredColumns: [],
    required: false,
  },
  {
    key: "PARAMS",
    no: 0,
    title: "说明参数",
    kind: "params",
    hasColumnNumbers: false,
    columns: [txt("key", ["项目", "参数", "名称"]), txt("value", ["内容", "值", "数值"])],
    requiredColumns: [],
    required: false,
  },
];

/**
 * Recognition by meaning: a title (after titleCore: no label, number, year or 部门/单位 wording) names a table
 * when it contains every word of `all` and none of `none`. First match wins, so the more specific come first.
 * To accept a new wording, add a pattern here; the header labels then confirm the kind (see findHeader).
 */
export interface TitlePattern {
  key: TableKey;
  all: RegExp[];
  none?: RegExp[];
}

export const TITLE_PATTERNS: TitlePattern[] = [
  { key: "PARAMS", all: [/^说明参数$/] },
  // A project's title is its name ("政府采购评标专家酬金项目绩效目标表"): before the words it may contain.
  { key: "T12", all: [/绩效目标表$/], none: [/整体/] },
  { key: "T9", all: [/三公/] },
  { key: "T4", all: [/财政拨款/, /收支/] },
  { key: "T1", all: [/收支/, /总表|总体情况表|预算表$/] },
  { key: "T2", all: [/收入/, /总表|总体情况表/], none: [/支出/] },
  { key: "T3", all: [/支出/, /总表|总体情况表/], none: [/收入/, /一般公共预算|政府性基金|国有资本/] },
  { key: "T6", all: [/一般公共预算/, /基本支出/], none: [/项目支出/] },
  { key: "T5", all: [/一般公共预算/, /支出/], none: [/基本支出|项目支出表|绩效/] },
  { key: "T7", all: [/政府性基金/, /支出/] },
  { key: "T8", all: [/国有资本经营/, /支出/] },
  { key: "T10", all: [/政府采购/] },
  { key: "T11", all: [/固定资产|资产占用/] },
];

/**
 * Published forms that publish fewer tables than the seed's: a form is known by words in one of its tables' titles.
 * Such a form states the facts of the tables it leaves out in its text (Shanghai: 政府采购, 国有资产占有使用 and
 * 绩效目标 in 其他相关情况说明), so a table it does not publish is not missing. `name` is also its narrative style.
 */
export interface PublishedForm {
  name: string;
  marker: RegExp;
  publishes: TableKey[];
}

export const PUBLISHED_FORMS: PublishedForm[] = [
  { name: "上海区级", marker: /财务收支预算总表|三公.{0,2}经费和机关运行经费/, publishes: ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"] },
];

/** The published form whose marker is in one of these titles, if any. */
export function publishedForm(titles: string[]): PublishedForm | undefined {
  return PUBLISHED_FORMS.find((f) => titles.some((t) => f.marker.test(t.replace(/\s/g, ""))));
}

/** What each kind of table is called in lists (the task pane, `check`): short, without 部门预算. */
export const KIND_NAMES: Record<TableKey, string> = {
  T1: "收支总表",
  T2: "收入总表",
  T3: "支出总表",
  T4: "财政拨款收支总表",
  T5: "一般公共预算支出表",
  T6: "一般公共预算基本支出表",
  T7: "政府性基金预算支出表",
  T8: "国有资本经营预算支出表",
  T9: "“三公”经费表",
  T10: "政府采购预算表",
  T11: "固定资产占用情况表",
  T12: "项目绩效目标表",
  PARAMS: "说明参数",
};

export function specFor(key: TableKey): TableSpec {
  const s = TABLE_SPECS.find((t) => t.key === key);
  if (!s) throw new Error(`no spec for ${key}`);
  return s;
}

/** The 说明参数 keys the standard narrative uses, in display order, with the seed's examples. */
export const PARAM_KEYS: { key: string; example: string; amount: boolean }[] = [
  { key: "部门名称", example: "平乡县行政审批局", amount: false },
  { key: "单位编码", example: "428", amount: false },
  { key: "预算年度", example: "2024", amount: false },
  { key: "上年预算收支总额", example: "1009.10", amount: true },
  { key: "上年基本支出", example: "586.00", amount: true },
  { key: "上年项目支出", example: "423.10", amount: true },
  { key: "基本支出增减原因", example: "主要为部门人员增加及劳务派遣人员工资及社保187.28万元", amount: false },
  { key: "项目支出增减原因", example: "主要为项目支出减少", amount: false },
  { key: "上年“三公”经费", example: "0.00", amount: true },
  { key: "“三公”经费增减原因", example: "无增减变化", amount: false },
  { key: "机关运行经费用途", example: "日常维修、办公用房水电费、办公用房取暖费、办公用房物业管理费等日常运行支出", amount: false },
  { key: "上年末固定资产金额", example: "625.11", amount: true },
  { key: "本年拟购置固定资产", example: "0.00", amount: true },
];
