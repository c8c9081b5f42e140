// The production build: what Excel loads stays small, shares one engine chunk and never contains the file reader.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { buildOnce } from "./support";

describe("build: the in-Excel bundle", function () {
  this.timeout(300_000);
  let dist: string;
  let report: { excelGzipBytes: number; budgetBytes: number; files: string[]; entries: Record<string, string[]>; lazy: string[] };

  before(async () => {
    dist = await buildOnce();
    report = JSON.parse(fs.readFileSync(path.join(dist, "size-report.json"), "utf8"));
  });

  it("stays within 110 KB gzipped, office.js excluded", () => {
    assert.equal(report.budgetBytes, 110 * 1024);
    assert.ok(report.excelGzipBytes <= report.budgetBytes, `${report.excelGzipBytes} > ${report.budgetBytes}`);
  });

  it("the pane and the ribbon command share one engine chunk (decimal.js and the rules once)", () => {
    const engine = report.entries.taskpane.filter((f) => report.entries.commands.includes(f));
    assert.equal(engine.length, 1, JSON.stringify(report.entries));
    assert.match(engine[0], /^engine\./);
    // decimal.js's own error text appears in exactly one file Excel loads.
    const withDecimal = report.files.filter((f) => f.endsWith(".js") && fs.readFileSync(path.join(dist, f), "utf8").includes("[DecimalError]"));
    assert.deepEqual(withDecimal, engine);
  });

  it("keeps the file reader out of everything Excel loads; browser mode gets it from a lazy chunk, and ExcelJS nowhere", () => {
    // "fullCalcOnLoad" is written only by the package writer of src/xlsx.
    for (const f of report.files.filter((x) => x.endsWith(".js"))) {
      const src = fs.readFileSync(path.join(dist, f), "utf8");
      assert.ok(!/ExcelJS|exceljs|JSZip|fullCalcOnLoad/.test(src), `${f} contains the file reader or ExcelJS`);
    }
    const xlsx = report.lazy.map((f) => fs.readFileSync(path.join(dist, f), "utf8")).filter((src) => src.includes("fullCalcOnLoad"));
    assert.equal(xlsx.length, 1);
    assert.ok(!/ExcelJS|JSZip/.test(xlsx[0]), "browser mode reads and writes .xlsx without ExcelJS");
  });

  it("keeps the docx package out of what Excel loads; the Word export gets it from its own lazy chunk", () => {
    // "w:tblPr" is Word XML that only the docx package writes.
    for (const f of report.files.filter((x) => x.endsWith(".js"))) assert.ok(!fs.readFileSync(path.join(dist, f), "utf8").includes("w:tblPr"), `${f} contains docx`);
    const docx = report.lazy.filter((f) => fs.readFileSync(path.join(dist, f), "utf8").includes("w:tblPr"));
    assert.deepEqual(docx.map((f) => f.replace(/\..*$/, "")), ["docx"]);
  });

  it("taskpane.html loads office.js from the CDN and carries a strict Content-Security-Policy", () => {
    const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
    assert.match(html, /<script id="?office-js"? src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"? async><\/script>/);
    const csp = /http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1] ?? "";
    assert.match(csp, /script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /object-src 'none'/);
    for (const tag of html.match(/<script\b[^>]*>[^<]*<\/script>/g) ?? []) assert.match(tag, /\bsrc=[^>]*><\/script>$/, `inline script: ${tag}`);
  });

  it("no page of the add-in may open a connection (connect-src 'none'), and the sample workbook is not fetched", () => {
    for (const page of ["taskpane.html", "commands.html", "index.html", "wps-taskpane.html"]) {
      const html = fs.readFileSync(path.join(dist, page), "utf8");
      const csp = /http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1] ?? "";
      assert.match(csp, /(^|;)\s*connect-src 'none'\s*(;|$)/, page);
    }
    // The pane's code holds no fetch or XMLHttpRequest of its own (office.js is not bundled).
    for (const f of report.files.filter((x) => x.endsWith(".js"))) {
      const src = fs.readFileSync(path.join(dist, f), "utf8");
      assert.ok(!/\bfetch\(/.test(src), `${f} calls fetch`);
    }
    assert.ok(report.lazy.some((f) => fs.readFileSync(path.join(dist, f), "utf8").includes("data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,")), "the sample is inlined in a lazy chunk");
  });

  it("ships the icons, the sample workbook and the manifest", () => {
    for (const f of ["assets/icon-16.png", "assets/icon-32.png", "assets/icon-64.png", "assets/icon-80.png", "sample/sample.xlsx", "manifest.xml", "commands.html"]) {
      assert.ok(fs.existsSync(path.join(dist, f)), f);
    }
  });
});
