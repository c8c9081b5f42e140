// Office errors become messages a finance officer understands, with what to do next.

/** An error from the Excel side, already in plain Chinese. `code` keeps Office's code for support. */
export class AdapterError extends Error {
  readonly code: string;
  readonly hint: string;
  readonly debugInfo?: unknown;
  constructor(message: string, hint: string, code = "AdapterError", debugInfo?: unknown) {
    super(message);
    this.name = "AdapterError";
    this.code = code;
    this.hint = hint;
    this.debugInfo = debugInfo;
  }
  static is(e: unknown): e is AdapterError {
    return e instanceof AdapterError || (typeof e === "object" && e !== null && (e as AdapterError).name === "AdapterError");
  }
}

const BY_CODE: Record<string, [string, string]> = {
  InvalidOperationInCellEditMode: ["Excel 正处于单元格编辑状态，无法操作工作簿。", "请按 Enter 或 Esc 结束单元格编辑后再试。"],
  AccessDenied: ["Excel 拒绝了这次修改，工作表可能受保护或工作簿为只读。", "请在“审阅”选项卡中撤销工作表保护，或另存一份可编辑的副本后再试。"],
  WorksheetLocked: ["工作表受保护，无法写入。", "请在“审阅”选项卡中撤销工作表保护后再试。"],
  ItemNotFound: ["找不到要操作的工作表或单元格，可能已被重命名或删除。", "请重新点击“一键校验”后再试。"],
  InvalidArgument: ["Excel 不接受这次操作的参数。", "请重新点击“一键校验”后再试；如仍出现，请联系技术支持并提供错误代码。"],
  InvalidReference: ["单元格地址无效，可能工作表结构已改变。", "请重新点击“一键校验”后再试。"],
  RequestPayloadSizeLimitExceeded: ["一次写入的数据过多，超过了 Excel 的限制。", "请关闭其他工作簿后重试，或联系技术支持。"],
  ResponsePayloadSizeLimitExceeded: ["工作簿数据过多，超过了 Excel 一次能读取的限制。", "请删除工作表中远离表格的空白格式或多余内容后再试。"],
  ActivityLimitReached: ["Excel 暂时忙不过来。", "请稍等片刻后再试。"],
  RequestAborted: ["操作被中断。", "请再试一次。"],
  ServiceNotAvailable: ["Excel 服务暂时不可用。", "请检查网络（网页版 Excel）后再试。"],
  Conflict: ["其他人正在同时编辑这些单元格。", "请稍后再试。"],
  InactiveWorkbook: ["该工作簿当前不是活动窗口。", "请切换到此工作簿窗口后再试。"],
  ApiNotFound: ["当前的 Excel 版本不支持本加载项需要的功能。", "请升级到 Microsoft 365 或 Excel 2019 及以上版本，或使用网页版 Excel。"],
  NotImplemented: ["当前的 Excel 版本不支持本加载项需要的功能。", "请升级到 Microsoft 365 或 Excel 2019 及以上版本，或使用网页版 Excel。"],
  UnsupportedOperation: ["当前情况下 Excel 不支持这项操作。", "请确认没有打开对话框或筛选状态，然后再试。"],
  GeneralException: ["Excel 处理时出现了内部错误。", "请保存工作簿后再试；如仍出现，请重启 Excel。"],
};

function officeCode(e: unknown): string | null {
  if (typeof e !== "object" || e === null) return null;
  const any = e as { code?: unknown; name?: unknown; debugInfo?: unknown };
  if (typeof any.code === "string" && (any.debugInfo !== undefined || any.name === "RichApi.Error" || any.name === "OfficeExtension.Error")) return any.code;
  if (typeof OfficeExtension !== "undefined" && e instanceof OfficeExtension.Error) return e.code;
  return null;
}

/** Any thrown thing → AdapterError with a Chinese message. */
export function toAdapterError(e: unknown): AdapterError {
  if (AdapterError.is(e)) return e;
  const code = officeCode(e);
  if (code) {
    const [message, hint] = BY_CODE[code] ?? ["Excel 报告了一个错误。", "请保存工作簿后再试；如仍出现，请联系技术支持并提供错误代码。"];
    const dbg = (e as { debugInfo?: unknown }).debugInfo;
    return new AdapterError(message, hint, code, dbg);
  }
  const raw = e instanceof Error ? e.message : String(e);
  // A bug, not the user's doing: say so plainly and keep the technical text for support.
  return new AdapterError("操作没有完成：程序遇到了意外情况。", `请再试一次；如仍出现，请联系技术支持并提供以下信息：${raw}`, "Unexpected");
}

/** A message for the pane: what happened and what to do. */
export function userMessage(e: unknown): { message: string; hint: string; code: string } {
  const a = toAdapterError(e);
  return { message: a.message, hint: a.hint, code: a.code };
}
