#!/usr/bin/env node
// The installed command: the bundled CLI in dist-cli/ (plain JavaScript, built by `npm run build:cli`; npm
// install and npm test build it). TypeScript and tsx are development tools only.
const path = require("node:path");
const bundle = path.join(__dirname, "..", "dist-cli", "main.cjs");
let cli;
try {
  cli = require(bundle);
} catch (e) {
  if (!(e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes("main.cjs"))) throw e;
  process.stderr.write("预算公开助手的命令行尚未构建：请在项目文件夹中运行 npm run build:cli（npm install 时会自动构建）。\n");
  process.exit(2);
}
cli.run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
