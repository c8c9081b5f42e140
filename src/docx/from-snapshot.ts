// One call for every host (CLI, task pane, browser): workbook snapshot → the disclosure as .docx bytes.
import type { Finding } from "../core/findings";
import { readWorkbook } from "../core/model/read-workbook";
import type { BudgetWorkbook } from "../core/model/types";
import { renderNarrativeWorkbook, type NarrativeResult, type TemplateSet } from "../core/narrative/render";
import type { WorkbookSnapshot } from "../core/snapshot";
import { narrativeFromSnapshot } from "../core/text-check/sheet-source";
import { check } from "../core/check";
import { buildDisclosure, type BuiltDocx } from "./build";
import type { Slip } from "./slips";
import { narrativeFromText } from "./narrative";

export interface ExportReport {
  /** Errors of the check (tables and the 情况说明 against them): published, they publish wrong figures. */
  errors: Finding[];
  /** Each 【缺少：…】 left in the 情况说明, with how many times it is printed. */
  missing: { text: string; count: number }[];
  /** Typographic slips of the source fixed in the document. */
  slips: Slip[];
  /** Where the 目录's page numbers came from. */
  pageNumbers: BuiltDocx["pageNumbers"];
}

export interface DisclosureExport {
  bytes: Uint8Array;
  /** Where the 情况说明 came from: a given text, the workbook's 情况说明 sheet, or the templates. */
  narrativeSource: "text" | "sheet" | "templates";
  /** Findings of the narrative rendering (missing 说明参数 …); empty for a given text. */
  findings: Finding[];
  /** A file name for the download: "平乡县行政审批局2024年部门预算信息公开.docx". */
  fileName: string;
  /** The 目录's headings in document order: what `pages` gives page numbers for. */
  headings: string[];
  report: ExportReport;
}

/** Errors and 【缺少】 stop the export until the user confirms; fixed slips and estimated page numbers do not. */
export const exportNeedsConfirmation = (r: ExportReport) => r.errors.length > 0 || r.missing.length > 0;

/** The report as short Chinese lines (at most `limit` findings listed), for the terminal and the task pane. */
export function reportLines(r: ExportReport, limit = 10): string[] {
  const out: string[] = [];
  if (r.errors.length) {
    out.push(`校验发现 ${r.errors.length} 个错误：`);
    // Table findings name their table and cell; a text finding names its paragraph, so add the text's name.
    for (const f of r.errors.slice(0, limit)) out.push(`  ${!f.cell && f.sheet && !f.message.startsWith(f.sheet) ? `${f.sheet} ` : ""}${f.message}`);
    if (r.errors.length > limit) out.push(`  ……另有 ${r.errors.length - limit} 个，运行 budget-disclosure check 查看全部。`);
  }
  if (r.missing.length) {
    out.push(`情况说明中有 ${r.missing.reduce((n, m) => n + m.count, 0)} 处缺少内容：`);
    for (const m of r.missing.slice(0, limit)) out.push(`  ${m.text}${m.count > 1 ? `（${m.count} 处）` : ""}`);
    if (r.missing.length > limit) out.push(`  ……另有 ${r.missing.length - limit} 项。`);
  }
  if (r.slips.length) {
    out.push(`已更正 ${r.slips.reduce((n, s) => n + s.count, 0)} 处标点：`);
    for (const s of r.slips.slice(0, limit)) out.push(`  ${s.from} → ${s.to}${s.count > 1 ? `（${s.count} 处）` : ""}`);
    if (r.slips.length > limit) out.push(`  ……另有 ${r.slips.length - limit} 种。`);
  }
  if (r.pageNumbers === "estimated") out.push("目录页码为估算值：在 Word 中打开时请选择更新域，或用命令行导出（装有 LibreOffice 时按实际排版写入页码）。");
  if (r.pageNumbers === "none") out.push("目录未写入页码：在 Word 中打开时请选择更新域。");
  return out;
}

/** Each 【缺少：…】 in the 情况说明's text, with its count, in order of first appearance. */
function missingIn(narrative: NarrativeResult): ExportReport["missing"] {
  const counts = new Map<string, number>();
  for (const s of narrative.sections) for (const t of [s.title, ...(s.paragraphs ?? [])]) for (const m of (t ?? "").matchAll(/【缺少[^】]*】/g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return [...counts].map(([text, count]) => ({ text, count }));
}

export function disclosureFileName(wb: BudgetWorkbook): string {
  const name = `${wb.deptName ?? ""}${wb.year ? `${wb.year}年` : ""}部门预算信息公开`.replace(/[\\/:*?"<>|]/g, "");
  return `${name}.docx`;
}

/**
 * The 情况说明 comes from `narrativeText` when given (a hand-written .docx/.txt read with readNarrativeFile), else from
 * the workbook's 情况说明 sheet, else it is rendered from 说明参数 with `templates`.
 */
export async function exportDisclosure(
  snapshot: WorkbookSnapshot,
  options: { templates?: TemplateSet; narrativeText?: string; narrativeName?: string; pages?: number[] } = {},
): Promise<DisclosureExport> {
  const wb = readWorkbook(snapshot);
  let narrative: NarrativeResult;
  let narrativeSource: DisclosureExport["narrativeSource"];
  const sheet = options.narrativeText === undefined ? narrativeFromSnapshot(snapshot) : undefined;
  if (options.narrativeText !== undefined) {
    narrative = narrativeFromText(options.narrativeText);
    narrativeSource = "text";
  } else if (sheet) {
    narrative = narrativeFromText(sheet.text);
    narrativeSource = "sheet";
  } else {
    narrative = renderNarrativeWorkbook(wb, options.templates ?? {});
    narrativeSource = "templates";
  }
  const built = await buildDisclosure(wb, narrative, { pages: options.pages });
  // The check sees the text as exported: a given file, else the 情况说明 sheet; a text rendered from the templates
  // carries its own findings (a missing 说明参数 prints 【缺少】, reported below).
  const checked = check(snapshot, { narrative: options.narrativeText !== undefined ? { text: options.narrativeText, source: { name: options.narrativeName ?? "情况说明" } } : sheet ? sheet : null });
  const report: ExportReport = {
    errors: checked.findings.filter((f) => f.severity === "error"),
    missing: missingIn(narrative),
    slips: built.slips,
    pageNumbers: built.pageNumbers,
  };
  return { bytes: built.bytes, narrativeSource, findings: narrative.findings, fileName: disclosureFileName(wb), headings: built.headings, report };
}
