#!/usr/bin/env node
// Bundles the CLI for bin/ (plain Node, no TypeScript at run time): dist-cli/main.cjs with what every command
// needs, and the heavy parts as their own files, required only by the commands that use them:
// export.cjs (docx), init.cjs (ExcelJS), narrative.cjs (LiquidJS) and check-worker.cjs (the worker threads of a folder
// check).
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");
const crypto = require("node:crypto");
const { spawnSync } = require("node:child_process");

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "dist-cli");
const CODE_CACHE = path.join(OUT, "main.cache");
// What the code cache is made on: a one-file check, the command users run most.
const SAMPLE = path.join(ROOT, "assets", "sample", "平乡县行政审批局-2024年部门预算.xlsx");

/** Source modules loaded lazily (require() in the source) → the bundle file that replaces them. */
const LAZY = {
  "../docx/from-snapshot": "./export.cjs",
  "./init-workbook": "./init.cjs",
  "../core/narrative/render": "./narrative.cjs",
};

const lazyPlugin = {
  name: "lazy-modules",
  setup(build) {
    build.onResolve({ filter: /^(\.\.\/docx\/from-snapshot|\.\/init-workbook|\.\.\/core\/narrative\/render)$/ }, (args) =>
      args.kind === "require-call" ? { path: LAZY[args.path], external: true } : undefined,
    );
  },
};

async function build(quiet = false) {
  const t0 = Date.now();
  // A cache of another build must never meet this one (bin/ compares the first lines): gone before the bundle changes.
  fs.rmSync(CODE_CACHE, { force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: {
      main: "src/cli/main.ts",
      "check-worker": "src/cli/check-worker.ts",
      export: "src/docx/from-snapshot.ts",
      init: "src/cli/init-workbook.ts",
      narrative: "src/core/narrative/render.ts",
    },
    outdir: OUT,
    outExtension: { ".js": ".cjs" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    loader: { ".liquid": "text" },
    legalComments: "none",
    // The build's identity, the first line of every file: bin/ uses main.cache only with the main.cjs it was made from.
    banner: { js: `// budget-disclosure build ${crypto.randomUUID()}` },
    logLevel: "silent",
    metafile: true,
    plugins: [lazyPlugin],
  });
  // The default narrative templates, read from disk at run time (src/core/narrative/templates when from source).
  fs.cpSync(path.join(ROOT, "src", "core", "narrative", "templates"), path.join(OUT, "templates"), { recursive: true });
  const cached = makeCodeCache();
  if (!quiet) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      console.log(`${file.padEnd(28)} ${(info.bytes / 1024).toFixed(0).padStart(6)} KB`);
    }
    if (cached) console.log(`${path.relative(ROOT, CODE_CACHE).padEnd(28)} ${(fs.statSync(CODE_CACHE).size / 1024).toFixed(0).padStart(6)} KB（V8 编译缓存）`);
    console.log(`CLI 已构建（${Date.now() - t0} ms）`);
  }
  return result;
}

/**
 * V8's compiled code of main.cjs after a check of the sample workbook, for bin/ to start from (a one-file check
 * starts sooner; see bin/budget-disclosure.js). Without it (no sample, a failed run) bin/ compiles as usual.
 * Returns whether it was made.
 */
function makeCodeCache() {
  if (!fs.existsSync(SAMPLE)) return false;
  const tmp = `${CODE_CACHE}.${process.pid}.tmp`;
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "budget-disclosure.js"), "check", SAMPLE], {
    env: { ...process.env, BUDGET_DISCLOSURE_CODE_CACHE_OUT: tmp },
    stdio: "ignore",
    timeout: 60_000,
  });
  // check exits 1 when it finds errors: what matters is that it ran and wrote the cache.
  if (r.error || !fs.existsSync(tmp)) {
    fs.rmSync(tmp, { force: true });
    return false;
  }
  fs.renameSync(tmp, CODE_CACHE);
  return true;
}

module.exports = { build, OUT };

if (require.main === module) {
  build(process.argv.includes("--quiet")).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
