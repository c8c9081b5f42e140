#!/usr/bin/env node
// The installed command: the bundled CLI in dist-cli/ (plain JavaScript, built by `npm run build:cli`; npm
// install and npm test build it). TypeScript and tsx are development tools only.
const fs = require("node:fs");
const path = require("node:path");

const DIST = path.join(__dirname, "..", "dist-cli");
const BUNDLE = path.join(DIST, "main.cjs");
const CODE_CACHE = path.join(DIST, "main.cache");

let source;
try {
  source = fs.readFileSync(BUNDLE, "utf8");
} catch (e) {
  if (!(e && e.code === "ENOENT")) throw e;
  process.stderr.write("预算公开助手的命令行尚未构建：请在项目文件夹中运行 npm run build:cli（npm install 时会自动构建）。\n");
  process.exit(2);
}
const { cli, script } = load(source);
cli.run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // The build's training run (scripts/build-cli.js): the code compiled by now, headed by the bundle's first line.
  const out = process.env.BUDGET_DISCLOSURE_CODE_CACHE_OUT;
  if (out) fs.writeFileSync(out, Buffer.concat([Buffer.from(`${firstLine(source)}\n`), script.createCachedData()]));
});

/**
 * main.cjs run as require() runs it, compiled from V8's code cache when dist-cli/main.cache was made from this very
 * bundle (its first line names the build): a one-file check starts sooner, nothing compiled twice. V8 itself checks
 * a cache only against the length of the source, hence the build's line.
 */
function load(text) {
  const vm = require("node:vm");
  const Module = require("node:module");
  let cachedData;
  try {
    const c = fs.readFileSync(CODE_CACHE);
    const nl = c.indexOf(10);
    if (nl > 0 && c.subarray(0, nl).toString() === firstLine(text)) cachedData = c.subarray(nl + 1);
  } catch {
    // No cache (a build without the sample, or removed): compiled as usual.
  }
  const compiled = new vm.Script(Module.wrap(text), { filename: BUNDLE, cachedData });
  const module = { exports: {}, filename: BUNDLE, id: BUNDLE, loaded: false };
  compiled.runInThisContext().call(module.exports, module.exports, Module.createRequire(BUNDLE), module, BUNDLE, DIST);
  module.loaded = true;
  return { cli: module.exports, script: compiled };
}

function firstLine(text) {
  const nl = text.indexOf("\n");
  return nl < 0 ? text : text.slice(0, nl);
}
