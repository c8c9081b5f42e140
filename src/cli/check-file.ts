// One workbook of `check`: read, checked, and its report as text, in the main thread or a worker thread.
import { checkTables, withTextFindings, type CheckResult } from "../core/check";
import { SEVERITY_LABEL, type Finding, type Severity } from "../core/findings";
import { EMPTY_TOTALS_RULE, EMPTY_WORKBOOK_RULE, countSeverities, groupFindings, type GroupedFindings } from "../core/group-findings";
import { saysWhy } from "../xlsx/errors";
import { FileError, hasBudgetTable, load, noTables, workbookError } from "./files";
import { narrativeSource } from "./narrative-check";
import type { CliIo } from "./node-io";

export interface CheckFileOptions {
  json: boolean;
  /** A written 情况说明 (.docx or .txt) to compare with the tables. */
  narrative?: string;
}

/** What the command prints for one file (stdout and stderr, in that order) and its counts. */
export interface CheckFileResult {
  stdout: string;
  stderr: string;
  counts: Record<Severity, number>;
  /** Not checked: the file could not be read, or the program failed on it (`internal`). */
  unreadable: boolean;
  internal?: boolean;
}

export function counts(c: Record<Severity, number>): string {
  return `错误 ${c.error} 个，警告 ${c.warning} 个，提示 ${c.info} 个`;
}

export function findingLine(f: Finding, table: string): string {
  const where = [table, f.cell].filter(Boolean).join(" ");
  // Messages often open with "表名 单元格：", which the line already shows.
  const message = f.message.startsWith(`${where}：`) ? f.message.slice(where.length + 1) : f.message;
  return `[${SEVERITY_LABEL[f.severity]}] ${where} ${f.rule} — ${message}`;
}

/** `narrativeFile`: the --narrative file's name, the "sheet" of its findings, which is a file and not a worksheet. */
function humanReport(file: string, result: CheckResult, grouped: GroupedFindings, narrativeFile?: string): string {
  const out: string[] = [];
  const total = countSeverities(grouped.findings);
  out.push(`■ ${file}（单位：${result.unit}，识别到 ${grouped.tablesText}）`);
  out.push(`  ${listingLine(result)}`);
  // The pane's grouping: tables in sheet order, empty totals as one item per table with what follows from them folded in.
  let clean = 0;
  for (const g of grouped.groups) {
    if (g.findings.length === 0) {
      clean++;
      continue;
    }
    const sheet = g.sheet && g.sheet !== g.name ? `（${g.sheet === narrativeFile ? "文件" : "工作表"}“${g.sheet}”）` : "";
    out.push(`  ${g.name}${sheet}：${counts(countSeverities(g.findings))}`);
    for (const f of g.findings) {
      out.push(`    ${findingLine(f, g.name)}`);
      // The same cause reported at other cells (not the empty-total items: their message counts what they fold).
      if (f.rule !== EMPTY_TOTALS_RULE) for (const x of f.folded) out.push(`      同一原因：${findingLine(x, g.name)}`);
      if (f.action) out.push(`      怎么办：${f.action.replace("点击“填充合计”", "运行 budget-disclosure fill")}`);
    }
  }
  if (clean > 0) out.push(`  其余 ${clean} 张表未发现问题。`);
  const empty = grouped.findings.some((f) => f.rule === EMPTY_WORKBOOK_RULE);
  out.push(`  结果：${counts(total)}。${empty ? "工作簿中还没有金额，请先填写各表数据。" : total.error === 0 ? "校验通过。" : "请先修正错误。"}`);
  return out.join("\n") + "\n";
}

/** The tables as recognised: 工作表 → 种类（单位）, and the sheets not recognised. */
export function listingLine(result: CheckResult): string {
  const known = result.listing.filter((t) => t.kind !== "unrecognised");
  const unknown = result.listing.filter((t) => t.kind === "unrecognised");
  const tables = known.map((t) => `“${t.sheet}”→${t.kindName}${t.unit ? `（${t.unit}）` : ""}`).join("，");
  const rest = unknown.length ? `；未识别：${unknown.map((t) => `“${t.sheet}”${t.title && t.title !== t.sheet ? `（${t.title}）` : ""}`).join("，")}` : "";
  return `识别结果：${tables || "无"}${rest}`;
}

function jsonLine(file: string, result: CheckResult): string {
  return (
    JSON.stringify({
      file,
      unit: result.unit,
      tables: result.listing.map((t) => ({ title: t.title, sheet: t.sheet, kind: t.kind, kindName: t.kindName, unit: t.unit ?? null })),
      findings: result.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        sheet: f.sheet,
        cell: f.cell,
        related: f.related,
        expected: f.expected ?? null,
        actual: f.actual ?? null,
        message: f.message,
      })),
    }) + "\n"
  );
}

/**
 * A file that was not checked, as its result: a FileError's message, or anything else (a bug met on this file, a
 * worker's crash) said to be the program's fault, naming the file: one file must not end the check of a folder.
 */
export function notChecked(file: string, e: unknown, options: Pick<CheckFileOptions, "json">): CheckFileResult {
  const internal = !(e instanceof FileError) && !saysWhy(e);
  const message = workbookError(`无法检查 ${file}`, e, "检查工作簿").message;
  const counts = { error: 0, warning: 0, info: 0 };
  return options.json
    ? { stdout: JSON.stringify({ file, error: message, ...(internal ? { internal } : {}) }) + "\n", stderr: "", counts, unreadable: true, internal }
    : { stdout: "", stderr: `${message}\n`, counts, unreadable: true, internal };
}

/** Reads and checks one file; a file that cannot be read, or that the program fails on, is a result, never an exception. */
export async function checkFile(io: CliIo, file: string, options: CheckFileOptions): Promise<CheckFileResult> {
  try {
    const { snapshot } = await load(io, file);
    // The 情况说明's figures against the tables: a --narrative file, else (inside check) the workbook's own 情况说明 sheet.
    const narrative = options.narrative ? await narrativeSource(snapshot, options.narrative, io, (m) => new FileError(m)) : undefined;
    // As check(): the tables, then the text; the tables' model then serves the grouping and its fill plan too.
    const tables = checkTables(snapshot, { narrative });
    const result = withTextFindings(tables.result, tables.wb, snapshot, { narrative });
    if (!hasBudgetTable(result)) throw noTables(file);
    const grouped = groupFindings(snapshot, result, { narrative, wb: tables.wb });
    return { stdout: options.json ? jsonLine(file, result) : humanReport(file, result, grouped, options.narrative ? narrative?.source.name : undefined), stderr: "", counts: countSeverities(grouped.findings), unreadable: false };
  } catch (e) {
    return notChecked(file, e, options);
  }
}
