// --in-place and every other write: read-only and open files refused, mode/owner/group/hard links kept,
// temporary files never left behind; devices and pipes refused at once.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { run } from "../../src/cli/main";
import { nodeFs, type CliIo } from "../../src/cli/node-io";
import { fileReason, removeStaleTemps, writeFileSafely } from "../../src/cli/safe-write";
import { readSnapshot } from "../../src/xlsx/read-snapshot";

const SEED = join(__dirname, "..", "fixtures", "seed.xlsx");

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false, fs: nodeFs, now: () => new Date(2024, 5, 1) };
  const code = await run(argv, io);
  return { code, out, err };
}

/** The seed with 支出总表 D6 blanked, so that fill has something to write. */
async function fillable(path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync(SEED) as unknown as ArrayBuffer);
  workbook.getWorksheet("支出总表")!.getCell("D6").value = null;
  fs.writeFileSync(path, new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
}

function temps(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.endsWith(".tmp"));
}

describe("cli file safety", () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = fs.mkdtempSync(join(tmpdir(), "budget-safe-"));
    file = join(dir, "预算.xlsx");
    await fillable(file);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("--in-place refuses a read-only file and leaves it untouched", async () => {
    fs.chmodSync(file, 0o444);
    const before = fs.readFileSync(file);
    const r = await cli(["fill", file, "--in-place"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /文件是只读的，未做任何改动。如确需修改，请先取消只读属性，或用 -o 另存为新文件/);
    assert.ok(fs.readFileSync(file).equals(before));
    assert.equal(fs.statSync(file).mode & 0o777, 0o444);
    assert.deepEqual(temps(dir), []);
  });

  for (const lock of ["~$预算.xlsx", ".~预算.xlsx#", ".~lock.预算.xlsx#"]) {
    it(`--in-place refuses a file open in Excel or WPS (lock file ${lock})`, async () => {
      fs.writeFileSync(join(dir, lock), "owner");
      const before = fs.readFileSync(file);
      const r = await cli(["fill", file, "--in-place"]);
      assert.equal(r.code, 2);
      assert.match(r.err, new RegExp(`可能正在 Excel 或 WPS 中打开（发现锁定文件 ${lock.replace(/[.$]/g, "\\$&")}）.*请先在 Excel 或 WPS 中关闭该文件再试`));
      assert.ok(fs.readFileSync(file).equals(before));
    });
  }

  it("--in-place through a symbolic link fills the file it points to and keeps the link; -o --force onto a link likewise", async () => {
    fs.mkdirSync(join(dir, "共享"));
    const link = join(dir, "共享", "链接.xlsx");
    fs.symlinkSync(file, link);
    const r = await cli(["fill", link, "--in-place"]);
    assert.ok(r.code < 2, r.err);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), "the link is still a link");
    const d6 = async (p: string) => (await readSnapshot(fs.readFileSync(p))).snapshot.sheets.find((s) => s.name === "支出总表")!.rows[5][3];
    assert.equal(await d6(file), 1042.58, "the file it points to is filled");
    const out = join(dir, "输出.xlsx");
    fs.writeFileSync(out, "old");
    const outLink = join(dir, "共享", "输出链接.xlsx");
    fs.symlinkSync(out, outLink);
    await fillable(file);
    const o = await cli(["fill", file, "-o", outLink, "--force"]);
    assert.ok(o.code < 2, o.err);
    assert.ok(fs.lstatSync(outLink).isSymbolicLink());
    assert.equal(await d6(out), 1042.58);
    assert.deepEqual([...temps(dir), ...temps(join(dir, "共享"))], []);
  });

  it("--in-place keeps the mode, owner, group and hard links of the file", async () => {
    fs.chmodSync(file, 0o600);
    const root = process.getuid?.() === 0;
    if (root) fs.chownSync(file, 1234, 5678);
    const link = join(dir, "链接.xlsx");
    fs.linkSync(file, link);
    const ino = fs.statSync(file).ino;
    const r = await cli(["fill", file, "--in-place"]);
    assert.ok(r.code < 2, r.err);
    const st = fs.statSync(file);
    assert.equal(st.mode & 0o7777, 0o600);
    assert.equal(st.ino, ino, "same inode: the hard link still names the file");
    assert.equal(st.nlink, 2);
    if (root) assert.deepEqual([st.uid, st.gid], [1234, 5678]);
    const { snapshot } = await readSnapshot(fs.readFileSync(link));
    assert.equal(snapshot.sheets.find((s) => s.name === "支出总表")!.rows[5][3], 1042.58, "the other name sees the filled file");
    assert.deepEqual(temps(dir), []);
  });

  it("--in-place without links replaces the file by rename, keeping its mode", async () => {
    fs.chmodSync(file, 0o640);
    const r = await cli(["fill", file, "--in-place"]);
    assert.ok(r.code < 2, r.err);
    assert.equal(fs.statSync(file).mode & 0o7777, 0o640);
    assert.deepEqual(temps(dir), []);
  });

  it("removes stale temporary files an earlier, killed run left, and only those", async () => {
    const stale = join(dir, ".预算.xlsx.~bd999999999-abc123.tmp"); // no such process
    const older = join(dir, ".预算.xlsx.999999998.1700000000000.tmp"); // the naming of earlier versions
    const mine = join(dir, `.预算.xlsx.~bd${process.pid}-zzz999.tmp`); // a write in progress
    for (const p of [stale, older, mine]) fs.writeFileSync(p, "partial");
    const r = await cli(["fill", file, "--in-place"]);
    assert.ok(r.code < 2, r.err);
    assert.ok(!fs.existsSync(stale) && !fs.existsSync(older));
    assert.ok(fs.existsSync(mine));
    assert.equal(removeStaleTemps(file), 0);
  });

  it("Ctrl+C or a kill signal during a write leaves no temporary file, and the target whole (old or new)", async function () {
    this.timeout(120_000);
    const SAFE = join(__dirname, "..", "..", "src", "cli", "safe-write.ts");
    const target = join(dir, "大文件.bin");
    fs.writeFileSync(target, Buffer.alloc(1024, 1));
    // A first small write (as a run's first write, it sets up the signal handling), then a 128 MB one, signalled as
    // soon as the child says it starts: the signal lands during the write or just after it, never leaving a partial
    // file either way, and the run ends as the signal asks.
    const script = `const { writeFileSafely } = require(${JSON.stringify(SAFE)}); writeFileSafely(${JSON.stringify(join(dir, "小.bin"))}, Buffer.alloc(8)); process.stdout.write("go\\n"); writeFileSafely(${JSON.stringify(target)}, Buffer.alloc(128 * 1024 * 1024, 2)); setTimeout(() => {}, 5000);`;
    for (const sig of ["SIGINT", "SIGTERM"] as const) {
      const { spawn } = await import("node:child_process");
      const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
      await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
      child.kill(sig);
      const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
      assert.equal(code, sig === "SIGINT" ? 130 : 143, `${sig}: exit code`);
      assert.deepEqual(temps(dir), [], `${sig}: temporary files left`);
      const size = fs.statSync(target).size;
      assert.ok(size === 1024 || size === 128 * 1024 * 1024, `${sig}: ${size} bytes`);
    }
  });

  it("a failed write removes its temporary file, keeps the original and says why in Chinese", () => {
    const before = fs.readFileSync(file);
    const real = fs.renameSync;
    (fs as { renameSync: typeof fs.renameSync }).renameSync = () => {
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    };
    try {
      assert.throws(() => writeFileSafely(file, new Uint8Array([1, 2, 3])), (e: Error) => {
        assert.equal(e.message, `无法写入 ${file}：磁盘空间不足，请清理磁盘后重试。原文件未改动。`);
        return true;
      });
    } finally {
      (fs as { renameSync: typeof fs.renameSync }).renameSync = real;
    }
    assert.ok(fs.readFileSync(file).equals(before));
    assert.deepEqual(temps(dir), []);
  });

  it("file system errors are Chinese, never errno text", () => {
    for (const code of ["ENOENT", "EISDIR", "ENOSPC", "EACCES", "EROFS", "EBUSY", "EXYZ"]) {
      const t = fileReason(Object.assign(new Error(`${code}: something`), { code }));
      assert.match(t, /[\u4e00-\u9fff]/);
      assert.ok(!t.includes("something"), t);
    }
  });

  it("refuses a file over 256 MB before reading it, saying its size (a sparse file: no disk used)", async () => {
    const big = join(dir, "大.xlsx");
    fs.closeSync(fs.openSync(big, "w"));
    fs.truncateSync(big, 300 * 1024 * 1024);
    const r = await cli(["check", big]);
    assert.equal(r.code, 2);
    assert.equal(r.err, `无法读取 ${big}：文件有 300 MB，超过 256 MB 的上限，不像是预算公开文件。请确认选择了正确的文件。\n`);
  });

  it("refuses a FIFO and /dev/zero at once instead of reading forever", async function () {
    const fifo = join(dir, "管道.xlsx");
    execFileSync("mkfifo", [fifo]);
    for (const p of [fifo, "/dev/zero"]) {
      const t0 = Date.now();
      const r = await cli(["check", p]);
      assert.equal(r.code, 2);
      assert.equal(r.err, `无法读取 ${p}：这不是普通文件（而是设备、管道或套接字），请给出 .xlsx 文件。\n`);
      assert.ok(Date.now() - t0 < 20_000);
    }
    const n = await cli(["check", file, "--narrative", fifo]);
    assert.equal(n.code, 2);
    assert.match(n.err, /这不是普通文件/);
    const e = await cli(["export", fifo, "-o", join(dir, "x.docx")]);
    assert.equal(e.code, 2);
    assert.match(e.err, /这不是普通文件/);
  });

  it("-o --force refuses to replace a read-only output; init and export write through the same safe path", async () => {
    const out = join(dir, "只读.xlsx");
    fs.writeFileSync(out, "keep");
    fs.chmodSync(out, 0o444);
    const r = await cli(["fill", file, "-o", out, "--force"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /文件是只读的/);
    assert.equal(fs.readFileSync(out, "utf8"), "keep");
    const i = await cli(["init", out, "--force"]);
    assert.equal(i.code, 2);
    assert.equal(fs.readFileSync(out, "utf8"), "keep");
    assert.deepEqual(temps(dir), []);
  });
});
