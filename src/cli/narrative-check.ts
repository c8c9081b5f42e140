// `check --narrative <file>`: the 情况说明's text checked against the tables, merged into the workbook's check result.
import { basename } from "node:path";
import { check, type CheckResult } from "../core/check";
import type { WorkbookSnapshot } from "../core/snapshot";
import { narrativeFromSnapshot, type NarrativeText } from "../core/text-check";
import { readNarrativeFile } from "../docx/read-text";
import type { CliIo } from "./node-io";

/** The 情况说明 to check: the --narrative file when given, else the workbook's own 情况说明 sheet, else none. */
export async function narrativeSource(snapshot: WorkbookSnapshot, narrativePath: string | undefined, io: CliIo, fail: (message: string) => Error): Promise<NarrativeText | undefined> {
  if (!narrativePath) return narrativeFromSnapshot(snapshot);
  const st = await io.fs.stat(narrativePath);
  if (!st) throw fail(`无法读取 ${narrativePath}：文件不存在。`);
  if (st.isDirectory) throw fail(`无法读取 ${narrativePath}：这是一个文件夹，请给出 .docx 或 .txt 文件。`);
  const name = basename(narrativePath);
  let text: string;
  try {
    text = await readNarrativeFile(await io.fs.readFile(narrativePath), name);
  } catch (e) {
    throw fail(`无法读取 ${narrativePath}：${e instanceof Error ? e.message : String(e)}`);
  }
  return { text, source: { name } };
}

/**
 * The check of a workbook with a --narrative file's text (S-01 … S-15) instead of its own 情况说明 sheet, which
 * check() already covers. `fail` makes the caller's file error (exit code 2).
 */
export async function withNarrativeCheck(result: CheckResult, snapshot: WorkbookSnapshot, narrativePath: string | undefined, io: CliIo, fail: (message: string) => Error): Promise<CheckResult> {
  if (!narrativePath) return result;
  return check(snapshot, { narrative: await narrativeSource(snapshot, narrativePath, io, fail) });
}
