// Styles of 情况说明 and last year's workbook as the source of 上年 figures.
import { strict as assert } from "node:assert";
import { readWorkbook } from "../../src/core/model/read-workbook";
import { renderNarrative, renderNarrativeWorkbook, narrativeText, templateSyntaxError } from "../../src/core/narrative/render";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { budgetYear, previousYearProblem } from "../../src/core/facts";
import { buildStandardWorkbook } from "../../src/xlsx/standard-workbook";
import { workbookToBuffer } from "../../src/xlsx/apply-plan";
import { readSnapshot } from "../../src/xlsx/read-snapshot";
import { SEED_AS_2023 } from "../fixtures/seed-data";
import { fixture, setCell, templates } from "./support";

function setParam(s: WorkbookSnapshot, key: string, value: string): void {
  const sheet = s.sheets.find((x) => x.name === "说明参数")!;
  let row = sheet.rows.findIndex((r) => r[0] === key);
  if (row < 0) row = sheet.rows.length;
  setCell(s, "说明参数", `A${row + 1}`, key);
  setCell(s, "说明参数", `B${row + 1}`, value);
}

describe("narrative styles", () => {
  it("河北县级 by default; 上海区级 by --style or 说明参数 说明样式; an unknown 说明样式 is a warning", async () => {
    const seed = await fixture("seed");
    assert.equal(renderNarrative(seed, templates()).style, "河北县级");
    const sh = renderNarrative(seed, templates(), { style: "上海" });
    assert.equal(sh.style, "上海区级");
    assert.deepEqual(sh.sections.map((x) => x.id), ["sh00", "sh01", "sh02", "sh03", "sh04", "sh05"]);
    const s = structuredClone(seed);
    setParam(s, "说明样式", "上海区级");
    assert.equal(renderNarrative(s, templates()).style, "上海区级");
    setParam(s, "说明样式", "北京市级");
    const bad = renderNarrative(s, templates());
    assert.equal(bad.style, "河北县级");
    assert.match(bad.findings.find((f) => f.rule === "N-04")!.message, /“北京市级”，不是可用的样式（河北县级、上海区级）/);
  });

  it("上海区级: 预算编制说明 with one paragraph per 项 and its change, 其他相关情况说明, from the seed's tables", async () => {
    const s = await fixture("seed");
    setParam(s, "上年财政拨款收入", "1009.10");
    setParam(s, "上年一般公共预算拨款支出", "1009.10");
    setParam(s, "上年政府性基金拨款支出", "0");
    setParam(s, "上年国有资本经营预算拨款支出", "0");
    setParam(s, "财政拨款增减原因", "人员增加");
    setParam(s, "科目说明", "2010302|审批服务运行|150.00|专用经费增加");
    const r = renderNarrative(s, templates(), { style: "上海区级" });
    const sh04 = r.sections.find((x) => x.id === "sh04")!;
    assert.equal(sh04.title, "2024年部门预算编制说明");
    assert.deepEqual(sh04.paragraphs.slice(0, 4), [
      "2024年，平乡县行政审批局收入预算1,042.58万元，其中：财政拨款收入1,042.58万元，比2023年预算增加33.48万元；事业收入0.00万元；事业单位经营收入0.00万元；其他收入0.00万元。",
      "支出预算1,042.58万元，其中：财政拨款支出预算1,042.58万元，比2023年预算增加33.48万元。财政拨款支出预算中，一般公共预算拨款支出预算1,042.58万元，比2023年预算增加33.48万元；政府性基金拨款支出预算0.00万元，与2023年预算持平；国有资本经营预算拨款支出预算0.00万元，与2023年预算持平。",
      "财政拨款收入支出增加的主要原因是人员增加。",
      "财政拨款支出主要内容如下：",
    ]);
    // 项 2010302 with last year's 执行数 from 科目说明: 190.00 against 150.00 is +26.67%.
    assert.ok(
      sh04.paragraphs.includes(
        "1. “一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）一般行政管理事务（项）”190.00万元，主要用于审批服务运行。2023年当年预算执行数为150.00万元，2024年预算安排190.00万元，比2023年预算执行数增加26.67%。主要原因是：专用经费增加。",
      ),
      sh04.paragraphs.join("\n"),
    );
    // Without a use, a generic 项 is named with its 款, a specific one by itself; no 执行数 → no comparison.
    assert.ok(sh04.paragraphs.includes("4. “卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）”科目41.11万元，主要用于行政单位医疗。"));
    const sh05 = r.sections.find((x) => x.id === "sh05")!;
    assert.ok(sh05.paragraphs.includes("2024年平乡县行政审批局（部门）下属1家机关财政拨款的机关运行经费预算为39.52万元。"), sh05.paragraphs.join("\n"));
    assert.ok(sh05.paragraphs.includes("2024年“三公”经费预算数为0.00万元，与2023年预算持平。其中："));
  });

  it("a template syntax error is reported in Chinese with line and column", () => {
    assert.equal(templateSyntaxError("{{ 年度 }}年"), null);
    const e = templateSyntaxError("第一行\n{% if 采购.空表 %}没有结束")!;
    assert.equal(e.line, 2);
    assert.equal(e.column, 1);
    assert.match(e.message, /^第 2 行第 1 列：标签 \{% if 采购\.空表 %\} 没有结束/);
    assert.match(templateSyntaxError("{{ 年度 | 不存在 }}")!.message, /不认识的过滤器/);
  });
});

describe("narrative with last year's workbook", () => {
  it("上年 figures come from last year's workbook; a typed 说明参数 that disagrees is a warning", async () => {
    const current = await fixture("seed");
    const last = await fixture("seed");
    // Last year: 基本支出 586.00, 项目支出 423.10 (the seed's own 说明参数), total 1009.10.
    setCell(last, "支出总表", "D6", 1009.1);
    setCell(last, "支出总表", "E6", 586);
    setCell(last, "支出总表", "F6", 423.1);
    setCell(last, "收支总表", "E37", 1009.1);
    const prev = readWorkbook(last);
    const r = renderNarrativeWorkbook(readWorkbook(current), templates(), { previous: prev });
    const text = narrativeText(r);
    assert.match(text, /较2023年预算增加33\.48万元，其中：基本支出增加266\.58万元，.*项目支出减少233\.10万元/);
    assert.deepEqual(r.findings.filter((f) => f.rule === "N-03"), []);

    // The typed 上年基本支出 disagrees: last year's workbook wins, with a warning at the typed cell.
    setCell(last, "支出总表", "E6", 590);
    setCell(last, "支出总表", "F6", 419.1);
    const r2 = renderNarrativeWorkbook(readWorkbook(current), templates(), { previous: readWorkbook(last) });
    assert.match(narrativeText(r2), /基本支出增加262\.58万元，.*项目支出减少229\.10万元/);
    const w = r2.findings.filter((f) => f.rule === "N-03");
    assert.deepEqual(w.map((f) => `${f.sheet}!${f.cell}`).sort(), ["说明参数!B8", "说明参数!B9"]);
    assert.match(w[0].message, /说明参数“上年基本支出”为586\.00万元，上年工作簿为590\.00万元/);

    // Without the typed rows, the previous workbook alone supplies them.
    const bare = await fixture("seed");
    for (const a of ["A7", "A8", "A9"]) setCell(bare, "说明参数", a, null);
    const r3 = renderNarrativeWorkbook(readWorkbook(bare), templates(), { previous: prev });
    assert.equal(r3.missing, 0);
    assert.match(narrativeText(r3), /较2023年预算增加33\.48万元/);
  });

  it("last year's workbook must be of this year − 1 when both years are known", async () => {
    const wb = readWorkbook(await fixture("seed"));
    assert.equal(budgetYear(wb), 2024);
    // A copy of this year's: every change would read 持平.
    assert.equal(
      previousYearProblem(wb, "本年.xlsx", readWorkbook(await fixture("seed-yuan")), "上年.xlsx"),
      "上年工作簿 上年.xlsx 是2024年的预算，本年.xlsx 是2024年的预算；上年工作簿应是2023年的。请选择2023年的预算公开工作簿。",
    );
    const last = readWorkbook((await readSnapshot(await workbookToBuffer(buildStandardWorkbook(SEED_AS_2023)), "2023.xlsx")).snapshot);
    assert.equal(budgetYear(last), 2023);
    assert.equal(previousYearProblem(wb, "本年.xlsx", last, "上年.xlsx"), undefined);
    // A year nobody stated is not guessed: the workbook is taken as before.
    const unknown = { ...wb, year: undefined, params: undefined };
    assert.equal(budgetYear(unknown), undefined);
    assert.equal(previousYearProblem(wb, "本年.xlsx", unknown, "上年.xlsx"), undefined);
    assert.equal(previousYearProblem(unknown, "本年.xlsx", wb, "上年.xlsx"), undefined);
  });
});
