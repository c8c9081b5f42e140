import { strict as assert } from "node:assert";
import { planFill } from "../../src/core/fill";
import { check } from "../../src/core/check";
import { fixture, getCell, setCell } from "./support";

const T1 = "收支总表";
const T3 = "支出总表";
const T4 = "财政拨款收支总表";

describe("fill", () => {
  it("plans nothing on the consistent seed", async () => {
    assert.deepEqual(planFill(await fixture("seed")).writes, []);
  });

  it("refills a blanked class subtotal, the 合计 row and table 1 from the leaves", async () => {
    const s = await fixture("seed");
    for (const cell of ["D11", "E11", "D12", "E12", "D6", "E6"]) setCell(s, T3, cell, null);
    setCell(s, T1, "E13", null);
    setCell(s, T1, "E37", null);
    const plan = planFill(s);
    const got = Object.fromEntries(plan.writes.map((w) => [`${w.sheet}!${w.cell}`, w.newValue.toFixed(2)]));
    assert.deepEqual(got, {
      [`${T3}!D6`]: "1042.58",
      [`${T3}!E6`]: "852.58",
      [`${T3}!D11`]: "65.15",
      [`${T3}!E11`]: "65.15",
      [`${T3}!D12`]: "65.15",
      [`${T3}!E12`]: "65.15",
      [`${T1}!E13`]: "65.15",
      [`${T1}!E37`]: "1042.58",
    });
    const w = plan.writes.find((x) => x.cell === "D12" && x.sheet === T3)!;
    assert.equal(w.label, "20805 行政事业单位养老支出 合计");
    assert.equal(w.replaces, false);
    assert.equal(w.oldValue, null);
  });

  it("never writes a leaf input, and marks a replaced non-blank value", async () => {
    const s = await fixture("seed");
    setCell(s, T3, "E13", 60.15); // leaf input changed: 20805 and 208 follow it, the leaf stays
    const plan = planFill(s);
    assert.ok(!plan.writes.some((w) => w.sheet === T3 && w.cell === "E13"));
    const d12 = plan.writes.find((w) => w.sheet === T3 && w.cell === "D13")!;
    assert.equal(d12.newValue.toFixed(2), "60.15");
    assert.equal(d12.replaces, true);
    assert.equal(d12.oldValue, 65.15);
    // after applying, tables 3, 1 and 4 agree again
    for (const w of plan.writes) setCell(s, w.sheet, w.cell, w.newValue.toNumber());
    const errors = check(s).findings.filter((f) => f.severity === "error");
    // sums within tables 3 and 1 hold again; the income side (tables 1, 2) still says 1042.58, which fill cannot decide
    assert.deepEqual(errors.filter((f) => /^(H-|T3-|T1-0[34])/.test(f.rule)), []);
    assert.ok(errors.some((f) => f.rule === "T1-05" && f.cell === "E39"));
    assert.equal(getCell(s, T1, "E37"), 1037.58);
    assert.equal(getCell(s, T4, "F13"), 65.15); // T4 follows table 5, which did not change
  });

  it("keeps a lone 合计 typed without its parts", async () => {
    const s = await fixture("seed");
    setCell(s, T3, "E19", null); // 2210201: only 合计 53.30 left
    const plan = planFill(s);
    assert.ok(!plan.writes.some((w) => w.sheet === T3 && w.cell === "D19"));
  });

  it("writes 元 workbooks in 元, with two decimals", async () => {
    const s = await fixture("seed-yuan");
    setCell(s, T3, "D12", null);
    const w = planFill(s).writes.find((x) => x.sheet === T3 && x.cell === "D12")!;
    assert.equal(w.newValue.toFixed(2), "651500.00");
  });

  it("restores every derived cell of the seed after it is blanked, to the published value", async () => {
    const seed = await fixture("seed");
    let restored = 0;
    for (const sh of seed.sheets) {
      if (/绩效|说明|资产|采购/.test(sh.name)) continue;
      for (let r = 5; r < sh.rows.length; r++) {
        for (let c = 1; c < sh.rows[r].length; c++) {
          const v = sh.rows[r][c];
          if (typeof v !== "number") continue;
          sh.rows[r][c] = null;
          const w = planFill(seed).writes.find((x) => x.sheet === sh.name && x.row === r && x.col === c);
          sh.rows[r][c] = v;
          if (!w) continue;
          assert.equal(w.newValue.toNumber(), v, `${sh.name} row ${r + 1} col ${c + 1}`);
          restored++;
        }
      }
    }
    assert.equal(restored, 134);
  });
});
