// The export's report: what stops an export until the user confirms, and the short list shown in the terminal and the
// pane. Types and text only (no docx), so the pane's main bundle can use it without loading the Word code.
import type { Finding } from "../core/findings";
import { EMPTY_TOTALS_RULE } from "../core/group-findings";
import type { Slip } from "./slips";

export interface ExportReport {
  /**
   * Errors of the check (tables and the 情况说明 against them): published, they publish wrong figures. One item per
   * cause, as check lists them; `folded` holds the same cause's findings at other cells.
   */
  errors: (Finding & { folded?: Finding[] })[];
  /** Each 【缺少：…】 left in the 情况说明, with how many times it is printed. */
  missing: { text: string; count: number }[];
  /** Typographic slips of the source fixed in the document. */
  slips: Slip[];
  /** Where the 目录's page numbers came from. */
  pageNumbers: "rendered" | "estimated" | "none";
}

/** Errors and 【缺少】 stop the export until the user confirms; fixed slips and estimated page numbers do not. */
export const exportNeedsConfirmation = (r: ExportReport) => r.errors.length > 0 || r.missing.length > 0;

/** The report as short Chinese lines (at most `limit` findings listed), for the terminal and the task pane. */
export function reportLines(r: ExportReport, limit = 10): string[] {
  const out: string[] = [];
  if (r.errors.length) {
    out.push(`校验发现 ${r.errors.length} 个错误：`);
    // Table findings name their table and cell; a text finding names its paragraph, so add the text's name.
    for (const f of r.errors.slice(0, limit)) {
      // The empty-totals item's message counts what it folds already.
      const also = f.rule !== EMPTY_TOTALS_RULE && f.folded?.length ? `（同一原因：${f.folded.map((x) => (x.sheet === f.sheet ? x.cell : `${x.sheet} ${x.cell}`.trim()) || x.sheet).join("、")}）` : "";
      out.push(`  ${!f.cell && f.sheet && !f.message.startsWith(f.sheet) ? `${f.sheet} ` : ""}${f.message}${also}`);
    }
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

