// The two real Shanghai disclosures (../shared/reference/real-disclosures): narrative text and the workbook model.
// The workbook is read by the project's reader; until that reader knows the Shanghai layout (three code
// columns, 收入总计 only, one horizontal 三公 row), the model is built here from the same cells.
import { readFileSync } from "fs";
import { join } from "path";
import Decimal from "decimal.js";
import { readSnapshot } from "../../../src/xlsx/read-snapshot";
import { readWorkbook } from "../../../src/core/model/read-workbook";
import { cellText, a1, type WorkbookSnapshot, type SheetSnapshot } from "../../../src/core/snapshot";
import type { Amount, BudgetWorkbook, CodeRow, CodeTable, LabeledRow, LabeledTable, Loc, TableInfo, TableKey, TwoSidedTable } from "../../../src/core/model/types";
import { REPO } from "../../docx/seed";

export const REAL_DIR = join(REPO, "..", "shared", "reference", "real-disclosures");
export const REAL = ["shanghai-putuo-swfy-2024", "shanghai-putuo-wanli-2025"] as const;
export type RealName = (typeof REAL)[number];

const cache = new Map<string, { wb: BudgetWorkbook; text: string; snapshot: WorkbookSnapshot }>();

export async function loadReal(name: RealName): Promise<{ wb: BudgetWorkbook; text: string; snapshot: WorkbookSnapshot }> {
  const hit = cache.get(name);
  if (hit) return hit;
  const dir = join(REAL_DIR, name);
  const { snapshot } = await readSnapshot(new Uint8Array(readFileSync(join(dir, "workbook.xlsx"))), "workbook.xlsx");
  const read = readWorkbook(snapshot);
  const wb = read.t3 && read.t5 && read.t9 ? read : constructed(snapshot, read);
  const out = { wb, text: readFileSync(join(dir, "published-narrative.txt"), "utf8"), snapshot };
  cache.set(name, out);
  return out;
}

const loc = (sheet: string, row: number, col: number): Loc => ({ sheet, row, col, address: a1(row, col) });

function amount(sh: SheetSnapshot, row: number, col: number, scale: Decimal): Amount {
  const v = sh.rows[row]?.[col] ?? null;
  const t = cellText(v).replace(/,/g, "").trim();
  const raw = new Decimal(/^-?\d+(\.\d+)?$/.test(t) ? t : 0);
  return { value: raw.times(scale), raw, decimals: scale.eq(1) ? 2 : 4, blank: t === "", readable: true, loc: loc(sh.name, row, col) };
}

function base(sh: SheetSnapshot, key: TableKey, no: number) {
  const title = cellText(sh.rows[0][0]);
  const unit = /单位[:：]\s*元/.test(sh.rows[1].map(cellText).join(" ")) ? ("元" as const) : ("万元" as const);
  const scale = new Decimal(unit === "元" ? "0.0001" : 1);
  return { key, no, title, sheet: sh.name, unit, scale, sheetDecimals: 0, titleLoc: loc(sh.name, 0, 0), columns: {}, headerEndRow: 4, notes: [] as { text: string; loc: Loc }[] };
}

/** A 科目 table with 类 | 款 | 项 columns (two for economic codes), the name after them, amounts after the name. */
function codeTable(sh: SheetSnapshot, key: TableKey, no: number, amountKeys: string[], economic = false): CodeTable {
  const b = base(sh, key, no);
  const codeCols = economic ? 2 : 3;
  const t: CodeTable = { ...b, kind: "code", rows: [] };
  for (let row = 5; row < sh.rows.length; row++) {
    const r = sh.rows[row] ?? [];
    const first = cellText(r[0] ?? null).trim();
    if (/^注/.test(first)) {
      t.notes.push({ text: first, loc: loc(sh.name, row, 0) });
      continue;
    }
    const parts = Array.from({ length: codeCols }, (_, i) => cellText(r[i] ?? null).trim());
    const name = cellText(r[codeCols] ?? null).trim();
    const cells: Record<string, Amount> = {};
    amountKeys.forEach((k, i) => (cells[k] = amount(sh, row, codeCols + 1 + i, b.scale)));
    if (!parts[0] && name.replace(/\s/g, "") === "合计") {
      if (Object.values(cells).some((c) => !c.blank)) t.total = { code: "", name, level: 0, codeLoc: loc(sh.name, row, 0), nameLoc: loc(sh.name, row, codeCols), cells };
      continue;
    }
    const code = parts.filter(Boolean).join("");
    // The reader leaves out a row whose code is malformed (P-02): so does this.
    if (!/^\d+$/.test(code) || ![3, 5, 7].includes(code.length) || (code.length > 3 && parts[0].length !== 3)) continue;
    t.rows.push({ code, name, level: (code.length === 3 ? 1 : code.length === 5 ? 2 : 3) as CodeRow["level"], codeLoc: loc(sh.name, row, 0), nameLoc: loc(sh.name, row, codeCols), cells });
  }
  return t;
}

function constructed(snapshot: WorkbookSnapshot, read: BudgetWorkbook): BudgetWorkbook {
  const sheet = (prefix: string) => snapshot.sheets.find((s) => s.name.startsWith(prefix))!;
  const s1 = sheet("1.");
  const b1 = base(s1, "T1", 1);
  const income: Record<string, LabeledRow> = {};
  const expense: Record<string, LabeledRow> = {};
  const IN: [RegExp, string][] = [
    [/一般公共预算/, "gp"],
    [/政府性基金/, "fund"],
    [/国有资本/, "soe"],
    [/收入总计/, "grand"],
  ];
  s1.rows.forEach((r, row) => {
    const inLabel = cellText(r?.[0] ?? null).trim();
    const k = IN.find(([re]) => re.test(inLabel))?.[1];
    if (k) income[k] = { key: k, label: inLabel, labelLoc: loc(s1.name, row, 0), cells: { inAmount: amount(s1, row, 1, b1.scale) } };
    if (/支出总计/.test(cellText(r?.[2] ?? null))) expense.grand = { key: "grand", label: "支出总计", labelLoc: loc(s1.name, row, 2), cells: { exAmount: amount(s1, row, 3, b1.scale) } };
  });
  const t1: TwoSidedTable = { ...b1, kind: "two-sided", income, expense };
  const t2 = codeTable(sheet("2."), "T2", 2, ["total", "fiscal", "business", "operating", "other"]);
  const t3 = codeTable(sheet("3."), "T3", 3, ["total", "basic", "project"]);
  const t5 = codeTable(sheet("5."), "T5", 5, ["total", "basic", "project"]);
  const t7 = codeTable(sheet("6."), "T7", 7, ["total", "basic", "project"]);
  const t8 = codeTable(sheet("7."), "T8", 8, ["total", "basic", "project"]);
  const t6 = codeTable(sheet("8."), "T6", 6, ["total", "personnel", "public"], true);
  const s9 = sheet("9.");
  const b9 = base(s9, "T9", 9);
  // One horizontal row: 合计 | 出国 | 接待 | 车 小计 | 购置 | 运行 | 机关运行经费.
  const keys9 = ["total", "abroad", "reception", "car", "carBuy", "carRun", "admin"];
  const rows9: Record<string, LabeledRow> = {};
  keys9.forEach((k, col) => (rows9[k] = { key: k, label: cellText(s9.rows[3][col] ?? null), labelLoc: loc(s9.name, 3, col), cells: { total: amount(s9, 5, col, b9.scale) } }));
  const t9: LabeledTable = { ...b9, kind: "labeled", rows: rows9 };
  const tables: TableInfo[] = [t1, t2, t3, t5, t7, t8, t6, t9].map((t) => ({ key: t.key, no: t.no, title: t.title, sheet: t.sheet, unit: t.unit }));
  const year = /(\d{4})年/.exec(t1.title)?.[1];
  const dept = /编制(?:部门|单位)[:：]\s*(.+)$/.exec(cellText(s1.rows[1][0]))?.[1]?.trim();
  return { unit: "元", t1, t2, t3, t5, t6, t7, t8, t9, projects: [], params: read.params, tables: [...tables, ...read.tables], findings: [], deptName: dept, year };
}
