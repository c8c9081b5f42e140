// One call for every host (CLI, task pane, browser): workbook snapshot → the disclosure as .docx bytes.
import type { Finding } from "../core/findings";
import { readWorkbook } from "../core/model/read-workbook";
import type { BudgetWorkbook, TableKey } from "../core/model/types";
import { findStyle, renderNarrativeWorkbook, styleFor, type NarrativeResult, type TemplateSet } from "../core/narrative/render";
import type { WorkbookSnapshot } from "../core/snapshot";
import { narrativeFromSnapshot } from "../core/text-check/sheet-source";
import { check } from "../core/check";
import { shownErrors } from "../core/group-findings";
import { budgetSubject } from "../core/facts";
import { buildDisclosure } from "./build";
import { reportLines, type ExportReport } from "./report";
export { exportNeedsConfirmation, reportLines, type ExportReport } from "./report";
import { narrativeFromText } from "./narrative";

export interface DisclosureExport {
  bytes: Uint8Array;
  /** The published form the document follows: a style name (上海区级, 河北县级). */
  form: string;
  /** Where the 情况说明 came from: a given text, the workbook's 情况说明 sheet, or the templates. */
  narrativeSource: "text" | "sheet" | "templates";
  /** Findings of the narrative rendering (missing 说明参数 …); empty for a given text. */
  findings: Finding[];
  /** A file name for the download: "平乡县行政审批局2024年部门预算信息公开.docx". */
  fileName: string;
  /** The 目录's headings in document order: what `pages` gives page numbers for. */
  headings: string[];
  report: ExportReport;
  /** The report as short lines (reportLines), made here so the pane's own bundle need not carry the wording. */
  reportText: string[];
}

/** Each 【缺少：…】 in the 情况说明's text, with its count, in order of first appearance. */
function missingIn(narrative: NarrativeResult): ExportReport["missing"] {
  const counts = new Map<string, number>();
  for (const s of narrative.sections) for (const t of [s.title, ...(s.paragraphs ?? [])]) for (const m of (t ?? "").matchAll(/【缺少[^】]*】/g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return [...counts].map(([text, count]) => ({ text, count }));
}

export function disclosureFileName(wb: BudgetWorkbook): string {
  const name = `${wb.deptName ?? ""}${wb.year ? `${wb.year}年` : ""}${budgetSubject(wb)}预算信息公开`.replace(/[\\/:*?"<>|]/g, "");
  return `${name}.docx`;
}

/**
 * The 情况说明 comes from `narrativeText` when given (a hand-written .docx/.txt read with readNarrativeFile), else from
 * the workbook's 情况说明 sheet, else it is rendered from 说明参数 with `templates`.
 */
export async function exportDisclosure(
  snapshot: WorkbookSnapshot,
  options: {
    templates?: TemplateSet;
    narrativeText?: string;
    narrativeName?: string;
    pages?: number[];
    /** A document for a measuring rendering: table rows bookmarked (see rowBreaks), placeholder 目录 numbers. */
    measure?: boolean;
    /** By table key, the body rows a rendering started a page with: the tables are split there and continued with 续表. */
    breaks?: Partial<Record<TableKey, number[]>>;
    /**
     * The style (上海区级, 河北县级 or an alias): the published form of the tables, and of the 情况说明 rendered from the
     * templates. Default: 说明参数 说明样式, else the tables' layout; a given text keeps the style it is written in.
     */
    style?: string;
  } = {},
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
    narrative = renderNarrativeWorkbook(wb, options.templates ?? {}, { style: options.style });
    narrativeSource = "templates";
  }
  const form = findStyle(options.style)?.name ?? narrative.style ?? styleFor(wb).name;
  const built = await buildDisclosure(wb, narrative, { pages: options.pages, form, measure: options.measure, breaks: options.breaks });
  // The check sees the text as exported: a given file, else the 情况说明 sheet; a text rendered from the templates
  // carries its own findings (a missing 说明参数 prints 【缺少】, reported below).
  const checkOptions = { narrative: options.narrativeText !== undefined ? { text: options.narrativeText, source: { name: options.narrativeName ?? "情况说明" } } : sheet ? sheet : null };
  const checked = check(snapshot, checkOptions);
  const report: ExportReport = {
    // One item per cause, as check and the pane list them, so that the commands give one count.
    errors: shownErrors(snapshot, checked, { ...checkOptions, wb }),
    missing: missingIn(narrative),
    slips: built.slips,
    pageNumbers: built.pageNumbers,
  };
  return { bytes: built.bytes, form, narrativeSource, findings: narrative.findings, fileName: disclosureFileName(wb), headings: built.headings, report, reportText: reportLines(report) };
}
