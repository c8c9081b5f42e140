// The text check on real published texts (issue 9): the two Shanghai narratives against their workbooks,
// corrected versions, one-defect mutations of correct texts, and rewordings that keep the facts.
import { strict as assert } from "assert";
import { checkNarrativeTextDetailed, type LocatedFinding } from "../../../src/core/text-check";
import type { BudgetWorkbook } from "../../../src/core/model/types";
import { loadReal, REAL } from "./real";
import { applyEdits, baseText, CORRECTIONS, hits, MUTATIONS, REAL_DEFECTS, score } from "./dev-set";

const serious = (text: string, wb: BudgetWorkbook) => checkNarrativeTextDetailed(text, wb, { name: "说明.txt" }).located.filter((l) => l.finding.severity !== "info");
const show = (ls: LocatedFinding[]) => ls.map((l) => `${l.finding.rule} ${l.finding.message}`).join("\n");
const cells = (l: LocatedFinding) => l.finding.related.map((r) => `${r.sheet}!${r.cell}`);

describe("text-check: the real Shanghai narratives", () => {
  for (const name of REAL)
    it(`${name}: every defect the README lists, and nothing else at error or warning level`, async () => {
      const { text, wb } = await loadReal(name);
      const got = serious(text, wb);
      assert.equal(got.length, REAL_DEFECTS[name].length, show(got));
      for (const e of REAL_DEFECTS[name]) assert.ok(got.some((l) => hits(text, l, e)), `${e.rule} at ${e.at}\n${show(got)}`);
    });

  it("locates each at its sentence with the table cell it contradicts", async () => {
    const swfy = await loadReal("shanghai-putuo-swfy-2024");
    const fs = serious(swfy.text, swfy.wb);
    const amount = fs.find((l) => l.finding.rule === "S-19")!;
    assert.equal(swfy.text.slice(amount.start, amount.end), "738.66万元");
    assert.deepEqual(cells(amount), ["5.一般公共预算支出功能分类!E13"]);
    assert.equal(amount.finding.expected, "696.48万元");
    assert.match(amount.finding.message, /^第9段第1句/);
    const old = fs.find((l) => l.finding.rule === "S-18")!;
    assert.match(old.finding.message, /“医疗卫生与计划生育支出”是旧的科目名称，报表中210类为“卫生健康支出”/);
    assert.deepEqual(cells(old), ["3.支出预算总表!D14"]);
    const wanli = await loadReal("shanghai-putuo-wanli-2025");
    const pair = serious(wanli.text, wanli.wb).find((l) => l.finding.rule === "S-18")!;
    assert.match(pair.finding.message, /“计划生育事务”是款（21007）而不是项，其下的项为“计划生育服务”（2100717）/);
    assert.deepEqual(cells(pair), ["3.支出预算总表!D49", "3.支出预算总表!D50"]);
    assert.equal(pair.finding.expected, "计划生育事务（款）计划生育服务（项）");
  });

  it("what is not a defect stays silent: 机关运行经费 of the 行政 and 参公 units only, 无机关运行经费 for a 事业单位, zero parts, reasons in the next paragraph", async () => {
    const wanli = await loadReal("shanghai-putuo-wanli-2025");
    const r = checkNarrativeTextDetailed(wanli.text, wanli.wb);
    const admin = r.figures.find((g) => g.subject === "机关运行经费")!;
    assert.equal(admin.status, "agree");
    // Every one of the 33 科目 lines agrees with the tables but the one whose 款/项 pair is wrong (not checked).
    const lines = r.figures.filter((g) => g.rule === "S-19");
    assert.equal(lines.length, 33);
    assert.equal(lines.filter((g) => g.status === "agree").length, 32);
    const swfy = await loadReal("shanghai-putuo-swfy-2024");
    const f = checkNarrativeTextDetailed(swfy.text, swfy.wb).figures;
    for (const subject of ["事业收入", "事业单位经营收入", "其他收入", "政府性基金拨款支出", "国有资本经营预算拨款支出"])
      assert.equal(f.find((g) => g.subject === subject)?.status, "agree", subject);
    // The six growth rates agree with the text's own figures.
    assert.equal(f.filter((g) => g.rule === "S-13" && g.status === "agree").length, 6);
  });
});

describe("text-check: corrected texts and mutations", () => {
  it("a Jiangsu-style text with a percentage for every figure: every share and rate recomputed, nothing raised", async () => {
    const { text, wb } = await baseText("jiangsu");
    const r = checkNarrativeTextDetailed(text, wb);
    assert.deepEqual(r.findings.map((f) => f.message), []);
    assert.equal(r.figures.filter((g) => g.rule === "S-13" && g.status === "agree").length, 14);
  });

  for (const name of REAL)
    it(`${name} with its defects put right: nothing at error or warning level`, async () => {
      const { text, wb } = await loadReal(name);
      const got = serious(applyEdits(text, CORRECTIONS[name]), wb);
      assert.deepEqual(got.map((l) => l.finding.message), []);
    });

  for (const m of MUTATIONS)
    it(`${m.base}: ${m.name} → ${m.rule} at its sentence`, async () => {
      const { text, wb } = await baseText(m.base);
      const before = new Set(checkNarrativeTextDetailed(text, wb).located.map((l) => `${l.finding.rule} ${l.finding.message}`));
      const mutated = applyEdits(text, [m.edit]);
      const after = checkNarrativeTextDetailed(mutated, wb, { name: "说明.txt" }).located;
      const added = after.filter((l) => !before.has(`${l.finding.rule} ${l.finding.message}`));
      const hit = added.find((l) => hits(mutated, l, { rule: m.rule, at: m.at }));
      assert.ok(hit, `${m.rule} at ${m.at}; added:\n${show(added)}`);
      assert.equal(hit.finding.severity, m.severity ?? "error");
      assert.match(hit.finding.message, /^第\d+段第\d+句/);
      // Nothing else new at error or warning level.
      assert.deepEqual(added.filter((l) => l !== hit && l.finding.severity !== "info").map((l) => l.finding.message), []);
    });
});

/** Rewordings that keep every fact: synonyms, clause order, line breaks, spacing. */
const REWORDINGS: ((t: string) => string)[] = [
  (t) => t.replace(/比(\d{4})年预算/g, "较$1年预算"),
  (t) => t.replace(/主要用于/g, "主要用途是"),
  (t) => t.replace(/主要原因是：/g, "原因主要是"),
  (t) => t.replace(/(\d)万元/g, "$1 万元"),
  (t) => t.replace(/。主要原因是/g, "。\n主要原因是"),
  (t) => t.replace(/(\d{4})年当年预算执行数为([\d.,]+万元)，(\d{4})年预算安排([\d.,]+万元)，/g, "$3年预算安排$4，$1年当年预算执行数为$2，"),
  (t) => t.replace(/，比(\d{4})年预算执行数(增加|减少)/g, "，与$1年预算执行数相比$2"),
  (t) => t.replace(/预算安排/g, "预算数为"),
  (t) => t.replace(/\n\n/g, "\n"),
  (t) => t.replace(/“三公”经费/g, "\"三公\"经费").replace(/"三公"/g, "“三公”"),
  (t) => t.replace(/增加(?=[\d,.]+万元)/g, "增长"),
];

/** A small deterministic generator: the same subsets every run. */
function* subsets(n: number, count: number, seed = 7): Generator<number[]> {
  let x = seed;
  for (let k = 0; k < count; k++) {
    const pick: number[] = [];
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      if (x % 3 === 0) pick.push(i);
    }
    yield pick;
  }
}

describe("text-check: rewording that keeps the facts raises nothing", () => {
  for (const base of [...REAL, "seed", "jiangsu"] as const)
    it(`${base}: 20 random combinations of rewordings`, async () => {
      const { text, wb } = await baseText(base);
      const keep = new Set(serious(text, wb).map((l) => l.finding.rule));
      for (const pick of subsets(REWORDINGS.length, 20)) {
        const t = pick.reduce((acc, i) => REWORDINGS[i](acc), text);
        const extra = serious(t, wb).filter((l) => !keep.has(l.finding.rule));
        assert.deepEqual(extra.map((l) => l.finding.message), [], `rewordings ${pick.join(",")}`);
      }
    });
});

describe("text-check: precision and recall on the development texts", () => {
  it("finds every listed defect and reports nothing else at error or warning level", async () => {
    const s = await score();
    assert.deepEqual(s.missed, []);
    assert.deepEqual(s.falsePositives, []);
    assert.ok(s.tp >= 30, String(s.tp));
  });
});
