// Takes the user to a finding's cell: activate its sheet, then select the cell.
import type { CellRef } from "../core/findings";
import { ExcelRunner, defaultRunner, runBatch } from "./run";

export async function selectCell(ref: CellRef, runner: ExcelRunner = defaultRunner): Promise<void> {
  await runBatch(runner, async (context) => {
    const ws = context.workbook.worksheets.getItem(ref.sheet);
    ws.activate();
    if (ref.cell) ws.getRange(ref.cell).select();
    await context.sync();
  });
}
