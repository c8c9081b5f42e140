// Where the headings of a rendered disclosure landed: from the text of each PDF page (pdftotext), the printed page
// number of the page each heading starts on. Pure, so the tests and the CLI read a rendering the same way.
import type { PageNumberEstimator } from "docx";

const squash = (s: string) => s.replace(/\s+/g, "");

/** The number a page prints in its footer ("— 7 —"), or undefined for the cover and the 目录. */
export function printedPageNumber(pageText: string): number | undefined {
  const lines = pageText.split("\n").map((l) => l.trim()).filter(Boolean);
  const m = /^[—–-]\s*(\d+)\s*[—–-]$/.exec(lines[lines.length - 1] ?? "");
  return m ? Number(m[1]) : undefined;
}

/**
 * The printed page number of each heading, in document order, looked for in the numbered pages only (the 目录 lists
 * the same titles) and each after the one before, so a title quoted in a later paragraph is not taken for its heading.
 * undefined where a heading was not found.
 */
export function headingPages(pages: string[], headings: string[]): (number | undefined)[] {
  const numbered = pages.map((text) => ({ text: squash(text), no: printedPageNumber(text) })).filter((p) => p.no !== undefined);
  let page = 0;
  let from = 0;
  return headings.map((h) => {
    const want = squash(h);
    for (let i = page; i < numbered.length; i++) {
      const at = numbered[i].text.indexOf(want, i === page ? from : 0);
      if (at >= 0) {
        page = i;
        from = at + want.length;
        return numbered[i].no;
      }
    }
    return undefined;
  });
}

/** Names of the bookmarks the body starts, in document order (docx numbers them across documents: _Toc22 …). */
function bookmarkNames(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const x of node) bookmarkNames(x, out);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "w:bookmarkStart") {
        const attr = (Array.isArray(v) ? v : [v]).map((x) => (x as { _attr?: Record<string, unknown> })?._attr).find((a) => a && "w:name" in a);
        if (attr) out.push(String(attr["w:name"]));
      } else bookmarkNames(v, out);
    }
  }
  return out;
}

/** Writes known page numbers into the 目录: `pages` holds one number per heading bookmark, in document order. */
export function knownPageNumbers(pages: number[]): PageNumberEstimator {
  return tocNumbers((names) => {
    if (names.length !== pages.length) throw new Error(`目录有 ${names.length} 个标题，给出的页码有 ${pages.length} 个。`);
    return pages;
  });
}

/**
 * Page numbers for a measuring rendering: every 目录 entry written (as 0), so the front matter is laid out as the final
 * document's, without the seconds a layout estimate takes for a large department.
 */
export const placeholderPageNumbers = (): PageNumberEstimator => tocNumbers((names) => names.map(() => 0));

function tocNumbers(numbers: (names: string[]) => number[]): PageNumberEstimator {
  return (body) => {
    const names = bookmarkNames(body).filter((n) => n.startsWith("_Toc"));
    const pages = numbers(names);
    return { bookmarks: new Map(names.map((n, i) => [n, String(pages[i])])), bookmarkPageNumbers: new Map(names.map((n, i) => [n, pages[i]])) };
  };
}

/** The entries of the 目录 as a rendering prints them ("部门预算收支总表……3"), from the pages before page 1. */
export function tocEntries(pages: string[]): { title: string; page: number }[] {
  const front = pages.slice(0, Math.max(0, pages.findIndex((p) => printedPageNumber(p) !== undefined)));
  return front.flatMap((p) => [...p.matchAll(/^\s*(\S.*?)\s*(?:\.|…|·){3,}\s*(\d+)\s*$/gm)].map((m) => ({ title: m[1].replace(/\s+/g, ""), page: Number(m[2]) })));
}

/**
 * Where each marked table breaks across pages: from the page of each body row's bookmark ("bdT3r12", see
 * TableLayout.marks), by table key the rows that start a page. A table whose first row is alone on a later page than
 * its header gets no break there (that move is the renderer's, not a split).
 */
/** The bookmark prefix of a table's body rows ("bdT3r" + row index), which rowBreaks reads back. */
export const rowMark = (key: string) => `bd${key}r`;
const ROW_MARK = /^bd(T\d+)r(\d+)$/;

export function rowBreaks(destinations: Map<string, number>): Record<string, number[]> {
  const rows = new Map<string, { row: number; page: number }[]>();
  for (const [name, page] of destinations) {
    const m = ROW_MARK.exec(name);
    if (!m) continue;
    if (!rows.has(m[1])) rows.set(m[1], []);
    rows.get(m[1])!.push({ row: Number(m[2]), page });
  }
  const out: Record<string, number[]> = {};
  for (const [key, list] of rows) {
    list.sort((a, b) => a.row - b.row);
    const breaks = list.filter((r, i) => i > 0 && r.page > list[i - 1].page).map((r) => r.row);
    if (breaks.length) out[key] = breaks;
  }
  return out;
}
