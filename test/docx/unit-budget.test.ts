// A 单位预算 (tables titled "预算单位…") exports as one: cover, 目录, part headings and the 编制单位 line say 单位预算,
// as the narrative and the published original do, in both forms; a 部门预算 exports as before.
import { strict as assert } from "assert";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { exportDisclosure } from "../../src/docx";
import { loadTemplates } from "../../src/cli/templates";
import { withNarrativeCheck } from "../../src/cli/narrative-check";
import { nodeIo } from "../../src/cli/node-io";
import { check } from "../../src/core/check";
import { captions, openDocx, paragraphs, snapshotOf } from "./docx-xml";
import { loadSeed, REPO } from "./seed";

const SWFY = join(REPO, "test", "fixtures", "real", "shanghai-putuo-swfy-2024.xlsx");
// The document's own kind; "部门预算经济分类" is the classification's name (table 8's title keeps it, as published).
const DEPT_BUDGET = /部门预算(?!经济分类)/;

/** What the export writes itself: the cover and 目录 (before the first heading), the headings, the 目录's entries, the caption lines. */
async function fixedTexts(bytes: Uint8Array) {
  const { document, zip } = await openDocx(bytes);
  const ps = paragraphs(document);
  const firstHeading = ps.findIndex((p) => p.style === "Heading1");
  const toc = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(document)?.[0] ?? "";
  return {
    cover: ps.slice(0, firstHeading).map((p) => p.text).filter(Boolean),
    headings: ps.filter((p) => p.style === "Heading1" || p.style === "Heading2").map((p) => p.text),
    toc: [...toc.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("|"),
    captions: captions(document),
    core: await zip.file("docProps/core.xml")!.async("string"),
  };
}

describe("docx: a 单位预算 says 单位预算", function () {
  this.timeout(120_000);
  const templates = loadTemplates();

  it("Shanghai's form (社会福利院 2024): cover 2024年单位预算, 单位预算表, 编制单位, no 部门预算 anywhere it writes", async () => {
    const out = await exportDisclosure(snapshotOf(SWFY), { templates });
    assert.equal(out.form, "上海区级");
    const t = await fixedTexts(out.bytes);
    assert.deepEqual(t.cover.slice(0, 2), ["上海市普陀区社会福利院", "2024年单位预算"]);
    assert.ok(t.headings.includes("单位预算表"), t.headings.join("|"));
    assert.match(t.toc, /单位预算表/);
    assert.equal(t.captions.length, 9);
    for (const c of t.captions) assert.match(c, /^编制单位：上海市普陀区社会福利院\t/);
    for (const x of [...t.cover, ...t.headings, t.toc, ...t.captions, t.core]) assert.doesNotMatch(x, DEPT_BUDGET);
    assert.match(t.core, /<dc:title>上海市普陀区社会福利院2024年单位预算<\/dc:title>/);
    assert.equal(out.fileName, "上海市普陀区社会福利院2024年单位预算信息公开.docx");
  });

  it("the seed's form: 2024年单位预算信息公开 and its 目录, 单位预算公开表, 单位机构设置情况", async () => {
    const out = await exportDisclosure(snapshotOf(SWFY), { templates, style: "河北县级" });
    const t = await fixedTexts(out.bytes);
    assert.deepEqual(t.cover.slice(0, 3), ["上海市普陀区社会福利院", "2024年单位预算信息公开", "2024年单位预算信息公开目录"]);
    assert.equal(t.headings[0], "单位预算公开表");
    assert.match(t.toc, /单位预算公开表/);
    for (const x of [...t.cover, ...t.headings, t.toc, t.core]) assert.doesNotMatch(x, DEPT_BUDGET);
    const ps = paragraphs((await openDocx(out.bytes)).document).map((p) => p.text);
    assert.equal(ps.filter((p) => /^(部门|单位)机构设置情况$/.test(p)).join("|"), "单位机构设置情况");
  });

  it("check --narrative on the exported document finds no 部门 wording (S-20)", async () => {
    const snapshot = snapshotOf(SWFY);
    const out = await exportDisclosure(snapshot, { templates });
    const file = join(mkdtempSync(join(tmpdir(), "unit-export-")), "swfy.docx");
    writeFileSync(file, out.bytes);
    const merged = await withNarrativeCheck(check(snapshot), snapshot, file, nodeIo(), (m) => new Error(m));
    assert.ok(merged.findings.some((f) => f.sheet === "swfy.docx"), "the document was checked");
    assert.deepEqual(merged.findings.filter((f) => f.rule === "S-20").map((f) => f.message), []);
  });

  it("a 部门预算 (the seed) keeps its 部门 wording in both forms", async () => {
    const { snapshot } = await loadSeed();
    const seed = await fixedTexts((await exportDisclosure(snapshot, { templates })).bytes);
    assert.deepEqual(seed.cover.slice(0, 3), ["平乡县行政审批局", "2024年部门预算信息公开", "2024年部门预算信息公开目录"]);
    assert.equal(seed.headings[0], "部门预算公开表");
    assert.match(seed.core, /<dc:title>平乡县行政审批局2024年部门预算信息公开<\/dc:title><dc:creator>预算公开助手<\/dc:creator><dc:description>部门预算信息公开：部门预算公开表与情况说明</);
    const sh = await fixedTexts((await exportDisclosure(snapshot, { templates, style: "上海区级" })).bytes);
    assert.equal(sh.cover[1], "2024年部门预算");
    assert.ok(sh.headings.includes("部门预算表"));
    // Tables 1–9 in Shanghai's form (政府采购 and 固定资产 keep the seed's line).
    assert.deepEqual(new Set(sh.captions.filter((c) => c.startsWith("编制")).map((c) => c.split("\t")[0])), new Set(["编制部门：平乡县行政审批局"]));
    assert.equal(sh.captions.filter((c) => c.startsWith("编制")).length, 9);
  });
});
