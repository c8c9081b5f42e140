// The installed command as a user runs it: bin/budget-disclosure.js in a child process (the bundled CLI, not
// the test runner's loader), so module loading problems show up here.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

const run = promisify(execFile);
const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "budget-disclosure.js");
const SEED = join(ROOT, "test", "fixtures", "seed.xlsx");

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 120_000, maxBuffer: 1 << 24 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

describe("bin/budget-disclosure.js (child process)", () => {
  // bin/ runs the bundled CLI: build it from the current source first.
  before(async function () {
    this.timeout(120_000);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await (require(join(ROOT, "scripts", "build-cli.js")) as { build(quiet: boolean): Promise<unknown> }).build(true);
  });

  it("check --json on the seed: one line, exit 1 for the 办公用房 error", async () => {
    const r = await cli(["check", SEED, "--json"]);
    assert.equal(r.code, 1, r.err);
    const line = JSON.parse(r.out);
    assert.equal(line.unit, "万元");
    assert.ok(line.findings.some((f: { rule: string; cell: string }) => f.rule === "T11-02" && f.cell === "C6"));
  });

  it("export writes a .docx (the Word code loads on demand); the seed's errors stop it until --force", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "budget-bin-")), "公开.docx");
    const stopped = await cli(["export", SEED, "-o", out]);
    assert.equal(stopped.code, 1, stopped.err);
    assert.match(stopped.err, /未导出.*\n校验发现 1 个错误/); // B6 and C6 of T11-02: one cause, as check counts it
    assert.ok(!existsSync(out));
    const r = await cli(["export", SEED, "-o", out, "--force", "--estimate"]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual([...readFileSync(out).subarray(0, 2)], [0x50, 0x4b]); // a ZIP, as .docx files are
  }).timeout(300_000); // two runs of the command, each loading the Word code

  it("says in Chinese that the CLI is not built yet when dist-cli/ is missing (exit 2, no stack trace)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "budget-unbuilt-"));
    mkdirSync(join(dir, "bin"));
    copyFileSync(BIN, join(dir, "bin", "budget-disclosure.js"));
    const r = await run(process.execPath, [join(dir, "bin", "budget-disclosure.js"), "--help"]).then(
      () => ({ code: 0, err: "" }),
      (e: { code: number; stderr: string }) => ({ code: e.code, err: e.stderr }),
    );
    assert.equal(r.code, 2);
    assert.equal(r.err, "预算公开助手的命令行尚未构建：请在项目文件夹中运行 npm run build:cli（npm install 时会自动构建）。\n");
  });

  it("control characters from a file are shown, never obeyed by the terminal (a sheet name that clears the screen)", async () => {
    const parts = unzipSync(readFileSync(SEED));
    parts["xl/workbook.xml"] = strToU8(strFromU8(parts["xl/workbook.xml"]).replace('name="收入总表"', 'name="收入\x1b[2J\x1b]0;x\x07\r总表"'));
    const file = join(mkdtempSync(join(tmpdir(), "budget-bin-")), "控制\x1b[31m字符.xlsx");
    writeFileSync(file, zipSync(parts));
    const r = await cli(["check", file]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /“收入␛\[2J␛\]0;x␇␍总表”→收入总表/);
    assert.match(r.out, /控制␛\[31m字符\.xlsx/);
    const missing = await cli(["check", file + "\x1b[2J"]);
    assert.match(missing.err, /字符\.xlsx␛\[2J：文件不存在/);
    assert.doesNotMatch(r.out + missing.err, /[\x1b\x07\r]/);
  });

  it("bad input: a message in Chinese, exit 2, no stack trace", async () => {
    const r = await cli(["check", join(ROOT, "README.md")]);
    assert.equal(r.code, 2);
    assert.match(r.err, /无法读取/);
    assert.doesNotMatch(r.err, /\n\s+at /);
  });
});
