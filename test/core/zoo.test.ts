// The layout zoo: the seed and a richer department in every layout of test/zoo/zoo.ts read into the same model,
// give the same findings (apart from rules a layout's missing rows or columns make inapplicable, and the reader's
// notes on the layout itself) and the same narrative as the standard layout.
import { strict as assert } from "node:assert";
import Decimal from "decimal.js";
import { check } from "../../src/core/check";
import { planFill } from "../../src/core/fill";
import { readWorkbook } from "../../src/core/model/read-workbook";
import type { Amount, BudgetWorkbook, LabeledRow } from "../../src/core/model/types";
import { narrativeText, renderNarrative } from "../../src/core/narrative/render";
import type { Finding } from "../../src/core/findings";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { SEED_DATA } from "../fixtures/seed-data";
import { richDepartment } from "../zoo/rich-department";
import { ZOO, zooSnapshot, type ZooLayout } from "../zoo/zoo";
import { templates } from "./support";

const RICH = richDepartment();
const DEPARTMENTS = [
  { name: "seed", data: SEED_DATA },
  { name: "rich", data: RICH },
];

/** A figure as the model holds it, in 万元; absent figures (columns a layout lacks) are left out. */
function fig(a: Amount | undefined): string | undefined {
  if (!a || a.absent) return undefined;
  return a.value.toFixed(6);
}

function cells(c: Record<string, Amount>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, a] of Object.entries(c)) {
    const v = fig(a);
    // A blank and a 0 are the same figure; zero columns a layout drops are the same figure too.
    if (v !== undefined && !new Decimal(v).isZero()) out[k] = v;
  }
  return out;
}

function side(rows: Record<string, LabeledRow>, keys: string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const k of keys) {
    const r = rows[k];
    if (r && Object.keys(cells(r.cells)).length) out[k] = cells(r.cells);
  }
  return out;
}

const CLASS_AND_TOTALS = (t: Record<string, LabeledRow>) => Object.keys(t).filter((k) => /^\d{3}$/.test(k) || k === "total" || k === "grand");

/** What every layout must read the same: codes, names and figures of the 科目 tables, the totals, 三公, projects. */
function projection(wb: BudgetWorkbook) {
  const code = (t: BudgetWorkbook["t2"]) =>
    t && {
      total: t.total && cells(t.total.cells),
      rows: t.rows.map((r) => `${r.code} ${r.name.replace(/[（）]/g, (m) => (m === "（" ? "(" : ")"))} ${JSON.stringify(cells(r.cells))}`),
    };
  return {
    t1: wb.t1 && { income: side(wb.t1.income, ["gp", "fund", "soe", "total", "grand"]), expense: side(wb.t1.expense, CLASS_AND_TOTALS(wb.t1.expense)) },
    t2: code(wb.t2),
    t3: code(wb.t3),
    t4: wb.t4 && { income: side(wb.t4.income, ["gp", "fund", "soe", "total", "grand"]), expense: side(wb.t4.expense, CLASS_AND_TOTALS(wb.t4.expense)) },
    t5: code(wb.t5),
    t6: code(wb.t6),
    t7: code(wb.t7),
    t8: code(wb.t8),
    t9: wb.t9 && Object.fromEntries(["total", "abroad", "reception", "car", "carBuy", "carRun"].map((k) => [k, fig(wb.t9!.rows[k]?.cells.total) ?? "0.000000"])),
    // in sheet order, which a shuffled workbook changes
    projects: [...wb.projects].sort((a, b) => a.code.localeCompare(b.code)).map((p) => ({
      code: p.code,
      name: p.name,
      budget: fig(p.budget),
      fiscal: fig(p.fiscal),
      other: fig(p.other) ?? "0.000000",
      plan: p.plan.map((x) => fig(x.amount)),
      planHeader: p.planHeader,
      goal: p.goal,
      indicators: p.indicators.map((i) => [i.level1, i.level2, i.level3, i.value].join("|")),
    })),
    params: wb.params && Object.keys(wb.params.params).sort(),
    dept: [wb.deptName, wb.year],
  };
}

/** Findings of a layout as what they say about which table, not where the layout put the cell. */
function findingKeys(r: { findings: Finding[]; listing: { sheet: string; kind: string }[] }): string[] {
  const kind = new Map(r.listing.map((t) => [t.sheet, t.kind]));
  return r.findings
    .filter((f) => !LAYOUT_NOTES.has(f.rule))
    .map((f) => `${f.rule} ${f.severity} ${kind.get(f.sheet) ?? f.table ?? ""}`)
    .sort();
}

/** The reader's notes on the layout itself (no 栏次 row, a sheet it does not know): they differ by design. */
const LAYOUT_NOTES = new Set(["P-07", "P-10"]);

/** Rules a layout without the row or column they need does not apply (layout-variants.md). */
function inapplicable(z: ZooLayout): Set<string> {
  const out = new Set<string>();
  // Shanghai's rows: no 本年收入合计 / 上年结转 rows of their own, no 单位资金 row; fewer columns.
  if (z.shanghaiRows) for (const id of ["X-06", "T1-02", "X-03", "T4-02", "T4-03"]) out.add(id);
  // The one-row 三公 tables have no columns by fund.
  if (z.sanGong === "shanghai" || z.sanGong === "jiangsu") out.add("T9-03");
  return out;
}

const snapshots = new Map<string, Promise<WorkbookSnapshot>>();
function snap(dept: (typeof DEPARTMENTS)[number], z: ZooLayout): Promise<WorkbookSnapshot> {
  const key = `${dept.name}/${z.name}`;
  if (!snapshots.has(key)) snapshots.set(key, zooSnapshot(dept.data, z));
  return snapshots.get(key)!.then((s) => structuredClone(s));
}

describe("layout zoo", () => {
  it("has at least eight layouts besides the standard one, Shanghai style and all variants at once among them", () => {
    assert.ok(ZOO.length >= 9);
    assert.ok(ZOO.some((z) => z.name === "shanghai") && ZOO.some((z) => z.name === "all"));
  });

  for (const dept of DEPARTMENTS) {
    describe(`${dept.name} department`, () => {
      it("the standard layout reads the department's own figures and only its known defects", async () => {
        const s = await snap(dept, ZOO[0]);
        const r = check(s);
        const errors = r.findings.filter((f) => f.severity === "error").map((f) => `${f.rule} ${f.sheet}!${f.cell}`);
        // The standard writer heads 资金支出计划 with （%） as the seed does, so amounts there are T12-02 warnings.
        if (dept.name === "rich") assert.deepEqual(r.findings.filter((f) => f.severity !== "info").map((f) => `${f.rule} ${f.severity} ${f.sheet}!${f.cell}`), ["T12-02 warning 项目绩效目标表1!F7", "T12-02 warning 项目绩效目标表2!F7", "T12-02 warning 项目绩效目标表3!F7"]);
        else assert.deepEqual(errors.sort(), ["T11-02 固定资产占用情况表!B6", "T11-02 固定资产占用情况表!C6"]);
      });

      for (const z of ZOO.slice(1)) {
        it(`${z.name}: every table recognised, the same model, findings and narrative as the standard layout`, async () => {
          const base = await snap(dept, ZOO[0]);
          const s = await snap(dept, z);
          const r = check(s);
          const known = r.listing.filter((t) => t.kind !== "unrecognised").map((t) => t.kind);
          for (const k of ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "PARAMS"]) assert.ok(known.includes(k as never), `${k} not recognised`);
          assert.deepEqual(
            r.listing.filter((t) => t.kind === "unrecognised").map((t) => t.sheet).sort(),
            z.shuffled ? ["封面", "机关运行经费"] : [],
          );
          assert.deepEqual(projection(readWorkbook(s)), projection(readWorkbook(base)));
          const skip = inapplicable(z);
          const want = findingKeys(check(base)).filter((k) => !skip.has(k.split(" ")[0]));
          assert.deepEqual(findingKeys(r).filter((k) => !skip.has(k.split(" ")[0])), want);
          const style = { style: "河北县级" };
          assert.equal(narrativeText(renderNarrative(s, templates(), style)), narrativeText(renderNarrative(base, templates(), style)));
        });
      }
    });
  }

  it("the one-row 三公 shapes expose 机关运行经费 beside the 三公 figures; the standard shape has none", async () => {
    const sh = readWorkbook(await snap(DEPARTMENTS[1], ZOO.find((z) => z.name === "sangong-shanghai")!));
    assert.equal(sh.runningCost!.value.toFixed(2), "82.84");
    assert.equal(readWorkbook(await snap(DEPARTMENTS[1], ZOO[0])).runningCost, undefined);
    const js = readWorkbook(await snap(DEPARTMENTS[1], ZOO.find((z) => z.name === "sangong-jiangsu")!));
    assert.equal(js.t9!.rows.total.cells.total.value.toFixed(2), "37.84");
    assert.deepEqual(Object.keys(js.t9!.extra!).sort(), ["all", "meeting", "training"]);
  });

  it("fill on a zoo layout writes the totals where that layout keeps them (合计 at the bottom stays at the bottom)", async () => {
    for (const name of ["total-last", "shanghai", "all"]) {
      const z = ZOO.find((x) => x.name === name)!;
      const s = await snap(DEPARTMENTS[1], z);
      assert.deepEqual(planFill(s).writes.map((w) => `${w.sheet}!${w.cell}`), [], `${name}: a consistent workbook needs no write`);
      // Blank out the 合计 row of the 支出总表 and the 类 row 205: fill computes them in place.
      const wb = readWorkbook(s);
      const t3 = wb.t3!;
      const sheet = s.sheets.find((x) => x.name === t3.sheet)!;
      const totalRow = t3.total!.nameLoc.row;
      assert.equal(totalRow, Math.max(...t3.rows.map((r) => r.nameLoc.row)) + 1, `${name}: 合计 is the last row`);
      const cls = t3.rows.find((r) => r.code === "205")!;
      const col = t3.total!.cells.total.loc.col;
      sheet.rows[totalRow][col] = null;
      sheet.rows[cls.nameLoc.row][col] = null;
      const writes = planFill(s).writes.filter((w) => w.sheet === t3.sheet);
      const yuan = t3.unit === "元" ? 10000 : 1;
      assert.deepEqual(
        writes.map((w) => `${w.row}:${w.col}=${w.newValue.toString()}`).sort(),
        [`${totalRow}:${col}=${new Decimal("1391.44").mul(yuan).toString()}`, `${cls.nameLoc.row}:${col}=${new Decimal("1013.09").mul(yuan).toString()}`].sort(),
      );
    }
  });
});
