import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES_BEGIN, RULES_END, ruleListMarkdown } from "../../src/core/rules/catalog-md";
import { check } from "../../src/core/check";
import { findingLine } from "../../src/cli/check-file";
import { DEFAULT_LIMITS, MAX_INPUT_BYTES } from "../../src/xlsx/errors";
import { MAX_NARRATIVE_CHARS } from "../../src/docx/read-text";
import { TEXT_CELL_MAX } from "../../src/core/text-check/sheet-source";
import { MUTATIONS, score } from "./text-check/dev-set";
import { EMPTY_TOTALS_RULE, EMPTY_WORKBOOK_RULE } from "../../src/core/group-findings";
import { poolSize } from "../../src/cli/check-pool";
import { TEMPLATE_LIMITS } from "../../src/core/narrative/render";
import { fixture, setCell } from "./support";

const ROOT = join(__dirname, "..", "..");

describe("README", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");

  it("shows the rule list generated from the registries (run npm run readme after changing a rule)", () => {
    const a = readme.indexOf(RULES_BEGIN);
    const b = readme.indexOf(RULES_END);
    assert.ok(a >= 0 && b > a, "README.md has the rule list markers");
    assert.equal(readme.slice(a, b + RULES_END.length), ruleListMarkdown());
  });

  it("gives the two commands a newcomer needs", () => {
    assert.match(readme, /npm ci && npm start/);
    assert.match(readme, /npm test/);
    assert.match(readme, /npm run demo/);
  });

  it("what the demo reports on the sample is what check finds in it", async () => {
    const r = check(await fixture("seed"));
    const shown = (rule: string) => r.findings.filter((f) => f.rule === rule);
    assert.match(readme, /部门固定资产占用情况表 B6、C6——“其中：办公用房”452 平方米、2\.11 万元.*（T11-02）/);
    assert.deepEqual((shown("T11-02")).map((f) => `${f.severity} ${f.cell}`), ["error B6", "error C6"]);
    assert.match(readme, /\*\*警告\*\*：四张项目绩效目标表.*（T12-02）/);
    assert.deepEqual((shown("T12-02")).map((f) => f.severity), ["warning", "warning", "warning", "warning"]);
    assert.match(readme, /\*\*提示\*\*：两条成本指标用了“≥”（T12-04）/);
    assert.deepEqual((shown("T12-04")).map((f) => f.severity), ["info", "info"]);
    assert.match(readme, /收支总表、收入总表、支出总表等互相勾稽的九张表没有任何错误/);
    const nine = new Set(r.listing.filter((t) => /^T[1-9]$/.test(t.kind)).map((t) => t.sheet));
    assert.equal(nine.size, 9);
    assert.deepEqual(r.findings.filter((f) => nine.has(f.sheet) && f.severity === "error"), []);
  });

  it("the example finding line is what check prints after the edit the README names", async () => {
    const edit = readme.match(/例如把示例工作簿支出总表的 (\w+) 改为 ([\d.]+) 时：\n\n```\n(.*)\n```/);
    assert.ok(edit, "the example and its edit");
    const s = await fixture("seed");
    setCell(s, "支出总表", edit[1], Number(edit[2]));
    const lines = check(s).findings.map((f) => findingLine(f, f.table ?? ""));
    assert.ok(lines.includes(edit[3]), lines.join("\n"));
  });

  it("the precision and recall figures of npm run eval:text are current", async () => {
    const m = readme.match(/以及 (\d+) 个各含一处缺陷的变体。当前结果：命中 (\d+)，误报 (\d+)，漏报 (\d+)。/);
    assert.ok(m, "the eval:text sentence");
    const s = await score();
    assert.deepEqual(m.slice(1).map(Number), [MUTATIONS.length, s.tp, s.fp, s.fn]);
  });

  it("the limits on input and templates are the ones the code applies", () => {
    const mb = (n: number) => n / 1024 / 1024;
    const wan = (n: number) => `${n / 10_000} 万`;
    assert.match(readme, new RegExp(`单个部件解压后\\n?超过 ${mb(DEFAULT_LIMITS.maxPartBytes)} MB`));
    assert.match(readme, new RegExp(`单元格超过 ${wan(DEFAULT_LIMITS.maxCells)}个`));
    assert.match(readme, new RegExp(`合并区域涉及的单元格超过 ${wan(DEFAULT_LIMITS.maxCells)}个`));
    assert.match(readme, new RegExp(`合并区域超过 ${wan(DEFAULT_LIMITS.maxMerges)}个`));
    assert.match(readme, new RegExp(`共享字符串超过 ${wan(DEFAULT_LIMITS.maxSharedStrings)}个`));
    assert.match(readme, new RegExp(`一段文字超过 ${wan(DEFAULT_LIMITS.maxStringLength)}字`));
    assert.match(readme, new RegExp(`公式文字超过 ${(DEFAULT_LIMITS.maxSharedFormulaChars / 10_000).toLocaleString("en-US")} 万字`));
    assert.match(readme, new RegExp(`超过 ${wan(DEFAULT_LIMITS.maxParts)}个部件`));
    assert.match(readme, new RegExp(`不读入超过 ${mb(MAX_INPUT_BYTES)} MB 的文件`));
    assert.match(readme, new RegExp(`超过 ${wan(MAX_NARRATIVE_CHARS)}字的文件不予核对`));
    assert.match(readme, new RegExp(`每节运行不超过 ${TEMPLATE_LIMITS.sectionMs / 1000} 秒、全部不超过 ${TEMPLATE_LIMITS.totalMs / 1000} 秒`));
    const cellMax = TEXT_CELL_MAX.toLocaleString("en-US");
    assert.match(readme, new RegExp(`超过 ${cellMax} 个字符时只检查前 ${cellMax} 个字符`));
  });

  it("the layout of the sources lists every folder of src/", () => {
    const block = readme.slice(readme.indexOf("## 结构"));
    const listed = [...block.matchAll(/^src\/([\w-]+)\//gm)].map((m) => m[1]).sort();
    const real = readdirSync(join(ROOT, "src"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    assert.deepEqual(listed, real);
  });

  it("names the ids of the grouped items the check shows besides the rules", () => {
    for (const id of [EMPTY_TOTALS_RULE, EMPTY_WORKBOOK_RULE]) assert.match(readme, new RegExp(`${id}（`));
  });

  it("a folder is checked by one thread per core from 3 cores and the number of files the README says", () => {
    const m = readme.match(/3 核及以上的机器上（文件不少于 (\d+) 个时）每个核心一个线程/);
    assert.ok(m, "the sentence on threads");
    const env = process.env.BUDGET_DISCLOSURE_WORKERS;
    delete process.env.BUDGET_DISCLOSURE_WORKERS;
    try {
      const n = Number(m[1]);
      assert.deepEqual([poolSize(n - 1, 8), poolSize(n, 8), poolSize(100, 3), poolSize(100, 2)], [1, n, 3, 1]);
    } finally {
      if (env !== undefined) process.env.BUDGET_DISCLOSURE_WORKERS = env;
    }
  });

  it("a level named beside a rule id in the text is that rule's level in the rule list", () => {
    const level = new Map<string, Set<string>>();
    for (const m of ruleListMarkdown().matchAll(/^\| ([A-Z]\d*-\d\d) \| (错误|警告|提示) \|/gm)) level.set(m[1], (level.get(m[1]) ?? new Set()).add(m[2]));
    const prose = readme.slice(0, readme.indexOf(RULES_BEGIN)) + readme.slice(readme.indexOf(RULES_END));
    const said = [...prose.matchAll(/(错误|警告|提示) ([A-Z]\d*-\d\d)\b|\b([A-Z]\d*-\d\d) (错误|警告|提示)/g)].map((m) => ({ id: m[2] ?? m[3], level: m[1] ?? m[4] }));
    assert.ok(said.length >= 3, JSON.stringify(said));
    for (const x of said) assert.ok(level.get(x.id)?.has(x.level), `${x.id} ${x.level}`);
  });
});
