// `budget-disclosure export <in.xlsx> -o <out.docx>`: the publishable disclosure as a Word document.
import { parseArgs } from "node:util";
import { extname } from "node:path";
import { budgetSubject } from "../core/facts";
import { readWorkbook } from "../core/model/read-workbook";
import { SEVERITY_LABEL } from "../core/findings";
import { findStyle, styleNames } from "../core/narrative/styles";
import { loadTemplates, TemplateError } from "./templates";
import { narrativeSource } from "./narrative-check";
import { FileError, load, sameFile } from "./files";
import type { CliIo } from "./node-io";
import { fileReason, SafeWriteError } from "./safe-write";
import { RenderError, renderDocx, rendererAvailable } from "./soffice";

const INSTALL_RENDERER = "Debian/Ubuntu：apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk";

const PROG = "budget-disclosure";

export const EXPORT_HELP = `用法：${PROG} export <输入.xlsx> -o <输出.docx> [--pdf 文件] [--style 样式] [--narrative 文件] [--templates 文件夹] [--force]

把部门预算信息公开导出为 Word 文档（.docx），按所选样式的公开格式：
  河北县级：封面、目录（含页码）、部门预算公开表一至九，以及情况说明一至十
            （含机构设置、项目绩效目标、政府采购、固定资产占用情况表）；
  上海区级：封面、目录、主要职能、机构设置、名词解释、预算编制说明，部门预算表 1 至 9
            （上海的顺序），以及其他相关情况说明。
单位预算（说明参数“预算类型”或表标题“预算单位…”）的封面、目录和表格标题写“单位预算”。
不指定 --style 时，按“说明参数”表的“说明样式”，没有时按表格格式（上海格式的表格导出为上海区级）。

情况说明的来源（按先后）：--narrative 指定的 .docx/.txt 文件；工作簿中的“情况说明”工作表；
都没有时按“说明参数”表和模板生成。

目录页码和续表：本机装有 LibreOffice（soffice）和 pdftotext 时，先排版一遍，按各标题实际所在的页写入
目录，并在长表实际分页处拆开，续页以“续表”和部门行开头；否则写入估算页码（Word 打开时提示更新域），
长表由 Word 在每页重复表头，不标“续表”。

校验有错误、或情况说明中有【缺少：…】时，不导出，只列出问题（退出码 1）；确认仍要导出时加 --force。
导出时更正的标点（半角括号、英文引号等）列在报告中。

选项：
  -o, --output <文件>    输出的 .docx 文件
  --pdf <文件>           同时输出 PDF（需要 LibreOffice）
  --style <样式>         ${styleNames()}：公开格式，以及按模板生成的情况说明的样式
  --narrative <文件>     使用已写好的情况说明（.docx 或 .txt）
  --templates <文件夹>   生成情况说明时用文件夹中同名的 .liquid 模板替换默认模板
  --estimate             不调用 LibreOffice，目录页码写入估算值
  --force                有错误或缺少内容时仍然导出；输出文件已存在时覆盖
`;

class ExportError extends Error {}

function args(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        help: { type: "boolean", short: "h" },
        output: { type: "string", short: "o" },
        narrative: { type: "string" },
        templates: { type: "string" },
        force: { type: "boolean" },
        pdf: { type: "string" },
        estimate: { type: "boolean" },
        style: { type: "string" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new ExportError(`参数有误：${e instanceof Error ? e.message : String(e)}\n运行 ${PROG} export --help 查看用法。`);
  }
}

async function renderOrFail(bytes: Uint8Array) {
  try {
    return await renderDocx(bytes);
  } catch (e) {
    if (e instanceof RenderError) throw new ExportError(`${e.message}\n可加 --estimate 跳过 LibreOffice 排版（目录页码写入估算值）。`);
    throw e;
  }
}

/** Writes through a temporary file beside the target, so a failed write never leaves half a file. */
async function writeReplacing(io: CliIo, target: string, bytes: Uint8Array): Promise<void> {
  // Beside the target, with its mode, removed on failure: the CLI's one safe writer.
  try {
    await io.fs.replaceFile(target, bytes);
  } catch (e) {
    throw new ExportError(e instanceof SafeWriteError ? e.message : `无法写入 ${target}：${fileReason(e)}`);
  }
}

/** Returns the exit code: 0 written, 1 stopped for errors or 【缺少】 (without --force), 2 bad arguments or unreadable input. */
export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = args(argv);
    if (values.help) {
      io.stdout(EXPORT_HELP);
      return 0;
    }
    if (positionals.length !== 1) throw new ExportError(`export 需要且只需要一个输入的 .xlsx 文件。\n运行 ${PROG} export --help 查看用法。`);
    const input = positionals[0];
    const output = values.output;
    if (!output) throw new ExportError(`请用 -o 指定输出的 .docx 文件，例如：${PROG} export ${input} -o 部门预算信息公开.docx`);
    if (extname(output).toLowerCase() !== ".docx") throw new ExportError(`输出文件应以 .docx 结尾：${output}`);
    if (values.style !== undefined && !findStyle(values.style)) throw new ExportError(`--style 只能是 ${styleNames()}，收到：${values.style}`);
    const pdfOut = values.pdf;
    if (pdfOut !== undefined && extname(pdfOut).toLowerCase() !== ".pdf") throw new ExportError(`PDF 文件应以 .pdf 结尾：${pdfOut}`);
    // Replacing the 情况说明 being read would lose the written text: never, not even with --force.
    if (values.narrative && (await sameFile(io, output, values.narrative))) throw new ExportError(`输出文件就是 --narrative 的情况说明：${output}。导出会覆盖写好的情况说明，未做任何改动；请换一个输出文件名。`);
    for (const target of [output, pdfOut]) if (target && (await io.fs.stat(target)) && !values.force) throw new ExportError(`文件已存在：${target}。为避免覆盖，未做任何改动；如确需覆盖，请加 --force。`);
    const render = !values.estimate && rendererAvailable();
    if (pdfOut && !render) throw new ExportError(values.estimate ? "--pdf 与 --estimate 不能同时使用。" : `输出 PDF 需要 LibreOffice 和 pdftotext：请先安装（${INSTALL_RENDERER}）。`);
    const problem = (await io.fs.inputProblem(input, " .xlsx ")) ?? (values.force ? (await io.fs.replaceProblem(output)) ?? (pdfOut ? await io.fs.replaceProblem(pdfOut) : null) : null);
    if (problem) throw new ExportError(problem);
    let loaded;
    try {
      loaded = await load(io, input); // as every command reads a workbook, and says why it cannot
    } catch (e) {
      if (e instanceof FileError) throw new ExportError(e.message);
      throw e;
    }
    const wb = readWorkbook(loaded.snapshot);
    if (!wb.t1 && !wb.t3) throw new ExportError(`${input} 中没有找到部门预算公开表（如“部门预算收支总表”），无法导出。`);
    const given = values.narrative ? await narrativeSource(loaded.snapshot, values.narrative, io, (m) => new ExportError(m)) : undefined;
    // The docx package is large: load it only when exporting, so that check and fill start fast. A plain
    // require: bin/ runs through tsx's CommonJS hook, where import() of a .ts path does not resolve.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { exportDisclosure, exportNeedsConfirmation, reportLines } = require("../docx/from-snapshot") as typeof import("../docx/from-snapshot");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { headingPages, rowBreaks } = require("../docx/pagination") as typeof import("../docx/pagination");
    let templates;
    try {
      templates = given ? undefined : loadTemplates(values.templates);
    } catch (e) {
      if (e instanceof TemplateError) throw new ExportError(e.message); // the user's folder, not a fault to report
      throw e;
    }
    const options = { narrativeText: given?.text, narrativeName: given?.source.name, templates, style: values.style };
    // Rendered, the first document is a measurement: its table rows are bookmarked so the pages they land on are known.
    let out = await exportDisclosure(loaded.snapshot, { ...options, measure: render });
    if (exportNeedsConfirmation(out.report) && !values.force) {
      const { errors, missing } = out.report;
      io.stderr(`未导出：${input} 有需要先处理的问题。\n${reportLines({ ...out.report, errors, missing, slips: [], pageNumbers: "rendered" }).join("\n")}\n处理后重新导出；确认仍要导出，请加 --force。\n`);
      return 1;
    }
    let pdf: Uint8Array | undefined;
    let unplaced: string[] = [];
    let moved: string[] = [];
    if (render) {
      // Lay the document out once, read the page each heading landed on, and write those numbers into the 目录; split
      // each long table where its pages start, each continuation marked 续表 (the split keeps every page as it was).
      // The 目录 is in the unnumbered front matter, so its numbers cannot move what follows.
      if (io.isTTY) io.stderr("正在用 LibreOffice 排版，以确定目录页码和续表…\n");
      const first = await renderOrFail(out.bytes);
      const pages = headingPages(first.pages, out.headings);
      const breaks = rowBreaks(first.destinations);
      unplaced = out.headings.filter((_, i) => pages[i] === undefined);
      out = await exportDisclosure(loaded.snapshot, { ...options, breaks, pages: unplaced.length ? undefined : (pages as number[]) });
      if (pdfOut) {
        const final = await renderOrFail(out.bytes);
        pdf = final.pdf;
        // The PDF is laid out again: say so if a heading moved off the page its 目录 entry names.
        if (!unplaced.length) {
          const now = headingPages(final.pages, out.headings);
          moved = out.headings.filter((_, i) => now[i] !== pages[i]);
        }
      }
    }
    await writeReplacing(io, output, out.bytes);
    if (pdfOut && pdf) await writeReplacing(io, pdfOut, pdf);
    // Findings that print a 【缺少】 are in the report's list already.
    for (const f of out.findings.filter((x) => !/【缺少/.test(x.message))) io.stderr(`[${SEVERITY_LABEL[f.severity]}] ${f.rule} — ${f.message}\n`);
    // The pane's note on estimated page numbers points to this command; here, say what would give the real ones.
    const lines = reportLines({ ...out.report, pageNumbers: "rendered" });
    if (!render && !values.estimate) lines.push(`本机没有 LibreOffice（soffice）和 pdftotext，目录页码为估算值；安装后重新导出即按实际排版写入（${INSTALL_RENDERER}）。`);
    if (unplaced.length) lines.push(`排版结果中未找到 ${unplaced.length} 个标题（${unplaced.slice(0, 3).join("、")}），目录页码为估算值。`);
    if (moved.length) lines.push(`PDF 中 ${moved.length} 个标题不在目录所写的页（${moved.slice(0, 3).join("、")}），请在 Word 中更新目录后重新输出 PDF。`);
    if (lines.length) io.stderr(`${lines.join("\n")}\n`);
    const source = { text: `情况说明取自 ${values.narrative}`, sheet: "情况说明取自工作簿的“情况说明”工作表", templates: "情况说明按说明参数生成" }[out.narrativeSource];
    const pagesNote = out.report.pageNumbers === "rendered" ? "目录页码按 LibreOffice 的实际排版写入" : "目录页码为估算值，在 Word 中打开时选择更新域即可更正";
    const subject = budgetSubject(wb);
    const contents = out.form === "上海区级" ? `上海区级格式：${subject}预算表 1 至 9 与预算编制说明等` : `河北县级格式：${subject}预算公开表一至九、情况说明`;
    io.stdout(`已导出 Word 文档：${output}${pdfOut ? ` 和 PDF：${pdfOut}` : ""}（${contents}；${source}；${pagesNote}）。\n`);
    return 0;
  } catch (e) {
    if (e instanceof ExportError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    const detail = (e as { code?: string }).code ? fileReason(e) : e instanceof Error ? e.message : String(e);
    io.stderr(`导出 ${argv.find((a) => !a.startsWith("-")) ?? ""} 失败：${detail}\n如果问题持续出现，请把这条信息和所用的文件一起反馈给维护人员。\n`);
    return 2;
  }
}
