// ExcelJS's bare load of every .xlsx in a folder, in name order, in a process of its own: the same conditions as
// `check --json FOLDER` in bench/run.ts (a new process that loads its code, then reads the files one by one).
const ExcelJS = require("exceljs");
const fs = require("node:fs");
const path = require("node:path");

const dir = process.argv[2];
(async () => {
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".xlsx")).sort()) {
    await new ExcelJS.Workbook().xlsx.load(fs.readFileSync(path.join(dir, f)));
  }
})().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
