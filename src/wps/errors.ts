// WPS reports a refused call as a plain exception (often with English or empty text): say what it means and what to do.
import { AdapterError } from "../excel/office-errors";

const HINT = "请按 Enter 或 Esc 结束单元格编辑，确认工作表没有受保护、工作簿不是只读，然后再试；如仍出现，请保存工作簿后重启 WPS。";

/** Runs one step against WPS; anything WPS throws becomes an AdapterError with a Chinese message (code "WpsError"). */
export function wpsCall<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (AdapterError.is(e)) throw e;
    const raw = e instanceof Error ? e.message : String(e);
    throw new AdapterError(`WPS 表格没有完成这次操作（${what}）。`, HINT, "WpsError", raw);
  }
}

export function noWorkbook(): AdapterError {
  return new AdapterError("WPS 表格中没有打开的工作簿。", "请先打开部门预算公开工作簿，再点击“预算公开助手”。", "NoWorkbook");
}
