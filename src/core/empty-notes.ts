// The fill manages the 空表列示 notes: a table that stays empty gets its standard note under it, and a table that now
// has data loses the "注：无…" note it carried (an init workbook starts with every note). Appended to the fill plan.
import { planFillWorkbook, type FillOptions } from "./fill";
import { readWorkbook } from "./model/read-workbook";
import { specFor } from "./model/table-specs";
import type { BudgetWorkbook, CodeTable, LabeledTable, Loc, ProcurementTable } from "./model/types";
import type { FillPlan, NoteWrite } from "./plan";
import { emptyStatementFor, tableEmpty } from "./rules/between";
import { a1, cellAt, type WorkbookSnapshot } from "./snapshot";

type NotedTable = CodeTable | LabeledTable | ProcurementTable;

/** The last sheet row the table uses (data rows, 合计, notes), 0-based. */
function lastRow(t: NotedTable): number {
  const locs: Loc[] = [t.titleLoc, ...t.notes.map((n) => n.loc)];
  if (t.kind === "code") for (const r of [...(t.total ? [t.total] : []), ...t.rows]) locs.push(r.codeLoc, r.nameLoc, ...Object.values(r.cells).map((a) => a.loc));
  else if (t.kind === "labeled") for (const r of Object.values(t.rows)) locs.push(r.labelLoc, ...Object.values(r.cells).map((a) => a.loc));
  else for (const r of t.rows) locs.push(r.loc);
  return Math.max(t.headerEndRow, ...locs.filter((l) => l.col >= 0 && l.sheet === t.sheet).map((l) => l.row));
}

function blankRow(snapshot: WorkbookSnapshot, sheet: string, row: number): boolean {
  const s = snapshot.sheets.find((x) => x.name === sheet);
  if (!s) return false;
  const r = s.rows[row] ?? [];
  return r.every((v) => v === null || v === undefined || (typeof v === "string" && v.trim() === ""));
}

export function planEmptyNotes(wb: BudgetWorkbook, snapshot: WorkbookSnapshot): NoteWrite[] {
  const out: NoteWrite[] = [];
  for (const t of [wb.t5, wb.t6, wb.t7, wb.t8, wb.t9, wb.t10].filter(Boolean) as NotedTable[]) {
    const note = specFor(t.key).emptyNote;
    if (!note) continue;
    const empty = tableEmpty(t);
    const stated = emptyStatementFor(t);
    if (empty && !stated) {
      // The first blank row under the table; none within three rows means something else sits there: leave it.
      const from = lastRow(t) + 1;
      const row = [from, from + 1, from + 2].find((r) => blankRow(snapshot, t.sheet, r));
      if (row === undefined) continue;
      out.push({ sheet: t.sheet, cell: a1(row, 0), row, col: 0, oldValue: null, newValue: note, table: t.title });
    } else if (!empty && stated) {
      for (const n of t.notes.filter((x) => /无|空表/.test(x.text))) {
        const s = snapshot.sheets.find((x) => x.name === n.loc.sheet)!;
        out.push({ sheet: n.loc.sheet, cell: n.loc.address, row: n.loc.row, col: n.loc.col, oldValue: cellAt(s, n.loc.row, n.loc.col), newValue: null, table: t.title });
      }
    }
  }
  return out;
}

/**
 * The fill plan with the empty-table notes appended: what 填充合计 (pane and CLI) writes. `wb` is the snapshot's
 * model when the caller has read it already (neither the fill nor the notes change it).
 */
export function planFillWithNotes(snapshot: WorkbookSnapshot, wb: BudgetWorkbook = readWorkbook(snapshot), options?: FillOptions): FillPlan {
  return { ...planFillWorkbook(wb, snapshot, options), notes: planEmptyNotes(wb, snapshot) };
}
