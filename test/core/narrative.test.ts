// Golden narrative: with the seed's data, the default templates reproduce the published paragraphs of
// 二, 三, 四, 七 and 八 character for character, except where the seed is wrong (listed below).
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderNarrative, narrativeText, type NarrativeResult } from "../../src/core/narrative/render";
import { fixture, setCell, templates } from "./support";

const SEED_TEXT = readFileSync(join(__dirname, "..", "..", "..", "shared", "reference", "2024-pingxiang-xingzheng-shenpiju-disclosure.txt"), "utf8");

/** PDF extraction puts spaces between CJK text and digits ("为 625.11 万元"); the document itself has none. */
function unPdf(s: string): string {
  return s.replace(/ (?=[\d.])|(?<=[\d.]) /g, "");
}

/** The published paragraphs between a heading and the next one. */
function seedParagraphs(from: string, to: string): string[] {
  const start = SEED_TEXT.indexOf(`\n${from}\n`);
  const end = SEED_TEXT.indexOf(`\n${to}\n`, start + 1);
  assert.ok(start >= 0 && end > start, `${from} … ${to} not found in the seed`);
  return SEED_TEXT.slice(start + from.length + 2, end)
    .split("\n")
    .map((l) => unPdf(l.trim()))
    .filter(Boolean);
}

/**
 * Where the seed is wrong, and what the templates write instead. Each `seed` text must occur in the
 * published paragraph (so the list cannot go stale), and is replaced by `ours` before comparing.
 */
const EXCEPTIONS: { section: string; seed: string; ours: string; why: string }[] = [
  {
    section: "s02",
    seed: "收支预算总表支出栏、基本支出表、项目支出表按经济分类",
    ours: "收支预算总表支出栏、基本支出表按经济分类",
    why: "S-15: no 项目支出表 is published; the boilerplate names a table that does not exist",
  },
  {
    section: "s02",
    seed: "主要为综合业务经费32万元，委托业务及维护费用18万元，政府采购评标专家酬金项目8万元，可研评审及稳定风险评估等专用经费132万元",
    ours: "主要为可研评审及稳定风险评估等专用经费132.00万元，委托业务及维护费用18.00万元，政府采购评标专家酬金项目8.00万元，综合业务工作经费32.00万元",
    why: "the project list comes from the 项目绩效目标表: their names (综合业务工作经费, not a hand-typed 综合业务经费), their order and two decimals like every other figure",
  },
  {
    section: "s04",
    seed: "与2023年相比增加0.00万元，增减变化的主要原因是无增减变化",
    ours: "与2023年相比持平。",
    why: "S-06: no change is 持平, not 增加0.00万元 with a reason; the seed also lacks the final 。",
  },
];

function expected(section: string, paragraphs: string[]): string[] {
  return paragraphs.map((p) => {
    let out = p;
    for (const e of EXCEPTIONS.filter((x) => x.section === section)) if (out.includes(e.seed)) out = out.replace(e.seed, e.ours);
    return out;
  });
}

function section(r: NarrativeResult, id: string) {
  const s = r.sections.find((x) => x.id === id);
  assert.ok(s, `section ${id} rendered`);
  return s!;
}

describe("narrative", () => {
  let seed: NarrativeResult;
  before(async () => {
    seed = renderNarrative(await fixture("seed"), templates());
  });

  it("every listed exception really occurs in the seed", () => {
    const all = unPdf(SEED_TEXT.replace(/\n/g, ""));
    for (const e of EXCEPTIONS) assert.ok(all.includes(e.seed), e.seed);
  });

  it("reproduces 二 (收入说明, 支出说明, 比上年增减情况)", () => {
    const s = section(seed, "s02");
    assert.equal(s.title, "二、部门预算安排的总体情况");
    assert.deepEqual(s.paragraphs, expected("s02", seedParagraphs("二、部门预算安排的总体情况", "三、机关运行经费安排情况")));
  });

  it("reproduces 三 机关运行经费", () => {
    assert.deepEqual(section(seed, "s03").paragraphs, seedParagraphs("三、机关运行经费安排情况", "四、财政拨款“三公”经费预算情况及增减变化原因"));
  });

  it("reproduces 四 三公经费, with 持平 where the seed says 增加0.00万元", () => {
    const got = section(seed, "s04").paragraphs;
    assert.deepEqual(got, expected("s04", seedParagraphs("四、财政拨款“三公”经费预算情况及增减变化原因", "五、部门整体绩效目标")));
    assert.ok(got[0].endsWith("与2023年相比持平。"));
  });

  it("reproduces 七 政府采购 (the notes of an empty procurement table)", () => {
    const published = seedParagraphs("七、政府采购预算情况", "八、国有资产信息").filter((p) => p.startsWith("注："));
    assert.deepEqual(section(seed, "s07").paragraphs, published);
  });

  it("reproduces 八 国有资产", () => {
    const published = seedParagraphs("八、国有资产信息", "九、名词解释").slice(0, 1);
    assert.deepEqual(section(seed, "s08").paragraphs, published);
  });

  it("renders all sections 一 to 十 in order, with the title and preamble", () => {
    assert.deepEqual(seed.sections.map((s) => s.id), ["title", "preamble", "s01", "s02", "s03", "s04", "s05", "s06", "s07", "s08", "s09", "s10"]);
    assert.equal(seed.sections[0].title, "平乡县行政审批局2024年部门预算信息公开情况说明");
    assert.equal(section(seed, "s09").paragraphs.length, 10);
    assert.equal(section(seed, "s10").paragraphs[0], "我部门无其他需要说明的事项。");
    assert.deepEqual(seed.findings, []);
  });

  it("gives the same text for the 元 twin and the alternate layout", async () => {
    const text = narrativeText(seed);
    assert.equal(narrativeText(renderNarrative(await fixture("seed-yuan"), templates())), text);
    assert.equal(narrativeText(renderNarrative(await fixture("seed-alt"), templates())), text);
  });

  it("says 减少 and 持平 as the figures say, and flags a missing 说明参数 instead of printing a blank", async () => {
    const s = await fixture("seed");
    setCell(s, "说明参数", "B7", "1042.58"); // 上年预算收支总额 = this year → 持平
    setCell(s, "说明参数", "A8", "备注"); // 上年基本支出 is gone
    const r = renderNarrative(s, templates());
    const p = section(r, "s02").paragraphs[6];
    assert.match(p, /较2023年预算持平，其中：基本支出【缺少：上年基本支出】，/);
    assert.match(p, /项目支出减少233\.10万元/);
    const f = r.findings.find((x) => x.rule === "N-01")!;
    assert.equal(f.sheet, "说明参数");
    assert.match(f.message, /上年基本支出/);
  });

  it("a template error is a finding with its position, not an exception", async () => {
    const set = { ...templates(), s03: "三、机关运行经费\n{% if 机关运行经费.金额 %}没有结束" };
    const r = renderNarrative(await fixture("seed"), set);
    const f = r.findings.find((x) => x.rule === "N-02")!;
    assert.match(f.message, /模板“s03”.*第 2 行/);
    assert.ok(!r.sections.some((x) => x.id === "s03"));
  });
});
