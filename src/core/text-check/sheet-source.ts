// The 情况说明 as a sheet of the workbook: one paragraph per row in column A.
import { cellText, type WorkbookSnapshot } from "../snapshot";
import type { NarrativeSourceInfo } from "./check";

export interface NarrativeText {
  text: string;
  source: NarrativeSourceInfo;
}

const norm = (s: string) => s.replace(/\s/g, "");

/** The sheet named 情况说明, or whose title (first non-empty cell of column A) ends in 情况说明; undefined when none. */
export function narrativeFromSnapshot(snapshot: WorkbookSnapshot): NarrativeText | undefined {
  const sheet =
    snapshot.sheets.find((s) => norm(s.name) === "情况说明") ??
    snapshot.sheets.find((s) => {
      const first = s.rows.find((r) => r && cellText(r[0] ?? null).trim());
      return first !== undefined && /情况说明$/.test(norm(cellText(first[0] ?? null)));
    });
  if (!sheet) return undefined;
  const lines = sheet.rows.map((r) => cellText(r?.[0] ?? null).replace(/\r?\n/g, " "));
  return { text: lines.join("\n"), source: { name: sheet.name, lineCells: lines.map((_, i) => `A${i + 1}`) } };
}
