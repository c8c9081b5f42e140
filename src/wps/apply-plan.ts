// Writes a fill plan into WPS with screen updating, calculation and events off, one range write per contiguous
// block, and keeps what it replaced (in the workbook) for 撤销填充.
import type { FillPlan } from "../core/plan";
import type { CellRef } from "../core/findings";
import { a1 } from "../core/snapshot";
import { restoreValue, samePlannedOld, splitUndo } from "../excel/apply-plan";
import { cellItem, planItems, toBlocks } from "../excel/blocks";
import { STORE_KEYS, type DocumentStore } from "../excel/store";
import type { ApplyResult, UndoCell, UndoRecord, UndoResult } from "../host/workbook-host";
import { wpsCall } from "./errors";
import { XL_CALCULATION_MANUAL, type EtApplication, type EtCell, type EtWorkbook } from "./et-model";
import { errorText } from "./read-snapshot";
import { SheetCache, grid } from "./sheets";

/** Runs `step` with WPS's screen updating, automatic calculation and events off, and puts them back after. */
export function withUpdatesOff<T>(app: EtApplication, step: () => T): T {
  const saved = wpsCall("暂停屏幕刷新和自动计算", () => {
    const s = { screen: app.ScreenUpdating, calc: app.Calculation, events: app.EnableEvents };
    app.ScreenUpdating = false;
    app.Calculation = XL_CALCULATION_MANUAL;
    app.EnableEvents = false;
    return s;
  });
  try {
    return step();
  } finally {
    wpsCall("恢复屏幕刷新和自动计算", () => {
      app.Calculation = saved.calc; // back to automatic: WPS recalculates the totals once, now
      app.EnableEvents = saved.events;
      app.ScreenUpdating = saved.screen;
    });
  }
}

/** Office.js's valueTypes for a Value2 item, so the Excel host's undo logic serves here unchanged. */
function cellType(v: EtCell): { value: unknown; type: string } {
  if (v === null || v === undefined || v === "") return { value: "", type: "Empty" };
  const err = errorText(v);
  if (err) return { value: err, type: "Error" };
  if (typeof v === "string") return { value: v, type: "String" };
  if (typeof v === "boolean") return { value: v, type: "Boolean" };
  return { value: v, type: "Double" };
}

export function applyPlan(app: EtApplication, workbook: EtWorkbook, plan: FillPlan, store: DocumentStore): Promise<ApplyResult> {
  const notes = plan.notes ?? [];
  if (plan.writes.length === 0 && notes.length === 0) return Promise.resolve({ written: 0, syncs: 0, changedSincePreview: [] });
  const planned = new Map(plan.writes.map((w) => [`${w.sheet}!${w.cell}`, w]));
  const blocks = toBlocks(planItems(plan));
  const sheets = new SheetCache(workbook);
  const undo: UndoCell[] = [];
  const changedSincePreview: CellRef[] = [];
  let writes = 0;
  const save = () => store.set(STORE_KEYS.undo, { version: 1, at: new Date().toISOString(), cells: undo } satisfies UndoRecord);
  try {
    withUpdatesOff(app, () => {
      for (const block of blocks) {
        wpsCall(`写入 ${block.sheet}!${block.address}`, () => {
          const range = sheets.get(block.sheet).Range(block.address);
          const formulas = grid(range.Formula);
          const values = grid(range.Value2);
          range.Value2 = block.values;
          writes++;
          block.values.forEach((row, r) =>
            row.forEach((written, c) => {
              const cell = a1(block.row + r, block.col + c);
              const f = formulas[r]?.[c];
              const { value, type } = cellType(values[r]?.[c]);
              const w = planned.get(`${block.sheet}!${cell}`);
              if (w && !samePlannedOld(w, f, value, type)) changedSincePreview.push({ sheet: block.sheet, cell });
              undo.push({ sheet: block.sheet, cell, restore: restoreValue(f, value, type), written });
            }),
          );
        });
      }
    });
  } catch (e) {
    // Blocks already written can still be undone.
    if (undo.length > 0) void save().catch(() => undefined);
    throw e;
  }
  return save().then(() => ({ written: undo.length, syncs: writes, changedSincePreview }));
}

export async function undoLastFill(app: EtApplication, workbook: EtWorkbook, store: DocumentStore): Promise<UndoResult & { writes: number }> {
  const record = store.get<UndoRecord>(STORE_KEYS.undo);
  if (!record || record.cells.length === 0) return { restored: 0, skipped: [], writes: 0 };
  const sheets = new SheetCache(workbook);
  const keep: UndoCell[] = [];
  const skipped: CellRef[] = [];
  let writes = 0;
  withUpdatesOff(app, () => {
    for (const block of toBlocks(record.cells.map((c) => cellItem(c.sheet, c.cell, c)))) {
      const ws = sheets.find(block.sheet);
      if (!ws) {
        block.values.flat().forEach((c) => skipped.push({ sheet: c.sheet, cell: c.cell }));
        continue;
      }
      wpsCall(`读取 ${block.sheet}!${block.address}`, () => {
        const range = ws.Range(block.address);
        splitUndo(block.values, grid(range.Formula), grid(range.Value2), keep, skipped);
      });
    }
    for (const block of toBlocks(keep.map((c) => cellItem(c.sheet, c.cell, c.restore)))) {
      wpsCall(`恢复 ${block.sheet}!${block.address}`, () => {
        sheets.get(block.sheet).Range(block.address).Formula = block.values;
        writes++;
      });
    }
  });
  await store.remove(STORE_KEYS.undo);
  return { restored: keep.length, skipped, writes };
}
