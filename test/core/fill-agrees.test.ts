// The fill and the table check compute the same relations: on a table where the check finds nothing at all, the fill
// has nothing to write. A fill that would change such a table would overwrite a figure every rule accepts (as it
// once replaced the 合计 of a 收入总表 without a 小计 column by its 上年结转 alone). Checked on every layout of the
// zoo, for the seed and a richer department, on the real workbooks, and with derived cells left blank.
import { strict as assert } from "node:assert";
import { checkTables } from "../../src/core/check-tables";
import { planFill } from "../../src/core/fill";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { CLEARED_TOTALS } from "../fixtures/cleared-totals";
import { SEED_DATA } from "../fixtures/seed-data";
import { richDepartment } from "../zoo/rich-department";
import { ZOO, zooSnapshot } from "../zoo/zoo";
import { fixture, setCell } from "./support";

/** Writes on sheets where the table check reports nothing: each one is a disagreement between fill and rules. */
function unexplained(s: WorkbookSnapshot): string[] {
  const flagged = new Set(checkTables(s).result.findings.map((f) => f.sheet));
  return planFill(s)
    .writes.filter((w) => !flagged.has(w.sheet))
    .map((w) => `${w.sheet}!${w.cell} ${w.label}: ${String(w.oldValue)} → ${w.newValue.toString()}`);
}

describe("the fill writes nothing on a table the check finds nothing wrong with", () => {
  it("every layout of the zoo, for the seed and a richer department", async () => {
    const problems: string[] = [];
    let layouts = 0;
    for (const data of [SEED_DATA, richDepartment()]) {
      for (const z of ZOO) {
        layouts++;
        for (const p of unexplained(await zooSnapshot(data, z))) problems.push(`${z.name}: ${p}`);
      }
    }
    assert.ok(layouts >= 20, `${layouts} layouts`);
    assert.deepEqual(problems, []);
  });

  it("the real workbooks, the seed's twins, and the seed with derived cells left blank", async () => {
    for (const name of ["seed", "seed-yuan", "seed-alt", "real/shanghai-putuo-swfy-2024", "real/shanghai-putuo-wanli-2025"]) {
      assert.deepEqual(unexplained(await fixture(name)), [], name);
    }
    const s = await fixture("seed");
    for (const [sheet, cell] of CLEARED_TOTALS) setCell(s, sheet, cell, null);
    assert.ok(planFill(s).writes.length >= CLEARED_TOTALS.length);
    assert.deepEqual(unexplained(s), []);
  });
});
