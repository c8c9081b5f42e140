// A hand-written 情况说明 as plain text, from a .docx (w:p → one line each, w:t text) or a .txt file.
import { groupDigits } from "../core/quote";
import { TEXT_CELL_MAX } from "../core/text-check";
import { DEFAULT_LIMITS, DOCX_FILE, MESSAGES, XlsxReadError } from "../xlsx/errors";
import { notZip } from "../xlsx/package";
import { decodeEntities } from "../xlsx/xml";
import { ZipArchive } from "../xlsx/zip";

/** Bad input: the message names the file and says what to do, in Chinese. */
export class NarrativeFileError extends Error {
  /** The message without the file's name, for a caller that names the file itself ("无法读取 /路径/说明.docx：…"). */
  readonly reason: string;
  constructor(name: string, reason: string) {
    super(`${name}：${reason}`);
    this.name = "NarrativeFileError";
    this.reason = reason;
  }
}

const BODY = "word/document.xml";

/** Paragraph texts of a WordprocessingML body; table cells are joined with tabs so the checker can skip table rows. */
export function paragraphsOfDocumentXml(xml: string): string[] {
  const body = xml.replace(/<w:tc>/g, "\u0000TC").replace(/<\/w:tr>/g, "\u0000TR");
  const out: string[] = [];
  let row: string[] | null = null;
  // Walk paragraphs, noting where table cells and rows start and end. A paragraph ends at the next </w:p>, found
  // with indexOf: a lazy regex would rescan to the end for every unclosed <w:p> (quadratic on hostile files).
  const re = /\u0000TC|\u0000TR|<w:p[ >/]/g;
  let cell: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    let tok = m[0];
    if (tok !== "\u0000TC" && tok !== "\u0000TR") {
      if (tok === "<w:p/") {
        tok = "";
      } else {
        const end = body.indexOf("</w:p>", m.index);
        tok = end < 0 ? body.slice(m.index) : body.slice(m.index, end + 6);
        re.lastIndex = end < 0 ? body.length : end + 6;
      }
    }
    if (tok === "\u0000TC") {
      if (row) row.push(cell.join(" "));
      else row = [];
      cell = [];
      continue;
    }
    if (tok === "\u0000TR") {
      if (row) {
        row.push(cell.join(" "));
        out.push(row.join("\t"));
      }
      row = null;
      cell = [];
      continue;
    }
    const text = paragraphText(tok);
    if (row) cell.push(text);
    else out.push(text);
  }
  return out;
}

function paragraphText(p: string): string {
  let s = "";
  for (const m of p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) {
    if (m[0] === "<w:tab/>") s += " ";
    else if (m[0] === "<w:br/>") s += " ";
    else s += decodeEntities(m[1], BODY, DOCX_FILE); // a reference no character has (&#99999999;) is a damaged file, as in a workbook
  }
  return s;
}

/**
 * A failure of the workbook reader's zip and part checks, whose messages are said for a Word document here (DOCX_FILE),
 * with the file's name. Bad offsets or sizes end as a RangeError: damaged. Anything else is a bug, not blamed on the file.
 */
function namedFailure(name: string, e: unknown): NarrativeFileError {
  if (XlsxReadError.is(e)) return new NarrativeFileError(name, e.message);
  if (e instanceof RangeError) return new NarrativeFileError(name, MESSAGES.damaged(DOCX_FILE));
  throw e;
}

const oldDoc = (name: string) => new NarrativeFileError(name, "这是旧版 Word 文档（.doc），请在 Word 中另存为 .docx 后再试。");

/** Characters of a 情况说明 file checked at most: a real one has a few ten thousand; 500,000 took 150 MB to check. */
export const MAX_NARRATIVE_CHARS = 500_000;

/**
 * The 情况说明's text, refused when more than MAX_NARRATIVE_CHARS would be checked (a 38 MB text file took 36 s and
 * 3 GB, printing 1,200,000 findings). Each paragraph counts up to TEXT_CELL_MAX, the part S-25 checks of it.
 */
export async function readNarrativeFile(data: Uint8Array, name: string): Promise<string> {
  const text = await narrativeFileText(data, name);
  // Nothing to check is not "no problems": the file given may be the wrong one, or saved before it was written.
  if (text.trim() === "") throw new NarrativeFileError(name, "情况说明是空的（没有任何文字），无法核对。请确认选择了写好的情况说明文件。");
  let checked = 0;
  for (let at = 0; at <= text.length && checked <= MAX_NARRATIVE_CHARS; ) {
    const end = text.indexOf("\n", at);
    const stop = end < 0 ? text.length : end;
    checked += Math.min(stop - at, TEXT_CELL_MAX);
    at = stop + 1;
  }
  if (checked > MAX_NARRATIVE_CHARS) {
    throw new NarrativeFileError(name, `文字有 ${groupDigits(text.length)} 个字符，超过 ${groupDigits(MAX_NARRATIVE_CHARS)} 个字符的上限（一份情况说明通常只有几万字），不予核对。请确认选择了正确的文件。`);
  }
  return text;
}

async function narrativeFileText(data: Uint8Array, name: string): Promise<string> {
  const lower = name.toLowerCase();
  if (lower.endsWith(".docx")) {
    // No ZIP: say what it is, as the workbook reader does (Word saves a .docx with an open password as a CFB file).
    const what = notZip(data);
    if (what === "empty") throw new NarrativeFileError(name, MESSAGES.empty(DOCX_FILE));
    if (what === "encrypted") throw new NarrativeFileError(name, MESSAGES.encrypted(DOCX_FILE));
    if (what === "legacy") throw oldDoc(name);
    if (what === "other") throw new NarrativeFileError(name, "这不是有效的 Word 文档（.docx），无法读取。请在 Word 中另存为 .docx 后再试。");
    // The workbook reader's ZIP code: the same limits on inflating (a .docx can be a zip bomb too).
    let zip: ZipArchive;
    try {
      zip = new ZipArchive(data, DEFAULT_LIMITS, DOCX_FILE);
    } catch (e) {
      throw namedFailure(name, e);
    }
    if (!zip.has(BODY)) throw new NarrativeFileError(name, `文档中没有正文（word/document.xml），无法读取。${DOCX_FILE.refetch}`);
    try {
      return paragraphsOfDocumentXml(zip.text(BODY)).join("\n");
    } catch (e) {
      throw namedFailure(name, e);
    }
  }
  if (lower.endsWith(".doc")) throw oldDoc(name);
  // Read as text only what is text: a PDF, a workbook or another binary file would be checked as garbled sentences.
  if (data.length >= 5 && String.fromCharCode(...data.subarray(0, 5)) === "%PDF-") {
    throw new NarrativeFileError(name, "这是 PDF 文件，无法从中读取情况说明的文字。请提供情况说明的 Word 文档（.docx）或文本文件（.txt）。");
  }
  const what = notZip(data);
  if (what === "encrypted" || what === "legacy" || what === null || isBinary(data)) {
    throw new NarrativeFileError(name, "这不是 Word 文档（.docx）或文本文件（.txt），无法读取。请在 Word 或 WPS 中把情况说明另存为 .docx 或 .txt 后再试。");
  }
  return decodeText(data);
}

/** NUL bytes near the start (no text encoding but UTF-16, which says so with its BOM, has them): a binary file. */
export function isBinary(data: Uint8Array): boolean {
  return utf16Bom(data) === null && data.subarray(0, 8192).includes(0);
}

/** The UTF-16 a byte-order mark announces (Notepad's "Unicode"), or null. */
function utf16Bom(data: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (data.length < 2) return null;
  return data[0] === 0xff && data[1] === 0xfe ? "utf-16le" : data[0] === 0xfe && data[1] === 0xff ? "utf-16be" : null;
}

/**
 * A plain text file as Notepad and other editors save it: UTF-8 (with or without BOM), UTF-16 with its BOM
 * (Notepad's "Unicode"), else GB18030 (Notepad's "ANSI" on Chinese Windows). Line ends become "\n".
 */
export function decodeText(data: Uint8Array): string {
  const bom = utf16Bom(data);
  let text: string;
  if (bom) text = new TextDecoder(bom).decode(data.subarray(2));
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(data).replace(/^\uFEFF/, "");
    } catch {
      text = new TextDecoder("gb18030").decode(data);
    }
  }
  return text.replace(/\r\n?/g, "\n");
}
