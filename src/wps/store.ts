// What the add-in keeps with the workbook inside WPS (undo record, marks, edited templates, the ribbon's last check):
// the very hidden sheet "_预算公开助手", one entry a row (key | value), so it is saved with the file and survives
// closing the pane. Templates use the rows browser mode and the Excel host already read ("template:<id>" | source).
import type { DocumentStore } from "../excel/store";
import { STORE_SHEET } from "../host/workbook-host";
import { wpsCall } from "./errors";
import { XL_SHEET_VERY_HIDDEN, type EtWorkbook } from "./et-model";
import { SheetCache, blockRange, grid } from "./sheets";

/** A cell holds at most 32767 characters; longer values (a large undo record) continue in the next columns. */
export const CELL_CHUNK = 30_000;

export class SheetStore implements DocumentStore {
  constructor(private readonly workbook: () => EtWorkbook) {}

  /** Every entry, read afresh: the ribbon's page and the pane's page both write here. */
  entries(): Map<string, string> {
    const out = new Map<string, string>();
    const ws = new SheetCache(this.workbook()).find(STORE_SHEET);
    if (!ws) return out;
    const rows = wpsCall("读取加载项数据", () => grid(ws.UsedRange.Value2));
    for (const row of rows) {
      const [key, ...parts] = row;
      if (typeof key !== "string" || key === "") continue;
      out.set(key, parts.map((p) => (p === null || p === undefined ? "" : String(p))).join(""));
    }
    return out;
  }

  get<T>(key: string): T | null {
    const v = this.entries().get(key);
    if (v === undefined || v === "") return null;
    try {
      return JSON.parse(v) as T;
    } catch {
      return null; // edited by hand or cut off: treat as absent rather than fail the pane
    }
  }

  async set(key: string, value: unknown): Promise<void> {
    const all = this.entries();
    all.set(key, JSON.stringify(value));
    this.write(all);
  }

  async remove(key: string): Promise<void> {
    const all = this.entries();
    if (all.delete(key)) this.write(all);
  }

  /** Replaces the rows whose key starts with `prefix` by `values` (raw text, not JSON). */
  setRaw(prefix: string, values: Record<string, string>): void {
    const all = this.entries();
    for (const k of [...all.keys()]) if (k.startsWith(prefix)) all.delete(k);
    for (const [k, v] of Object.entries(values)) all.set(prefix + k, v);
    this.write(all);
  }

  private write(all: Map<string, string>): void {
    const cache = new SheetCache(this.workbook());
    let ws = cache.find(STORE_SHEET);
    if (!ws && all.size === 0) return;
    wpsCall("保存加载项数据", () => {
      if (!ws) {
        ws = cache.add(STORE_SHEET);
        ws.Visible = XL_SHEET_VERY_HIDDEN;
      } else ws.UsedRange.ClearContents();
      if (all.size === 0) return;
      const rows = [...all].map(([k, v]) => [k, ...chunks(v)]);
      const width = Math.max(...rows.map((r) => r.length));
      for (const r of rows) while (r.length < width) r.push("");
      const range = ws.Range(blockRange(0, 0, rows.length, width));
      range.NumberFormat = "@"; // text: "=…", "001" or "1.50" in a template stay exactly as written
      range.Value2 = rows;
    });
  }
}

function chunks(v: string): string[] {
  if (v.length <= CELL_CHUNK) return [v];
  const out: string[] = [];
  for (let i = 0; i < v.length; i += CELL_CHUNK) out.push(v.slice(i, i + CELL_CHUNK));
  return out;
}
