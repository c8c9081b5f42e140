// The 情况说明 as a sheet of the workbook: one paragraph per row in column A.
import { cellText, type WorkbookSnapshot } from "../snapshot";
import type { NarrativeSourceInfo } from "./check";

export interface NarrativeText {
  text: string;
  source: NarrativeSourceInfo;
}

const norm = (s: string) => s.replace(/\s/g, "");

/**
 * The most the text check reads of one cell, or of one paragraph of a .docx or .txt: a paragraph of a 情况说明 is a
 * few hundred characters, a whole 情况说明 pasted into one cell some thousands; a longer cell is cut here and a
 * note (S-25) says so, so that no cell, however long, makes the check slow or its messages long.
 */
export const TEXT_CELL_MAX = 20_000;

/** Lines cut to TEXT_CELL_MAX, with the lines that were cut (0-based) and their full length. */
export function boundLines(lines: string[]): { lines: string[]; cut: { line: number; length: number }[] } {
  const cut: { line: number; length: number }[] = [];
  const out = lines.map((t, line) => {
    if (t.length <= TEXT_CELL_MAX) return t;
    cut.push({ line, length: t.length });
    const head = t.slice(0, TEXT_CELL_MAX);
    return /[\ud800-\udbff]$/.test(head) ? head.slice(0, -1) : head; // do not split a surrogate pair
  });
  return { lines: out, cut };
}

/** A .docx or .txt 情况说明's text (paragraphs one a line) with each paragraph cut to TEXT_CELL_MAX. */
export function narrativeFromText(text: string, name: string): NarrativeText {
  const { lines, cut } = boundLines(text.split("\n"));
  return { text: lines.join("\n"), source: { name, cut } };
}

/** The sheet named 情况说明, or whose title (first non-empty cell of column A) ends in 情况说明; undefined when none. */
export function narrativeFromSnapshot(snapshot: WorkbookSnapshot): NarrativeText | undefined {
  const sheet =
    snapshot.sheets.find((s) => norm(s.name) === "情况说明") ??
    snapshot.sheets.find((s) => {
      const first = s.rows.find((r) => r && cellText(r[0] ?? null).trim());
      return first !== undefined && /情况说明$/.test(norm(cellText(first[0] ?? null)));
    });
  if (!sheet) return undefined;
  const { lines, cut } = boundLines(sheet.rows.map((r) => cellText(r?.[0] ?? null)));
  const text = lines.map((t) => t.replace(/\r?\n/g, " ")).join("\n");
  return { text, source: { name: sheet.name, lineCells: lines.map((_, i) => `A${i + 1}`), cut } };
}
