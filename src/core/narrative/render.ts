// Render the 情况说明 from LiquidJS templates. Templates are parsed once; a template error or a missing
// 说明参数 becomes a finding, never an exception.
import { Liquid, type Template } from "liquidjs";
import type { WorkbookSnapshot } from "../snapshot";
import type { Finding } from "../findings";
import { paramKey, readWorkbook } from "../model/read-workbook";
import type { BudgetWorkbook } from "../model/types";
import { buildContext } from "./context";

/** Template sources by section id (file name without .liquid). */
export type TemplateSet = Record<string, string>;

/** Sections of the 情况说明 in order: the title line, the preamble, then 一 … 十. */
export const SECTION_IDS = ["title", "preamble", "s01", "s02", "s03", "s04", "s05", "s06", "s07", "s08", "s09", "s10"] as const;

export interface NarrativeSection {
  id: string;
  /** First line of the rendered section (its heading, e.g. "二、部门预算安排的总体情况"); "" for the preamble. */
  title: string;
  /** Rendered paragraphs after the heading, in order. */
  paragraphs: string[];
}

export interface NarrativeResult {
  sections: NarrativeSection[];
  /** Missing 说明参数 keys, template errors. */
  findings: Finding[];
}

export const NARRATIVE_RULES = { missingParam: "N-01", templateError: "N-02" } as const;

function engine(): Liquid {
  return new Liquid({ strictFilters: true, ownPropertyOnly: true, jsTruthy: false, greedy: false });
}

export interface ParsedTemplates {
  templates: Map<string, Template[]>;
  findings: Finding[];
}

/** Parse (and so validate) every template once; errors carry the template name, line and column. */
export function parseTemplates(set: TemplateSet): ParsedTemplates {
  const liquid = engine();
  const templates = new Map<string, Template[]>();
  const findings: Finding[] = [];
  for (const id of SECTION_IDS) {
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

function templateFinding(id: string, e: unknown): Finding {
  const err = e as { message?: string; token?: { getPosition?: () => number[] } };
  const pos = err.token?.getPosition?.();
  const where = pos ? `第 ${pos[0]} 行第 ${pos[1]} 列` : "";
  const detail = (err.message ?? String(e)).split(",")[0];
  return {
    rule: NARRATIVE_RULES.templateError,
    severity: "error",
    sheet: "",
    cell: "",
    related: [],
    table: "情况说明模板",
    message: `情况说明模板“${id}”${where}有语法错误（${detail}），该节未生成。请修改模板。`,
  };
}

export function renderNarrativeWorkbook(wb: BudgetWorkbook, set: TemplateSet): NarrativeResult {
  const { templates, findings } = parseTemplates(set);
  const { data, missing } = buildContext(wb);
  const liquid = engine();
  const sections: NarrativeSection[] = [];
  for (const id of SECTION_IDS) {
    const tpl = templates.get(id);
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
  const p = wb.params;
  for (const key of missing.keys) {
    // A row that is there with an empty 内容 points at that cell; a missing row at the table's title.
    const row = p?.params[paramKey(key)];
    findings.push({
      rule: NARRATIVE_RULES.missingParam,
      severity: "warning",
      sheet: p?.sheet ?? "",
      cell: row?.loc.address ?? p?.titleLoc.address ?? "",
      table: "说明参数",
      related: [],
      message: row
        ? `说明参数“${key}”还没有填写内容，情况说明中相应位置显示为【缺少：${key}】。请在“${p!.sheet}”表 ${row.loc.address} 填写。`
        : p
        ? `说明参数缺少“${key}”，情况说明中相应位置显示为【缺少：${key}】。请在“${p.sheet}”表中补充这一行。`
        : `工作簿中没有说明参数表，情况说明中的“${key}”显示为【缺少：${key}】。请添加标题为“说明参数”的工作表。`,
    });
  }
  return { sections, findings };
}

export function renderNarrative(snapshot: WorkbookSnapshot, set: TemplateSet): NarrativeResult {
  return renderNarrativeWorkbook(readWorkbook(snapshot), set);
}

/** Plain text of a rendered narrative: headings and paragraphs, one per line. */
export function narrativeText(r: NarrativeResult): string {
  return r.sections.flatMap((s) => [s.title, ...s.paragraphs].filter(Boolean)).join("\n") + "\n";
}
