// Render the 情况说明 from LiquidJS templates, in the department's style. Templates are parsed once; a template
// error, a missing figure or 说明参数, a 上年 figure that disagrees with last year's workbook become findings,
// never exceptions.
import { Liquid, type Template } from "liquidjs";
import type { WorkbookSnapshot } from "../snapshot";
import type { Finding } from "../findings";
import { paramValue } from "../facts";
import { readWorkbook } from "../model/read-workbook";
import type { BudgetWorkbook } from "../model/types";
import { buildContext } from "./context";
import { Change, Money, type Need } from "./values";
import { ALL_SECTION_IDS, STYLES, findStyle, styleNames, SECTION_LABELS, type NarrativeStyle } from "./styles";
import { quoteText } from "../quote";

/** Template sources by section id (file name without .liquid), for every style. */
export type TemplateSet = Record<string, string>;

export { ALL_SECTION_IDS, SECTION_IDS, SECTION_LABELS, STYLES, findStyle, styleNames, type NarrativeStyle } from "./styles";

/** The style the tables' layout suggests: Shanghai's 财务收支预算总表 and 三公经费和机关运行经费 table. */
export function styleOfLayout(wb: BudgetWorkbook): NarrativeStyle {
  return findStyle(wb.form) ?? STYLES[0];
}

export interface NarrativeSection {
  id: string;
  /** First line of the rendered section (its heading, e.g. "二、部门预算安排的总体情况"); "" for the preamble. */
  title: string;
  /** Rendered paragraphs after the heading, in order. */
  paragraphs: string[];
}

export interface NarrativeResult {
  sections: NarrativeSection[];
  /** Missing figures and 说明参数, template errors, 上年 figures that disagree. */
  findings: Finding[];
  /** The style the text was written in (absent for a text read back from a document). */
  style?: string;
  /** How many 【缺少：…】 the text holds. */
  missing?: number;
  /** No table of the workbook was recognised: nothing the text says comes from the tables. */
  nothingRead?: boolean;
}

export const NARRATIVE_RULES = { missingParam: "N-01", templateError: "N-02", previousDiffers: "N-03", unknownStyle: "N-04" } as const;

export interface RenderOptions {
  /** A style name (or alias); overrides 说明参数 `说明样式` and the layout. */
  style?: string;
  /** Last year's workbook, for 上年 figures. */
  previous?: BudgetWorkbook;
}

/**
 * Limits for templates from anywhere (a user's folder, a workbook someone mailed): a template's length, the time of
 * each section and of all together, and what a render may allocate. The bundled templates render in milliseconds.
 */
export const TEMPLATE_LIMITS = { parseChars: 1_000_000, sectionMs: 2_000, totalMs: 6_000, memory: 50_000_000 };

/**
 * Includes, renders and layouts resolve only against the set itself (the bundled templates and the user's own),
 * never through the file system or the network: `templates` replaces LiquidJS's file and XHR lookups.
 */
function engine(set: TemplateSet = {}): Liquid {
  const liquid = new Liquid({
    strictFilters: true,
    // A misspelt field (收入.总计额) is an error naming it, not an empty spot; {% if x %} on an optional field stays false.
    strictVariables: true,
    lenientIf: true,
    ownPropertyOnly: true,
    jsTruthy: false,
    greedy: false,
    templates: { ...set },
    parseLimit: TEMPLATE_LIMITS.parseChars,
    renderLimit: TEMPLATE_LIMITS.sectionMs,
    memoryLimit: TEMPLATE_LIMITS.memory,
  });
  // {{ x | 万元 }}: "39.52万元" for a figure, 【缺少：…】 alone for an unknown; {{ x | 万元: "千分位" }}: "18,976.76万元".
  liquid.registerFilter("万元", (v: unknown, form?: string) => (v instanceof Money ? `${form === "千分位" ? v.千分位 : v.文本}万元` : String(v ?? "")));
  // {{ 增减.x | 比上年: 上年 }}: "比2024年预算增加3,355.65万元" or "与2024年预算持平" (Shanghai's wording).
  liquid.registerFilter("比上年", (v: unknown, year?: unknown) => {
    if (!(v instanceof Change)) return String(v ?? "");
    return v.为零 ? `与${String(year)}年预算持平` : `比${String(year)}年预算${v.方向}${v.金额.千分位}万元`;
  });
  return liquid;
}

export interface ParsedTemplates {
  templates: Map<string, Template[]>;
  findings: Finding[];
}

/** Parse (and so validate) templates once; errors carry the section's name, line and column. */
export function parseTemplates(set: TemplateSet, ids: readonly string[] = ALL_SECTION_IDS): ParsedTemplates {
  const liquid = engine(set);
  const templates = new Map<string, Template[]>();
  const findings: Finding[] = [];
  for (const id of ids) {
    const src = set[id];
    if (src === undefined) continue;
    try {
      templates.set(id, liquid.parse(src, `${id}.liquid`));
    } catch (e) {
      findings.push(templateFinding(id, e));
    }
  }
  return { templates, findings };
}

/** A template's syntax error in Chinese with its line and column, or null when it parses. */
export function templateSyntaxError(source: string): { line: number; column: number; message: string } | null {
  try {
    engine().parse(source);
    return null;
  } catch (e) {
    const { line, column, detail } = errorPosition(e);
    return { line, column, message: `第 ${line} 行第 ${column} 列：${detail}` };
  }
}

const LIQUID_MESSAGES: [RegExp, string][] = [
  [/tag (.+) not closed/, "标签 $1 没有结束（缺少对应的 end 标签）"],
  [/output (.+) not closed/, "输出 $1 没有结束（缺少 }}）"],
  [/tag (.+) not found/, "不认识的标签 $1"],
  [/undefined filter:? (.+)/, "不认识的过滤器 $1"],
  [/unexpected token/i, "有无法识别的符号"],
  [/invalid value expression/i, "取值表达式有误"],
];

/** Causes that are not syntax: the template parsed but was stopped, or reached for something outside the set. */
const RUN_MESSAGES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/Failed to lookup "([^"]*)"/, (m) => `引用的模板“${quoteText(m[1], 30)}”不存在：include、render 只能按名称引用模板文件夹中和内置的模板，不能引用其他文件或网址`],
  [/undefined variable: (.+)/, (m) => `引用了不存在的字段“${quoteText(m[1], 40)}”（可能拼写有误；可用的字段见任务窗格模板旁的列表或 src/core/narrative/context.ts）`],
  [/memory alloc limit exceeded/, () => "运行时占用的内存超过上限（可能是过大的循环范围或不断变长的文字），已停止"],
  [/render limit exceeded/, () => `运行时间超过上限（每节 ${TEMPLATE_LIMITS.sectionMs / 1000} 秒，可能是过长或嵌套过深的循环），已停止`],
  [/parse length limit exceeded/, () => `模板太长（超过 ${TEMPLATE_LIMITS.parseChars} 个字符）`],
  [/call stack/i, () => "模板互相引用的层次太深（可能引用了自己），已停止"],
];

/** LiquidJS's English error as Chinese: a syntax error's detail, or the cause that stopped a render. */
export function templateErrorText(e: unknown): { syntax: boolean; detail: string } {
  const raw = ((e as { message?: string } | null)?.message ?? String(e)).split(/, (file|line):/)[0];
  for (const [re, zh] of RUN_MESSAGES) {
    const m = re.exec(raw);
    if (m) return { syntax: false, detail: zh(m) };
  }
  for (const [re, zh] of LIQUID_MESSAGES) if (re.test(raw)) return { syntax: true, detail: quoteText(raw.replace(re, zh).replace(/^.*?(标签|输出|不认识|有无法|取值)/, "$1"), 80) };
  const name = (e as { name?: string } | null)?.name;
  if (name === "ParseError" || name === "TokenizationError") return { syntax: true, detail: "请检查这一位置附近的写法" };
  return { syntax: false, detail: "运行出错，请检查这一位置附近的写法" };
}

function errorPosition(e: unknown): { line: number; column: number; detail: string } {
  const err = e as { token?: { getPosition?: () => number[] } } | null;
  let pos: number[] = [];
  try {
    pos = err?.token?.getPosition?.() ?? [];
  } catch {
    // no position for errors thrown outside a token
  }
  return { line: pos[0] ?? 1, column: pos[1] ?? 1, detail: templateErrorText(e).detail };
}

function templateFinding(id: string, e: unknown): Finding {
  const { line, column } = errorPosition(e);
  const { syntax, detail } = templateErrorText(e);
  return {
    rule: NARRATIVE_RULES.templateError,
    severity: "error",
    sheet: "",
    cell: "",
    related: [],
    table: "情况说明模板",
    message: `情况说明模板“${SECTION_LABELS[id] ?? quoteText(id, 30)}”第 ${line} 行第 ${column} 列${syntax ? `有语法错误（${detail}）` : `：${detail}`}，该节未生成。请修改模板。`,
  };
}

/** The style for this workbook: the caller's choice, else 说明参数 `说明样式`, else the layout's (findings unreported). */
export const styleFor = (wb: BudgetWorkbook, requested?: string): NarrativeStyle => chooseStyle(wb, requested, []);

/** The style for this workbook: the caller's choice, else 说明参数 `说明样式`, else the layout's. */
function chooseStyle(wb: BudgetWorkbook, requested: string | undefined, findings: Finding[]): NarrativeStyle {
  const byCaller = findStyle(requested);
  if (byCaller) return byCaller;
  const p = paramValue(wb, "说明样式");
  if (p) {
    const s = findStyle(p.value);
    if (s) return s;
    findings.push({
      rule: NARRATIVE_RULES.unknownStyle,
      severity: "warning",
      sheet: p.loc.sheet,
      cell: p.loc.address,
      related: [],
      table: "说明参数",
      message: `说明参数“说明样式”为“${p.value}”，不是可用的样式（${styleNames()}），已按表格格式选用“${styleOfLayout(wb).name}”。`,
    });
  }
  return styleOfLayout(wb);
}

export function renderNarrativeWorkbook(wb: BudgetWorkbook, set: TemplateSet, options: RenderOptions = {}): NarrativeResult {
  const findings: Finding[] = [];
  const style = chooseStyle(wb, options.style, findings);
  const parsed = parseTemplates(set, style.sections);
  findings.push(...parsed.findings);
  const { data, missing, disagreements } = buildContext(wb, { previous: options.previous });
  const liquid = engine(set);
  const sections: NarrativeSection[] = [];
  // A time limit per section and one for all together, so that twelve slow sections cannot take twelve times as long.
  const deadline = Date.now() + TEMPLATE_LIMITS.totalMs;
  for (const id of style.sections) {
    const tpl = parsed.templates.get(id);
    if (!tpl) continue;
    const left = deadline - Date.now();
    if (left <= 0) {
      findings.push({ ...templateFinding(id, null), message: `情况说明模板“${SECTION_LABELS[id] ?? quoteText(id, 30)}”未生成：前面的模板已用完全部 ${TEMPLATE_LIMITS.totalMs / 1000} 秒的运行时间。请先修改报错的模板。` });
      continue;
    }
    let text: string;
    try {
      text = liquid.renderSync(tpl, data, { renderLimit: Math.min(TEMPLATE_LIMITS.sectionMs, left) }) as string;
    } catch (e) {
      findings.push(templateFinding(id, e));
      continue;
    }
    const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (id === "preamble") sections.push({ id, title: "", paragraphs: lines });
    else sections.push({ id, title: lines[0] ?? "", paragraphs: lines.slice(1) });
  }
  const all = narrativeText({ sections });
  const count = (all.match(/【缺少：/g) ?? []).length;
  const groups = new Map<string, { need: Need; items: string[] }>();
  for (const n of missing.needs.values()) {
    if (!all.includes(`【缺少：${n.what}】`)) continue; // asked by a condition, never printed
    const key = n.group?.key ?? n.what;
    const g = groups.get(key);
    if (g) g.items.push(n.group?.item ?? n.what);
    else groups.set(key, { need: n, items: [n.group?.item ?? n.what] });
  }
  for (const { need: n, items } of groups.values()) {
    findings.push({
      rule: NARRATIVE_RULES.missingParam,
      severity: "warning",
      sheet: n.loc?.sheet ?? "",
      cell: n.loc?.address ?? "",
      table: n.what.startsWith("说明参数") ? "说明参数" : "情况说明",
      related: [],
      message: n.group ? n.group.message(items) : n.message,
    });
  }
  for (const d of disagreements) {
    findings.push({
      rule: NARRATIVE_RULES.previousDiffers,
      severity: "warning",
      sheet: d.loc.sheet,
      cell: d.loc.address,
      table: "说明参数",
      related: [],
      message: `说明参数“${d.key}”为${d.typed.toFixed(2)}万元，上年工作簿为${d.previous.toFixed(2)}万元，两者不一致；情况说明采用上年工作簿的数字。请核对后修改或删除这一行。`,
    });
  }
  const nothingRead = !wb.tables.some((t) => t.key !== "PARAMS");
  return { sections, findings, style: style.name, missing: count, nothingRead };
}

export function renderNarrative(snapshot: WorkbookSnapshot, set: TemplateSet, options: RenderOptions = {}): NarrativeResult {
  return renderNarrativeWorkbook(readWorkbook(snapshot), set, options);
}

/** Plain text of a rendered narrative: headings and paragraphs, one per line. */
export function narrativeText(r: Pick<NarrativeResult, "sections">): string {
  return r.sections.flatMap((s) => [s.title, ...s.paragraphs].filter(Boolean)).join("\n") + "\n";
}

