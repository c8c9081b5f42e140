// Compares the 目录's page numbers with the pages a rendered PDF actually shows each heading on:
//   npx tsx scripts/toc-pages.ts out/seed.pdf      (needs pdftotext; scripts/render-docx.sh runs it)
import { execFileSync } from "node:child_process";

const pdf = process.argv[2] ?? "out/seed.pdf";
const pageText = (p: number) => execFileSync("pdftotext", ["-f", String(p), "-l", String(p), "-layout", pdf, "-"], { encoding: "utf8" });
const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
const norm = (s: string) => s.replace(/\s/g, "");

// The 目录 is the page that lists "…目录"; numbered pages start after it.
let tocPage = 1;
while (tocPage <= pages && !/目录/.test(pageText(tocPage))) tocPage++;
const entries = [...pageText(tocPage).matchAll(/^\s*(\S.*?)\.{3,}\s*(\d+)\s*$/gm)].map((m) => ({ title: m[1].trim(), page: Number(m[2]) }));
const body = Array.from({ length: pages - tocPage }, (_, i) => norm(pageText(tocPage + 1 + i)));
let off = 0;
for (const e of entries) {
  const at = body.findIndex((t) => t.includes(norm(e.title))) + 1;
  if (at !== e.page) off++;
  console.log(`${at === e.page ? "一致" : "不一致"}  目录 ${e.page}  实际 ${at || "?"}  ${e.title}`);
}
console.log(off ? `目录中有 ${off} 处页码与排版结果不一致。` : `目录的 ${entries.length} 个页码与排版结果一致。`);
process.exitCode = off ? 1 : 0;
