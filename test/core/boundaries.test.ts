// The architecture's one-way flow, enforced: src/core imports only core and two pure libraries, and only
// src/excel touches office.js globals.
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";

const SRC = join(__dirname, "..", "..", "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+"([^"]+)"|import\("([^"]+)"\)|require\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

describe("architecture boundaries", () => {
  it("src/core imports only src/core, decimal.js and liquidjs", () => {
    const core = join(SRC, "core");
    const bad: string[] = [];
    for (const f of files(core)) {
      for (const spec of imports(f)) {
        if (spec === "decimal.js" || spec === "liquidjs") continue;
        const target = spec.startsWith(".") ? resolve(dirname(f), spec) : spec;
        if (!spec.startsWith(".") || relative(core, target).startsWith("..")) bad.push(`${relative(SRC, f)} → ${spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it("only src/excel uses the Excel and Office globals", () => {
    const bad: string[] = [];
    for (const f of files(SRC)) {
      const rel = relative(SRC, f);
      if (rel.startsWith("excel")) continue;
      const text = readFileSync(f, "utf8").replace(/\/\/.*$/gm, "");
      if (/\bExcel\.run\b|\bcontext\.sync\(/.test(text)) bad.push(rel);
    }
    assert.deepEqual(bad, []);
  });
});
