// The parts of an .xlsx package the reader and the writer need: which part is the workbook, its sheets
// (name → part), shared strings and styles. Also what makes bytes "not an .xlsx" before any unzipping.
import { DEFAULT_LIMITS, MESSAGES, XlsxReadError, type ReadLimits } from "./errors";
import { Tok, XmlScanner } from "./xml";
import { ZipArchive } from "./zip";

export interface SheetPart {
  name: string;
  /** Part name without a leading slash ("xl/worksheets/sheet1.xml"). */
  path: string;
  relId: string;
  state: string | null;
}

export interface XlsxPackage {
  zip: ZipArchive;
  workbookPath: string;
  sheets: SheetPart[];
  sharedStringsPath: string | null;
  stylesPath: string | null;
  date1904: boolean;
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** A stream name (UTF-16LE in a CFB directory) among the bytes. */
function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle: number[] = [];
  for (const ch of text) needle.push(ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * What bytes are when they are no ZIP (any Office package is one): nothing, an encrypted package (Office wraps an
 * encrypted .xlsx or .docx in a CFB container with an "EncryptedPackage" stream), an old .xls/.doc, or other; null for a ZIP.
 */
export function notZip(bytes: Uint8Array): "empty" | "encrypted" | "legacy" | "other" | null {
  if (bytes.length === 0) return "empty";
  if (startsWith(bytes, CFB_MAGIC)) return containsUtf16(bytes, "EncryptedPackage") ? "encrypted" : "legacy";
  // "PK\3\4" (local file header) or "PK\5\6" (an empty archive's end record)
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)) return null;
  return "other";
}

/** Bytes that are not a ZIP at all: empty, an encrypted or old Office file, anything else. */
function classifyNonZip(bytes: Uint8Array): XlsxReadError | null {
  const what = notZip(bytes);
  if (what === null) return null;
  if (what === "empty") return new XlsxReadError("empty", MESSAGES.empty());
  if (what === "encrypted") return new XlsxReadError("encrypted", MESSAGES.encrypted());
  if (what === "legacy") {
    // Word and PowerPoint 97-2003 files are CFB containers too: name them, not "an old .xls".
    if (containsUtf16(bytes, "WordDocument")) return new XlsxReadError("not-xlsx", MESSAGES.otherOffice("旧版 Word 文档（.doc）"));
    if (containsUtf16(bytes, "PowerPoint Document")) return new XlsxReadError("not-xlsx", MESSAGES.otherOffice("旧版 PowerPoint 演示文稿（.ppt）"));
    return new XlsxReadError("not-xlsx", MESSAGES.oldXls);
  }
  // Tables saved as a web page or as Excel 2003 XML under an .xls/.xlsx name: say what they are.
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 2048)).toLowerCase();
  if (/^\ufeff?\s*</.test(head)) {
    if (/urn:schemas-microsoft-com:office:spreadsheet|progid="excel\.sheet"/.test(head)) return new XlsxReadError("not-xlsx", MESSAGES.xml2003);
    // Flat OpenDocument (LibreOffice's .fods/.fodt): its <table:…> elements are not a web page's <table>.
    if (/<office:document\b|urn:oasis:names:tc:opendocument:xmlns:office/.test(head)) {
      if (/opendocument\.(text|presentation|graphics)/.test(head)) return new XlsxReadError("not-xlsx", MESSAGES.otherOffice("OpenDocument 文字或演示文档"));
      return new XlsxReadError("not-xlsx", MESSAGES.ods);
    }
    if (/<(html|table|head|body|meta)\b/.test(head)) return new XlsxReadError("not-xlsx", MESSAGES.html);
  }
  return new XlsxReadError("not-xlsx", MESSAGES.notXlsx);
}

/** "xl/worksheets/sheet1.xml" from a relationship target, relative to the part that owns the .rels. */
export function resolveTarget(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const base = from.includes("/") ? from.slice(0, from.lastIndexOf("/") + 1) : "";
  const parts = (base + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function readRels(zip: ZipArchive, owner: string): Rel[] {
  const path = relsPathOf(owner);
  if (!zip.has(path)) return [];
  const x = new XmlScanner(zip.text(path), path);
  const out: Rel[] = [];
  for (let t = x.next(); t !== Tok.End; t = x.next()) {
    if (t === Tok.Open && x.name === "Relationship") {
      out.push({ id: x.attr("Id") ?? "", type: x.attr("Type") ?? "", target: x.attr("Target") ?? "", external: x.attr("TargetMode") === "External" });
    }
  }
  return out;
}

/**
 * xml without its first element `name` whose attribute `attr` is `value` (part names compared ignoring case, as OPC
 * does). Scanned, not a pattern built from the value: an Id or a part name from the file may hold "(", "[" or "+".
 */
export function withoutElement(xml: string, part: string, name: string, attr: string, value: string): string {
  const x = new XmlScanner(xml, part);
  const fold = attr === "PartName" ? (v: string) => v.toLowerCase() : (v: string) => v;
  const want = fold(value);
  for (let t = x.next(); t !== Tok.End; t = x.next()) {
    if (t !== Tok.Open || x.name !== name) continue;
    const v = x.attr(attr);
    if (v === null || fold(v) !== want) continue;
    const start = x.tagStart;
    if (!x.selfClosing) x.skip();
    return xml.slice(0, start) + xml.slice(x.pos);
  }
  return xml;
}

export function openPackage(data: ArrayBuffer | Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): XlsxPackage {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const bad = classifyNonZip(bytes);
  if (bad) throw bad;
  const zip = new ZipArchive(bytes, limits);
  const officeDoc = readRels(zip, "").find((r) => /\/officeDocument$/.test(r.type) && !r.external);
  const workbookPath = officeDoc ? resolveTarget("", officeDoc.target) : "xl/workbook.xml";
  // A Word or PowerPoint file given for a workbook (the exported .docx, say): its main part is no workbook.
  const other = /^word\//i.test(workbookPath) ? "Word 文档（.docx）" : /^ppt\//i.test(workbookPath) ? "PowerPoint 演示文稿（.pptx）" : null;
  if (other) throw new XlsxReadError("not-xlsx", MESSAGES.otherOffice(other));
  if (!zip.has(workbookPath)) {
    if (zip.entries.length === 0) throw new XlsxReadError("empty", MESSAGES.empty());
    if (zip.has("mimetype") && zip.text("mimetype").includes("opendocument.spreadsheet")) throw new XlsxReadError("not-xlsx", MESSAGES.ods);
    throw new XlsxReadError("not-xlsx", MESSAGES.notXlsx);
  }
  // Without its relationships the workbook's sheets cannot be found: a damaged file, not an empty one.
  if (!zip.has(relsPathOf(workbookPath))) throw new XlsxReadError("damaged", MESSAGES.missingPart(relsPathOf(workbookPath)));
  const rels = readRels(zip, workbookPath);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const x = new XmlScanner(zip.text(workbookPath), workbookPath);
  const sheets: SheetPart[] = [];
  const seen = new Set<string>();
  let date1904 = false;
  for (let t = x.next(); t !== Tok.End; t = x.next()) {
    if (t !== Tok.Open) continue;
    if (x.name === "workbookPr") {
      const v = x.attr("date1904");
      date1904 = v === "1" || v === "true";
    } else if (x.name === "sheet") {
      const name = x.attr("name") ?? "";
      const relId = x.attr("r:id") ?? x.prefixedAttr("id") ?? "";
      const rel = byId.get(relId);
      // Chart sheets, dialog and macro sheets hold no cells to read.
      if (!rel || !/\/worksheet$/.test(rel.type)) continue;
      const key = name.toLowerCase();
      if (seen.has(key)) throw new XlsxReadError("duplicate-sheet", MESSAGES.duplicateSheet(name));
      seen.add(key);
      const path = resolveTarget(workbookPath, rel.target);
      if (!zip.has(path)) throw new XlsxReadError("damaged", MESSAGES.missingPart(path));
      sheets.push({ name, path, relId, state: x.attr("state") });
    }
  }
  if (sheets.length === 0) throw new XlsxReadError("empty", MESSAGES.empty());
  const find = (suffix: string) => {
    const r = rels.find((y) => y.type.endsWith(suffix) && !y.external);
    const p = r ? resolveTarget(workbookPath, r.target) : null;
    return p && zip.has(p) ? p : null;
  };
  return { zip, workbookPath, sheets, sharedStringsPath: find("/sharedStrings"), stylesPath: find("/styles"), date1904 };
}

/** The extension Excel requires for each kind of workbook: it refuses a file whose name and main part disagree. */
const WORKBOOK_EXTENSIONS: Record<string, string> = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": ".xlsx",
  "application/vnd.ms-excel.sheet.macroEnabled.main+xml": ".xlsm",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": ".xltx",
  "application/vnd.ms-excel.template.macroEnabled.main+xml": ".xltm",
};

/** ".xlsx", ".xlsm", ".xltx" or ".xltm" as [Content_Types].xml declares the workbook part; null when it does not say. */
export function workbookExtension(pkg: Pick<XlsxPackage, "zip" | "workbookPath">): string | null {
  if (!pkg.zip.has("[Content_Types].xml")) return null;
  const x = new XmlScanner(pkg.zip.text("[Content_Types].xml"), "[Content_Types].xml");
  const ext = pkg.workbookPath.slice(pkg.workbookPath.lastIndexOf(".") + 1).toLowerCase();
  let byDefault: string | undefined;
  for (let t = x.next(); t !== Tok.End; t = x.next()) {
    if (t !== Tok.Open) continue;
    const type = x.attr("ContentType") ?? "";
    if (x.name === "Override" && (x.attr("PartName") ?? "").replace(/^\//, "").toLowerCase() === pkg.workbookPath.toLowerCase()) return WORKBOOK_EXTENSIONS[type] ?? null;
    if (x.name === "Default" && (x.attr("Extension") ?? "").toLowerCase() === ext) byDefault = type;
  }
  return byDefault !== undefined ? (WORKBOOK_EXTENSIONS[byDefault] ?? null) : null;
}
