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
import { Money, type Need } from "./values";

/** Template sources by section id (file name without .liquid), for every style. */
export type TemplateSet = Record<string, string>;

export interface NarrativeStyle {
  /** The name users type (说明参数 `说明样式`, --style) and see. */
  name: string;
  /** Other accepted spellings. */
  aliases: string[];
  /** Section ids in order. */
  sections: string[];
}

/** The styles of 情况说明 the product writes. The first is the default. */
export const STYLES: NarrativeStyle[] = [
  { name: "河北县级", aliases: ["河北", "hebei", "情况说明"], sections: ["title", "preamble", "s01", "s02", "s03", "s04", "s05", "s06", "s07", "s08", "s09", "s10"] },
];

/** Sections of the default style (Hebei 情况说明): the title line, the preamble, then 一 … 十. */
export const SECTION_IDS = STYLES[0].sections as readonly string[];

/** Every section id of every style, for template folders and editors. */
export const ALL_SECTION_IDS: readonly string[] = STYLES.flatMap((s) => s.sections);

/** What each section is, for editors that list templates (the rendered heading may hold a year or a name). */
export const SECTION_LABELS: Record<string, string> = {
  title: "标题",
  preamble: "开头语",
  s01: "一、部门职责及机构设置情况",
  s02: "二、部门预算安排的总体情况",
  s03: "三、机关运行经费安排情况",
  s04: "四、财政拨款“三公”经费预算情况及增减变化原因",
  s05: "五、部门整体绩效目标",
  s06: "六、部门项目预算安排情况及绩效目标",
  s07: "七、政府采购预算情况",
  s08: "八、国有资产信息",
  s09: "九、名词解释",
  s10: "十、其他需要说明的事项",
  sh00: "标题",
  sh01: "主要职能",
  sh02: "机构设置",
  sh03: "名词解释",
  sh04: "预算编制说明",
  sh05: "其他相关情况说明",
};

export function findStyle(name: string | undefined): NarrativeStyle | undefined {
  const n = (name ?? "").replace(/\s/g, "").toLowerCase();
  if (!n) return undefined;
  return STYLES.find((s) => s.name === n || s.aliases.some((a) => a.toLowerCase() === n));
}

export function styleNames(): string {
  return STYLES.map((s) => s.name).join("、");
}

/** The style the tables' layout suggests: Shanghai's 财务收支预算总表 and 三公经费和机关运行经费 table. */
export function styleOfLayout(wb: BudgetWorkbook): NarrativeStyle {
  const shanghai = wb.tables.some((t) => /财务收支预算总表|三公.{0,2}经费和机关运行经费/.test(t.title.replace(/\s/g, "")));
  return (shanghai && findStyle("上海区级")) || STYLES[0];
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

function engine(): Liquid {
  const liquid = new Liquid({ strictFilters: true, ownPropertyOnly: true, jsTruthy: false, greedy: false });
  // {{ x | 万元 }}: "39.52万元" for a figure, 【缺少：…】 alone for an unknown; {{ x | 万元: "千分位" }}: "18,976.76万元".
  liquid.registerFilter("万元", (v: unknown, form?: string) => (v instanceof Money ? `${form === "千分位" ? v.千分位 : v.文本}万元` : String(v ?? "")));
  return liquid;
}

export interface ParsedTemplates {
  templates: Map<string, Template[]>;
  findings: Finding[];
}

/** Parse (and so validate) templates once; errors carry the section's name, line and column. */
export function parseTemplates(set: TemplateSet, ids: readonly string[] = ALL_SECTION_IDS): ParsedTemplates {
  const liquid = engine();
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

function errorPosition(e: unknown): { line: number; column: number; detail: string } {
  const err = e as { message?: string; token?: { getPosition?: () => number[] } };
  const pos = err.token?.getPosition?.() ?? [];
  const raw = (err.message ?? String(e)).split(/, (file|line):/)[0];
  let detail = raw;
  for (const [re, zh] of LIQUID_MESSAGES) if (re.test(raw)) detail = raw.replace(re, zh).replace(/^.*?(标签|输出|不认识|有无法|取值)/, "$1");
  return { line: pos[0] ?? 1, column: pos[1] ?? 1, detail };
}

function templateFinding(id: string, e: unknown): Finding {
  const { line, column, detail } = errorPosition(e);
  return {
    rule: NARRATIVE_RULES.templateError,
    severity: "error",
    sheet: "",
    cell: "",
    related: [],
    table: "情况说明模板",
    message: `情况说明模板“${SECTION_LABELS[id] ?? id}”第 ${line} 行第 ${column} 列有语法错误（${detail}），该节未生成。请修改模板。`,
  };
}

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
  const liquid = engine();
  const sections: NarrativeSection[] = [];
  for (const id of style.sections) {
    const tpl = parsed.templates.get(id);
    if (!tpl) continue;
    let text: string;
    try {
      text = liquid.renderSync(tpl, data) as string;
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

