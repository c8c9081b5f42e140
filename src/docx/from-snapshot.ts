// One call for every host (CLI, task pane, browser): workbook snapshot → the disclosure as .docx bytes.
import type { Finding } from "../core/findings";
import { readWorkbook } from "../core/model/read-workbook";
import type { BudgetWorkbook } from "../core/model/types";
import { renderNarrativeWorkbook, type NarrativeResult, type TemplateSet } from "../core/narrative/render";
import type { WorkbookSnapshot } from "../core/snapshot";
import { narrativeFromSnapshot } from "../core/text-check/sheet-source";
import { buildDisclosureDocx } from "./build";
import { narrativeFromText } from "./narrative";

export interface DisclosureExport {
  bytes: Uint8Array;
  /** Where the 情况说明 came from: a given text, the workbook's 情况说明 sheet, or the templates. */
  narrativeSource: "text" | "sheet" | "templates";
  /** Findings of the narrative rendering (missing 说明参数 …); empty for a given text. */
  findings: Finding[];
  /** A file name for the download: "平乡县行政审批局2024年部门预算信息公开.docx". */
  fileName: string;
}

export function disclosureFileName(wb: BudgetWorkbook): string {
  const name = `${wb.deptName ?? ""}${wb.year ? `${wb.year}年` : ""}部门预算信息公开`.replace(/[\\/:*?"<>|]/g, "");
  return `${name}.docx`;
}

/**
 * The 情况说明 comes from `narrativeText` when given (a hand-written .docx/.txt read with readNarrativeFile), else from
 * the workbook's 情况说明 sheet, else it is rendered from 说明参数 with `templates`.
 */
export async function exportDisclosure(snapshot: WorkbookSnapshot, options: { templates?: TemplateSet; narrativeText?: string } = {}): Promise<DisclosureExport> {
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
  return { bytes: await buildDisclosureDocx(wb, narrative), narrativeSource, findings: narrative.findings, fileName: disclosureFileName(wb) };
}
