#!/usr/bin/env node
// Bundles the CLI for bin/ (plain Node, no TypeScript at run time): dist-cli/main.cjs with what every command
// needs, and the heavy parts as their own files, required only by the commands that use them:
// export.cjs (docx), init.cjs (ExcelJS), narrative.cjs (LiquidJS) and check-worker.cjs (the worker threads of a folder
// check).
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "dist-cli");

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
    logLevel: "silent",
    metafile: true,
    plugins: [lazyPlugin],
  });
  if (!quiet) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      console.log(`${file.padEnd(28)} ${(info.bytes / 1024).toFixed(0).padStart(6)} KB`);
    }
    console.log(`CLI 已构建（${Date.now() - t0} ms）`);
  }
  // The default narrative templates, read from disk at run time (src/core/narrative/templates when from source).
  fs.cpSync(path.join(ROOT, "src", "core", "narrative", "templates"), path.join(OUT, "templates"), { recursive: true });
  return result;
}

module.exports = { build, OUT };

if (require.main === module) {
  build(process.argv.includes("--quiet")).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
