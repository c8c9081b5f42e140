// Small helpers over the WPS object model: every call here crosses into WPS, so each is made once and kept.
import { a1 } from "../core/snapshot";
import { AdapterError } from "../excel/office-errors";
import { noWorkbook, wpsCall } from "./errors";
import type { EtApplication, EtCell, EtCells, EtSheets, EtWorkbook, EtWorksheet } from "./et-model";

/** Value2/Formula of one cell comes back as a value, of several as rows: always rows. */
export function grid(v: EtCells): EtCell[][] {
  return Array.isArray(v) ? v : [[v]];
}

/** "A1:C4" for a block of rows × cols starting at row/col (0-based). */
export function blockRange(row: number, col: number, rows: number, cols: number): string {
  const start = a1(row, col);
  return rows === 1 && cols === 1 ? start : `${start}:${a1(row + rows - 1, col + cols - 1)}`;
}

export function activeWorkbook(app: EtApplication): EtWorkbook {
  const wb = wpsCall("读取当前工作簿", () => app.ActiveWorkbook);
  if (!wb) throw noWorkbook();
  return wb;
}

/** The workbook's sheets by name, looked up as they are needed (one Item call per sheet). */
export class SheetCache {
  private readonly byName = new Map<string, EtWorksheet | null>();
  private sheetsObj: EtSheets | null = null;
  constructor(readonly workbook: EtWorkbook) {}

  get sheets(): EtSheets {
    return (this.sheetsObj ??= wpsCall("读取工作表列表", () => this.workbook.Worksheets));
  }

  /** The named sheet, or null when the workbook has none of that name. */
  find(name: string): EtWorksheet | null {
    if (!this.byName.has(name)) {
      let ws: EtWorksheet | null = null;
      try {
        ws = this.sheets.Item(name); // WPS throws for a missing name, as Excel's COM does
      } catch {
        ws = null;
      }
      this.byName.set(name, ws);
    }
    return this.byName.get(name) ?? null;
  }

  get(name: string): EtWorksheet {
    const ws = this.find(name);
    if (!ws) throw new AdapterError(`找不到工作表“${name}”，可能已被重命名或删除。`, "请重新点击“一键校验”后再试。", "ItemNotFound");
    return ws;
  }

  /** Adds a sheet after the last one without leaving it active (WPS activates a sheet it adds). */
  add(name: string): EtWorksheet {
    return wpsCall(`新建工作表“${name}”`, () => {
      const sheets = this.sheets;
      const active = this.workbook.ActiveSheet;
      const ws = sheets.Add(undefined, sheets.Item(sheets.Count));
      ws.Name = name;
      active?.Activate();
      this.byName.set(name, ws);
      return ws;
    });
  }
}
