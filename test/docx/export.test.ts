import { strict as assert } from "assert";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { buildDisclosureDocx, narrativeFromText, readNarrativeFile } from "../../src/docx";
import { checkNarrativeText } from "../../src/core/text-check";
import { exportCommand } from "../../src/cli/export-command";
import { nodeIo } from "../../src/cli/node-io";
import type { BudgetWorkbook } from "../../src/core/model/types";
import { loadSeed, seedNarrativeText, SEED_XLSX } from "./seed";
import { captions, openDocx, paragraphs, tables, type DocxParts, type XmlRow } from "./docx-xml";

let wb: BudgetWorkbook;
let bytes: Uint8Array;
let docx: DocxParts;

before(async () => {
  ({ wb } = await loadSeed());
  bytes = await buildDisclosureDocx(wb, narrativeFromText(seedNarrativeText()));
  docx = await openDocx(bytes);
});

const cells = (t: XmlRow[]) => t.map((r) => r.cells);
/** The table whose rows include one starting with these cells. */
function tableWith(...start: string[]): XmlRow[] {
  const t = tables(docx.document).find((tb) => tb.some((r) => start.every((s, i) => r.cells[i] === s)));
  assert.ok(t, `no table with a row ${start.join(" | ")}`);
  return t!;
}

describe("docx: the published tables", () => {
  it("T1 部门预算收支总表: 34 numbered rows, two decimals, blank for zero", () => {
    const t1 = tableWith("1", "一、一般公共预算拨款收入");
    assert.deepEqual(t1[0].cells, ["序号", "收入", "支出"]);
    assert.deepEqual(t1[1].cells, ["", "项目", "预算数", "项目", "预算数"]); // "" continues 序号 down
    assert.deepEqual(t1[2].cells, ["栏次", "1", "2", "3", "4"]);
    const body = cells(t1).slice(3);
    assert.equal(body.length, 34);
    assert.deepEqual(body[0], ["1", "一、一般公共预算拨款收入", "1042.58", "一、一般公共服务支出", "883.02"]);
    assert.deepEqual(body[1], ["2", "二、政府性基金预算拨款收入", "", "二、外交支出", ""]);
    assert.deepEqual(body[7], ["8", "", "", "八、社会保障和就业支出", "65.15"]);
    assert.deepEqual(body[30], ["31", "", "", "三十一、人行科目", ""]);
    assert.deepEqual(body[31], ["32", "本年收入合计", "1042.58", "本年支出合计", "1042.58"]);
    assert.deepEqual(body[33], ["34", "收入总计", "1042.58", "支出总计", "1042.58"]);
    // Amounts right-aligned.
    assert.match(t1[3].xml.split("<w:tc>")[3], /<w:jc w:val="right"\/>/);
  });

  it("header rows repeat on every page; no row splits across pages", () => {
    const t1 = tableWith("1", "一、一般公共预算拨款收入");
    assert.deepEqual(
      t1.slice(0, 4).map((r) => r.header),
      [true, true, true, false],
    );
    for (const t of tables(docx.document)) for (const r of t) assert.ok(r.cantSplit, r.cells.join("|"));
    // 序号 spans the two header rows (vertical merge).
    assert.match(t1[0].xml, /<w:vMerge w:val="restart"\/>/);
    assert.match(t1[1].xml, /<w:vMerge\/>|<w:vMerge w:val="continue"\/>/);
  });

  it("T2, T3, T5, T6 rows by code, as in the seed", () => {
    const t2 = tableWith("1", "", "合计", "1042.58", "1042.58", "1042.58");
    assert.equal(t2[0].cells.length, 5); // 序号, 功能分类科目, 合计, 本年收入, 上年结转
    assert.deepEqual(t2[1].cells, ["", "科目编码", "科目名称", "", "小计", "财政拨款收入", "财政专户收入", "事业收入", "经营收入", "上级补助收入", "附属单位上缴收入", "其他收入", ""]);
    const t3 = tableWith("4", "2010302", "一般行政管理事务", "190.00", "", "190.00");
    assert.equal(cells(t3).slice(3).length, 14);
    const t6 = tableWith("1", "", "合计", "852.58", "813.06", "39.52");
    assert.deepEqual(t6[0].cells, ["序号", "支出部门经济分类科目", "一般公共预算基本支出"]);
    assert.deepEqual(
      cells(t6).find((r) => r[1] === "30239"),
      ["17", "30239", "其他交通费用", "17.00", "", "17.00"],
    );
  });

  it("empty tables print the header, the 栏次 row and the 注 line", () => {
    const ps = paragraphs(docx.document).map((p) => p.text);
    assert.ok(ps.includes("注：无政府性基金预算财政拨款预算，空表列示。"));
    assert.ok(ps.includes("注：无国有资本经营预算财政拨款预算，空表列示。"));
    assert.ok(ps.includes("注：无财政拨款“三公”经费支出表预算，空表列示。"));
    const t9 = tableWith("序号", "项目", "资金性质");
    assert.deepEqual(
      cells(t9).map((r) => r[0]),
      ["序号", "", "栏次"], // no data rows
    );
  });

  it("the department / year / unit line heads each table and repeats with its header on every page", () => {
    const lines = captions(docx.document);
    assert.equal(lines.length, 11);
    assert.equal(lines[0], "428 平乡县行政审批局\t预算年度：2024\t单位：万元");
    assert.ok(lines.includes("428 平乡县行政审批局\t截止时间：2023-12-31\t"));
    const first = /<w:tbl>[\s\S]*?<w:tr>([\s\S]*?)<\/w:tr>/.exec(docx.document)![1];
    assert.match(first, /<w:tblHeader\/>/);
  });

  it("columns sized from their content: 序号 holds two characters, codes and amounts never break", () => {
    const grid = (t: string) => [...t.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const all = [...docx.document.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]);
    const t3 = all.find((t) => t.includes("对附属") && t.includes("2010302"))!; // the label is broken into even lines
    const cols = grid(t3);
    // 小五 (9 pt = 180 twips a character) plus 1.5 mm padding each side.
    assert.ok(cols[0] >= 2 * 180 + 170, `序号 ${cols[0]}`);
    assert.ok(cols[1] >= 7 * 90 + 170, `科目编码 ${cols[1]}`);
    assert.ok(cols[2] > cols[3], `科目名称 ${cols[2]} wider than an amount column ${cols[3]}`);
    assert.equal(cols.reduce((a, b) => a + b, 0), 8845);
    // Right-aligned amounts keep 1.5 mm from the cell border.
    assert.match(t3, /<w:right w:type="dxa" w:w="85"\/>/);
  });
});

describe("docx: the 情况说明", () => {
  it("headings in order, from the cover to 十", () => {
    const hs = paragraphs(docx.document).filter((p) => p.style === "Heading1" || p.style === "Heading2");
    assert.deepEqual(
      hs.map((h) => `${h.style === "Heading1" ? "H1" : "H2"} ${h.text}`),
      [
        "H1 部门预算公开表",
        "H2 部门预算收支总表",
        "H2 部门预算收入总表",
        "H2 部门预算支出总表",
        "H2 部门预算财政拨款收支总表",
        "H2 部门预算一般公共预算财政拨款支出表",
        "H2 部门预算一般公共预算财政拨款基本支出表",
        "H2 部门预算政府性基金预算财政拨款支出表",
        "H2 部门预算国有资本经营预算财政拨款支出表",
        "H2 部门预算财政拨款“三公”经费支出表",
        "H1 平乡县行政审批局2024 年部门预算信息公开情况说明",
        "H2 一、部门职责及机构设置情况",
        "H2 二、部门预算安排的总体情况",
        "H2 三、机关运行经费安排情况",
        "H2 四、财政拨款“三公”经费预算情况及增减变化原因",
        "H2 五、部门整体绩效目标",
        "H2 六、部门项目预算安排情况及绩效目标",
        "H2 七、政府采购预算情况",
        "H2 八、国有资产信息",
        "H2 九、名词解释",
        "H2 十、其他需要说明的事项",
      ],
    );
  });

  it("body paragraphs carry the narrative, in 仿宋_GB2312 三号", () => {
    const ps = paragraphs(docx.document);
    const p = ps.find((x) => x.text.startsWith("2024年预算收支安排1042.58万元"));
    assert.ok(p);
    assert.match(p!.xml, /w:eastAsia="仿宋_GB2312"/);
    assert.match(p!.xml, /<w:sz w:val="32"\/>/);
    assert.ok(ps.some((x) => x.text === "我部门无其他需要说明的事项。"));
    // Section headings in 黑体, the title in 方正小标宋简体.
    assert.match(ps.find((x) => x.text === "九、名词解释")!.xml, /w:eastAsia="黑体"/);
    assert.match(ps.find((x) => x.style === "Heading1" && x.text.endsWith("情况说明"))!.xml, /w:eastAsia="方正小标宋简体"/);
    // Tables in 宋体.
    assert.match(tableWith("1", "一、一般公共预算拨款收入")[3].xml, /w:eastAsia="宋体"/);
    // Word falls back to 仿宋 where 仿宋_GB2312 is not installed.
    assert.match(docx.fontTable, /<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
  });

  it("机构设置, 项目绩效目标, 政府采购 and 固定资产 tables sit in their sections", () => {
    const org = tableWith("单位名称", "单位性质", "单位规格", "经费保障形式");
    assert.deepEqual(org[1].cells, ["平乡县行政审批局本级", "行政", "正科级", "财政拨款"]);
    const head = tableWith("项目编码", "13053224P00273511912Y");
    assert.deepEqual(head[1].cells, ["预算规模及资金用途", "预算数", "132.00", "其中：财政资金", "132.00", "其他资金", ""]);
    assert.deepEqual(head[4].cells, ["", "33.00", "66.00", "99.00", "132.00"]);
    const grids = tables(docx.document).filter((t) => t[0].cells[0] === "一级指标");
    assert.equal(grids.length, 4);
    assert.ok(grids.every((g) => g[0].header && !g[1].header));
    assert.deepEqual(grids[0][1].cells, ["产出指标", "数量指标", "可研评审和化解风险事件数", "可研评审、化解风险事件数", "≤150 件", "河北省重大固定资产投资项目社会稳定风险评估办法"]);
    assert.deepEqual(tableWith("资产总额").find((r) => r.cells[0] === "资产总额")!.cells, ["资产总额", "", "625.11"]);
    assert.deepEqual(tableWith("其中：办公用房（平方米）").find((r) => r.cells[0] === "其中：办公用房（平方米）")!.cells, ["其中：办公用房（平方米）", "452", "2.11"]);
    const t10 = tableWith("政府采购项目来源");
    assert.equal(t10[0].cells.at(-1), "2024年预留中小微企业份额");
  });

  it("目录: a TOC field with its entries and page numbers written", () => {
    const sdt = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(docx.document)![0];
    assert.match(sdt, /TOC \\h \\o &quot;1-2&quot;/);
    const entries = [...sdt.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => [...m[1].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]));
    const line = (title: string) => entries.find((e) => e[0] === title);
    assert.deepEqual(line("部门预算收支总表"), ["部门预算收支总表", "1"]);
    assert.deepEqual(line("部门预算收入总表"), ["部门预算收入总表", "3"]);
    assert.ok(Number(line("十、其他需要说明的事项")![1]) > 20);
  });

  it("the title breaks before 2024年部门预算信息公开情况说明, never inside a word", () => {
    const title = paragraphs(docx.document).find((p) => p.style === "Heading1" && p.text.endsWith("情况说明"))!;
    assert.deepEqual([...title.xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1].trim()), ["平乡县行政审批局", "2024 年部门预算信息公开情况说明"]);
    assert.match(title.xml, /<w:br\/>/);
  });

  it("zh-CN language, headings on the 29-pt grid line, body 28 characters a line, the part heading larger than table titles", () => {
    assert.match(docx.styles, /<w:lang w:val="en-US" w:eastAsia="zh-CN"\/>/);
    const ps = paragraphs(docx.document);
    const body = ps.find((x) => x.text.startsWith("2024年预算收支安排1042.58万元"))!;
    assert.match(body.xml, /<w:spacing w:line="579" w:lineRule="exact"\/>/);
    assert.match(body.xml, /<w:spacing w:val="-5"\/>/); // 28 × (320 − 5) twips ≤ 8845
    const h2 = ps.find((x) => x.text === "九、名词解释")!;
    assert.match(h2.xml, /w:line="579" w:lineRule="exact"/);
    const part = ps.find((x) => x.text === "部门预算公开表")!;
    const t1 = ps.find((x) => x.text === "部门预算收支总表")!;
    const size = (xml: string) => Number(/<w:sz w:val="(\d+)"\/>/.exec(xml)![1]);
    assert.ok(size(part.xml) > size(t1.xml));
  });

  it("each 项目绩效目标表 is two tables with a paragraph between them", () => {
    assert.doesNotMatch(docx.document, /<\/w:tbl><w:tbl>/);
  });

  it("A4 pages, landscape for the wide tables, page numbers in the footer", async () => {
    const sizes = [...docx.document.matchAll(/<w:pgSz ([^>]*)\/>/g)].map((m) => m[1]);
    assert.ok(sizes.every((s) => /w:w="(11906|16838)"/.test(s) && /w:h="(16838|11906)"/.test(s)));
    assert.ok(sizes.some((s) => /w:orient="landscape"/.test(s)));
    assert.match(docx.document, /<w:pgNumType w:start="1"\/>/);
    // Page numbers at the outer edge: right on odd pages, left on even ones.
    const footers = await Promise.all(docx.zip.file(/word\/footer\d*\.xml/).map((f) => f.async("string")));
    assert.ok(footers.every((f) => /PAGE/.test(f)));
    assert.ok(footers.some((f) => /<w:jc w:val="right"\/>/.test(f)) && footers.some((f) => /<w:jc w:val="left"\/>/.test(f)));
    assert.match(await docx.zip.file("word/settings.xml")!.async("string"), /<w:evenAndOddHeaders\/>/);
  });
});

describe("docx: with the narrative rendered from the templates", () => {
  it("prints each table once: the narrative's own captions, summaries and notes give way to the tables", async () => {
    const { snapshot } = await loadSeed();
    const { renderNarrative } = await import("../../src/core/narrative/render");
    const { loadTemplates } = await import("../../src/cli/templates");
    const d = await openDocx(await buildDisclosureDocx(wb, renderNarrative(snapshot, loadTemplates())));
    const ps = paragraphs(d.document).map((p) => p.text);
    assert.equal(ps.filter((p) => p === "1、可研评审及稳定风险评估等专用经费绩效目标表").length, 1);
    assert.ok(!ps.some((p) => p.startsWith("项目编码13053224P00273511912Y")));
    assert.ok(!ps.some((p) => p.startsWith("平乡县行政审批局本级：单位性质为")));
    assert.equal(ps.filter((p) => p === "注：无政府采购预算，空表列示。").length, 1);
    assert.ok(ps.includes("四、财政拨款“三公”经费预算情况及增减变化原因"));
    assert.equal(tables(d.document).filter((t) => t[0].cells[0] === "一级指标").length, 4);
  });
});

describe("docx: a workbook in 元", () => {
  it("prints the same 万元 tables as the 万元 workbook", async () => {
    const { wb: yuan } = await loadSeed(join(__dirname, "..", "fixtures", "seed-yuan.xlsx"));
    const d = await openDocx(await buildDisclosureDocx(yuan, narrativeFromText("一、部门职责及机构设置情况\n第一行\n第二行"), { pageNumbers: false }));
    const all = tables(d.document);
    assert.deepEqual(cells(all[0]).slice(3, 4), [["1", "一、一般公共预算拨款收入", "1042.58", "一、一般公共服务支出", "883.02"]]);
    assert.ok(all.some((t) => t.some((r) => r.cells.join("|") === "1||合计|852.58|813.06|39.52")));
    assert.ok(paragraphs(d.document).some((p) => p.text === "第二行"));
  });
});

describe("docx: exportDisclosure (what the task pane and the browser call)", () => {
  it("takes the 情况说明 sheet when the workbook has one, else renders the templates", async () => {
    const { snapshot } = await loadSeed();
    const { exportDisclosure } = await import("../../src/docx");
    const { loadTemplates } = await import("../../src/cli/templates");
    const rendered = await exportDisclosure(snapshot, { templates: loadTemplates() });
    assert.equal(rendered.narrativeSource, "templates");
    assert.equal(rendered.fileName, "平乡县行政审批局2024年部门预算信息公开.docx");
    const sheet = { name: "情况说明", rows: seedNarrativeText().split("\n").map((l) => [l]) };
    const fromSheet = await exportDisclosure({ ...snapshot, sheets: [...snapshot.sheets, sheet] });
    assert.equal(fromSheet.narrativeSource, "sheet");
    const ps = paragraphs((await openDocx(fromSheet.bytes)).document).map((p) => p.text);
    assert.ok(ps.includes("与2023年相比增加0.00万元，增减变化的主要原因是无增减变化") || ps.some((p) => p.endsWith("增减变化的主要原因是无增减变化")));
  });
});

describe("docx: reading a 情况说明 back", () => {
  it("a .docx gives its paragraphs (tables as tab-separated rows) and checks like the text", async () => {
    const text = await readNarrativeFile(bytes, "公开.docx");
    assert.ok(text.includes("2024年预算收支安排1042.58万元，较2023年预算增加33.48万元"));
    assert.ok(text.split("\n").includes("平乡县行政审批局本级\t行政\t正科级\t财政拨款"));
    const fs = checkNarrativeText(text, wb, { name: "公开.docx" });
    assert.deepEqual(fs.map((f) => f.rule).sort(), ["S-06", "S-12", "S-12", "S-15"]);
    assert.ok(fs.every((f) => f.sheet === "公开.docx" && f.cell === ""));
  });

  it("a .txt in UTF-8 (with BOM) or GB18030", async () => {
    assert.equal(await readNarrativeFile(new TextEncoder().encode("\uFEFF一、部门职责\r\n正文。"), "a.txt"), "一、部门职责\n正文。");
    const gbk = new Uint8Array([0xd5, 0xfd, 0xce, 0xc4, 0xa1, 0xa3]); // "正文。" in GB18030
    assert.equal(await readNarrativeFile(gbk, "b.txt"), "正文。");
    await assert.rejects(readNarrativeFile(new Uint8Array([1, 2, 3]), "c.docx"), /不是有效的 Word 文档/);
  });
});

describe("cli: export", () => {
  const capture = () => {
    const out = { stdout: "", stderr: "" };
    return { out, io: nodeIo({ stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) }) };
  };

  it("writes the .docx and refuses to overwrite without --force", async () => {
    const dir = mkdtempSync(join(tmpdir(), "export-"));
    const narrative = join(dir, "说明.txt");
    writeFileSync(narrative, seedNarrativeText());
    const target = join(dir, "公开.docx");
    const stopped = capture();
    assert.equal(await exportCommand([SEED_XLSX, "-o", target, "--narrative", narrative, "--estimate"], stopped.io), 1);
    assert.ok(!existsSync(target));
    const { out, io } = capture();
    assert.equal(await exportCommand([SEED_XLSX, "-o", target, "--narrative", narrative, "--estimate", "--force"], io), 0, out.stderr);
    assert.match(out.stdout, /已导出 Word 文档/);
    assert.match(out.stdout, /目录页码为估算值/);
    // --estimate asked for it: no note sending the user to the command line they are using (the pane's wording)
    assert.doesNotMatch(out.stderr, /命令行|页码/);
    const produced = await openDocx(new Uint8Array(readFileSync(target)));
    assert.ok(tables(produced.document).length > 15);
    const again = capture();
    assert.equal(await exportCommand([SEED_XLSX, "-o", target, "--estimate"], again.io), 2);
    assert.match(again.out.stderr, /文件已存在/);
  });

  it("without LibreOffice the page numbers are estimated, and the report says what to install for real ones", async () => {
    const dir = mkdtempSync(join(tmpdir(), "export-"));
    const { out, io } = capture();
    const path = process.env.PATH;
    process.env.PATH = join(dir, "nothing"); // no soffice, pdftotext or sh on it
    try {
      assert.equal(await exportCommand([SEED_XLSX, "-o", join(dir, "公开.docx"), "--force"], io), 0, out.stderr);
    } finally {
      process.env.PATH = path;
    }
    assert.match(out.stdout, /目录页码为估算值/);
    assert.match(out.stderr, /本机没有 LibreOffice（soffice）和 pdftotext，目录页码为估算值；安装后重新导出即按实际排版写入（Debian\/Ubuntu：apt-get install libreoffice-writer-nogui/);
    assert.doesNotMatch(out.stderr, /用命令行导出/);
  });

  it("explains wrong arguments in Chinese", async () => {
    const a = capture();
    assert.equal(await exportCommand([SEED_XLSX], a.io), 2);
    assert.match(a.out.stderr, /请用 -o 指定输出的 \.docx 文件/);
    const b = capture();
    assert.equal(await exportCommand(["不存在.xlsx", "-o", join(tmpdir(), "x.docx")], b.io), 2);
    assert.match(b.out.stderr, /文件不存在/);
    const c = capture();
    assert.equal(await exportCommand(["--help"], c.io), 0);
    assert.match(c.out.stdout, /用法：budget-disclosure export/);
    assert.match(c.out.stdout, /--style <样式>\s+河北县级、上海区级/);
    const d = capture();
    assert.equal(await exportCommand([SEED_XLSX, "-o", join(tmpdir(), "x.docx"), "--style", "广东"], d.io), 2);
    assert.match(d.out.stderr, /--style 只能是 河北县级、上海区级，收到：广东/);
    assert.ok(!existsSync(join(tmpdir(), "x.docx")));
  });
});
