// The export's report (errors, 【缺少】, fixed slips) and reading a rendering's pages, without LibreOffice.
import { strict as assert } from "assert";
import { fixSlips, SlipLog } from "../../src/docx/slips";
import { headingPages, printedPageNumber, rowBreaks, tocEntries } from "../../src/docx/pagination";
import { buildDisclosure } from "../../src/docx/build";
import { exportDisclosure, exportNeedsConfirmation, reportLines } from "../../src/docx/from-snapshot";
import { loadTemplates } from "../../src/cli/templates";
import { loadSeed, seedNarrativeText } from "./seed";
import { check } from "../../src/core/check";
import { countSeverities, groupFindings } from "../../src/core/group-findings";
import { openDocx, paragraphs, tables } from "./docx-xml";

describe("docx: typographic slips of the source", () => {
  it("half-width brackets and straight quotes in Chinese text become full-width ones, and are logged", () => {
    const log = new SlipLog();
    assert.equal(fixSlips("维修(护)费", log), "维修（护）费");
    assert.equal(fixSlips("办公室(室)", log), "办公室（室）");
    assert.equal(fixSlips('群众满意度达到"较满意"以上', log), "群众满意度达到“较满意”以上");
    assert.equal(fixSlips("单位:万元", log), "单位：万元");
    assert.equal(fixSlips("维修(护)费", log), "维修（护）费");
    assert.deepEqual(log.slips, [
      { from: "(护)", to: "（护）", count: 2 },
      { from: "(室)", to: "（室）", count: 1 },
      { from: '"较满意"', to: "“较满意”", count: 1 },
      { from: "位:", to: "位：", count: 1 },
    ]);
  });

  it("leaves Latin text, figures and unpaired marks alone", () => {
    const log = new SlipLog();
    for (const t of ["f(x) = 1", "1,234.56", "(1)", 'Say "hi"', "≥95%", '他说"没有结束', "2024-12-31"]) assert.equal(fixSlips(t, log), t);
    assert.deepEqual(log.slips, []);
  });
});

describe("docx: reading a rendering's pages", () => {
  const page = (body: string, no?: number) => `${body}\n\n${no === undefined ? "" : `— ${no} —`}\n`;
  const pages = [
    page("示例县第1部门\n2024 年部门预算信息公开"),
    page("2024 年部门预算信息公开目录\n部门预算公开表........ 1\n    部门预算收支总表 .......1\n    部门预算收入总表…………3\n一、部门职责........ 4"),
    page("部门预算公开表\n部门预算收支总表\n序号 收入", 1),
    page("续表 序号", 2),
    page("部门预算收入总表\n详见部门预算收支总表", 3),
    page("一、部门 职责\n正文", 4),
  ];

  it("the printed footer number, the 目录's entries, each heading's page in order", () => {
    assert.equal(printedPageNumber(pages[0]), undefined);
    assert.equal(printedPageNumber(pages[3]), 2);
    assert.deepEqual(tocEntries(pages), [
      { title: "部门预算公开表", page: 1 },
      { title: "部门预算收支总表", page: 1 },
      { title: "部门预算收入总表", page: 3 },
      { title: "一、部门职责", page: 4 },
    ]);
    // The 目录 page lists every title but has no page number: never taken for a heading.
    assert.deepEqual(headingPages(pages, ["部门预算公开表", "部门预算收支总表", "部门预算收入总表", "一、部门职责", "二、没有的标题"]), [1, 1, 3, 4, undefined]);
  });

  it("the rows that start a page, from the rows' bookmarks in the PDF", () => {
    const dests = new Map<string, number>([
      ["_Toc1", 3],
      ["bdT2r0", 5],
      ["bdT2r1", 5],
      ["bdT2r2", 6],
      ["bdT2r10", 7],
      ["bdT2r3", 6],
      ["bdT3r0", 9],
      ["bdT3r1", 9],
      ["bdT1r0", 4],
    ]);
    // Rows in their numeric order (r10 after r3); a table on one page has no breaks.
    assert.deepEqual(rowBreaks(dests), { T2: [2, 10] });
  });
});

describe("docx: long tables split where a rendering started their pages", () => {
  it("each continuation starts a page, its caption row marked 续表, with the header rows again", async () => {
    const { wb } = await loadSeed();
    const narrative = { sections: [], findings: [] };
    const plain = await openDocx((await buildDisclosure(wb, narrative, { pageNumbers: false })).bytes);
    const split = await buildDisclosure(wb, narrative, { pageNumbers: false, breaks: { T3: [5, 10] }, measure: true });
    const doc = (await openDocx(split.bytes)).document;
    const all = tables(doc);
    // T3 (14 body rows) is now three tables: rows 0–4, 5–9, 10–13, each with the two header rows and 栏次.
    const t3 = all.filter((t) => t.some((r) => r.cells[1] === "科目编码") && t.some((r) => r.cells.includes("对附属单位补助支出")));
    assert.equal(t3.length, 3);
    assert.deepEqual(
      t3.map((t) => t.filter((r) => !r.header).map((r) => r.cells[0])),
      [["1", "2", "3", "4", "5"], ["6", "7", "8", "9", "10"], ["11", "12", "13", "14"]],
    );
    for (const t of t3) assert.deepEqual(t.filter((r) => r.header).map((r) => r.cells[0]), ["序号", "", "栏次"]);
    assert.equal(tables(plain.document).length, all.length - 2);
    // The caption rows: the first as before, the continuations marked 续表; a page break before each continuation.
    const caps = [...doc.matchAll(/续表　[^<]*/g)].map((m) => m[0]);
    assert.equal(caps.length, 2);
    const breaks = paragraphs(doc).filter((p) => /<w:pageBreakBefore\/>/.test(p.xml) && p.text === "");
    assert.ok(breaks.length >= 2);
    // The measuring document bookmarks every body row; the split one (without measure) bookmarks none.
    assert.match(doc, /w:name="bdT3r13"/);
    assert.doesNotMatch(plain.document, /w:name="bdT/);
  });

  it("a continuation whose 续表 line would not fit one line takes the smaller size, so the page holds what was measured", async () => {
    const { wb } = await loadSeed();
    const narrative = { sections: [], findings: [] };
    const sizeOfContinued = async () => {
      const doc = (await openDocx((await buildDisclosure(wb, narrative, { pageNumbers: false, breaks: { T3: [5] } })).bytes)).document;
      const run = doc.split("<w:r>").find((r) => r.includes("续表　")) ?? "";
      return /<w:sz w:val="(\d+)"\/>/.exec(run)?.[1];
    };
    assert.equal(await sizeOfContinued(), "21"); // 五号: "续表　428 平乡县行政审批局 … 单位：万元" fits
    wb.t3!.deptName = "某某市某某区人民政府某某街道办事处社区事务受理服务中心";
    assert.equal(await sizeOfContinued(), "18"); // 小五
  });
});

describe("docx: the export's report", () => {
  it("the seed: its 办公用房 error (B6 and C6, one cause) and the text's errors stop the export; its slips are fixed and listed", async () => {
    const { snapshot } = await loadSeed();
    const out = await exportDisclosure(snapshot, { narrativeText: seedNarrativeText(), narrativeName: "说明.txt" });
    assert.ok(exportNeedsConfirmation(out.report));
    assert.deepEqual(
      out.report.errors.filter((f) => f.sheet === "固定资产占用情况表").map((f) => f.cell),
      ["B6"],
    );
    assert.ok(out.report.errors.some((f) => f.sheet === "说明.txt"));
    assert.deepEqual(out.report.missing, []);
    // The seed's own slips: (室) in one table where the others print （室）, straight quotes in a 绩效目标 text.
    assert.deepEqual(out.report.slips, [
      { from: "(室)", to: "（室）", count: 2 },
      { from: '"四面围城"', to: "“四面围城”", count: 1 },
      { from: '"万里长征"', to: "“万里长征”", count: 1 },
    ]);
    const lines = reportLines(out.report);
    assert.match(lines[0], /^校验发现 \d+ 个错误：$/);
    assert.ok(lines.some((l) => /B6：“其中：办公用房”数量 452 平方米.*（同一原因：C6）$/.test(l)), lines.join("\n"));
    assert.ok(lines.includes("  (室) → （室）（2 处）"), lines.join("\n"));
    assert.ok(lines.some((l) => /^  说明\.txt 第30段第2句/.test(l)), lines.join("\n"));
    // What is printed has no half-width brackets around Chinese.
    const doc = (await openDocx(out.bytes)).document;
    const texts = [...paragraphs(doc).map((p) => p.text), ...tables(doc).flatMap((t) => t.flatMap((r) => r.cells))];
    assert.deepEqual(texts.filter((t) => /\([^)]*[\u4e00-\u9fff][^)]*\)|"/.test(t)), []);
    assert.ok(texts.some((t) => t.includes("“四面围城”")));
  });

  it("counts errors as check does (one cause, one error), with the same text check", async () => {
    const { snapshot } = await loadSeed();
    const text = seedNarrativeText();
    const out = await exportDisclosure(snapshot, { narrativeText: text, narrativeName: "说明.txt" });
    const options = { narrative: { text, source: { name: "说明.txt" } } };
    const shown = countSeverities(groupFindings(snapshot, check(snapshot, options), options).findings).error;
    assert.ok(shown < check(snapshot, options).findings.filter((f) => f.severity === "error").length, "the seed has errors of one cause");
    assert.equal(out.report.errors.length, shown);
    assert.equal(reportLines(out.report)[0], `校验发现 ${shown} 个错误：`);
  });

  it("a narrative from the templates without 说明参数 lists each 【缺少】 once, with its count", async () => {
    const { snapshot } = await loadSeed();
    const bare = { ...snapshot, sheets: snapshot.sheets.filter((s) => s.name !== "说明参数") };
    const out = await exportDisclosure(bare, { templates: loadTemplates() });
    assert.equal(out.narrativeSource, "templates");
    assert.ok(out.report.missing.length >= 5, JSON.stringify(out.report.missing));
    assert.ok(out.report.missing.every((m) => /^【缺少：.+】$/.test(m.text) && m.count >= 1));
    assert.equal(new Set(out.report.missing.map((m) => m.text)).size, out.report.missing.length);
    assert.ok(reportLines(out.report).some((l) => /^情况说明中有 \d+ 处缺少内容：$/.test(l)));
    assert.equal(out.report.pageNumbers, "estimated");
  });
});
