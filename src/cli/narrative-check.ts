// `check --narrative <file>`: the 情况说明's text checked against the tables, merged into the workbook's check result.
import { basename } from "node:path";
import type { CheckResult } from "../core/check";
import { sortFindings, type Finding } from "../core/findings";
import { readWorkbook } from "../core/model/read-workbook";
import type { WorkbookSnapshot } from "../core/snapshot";
import { checkNarrativeText, narrativeFromSnapshot, type NarrativeText } from "../core/text-check";
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
 * Adds the text findings (S-01 … S-15) of the 情况说明 to a workbook's check result. A text finding that repeats a
 * table finding (S-09 on the same empty table) is left out. `fail` makes the caller's file error (exit code 2).
 */
export async function withNarrativeCheck(result: CheckResult, snapshot: WorkbookSnapshot, narrativePath: string | undefined, io: CliIo, fail: (message: string) => Error): Promise<CheckResult> {
  const narrative = await narrativeSource(snapshot, narrativePath, io, fail);
  if (!narrative) return result;
  const found = checkNarrativeText(narrative.text, readWorkbook(snapshot), narrative.source);
  const key = (f: Finding) => `${f.rule} ${f.related.map((r) => `${r.sheet}!${r.cell}`).join(",")}`;
  const tableSide = new Set(result.findings.filter((f) => f.rule === "S-09").flatMap((f) => [`${f.rule} ${f.sheet}!${f.cell}`, key(f)]));
  const fresh = found.filter((f) => !(f.rule === "S-09" && f.related.some((r) => tableSide.has(`S-09 ${r.sheet}!${r.cell}`))));
  return { ...result, findings: sortFindings([...result.findings, ...fresh]) };
}
