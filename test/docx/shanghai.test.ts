// Shanghai's published form: the real Shanghai workbooks export with Shanghai's order (主要职能, 机构设置, 名词解释,
// 预算编制说明, the nine tables in Shanghai's order, 其他相关情况说明) and the narrative in Shanghai's style, or in the
// seed's form by choice.
import { strict as assert } from "assert";
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { exportDisclosure, narrativeFromText } from "../../src/docx";
import { breakTitle } from "../../src/docx/build";
import { loadTemplates } from "../../src/cli/templates";
import { readSnapshotSync } from "../../src/xlsx/read-snapshot";
import { openDocx, paragraphs, tables } from "./docx-xml";
import { REPO } from "./seed";

const WANLI = join(REPO, "test", "fixtures", "real", "shanghai-putuo-wanli-2025.xlsx");
const SWFY = join(REPO, "test", "fixtures", "real", "shanghai-putuo-swfy-2024.xlsx");
const PUBLISHED = join(REPO, "..", "shared", "reference", "real-disclosures", "shanghai-putuo-wanli-2025", "published-narrative.txt");

const snapshotOf = (file: string) => readSnapshotSync(new Uint8Array(readFileSync(file))).snapshot;
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
    const firstBreak = doc.indexOf("<w:sectPr", doc.indexOf("目录"));
    assert.ok(doc.indexOf('<w:pgNumType w:start="1"') > doc.indexOf("（部门）主要职能"), "numbering starts with 主要职能");
    assert.ok(firstBreak > 0);
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

  it("long titles break between words: before （部门）主要职能, 年部门预算编制说明, 年部门预算信息公开情况说明", () => {
    assert.equal(breakTitle("上海市普陀区人民政府万里街道办事处（部门）主要职能", 24), "上海市普陀区人民政府万里街道办事处\n（部门）主要职能");
    assert.equal(breakTitle("上海市普陀区人民政府万里街道办事处2025年部门预算编制说明", 24), "上海市普陀区人民政府万里街道办事处\n2025年部门预算编制说明");
    assert.equal(breakTitle("平乡县行政审批局2024年部门预算信息公开情况说明", 20), "平乡县行政审批局\n2024年部门预算信息公开情况说明");
    assert.equal(breakTitle("名词解释", 24), "名词解释");
  });
});
