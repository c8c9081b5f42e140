// The fill manages the 空表列示 notes: a table that stays empty gets its standard note under it, and a table that now
// has data loses the "注：无…" note it carried (an init workbook starts with every note). Appended to the fill plan.
import { planFillKeepingRounding, type FillOptions } from "./fill";
import { readWorkbook } from "./model/read-workbook";
import { specFor } from "./model/table-specs";
import type { BudgetWorkbook, CodeTable, LabeledTable, Loc, ProcurementTable } from "./model/types";
import type { FillPlan, NoteWrite } from "./plan";
import { emptyStatementFor, statesEmpty, tableEmpty } from "./rules/between";
import { a1, cellAt, mergeBoxes, type SheetSnapshot, type WorkbookSnapshot } from "./snapshot";

type NotedTable = CodeTable | LabeledTable | ProcurementTable;

/** The last sheet row the table uses (data rows, 合计, notes), 0-based. */
function lastRow(t: NotedTable): number {
  const locs: Loc[] = [t.titleLoc, ...t.notes.map((n) => n.loc)];
  if (t.kind === "code") for (const r of [...(t.total ? [t.total] : []), ...t.rows]) locs.push(r.codeLoc, r.nameLoc, ...Object.values(r.cells).map((a) => a.loc));
  else if (t.kind === "labeled") for (const r of Object.values(t.rows)) locs.push(r.labelLoc, ...Object.values(r.cells).map((a) => a.loc));
  else for (const r of t.rows) locs.push(r.loc);
  return Math.max(t.headerEndRow, ...locs.filter((l) => l.col >= 0 && l.sheet === t.sheet).map((l) => l.row));
}

/** The table's first column: where its title and headings start (a table need not start in column A). */
function firstCol(t: NotedTable): number {
  const cols = [t.titleLoc, ...Object.values(t.columns)].map((l) => l.col).filter((c) => c >= 0);
  return cols.length ? Math.min(...cols) : 0;
}

/**
 * A row the note may go in, at column `col`: nothing in it (no value, no formula, even one showing ""), and its cell
 * there not hidden under a merge from another cell (Excel would not show the note).
 */
function noteRow(s: SheetSnapshot, row: number, col: number): boolean {
  const r = s.rows[row] ?? [];
  if (!r.every((v) => v === null || v === undefined || (typeof v === "string" && v.trim() === ""))) return false;
  if (s.formulas?.[row]?.some((f) => f)) return false;
  return !mergeBoxes(s.merges ?? []).some((m) => m.r0 <= row && row <= m.r1 && m.c0 <= col && col <= m.c1 && !(m.r0 === row && m.c0 === col));
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
      const s = snapshot.sheets.find((x) => x.name === t.sheet);
      const col = firstCol(t);
      const from = lastRow(t) + 1;
      const row = s && [from, from + 1, from + 2].find((r) => noteRow(s, r, col));
      if (row === undefined) continue;
      out.push({ sheet: t.sheet, cell: a1(row, col), row, col, oldValue: null, newValue: note, table: t.title });
    } else if (!empty && stated) {
      // Only a note that says the table is empty: one that says more is the officer's own text.
      for (const n of t.notes.filter((x) => statesEmpty(x.text))) {
        const s = snapshot.sheets.find((x) => x.name === n.loc.sheet)!;
        if (s.formulas?.[n.loc.row]?.[n.loc.col]) continue; // a formula's text: the fill keeps formulas
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
  // Totals that rounding explains are kept as published: the rules say which (the caller's check, or one made there).
  return { ...planFillKeepingRounding(wb, snapshot, options), notes: planEmptyNotes(wb, snapshot) };
}
