// Shanghai's published form: the real Shanghai workbooks export with Shanghai's order (主要职能, 机构设置, 名词解释,
// 预算编制说明, the nine tables in Shanghai's order, 其他相关情况说明) and the narrative in Shanghai's style, or in the
// seed's form by choice.
import { strict as assert } from "assert";
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { exportDisclosure, narrativeFromText } from "../../src/docx";
import { breakTitle, buildDisclosure } from "../../src/docx/build";
import { chineseOrdinal } from "../../src/core/model/classification";
import { balancedLabel } from "../../src/docx/grid";
import { loadSeed } from "./seed";
import { loadTemplates } from "../../src/cli/templates";
import { captions, openDocx, paragraphs, snapshotOf, tables } from "./docx-xml";
import { REPO } from "./seed";

const WANLI = join(REPO, "test", "fixtures", "real", "shanghai-putuo-wanli-2025.xlsx");
const SWFY = join(REPO, "test", "fixtures", "real", "shanghai-putuo-swfy-2024.xlsx");
const PUBLISHED = join(REPO, "..", "shared", "reference", "real-disclosures", "shanghai-putuo-wanli-2025", "published-narrative.txt");

const headingLines = async (bytes: Uint8Array) =>
  paragraphs((await openDocx(bytes)).document)
    .filter((p) => p.style === "Heading1" || p.style === "Heading2")
    .map((h) => `${h.style === "Heading1" ? "H1" : "H2"} ${h.text}`);

const WANLI_TABLES = [
  "H1 部门预算表",
  "H2 1. 2025年部门财务收支预算总表",
  "H2 2. 2025年部门收入预算总表",
  "H2 3. 2025年部门支出预算总表",
  "H2 4. 2025年部门财政拨款收支预算总表",
  "H2 5. 2025年部门一般公共预算支出功能分类预算表",
  "H2 6. 2025年部门政府性基金预算支出功能分类预算表",
  "H2 7. 2025年部门国有资本经营预算支出功能分类预算表",
  "H2 8. 2025年部门一般公共预算基本支出部门预算经济分类预算表",
  "H2 9. 2025年部门“三公”经费和机关运行经费预算表",
];

describe("docx: Shanghai's published form", function () {
  this.timeout(120_000);
  const templates = loadTemplates();

  it("a Shanghai workbook exports in Shanghai's order, with every section of its 预算编制说明-style narrative", async () => {
    const out = await exportDisclosure(snapshotOf(WANLI), { templates });
    assert.equal(out.form, "上海区级");
    assert.deepEqual(await headingLines(out.bytes), [
      "H1 上海市普陀区人民政府万里街道办事处（部门）主要职能",
      "H1 上海市普陀区人民政府万里街道办事处（部门）机构设置",
      "H1 名词解释",
      "H1 2025年部门预算编制说明",
      ...WANLI_TABLES,
      "H1 其他相关情况说明",
    ]);
    const ps = paragraphs((await openDocx(out.bytes)).document).map((p) => p.text);
    // The narrative's text, not only its headings: 机构设置's units, a 名词解释 term, 编制说明's items, 其他相关情况说明's parts.
    assert.ok(ps.includes("上海市普陀区万里街道综合行政执法队"));
    assert.ok(ps.some((p) => p.startsWith("（七）“三公”经费：")));
    assert.ok(ps.includes("财政拨款支出主要内容如下："));
    assert.ok(ps.includes("31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”科目384.67万元，主要用于住房公积金。"), ps.filter((p) => p.startsWith("31.")).join("|"));
    assert.ok(ps.includes("一、2025年“三公”经费预算情况说明"));
    assert.ok(ps.includes("2025年上海市普陀区人民政府万里街道办事处（部门）财政拨款的机关运行经费预算为464.64万元。"));
    // Page numbering starts at the first part after the 目录: the cover section has none, the first part restarts at 1.
    const doc = (await openDocx(out.bytes)).document;
    const starts = [...doc.matchAll(/<w:pgNumType w:start="(\d+)"/g)].map((m) => m[1]);
    assert.deepEqual(starts, ["1"]);
    assert.ok(doc.indexOf('<w:pgNumType w:start="1"') > doc.indexOf("（部门）主要职能"), "numbering starts with 主要职能");
  });

  it("or in the seed's form by choice: tables first, then the 情况说明 一 … 十", async () => {
    const out = await exportDisclosure(snapshotOf(WANLI), { templates, style: "河北县级" });
    assert.equal(out.form, "河北县级");
    const hs = await headingLines(out.bytes);
    assert.equal(hs[0], "H1 部门预算公开表");
    assert.equal(hs[1], "H2 2025年部门财务收支预算总表");
    assert.deepEqual(hs.slice(-11, -9), ["H1 上海市普陀区人民政府万里街道办事处2025年部门预算信息公开情况说明", "H2 一、部门职责及机构设置情况"]);
    assert.equal(hs[hs.length - 1], "H2 十、其他需要说明的事项");
  });

  it("a 单位预算 of one 事业单位 (社会福利院 2024) in Shanghai's form", async () => {
    const out = await exportDisclosure(snapshotOf(SWFY), { templates });
    assert.equal(out.form, "上海区级");
    const hs = await headingLines(out.bytes);
    assert.deepEqual(hs.slice(0, 4), ["H1 上海市普陀区社会福利院主要职能", "H1 上海市普陀区社会福利院机构设置", "H1 名词解释", "H1 2024年单位预算编制说明"]);
    assert.equal(hs[hs.length - 1], "H1 其他相关情况说明");
    assert.equal(hs.filter((h) => /^H2 \d\. /.test(h)).length, 9);
  });

  it("the published Shanghai text, given as the 情况说明, is read in its own style and printed whole", async function () {
    if (!existsSync(PUBLISHED)) this.skip();
    const text = readFileSync(PUBLISHED, "utf8");
    const n = narrativeFromText(text);
    assert.equal(n.style, "上海区级");
    assert.deepEqual(
      n.sections.map((s) => `${s.id} ${s.title}`),
      ["sh04 2025年部门预算编制说明", "sh05 其他相关情况说明"],
    );
    assert.ok(n.sections[1].paragraphs.includes("一、2025年“三公”经费预算情况说明"));
    const out = await exportDisclosure(snapshotOf(WANLI), { narrativeText: text });
    const hs = await headingLines(out.bytes);
    assert.deepEqual(hs, ["H1 2025年部门预算编制说明", ...WANLI_TABLES, "H1 其他相关情况说明"]);
    const ps = paragraphs((await openDocx(out.bytes)).document).map((p) => p.text);
    assert.ok(ps.includes("33. “住房保障支出（类）城乡社区住宅（款）其他城乡社区住宅支出（项）”科目217.72万元，主要用于其他城乡社区住宅支出。"));
    assert.ok(ps.includes("（三）公务接待费1.35万元。比2024年预算持平，主要原因是公务接待费保持不变。"));
    assert.equal(tables((await openDocx(out.bytes)).document).length >= 9, true);
  });

  it("the nine tables in Shanghai's form: no 序号 or 栏次, 类 | 款 | 项, 合计 last, figures in 元 as the sheet shows them", async () => {
    const out = await exportDisclosure(snapshotOf(WANLI), { templates });
    const doc = (await openDocx(out.bytes)).document;
    const all = tables(doc);
    const find = (first: string) => all.find((t) => t.some((r) => r.cells[0] === first))!;
    // 1. 收支总表: the income rows as the sheet has them, the nine classes with money renumbered, 总计 last.
    const t1 = all.find((t) => t[0].cells.join("|") === "本年收入|本年支出")!;
    assert.ok(t1);
    assert.deepEqual(t1[1].cells, ["项目", "预算数", "项目", "预算数"]);
    assert.deepEqual(t1[2].cells, ["一、财政拨款收入", "189,767,551", "一、一般公共服务支出", "3,296,600"]);
    assert.deepEqual(t1[3].cells, ["1. 一般公共预算资金", "189,767,551", "二、公共安全支出", "2,878,025"]);
    assert.deepEqual(t1[10].cells, ["", "", "九、住房保障支出", "9,364,732"]);
    assert.deepEqual(t1[t1.length - 1].cells, ["收入总计", "189,767,551", "支出总计", "189,767,551"]);
    assert.equal(t1.length, 12);
    // 2. 收入总表: only the columns the table has; codes split; 合计 last.
    const t2 = all.find((t) => t.some((r) => r.cells.join("|") === "201|05|07|专项普查活动|438,300|438,300|0|0|0"));
    assert.ok(t2, "收入总表 row 2010507");
    assert.deepEqual(t2![0].cells, ["项目", "收入预算"]);
    assert.deepEqual(t2![1].cells, ["功能分类科目编码", "功能分类科目名称", "合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"]);
    assert.deepEqual(t2![2].cells.filter(Boolean), ["类", "款", "项"]);
    assert.deepEqual(t2![3].cells, ["201", "", "", "一般公共服务支出", "3,296,600", "3,296,600", "0", "0", "0"]);
    assert.deepEqual(t2![t2!.length - 1].cells, ["合计", "189,767,551", "189,767,551", "0", "0", "0"]);
    assert.ok(!all.some((t) => t.some((r) => r.cells.includes("栏次") || r.cells.includes("序号"))));
    // 8. 基本支出 by economic class: 类 | 款.
    const t6 = all.find((t) => t.some((r) => r.cells.join("|") === "302|13|维修（护）费|276,000|0|276,000"));
    assert.ok(t6, "基本支出表 row 30213");
    assert.deepEqual(t6![1].cells, ["部门预算经济分类科目编码", "经济分类科目名称", "合计", "人员经费", "公用经费"]);
    assert.deepEqual(t6![t6!.length - 1].cells, ["合计", "101,341,746", "90,514,044", "10,827,702"]);
    // 9. 三公 and 机关运行经费: one row, in the table's 万元.
    const t9 = find("“三公”经费预算数");
    assert.deepEqual(t9[0].cells, ["“三公”经费预算数", "机关运行经费预算数"]);
    assert.deepEqual(t9[t9.length - 1].cells, ["37.91", "0.00", "1.35", "36.56", "15.00", "21.56", "464.64"]);
    // The line under each title: 编制部门 and the table's own unit.
    const caps = captions(doc);
    assert.equal(caps.length, 9);
    assert.deepEqual(new Set(caps), new Set(["编制部门：上海市普陀区人民政府万里街道办事处\t单位：元", "编制部门：上海市普陀区人民政府万里街道办事处\t单位：万元"]));
  });

  it("a seed-layout workbook in Shanghai's form: every seed column kept, classes with money renumbered", async () => {
    const { wb } = await loadSeed();
    const built = await buildDisclosure(wb, { sections: [], findings: [] }, { form: "上海", pageNumbers: false });
    const all = tables((await openDocx(built.bytes)).document);
    const t1 = all.find((t) => t[0].cells.join("|") === "本年收入|本年支出")!;
    assert.deepEqual(t1[2].cells.slice(2), ["一、一般公共服务支出", "883.02"]);
    assert.deepEqual(t1[3].cells.slice(2), ["二、社会保障和就业支出", "65.15"]);
    assert.deepEqual(t1[t1.length - 1].cells, ["收入总计", "1,042.58", "支出总计", "1,042.58"]);
    const t3 = all.find((t) => t.some((r) => r.cells[0] === "项目" && r.cells[1] === "支出预算"))!;
    assert.deepEqual(t3[1].cells.slice(2), ["合计", "基本支出", "项目支出", "事业单位经营支出", "上解上级支出", "对附属单位补助支出"]);
    assert.equal(chineseOrdinal(1), "一");
    assert.equal(chineseOrdinal(10), "十");
    assert.equal(chineseOrdinal(17), "十七");
    assert.equal(chineseOrdinal(30), "三十");
  });

  it("long titles break between words: before （部门）主要职能, 年部门预算编制说明, 年部门预算信息公开情况说明", () => {
    assert.equal(breakTitle("上海市普陀区人民政府万里街道办事处（部门）主要职能", 24), "上海市普陀区人民政府万里街道办事处\n（部门）主要职能");
    assert.equal(breakTitle("上海市普陀区人民政府万里街道办事处2025年部门预算编制说明", 24), "上海市普陀区人民政府万里街道办事处\n2025年部门预算编制说明");
    assert.equal(breakTitle("平乡县行政审批局2024年部门预算信息公开情况说明", 20), "平乡县行政审批局\n2024年部门预算信息公开情况说明");
    assert.equal(breakTitle("名词解释", 24), "名词解释");
  });

  it("header labels that wrap break into even lines of ideographs", () => {
    // 五号 (210 twips a character) in a cell with room for five: 3 + 3, not 5 + 1; Latin text and short labels as they are.
    assert.equal(balancedLabel("财政拨款收入", 5 * 210 + 170, 21), "财政拨\n款收入");
    assert.equal(balancedLabel("对附属单位补助支出", 4 * 210 + 170, 21), "对附属\n单位补\n助支出");
    assert.equal(balancedLabel("合计", 4 * 210 + 170, 21), "合计");
    assert.equal(balancedLabel("2024年预留中小微企业份额", 4 * 210 + 170, 21), "2024年预留中小微企业份额");
  });
});
