// A bordered table from rows of text cells: merged cells, repeated header rows, rows that never split.
import { AlignmentType, Bookmark, BorderStyle, HeightRule, LineRuleType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TabStopType, VerticalAlignTable, WidthType, type FileChild } from "docx";
import { fontOf, measureCjk, run, SIZE, type FontRole } from "./typography";

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
  /**
   * The department / year / unit line, as the first header row without side borders, so it is repeated with the
   * header on every page the table runs onto, as the published tables print it.
   */
  caption?: [string, string, string];
  /**
   * Bookmark each body row's first cell `<rowMarks><index>`: a rendering exported with bookmarks as PDF destinations
   * then tells the page each row landed on (see rowBreaks in pagination.ts).
   */
  rowMarks?: string;
  /**
   * Body rows that start a new page, as a rendering laid the table out: the table is split there and each continuation
   * starts a page with its caption row marked 续表 and the header rows (see gridTables).
   */
  breaks?: number[];
}

/** The mark a continuation's caption row starts with. */
const CONTINUED = "续表";

/** Cell padding left and right (1.5 mm): a right-aligned amount keeps clear of the next cell's border. */
export const CELL_MARGIN = 85;
/** Line height of table text, as a share of the font size (CJK faces draw about 1.3–1.45 em a line). */
const LINE_EM = 1.45;

/** Width of text in twips at `size` half-points: ideographs one em, Latin letters and digits half an em. */
export const textWidth = (text: string, size: number) => measureCjk(text, { size: size * 10 });

/** How many lines `text` takes in a cell `width` twips wide (broken at any character, as CJK text breaks). */
function linesIn(text: string, width: number, size: number): number {
  const room = Math.max(1, width - 2 * CELL_MARGIN);
  return text.split("\n").reduce((n, l) => n + Math.max(1, Math.ceil(textWidth(l, size) / room)), 0);
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT };

/**
 * A header label that wraps, broken into lines of even length ("财政拨/款收入", not "财政拨款收/入"): a renderer fills
 * each line and leaves one character on the last. Ideographs only; a label with Latin text or digits wraps as it may.
 */
export function balancedLabel(text: string, width: number, size: number): string {
  const chars = [...text];
  if (text.includes("\n") || measureCjk(text, { size: 1 }) !== chars.length) return text;
  const perLine = Math.max(1, Math.floor((width - 2 * CELL_MARGIN) / (size * 10)));
  if (chars.length <= perLine) return text;
  const per = Math.ceil(chars.length / Math.ceil(chars.length / perLine));
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += per) out.push(chars.slice(i, i + per).join(""));
  return out.join("\n");
}

function cellOf(c: GridCell, spec: GridSpec, width: number, mark?: string, header = false): TableCell {
  const lines = (header ? balancedLabel(c.text, width, spec.size) : c.text).split("\n");
  return new TableCell({
    children: lines.map(
      (l, i) =>
        new Paragraph({
          alignment: ALIGN[c.align ?? "left"],
          keepNext: spec.keepTogether || undefined,
          // The paragraph mark sizes an empty cell's line: without this it takes the document's 三号.
          run: { font: fontOf(spec.font ?? "table"), size: spec.size },
          children: i === 0 && mark ? [new Bookmark({ id: mark, children: [run(l, spec.font ?? "table", spec.size, c.bold ? { bold: true } : {})] })] : [run(l, spec.font ?? "table", spec.size, c.bold ? { bold: true } : {})],
        }),
    ),
    columnSpan: c.span && c.span > 1 ? c.span : undefined,
    rowSpan: c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined,
    verticalAlign: VerticalAlignTable.CENTER,
    width: { size: width, type: WidthType.DXA },
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 17, bottom: 17 },
  });
}

/** Width of a cell that starts at column `col` and spans `span` columns. */
function spanWidth(widths: number[], col: number, span: number): number {
  return widths.slice(col, col + span).reduce((a, b) => a + b, 0);
}

function rowOf(cells: GridCell[], spec: GridSpec, header: boolean, occupied: Set<number>, mark?: string): TableRow {
  // Columns already covered by a cell above that spans down are skipped when placing this row's cells.
  let col = 0;
  const out: TableCell[] = [];
  let lines = 1;
  for (const c of cells) {
    while (occupied.has(col)) col++;
    const span = c.span ?? 1;
    const w = spanWidth(spec.widths, col, span);
    out.push(cellOf(c, spec, w, out.length === 0 ? mark : undefined, header));
    if (!c.rowSpan || c.rowSpan === 1) lines = Math.max(lines, linesIn(c.text, w, spec.size));
    col += span;
  }
  // A header row asks for the height its wrapped labels need: a renderer repeating it on the next page then
  // reserves all of it (LibreOffice clipped the last line of 对附属单位补助支出 otherwise).
  const need = header ? Math.ceil(lines * spec.size * 10 * LINE_EM) + 34 : 0;
  const height = Math.max(spec.rowHeight ?? 0, need);
  return new TableRow({
    children: out,
    tableHeader: header || undefined,
    cantSplit: true,
    height: height ? { value: height, rule: HeightRule.ATLEAST } : undefined,
  });
}

const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };

/**
 * The caption row: department left, year centred, unit right, no borders but the line under it. A continuation's starts
 * with 续表 and gives up as much bottom padding as the paragraph before it takes, so the page holds what it held unsplit.
 */
function captionRow(caption: [string, string, string], spec: GridSpec, continued = false): TableRow {
  const total = spec.widths.reduce((a, b) => a + b, 0);
  const parts = caption[1] ? caption : [caption[0], caption[2]];
  const text = `${continued ? `${CONTINUED}　` : ""}${parts.join("\t")}`;
  // The 续表 mark must not push the line onto a second one (the page would no longer hold what the rendering measured):
  // a continuation whose line would not fit, with two characters between the parts, takes the smaller size.
  const fits = (size: number) => parts.reduce((w, p) => w + textWidth(p, size), 0) + textWidth(`${CONTINUED}　`, size) + 2 * (parts.length - 1) * size * 10 <= total;
  const size = continued && !fits(SIZE.五号) ? SIZE.小五 : SIZE.五号;
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      new TableCell({
        columnSpan: spec.widths.length > 1 ? spec.widths.length : undefined,
        width: { size: total, type: WidthType.DXA },
        borders: { top: NONE, left: NONE, right: NONE, bottom: LINE },
        margins: { left: 0, right: 0, top: 0, bottom: continued ? 60 - SEPARATOR : 60 },
        children: [
          new Paragraph({
            // Without a middle part (Shanghai's 编制部门 line), only the right stop: a long name passing the centre
            // would otherwise send the unit to a line of its own.
            tabStops: [...(caption[1] ? [{ type: TabStopType.CENTER, position: Math.round(total / 2) }] : []), { type: TabStopType.RIGHT, position: total }],
            run: { font: fontOf("table"), size },
            children: [run(text, "table", size)],
          }),
        ],
      }),
    ],
  });
}

/** Height of the paragraph between two parts of a split table (twips): Word joins tables with nothing between them. */
const SEPARATOR = 20;

/** Rows with their vertical spans resolved: a cell spanning down covers its columns in the rows below. */
function builtRows(rows: { r: GridCell[]; header: boolean; mark?: string }[], spec: GridSpec): TableRow[] {
  // Track vertical spans: column → rows still covered.
  const pending = new Map<number, number>();
  return rows.map(({ r, header, mark }) => {
    const occupied = new Set([...pending.entries()].filter(([, n]) => n > 0).map(([c]) => c));
    const row = rowOf(r, spec, header, occupied, mark);
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
}

function tableOf(spec: GridSpec, body: GridCell[][], first: number, continued: boolean): Table {
  const rows = [
    ...spec.header.map((r) => ({ r, header: true })),
    ...body.map((r, i) => ({ r, header: false, mark: spec.rowMarks ? `${spec.rowMarks}${first + i}` : undefined })),
  ];
  const built = builtRows(rows, spec);
  return new Table({
    rows: spec.caption ? [captionRow(spec.caption, spec, continued), ...built] : built,
    width: { size: spec.widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: spec.widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
  });
}

export function gridTable(spec: GridSpec): Table {
  return tableOf(spec, spec.body, 0, false);
}

/** Body rows a cell of an earlier row spans into: the table cannot be split there. */
function spannedRows(body: GridCell[][]): Set<number> {
  const out = new Set<number>();
  body.forEach((r, i) => r.forEach((c) => Array.from({ length: Math.max(0, (c.rowSpan ?? 1) - 1) }, (_, k) => out.add(i + 1 + k))));
  return out;
}

/**
 * The table, split at `spec.breaks` into parts that each start a page: the first as gridTable prints it, each
 * continuation with its caption row marked 续表 and the header rows again, after a paragraph one point high with a
 * page break. Without breaks (or without a caption row to mark), the one table.
 */
export function gridTables(spec: GridSpec): FileChild[] {
  const spanned = spannedRows(spec.body);
  const breaks = [...new Set(spec.breaks ?? [])].filter((b) => b > 0 && b < spec.body.length && !spanned.has(b)).sort((a, b) => a - b);
  if (!breaks.length || !spec.caption) return [gridTable(spec)];
  const out: FileChild[] = [];
  [0, ...breaks].forEach((from, k, all) => {
    const to = k + 1 < all.length ? all[k + 1] : spec.body.length;
    if (k > 0) out.push(new Paragraph({ pageBreakBefore: true, spacing: { before: 0, after: 0, line: SEPARATOR, lineRule: LineRuleType.EXACT }, run: { size: 2 }, children: [] }));
    out.push(tableOf(spec, spec.body.slice(from, to), from, k > 0));
  });
  return out;
}

/** What a column needs: `min` to stay readable (figures and codes unbroken), `want` to print everything on one line. */
export interface ColumnNeed {
  min: number;
  want: number;
}

/**
 * Column widths in twips from what each column needs, summing exactly to `total`: every column gets what it wants
 * and the room left is shared in proportion; short of room, each gives up part of what it wants beyond its minimum.
 */
export function fitWidths(needs: ColumnNeed[], total: number): number[] {
  const want = needs.reduce((a, n) => a + n.want, 0);
  const min = needs.reduce((a, n) => a + n.min, 0);
  const raw =
    want <= total
      ? needs.map((n) => n.want + ((total - want) * n.want) / want)
      : min <= total
        ? needs.map((n) => n.min + ((n.want - n.min) * (total - min)) / (want - min))
        : needs.map((n) => (n.min * total) / min);
  const ws = raw.map(Math.floor);
  ws[ws.length - 1] += total - ws.reduce((a, b) => a + b, 0);
  return ws;
}

/** Widths in twips from relative weights, summing exactly to `total`. */
export function widthsFrom(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const ws = weights.map((w) => Math.floor((w / sum) * total));
  ws[ws.length - 1] += total - ws.reduce((a, b) => a + b, 0);
  return ws;
}
