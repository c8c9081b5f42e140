// `check --narrative <file>`: the 情况说明's text checked against the tables, merged into the workbook's check result.
import { basename } from "node:path";
import { check, type CheckResult } from "../core/check";
import type { WorkbookSnapshot } from "../core/snapshot";
import { narrativeFromSnapshot, narrativeFromText, type NarrativeText } from "../core/text-check";
import { NarrativeFileError, readNarrativeFile } from "../docx/read-text";
import { failureReason } from "../xlsx/errors";
import type { CliIo } from "./node-io";
import { fileReason } from "./safe-write";

/** The 情况说明 to check: the --narrative file when given, else the workbook's own 情况说明 sheet, else none. */
export async function narrativeSource(snapshot: WorkbookSnapshot, narrativePath: string | undefined, io: CliIo, fail: (message: string) => Error): Promise<NarrativeText | undefined> {
  if (!narrativePath) return narrativeFromSnapshot(snapshot);
  const problem = await io.fs.inputProblem(narrativePath, " .docx 或 .txt ");
  if (problem) throw fail(problem);
  const name = basename(narrativePath);
  let bytes: Uint8Array;
  try {
    bytes = await io.fs.readFile(narrativePath);
  } catch (e) {
    throw fail(`无法读取 ${narrativePath}：${fileReason(e)}`);
  }
  let text: string;
  try {
    text = await readNarrativeFile(bytes, name);
  } catch (e) {
    // The reader's reason (its message names the file, which this one already does), or a bug said to be one: never raw.
    throw fail(`无法读取 ${narrativePath}：${e instanceof NarrativeFileError ? e.reason : failureReason(e, "读取情况说明")}`);
  }
  return narrativeFromText(text, name);
}

/**
 * The check of a workbook with a --narrative file's text (S-01 … S-15) instead of its own 情况说明 sheet, which
 * check() already covers. `fail` makes the caller's file error (exit code 2).
 */
export async function withNarrativeCheck(result: CheckResult, snapshot: WorkbookSnapshot, narrativePath: string | undefined, io: CliIo, fail: (message: string) => Error): Promise<CheckResult> {
  if (!narrativePath) return result;
  return check(snapshot, { narrative: await narrativeSource(snapshot, narrativePath, io, fail) });
}
