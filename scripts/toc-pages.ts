// Compares the 目录's page numbers with the pages a rendered PDF actually shows each heading on:
//   npx tsx scripts/toc-pages.ts out/seed.pdf      (needs pdftotext; scripts/render-docx.sh runs it)
import { headingPages, tocEntries } from "../src/docx/pagination";
import { pdfPageTexts } from "../src/cli/soffice";

const pages = pdfPageTexts(process.argv[2] ?? "out/seed.pdf");
const entries = tocEntries(pages);
const actual = headingPages(pages, entries.map((e) => e.title));
let off = 0;
entries.forEach((e, i) => {
  if (actual[i] !== e.page) off++;
  console.log(`${actual[i] === e.page ? "一致" : "不一致"}  目录 ${e.page}  实际 ${actual[i] ?? "?"}  ${e.title}`);
});
console.log(off ? `目录中有 ${off} 处页码与排版结果不一致。` : `目录的 ${entries.length} 个页码与排版结果一致。`);
process.exitCode = off || !entries.length ? 1 : 0;
