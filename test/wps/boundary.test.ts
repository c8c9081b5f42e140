// Only src/wps touches WPS's object model (window.Application, the global `wps`); everything else gets a WorkbookHost.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const SRC = join(__dirname, "..", "..", "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("wps boundary", () => {
  it("no code outside src/wps reads window.Application or the wps global", () => {
    const bad: string[] = [];
    for (const f of files(SRC)) {
      const rel = relative(SRC, f);
      if (rel.startsWith("wps")) continue;
      const code = readFileSync(f, "utf8").replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
      if (/\bwindow\.Application\b|\bglobalThis\.Application\b|\bApplication\.(ActiveWorkbook|Worksheets|Range)\b|\bwps\.(CreateTaskPane|GetTaskPane|PluginStorage|FileSystem|EtApplication)\b/.test(code)) bad.push(rel);
    }
    assert.deepEqual(bad, []);
  });

  it("src/wps uses no office.js: WPS has no Office", () => {
    const bad = files(join(SRC, "wps")).filter((f) => /\bExcel\.run\b|\bOffice\.(context|onReady)\b/.test(readFileSync(f, "utf8")));
    assert.deepEqual(bad.map((f) => relative(SRC, f)), []);
  });
});
