// Writes the 情况说明 text into its own sheet in WPS: one paragraph per row in column A, as the Excel host does.
import type { NarrativeSection } from "../core/narrative/render";
import { narrativeLines } from "../excel/narrative-sheet";
import { NARRATIVE_SHEET } from "../host/workbook-host";
import { wpsCall } from "./errors";
import { XL_VALIGN_TOP, type EtWorkbook } from "./et-model";
import { SheetCache } from "./sheets";

/** Column A's width in characters: about a printed page. */
export const NARRATIVE_COLUMN_WIDTH = 90;

export function writeNarrativeSheet(workbook: EtWorkbook, sections: NarrativeSection[], sheetName = NARRATIVE_SHEET): string {
  const lines = narrativeLines(sections);
  const sheets = new SheetCache(workbook);
  wpsCall(`写入“${sheetName}”工作表`, () => {
    const existing = sheets.find(sheetName);
    const ws = existing ?? sheets.add(sheetName);
    if (existing) ws.UsedRange.ClearContents();
    if (lines.length > 0) {
      const range = ws.Range(`A1:A${lines.length}`);
      // The apostrophe keeps a paragraph starting with "=" or a number from being parsed.
      range.Value2 = lines.map((l) => ["'" + l]);
      range.WrapText = true;
      range.ColumnWidth = NARRATIVE_COLUMN_WIDTH;
      range.VerticalAlignment = XL_VALIGN_TOP;
    }
    ws.Activate();
  });
  return sheetName;
}
