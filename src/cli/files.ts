// Reading a workbook file for a command: the bytes, the snapshot and the package, or a FileError whose Chinese
// message names the file. Shared by the commands and the worker threads of a folder check.
import { basename } from "node:path";
import type { CheckResult } from "../core/check";
import type { WorkbookSnapshot } from "../core/snapshot";
import { readSnapshot, XlsxReadError } from "../xlsx/read-snapshot";
import type { XlsxPackage } from "../xlsx/package";
import type { CliIo } from "./node-io";

/** A file that cannot be read or written: exit 2, the message names the file. */
export class FileError extends Error {}

export interface Loaded {
  snapshot: WorkbookSnapshot;
  pkg: XlsxPackage;
  bytes: Uint8Array;
}

export async function load(io: CliIo, path: string): Promise<Loaded> {
  const st = await io.fs.stat(path);
  if (!st) throw new FileError(`无法读取 ${path}：文件不存在。`);
  if (st.isDirectory) throw new FileError(`无法读取 ${path}：这是一个文件夹，请给出 .xlsx 文件。`);
  let bytes: Uint8Array;
  try {
    bytes = await io.fs.readFile(path);
  } catch (e) {
    throw new FileError(`无法读取 ${path}：${ioReason(e)}`);
  }
  try {
    return { ...(await readSnapshot(bytes, basename(path))), bytes };
  } catch (e) {
    if (XlsxReadError.is(e)) throw new FileError(`无法读取 ${path}：${e.message}`);
    throw e;
  }
}

export function ioReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === "EACCES" || code === "EPERM") return "没有访问权限。";
  if (code === "ENOENT") return "文件或文件夹不存在。";
  if (code === "EBUSY") return "文件正被其他程序占用（可能在 Excel 中打开），请关闭后重试。";
  if (code === "ENOSPC") return "磁盘空间不足。";
  return e instanceof Error ? e.message : String(e);
}

export function noTables(path: string): FileError {
  return new FileError(`无法读取 ${path}：没有找到可识别的预算公开表（如“部门预算收支总表”）。请确认这是部门预算信息公开工作簿，表标题在工作表的前几行。`);
}

export function hasBudgetTable(result: CheckResult): boolean {
  return result.tables.some((t) => t.no > 0);
}
