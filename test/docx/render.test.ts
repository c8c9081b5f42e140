// The exported document as LibreOffice lays it out, page by page, for generated departments of 10 to 300 code rows:
// every 目录 entry names the page its heading lands on. Needs soffice and pdftotext (CI installs them in .ci/run);
// skipped on a machine without them, never in CI.
import { strict as assert } from "assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { generateWorkbook } from "../../bench/generate";
import { loadTemplates } from "../../src/cli/templates";
import { exportCommand } from "../../src/cli/export-command";
import { nodeIo } from "../../src/cli/node-io";
import { pdfPageTexts, renderPdfs, rendererAvailable } from "../../src/cli/soffice";
import { exportDisclosure, type DisclosureExport } from "../../src/docx/from-snapshot";
import { headingPages, printedPageNumber, tocEntries } from "../../src/docx/pagination";
import { readSnapshotSync } from "../../src/xlsx/read-snapshot";

const SIZES = [10, 20, 60, 150, 300];

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

  it("every entry, in one LibreOffice batch per pass", async () => {
    const templates = loadTemplates();
    const snapshots: ReturnType<typeof readSnapshotSync>["snapshot"][] = [];
    for (const n of SIZES) snapshots.push(readSnapshotSync(await generateWorkbook(n, n)).snapshot);
    const first: DisclosureExport[] = [];
    for (const s of snapshots) first.push(await exportDisclosure(s, { templates }));
    // Pass 1: the estimate's layout; read where the headings landed.
    const files = first.map((x, i) => {
      const f = join(dir, `dept-${SIZES[i]}.docx`);
      writeFileSync(f, x.bytes);
      return f;
    });
    const laidOut = (await renderPdfs(files, join(dir, "pass1"))).map(pdfPageTexts);
    // Pass 2: the numbers written; render again and compare what the 目录 prints with where each heading is.
    const final: DisclosureExport[] = [];
    for (let i = 0; i < SIZES.length; i++) {
      const pages = headingPages(laidOut[i], first[i].headings);
      assert.ok(pages.every((p) => p !== undefined), `dept-${SIZES[i]}: ${first[i].headings.filter((_, k) => pages[k] === undefined).join("、")}`);
      final.push(await exportDisclosure(snapshots[i], { templates, pages: pages as number[] }));
      assert.equal(final[i].report.pageNumbers, "rendered");
      writeFileSync(files[i], final[i].bytes);
    }
    const rendered = (await renderPdfs(files, join(dir, "pass2"))).map(pdfPageTexts);
    SIZES.forEach((n, i) => {
      assert.equal(final[i].headings.length, 21, `dept-${n}`);
      assertTocMatches(rendered[i], final[i].headings, `dept-${n}`);
    });
    // Larger departments run to more pages: the table pages are really there.
    const count = rendered.map((p) => Math.max(...p.map((t) => printedPageNumber(t) ?? 0)));
    assert.ok(count[4] > count[0] + 10, count.join(","));
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
    const pages = pdfPageTexts(pdf);
    assertTocMatches(pages, tocEntries(pages).map((e) => e.title), "CLI");
    assert.equal(tocEntries(pages).length, 21);
    assert.ok(readFileSync(docx).length > 10_000);
  });
});
