// Writes a fill plan in one sync (calculation suspended) and keeps what it replaced for 撤销填充.
import type { CellWrite, FillPlan } from "../core/plan";
import { a1 } from "../core/snapshot";
import type { ApplyResult, UndoCell, UndoRecord, UndoResult } from "../host/workbook-host";
import { Block, cellItem, chunkBlocks, planItems, toBlocks } from "./blocks";
import { ExcelRunner, defaultRunner, runBatch } from "./run";
import { DocumentStore, STORE_KEYS } from "./store";

/** Excel's request limit is 5 MB (Excel on the web); stay well under it. */
export const REQUEST_LIMIT = 4_000_000;

type Restore = string | number | boolean;

/** What to give Excel's `formulas` setter to put a cell back as it was. */
export function restoreValue(formula: unknown, value: unknown, type: string | undefined): Restore {
  if (typeof formula === "string" && formula.startsWith("=")) return formula;
  switch (type) {
    case "Empty":
      return "";
    case "String":
      // The apostrophe keeps text such as "1,042.58" or "001" from being read as a number again.
      return "'" + String(value);
    case "Error":
      return typeof formula === "string" ? formula : String(value);
    default:
      if (typeof value === "number" || typeof value === "boolean") return value;
      if (value === "" || value === null || value === undefined) return "";
      return "'" + String(value);
  }
}

export async function applyPlan(
  plan: FillPlan,
  store: DocumentStore,
  runner: ExcelRunner = defaultRunner,
  limit = REQUEST_LIMIT,
): Promise<ApplyResult> {
  const notes = plan.notes ?? [];
  if (plan.writes.length === 0 && notes.length === 0) return { written: 0, syncs: 0, changedSincePreview: [] };
  const planned = new Map(plan.writes.map((w) => [`${w.sheet}!${w.cell}`, w]));
  const changedSincePreview: { sheet: string; cell: string }[] = [];
  const chunks = chunkBlocks(toBlocks(planItems(plan)), limit);
  const undo: UndoCell[] = [];
  let syncs = 0;
  for (const chunk of chunks) {
    // One Excel.run per chunk: a normal plan is one chunk, so one sync.
    const captured = await runBatch(runner, async (context) => {
      context.application.suspendApiCalculationUntilNextSync();
      const before: { block: Block<number | string>; range: Excel.Range }[] = [];
      for (const block of chunk) {
        const ws = context.workbook.worksheets.getItem(block.sheet);
        // Loaded before the write in the same batch, so it holds what the write replaces.
        const old = ws.getRange(block.address);
        old.load("formulas,values,valueTypes");
        before.push({ block, range: old });
        ws.getRange(block.address).values = block.values;
      }
      await context.sync();
      syncs++;
      return before.map(({ block, range }) => ({
        block,
        formulas: range.formulas as unknown[][],
        values: range.values as unknown[][],
        types: range.valueTypes as string[][],
      }));
    });
    for (const { block, formulas, values, types } of captured) {
      block.values.forEach((row, r) =>
        row.forEach((written, c) => {
          const cell = a1(block.row + r, block.col + c);
          const w = planned.get(`${block.sheet}!${cell}`);
          if (w && !samePlannedOld(w, formulas[r]?.[c], values[r]?.[c], types[r]?.[c])) changedSincePreview.push({ sheet: block.sheet, cell });
          undo.push({ sheet: block.sheet, cell, restore: restoreValue(formulas[r]?.[c], values[r]?.[c], types[r]?.[c]), written });
        }),
      );
    }
  }
  const record: UndoRecord = { version: 1, at: new Date().toISOString(), cells: undo };
  await store.set(STORE_KEYS.undo, record);
  return { written: undo.length, syncs, changedSincePreview };
}

/** Whether the cell still holds what the preview showed as its old content. */
export function samePlannedOld(w: CellWrite, formula: unknown, value: unknown, type: string | undefined): boolean {
  const isFormula = typeof formula === "string" && formula.startsWith("=");
  if (w.oldFormula || isFormula) return isFormula && formula === w.oldFormula;
  const old = w.oldValue;
  if (old === null || old === "") return type === "Empty" || value === "" || value === null;
  if (typeof old === "object") return type === "Error" && value === old.error;
  if (typeof old === "number" && typeof value === "number") return Math.abs(old - value) < 1e-9;
  return old === value;
}

/**
 * Sorts a block of undo cells by what they hold now: still the value the fill wrote (to restore, into `keep`), or
 * changed by the user since (left alone, into `skipped`): undo must not lose their work.
 */
export function splitUndo(cells: UndoCell[][], formulas: unknown[][], values: unknown[][], keep: UndoCell[], skipped: { sheet: string; cell: string }[]): void {
  cells.forEach((row, i) =>
    row.forEach((cell, j) => {
      const f = formulas[i]?.[j];
      const v = values[i]?.[j];
      const written = cell.written;
      const untouched =
        !(typeof f === "string" && f.startsWith("=")) &&
        (typeof written === "number" ? typeof v === "number" && Math.abs(v - written) < 1e-9 : (v ?? "") === written);
      if (untouched) keep.push(cell);
      else skipped.push({ sheet: cell.sheet, cell: cell.cell });
    }),
  );
}

export async function undoLastFill(store: DocumentStore, runner: ExcelRunner = defaultRunner, limit = REQUEST_LIMIT): Promise<UndoResult> {
  const record = store.get<UndoRecord>(STORE_KEYS.undo);
  if (!record || record.cells.length === 0) return { restored: 0, skipped: [] };
  const blocks = toBlocks(record.cells.map((c) => cellItem(c.sheet, c.cell, c)));
  const result = await runBatch(runner, async (context) => {
    const loaded = blocks.map((block) => {
      const r = context.workbook.worksheets.getItem(block.sheet).getRange(block.address);
      r.load("values,formulas");
      return { block, r };
    });
    await context.sync();
    // Cells the user changed after the fill are left alone: undo must not lose their work.
    const keep: UndoCell[] = [];
    const skipped: { sheet: string; cell: string }[] = [];
    for (const { block, r } of loaded) splitUndo(block.values, r.formulas as unknown[][], r.values as unknown[][], keep, skipped);
    const writeBlocks = toBlocks(keep.map((c) => cellItem(c.sheet, c.cell, c.restore)));
    const chunks = chunkBlocks(writeBlocks, limit);
    for (const chunk of chunks) {
      context.application.suspendApiCalculationUntilNextSync();
      for (const b of chunk) context.workbook.worksheets.getItem(b.sheet).getRange(b.address).formulas = b.values;
      await context.sync();
    }
    return { restored: keep.length, skipped };
  });
  await store.remove(STORE_KEYS.undo);
  return result;
}
