// Writes the 情况说明 text into its own sheet: one paragraph per row in column A.
import type { NarrativeSection } from "../core/narrative/render";
import { NARRATIVE_SHEET } from "../host/workbook-host";
import { ExcelRunner, defaultRunner, runBatch } from "./run";

export function narrativeLines(sections: NarrativeSection[]): string[] {
  const lines: string[] = [];
  for (const s of sections) {
    if (s.title) lines.push(s.title);
    lines.push(...s.paragraphs);
  }
  return lines;
}

export async function writeNarrativeSheet(
  sections: NarrativeSection[],
  sheetName = NARRATIVE_SHEET,
  runner: ExcelRunner = defaultRunner,
): Promise<string> {
  const lines = narrativeLines(sections);
  await runBatch(runner, async (context) => {
    const existing = context.workbook.worksheets.getItemOrNullObject(sheetName);
    await context.sync(); // isNullObject is known after the sync without loading anything
    const ws = existing.isNullObject ? context.workbook.worksheets.add(sheetName) : existing;
    if (!existing.isNullObject) ws.getRange().clear("Contents");
    if (lines.length > 0) {
      const range = ws.getRange(`A1:A${lines.length}`);
      // The apostrophe keeps a paragraph starting with "=" or a number from being parsed.
      range.values = lines.map((l) => ["'" + l]);
      range.format.wrapText = true;
      range.format.columnWidth = 600;
      range.format.verticalAlignment = "Top";
    }
    ws.activate();
    await context.sync();
  });
  return sheetName;
}
