// The bundled CLI that bin/ runs: heavy modules only for the commands that need them, a folder checked by a
// pool of worker threads with the output in file order, symbolic links followed.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);
const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "budget-disclosure.js");
const FIXTURES = join(ROOT, "test", "fixtures");

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await exec(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 120_000, maxBuffer: 1 << 26, env: { ...process.env, ...env } });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

describe("bundled CLI (dist-cli)", function () {
  this.timeout(300_000);
  before(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await (require(join(ROOT, "scripts", "build-cli.js")) as { build(quiet: boolean): Promise<unknown> }).build(true);
  });

  it("keeps ExcelJS, docx and LiquidJS out of what every command loads; init, export and narrative load their own files", async () => {
    const main = readFileSync(join(ROOT, "dist-cli", "main.cjs"), "utf8");
    for (const pkg of ["exceljs", "docx", "jszip", "liquidjs"]) assert.ok(!main.includes(`node_modules/${pkg}/`), `main.cjs bundles ${pkg}`);
    assert.ok(readFileSync(join(ROOT, "dist-cli", "init.cjs"), "utf8").includes("node_modules/exceljs/"));
    assert.ok(readFileSync(join(ROOT, "dist-cli", "export.cjs"), "utf8").includes("node_modules/docx/"));
    assert.ok(readFileSync(join(ROOT, "dist-cli", "narrative.cjs"), "utf8").includes("node_modules/liquidjs/"));
    const probe = `const c = require(${JSON.stringify(join(ROOT, "dist-cli", "main.cjs"))});
      c.run(process.argv.slice(1)).then(() => process.stderr.write(JSON.stringify(Object.keys(require.cache).map((f) => require("path").basename(f)))));`;
    for (const args of [["--help"], ["check", join(FIXTURES, "seed.xlsx")]]) {
      const { stderr } = await exec(process.execPath, ["-e", probe, "--", ...args], { cwd: ROOT });
      assert.deepEqual(JSON.parse(stderr), ["main.cjs"], args.join(" "));
    }
    const narrative = await exec(process.execPath, ["-e", probe, "--", "narrative", join(FIXTURES, "seed.xlsx")], { cwd: ROOT });
    assert.deepEqual(JSON.parse(narrative.stderr.slice(narrative.stderr.lastIndexOf("["))), ["main.cjs", "narrative.cjs"]);
    assert.match(narrative.stdout, /平乡县行政审批局2024年部门预算信息公开情况说明/);
  });

  it("checks a folder on every core and prints the files in order, as one thread does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "budget-pool-"));
    const names = ["seed.xlsx", "seed-alt.xlsx", "seed-yuan.xlsx", "real/shanghai-putuo-swfy-2024.xlsx", "real/shanghai-putuo-wanli-2025.xlsx", "libreoffice/seed.xlsx"];
    names.forEach((n, i) => copyFileSync(join(FIXTURES, n), join(dir, `${String(i).padStart(2, "0")}-${n.replace("/", "-")}`)));
    writeFileSync(join(dir, "03b-broken.xlsx"), "not a workbook");
    const one = await cli(["check", "--json", dir], { BUDGET_DISCLOSURE_WORKERS: "0" });
    const pool = await cli(["check", "--json", dir], { BUDGET_DISCLOSURE_WORKERS: "2" });
    assert.equal(pool.code, one.code);
    assert.equal(pool.out, one.out);
    assert.equal(pool.err, one.err);
    const files = pool.out.trim().split("\n").map((l) => JSON.parse(l).file as string);
    assert.deepEqual(files, [...files].sort());
    assert.equal(files.length, 7);
    assert.match(JSON.parse(pool.out.split("\n")[4]).error, /不是 Excel 工作簿/);
    const human = await cli(["check", dir], { BUDGET_DISCLOSURE_WORKERS: "2" });
    assert.equal(human.out, (await cli(["check", dir], { BUDGET_DISCLOSURE_WORKERS: "0" })).out);
  });

  it("follows symbolic links to files and folders, and a link back up does not loop", async () => {
    const dir = mkdtempSync(join(tmpdir(), "budget-links-"));
    const outside = mkdtempSync(join(tmpdir(), "budget-outside-"));
    copyFileSync(join(FIXTURES, "seed.xlsx"), join(outside, "平乡.xlsx"));
    mkdirSync(join(outside, "sub"));
    copyFileSync(join(FIXTURES, "seed-alt.xlsx"), join(outside, "sub", "alt.xlsx"));
    symlinkSync(join(outside, "平乡.xlsx"), join(dir, "a-link.xlsx"));
    symlinkSync(join(outside, "sub"), join(dir, "b-folder"));
    symlinkSync(dir, join(dir, "c-loop"));
    symlinkSync(join(outside, "missing.xlsx"), join(dir, "d-broken.xlsx"));
    const r = await cli(["check", "--json", dir]);
    const files = r.out.trim().split("\n").map((l) => JSON.parse(l).file as string);
    assert.deepEqual(files.map((f) => f.slice(dir.length + 1)), ["a-link.xlsx", join("b-folder", "alt.xlsx")]);
    assert.ok(r.out.split("\n").filter(Boolean).every((l) => !("error" in JSON.parse(l))), r.out);
  });
  it("starts from the V8 code cache made by the build, and never from a cache of another build or a damaged one", async () => {
    const main = readFileSync(join(ROOT, "dist-cli", "main.cjs"), "utf8");
    const cache = readFileSync(join(ROOT, "dist-cli", "main.cache"));
    const header = main.slice(0, main.indexOf("\n"));
    assert.match(header, /^\/\/ budget-disclosure build [0-9a-f-]{36}$/);
    assert.equal(cache.subarray(0, cache.indexOf(10)).toString(), header);
    assert.ok(cache.length > 100_000, `${cache.length} bytes`);
    // A copy of the built CLI to change: another build, a damaged cache, none.
    const dir = mkdtempSync(join(tmpdir(), "budget-cache-"));
    cpSync(join(ROOT, "bin"), join(dir, "bin"), { recursive: true });
    cpSync(join(ROOT, "dist-cli"), join(dir, "dist-cli"), { recursive: true });
    const run = (args: string[]) => exec(process.execPath, [join(dir, "bin", "budget-disclosure.js"), ...args]).then((r) => r.stdout, (e: { stdout: string }) => e.stdout);
    const seed = join(FIXTURES, "seed.xlsx");
    const expected = await run(["check", "--json", seed]);
    assert.ok(JSON.parse(expected).findings.some((f: { rule: string }) => f.rule === "T11-02"));
    // Another build of the same length, beside this build's cache: V8 alone would take the cache (it compares only
    // the length) and run the old code, printing the old version.
    const other = main.replace(/[0-9a-f]{12}\n/, "000000000000\n").replace(/var version = "[^"]*";/, (v) => v.replace(/"[^"]*"/, (q) => `"${"9".repeat(q.length - 2)}"`));
    assert.equal(other.length, main.length);
    writeFileSync(join(dir, "dist-cli", "main.cjs"), other);
    assert.match((await run(["--help"])).split("\n")[0], /预算公开助手 9+：/);
    writeFileSync(join(dir, "dist-cli", "main.cjs"), main);
    // This build's header over a damaged body, and no cache at all: compiled as usual.
    writeFileSync(join(dir, "dist-cli", "main.cache"), Buffer.concat([cache.subarray(0, cache.indexOf(10) + 1), Buffer.alloc(5000, 7)]));
    assert.equal(await run(["check", "--json", seed]), expected);
    rmSync(join(dir, "dist-cli", "main.cache"));
    assert.equal(await run(["check", "--json", seed]), expected);
  });
});
