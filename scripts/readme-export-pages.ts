// The README's pictures of the Word export: a generated department of 300 code rows exported with the CLI (目录
// page numbers from LibreOffice), and two of its pages as PNG in docs/: continuation pages of the 部门预算收入总表
// (landscape) and of the 部门预算支出总表 (portrait), each with its header and department line repeated.
//   npm run docs:export
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateWorkbook } from "../bench/generate";
import { exportCommand } from "../src/cli/export-command";
import { nodeIo } from "../src/cli/node-io";
import { pdfPagesToPng, pdfPageTexts } from "../src/cli/soffice";
import { headingPages, printedPageNumber, tocEntries } from "../src/docx/pagination";

(async () => {
  const dir = mkdtempSync(join(tmpdir(), "readme-export-"));
  try {
    const xlsx = join(dir, "dept-300.xlsx");
    writeFileSync(xlsx, await generateWorkbook(300, 300));
    const pdf = join(dir, "dept-300.pdf");
    const code = await exportCommand([xlsx, "-o", join(dir, "dept-300.docx"), "--pdf", pdf, "--force"], nodeIo());
    if (code !== 0) throw new Error(`export exited ${code}`);
    const pages = pdfPageTexts(pdf);
    const toc = tocEntries(pages);
    const at = headingPages(pages, toc.map((e) => e.title));
    const pdfPage = (printed: number) => pages.findIndex((p) => printedPageNumber(p) === printed) + 1;
    const t2 = at[toc.findIndex((e) => e.title === "部门预算收入总表")]!;
    const t3 = at[toc.findIndex((e) => e.title === "部门预算支出总表")]!;
    const [a, b] = pdfPagesToPng(pdf, [pdfPage(t2) + 1, pdfPage(t3) + 1], join(dir, "page"), 60);
    renameSync(a, "docs/export-income-continued.png");
    renameSync(b, "docs/export-expense-continued.png");
    const wrong = toc.filter((e, i) => at[i] !== e.page).length;
    console.log(`共 ${pages.length} 页，目录 ${toc.length} 项，与排版不符 ${wrong} 项；部门预算收入总表第 ${t2 + 1} 页、支出总表第 ${t3 + 1} 页（均为续页）已写入 docs/。`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();
