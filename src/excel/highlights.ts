// Marks finding cells with a fill and later puts each cell's own fill back exactly.
import type { CellRef, Severity } from "../core/findings";
import { ExcelRunner, defaultRunner, runBatch } from "./run";
import { DocumentStore, STORE_KEYS } from "./store";

export type MarkRef = CellRef & { severity?: Severity };

export const MARK_COLORS: Record<Severity, string> = { error: "#FFC7CE", warning: "#FFEB9C", info: "#DDEBF7" };

interface SavedFill {
  color: string | null;
  pattern: string | null;
  patternColor: string | null;
}

interface MarkedCell {
  sheet: string;
  cell: string;
  mark: string; // the colour we set, to notice fills the user changed since
  fill: SavedFill;
}

interface MarkRecord {
  version: 1;
  cells: MarkedCell[];
}

const FILL_PROPS = { format: { fill: { color: true, pattern: true, patternColor: true } } };

/** One mark per cell (cells only, no whole-sheet findings); the most severe finding's colour wins. */
export function markedCells(refs: MarkRef[]): MarkRef[] {
  const uniq = new Map<string, MarkRef>();
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  for (const r of refs) {
    if (!r.cell) continue;
    const k = `${r.sheet}!${r.cell}`;
    const prev = uniq.get(k);
    if (!prev || rank[r.severity ?? "info"] < rank[prev.severity ?? "info"]) uniq.set(k, r);
  }
  return [...uniq.values()];
}

/** Clears earlier marks, then marks `refs` (most severe colour wins when a cell has several findings). */
export async function highlight(refs: MarkRef[], store: DocumentStore, runner: ExcelRunner = defaultRunner): Promise<number> {
  await clearHighlights(store, runner);
  const cells = markedCells(refs);
  if (cells.length === 0) return 0;
  const marked = await runBatch(runner, async (context) => {
    const props = cells.map((ref) => {
      const range = context.workbook.worksheets.getItem(ref.sheet).getRange(ref.cell);
      return { ref, range, p: range.getCellProperties(FILL_PROPS) };
    });
    await context.sync();
    const out: MarkedCell[] = props.map(({ ref, range, p }) => {
      const f = p.value[0]?.[0]?.format?.fill ?? {};
      const mark = MARK_COLORS[ref.severity ?? "info"];
      range.format.fill.color = mark;
      return {
        sheet: ref.sheet,
        cell: ref.cell,
        mark,
        fill: { color: f.color ?? null, pattern: f.pattern ?? null, patternColor: f.patternColor ?? null },
      };
    });
    await context.sync();
    return out;
  });
  const record: MarkRecord = { version: 1, cells: marked };
  await store.set(STORE_KEYS.highlights, record);
  return marked.length;
}

/** Restores the fills of the cells we marked, skipping cells whose fill the user changed since. */
export async function clearHighlights(store: DocumentStore, runner: ExcelRunner = defaultRunner): Promise<number> {
  const record = store.get<MarkRecord>(STORE_KEYS.highlights);
  if (!record || record.cells.length === 0) return 0;
  const restored = await runBatch(runner, async (context) => {
    // Sheets may have been renamed or deleted since the marks were made.
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const names = new Set(sheets.items.map((s) => s.name));
    const current = record.cells
      .filter((m) => names.has(m.sheet))
      .map((m) => {
        const range = sheets.getItem(m.sheet).getRange(m.cell);
        return { m, range, p: range.getCellProperties(FILL_PROPS) };
      });
    await context.sync();
    let n = 0;
    for (const { m, range, p } of current) {
      const now = p.value[0]?.[0]?.format?.fill?.color;
      if (typeof now !== "string" || now.toUpperCase() !== m.mark.toUpperCase()) continue;
      restoreFill(range, m.fill);
      n++;
    }
    await context.sync();
    return n;
  });
  await store.remove(STORE_KEYS.highlights);
  return restored;
}

function restoreFill(range: Excel.Range, fill: SavedFill): void {
  if (!fill.pattern || fill.pattern === "None" || !fill.color) {
    range.format.fill.clear();
    return;
  }
  const f: Excel.CellPropertiesFill = { color: fill.color, pattern: fill.pattern as Excel.FillPattern };
  if (fill.pattern !== "Solid" && fill.patternColor) f.patternColor = fill.patternColor;
  range.setCellProperties([[{ format: { fill: f } }]]);
}
