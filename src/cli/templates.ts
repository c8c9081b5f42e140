// Narrative templates for the CLI: the defaults shipped with the engine, overlaid by a user's folder.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { TemplateSet } from "../core/narrative/render";
import { ALL_SECTION_IDS } from "../core/narrative/styles";
import { decodeText, isBinary } from "../docx/read-text";
import { fileReason, inputProblem } from "./safe-write";

/** The engine's default templates: next to the narrative renderer, or beside the bundled CLI (dist-cli/templates). */
export const DEFAULT_TEMPLATE_DIR = [join(__dirname, "..", "core", "narrative", "templates"), join(__dirname, "templates")].find((d) => existsSync(d)) ?? join(__dirname, "templates");

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

function liquidFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => extname(f).toLowerCase() === ".liquid" && !f.startsWith("."))
    .sort();
}

/** The user's files as their editor saved them (UTF-8, UTF-16, GBK); a file that cannot be read is named. */
function readTemplates(dir: string, names: string[]): TemplateSet {
  return Object.fromEntries(
    names.map((f) => {
      const path = join(dir, f);
      // A folder, a pipe (a read that never ends) or a huge file under a .liquid name: refused before reading.
      const problem = inputProblem(path, " .liquid 模板");
      if (problem) throw new TemplateError(problem);
      let data: Uint8Array;
      try {
        data = readFileSync(path);
      } catch (e) {
        throw new TemplateError(`无法读取模板 ${path}：${fileReason(e)}`);
      }
      // A binary file under a .liquid name would print as garbled text in the 情况说明.
      if (isBinary(data)) throw new TemplateError(`无法读取模板 ${path}：这不是文本文件。模板应是用记事本等文本编辑器保存的 .liquid 文件。`);
      return [basename(f, extname(f)), decodeText(data)];
    }),
  );
}

/**
 * Default templates (src/core/narrative/templates/*.liquid), with same-named files from `dir` replacing them.
 * A .liquid file in `dir` that replaces nothing is an error: a misspelt name would otherwise be ignored silently.
 */
export function loadTemplates(dir?: string, defaultDir = DEFAULT_TEMPLATE_DIR): TemplateSet {
  const defaults = existsSync(defaultDir) ? readTemplates(defaultDir, liquidFiles(defaultDir)) : {};
  if (!dir) return defaults;
  if (!existsSync(dir)) throw new TemplateError(`模板文件夹不存在：${dir}`);
  if (!statSync(dir).isDirectory()) throw new TemplateError(`--templates 应为模板文件夹，而 ${dir} 是一个文件：请给出存放 .liquid 模板的文件夹。`);
  let files: string[];
  try {
    files = liquidFiles(dir);
  } catch (e) {
    throw new TemplateError(`无法读取模板文件夹 ${dir}：${fileReason(e)}`);
  }
  const known = new Set<string>([...ALL_SECTION_IDS, ...Object.keys(defaults)]);
  const unknown = files.filter((f) => !known.has(basename(f, extname(f))));
  if (unknown.length) {
    const names = [...known].sort().map((n) => `${n}.liquid`).join("、");
    throw new TemplateError(
      `模板文件夹 ${dir} 中有无法识别的模板文件：${unknown.join("、")}。` +
        `只有与默认模板同名的文件才会替换默认模板，可用的文件名：${names}。`,
    );
  }
  return { ...defaults, ...readTemplates(dir, files) };
}
