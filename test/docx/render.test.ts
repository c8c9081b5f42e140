// The exported document as LibreOffice lays it out, page by page, for generated departments of 10 to 300 code rows:
// every 目录 entry names the page its heading lands on; every continuation page of a table starts 续表 with the
// department line and the whole header, its first page does not. Needs soffice, pdftotext and pdfinfo (CI installs
// them in .ci/run); skipped on a machine without them, never in CI.
import { strict as assert } from "assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { generateWorkbook } from "../../bench/generate";
import { loadTemplates } from "../../src/cli/templates";
import { exportCommand } from "../../src/cli/export-command";
import { nodeIo } from "../../src/cli/node-io";
import { pdfDestinations, pdfPageTexts, renderPdfs, rendererAvailable } from "../../src/cli/soffice";
import { specFor } from "../../src/core/model/table-specs";
import { exportDisclosure, type DisclosureExport } from "../../src/docx/from-snapshot";
import { headingPages, printedPageNumber, rowBreaks, tocEntries } from "../../src/docx/pagination";
import { readSnapshotSync } from "../../src/xlsx/read-snapshot";

const SIZES = [10, 20, 60, 150, 300];
const TABLES = ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"] as const;
const squash = (s: string) => s.replace(/\s+/g, "");

/**
 * The pages of each of the nine tables (headings 1–9; heading 0 is the part heading on table 1's first page, heading
 * 10 the 情况说明's title): a table's first page carries no 续表, each page after it starts 续表 with the department
 * line, and shows every header label whole (`raw` pages are in reading order, where a cell's lines follow one another:
 * a label that lost its last line is missing there). Returns how many continuation pages were checked.
 */
function assertContinuations(pages: string[], raw: string[], headings: string[], dept: string, label: string): number {
  const at = headingPages(pages, headings) as number[];
  let continued = 0;
  TABLES.forEach((key, i) => {
    const spec = specFor(key);
    const labels = [...new Set(spec.columns.flatMap((c) => [c.group, c.labels[0]]).filter((x): x is string => !!x))].map(squash);
    const from = at[i + 1];
    const to = at[i + 2];
    const own = pages.map((text, k) => ({ text, raw: squash(raw[k]), no: printedPageNumber(text) })).filter((p) => p.no !== undefined && p.no >= from && p.no < to);
    assert.ok(own.length >= 1, `${label} ${key}: no page`);
    own.forEach((p, k) => {
      const where = `${label} ${key} 第${p.no}页`;
      const first = squash(p.text.split("\n").find((l) => l.trim() && !l.includes(headings[i + 1]) && !l.includes("部门预算公开表")) ?? "");
      if (k === 0) assert.ok(!p.raw.includes("续表"), `${where}: 首页不应有续表`);
      else {
        continued++;
        assert.ok(first.startsWith("续表"), `${where}: 续页第一行应为续表：${first}`);
        assert.ok(first.includes(squash(dept)), `${where}: 续表行应有部门：${first}`);
      }
      for (const l of labels) assert.ok(p.raw.includes(l), `${where}: 表头“${l}”不完整`);
    });
  });
  return continued;
}

/** Every 目录 entry against the page its heading is printed on, and the headings in the 目录 as in the document. */
function assertTocMatches(pages: string[], headings: string[], label: string): void {
  const toc = tocEntries(pages);
  assert.deepEqual(
    toc.map((e) => e.title),
    headings.map((h) => h.replace(/\s+/g, "")),
    `${label}: 目录 entries`,
  );
  const actual = headingPages(pages, headings);
  const wrong = toc.filter((e, i) => actual[i] !== e.page).map((e, i) => `${e.title}: 目录 ${e.page}, 实际 ${actual[i]}`);
  assert.deepEqual(wrong, [], `${label}: ${wrong.join("; ")}`);
  // The headings' pages run forward from page 1, and the last one is on a numbered page of this document.
  const numbers = actual as number[];
  assert.equal(numbers[0], 1);
  assert.ok(numbers.every((p, i) => i === 0 || p >= numbers[i - 1]), `${label}: ${numbers.join(",")}`);
  assert.ok(numbers[numbers.length - 1] <= Math.max(...pages.map((p) => printedPageNumber(p) ?? 0)));
}

describe("docx rendered by LibreOffice: the 目录 is right for departments of 10 to 300 code rows", function () {
  this.timeout(900_000);
  let dir: string;

  before(function () {
    if (!rendererAvailable()) {
      if (process.env.CI) throw new Error("CI must install libreoffice-writer-nogui and poppler-utils (.ci/run)");
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), "render-"));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("every 目录 entry and every continuation page, in one LibreOffice batch per pass", async () => {
    const templates = loadTemplates();
    const snapshots: ReturnType<typeof readSnapshotSync>["snapshot"][] = [];
    for (const n of SIZES) snapshots.push(readSnapshotSync(await generateWorkbook(n, n)).snapshot);
    const first: DisclosureExport[] = [];
    // Pass 1: the estimate's layout, every table row bookmarked; read where the headings and the rows landed.
    for (const s of snapshots) first.push(await exportDisclosure(s, { templates, measure: true }));
    const files = first.map((x, i) => {
      const f = join(dir, `dept-${SIZES[i]}.docx`);
      writeFileSync(f, x.bytes);
      return f;
    });
    const pdfs1 = await renderPdfs(files, join(dir, "pass1"));
    const laidOut = pdfs1.map((p) => pdfPageTexts(p));
    // Pass 2: the numbers written, the tables split where their pages started; render again and compare what the 目录
    // prints with where each heading is, and each table's pages with what its pages must show.
    const final: DisclosureExport[] = [];
    for (let i = 0; i < SIZES.length; i++) {
      const pages = headingPages(laidOut[i], first[i].headings);
      assert.ok(pages.every((p) => p !== undefined), `dept-${SIZES[i]}: ${first[i].headings.filter((_, k) => pages[k] === undefined).join("、")}`);
      const breaks = rowBreaks(pdfDestinations(pdfs1[i]));
      if (SIZES[i] >= 60) assert.ok((breaks.T2?.length ?? 0) >= 1 && (breaks.T3?.length ?? 0) >= 1, `dept-${SIZES[i]}: ${JSON.stringify(breaks)}`);
      final.push(await exportDisclosure(snapshots[i], { templates, pages: pages as number[], breaks }));
      assert.equal(final[i].report.pageNumbers, "rendered");
      writeFileSync(files[i], final[i].bytes);
    }
    const pdfs2 = await renderPdfs(files, join(dir, "pass2"));
    const rendered = pdfs2.map((p) => pdfPageTexts(p));
    const continued = SIZES.map((n, i) => {
      assert.equal(final[i].headings.length, 21, `dept-${n}`);
      assertTocMatches(rendered[i], final[i].headings, `dept-${n}`);
      // The split kept the pages: as many as the measuring pass had.
      assert.equal(rendered[i].length, laidOut[i].length, `dept-${n}: pages`);
      const raw = pdfPageTexts(pdfs2[i], false);
      // No figure of the text broken across lines ("基本支出 10519." / "69 万元").
      const broken = raw.join("\f").match(/\d[\d,]*\.?\n\s*[\d,.]+\s*万元/g) ?? [];
      assert.deepEqual(broken, [], `dept-${n}`);
      return assertContinuations(rendered[i], raw, final[i].headings, `示例县第 ${n} 部门`, `dept-${n}`);
    });
    // Larger departments run to more pages and more continuation pages: the table pages are really there.
    const count = rendered.map((p) => Math.max(...p.map((t) => printedPageNumber(t) ?? 0)));
    assert.ok(count[4] > count[0] + 10, count.join(","));
    assert.ok(continued[4] > continued[2] && continued[2] > 0, continued.join(","));
  });

  it("the CLI writes the rendered page numbers and the PDF", async () => {
    const xlsx = join(dir, "部门.xlsx");
    writeFileSync(xlsx, await generateWorkbook(7, 40));
    const out = { stdout: "", stderr: "" };
    const io = nodeIo({ stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
    const docx = join(dir, "公开.docx");
    const pdf = join(dir, "公开.pdf");
    assert.equal(await exportCommand([xlsx, "-o", docx, "--pdf", pdf, "--force"], io), 0, out.stderr);
    assert.match(out.stdout, /目录页码按 LibreOffice 的实际排版写入/);
    assert.doesNotMatch(out.stderr, /不在目录所写的页/); // the CLI's own check of the PDF it wrote
    const pages = pdfPageTexts(pdf);
    assertTocMatches(pages, tocEntries(pages).map((e) => e.title), "CLI");
    assert.equal(tocEntries(pages).length, 21);
    // The CLI splits the long tables too: the PDF's continuation pages are marked.
    assert.ok(pages.some((p) => /^\s*续表/m.test(p)));
    assert.ok(readFileSync(docx).length > 10_000);
  });

  it("a real Shanghai workbook through the CLI: Shanghai's form, its 目录 and its 续表 pages", async () => {
    const xlsx = join(__dirname, "..", "fixtures", "real", "shanghai-putuo-wanli-2025.xlsx");
    const out = { stdout: "", stderr: "" };
    const io = nodeIo({ stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
    const pdf = join(dir, "万里.pdf");
    assert.equal(await exportCommand([xlsx, "-o", join(dir, "万里.docx"), "--pdf", pdf, "--force"], io), 0, out.stderr);
    assert.match(out.stdout, /上海区级格式/);
    assert.doesNotMatch(out.stderr, /不在目录所写的页/);
    const pages = pdfPageTexts(pdf);
    const toc = tocEntries(pages);
    assert.equal(toc.length, 15); // 主要职能, 机构设置, 名词解释, 编制说明, 部门预算表 and its 9 tables, 其他相关情况说明
    assertTocMatches(pages, toc.map((e) => e.title), "万里");
    // The 66-row function tables run onto more pages: each continuation starts 续表 with the 编制部门 line and the
    // header; each table's first page has none.
    const at = headingPages(pages, toc.map((e) => e.title)) as number[];
    const raw = pdfPageTexts(pdf, false);
    let continued = 0;
    for (let i = 5; i < 14; i++) {
      const own = pages.map((text, k) => ({ text, raw: squash(raw[k]), no: printedPageNumber(text) })).filter((p) => p.no !== undefined && p.no >= at[i] && p.no < at[i + 1]);
      own.forEach((p, k) => {
        if (k === 0) assert.ok(!p.raw.includes("续表"), `${toc[i].title} 第${p.no}页`);
        else {
          continued++;
          assert.match(p.raw, /^续表编制部门：上海市普陀区人民政府万里街道办事处/, `${toc[i].title} 第${p.no}页`);
          assert.ok(p.raw.includes("单位：元"), `${toc[i].title} 第${p.no}页: 单位`);
          assert.ok(p.raw.includes("功能分类科目编码") || p.raw.includes("经济分类科目编码"), `${toc[i].title} 第${p.no}页: 表头`);
        }
      });
    }
    assert.ok(continued >= 4, String(continued));
  });
});
