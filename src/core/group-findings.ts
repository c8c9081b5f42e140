// Findings grouped by cause, as the officer reads them (task pane and CLI alike): per table in sheet order; empty
// derived cells become one item per table with the fill as its action, and the findings that only follow from them
// (they disappear once the fill has run) are folded under it. Every item says what to do.
import { checkTables, type CheckOptions, type CheckResult } from "./check-tables";
import { planFillWithNotes } from "./empty-notes";
import { roundingTotals, settledTables } from "./fill";
import { sortFindings, type CellRef, type Finding, type Severity } from "./findings";
export { countSeverities } from "./findings";
import { readWorkbook } from "./model/read-workbook";
import type { Amount, BudgetWorkbook, TableBase } from "./model/types";
import type { FillPlan } from "./plan";
import { fmtExact } from "./money";
import { RULES } from "./rules/index";
import { amountIsZero } from "./rules/framework";
import { TEXT_RULES } from "./text-check/rules";
import { cellAt, parseA1, type CellValue, type WorkbookSnapshot } from "./snapshot";

/** Rule id of the grouped "empty derived cells" item (G: a grouping of findings, apart from the fill's own F rules). */
export const EMPTY_TOTALS_RULE = "G-01";
/** Rule id of "the workbook has no amounts yet". */
export const EMPTY_WORKBOOK_RULE = "G-02";

export interface ShownFinding extends Finding {
  /** What to do, in the officer's words. */
  action?: string;
  /** 填充合计 fixes this item. */
  fixedByFill?: boolean;
  /** Findings that follow from this one and go away with it. */
  folded: Finding[];
}

export interface FindingGroup {
  /** Table title (or sheet / "工作簿" for findings outside the tables). */
  name: string;
  sheet: string;
  findings: ShownFinding[];
}

export interface GroupedFindings {
  groups: FindingGroup[];
  /** All shown items in group order (what the pane lists and the CLI prints). */
  findings: ShownFinding[];
  /** "15 张表和说明参数": how many tables were recognised, worded once for pane and CLI. */
  tablesText: string;
}

const key = (r: CellRef) => `${r.sheet}!${r.cell}`;
const findingKey = (f: Finding) => `${f.rule}|${f.sheet}|${f.cell}`;

export function ruleDescription(id: string): string | undefined {
  if (id === EMPTY_TOTALS_RULE) return "合计、小计等汇总单元格为空，可由“填充合计”按明细算出";
  if (id === EMPTY_WORKBOOK_RULE) return "各表都还没有金额";
  return (RULES.find((r) => r.id === id) ?? TEXT_RULES.find((r) => r.id === id))?.description;
}

export function tablesText(result: CheckResult): string {
  const budget = result.tables.filter((t) => t.no > 0).length;
  return `${budget} 张表${result.tables.some((t) => t.no === 0) ? "和说明参数" : ""}`;
}

/** The snapshot as it reads after the plan is written. */
export function snapshotAfterFill(snapshot: WorkbookSnapshot, plan: FillPlan): WorkbookSnapshot {
  const touched = new Set([...plan.writes, ...(plan.notes ?? [])].map((w) => w.sheet));
  const sheets = snapshot.sheets.map((s) => (touched.has(s.name) ? { ...s, rows: s.rows.map((r) => [...r]), formulas: s.formulas?.map((r) => (r ? [...r] : r)) } : s));
  for (const w of plan.writes) {
    const s = sheets.find((x) => x.name === w.sheet);
    if (!s) continue;
    while (s.rows.length <= w.row) s.rows.push([]);
    const row = s.rows[w.row];
    while (row.length < w.col) row.push(null);
    row[w.col] = Number(w.newValue.toFixed()) as CellValue;
    if (s.formulas?.[w.row]) s.formulas[w.row][w.col] = null;
  }
  for (const n of plan.notes ?? []) {
    const s = sheets.find((x) => x.name === n.sheet);
    if (!s) continue;
    while (s.rows.length <= n.row) s.rows.push([]);
    const row = s.rows[n.row];
    while (row.length < n.col) row.push(null);
    row[n.col] = n.newValue;
  }
  return { ...snapshot, sheets };
}

/** Some amount of the workbook holds a figure other than zero (stops at the first: usually the first table's). */
function anyFigure(wb: BudgetWorkbook): boolean {
  const figure = (a: Amount | undefined) => !!a && !a.blank && !amountIsZero(a);
  const rows = (rs: { cells: Record<string, Amount> }[]) => rs.some((r) => Object.values(r.cells).some(figure));
  for (const t of [wb.t2, wb.t3, wb.t5, wb.t6, wb.t7, wb.t8]) if (t && rows([...(t.total ? [t.total] : []), ...t.rows])) return true;
  for (const t of [wb.t1, wb.t4]) if (t && rows([...Object.values(t.income), ...Object.values(t.expense)])) return true;
  for (const t of [wb.t9, wb.t11]) if (t && rows(Object.values(t.rows))) return true;
  if (wb.t10 && rows(wb.t10.rows)) return true;
  return wb.projects.some((p) => [p.budget, p.fiscal, p.other].some(figure));
}

const SEVERITIES: Severity[] = ["error", "warning", "info"];
const worst = (fs: Finding[], fallback: Severity): Severity => SEVERITIES.find((s) => fs.some((f) => f.severity === s)) ?? fallback;

/** "E8、F11" — cells on another sheet than `home` are named with their sheet, as the officer must find them there. */
function shortList(refs: CellRef[], n = 4, home?: string): string {
  const runs: { sheet: string; cells: string[] }[] = [];
  for (const r of refs.slice(0, n)) {
    const last = runs[runs.length - 1];
    if (last && last.sheet === r.sheet) last.cells.push(r.cell);
    else runs.push({ sheet: r.sheet, cells: [r.cell] });
  }
  const named = runs.map((x) => (home === undefined || x.sheet === home ? "" : `工作表“${x.sheet}”的 `) + x.cells.join("、"));
  return named.join("、") + (refs.length > n ? " 等" : "");
}

/** A label text at the row of a cell (first text cell left of it), for "请填写“1、房屋”的…". */
function rowLabelAt(snapshot: WorkbookSnapshot, ref: CellRef): string {
  const s = snapshot.sheets.find((x) => x.name === ref.sheet);
  const p = parseA1(ref.cell);
  if (!s || !p) return "";
  for (let c = 0; c < p.col; c++) {
    const v = cellAt(s, p.row, c);
    if (typeof v === "string" && v.trim() && !/^\d+$/.test(v.trim())) return v.trim().replace(/[（(][^）)]*[）)]$/, "");
  }
  return "";
}

function blankAt(snapshot: WorkbookSnapshot, ref: CellRef): boolean {
  const s = snapshot.sheets.find((x) => x.name === ref.sheet);
  const p = parseA1(ref.cell);
  if (!s || !p) return false;
  const v = cellAt(s, p.row, p.col);
  return v === null || (typeof v === "string" && v.trim() === "");
}

/** What to do about one finding, when the engine can say more than the message. */
function actionFor(f: Finding, snapshot: WorkbookSnapshot, replaced: Map<string, string>, plan: FillPlan): { action?: string; fixedByFill?: boolean } {
  const note = f.rule === "S-09" ? (plan.notes ?? []).find((n) => n.table === f.table) : undefined;
  if (note) return { action: note.newValue ? `点击“填充合计”，会在 ${note.cell} 写上“${note.newValue}”。` : `点击“填充合计”，会删除 ${note.cell} 的这条注。`, fixedByFill: true };
  const fill = replaced.get(key(f));
  if (fill !== undefined) return { action: `点击“填充合计”，会按明细把 ${f.cell} 改为 ${fill}。如明细有误，请先改正明细。`, fixedByFill: true };
  if (f.note) return { action: `若确属四舍五入，可在情况说明中注明：“${f.note}”` };
  if (f.rule === "T11-02" && f.related[0] && blankAt(snapshot, f.related[0])) {
    const label = rowLabelAt(snapshot, f.related[0]) || "所属父项";
    return { action: `请填写“${label}”的数量和价值。` };
  }
  if (f.expected !== undefined && f.related.length > 0) {
    return { action: `请核对 ${f.cell} 与 ${shortList(f.related, 3, f.sheet)}，改正填错的一处。` };
  }
  return {};
}

/**
 * The errors as the officer reads them in check and the pane: one item per cause (B6 and C6 of one T11-02 are one),
 * so that every command counts the same. Should the grouping show none while the check found some, those are given:
 * an error is never dropped from a count.
 */
export function shownErrors(snapshot: WorkbookSnapshot, result: CheckResult, options: CheckOptions & { wb?: BudgetWorkbook } = {}): Finding[] {
  const raw = result.findings.filter((f) => f.severity === "error");
  if (raw.length === 0) return [];
  const shown = groupFindings(snapshot, result, options).findings.filter((f) => f.severity === "error");
  return shown.length ? shown : raw;
}

/** Groups the check result; `plan` is the fill plan of the same snapshot (computed when not given). */
export function groupFindings(snapshot: WorkbookSnapshot, result: CheckResult, options: CheckOptions & { plan?: FillPlan; wb?: BudgetWorkbook } = {}): GroupedFindings {
  // The snapshot's model, read once when the caller passes the one its check read (a 50,000-row workbook).
  const wb = options.wb ?? readWorkbook(snapshot);
  // The fill of the tables whose sums the full check found nothing in would change nothing there: skipped.
  const settled = options.rules ? new Set<TableBase>() : settledTables(wb, result.findings);
  const plan = options.plan ?? planFillWithNotes(snapshot, wb, { settled, rounding: roundingTotals(result.findings) });
  const raw = [...result.findings];

  // A workbook with tables but not a single amount is reported as empty, not as passed.
  const budgetTables = result.tables.filter((t) => t.no > 0);
  if (budgetTables.length > 0 && !anyFigure(wb)) {
    const first = budgetTables[0];
    // Everything else would be about cells nobody has filled yet: the one thing to say is that nothing is there.
    raw.length = 0;
    raw.unshift({
      rule: EMPTY_WORKBOOK_RULE,
      severity: "warning",
      sheet: first.sheet,
      cell: "",
      table: first.title,
      related: [],
      message: "各表都还没有填写金额，无法校验。",
    });
  }

  const empty = plan.writes.filter((w) => !w.replaces).sort((a, b) => a.row - b.row || a.col - b.col);
  const emptyKeys = new Set(empty.map((w) => key(w)));
  const replacedKeys = new Map(plan.writes.filter((w) => w.replaces).map((w) => [key(w), fmtExact(w.newValue)]));

  // Findings that disappear once the fill has written the empty cells, and touch no cell the fill overwrites.
  const foldedTo = new Map<Finding, string>(); // finding → sheet of the empty group it folds under
  if (empty.length > 0) {
    // The table check only: the text check stays out of the Excel bundle (src/host/lazy-check.ts), and a finding of
    // the 情况说明 text is about the text, so it is never folded under a fill.
    const after = new Set(checkTables(snapshotAfterFill(snapshot, plan), options).result.findings.map(findingKey));
    const textOnly = new Set(TEXT_RULES.map((r) => r.id).filter((id) => !RULES.some((r) => r.id === id)));
    const emptySheets = new Set(empty.map((w) => w.sheet));
    for (const f of raw) {
      if (after.has(findingKey(f)) || f.rule === EMPTY_WORKBOOK_RULE || textOnly.has(f.rule)) continue;
      const refs = [{ sheet: f.sheet, cell: f.cell }, ...f.related];
      if (refs.some((r) => replacedKeys.has(key(r)))) continue;
      const home = emptySheets.has(f.sheet) ? f.sheet : (refs.find((r) => emptyKeys.has(key(r)))?.sheet ?? [...emptySheets][0]);
      foldedTo.set(f, home);
    }
  }

  const tableOf = (sheet: string) => result.tables.find((t) => t.sheet === sheet);
  const groups = new Map<string, FindingGroup>();
  for (const t of result.tables) groups.set(t.sheet, { name: t.title, sheet: t.sheet, findings: [] });
  const groupFor = (f: { sheet: string; table?: string }): FindingGroup => {
    const t = tableOf(f.sheet);
    const k = t ? t.sheet : `name:${f.table ?? (f.sheet || "工作簿")}`;
    if (!groups.has(k)) groups.set(k, { name: t?.title ?? f.table ?? (f.sheet || "工作簿"), sheet: f.sheet, findings: [] });
    return groups.get(k)!;
  };

  // One item per table with empty cells, first in its group.
  const bySheet = new Map<string, typeof empty>();
  for (const w of empty) bySheet.set(w.sheet, [...(bySheet.get(w.sheet) ?? []), w]);
  for (const [sheet, writes] of bySheet) {
    const folded = sortFindings(raw.filter((f) => foldedTo.get(f) === sheet));
    const cells = writes.map((w) => ({ sheet: w.sheet, cell: w.cell }));
    const title = tableOf(sheet)?.title ?? writes[0].table;
    groupFor({ sheet, table: title }).findings.push({
      rule: EMPTY_TOTALS_RULE,
      severity: worst(folded, "warning"),
      sheet,
      cell: writes[0].cell,
      table: title,
      related: cells,
      message: `${writes.length} 个合计单元格为空（${shortList(cells)}）${folded.length ? `，由此引起 ${folded.length} 条校验结果` : ""}。`,
      action: "点击“填充合计”，按明细算出并填入这些合计；填充后这些校验结果随之消失。",
      fixedByFill: true,
      folded,
    });
  }

  // T11-02 reports quantity and value of the same empty parent row separately: one item asks for both.
  const parentSeen = new Map<string, ShownFinding>();
  for (const f of sortFindings(raw)) {
    if (foldedTo.has(f)) continue;
    if (f.rule === "T11-02" && f.related[0] && blankAt(snapshot, f.related[0])) {
      const k = `${f.sheet}|${parseA1(f.related[0].cell)?.row}`;
      const first = parentSeen.get(k);
      if (first) {
        first.folded.push(f);
        continue;
      }
      const item: ShownFinding = { ...f, ...actionFor(f, snapshot, replacedKeys, plan), folded: [] };
      parentSeen.set(k, item);
      groupFor(f).findings.push(item);
      continue;
    }
    groupFor(f).findings.push({ ...f, ...actionFor(f, snapshot, replacedKeys, plan), folded: [] });
  }

  const list = [...groups.values()];
  for (const g of list) g.findings.sort((a, b) => Number(b.rule === EMPTY_WORKBOOK_RULE) - Number(a.rule === EMPTY_WORKBOOK_RULE) || Number(b.rule === EMPTY_TOTALS_RULE) - Number(a.rule === EMPTY_TOTALS_RULE));
  return { groups: list, findings: list.flatMap((g) => g.findings), tablesText: tablesText(result) };
}
