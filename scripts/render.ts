// Renders a .docx with LibreOffice to PDF and PNG pages and checks its 目录 against the pages (scripts/render-docx.sh).
//   npx tsx scripts/render.ts file.docx [out-dir]
import { execFileSync } from "node:child_process";
import { basename, join } from "node:path";
import { pdfPageTexts, renderPdfs } from "../src/cli/soffice";
import { headingPages, tocEntries } from "../src/docx/pagination";

(async () => {
  const [docx, out = "out"] = process.argv.slice(2);
  const [pdf] = await renderPdfs([docx], out);
  const pages = pdfPageTexts(pdf);
  execFileSync("pdftoppm", ["-r", "80", "-png", pdf, join(out, `${basename(docx, ".docx")}-page`)]);
  console.log(`${pdf}：共 ${pages.length} 页；PNG：${join(out, basename(docx, ".docx"))}-page-*.png`);
  const entries = tocEntries(pages);
  const actual = headingPages(pages, entries.map((e) => e.title));
  const off = entries.filter((e, i) => actual[i] !== e.page);
  for (const e of off) console.log(`不一致  目录 ${e.page}  实际 ${actual[entries.indexOf(e)] ?? "?"}  ${e.title}`);
  console.log(off.length ? `目录中有 ${off.length} 处页码与排版结果不一致。` : `目录的 ${entries.length} 个页码与排版结果一致。`);
  process.exitCode = off.length || !entries.length ? 1 : 0;
})();
