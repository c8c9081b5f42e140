// Sums in whole 分 (money.ts fenOfNumber …) stand for the Decimal arithmetic: they must give exactly what the Decimals
// give, and fall back to them whenever a figure is not a whole number of 分. Checked against decimal.js directly, and
// by running the check and the fill twice, with and without the 分 figures, on real and damaged workbooks.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import Decimal from "decimal.js";
import { checkWorkbook } from "../../src/core/check-tables";
import { planFillWorkbook } from "../../src/core/fill";
import { readWorkbook } from "../../src/core/model/read-workbook";
import type { BudgetWorkbook } from "../../src/core/model/types";
import { decimalFromFen, decimalFromNumber, fenOfNumber, roundFen, sumFen } from "../../src/core/money";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { CLEARED_TOTALS } from "../fixtures/cleared-totals";
import { fixture, getCell, setCell } from "./support";

/** A figure as people and spreadsheets write them: k / 10^d, sometimes with binary noise from a sum. */
const figure = fc.oneof(
  fc.tuple(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.integer({ min: 0, max: 9 })).map(([k, d]) => Number(`${k}e-${d}`)),
  fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e9, max: 1e9 })).map(([a, b]) => a / 100 + b / 1000),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e16, max: 1e16 }),
  fc.constantFrom(0, -0, 0.1 + 0.2, 883.0200000000001, 1e15, 999999999.999999, 9999999999.99, 1e-7, 5e-324),
);

const PER = { 万元: 1e6, 元: 100 };

describe("sums in whole 分", () => {
  it("fenOfNumber is the figure decimalFromNumber reads, times 分 per unit, exactly when that is a whole number below 10¹⁵", () => {
    fc.assert(
      fc.property(figure, fc.constantFrom(PER.万元, PER.元), (v, per) => {
        const exact = decimalFromNumber(v).times(per);
        const fen = fenOfNumber(v, per);
        if (exact.isInteger() && exact.abs().lt(1e15)) assert.ok(fen === exact.toNumber(), `${v} × ${per}: ${fen} ≠ ${exact.toString()}`);
        else assert.ok(Number.isNaN(fen), `${v} × ${per} gave ${fen}, not NaN`);
      }),
      { numRuns: 20000, seed: 10 },
    );
  });

  it("sumFen is the Decimal sum, or NaN before a partial sum could lose a digit", () => {
    const fen = fc.integer({ min: -(1e15 - 1), max: 1e15 - 1 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fen, fc.integer({ min: -1e9, max: 1e9 })), fc.constantFrom<1 | -1>(1, -1)), { maxLength: 40 }), (items) => {
        const got = sumFen(
          items.map(([f]) => f),
          items.map(([, w]) => w),
        );
        const exact = items.reduce((s, [f, w]) => (w === 1 ? s.plus(f) : s.minus(f)), new Decimal(0));
        if (!Number.isNaN(got)) assert.equal(got, exact.toNumber());
        else assert.ok(items.length > 8, "only long sums of large figures fall back");
      }),
      { numRuns: 5000, seed: 11 },
    );
    assert.ok(Number.isNaN(sumFen([1, NaN, 2])));
    assert.equal(sumFen([5, 3], [1, -1]), 2);
  });

  it("decimalFromFen and roundFen agree with decimal.js (round half away from zero, as toSheet)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(1e15 - 1), max: 1e15 - 1 }), (f) => {
        const d = decimalFromFen(f);
        assert.ok(d.times(1e6).eq(f), `${f} → ${d.toString()}`);
        const shown = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).times(1e6);
        assert.ok(roundFen(f, 10000) === shown.toNumber(), `${f}: ${roundFen(f, 10000)} ≠ ${shown.toString()}`); // -0 and 0 alike
      }),
      { numRuns: 20000, seed: 12 },
    );
    assert.equal(roundFen(5000, 10000), 10000);
    assert.equal(roundFen(-5000, 10000), -10000);
    assert.equal(roundFen(4999, 10000), 0);
    assert.equal(decimalFromFen(-1).toString(), "-0.000001");
  });
});

/** The model with every 分 figure taken away: all sums then run on Decimals, as before the 分 path existed. */
function withoutFen(wb: BudgetWorkbook): BudgetWorkbook {
  const seen = new Set<object>();
  const walk = (o: unknown): void => {
    if (typeof o !== "object" || o === null || seen.has(o) || o instanceof Decimal) return;
    seen.add(o);
    if ("fen" in o) Object.defineProperty(o, "fen", { value: undefined, configurable: true, writable: true });
    // A code row's cells the reader makes when asked for (a getter), and the 分 it reads without them.
    if ("fenAt" in o) Object.defineProperty(o, "fenAt", { value: undefined });
    if ("cells" in o) walk(o.cells);
    for (const v of Object.values(o)) walk(v);
  };
  walk(wb);
  return wb;
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (v instanceof Decimal ? `D${v.toString()}` : v)));

function sameBothWays(name: string, snapshot: WorkbookSnapshot): { findings: number; writes: number } {
  const fast = readWorkbook(snapshot);
  const slow = withoutFen(readWorkbook(snapshot));
  assert.ok([fast.t2, fast.t3].some((t) => t && t.rows.some((r) => Object.values(r.cells).some((a) => Number.isFinite(a.fen)))), `${name}: figures in 分`);
  const check = (wb: BudgetWorkbook) => plain(checkWorkbook(wb));
  assert.deepEqual(check(fast), check(slow), `${name}: the same findings`);
  const plan = (wb: BudgetWorkbook) => plain(planFillWorkbook(wb, snapshot));
  const fastPlan = plan(fast);
  assert.deepEqual(fastPlan, plan(slow), `${name}: the same fill plan`);
  return { findings: check(fast).length, writes: fastPlan.writes.length };
}

describe("the check and the fill give the same results with and without the 分 figures", () => {
  it("on the seed, its 元 twin, its other layout and the two real Shanghai workbooks", async () => {
    let findings = 0;
    for (const name of ["seed", "seed-yuan", "seed-alt", "real/shanghai-putuo-swfy-2024", "real/shanghai-putuo-wanli-2025"]) findings += sameBothWays(name, await fixture(name)).findings;
    assert.ok(findings > 0, "some findings compared");
  });

  it("with totals left blank (the fill writes them) and figures that are not whole 分 (7 decimals, binary noise)", async () => {
    for (const name of ["seed", "seed-yuan"]) {
      const s = await fixture(name);
      for (const [sheet, cell] of CLEARED_TOTALS) setCell(s, sheet, cell, null);
      const blank = sameBothWays(`${name} blank totals`, structuredClone(s));
      assert.ok(blank.writes >= CLEARED_TOTALS.length, `${name}: ${blank.writes} writes`);
      // Leaves of table 3 with a figure below 1 分, and one with a sum's binary noise: these go the Decimal way.
      setCell(s, "一般公共预算支出表", "E10", Number(getCell(s, "一般公共预算支出表", "E10")) + 0.0000001);
      setCell(s, "一般公共预算支出表", "F9", Number(getCell(s, "一般公共预算支出表", "F9")) + 0.1 + 0.2);
      const noisy = sameBothWays(`${name} noisy`, s);
      assert.ok(noisy.findings > 0 && noisy.writes > 0, `${name}: noisy figures reported and filled`);
    }
  });
});
