// budget-disclosure: check, fill, narrative and init on .xlsx files. Arguments → core → text; errors as Chinese messages.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { basename, dirname, extname, join, resolve } from "node:path";
import { check } from "../core/check";
import { planFillWithNotes } from "../core/empty-notes";
import { previousYearProblem } from "../core/facts";
import { shownErrors, snapshotAfterFill } from "../core/group-findings";
import { fmtExact } from "../core/money";
import { textOrder } from "../core/order";
import { readWorkbook } from "../core/model/read-workbook";
import type { BudgetWorkbook } from "../core/model/types";
import type { NarrativeSection } from "../core/narrative/render";
import { findStyle, styleNames } from "../core/narrative/styles";
import { cellText, type WorkbookSnapshot } from "../core/snapshot";
import type { CellWrite, FillPlan } from "../core/plan";
import { workbookExtension } from "../xlsx/package";
import { writePlan } from "../xlsx/write-package";
import { internalError } from "../xlsx/errors";
import { loadTemplates, TemplateError } from "./templates";
import { exportCommand, EXPORT_HELP } from "./export-command";
import { nodeFs, nodeIo, type CliIo } from "./node-io";
import { FileError, hasBudgetTable, ioReason, load, noTables, sameFile, workbookError } from "./files";
import { checkFile, findingLine, type CheckFileOptions, type CheckFileResult } from "./check-file";
import { checkInPool, poolSize } from "./check-pool";
import { fileReason, SafeWriteError } from "./safe-write";
import { version } from "../../package.json";

export { findingLine };

const PROG = "budget-disclosure";

/** Wrong arguments: exit 2 with a hint to --help. */
class UsageError extends Error {}

const HELP: Record<string, string> = {
  main: `预算公开助手 ${version}：部门预算信息公开表的填充、勾稽校验与情况说明生成

用法：${PROG} <命令> [参数]

命令：
  check <文件.xlsx|文件夹>... [--json] [--narrative 文件]
                                               校验勾稽关系（及情况说明文字），按表列出错误、警告和提示
  fill <输入.xlsx> -o <输出.xlsx> [--json]      计算并填写各表的合计、小计，另存为新文件
  narrative <输入.xlsx> [--format text|md|json] [--templates 文件夹] [--style 样式] [--previous 上年.xlsx]
                                               生成情况说明（河北县级或上海区级样式）
  init <输出.xlsx> [--year 2024] [--dept "428 平乡县行政审批局"]
                                               生成一份空白的标准预算公开工作簿
  export <输入.xlsx> -o <输出.docx>             导出为 Word 文档（公开表一至九和情况说明）
  help [命令]                                  显示帮助

通用选项：
  -h, --help       显示帮助
  -v, --version    显示版本号

退出码：0 没有错误；1 发现错误（校验未通过）；2 文件无法读取或参数有误。

示例：
  ${PROG} check 平乡县行政审批局-2024年部门预算.xlsx
  ${PROG} check 预算公开表/ --json > 结果.jsonl
  ${PROG} fill 预算.xlsx -o 预算-已填充.xlsx
  ${PROG} narrative 预算.xlsx --format md > 情况说明.md
  ${PROG} init 新部门.xlsx --year 2025 --dept "428 平乡县行政审批局"
`,
  check: `用法：${PROG} check <文件.xlsx|文件夹>... [--json] [--narrative 文件]

校验一个或多个工作簿。给出文件夹时检查其中（含子文件夹）的 .xlsx、.xlsm 工作簿，旧版 .xls、WPS 的 .et、.ods 和 .xlsb 文件列出并说明要另存为 .xlsx；跳过 Excel 的临时文件（~$ 开头）。
工作簿中有“情况说明”工作表时，同时核对说明文字中的数字与各表是否一致。
默认输出按表分组的报告；每条问题一行：[错误] 表名 单元格 规则 — 说明。

选项：
  --json               每个工作簿输出一行 JSON：{"file","unit","tables","findings"}；无法读取的文件输出 {"file","error"}，
                       因本工具内部错误未能检查的文件另加 "internal": true
  --narrative <文件>   用这份已写好的情况说明（.docx 或 .txt）核对文字（只能检查一个工作簿）

退出码：0 没有错误；1 至少一个工作簿有错误；2 有文件无法读取或未能检查、或参数有误（其余文件照常检查）。
`,
  fill: `用法：${PROG} fill <输入.xlsx> -o <输出.xlsx> [--force] [--json]
      ${PROG} fill <输入.xlsx> --in-place

计算各表的类/款/项小计、合计行和行合计，写入副本；格式、合并单元格和其他工作表保持不变。
逐个列出改动的单元格（旧值 → 新值），替换了原有数值的标注“替换原值”；
与分项之和的差在四舍五入尾差以内的合计保留原值。

选项：
  -o, --output <文件>   输出文件（不会修改输入文件）
  --force               输出文件已存在时覆盖
  --in-place            直接修改输入文件（先写临时文件再替换）
  --json                以 JSON 输出改动清单
`,
  narrative: `用法：${PROG} narrative <输入.xlsx> [--format text|md|json] [--templates 文件夹] [--style 样式] [--previous 上年.xlsx]

根据各表数据和“说明参数”表生成情况说明。文中每个数字都取自读到的表格或说明参数；
读不到的内容写作【缺少：…】，并在标准错误输出中说明缺什么、在哪里补。

选项：
  --format text|md|json   输出格式：纯文本（默认）、Markdown 或 JSON
  --templates <文件夹>    用文件夹中同名的 .liquid 模板替换默认模板（如 s02.liquid）
  --style <样式>          河北县级（情况说明一至十）或上海区级（预算编制说明和其他相关情况说明）；
                          默认取说明参数“说明样式”，没有时按表格格式选择
  --previous <上年.xlsx>  上年的预算公开工作簿：上年预算总额、基本支出、项目支出、“三公”经费和各科目数
                          取自该文件；说明参数中填写的上年数与之不一致时给出警告；
                          其预算年度须为本年减一（两者年度都可知时）

退出码：0 说明完整；1 文中有【缺少：…】或模板有错误；2 文件无法读取、参数有误、上年工作簿不是上一年的或没有读到任何预算公开表。
`,
  export: EXPORT_HELP,
  init: `用法：${PROG} init <输出.xlsx> [--year 年度] [--dept "编码 部门名称"] [--force]

生成一份空白的标准预算公开工作簿：全部公开表（含固定行、表头和栏次）以及“说明参数”表。

选项：
  --year <年度>     预算年度，默认为明年
  --dept <部门>     部门编码和名称，如 "428 平乡县行政审批局"，默认 "000 部门名称"
  --force           输出文件已存在时覆盖
`,
};

const COMMON = { help: { type: "boolean", short: "h" } } as const;

function parse<O extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const code = (e as { code?: string }).code;
    const opt = /'([^']+)'/.exec(msg)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`未知选项：${opt}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new UsageError(`选项 ${opt.replace(/ <value>$/, "")} 的参数不正确（可能缺少取值）`);
    throw new UsageError(`参数有误：${msg}`);
  }
}

/** Writes bytes through a temporary file beside the target (see safe-write.ts); refusals and failures are FileErrors. */
async function writeAtomic(io: CliIo, path: string, bytes: Uint8Array): Promise<void> {
  try {
    await io.fs.replaceFile(path, bytes);
  } catch (e) {
    throw new FileError(e instanceof SafeWriteError ? e.message : `无法写入 ${path}：${fileReason(e)}`);
  }
}

/**
 * A command's work on one input file: a bug met on the way is said to be one, naming the file ("无法填充 a.xlsx：…"),
 * never "处理失败" with the raw message. FileErrors (already naming their file) pass as they are.
 */
async function onFile<T>(what: string, doing: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw e instanceof UsageError || e instanceof TemplateError ? e : workbookError(what, e, doing);
  }
}

// ---------- check ----------

/**
 * What a folder check takes: the workbooks the reader opens (.xlsx, and .xlsm, which some departments save), and the
 * spreadsheets it cannot (old .xls, WPS's .et, .ods, .xlsb), which are reported (save as .xlsx) and counted rather than
 * left out of a bureau's batch without a word.
 */
const FOLDER_EXTENSIONS = new Set([".xlsx", ".xlsm", ".xls", ".et", ".ods", ".xlsb"]);

/** Files named on the command line, folders expanded to their workbooks (recursively, lock files skipped). */
async function expandInputs(io: CliIo, inputs: string[]): Promise<{ files: string[]; folder: boolean; unreadable: string[] }> {
  const files: string[] = [];
  // A folder that cannot be listed is said and counted, as an unreadable file is; the other folders are still checked.
  const unreadable: string[] = [];
  let folder = false;
  const visited = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    // A link back to a folder above would loop for ever: each real folder is walked once.
    const real = io.fs.realpath ? await io.fs.realpath(dir).catch(() => resolve(dir)) : resolve(dir);
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = await io.fs.readDir(dir);
    } catch (e) {
      unreadable.push(`无法读取文件夹 ${dir}：${fileReason(e)}`);
      return;
    }
    for (const e of entries.sort((a, b) => textOrder(a.name, b.name))) {
      if (e.name.startsWith(".")) continue;
      const p = join(dir, e.name);
      if (e.isDirectory) await walk(p);
      // Not only regular files: a pipe or a device under a workbook's name is reported when read, not passed over
      // (a link that leads nowhere or in a loop is skipped).
      else if (!e.broken && FOLDER_EXTENSIONS.has(extname(e.name).toLowerCase()) && !e.name.startsWith("~$")) files.push(p);
    }
  };
  for (const input of inputs) {
    const st = await io.fs.stat(input);
    if (st?.isDirectory) {
      folder = true;
      const before = files.length + unreadable.length;
      await walk(input);
      if (files.length + unreadable.length === before) io.stderr(`提示：文件夹 ${input} 中没有工作簿（.xlsx、.xlsm 或 .xls）。\n`);
    } else {
      files.push(input); // a missing file is reported when it is read, without stopping the batch
    }
  }
  // The same file named twice (inside two given folders, or again through a symbolic link) is checked and counted once.
  const seen = new Set<string>();
  const once: string[] = [];
  for (const f of files) {
    const key = io.fs.realpath ? await io.fs.realpath(f).catch(() => resolve(f)) : resolve(f);
    if (!seen.has(key)) once.push(f);
    seen.add(key);
  }
  return { files: once, folder, unreadable };
}

async function cmdCheck(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: "boolean" }, narrative: { type: "string" } });
  if (values.help) return help(io, "check");
  if (positionals.length === 0) throw new UsageError("check 需要至少一个 .xlsx 文件或文件夹。");
  const { files, folder, unreadable } = await expandInputs(io, positionals);
  if (values.narrative && (files.length !== 1 || folder)) throw new UsageError("--narrative 只能与一个工作簿文件一起使用。");
  if (files.length === 0) throw new FileError(unreadable.length ? unreadable.join("\n") : "没有找到要检查的工作簿（.xlsx、.xlsm 或 .xls）。");
  const sum = { files: files.length, error: 0, warning: 0, info: 0, unreadable: 0, internal: 0, failed: 0 };
  for (const message of unreadable) io.stderr(`${message}\n`);
  const progress = io.isTTY && files.length > 1;
  const record = (file: string, r: CheckFileResult) => {
    if (progress) io.stderr("\r\x1b[K");
    if (r.unreadable) {
      sum.unreadable++;
      if (r.internal) sum.internal++;
    } else {
      sum.error += r.counts.error;
      sum.warning += r.counts.warning;
      sum.info += r.counts.info;
      if (r.counts.error > 0) sum.failed++;
    }
    if (r.stdout) io.stdout(r.stdout);
    if (r.stderr) io.stderr(r.stderr);
  };
  const options: CheckFileOptions = { json: Boolean(values.json), narrative: values.narrative };
  const threads = io.fs === nodeFs ? poolSize(files.length) : 1;
  if (threads > 1) {
    // Every core checks files; results come back, and are printed, in the order of the files.
    await checkInPool(files, options, threads, (file) => checkFile(io, file, options), (i, r) => {
      record(files[i], r);
      if (progress && i + 1 < files.length) io.stderr(`\r\x1b[K已检查 [${i + 1}/${files.length}]`);
    });
  } else {
    for (const [i, file] of files.entries()) {
      if (progress) io.stderr(`\r\x1b[K正在检查 [${i + 1}/${files.length}] ${file}`);
      record(file, await checkFile(io, file, options));
    }
  }
  if (files.length > 1 || folder) {
    const line =
      `汇总：共 ${sum.files} 个文件，${sum.failed} 个有错误；错误 ${sum.error} 个，警告 ${sum.warning} 个，` +
      `提示 ${sum.info} 个；无法读取 ${sum.unreadable} 个${sum.internal ? `（其中 ${sum.internal} 个因本工具的内部错误未能检查，请反馈给维护人员）` : ""}${unreadable.length ? `；另有 ${unreadable.length} 个文件夹无法读取` : ""}。\n`;
    if (values.json) io.stderr(line);
    else io.stdout(line);
  }
  return sum.unreadable + unreadable.length > 0 ? 2 : sum.error > 0 ? 1 : 0;
}

// ---------- fill ----------

function oldText(w: CellWrite): string {
  if (w.oldFormula) return w.oldFormula;
  const t = cellText(w.oldValue);
  return t === "" ? "（空）" : t;
}

const WORKBOOK_KIND: Record<string, string> = { ".xlsx": "工作簿", ".xlsm": "启用宏的工作簿", ".xltx": "工作簿模板", ".xltm": "启用宏的工作簿模板" };

/**
 * Reads the workbook, plans the fill and writes it; returns the plan and the tables as filled. The model, the
 * package and the written bytes end with this call, before the filled tables are checked (a 50,000-row fill).
 */
async function fillFile(io: CliIo, input: string, output: string, inPlace: boolean): Promise<{ plan: FillPlan; filled: WorkbookSnapshot }> {
  const { snapshot, pkg, bytes } = await load(io, input);
  // Excel and WPS open no package without its content types: a filled copy would be as unreadable as this one.
  if (!pkg.zip.has("[Content_Types].xml")) {
    throw new FileError(`无法填充 ${input}：文件缺少 [Content_Types].xml 部件，已损坏或不完整，Excel、WPS 和 LibreOffice 都打不开（填充后也一样）。请重新获取原文件（例如从预算系统重新导出）。未做任何改动。`);
  }
  // Excel and WPS refuse a file whose name does not match its kind (an .xlsm saved as .xlsx, a workbook as .docx).
  const want = inPlace ? null : workbookExtension(pkg);
  if (want && extname(output).toLowerCase() !== want) {
    throw new UsageError(`输出文件 ${output} 应以 ${want} 结尾：${input} 是${WORKBOOK_KIND[want]}，扩展名不符时 Excel 和 WPS 无法打开。未做任何改动。`);
  }
  // The tables are read once, for the test and the plan (a check of the unfilled tables would be thrown away).
  const wb = readWorkbook(snapshot);
  if (!hasBudgetTable(wb)) throw noTables(input);
  const plan = planFillWithNotes(snapshot, wb);
  let written;
  try {
    written = writePlan(pkg, plan, { originals: false });
  } catch (e) {
    // Named as a read error is, with the output not written: never "处理失败" without the file.
    throw workbookError(`无法填充 ${input}${inPlace ? "" : `（未生成 ${output}）`}`, e, "写入填充结果");
  }
  // Nothing to change: the file is left as it is (a copy when an output file was asked for).
  if (written) await writeAtomic(io, output, written.bytes);
  else if (!inPlace) await writeAtomic(io, output, bytes);
  return { plan, filled: snapshotAfterFill(snapshot, plan) };
}

async function cmdFill(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    output: { type: "string", short: "o" },
    json: { type: "boolean" },
    "in-place": { type: "boolean" },
    force: { type: "boolean" },
  });
  if (values.help) return help(io, "fill");
  if (positionals.length !== 1) throw new UsageError("fill 需要且只需要一个输入文件。");
  const input = positionals[0];
  const inPlace = Boolean(values["in-place"]);
  if (inPlace && values.output) throw new UsageError("--in-place 与 -o 不能同时使用。");
  if (!inPlace && !values.output) throw new UsageError("请用 -o <输出.xlsx> 指定输出文件（或用 --in-place 直接修改输入文件）。");
  const output = inPlace ? input : values.output!;
  // The same file under another name too (a hard or symbolic link): --force must not turn -o into --in-place.
  if (!inPlace && (await sameFile(io, output, input))) {
    throw new UsageError(`输出文件与输入文件相同：${output}。如需直接修改原文件，请使用 --in-place。`);
  }
  const existing = inPlace ? null : await io.fs.stat(output);
  if (existing?.isDirectory) throw new FileError(`无法写入 ${output}：这是一个文件夹。-o 应给出输出文件名，例如 ${join(output, basename(input))}。未做任何改动。`);
  if (existing && !values.force) {
    throw new FileError(`输出文件已存在：${output}。为避免覆盖，未做任何改动；如确需覆盖，请加 --force。`);
  }
  // Refuse a read-only or open file before any work, not after.
  const refusal = inPlace || values.force ? await io.fs.replaceProblem(output) : null;
  if (refusal) throw new FileError(refusal);
  const { plan, filled } = await onFile(`无法填充 ${input}`, "填充合计", () => fillFile(io, input, output, inPlace));
  const notes = plan.notes ?? [];
  const after = check(filled);
  // Counted as `check` reports them (findings of one cause are one error there), so the commands agree.
  const errors = shownErrors(filled, after).length;
  if (values.json) {
    io.stdout(
      JSON.stringify({
        file: input,
        output,
        writes: plan.writes.map((w) => ({
          sheet: w.sheet,
          cell: w.cell,
          table: w.table,
          label: w.label,
          old: w.oldFormula ?? w.oldValue,
          new: fmtExact(w.newValue),
          replaces: w.replaces,
        })),
        notes: notes.map((n) => ({ sheet: n.sheet, cell: n.cell, table: n.table, old: n.oldValue, new: n.newValue })),
        left: (plan.findings ?? []).map((f) => ({ rule: f.rule, sheet: f.sheet, cell: f.cell, related: f.related, message: f.message })),
        recalculateOnOpen: Boolean(plan.recalculateOnOpen),
        errorsAfterFill: errors,
      }) + "\n",
    );
  } else {
    if (plan.writes.length === 0 && notes.length === 0) io.stdout(inPlace ? `无需填充：各表的合计与小计都已正确，文件未改动。\n` : `无需填充：各表的合计与小计都已正确。已写入 ${output}。\n`);
    else io.stdout(`已填充 ${plan.writes.length} 个单元格${notes.length ? `，改动 ${notes.length} 条表下的注` : ""}，写入 ${output}：\n`);
    for (const w of plan.writes) {
      const mark = w.replaces ? "（替换原值）" : "";
      io.stdout(`  ${w.table} ${w.cell}: ${oldText(w)} → ${fmtExact(w.newValue)}${mark}  ${w.label}\n`);
    }
    for (const n of notes) io.stdout(n.newValue ? `  ${n.table} ${n.cell}: 添加“${n.newValue}”（本表没有数据）\n` : `  ${n.table} ${n.cell}: 删除“${cellText(n.oldValue)}”（本表已有数据）\n`);
    const replaced = plan.writes.filter((w) => w.replaces).length;
    if (replaced > 0) io.stdout(`其中 ${replaced} 个单元格替换了原有数值，请核对。\n`);
    const left = plan.findings ?? [];
    if (left.length > 0) {
      io.stdout(`以下 ${left.length} 处未填充（保持原值），请按提示处理后再运行 fill：\n`);
      for (const f of left) io.stdout(`  ${findingLine(f, f.table ?? f.sheet)}\n`);
    }
    if (plan.recalculateOnOpen) io.stdout("工作簿中有公式：已设置为在 Excel 或 WPS 中打开时重新计算，请打开后保存一次。\n");
    if (errors > 0) io.stdout(`填充后仍有 ${errors} 个错误（多为明细数据本身的问题），请运行 ${PROG} check ${output} 查看。\n`);
  }
  return errors > 0 ? 1 : 0;
}

// ---------- narrative ----------

function narrativeText(sections: NarrativeSection[], format: "text" | "md"): string {
  const out: string[] = [];
  for (const s of sections) {
    if (s.title) out.push(format === "md" ? `${s.id === "title" ? "#" : "##"} ${s.title}` : s.title);
    if (format === "md" && s.title) out.push("");
    for (const p of s.paragraphs) out.push(format === "md" ? `${p}\n` : p);
    out.push("");
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

async function cmdNarrative(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: "string" }, templates: { type: "string" }, style: { type: "string" }, previous: { type: "string" } });
  if (values.help) return help(io, "narrative");
  if (positionals.length !== 1) throw new UsageError("narrative 需要且只需要一个输入文件。");
  const format = values.format ?? "text";
  if (format !== "text" && format !== "md" && format !== "json") throw new UsageError(`--format 只能是 text、md 或 json，收到：${format}`);
  if (values.style !== undefined && !findStyle(values.style)) throw new UsageError(`--style 只能是 ${styleNames()}，收到：${values.style}`);
  const templates = loadTemplates(values.templates);
  const result = await onFile(`无法为 ${positionals[0]} 生成情况说明`, "生成情况说明", async () => {
    const { snapshot } = await load(io, positionals[0]);
    let previous: BudgetWorkbook | undefined;
    if (values.previous) {
      previous = readWorkbook((await load(io, values.previous)).snapshot);
      if (!previous.tables.some((t) => t.key !== "PARAMS")) throw noTables(values.previous);
    }
    const wb = readWorkbook(snapshot);
    const wrongYear = previous && previousYearProblem(wb, positionals[0], previous, values.previous!);
    if (wrongYear) throw new FileError(`无法为 ${positionals[0]} 生成情况说明：${wrongYear}`);
    // LiquidJS and the renderer (dist-cli/narrative.cjs) are loaded by this command only: they were a third of the
    // bundle every command loads.
    const { renderNarrativeWorkbook } = require("../core/narrative/render") as typeof import("../core/narrative/render");
    return renderNarrativeWorkbook(wb, templates, { style: values.style, previous });
  });
  if (result.nothingRead) throw noTables(positionals[0]);
  if (format === "json") io.stdout(JSON.stringify({ file: positionals[0], style: result.style, missing: result.missing, sections: result.sections, findings: result.findings }, null, 2) + "\n");
  else io.stdout(narrativeText(result.sections, format));
  for (const f of result.findings) io.stderr(findingLine(f, f.table ?? f.sheet) + "\n");
  if (result.missing) io.stderr(`情况说明中有 ${result.missing} 处【缺少：…】，补充后重新生成。\n`);
  return result.missing || result.findings.some((f) => f.severity === "error") ? 1 : 0;
}

// ---------- init ----------

async function cmdInit(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { year: { type: "string" }, dept: { type: "string" }, force: { type: "boolean" } });
  if (values.help) return help(io, "init");
  if (positionals.length !== 1) throw new UsageError("init 需要且只需要一个输出文件名。");
  const out = positionals[0];
  if (extname(out).toLowerCase() !== ".xlsx") throw new UsageError(`输出文件应以 .xlsx 结尾：${out}`);
  const year = values.year ?? String(io.now().getFullYear() + 1);
  // A budget year, not any four digits (0000 made a workbook titled 0000年).
  if (!/^\d{4}$/.test(year) || +year < 2000 || +year > 2100) throw new UsageError(`--year 应为四位年份（2000 到 2100），如 2025，收到：${year}`);
  const dept = (values.dept ?? "000 部门名称").trim();
  if (!dept) throw new UsageError("--dept 不能为空，例如 --dept \"428 平乡县行政审批局\"。");
  if ((await io.fs.stat(out)) && !values.force) throw new FileError(`文件已存在：${out}。为避免覆盖，未做任何改动；如确需覆盖，请加 --force。`);
  // ExcelJS builds the workbook: loaded only here (a separate file in the bundled CLI).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { blankWorkbook } = require("./init-workbook") as typeof import("./init-workbook");
  await writeAtomic(io, out, await blankWorkbook(year, dept));
  io.stdout(`已生成空白预算公开工作簿：${out}（${year} 年，${dept}）。在各表中填写明细数据和说明参数（“项目绩效目标表1”是空白样表，每个项目复制一张），再运行 ${PROG} fill 填充合计、${PROG} check 检查。\n`);
  return 0;
}

// ---------- dispatch ----------

function help(io: CliIo, topic = "main"): number {
  io.stdout(HELP[topic] ?? HELP.main);
  return 0;
}

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  check: cmdCheck,
  fill: cmdFill,
  narrative: cmdNarrative,
  init: cmdInit,
  export: exportCommand,
};

/** Runs the CLI; returns the exit code. Never throws: every failure becomes a Chinese message on stderr. */
export async function run(argv: string[], io: CliIo = nodeIo()): Promise<number> {
  try {
    const [cmd, ...rest] = argv;
    if (cmd === undefined || cmd === "-h" || cmd === "--help") return help(io);
    if (cmd === "help") {
      if (rest[0] && !HELP[rest[0]]) throw new UsageError(`没有这个命令：${rest[0]}`);
      return help(io, rest[0]);
    }
    if (cmd === "-v" || cmd === "--version") {
      io.stdout(`${PROG} ${version}\n`);
      return 0;
    }
    const command = COMMANDS[cmd];
    if (!command) throw new UsageError(cmd.startsWith("-") ? `未知选项：${cmd}` : `没有这个命令：${cmd}`);
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n运行 ${PROG} --help 查看用法。\n`);
      return 2;
    }
    if (e instanceof FileError || e instanceof TemplateError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    io.stderr(`处理失败：${internalError(e, "执行命令").message}\n`);
    return 2;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
