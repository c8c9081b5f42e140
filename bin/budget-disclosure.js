#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that no separate build step is needed.
require("tsx/cjs");
const { run } = require("../src/cli/main.ts");
run(process.argv.slice(2)).then((code) => { process.exitCode = code; });
