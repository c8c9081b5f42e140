import { strict as assert } from "assert";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { check } from "../../src/core/check";
import { checkNarrativeText } from "../../src/core/text-check";
import { withNarrativeCheck } from "../../src/cli/narrative-check";
import { nodeIo } from "../../src/cli/node-io";
import { loadSeed, seedNarrativeText, REPO } from "./seed";

class Fail extends Error {}
const fail = (m: string) => new Fail(m);

describe("cli: check --narrative", () => {
  it("adds the text findings of a --narrative file to the workbook's check", async () => {
    const { snapshot } = await loadSeed();
    const dir = mkdtempSync(join(tmpdir(), "narr-"));
    const file = join(dir, "情况说明.txt");
    writeFileSync(file, seedNarrativeText());
    const base = check(snapshot);
    const merged = await withNarrativeCheck(base, snapshot, file, nodeIo(), fail);
    const added = merged.findings.filter((f) => f.sheet === "情况说明.txt");
    assert.deepEqual(added.map((f) => f.rule).sort(), ["S-06", "S-12", "S-12", "S-15"]);
    assert.equal(merged.findings.length, base.findings.length + added.length);
    // Errors first, as sortFindings orders them.
    assert.equal(merged.findings[0].severity, "error");
  });

  it("without --narrative, checks the workbook's 情况说明 sheet if it has one, else adds nothing", async () => {
    const { snapshot } = await loadSeed();
    const base = check(snapshot);
    assert.equal(await withNarrativeCheck(base, snapshot, undefined, nodeIo(), fail), base);
    const withSheet = { ...snapshot, sheets: [...snapshot.sheets, { name: "情况说明", rows: [["2024年，我部门机关运行经费共计安排45.00万元，主要用于日常运行支出。"]] }] };
    const merged = await withNarrativeCheck(check(withSheet), withSheet, undefined, nodeIo(), fail);
    const s05 = merged.findings.find((f) => f.rule === "S-05")!;
    assert.equal(s05.sheet, "情况说明");
    assert.equal(s05.cell, "A1");
  });

  it("an unreadable narrative file is the caller's file error", async () => {
    const { snapshot } = await loadSeed();
    await assert.rejects(withNarrativeCheck(check(snapshot), snapshot, join(REPO, "没有这个文件.docx"), nodeIo(), fail), (e: unknown) => e instanceof Fail && /文件不存在/.test((e as Error).message));
  });

  it("说明参数 in 元 (seed-yuan) give the same verdicts as in 万元", async () => {
    const { wb } = await loadSeed(join(REPO, "test", "fixtures", "seed-yuan.xlsx"));
    const fs = checkNarrativeText(seedNarrativeText(), wb, { name: "seed.txt" });
    assert.deepEqual(fs.map((f) => f.rule).sort(), ["S-06", "S-12", "S-12", "S-15"]);
  });
});
