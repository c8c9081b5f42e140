// Whole sheets the add-in owns (the 情况说明 it writes, the hidden sheet of saved templates): replaced, added or
// removed inside the original package; every other part stays byte for byte. No fs here.
import { a1 } from "../core/snapshot";
import { readRels, relsPathOf, resolveTarget, withoutElement, type XlsxPackage } from "./package";
import { escapeXml, Tok, XmlScanner } from "./xml";
import { rewriteZip } from "./zip";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

export type RowKind = "title" | "heading" | "body" | "plain";

export interface SheetRow {
  /** Texts from column A on. */
  cells: string[];
  kind: RowKind;
  /** Row height in points, when the text needs more than one line. */
  height?: number;
}

export interface SheetContent {
  rows: SheetRow[];
  /** Width of column A in characters. */
  widthA?: number;
  state?: "hidden" | "veryHidden";
  /** A4 portrait, one page wide. */
  printA4?: boolean;
}

const encoder = new TextEncoder();

/** The first non-empty element `name`: its start tag, where its end tag starts, its prefix and its `child` children. */
function elementBody(xml: string, part: string, name: string, child: string): { start: number; body: number; close: number; prefix: string; children: number } | null {
  // Scanned, not matched by a pattern: a lazy pattern over thousands of unclosed <fonts> took minutes.
  const x = new XmlScanner(xml, part);
  for (let t = x.next(); t !== Tok.End; t = x.next()) {
    if (t !== Tok.Open || x.name !== name) continue;
    if (x.selfClosing) return null;
    const start = x.tagStart;
    const body = x.pos;
    const prefix = x.prefix();
    let depth = 0;
    let children = 0;
    for (let u = x.next(); u !== Tok.End; u = x.next()) {
      if (u === Tok.Open) {
        if (depth === 0 && x.name === child) children++;
        if (!x.selfClosing) depth++;
      } else if (depth-- === 0) return { start, body, close: x.tagStart, prefix, children };
    }
    return null;
  }
  return null;
}

/** styles.xml with the narrative's fonts and cell formats appended; their xf indexes by kind. */
function withStyles(xml: string, part: string): { xml: string; xf: Record<RowKind, number> } {
  const fonts = elementBody(xml, part, "fonts", "font");
  const xfs = elementBody(xml, part, "cellXfs", "xf");
  if (!fonts || !xfs) return { xml, xf: { title: 0, heading: 0, body: 0, plain: 0 } };
  const p = fonts.prefix;
  const fontCount = fonts.children;
  const xfCount = xfs.children;
  const font = (size: number, bold: boolean) => `<${p}font>${bold ? `<${p}b/>` : ""}<${p}sz val="${size}"/><${p}name val="仿宋"/><${p}charset val="134"/></${p}font>`;
  const xf = (fontId: number, h: string) =>
    `<${p}xf numFmtId="0" fontId="${fontId}" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><${p}alignment horizontal="${h}" vertical="top" wrapText="1"/></${p}xf>`;
  const edits = [
    { at: fonts, count: fontCount + 3, add: font(16, true) + font(12, true) + font(12, false) },
    { at: xfs, count: xfCount + 3, add: xf(fontCount, "center") + xf(fontCount + 1, "left") + xf(fontCount + 2, "left") },
  ].sort((a, b) => a.at.start - b.at.start);
  if (edits[1].at.start < edits[0].at.close) return { xml, xf: { title: 0, heading: 0, body: 0, plain: 0 } }; // one inside the other
  let out = "";
  let from = 0;
  for (const e of edits) {
    const tag = xml.slice(e.at.start, e.at.body).replace(/\scount="\d+"/, ` count="${e.count}"`);
    out += xml.slice(from, e.at.start) + tag + xml.slice(e.at.body, e.at.close) + e.add;
    from = e.at.close;
  }
  return { xml: out + xml.slice(from), xf: { title: xfCount, heading: xfCount + 1, body: xfCount + 2, plain: 0 } };
}

function sheetXml(c: SheetContent, xf: Record<RowKind, number>): string {
  const rows = c.rows
    .map((r, i) => {
      const ht = r.height ? ` ht="${r.height}" customHeight="1"` : "";
      const s = xf[r.kind] ? ` s="${xf[r.kind]}"` : "";
      const cells = r.cells
        .map((t, j) => {
          const space = /^\s|\s$|\n/.test(t) ? ' xml:space="preserve"' : "";
          return `<c r="${a1(i, j)}"${s} t="inlineStr"><is><t${space}>${escapeXml(t)}</t></is></c>`;
        })
        .join("");
      return `<row r="${i + 1}"${ht}>${cells}</row>`;
    })
    .join("");
  const cols = c.widthA ? `<cols><col min="1" max="1" width="${c.widthA}" customWidth="1"/></cols>` : "";
  const pr = c.printA4 ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "";
  const setup = c.printA4 ? `<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>` : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${pr}` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${rows}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${setup}</worksheet>`
  );
}

interface SheetElements {
  list: { start: number; end: number; name: string; sheetId: number }[];
  /** Where </sheets> starts (-1 when none), and the prefix of <sheets>. */
  close: number;
  prefix: string;
}

/** The workbook's sheet elements, scanned (comments skipped; a pattern over many "<sheet" in a comment took minutes). */
function sheetElements(wbXml: string, part: string): SheetElements {
  const out: SheetElements = { list: [], close: -1, prefix: "" };
  const x = new XmlScanner(wbXml, part);
  for (let t = x.next(); t !== Tok.End; t = x.next()) {
    if (x.name === "sheets") {
      if (t === Tok.Open) out.prefix = x.prefix();
      else if (out.close < 0) out.close = x.tagStart;
    }
    if (t !== Tok.Open || x.name !== "sheet") continue;
    const start = x.tagStart;
    const name = x.attr("name") ?? "";
    const sheetId = Number(x.attr("sheetId") ?? 0) || 0;
    if (!x.selfClosing) x.skip();
    out.list.push({ start, end: x.pos, name, sheetId });
  }
  return out;
}

/** workbook.xml without the sheet-local names of sheet `index`; later sheets' local names move up one. */
function withoutLocalNames(wbXml: string, part: string, index: number): string {
  const x = new XmlScanner(wbXml, part);
  let out = "";
  let from = 0;
  for (let t = x.next(); t !== Tok.End; t = x.next()) {
    if (t !== Tok.Open || x.name !== "definedName") continue;
    const start = x.tagStart;
    const tagEnd = x.pos;
    const id = x.attr("localSheetId");
    const n = id !== null && /^\d+$/.test(id) ? Number(id) : -1;
    if (!x.selfClosing) x.skip();
    if (n === index) {
      out += wbXml.slice(from, start);
      from = x.pos;
    } else if (n > index) {
      out += wbXml.slice(from, start) + wbXml.slice(start, tagEnd).replace(/(\slocalSheetId\s*=\s*)(["'])[^"']*\2/, `$1"${n - 1}"`);
      from = tagEnd;
    }
  }
  return out + wbXml.slice(from);
}

/**
 * The package with sheet `name` replaced by `content` (added after the last sheet when absent), or removed
 * when content is null. Returns null when there is nothing to do (removing a sheet that is not there).
 */
export function setSheet(pkg: XlsxPackage, name: string, content: SheetContent | null): Uint8Array | null {
  const { zip } = pkg;
  const replace = new Map<string, Uint8Array | null>();
  const add = new Map<string, Uint8Array>();
  const existing = pkg.sheets.find((s) => s.name === name);
  let wbXml = zip.text(pkg.workbookPath);
  const relsPath = relsPathOf(pkg.workbookPath);
  let relsXml = zip.has(relsPath) ? zip.text(relsPath) : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  let ctXml = zip.text("[Content_Types].xml");
  const sheets = sheetElements(wbXml, pkg.workbookPath);
  const elements = sheets.list;
  const index = elements.findIndex((e) => e.name === name);

  if (content === null) {
    if (!existing || index < 0) return null;
    replace.set(existing.path, null);
    if (zip.has(relsPathOf(existing.path))) replace.set(relsPathOf(existing.path), null);
    const el = elements[index];
    wbXml = wbXml.slice(0, el.start) + wbXml.slice(el.end);
    // Sheet-local names and the active tab count sheets by position.
    wbXml = withoutLocalNames(wbXml, pkg.workbookPath, index);
    wbXml = wbXml.replace(/(\s(?:activeTab|firstSheet)=")(\d+)"/g, (all, pre: string, v: string) => (Number(v) >= index && Number(v) > 0 ? `${pre}${Number(v) - 1}"` : all));
    relsXml = withoutElement(relsXml, relsPath, "Relationship", "Id", existing.relId);
    ctXml = withoutElement(ctXml, "[Content_Types].xml", "Override", "PartName", `/${existing.path}`);
  } else {
    let xf: Record<RowKind, number> = { title: 0, heading: 0, body: 0, plain: 0 };
    if (pkg.stylesPath && content.rows.some((r) => r.kind !== "plain")) {
      const original = zip.text(pkg.stylesPath);
      const styled = withStyles(original, pkg.stylesPath);
      xf = styled.xf;
      if (styled.xml !== original) replace.set(pkg.stylesPath, encoder.encode(styled.xml));
    }
    const xml = encoder.encode(sheetXml(content, xf));
    const state = content.state ? ` state="${content.state}"` : "";
    if (existing && index >= 0) {
      replace.set(existing.path, xml);
      // The old sheet's drawings, comments and so on belonged to content that is gone.
      if (zip.has(relsPathOf(existing.path))) replace.set(relsPathOf(existing.path), null);
      const el = elements[index];
      const tag = wbXml.slice(el.start, el.end).replace(/\sstate="[^"]*"/, "").replace(/\s*\/>$/, `${state}/>`);
      wbXml = wbXml.slice(0, el.start) + tag + wbXml.slice(el.end);
    } else {
      const used = new Set(zip.entries.map((e) => e.name.toLowerCase()));
      let n = pkg.sheets.length + 1;
      while (used.has(`xl/worksheets/sheet${n}.xml`)) n++;
      const path = `xl/worksheets/sheet${n}.xml`;
      add.set(path, xml);
      const ids = new Set(readRels(zip, pkg.workbookPath).map((r) => r.id));
      let id = ids.size + 1;
      while (ids.has(`rId${id}`)) id++;
      const target = resolveTarget(pkg.workbookPath, "worksheets/x") === "xl/worksheets/x" ? `worksheets/sheet${n}.xml` : `/${path}`;
      relsXml = relsXml.replace(/<\/([\w.-]+:)?Relationships>\s*$/, (end) => `<Relationship Id="rId${id}" Type="${REL}/worksheet" Target="${target}"/>${end}`);
      // A loop, not Math.max(...ids): a spread of some 100,000 ids overflows the stack.
      let sheetId = 1;
      for (const e of elements) if (e.sheetId >= sheetId) sheetId = e.sheetId + 1;
      const p = sheets.prefix;
      const rp = /xmlns:([\w.-]+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(wbXml)?.[1];
      const rAttr = rp ? `${rp}:id` : "r:id";
      const rNs = rp ? "" : ` xmlns:r="${REL}"`;
      if (sheets.close >= 0) wbXml = wbXml.slice(0, sheets.close) + `<${p}sheet name="${escapeXml(name)}" sheetId="${sheetId}"${state} ${rAttr}="rId${id}"${rNs}/>` + wbXml.slice(sheets.close);
      ctXml = ctXml.replace(/<\/([\w.-]+:)?Types>\s*$/, (end) => `<Override PartName="/${path}" ContentType="${SHEET_TYPE}"/>${end}`);
    }
  }
  replace.set(pkg.workbookPath, encoder.encode(wbXml));
  if (zip.has(relsPath)) replace.set(relsPath, encoder.encode(relsXml));
  else add.set(relsPath, encoder.encode(relsXml));
  replace.set("[Content_Types].xml", encoder.encode(ctXml));
  return rewriteZip(zip, replace, add);
}
