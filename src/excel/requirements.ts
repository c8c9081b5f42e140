// The ExcelApi version the add-in needs is checked once at start-up.

/** 1.9: getCellProperties/setCellProperties (exact fills), getUsedRangeOrNullObject, suspendApiCalculationUntilNextSync. */
export const REQUIRED_EXCEL_API = "1.9";

export interface RequirementCheck {
  ok: boolean;
  message?: string;
  hint?: string;
}

let cached: RequirementCheck | null = null;

export function checkRequirements(isSetSupported: (name: string, version: string) => boolean = defaultIsSetSupported): RequirementCheck {
  if (cached) return cached;
  const ok = isSetSupported("ExcelApi", REQUIRED_EXCEL_API);
  cached = ok
    ? { ok }
    : {
        ok,
        message: `当前的 Excel 版本过旧，不支持本加载项（需要 ExcelApi ${REQUIRED_EXCEL_API}）。`,
        hint: "请升级到 Microsoft 365 或 Excel 2019 及以上版本，或改用网页版 Excel；也可以在浏览器中打开本页面，直接处理 .xlsx 文件。",
      };
  return cached;
}

/** True when the host supports the ExcelApi version (optional features: merged areas need 1.13). */
export function supportsExcelApi(version: string, isSetSupported: (name: string, version: string) => boolean = defaultIsSetSupported): boolean {
  return isSetSupported("ExcelApi", version);
}

/** For tests. */
export function resetRequirementCache(): void {
  cached = null;
}

function defaultIsSetSupported(name: string, version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported(name, version);
  } catch {
    return false;
  }
}
