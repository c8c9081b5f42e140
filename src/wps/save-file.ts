// Saves an exported file through WPS: its own Save As dialog (next to the workbook by default), then its file system.
// A task pane in WPS cannot rely on <a download>: WPS's browser may drop it without a word.
import { AdapterError } from "../excel/office-errors";
import { wpsCall } from "./errors";
import type { EtWorkbook } from "./et-model";
import type { WpsEnvironment } from "./wps-host";

const FILTERS: Record<string, string> = { docx: "Word 文档 (*.docx),*.docx" };

/** One char per byte, as FileSystem.writeAsBinaryString takes it (built in slices: apply() has an argument limit). */
export function binaryString(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) parts.push(String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 0x8000))));
  return parts.join("");
}

/** The default path offered: the workbook's folder (with its own separator) when it has been saved. */
export function defaultPath(folder: string, fileName: string): string {
  if (!folder) return fileName;
  const sep = folder.includes("\\") ? "\\" : "/";
  return folder.endsWith(sep) ? folder + fileName : folder + sep + fileName;
}

export function saveBytes(env: WpsEnvironment, workbook: EtWorkbook, bytes: Uint8Array, fileName: string): string | null {
  const fs = env.fileSystem;
  if (!fs || typeof fs.writeAsBinaryString !== "function") {
    throw new AdapterError(
      "当前版本的 WPS 不允许加载项保存文件。",
      "请升级 WPS 到 2019 及以上版本；或在浏览器中打开本工作簿（浏览器模式）后导出，或在命令行运行 budget-disclosure export 工作簿.xlsx -o 预算公开.docx。",
      "NoFileSystem",
    );
  }
  const ext = fileName.replace(/^.*\./, "").toLowerCase();
  const folder = wpsCall("读取工作簿所在文件夹", () => workbook.Path || "");
  const chosen = wpsCall("打开“另存为”对话框", () => env.app.GetSaveAsFilename(defaultPath(folder, fileName), FILTERS[ext], 1, "保存导出的文件"));
  if (chosen === false || typeof chosen !== "string" || chosen === "") return null;
  const path = /\.[A-Za-z0-9]+$/.test(chosen) ? chosen : `${chosen}.${ext}`;
  const ok = wpsCall("写入文件", () => fs.writeAsBinaryString(path, binaryString(bytes)));
  if (ok === false) throw new AdapterError(`无法写入文件“${path}”。`, "请确认该文件没有在其他程序中打开、文件夹可以写入，然后换一个位置再试。", "WriteFailed");
  return path;
}
