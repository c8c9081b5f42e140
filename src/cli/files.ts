// Reading a workbook file for a command: the bytes, the snapshot and the package, or a FileError whose Chinese
// message names the file. Shared by the commands and the worker threads of a folder check.
import { basename, resolve } from "node:path";
import type { CheckResult } from "../core/check";
import type { WorkbookSnapshot } from "../core/snapshot";
import { readSnapshot, XlsxReadError } from "../xlsx/read-snapshot";
import type { XlsxPackage } from "../xlsx/package";
import { failureReason } from "../xlsx/errors";
import type { CliIo } from "./node-io";
import { fileReason } from "./safe-write";

/** A file that cannot be read or written: exit 2, the message names the file. */
export class FileError extends Error {}

export interface Loaded {
  snapshot: WorkbookSnapshot;
  pkg: XlsxPackage;
  bytes: Uint8Array;
}

export async function load(io: CliIo, path: string): Promise<Loaded> {
  // Missing, a folder, a device or pipe (which would never end), too large: refused before reading.
  const problem = await io.fs.inputProblem(path, " .xlsx ");
  if (problem) throw new FileError(problem);
  let bytes: Uint8Array;
  try {
    bytes = await io.fs.readFile(path);
  } catch (e) {
    throw new FileError(`无法读取 ${path}：${ioReason(e)}`);
  }
  try {
    return { ...(await readSnapshot(bytes, basename(path))), bytes };
  } catch (e) {
    // WPS's own format is a compound file as an old .xls is: named as what its name says it is.
    if (/\.ett?$/i.test(path) && XlsxReadError.is(e) && e.code === "not-xlsx") {
      throw new FileError(`无法读取 ${path}：这是 WPS 表格文件（.et），本工具只能读取 .xlsx。请在 WPS 中打开后“另存为”Excel 工作簿（.xlsx）再试。`);
    }
    throw workbookError(`无法读取 ${path}`, e);
  }
}

/**
 * A workbook that could not be read or written, as a FileError that names it (`what`: "无法读取 a.xlsx"): the reason is
 * the reader's or writer's Chinese message; anything else is a bug met while `doing`, said so without a stack.
 */
export function workbookError(what: string, e: unknown, doing?: string): FileError {
  if (e instanceof FileError) return e;
  return new FileError(`${what}：${failureReason(e, doing)}`);
}

/** A file system error in Chinese with what to do (see safe-write.ts), never errno text. */
export function ioReason(e: unknown): string {
  return fileReason(e);
}

export function noTables(path: string): FileError {
  return new FileError(`无法读取 ${path}：没有找到可识别的预算公开表（如“部门预算收支总表”）。请确认这是部门预算信息公开工作簿，表标题在工作表的前几行。`);
}

/** A check result or a read workbook that holds at least one budget table (说明参数 alone is none). */
export function hasBudgetTable(result: Pick<CheckResult, "tables">): boolean {
  return result.tables.some((t) => t.no > 0);
}

/** Two paths name one file: the same path, or one file under two names (a hard or symbolic link). */
export async function sameFile(io: CliIo, a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  const x = await io.fs.stat(a);
  return x?.id !== undefined && x.id === (await io.fs.stat(b))?.id;
}
