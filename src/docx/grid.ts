// A bordered table from rows of text cells: merged cells, repeated header rows, rows that never split.
import { AlignmentType, BorderStyle, HeightRule, Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlignTable, WidthType } from "docx";
import { fontOf, run, type FontRole } from "./typography";

export type Align = "left" | "center" | "right";

export interface GridCell {
  text: string;
  align?: Align;
  /** Columns this cell spans. */
  span?: number;
  /** Rows this cell spans (docx writes the vMerge continuations). */
  rowSpan?: number;
  bold?: boolean;
}

export interface GridSpec {
  /** Column widths in twips; they sum to the table width. */
  widths: number[];
  /** Header rows: repeated at the top of every page the table runs onto. */
  header: GridCell[][];
  body: GridCell[][];
  /** Font size of the cells, half-points. */
  size: number;
  font?: FontRole;
  /** Minimum row height in twips. */
  rowHeight?: number;
  /** Keep the whole table on one page with what follows (Word: keep with next on every paragraph). */
  keepTogether?: boolean;
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT };

function cellOf(c: GridCell, spec: GridSpec, width: number): TableCell {
  const lines = c.text.split("\n");
  return new TableCell({
    children: lines.map(
      (l) =>
        new Paragraph({
          alignment: ALIGN[c.align ?? "left"],
          keepNext: spec.keepTogether || undefined,
          // The paragraph mark sizes an empty cell's line: without this it takes the document's 三号.
          run: { font: fontOf(spec.font ?? "table"), size: spec.size },
          children: [run(l, spec.font ?? "table", spec.size, c.bold ? { bold: true } : {})],
        }),
    ),
    columnSpan: c.span && c.span > 1 ? c.span : undefined,
    rowSpan: c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined,
    verticalAlign: VerticalAlignTable.CENTER,
    width: { size: width, type: WidthType.DXA },
    margins: { left: 57, right: 57, top: 17, bottom: 17 },
  });
}

/** Width of a cell that starts at column `col` and spans `span` columns. */
function spanWidth(widths: number[], col: number, span: number): number {
  return widths.slice(col, col + span).reduce((a, b) => a + b, 0);
}

function rowOf(cells: GridCell[], spec: GridSpec, header: boolean, occupied: Set<number>): TableRow {
  // Columns already covered by a cell above that spans down are skipped when placing this row's cells.
  let col = 0;
  const out: TableCell[] = [];
  for (const c of cells) {
    while (occupied.has(col)) col++;
    const span = c.span ?? 1;
    out.push(cellOf(c, spec, spanWidth(spec.widths, col, span)));
    col += span;
  }
  return new TableRow({
    children: out,
    tableHeader: header || undefined,
    cantSplit: true,
    height: spec.rowHeight ? { value: spec.rowHeight, rule: HeightRule.ATLEAST } : undefined,
  });
}

export function gridTable(spec: GridSpec): Table {
  const rows = [...spec.header.map((r) => ({ r, header: true })), ...spec.body.map((r) => ({ r, header: false }))];
  // Track vertical spans: column → rows still covered.
  const pending = new Map<number, number>();
  const built = rows.map(({ r, header }) => {
    const occupied = new Set([...pending.entries()].filter(([, n]) => n > 0).map(([c]) => c));
    const row = rowOf(r, spec, header, occupied);
    for (const [c, n] of pending) pending.set(c, n - 1);
    let col = 0;
    for (const c of r) {
      while (occupied.has(col)) col++;
      const span = c.span ?? 1;
      if (c.rowSpan && c.rowSpan > 1) for (let k = 0; k < span; k++) pending.set(col + k, c.rowSpan - 1);
      col += span;
    }
    return row;
  });
  return new Table({
    rows: built,
    width: { size: spec.widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: spec.widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
  });
}

/** Widths in twips from relative weights, summing exactly to `total`. */
export function widthsFrom(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const ws = weights.map((w) => Math.floor((w / sum) * total));
  ws[ws.length - 1] += total - ws.reduce((a, b) => a + b, 0);
  return ws;
}
