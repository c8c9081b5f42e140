// Why an .xlsx could not be read, as a code for programs and a Chinese message for people. No fs/DOM here.
import { groupDigits } from "../core/quote";

export type XlsxReadErrorCode =
  | "not-xlsx"
  | "damaged"
  | "encrypted"
  | "empty"
  | "dtd"
  | "part-too-large"
  | "zip-bomb"
  | "too-many-cells"
  | "too-many-strings"
  | "string-too-long"
  | "duplicate-sheet"
  | "bad-reference"
  | "too-many-merges"
  | "formula-too-long"
  | "duplicate-part"
  | "overlapping-parts"
  | "too-many-parts"
  | "unknown-encoding"
  | "internal";

/**
 * Bad input (not an exception of the program): the message says why and what to do, in Chinese. One code, "internal",
 * is the reader's own fault (a bug met while reading): its message asks for a report instead.
 */
export class XlsxReadError extends Error {
  readonly code: XlsxReadErrorCode;
  constructor(code: XlsxReadErrorCode, message: string) {
    super(message);
    this.name = "XlsxReadError";
    this.code = code;
  }
  static is(e: unknown): e is XlsxReadError {
    return e instanceof XlsxReadError || (e instanceof Error && e.name === "XlsxReadError" && "code" in e);
  }
}

/** Limits on the work one file may cause; checked while inflating and scanning, never after. */
export interface ReadLimits {
  /** Uncompressed bytes of one part (a sheet, the shared strings). */
  maxPartBytes: number;
  /** Uncompressed bytes of all parts read. */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed size of a part larger than 1 MiB (sheet XML compresses 5–100×; zip bombs up to 1,032×). */
  maxRatio: number;
  /** Cells (c elements) in all sheets together. */
  maxCells: number;
  /** Entries of the shared-string table. */
  maxSharedStrings: number;
  /** Characters of one string (Excel itself stops at 32,767). */
  maxStringLength: number;
  /** Characters of formula text built from shared formulas (each clone's text is its master's, moved), in all sheets. */
  maxSharedFormulaChars: number;
  /** Entries of the zip (workbooks have tens to thousands; each costs memory before anything is read). */
  maxParts: number;
  /** mergeCell elements in all sheets (real workbooks have hundreds; each costs a range kept and looked at by the fill). */
  maxMerges: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxPartBytes: 128 * 1024 * 1024,
  maxTotalBytes: 384 * 1024 * 1024,
  maxRatio: 500,
  maxCells: 5_000_000,
  maxSharedStrings: 2_000_000,
  maxStringLength: 100_000,
  maxSharedFormulaChars: 30_000_000,
  maxMerges: 1_000_000,
  maxParts: 200_000,
};

const N = groupDigits;

/** The kind of package a zip-level message is about: the workbook reader and the .docx 情况说明 share those checks. */
export interface FileKind {
  /** Who would never save such a file. */
  savedBy: string;
  /** What a normal one looks like (parts counted). */
  typical: string;
  /** What to do with a damaged one. */
  repair: string;
  /** What to do with one in an encoding not read. */
  resave: string;
  /** A normal one, for the compression ratio. */
  normal: string;
  /** Why a size limit does not hurt, and what to do past it (one part; all parts). */
  smaller: string;
  trimPart: string;
  trimTotal: string;
  /** Its extension, and what an empty one lacks. */
  ext: string;
  holds: string;
  /** What to do with an empty one. */
  reexport: string;
  /** What to do with a damaged or incomplete one. */
  refetch: string;
  /** How to take off an open password. */
  unprotect: string;
}

export const XLSX_FILE: FileKind = {
  savedBy: "Excel、WPS 保存的工作簿",
  typical: "预算公开工作簿",
  repair: "请在 Excel 或 WPS 中打开修复并另存后再试。",
  resave: "请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。",
  normal: "工作簿",
  smaller: "预算公开表远小于此",
  trimPart: "请确认文件正确，或删除多余的工作表和空白行列后另存再试。",
  trimTotal: "请删除多余的工作表和空白行列后另存再试。",
  ext: ".xlsx",
  holds: "工作表",
  reexport: "请确认选择了正确的文件，或重新导出工作簿。",
  refetch: "请重新获取原文件，或在 Excel 中打开修复后另存为 .xlsx。",
  unprotect: "请在 Excel 中打开，通过“文件 → 信息 → 保护工作簿 → 用密码进行加密”清除密码后另存为 .xlsx 再试。",
};

export const DOCX_FILE: FileKind = {
  savedBy: "Word、WPS 保存的文档",
  typical: "情况说明的 Word 文档",
  repair: "请在 Word 或 WPS 中打开修复并另存为 .docx 后再试。",
  resave: "请在 Word 或 WPS 中打开后另存为 .docx 再试。",
  normal: "文档",
  smaller: "情况说明远小于此",
  trimPart: "请确认选择了正确的文件，或在 Word 或 WPS 中打开后另存为 .docx 再试。",
  trimTotal: "请确认选择了正确的文件，或在 Word 或 WPS 中打开后另存为 .docx 再试。",
  ext: ".docx",
  holds: "内容",
  reexport: "请确认选择了正确的文件，或在 Word 或 WPS 中重新保存为 .docx 再试。",
  refetch: "请重新获取原文件，或在 Word 或 WPS 中打开修复后另存为 .docx 再试。",
  unprotect: "请在 Word 中打开，通过“文件 → 信息 → 保护文档 → 用密码进行加密”清除密码后另存为 .docx 再试。",
};

/** One decimal below 10 ("1.5 MB"), whole above ("128 MB"). */
const unit = (n: number, u: string) => `${n < 9.95 ? String(Math.round(n * 10) / 10) : N(Math.round(n))} ${u}`;

/** A size as people read it: MB from 1 MB, KB from 1 KB, else bytes (whole MB said a 300 KB limit was "0 MB"). */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return unit(bytes / (1024 * 1024), "MB");
  if (bytes >= 1024) return unit(bytes / 1024, "KB");
  return `${N(bytes)} 字节`;
}

/** Largest file read into memory (CLI and browser mode): bigger files are not disclosure workbooks or documents. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

export const MESSAGES = {
  inputTooLarge: (size: number) => `文件有 ${sizeText(size)}，超过 ${sizeText(MAX_INPUT_BYTES)} 的上限，不像是预算公开文件。请确认选择了正确的文件。`,
  empty: (kind: FileKind = XLSX_FILE) => `文件是空的（0 字节或不含任何${kind.holds}）。${kind.reexport}`,
  encrypted: (kind: FileKind = XLSX_FILE) => `文件设置了打开密码（已加密），无法读取。${kind.unprotect}`,
  oldXls: "这是旧版 Excel 97-2003 工作簿（.xls），本工具只能读取 .xlsx。请在 Excel 中打开后“另存为”Excel 工作簿（.xlsx）再试。",
  html: "这是网页（HTML）格式的表格，只是扩展名为 .xls 或 .xlsx（一些系统导出、WPS 另存的“Excel 文件”常是这样），不是 Excel 工作簿。请在 WPS 或 Excel 中打开后“另存为”Excel 工作簿（.xlsx）再试。",
  xml2003: "这是 Excel 2003 XML 表格，不是 .xlsx 工作簿。请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（.xlsx）再试。",
  ods: "这是 OpenDocument 表格（.ods，LibreOffice 或 WPS 保存），不是 .xlsx 工作簿。请在 LibreOffice、WPS 或 Excel 中打开后“另存为”Excel 工作簿（.xlsx）再试。",
  otherOffice: (what: string) => `这是${/^[A-Za-z]/.test(what) ? " " : ""}${what}，不是 Excel 工作簿。请选择预算公开表的 .xlsx 文件。`,
  notXlsx: "这不是 Excel 工作簿（.xlsx）文件。请选择预算公开表的 .xlsx 文件；如果是 .xls、.csv 或 WPS 格式，请先另存为 .xlsx。",
  damaged: (kind: FileKind = XLSX_FILE) => `文件已损坏或不完整（可能下载或复制未完成），无法作为 ${kind.ext} 打开。${kind.refetch}`,
  dtd: (part: string) =>
    `文件的 ${part} 含有 DTD（<!DOCTYPE> 或实体声明）。Excel、WPS 保存的工作簿不会含有它，这样的文件可能被人为构造，为安全起见不予读取。请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。`,
  partTooLarge: (part: string, size: number, limit: number, kind: FileKind = XLSX_FILE) =>
    `文件的 ${part} 解压后有 ${sizeText(size)}，超过上限 ${sizeText(limit)}，不予读取（${kind.smaller}）。${kind.trimPart}`,
  totalTooLarge: (limit: number, kind: FileKind = XLSX_FILE) =>
    `文件解压后的总大小超过上限 ${sizeText(limit)}，不予读取（${kind.smaller}）。${kind.trimTotal}`,
  zipBomb: (part: string, ratio: number, kind: FileKind = XLSX_FILE) =>
    `文件的 ${part} 压缩比异常（约 ${N(Math.round(ratio))} 倍，正常${kind.normal}不超过一百倍），可能是“压缩炸弹”，不予读取。请重新获取原文件。`,
  understated: (part: string, declared: number) =>
    `文件的 ${part} 解压后比文件头记录的 ${N(declared)} 字节更大，文件头被篡改（可能是“压缩炸弹”）或文件已损坏，不予读取。请重新获取原文件。`,
  tooManyCells: (sheet: string, limit: number) =>
    `工作表“${sheet}”处读到的单元格超过 ${N(limit)} 个，不予读取（预算公开表远小于此）。请删除多余的行列（常见于整列填充格式或公式）后另存再试。`,
  tooManyStrings: (limit: number) =>
    `工作簿的共享字符串超过 ${N(limit)} 个，不予读取（预算公开表远小于此）。请删除多余的内容后另存再试。`,
  stringTooLong: (where: string, length: number, limit: number) =>
    `${where}的文字长达 ${N(length)} 个字符，超过上限 ${N(limit)}（Excel 单元格最多 32,767 个字符），不予读取。请删去这段过长的文字后另存再试。`,
  duplicateSheet: (name: string) =>
    `工作簿中有两个同名的工作表“${name}”（Excel 不允许这样），文件可能被其他程序改坏。请在 Excel 或 WPS 中打开修复并另存后再试。`,
  badString: (sheet: string, cell: string, raw: string, count: number) =>
    `工作表“${sheet}”单元格 ${cell} ${
      /^\s*\d+\s*$/.test(raw) ? `引用了第 ${N(Number(raw) + 1)} 个共享字符串，但文件只有 ${N(count)} 个` : `的共享字符串编号“${raw.slice(0, 40)}”不是有效的编号`
    }，文件已损坏。请在 Excel 或 WPS 中打开修复并另存后再试。`,
  badAddress: (sheet: string, what: string, ref: string) =>
    `工作表“${sheet}”中的${what}“${ref.slice(0, 40)}”超出 Excel 的范围（最多 1,048,576 行、16,384 列，即到 XFD1048576），文件已损坏或被人为构造。请在 Excel 或 WPS 中打开修复并另存后再试。`,
  tooManyMerges: (sheet: string, ref: string, limit: number) =>
    `工作表“${sheet}”的合并单元格过多或相互重叠（到 ${ref.slice(0, 40)} 处已涉及超过 ${N(limit)} 个单元格），Excel 不会这样保存，文件已损坏或被人为构造，不予读取。请在 Excel 或 WPS 中打开修复并另存后再试。`,
  tooManyMergeRanges: (sheet: string, limit: number) =>
    `工作表“${sheet}”处读到的合并单元格区域超过 ${N(limit)} 个（整个工作簿合计），Excel 不会这样保存，文件已损坏或被人为构造，不予读取。请在 Excel 或 WPS 中打开修复并另存后再试。`,
  sharedFormulasTooLong: (sheet: string, cell: string, limit: number) =>
    `工作表“${sheet}”单元格 ${cell} 处由共享公式展开的公式文字累计超过 ${N(limit)} 个字符，不予读取（预算公开表远小于此）。请删除多余的公式（常见于整列填充的长公式）后另存再试。`,
  missingPart: (part: string, kind: FileKind = XLSX_FILE) => `文件缺少${kind.normal}声明的部件 ${part}，文件已损坏或不完整。${kind.refetch}`,
  badXml: (part: string) =>
    `文件的 ${part} 不是完整的 XML（可能下载未完成或被其他程序改坏），无法读取。请重新获取原文件，或在 Excel 中打开修复后另存为 .xlsx。`,
  badEntity: (part: string, entity: string, kind: FileKind = XLSX_FILE) =>
    `文件的 ${part} 含有未定义的实体“${entity.slice(0, 40)}”，文件已损坏或被人为构造，不予读取。${kind.resave}`,
  duplicatePart: (part: string, kind: FileKind = XLSX_FILE) =>
    `文件中有两个同名的部件 ${part}（压缩包里同一个名字出现了两次），不知道哪一个才是真正的内容。${kind.savedBy}不会这样，文件可能被其他程序改坏或被人为构造，不予读取。${kind.repair}`,
  tooManyParts: (limit: number, kind: FileKind = XLSX_FILE) =>
    `文件的压缩包里有超过 ${N(limit)} 个部件，不予读取（${kind.typical}通常只有几十个部件）。这样的文件可能被人为构造，请确认选择了正确的文件，或重新获取原文件。`,
  overlappingParts: (part: string, next: string | null, kind: FileKind = XLSX_FILE) =>
    `文件中部件 ${part} 的数据与${next === null ? "压缩包目录" : `部件 ${next} 的数据`}相互重叠（同一段数据被当作不止一个部件），${kind.savedBy}不会这样，这样的文件可能是“压缩炸弹”或被人为构造，不予读取。请重新获取原文件。`,
  unknownEncoding: (part: string, encoding: string, kind: FileKind = XLSX_FILE) =>
    `文件的 ${part} 声明使用字符编码“${encoding.slice(0, 40)}”，本工具无法识别这种编码，读出的文字会是乱码，不予读取。${kind.resave}`,
  internal: (detail: string, doing = "读取文件") =>
    `${doing}时本工具出现了内部错误（这是程序的缺陷，不一定是文件的问题）。请把这条信息和所用的文件一起反馈给维护人员。技术信息：${detail.slice(0, 200)}`,
} as const;

/** A bug met while `doing` something with a file: said so with its name and message (no stack), not blamed on the file. */
export function internalError(e: unknown, doing?: string): XlsxReadError {
  const detail = e instanceof Error ? `${e.name}：${e.message}` : String(e);
  return new XlsxReadError("internal", MESSAGES.internal(detail, doing));
}

/** Errors whose message is already the Chinese reason for the user: the reader's, the writer's, the 情况说明 reader's. */
const SAYS_WHY = new Set(["XlsxReadError", "CellWriteError", "NarrativeFileError"]);

/**
 * Why a file could not be read or written, for a message that names it ("无法填充 a.xlsx：…"): the reader's or
 * writer's own message; anything else is a bug met while `doing` (internalError). By name: the classes live elsewhere.
 */
export function failureReason(e: unknown, doing?: string): string {
  return saysWhy(e) ? e.message : internalError(e, doing).message;
}

/** The error already says why in Chinese (bad input); anything else is a bug of the program. */
export function saysWhy(e: unknown): e is Error {
  return e instanceof Error && SAYS_WHY.has(e.name);
}
