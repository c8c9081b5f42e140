// `budget-disclosure export <in.xlsx> -o <out.docx>`: the publishable disclosure as a Word document.
import { parseArgs } from "node:util";
import { basename, extname } from "node:path";
import { readWorkbook } from "../core/model/read-workbook";
import { SEVERITY_LABEL } from "../core/findings";
import { readSnapshot, XlsxReadError } from "../xlsx/read-snapshot";
import { loadTemplates } from "./templates";
import { narrativeSource } from "./narrative-check";
import type { CliIo } from "./node-io";
import { fileReason, SafeWriteError } from "./safe-write";

const PROG = "budget-disclosure";

export const EXPORT_HELP = `用法：${PROG} export <输入.xlsx> -o <输出.docx> [--narrative 文件] [--templates 文件夹] [--force]

把部门预算信息公开导出为 Word 文档（.docx）：封面、目录（含页码）、部门预算公开表一至九，
以及情况说明一至十（含机构设置、项目绩效目标、政府采购、固定资产占用情况表）。

情况说明的来源（按先后）：--narrative 指定的 .docx/.txt 文件；工作簿中的“情况说明”工作表；
都没有时按“说明参数”表和模板生成。

选项：
  -o, --output <文件>    输出的 .docx 文件
  --narrative <文件>     使用已写好的情况说明（.docx 或 .txt）
  --templates <文件夹>   生成情况说明时用文件夹中同名的 .liquid 模板替换默认模板
  --force                输出文件已存在时覆盖
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
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new ExportError(`参数有误：${e instanceof Error ? e.message : String(e)}\n运行 ${PROG} export --help 查看用法。`);
  }
}

/** Returns the exit code: 0 written, 2 bad arguments or unreadable input. Messages in Chinese on stderr. */
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
    if ((await io.fs.stat(output)) && !values.force) throw new ExportError(`文件已存在：${output}。为避免覆盖，未做任何改动；如确需覆盖，请加 --force。`);
    const problem = (await io.fs.inputProblem(input, " .xlsx ")) ?? (values.force ? await io.fs.replaceProblem(output) : null);
    if (problem) throw new ExportError(problem);
    let loaded;
    try {
      loaded = await readSnapshot(await io.fs.readFile(input), basename(input));
    } catch (e) {
      if (XlsxReadError.is(e)) throw new ExportError(`无法读取 ${input}：${e.message}`);
      if ((e as { code?: string }).code) throw new ExportError(`无法读取 ${input}：${fileReason(e)}`);
      throw e;
    }
    const wb = readWorkbook(loaded.snapshot);
    if (!wb.t1 && !wb.t3) throw new ExportError(`${input} 中没有找到部门预算公开表（如“部门预算收支总表”），无法导出。`);
    const given = values.narrative ? await narrativeSource(loaded.snapshot, values.narrative, io, (m) => new ExportError(m)) : undefined;
    // The docx package is large: load it only when exporting, so that check and fill start fast. A plain
    // require: bin/ runs through tsx's CommonJS hook, where import() of a .ts path does not resolve.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { exportDisclosure } = require("../docx/from-snapshot") as typeof import("../docx/from-snapshot");
    const { bytes, findings, narrativeSource: from } = await exportDisclosure(loaded.snapshot, {
      narrativeText: given?.text,
      templates: given ? undefined : loadTemplates(values.templates),
    });
    try {
      await io.fs.replaceFile(output, bytes);
    } catch (e) {
      throw new ExportError(e instanceof SafeWriteError ? e.message : `无法写入 ${output}：${fileReason(e)}`);
    }
    for (const f of findings) io.stderr(`[${SEVERITY_LABEL[f.severity]}] ${f.rule} — ${f.message}\n`);
    const source = { text: `情况说明取自 ${values.narrative}`, sheet: "情况说明取自工作簿的“情况说明”工作表", templates: "情况说明按说明参数生成" }[from];
    io.stdout(`已导出 Word 文档：${output}（部门预算公开表一至九、情况说明一至十；${source}）。打开后如目录页码与正文不符，可在目录上右键“更新域”。\n`);
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
