// Marks finding cells with a fill in WPS and later puts each cell's own fill back exactly.
import { MARK_COLORS, markedCells, type MarkRef } from "../excel/highlights";
import { STORE_KEYS, type DocumentStore } from "../excel/store";
import { wpsCall } from "./errors";
import { XL_COLOR_INDEX_NONE, XL_PATTERN_NONE, XL_PATTERN_SOLID, type EtInterior, type EtWorkbook } from "./et-model";
import { SheetCache } from "./sheets";

/** What a cell's Interior held before it was marked. */
export interface SavedInterior {
  color: unknown;
  pattern: unknown;
  patternColor: unknown;
}

interface MarkedCell {
  sheet: string;
  cell: string;
  /** The colour set (BGR, as Interior.Color takes it), to notice fills the user changed since. */
  mark: number;
  fill: SavedInterior;
}

interface MarkRecord {
  version: 1;
  cells: MarkedCell[];
}

/** "#FFC7CE" → the number Interior.Color uses (blue in the high byte: 0xCEC7FF). */
export function bgr(hex: string): number {
  const n = parseInt(hex.replace(/^#/, ""), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

function restoreInterior(interior: EtInterior, fill: SavedInterior): void {
  if (fill.pattern === XL_PATTERN_NONE || fill.pattern === null || fill.pattern === undefined) {
    interior.ColorIndex = XL_COLOR_INDEX_NONE; // no fill
    return;
  }
  interior.Pattern = fill.pattern;
  interior.Color = fill.color;
  if (fill.pattern !== XL_PATTERN_SOLID && fill.patternColor !== null && fill.patternColor !== undefined) interior.PatternColor = fill.patternColor;
}

/** Clears earlier marks, then marks `refs` (most severe colour wins when a cell has several findings). */
export async function highlight(workbook: EtWorkbook, refs: MarkRef[], store: DocumentStore): Promise<number> {
  await clearHighlights(workbook, store);
  const cells = markedCells(refs);
  if (cells.length === 0) return 0;
  const sheets = new SheetCache(workbook);
  const marked: MarkedCell[] = [];
  try {
    for (const ref of cells) {
      const ws = sheets.find(ref.sheet);
      if (!ws) continue;
      wpsCall(`标记 ${ref.sheet}!${ref.cell}`, () => {
        const interior = ws.Range(ref.cell).Interior;
        const fill = { color: interior.Color, pattern: interior.Pattern, patternColor: interior.PatternColor };
        const mark = bgr(MARK_COLORS[ref.severity ?? "info"]);
        interior.Color = mark;
        marked.push({ sheet: ref.sheet, cell: ref.cell, mark, fill });
      });
    }
  } finally {
    // Whatever was marked is remembered, so 清除标记 can put it back even after a failure half-way.
    if (marked.length > 0) await store.set(STORE_KEYS.highlights, { version: 1, cells: marked } satisfies MarkRecord);
  }
  return marked.length;
}

/** Restores the fills of the cells we marked, skipping cells whose fill the user changed since. */
export async function clearHighlights(workbook: EtWorkbook, store: DocumentStore): Promise<number> {
  const record = store.get<MarkRecord>(STORE_KEYS.highlights);
  if (!record || record.cells.length === 0) return 0;
  const sheets = new SheetCache(workbook);
  let n = 0;
  for (const m of record.cells) {
    const ws = sheets.find(m.sheet); // renamed or deleted since: nothing to restore
    if (!ws) continue;
    wpsCall(`清除 ${m.sheet}!${m.cell} 的标记`, () => {
      const interior = ws.Range(m.cell).Interior;
      if (interior.Color !== m.mark) return;
      restoreInterior(interior, m.fill);
      n++;
    });
  }
  await store.remove(STORE_KEYS.highlights);
  return n;
}
