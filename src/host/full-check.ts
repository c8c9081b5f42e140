// The ribbon's 全面校验, the same in Excel and WPS: check the workbook, mark the cells with findings, go to the first
// error; the summary is kept with the workbook so the pane shows it when it is opened next.
import { checkSnapshot } from "./lazy-check";
import { countSeverities, groupFindings } from "../core/group-findings";
import { userMessage } from "../excel/office-errors";
import type { RibbonCheckSummary, WorkbookHost } from "./workbook-host";

export async function fullCheck(host: WorkbookHost): Promise<RibbonCheckSummary> {
  const snapshot = await host.readSnapshot();
  const { result, wb } = await checkSnapshot(snapshot);
  const marks = result.findings.filter((f) => f.cell).map((f) => ({ sheet: f.sheet, cell: f.cell, severity: f.severity }));
  await host.highlight?.(marks);
  const first = result.findings.find((f) => f.severity === "error" && f.cell) ?? result.findings.find((f) => f.cell);
  if (first) await host.selectCell({ sheet: first.sheet, cell: first.cell });
  // Every cell is marked, but counted as the pane lists them (one cause, one item), so the two say the same.
  return { at: new Date().toISOString(), ...countSeverities(groupFindings(snapshot, result, { wb }).findings) };
}

/** The summary of a check that could not finish: the message and what to do, in Chinese. */
export function failedCheck(e: unknown): RibbonCheckSummary {
  const m = userMessage(e);
  return { at: new Date().toISOString(), error: 0, warning: 0, info: 0, failed: `${m.message}${m.hint}` };
}
