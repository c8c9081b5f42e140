import { strict as assert } from "assert";
import fc from "fast-check";
import { checkNarrativeTextDetailed } from "../../../src/core/text-check";
import type { BudgetWorkbook } from "../../../src/core/model/types";
import { loadSeed, seedNarrativeText } from "../../docx/seed";

let wb: BudgetWorkbook;
before(async () => {
  ({ wb } = await loadSeed());
});

// Pieces of real 情况说明 sentences, so random texts hit the recognisers rather than only noise.
const PIECES = ["2024年", "2023年", "预算收入", "支出", "基本支出", "项目支出", "增加", "减少", "持平", "“三公”经费", "机关运行经费", "政府采购", "固定资产", "1042.58", "0.00", "32", "万元", "元", "%", "，", "。", "；", "：", "\n", "XX", "其中", "主要为", "占", "（", "）", "项目支出表", "平乡县行政审批局"];

describe("text-check: any text", () => {
  it("never throws, and every finding's span lies inside the text", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 60 }), (parts) => {
        const text = parts.join("");
        const r = checkNarrativeTextDetailed(text, wb);
        for (const l of r.located) {
          assert.ok(l.start >= 0 && l.end <= text.length && l.start <= l.end, `${l.start}-${l.end} of ${text.length}`);
          assert.match(l.finding.rule, /^S-\d\d$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("an empty workbook model gives no figure verdicts, only wording ones", () => {
    const empty: BudgetWorkbook = { unit: "万元", projects: [], tables: [], findings: [] };
    const r = checkNarrativeTextDetailed(seedNarrativeText(), empty);
    assert.ok(r.figures.every((g) => g.status === "unchecked"));
    assert.ok(r.findings.every((f) => ["S-06", "S-12", "S-14", "S-15"].includes(f.rule)), r.findings.map((f) => f.rule).join(","));
  });
});
