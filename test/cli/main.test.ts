import { execFileSync } from "node:child_process";
import { strict as assert } from "node:assert";
import JSZip from "jszip";
import { copyFileSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { run } from "../../src/cli/main";
import { nodeFs, type CliIo } from "../../src/cli/node-io";
import { readSnapshot, XlsxReadError } from "../../src/xlsx/read-snapshot";
import { MESSAGES } from "../../src/xlsx/errors";
import { codec, useCodec } from "../../src/xlsx/inflate";
import { cellAt } from "../../src/core/snapshot";
import { buildStandardWorkbook } from "../../src/xlsx/standard-workbook";
import { workbookToBuffer } from "../../src/xlsx/apply-plan";
import { SEED_AS_2023 } from "../fixtures/seed-data";

const FIXTURES = join(__dirname, "..", "fixtures");
const SEED = join(FIXTURES, "seed.xlsx");

interface Captured {
  code: number;
  out: string;
  err: string;
}

async function cli(argv: string[], opts: { isTTY?: boolean; now?: Date; fs?: CliIo["fs"] } = {}): Promise<Captured> {
  let out = "";
  let err = "";
  const io: CliIo = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    isTTY: opts.isTTY ?? false,
    fs: opts.fs ?? nodeFs,
    now: () => opts.now ?? new Date(2024, 5, 1),
  };
  const code = await run(argv, io);
  return { code, out, err };
}

/** The file system with a bug met when `file` is looked at (not a FileError: not the file's fault). */
function failingOn(file: string): CliIo["fs"] {
  return { ...nodeFs, inputProblem: async (p, expect) => (p === file ? Promise.reject(new TypeError("Cannot read properties of undefined (reading 'size')")) : nodeFs.inputProblem(p, expect)) };
}
const BUG = (doing: string) => `${doing}时本工具出现了内部错误（这是程序的缺陷，不一定是文件的问题）。请把这条信息和所用的文件一起反馈给维护人员。技术信息：TypeError：Cannot read properties of undefined (reading 'size')`;

/** A copy of the seed with some cells changed, for fill tests. */
async function seedWith(path: string, edits: Record<string, Record<string, ExcelJS.CellValue>>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(SEED) as unknown as ArrayBuffer);
  for (const [sheet, cells] of Object.entries(edits)) for (const [a1, v] of Object.entries(cells)) wb.getWorksheet(sheet)!.getCell(a1).value = v;
  writeFileSync(path, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

describe("cli", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "budget-cli-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe("help and usage", () => {
    it("--help prints the commands in Chinese", async () => {
      const r = await cli(["--help"]);
      assert.equal(r.code, 0);
      assert.match(r.out, /^预算公开助手/);
      for (const s of ["用法：budget-disclosure <命令>", "check <文件.xlsx|文件夹>", "fill <输入.xlsx> -o <输出.xlsx>", "narrative", "init <输出.xlsx>", "退出码"]) {
        assert.ok(r.out.includes(s), s);
      }
      assert.equal((await cli([])).out, r.out);
      assert.equal((await cli(["help"])).out, r.out);
    });

    it("help <command> and <command> --help print that command's usage", async () => {
      const a = await cli(["help", "fill"]);
      const b = await cli(["fill", "--help"]);
      assert.equal(a.code, 0);
      assert.equal(a.out, b.out);
      assert.match(a.out, /--in-place/);
      assert.match(a.out, /替换原值/);
    });

    it("export is dispatched to the Word exporter", async () => {
      const r = await cli(["export", "--help"]);
      assert.equal(r.code, 0);
      assert.match(r.out, /^用法：budget-disclosure export <输入.xlsx> -o <输出.docx>/);
      assert.equal((await cli(["help", "export"])).out, r.out);
      assert.match((await cli(["--help"])).out, /export <输入.xlsx> -o <输出.docx>/);
    });

    it("export never writes over the --narrative 情况说明 it reads, even with --force or through a link", async () => {
      const mine = join(dir, "说明.docx");
      writeFileSync(mine, "my written text");
      linkSync(mine, join(dir, "link.docx"));
      for (const out of [mine, join(dir, ".", "说明.docx"), join(dir, "link.docx")]) {
        const r = await cli(["export", SEED, "-o", out, "--narrative", mine, "--force", "--estimate"]);
        assert.equal(r.code, 2, out);
        assert.match(r.err, /^输出文件就是 --narrative 的情况说明：.*\.docx。导出会覆盖写好的情况说明，未做任何改动；请换一个输出文件名。\n$/);
      }
      assert.equal(readFileSync(mine, "utf8"), "my written text");
    });

    it("--version prints the package version", async () => {
      const r = await cli(["--version"]);
      assert.equal(r.code, 0);
      assert.match(r.out, /^budget-disclosure \d+\.\d+\.\d+\n$/);
    });

    it("an unknown command or option exits 2 with a Chinese message and no stack trace", async () => {
      const a = await cli(["verify", "x.xlsx"]);
      assert.equal(a.code, 2);
      assert.equal(a.err, "没有这个命令：verify\n运行 budget-disclosure --help 查看用法。\n");
      const b = await cli(["check", "--bogus", SEED]);
      assert.equal(b.code, 2);
      assert.match(b.err, /^未知选项：--bogus/);
      const c = await cli(["fill", SEED]);
      assert.equal(c.code, 2);
      assert.match(c.err, /请用 -o <输出.xlsx> 指定输出文件/);
      assert.ok(![a, b, c].some((r) => /\bat \w|Error:/.test(r.err)));
    });
  });

  describe("check", () => {
    it("reports the seed's real defect and exits 1", async () => {
      const r = await cli(["check", SEED]);
      assert.equal(r.code, 1, r.err);
      assert.equal(r.err, "");
      assert.match(r.out, /^■ .*seed\.xlsx（单位：万元，识别到 15 张表和说明参数）/);
      // Quantity and value of the same empty 房屋 row are one item (one cause), with one thing to do.
      assert.match(r.out, /部门固定资产占用情况表（工作表“固定资产占用情况表”）：错误 1 个/);
      assert.match(r.out, /\[错误\] 部门固定资产占用情况表 B6 T11-02 — .*办公用房/);
      assert.match(r.out, /\[错误\] 部门固定资产占用情况表 C6 T11-02 — .*2\.11 万元/);
      assert.match(r.out, /怎么办：请填写“1、房屋”的数量和价值。/);
      assert.match(r.out, /结果：错误 1 个/);
      // the reconciling tables raise no error
      assert.ok(!/\[错误\] 部门预算(收支|收入|支出)/.test(r.out));
    });

    it("--json: one line per workbook with the documented fields", async () => {
      const r = await cli(["check", SEED, "--json"]);
      assert.equal(r.code, 1);
      const lines = r.out.trimEnd().split("\n");
      assert.equal(lines.length, 1);
      const j = JSON.parse(lines[0]);
      assert.deepEqual(Object.keys(j), ["file", "unit", "tables", "findings"]);
      assert.equal(j.file, SEED);
      assert.equal(j.unit, "万元");
      assert.deepEqual(j.tables[0], { title: "部门预算收支总表", sheet: "收支总表", kind: "T1", kindName: "收支总表", unit: "万元" });
      const f = j.findings.find((x: { rule: string; cell: string }) => x.rule === "T11-02" && x.cell === "B6");
      assert.ok(f);
      assert.deepEqual(Object.keys(f), ["rule", "severity", "sheet", "cell", "related", "expected", "actual", "message"]);
      assert.equal(f.severity, "error");
      assert.equal(f.sheet, "固定资产占用情况表");
    });

    it("a Shanghai workbook: the report opens with what was recognised; --json gives each table's kind and unit", async () => {
      const file = join(FIXTURES, "real", "shanghai-putuo-wanli-2025.xlsx");
      const r = await cli(["check", file]);
      assert.equal(r.code, 0);
      assert.match(r.out, /识别结果：“1\.财务收支预算总表”→收支总表（元），“2\.收入预算总表”→收入总表（元），/);
      assert.match(r.out, /“9\.三公经费和机关运行经费”→“三公”经费表（万元），“说明参数”→说明参数\n/);
      const j = JSON.parse((await cli(["check", file, "--json"])).out);
      assert.deepEqual(j.tables.map((t: { kind: string }) => t.kind), ["T1", "T2", "T3", "T4", "T5", "T7", "T8", "T6", "T9", "PARAMS"]);
      assert.deepEqual(j.tables[8], { title: "2025年部门“三公”经费和机关运行经费预算表", sheet: "9.三公经费和机关运行经费", kind: "T9", kindName: "“三公”经费表", unit: "万元" });
    });

    it("the 元 twin and the differently laid out workbook give the same findings", async () => {
      const key = (f: { rule: string; severity: string; cell: string }) => `${f.severity} ${f.rule} ${f.cell}`;
      const findings = async (file: string) => {
        const r = await cli(["check", join(FIXTURES, file), "--json"]);
        return (JSON.parse(r.out).findings as { rule: string; severity: string; cell: string }[]).map(key).sort();
      };
      const seed = await findings("seed.xlsx");
      assert.deepEqual(await findings("seed-yuan.xlsx"), seed);
      assert.deepEqual(await findings("seed-alt.xlsx"), seed);
    });

    it("a folder: recursive, lock files skipped, one bad file does not stop the batch, summary, exit 2", async () => {
      mkdirSync(join(dir, "sub"));
      copyFileSync(SEED, join(dir, "a.xlsx"));
      writeFileSync(join(dir, "sub", "b.xlsx"), "这不是表格");
      copyFileSync(join(FIXTURES, "seed-alt.xlsx"), join(dir, "sub", "c.xlsx"));
      writeFileSync(join(dir, "~$a.xlsx"), "lock");
      writeFileSync(join(dir, "notes.txt"), "x");
      const r = await cli(["check", dir, join(dir, "a.xlsx")]); // a.xlsx named twice is checked once
      assert.equal(r.code, 2);
      assert.match(r.out, /■ .*a\.xlsx/);
      assert.match(r.out, /■ .*c\.xlsx/);
      assert.ok(!r.out.includes("~$"));
      assert.match(r.err, /无法读取 .*b\.xlsx：这不是 Excel 工作簿/);
      assert.match(r.out, /汇总：共 3 个文件，2 个有错误；错误 2 个，警告 \d+ 个，提示 \d+ 个；无法读取 1 个。/);
      assert.ok(!r.err.includes("正在检查"), "no progress line off a terminal");
    });

    it("a folder's .xlsm workbooks are checked and its old .xls files reported and counted, not left out; templates and other files skipped", async () => {
      copyFileSync(SEED, join(dir, "a.xlsx"));
      copyFileSync(join(FIXTURES, "libreoffice", "seed-chart.xlsm"), join(dir, "b.XLSM"));
      // An Excel 97-2003 file: a compound file (its signature), which the reader names.
      writeFileSync(join(dir, "c.xls"), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
      writeFileSync(join(dir, "g.et"), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
      copyFileSync(SEED, join(dir, "模板.xltx"));
      writeFileSync(join(dir, "d.csv"), "a,b");
      // A pipe under a workbook's name is said, not passed over.
      execFileSync("mkfifo", [join(dir, "e.xlsx")]);
      const r = await cli(["check", dir]);
      assert.equal(r.code, 2);
      assert.match(r.err, /无法读取 .*e\.xlsx：这不是普通文件（而是设备、管道或套接字）/);
      assert.match(r.err, /无法读取 .*g\.et：这是 WPS 表格文件（\.et），本工具只能读取 \.xlsx。请在 WPS 中打开后“另存为”Excel 工作簿（\.xlsx）再试。/);
      assert.match(r.out, /■ .*a\.xlsx/);
      assert.match(r.out, /■ .*b\.XLSM/);
      assert.match(r.err, /无法读取 .*c\.xls：这是旧版 Excel 97-2003 工作簿（\.xls），本工具只能读取 \.xlsx。请在 Excel 中打开后“另存为”/);
      assert.ok(!/模板|d\.csv/.test(r.out + r.err), "a template and a .csv are not checked");
      assert.match(r.out, /汇总：共 5 个文件，.*无法读取 3 个。/);
      // A folder without any of them says what it looked for.
      mkdirSync(join(dir, "空"));
      writeFileSync(join(dir, "空", "x.csv"), "a");
      const empty = await cli(["check", join(dir, "空")]);
      assert.match(empty.err, /提示：文件夹 .*空 中没有工作簿（\.xlsx、\.xlsm 或 \.xls）。/);
    });

    it("a file whose name is not UTF-8 (GBK, from a zip made on Chinese Windows): said so, not 'does not exist'", async () => {
      // 预算.xlsx with its name in GBK bytes: Node lists it with U+FFFD and cannot open that name.
      copyFileSync(SEED, Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0xd4, 0xa4, 0xcb, 0xe3]), Buffer.from(".xlsx")]));
      const r = await cli(["check", dir]);
      assert.equal(r.code, 2);
      assert.match(r.err, /无法读取 .*\uFFFD.*\.xlsx：文件名中有无法识别的字符（多半是在中文 Windows 上以 GBK 编码保存的文件名），请把文件改名后再试。/);
      assert.match(r.out, /无法读取 1 个/);
    });

    it("a folder with a link in a loop and a subfolder that cannot be listed: the rest is checked, the folder named, exit 2", async () => {
      copyFileSync(SEED, join(dir, "a.xlsx"));
      symlinkSync("self", join(dir, "self")); // ELOOP when followed
      symlinkSync("loop2.xlsx", join(dir, "loop1.xlsx"));
      symlinkSync("loop1.xlsx", join(dir, "loop2.xlsx"));
      mkdirSync(join(dir, "locked"));
      copyFileSync(SEED, join(dir, "locked", "b.xlsx"));
      let out = "";
      let err = "";
      const denied = Object.assign(new Error("EACCES: permission denied, scandir"), { code: "EACCES" });
      const fs = { ...nodeFs, readDir: (p: string) => (p.endsWith("locked") ? Promise.reject(denied) : nodeFs.readDir(p)) };
      const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false, fs, now: () => new Date(2024, 5, 1) };
      const code = await run(["check", dir], io);
      assert.equal(code, 2, err);
      assert.match(out, /■ .*a\.xlsx/);
      assert.match(err, /^无法读取文件夹 .*locked：没有访问权限，请检查文件和文件夹的权限。\n$/);
      assert.match(out, /汇总：共 1 个文件，1 个有错误；.*无法读取 0 个；另有 1 个文件夹无法读取。/);
      // Only that folder, given alone: its reason, exit 2.
      err = "";
      assert.equal(await run(["check", join(dir, "locked")], io), 2);
      assert.match(err, /^无法读取文件夹 .*locked：没有访问权限/);
    });

    it("a workbook reached twice (a symbolic link beside it, or named again through one) is checked and counted once", async () => {
      copyFileSync(SEED, join(dir, "2024版.xlsx"));
      symlinkSync("2024版.xlsx", join(dir, "最新.xlsx"));
      const r = await cli(["check", dir, join(dir, "最新.xlsx")]);
      assert.equal(r.code, 1, r.err);
      assert.equal(r.out.split("■ ").length, 2, r.out);
      assert.match(r.out, /汇总：共 1 个文件，1 个有错误；错误 1 个/);
    });

    it("a folder where the program fails on one file: the others are checked, that one is named as an internal error, exit 2", async () => {
      for (const f of ["a.xlsx", "b.xlsx", "c.xlsx"]) copyFileSync(SEED, join(dir, f));
      const b = join(dir, "b.xlsx");
      // A bug met on one file (here in the file system layer the CLI injects).
      const fs = failingOn(b);
      const said = `无法检查 ${b}：${BUG("检查工作簿")}`;
      const summary = /汇总：共 3 个文件，2 个有错误；错误 2 个，警告 \d+ 个，提示 \d+ 个；无法读取 1 个（其中 1 个因本工具的内部错误未能检查，请反馈给维护人员）。\n/;
      const text = await cli(["check", dir], { fs });
      assert.equal(text.code, 2);
      assert.equal(text.err, `${said}\n`);
      assert.deepEqual([...text.out.matchAll(/^■ (.*)（单位/gm)].map((m) => m[1]), [join(dir, "a.xlsx"), join(dir, "c.xlsx")]);
      assert.match(text.out, summary);
      const json = await cli(["check", dir, "--json"], { fs });
      assert.equal(json.code, 2);
      const lines = json.out.trimEnd().split("\n").map((l) => JSON.parse(l));
      assert.deepEqual(lines.map((l) => l.file), ["a.xlsx", "b.xlsx", "c.xlsx"].map((f) => join(dir, f)));
      assert.equal(lines[0].unit, "万元");
      assert.deepEqual(lines[1], { file: b, error: said, internal: true });
      assert.deepEqual(lines[2].findings, lines[0].findings);
      assert.match(json.err, summary);
      assert.doesNotMatch(text.err + json.err, /处理失败|\n\s+at /);
    });

    it("a folder with --json: a JSON line per file, an error line for the bad one; progress only on a terminal", async () => {
      copyFileSync(SEED, join(dir, "a.xlsx"));
      writeFileSync(join(dir, "b.xlsx"), new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]));
      const r = await cli(["check", dir, "--json"], { isTTY: true });
      assert.equal(r.code, 2);
      const lines = r.out.trimEnd().split("\n").map((l) => JSON.parse(l));
      assert.equal(lines.length, 2);
      assert.equal(lines[0].unit, "万元");
      assert.deepEqual(Object.keys(lines[1]), ["file", "error"]);
      assert.match(lines[1].error, /b\.xlsx：文件已损坏或不完整/);
      assert.match(r.err, /正在检查 \[1\/2\]/);
      assert.match(r.err, /汇总：共 2 个文件/);
    });

    it("--narrative checks a written 情况说明 against the tables; only with one workbook", async () => {
      const text = join(dir, "情况说明.txt");
      writeFileSync(text, "三、机关运行经费安排情况\n2024年，我部门机关运行经费共计安排45.00万元，主要用于日常运行支出。\n");
      const r = await cli(["check", SEED, "--narrative", text, "--json"]);
      assert.equal(r.code, 1, r.err);
      const s05 = JSON.parse(r.out).findings.find((f: { rule: string }) => f.rule === "S-05");
      assert.ok(s05, r.out);
      assert.equal(s05.sheet, "情况说明.txt");
      assert.match(s05.message, /45\.00/);
      const two = await cli(["check", SEED, join(FIXTURES, "seed-alt.xlsx"), "--narrative", text]);
      assert.equal(two.code, 2);
      assert.match(two.err, /--narrative 只能与一个工作簿文件一起使用/);
    });

    it("the group of a --narrative file's findings is labelled a file, of the workbook's own 情况说明 a worksheet", async () => {
      const para = "2024年，我部门机关运行经费共计安排45.00万元，主要用于日常运行支出。";
      const text = join(dir, "n2.txt");
      writeFileSync(text, `三、机关运行经费安排情况\n${para}\n`);
      const r = await cli(["check", SEED, "--narrative", text]);
      assert.equal(r.code, 1, r.err);
      assert.match(r.out, /^ {2}情况说明（文件“n2\.txt”）：/m);
      assert.doesNotMatch(r.out, /工作表“n2\.txt”/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(SEED) as unknown as ArrayBuffer);
      const ws = wb.addWorksheet("附件");
      ["部门预算情况说明", "三、机关运行经费安排情况", para].forEach((t, i) => (ws.getCell(`A${i + 1}`).value = t));
      const own = join(dir, "own.xlsx");
      writeFileSync(own, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
      const o = await cli(["check", own]);
      assert.match(o.out, /^ {2}情况说明（工作表“附件”）：/m, o.out);
    });

    it("a missing file exits 2 naming the file", async () => {
      const missing = join(dir, "没有.xlsx");
      const r = await cli(["check", missing]);
      assert.equal(r.code, 2);
      assert.equal(r.err, `无法读取 ${missing}：文件不存在，请检查文件名和路径。\n`);
    });

    it("an .xlsx without any budget table exits 2", async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("Sheet1").getCell("A1").value = "购物清单";
      const p = join(dir, "other.xlsx");
      writeFileSync(p, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
      const r = await cli(["check", p]);
      assert.equal(r.code, 2);
      assert.match(r.err, /other\.xlsx：没有找到可识别的预算公开表/);
    });
  });

  describe("fill", () => {
    it("-o naming a folder, and a package without [Content_Types].xml (no program opens it), are refused with what to do; nothing written", async () => {
      mkdirSync(join(dir, "out"));
      let r = await cli(["fill", SEED, "-o", join(dir, "out")]);
      assert.equal(r.code, 2);
      assert.match(r.err, /^无法写入 .*out：这是一个文件夹。-o 应给出输出文件名，例如 .*out\/seed\.xlsx。未做任何改动。\n$/);
      const zip = await JSZip.loadAsync(readFileSync(SEED));
      zip.remove("[Content_Types].xml");
      writeFileSync(join(dir, "noct.xlsx"), await zip.generateAsync({ type: "uint8array" }));
      r = await cli(["fill", join(dir, "noct.xlsx"), "-o", join(dir, "f.xlsx")]);
      assert.equal(r.code, 2);
      assert.match(r.err, /无法填充 .*noct\.xlsx：文件缺少 \[Content_Types\]\.xml 部件.*请重新获取原文件/);
      assert.deepEqual(readdirSync(join(dir, "out")), []);
      assert.ok(!readdirSync(dir).includes("f.xlsx"));
    });

    it("writes a new file with the derived cells and leaves the input byte-identical", async () => {
      const input = join(dir, "in.xlsx");
      await seedWith(input, { 支出总表: { D6: null, E7: 600, E8: 60.150000000000006 } });
      const before = readFileSync(input);
      const out = join(dir, "out.xlsx");
      const r = await cli(["fill", input, "-o", out]);
      assert.equal(r.code, 1, r.err); // the seed's T11 defect remains
      assert.ok(readFileSync(input).equals(before), "input untouched");
      assert.match(r.out, /部门预算支出总表 D6: （空） → 1042\.58/);
      assert.match(r.out, /部门预算支出总表 E7: 600 → 693\.02（替换原值）/);
      // A float's binary noise is not shown as the old value.
      assert.match(r.out, /部门预算支出总表 E8: 60\.15 → [\d.]+（替换原值）/);
      assert.match(r.out, /填充后仍有 1 个错误/); // B6 and C6 of T11-02: one cause, one error as check counts it
      const { snapshot } = await readSnapshot(readFileSync(out));
      const t3 = snapshot.sheets.find((s) => s.name === "支出总表")!;
      assert.equal(cellAt(t3, 5, 3), 1042.58);
      assert.equal(cellAt(t3, 6, 4), 693.02);
      assert.equal(cellAt(t3, 0, 0), "部门预算支出总表");
      assert.equal(snapshot.sheets.length, 16);
      assert.deepEqual(readdirSync(dir).sort(), ["in.xlsx", "out.xlsx"], "no temporary file left");
    });

    it("a bug met while filling is said to be one, naming the input; nothing is written", async () => {
      const input = join(dir, "in.xlsx");
      copyFileSync(SEED, input);
      const r = await cli(["fill", input, "-o", join(dir, "out.xlsx")], { fs: failingOn(input) });
      assert.equal(r.code, 2);
      assert.equal(r.err, `无法填充 ${input}：${BUG("填充合计")}\n`);
      assert.deepEqual(readdirSync(dir), ["in.xlsx"]);
    });

    it("--json lists the writes", async () => {
      const input = join(dir, "in.xlsx");
      await seedWith(input, { 支出总表: { D6: null } });
      const r = await cli(["fill", input, "-o", join(dir, "out.xlsx"), "--json"]);
      const j = JSON.parse(r.out);
      const w = j.writes.find((x: { cell: string }) => x.cell === "D6");
      assert.deepEqual({ sheet: w.sheet, old: w.old, new: w.new, replaces: w.replaces }, { sheet: "支出总表", old: null, new: "1042.58", replaces: false });
      assert.equal(j.errorsAfterFill, 1); // as the text and check count them: B6 and C6 of T11-02 are one cause
    });

    it("refuses to overwrite an existing output unless --force", async () => {
      const out = join(dir, "out.xlsx");
      writeFileSync(out, "keep me");
      const r = await cli(["fill", SEED, "-o", out]);
      assert.equal(r.code, 2);
      assert.match(r.err, /输出文件已存在：.*out\.xlsx。为避免覆盖，未做任何改动；如确需覆盖，请加 --force。/);
      assert.equal(readFileSync(out, "utf8"), "keep me");
      const f = await cli(["fill", SEED, "-o", out, "--force"]);
      assert.equal(f.code, 1);
      assert.equal((await readSnapshot(readFileSync(out))).snapshot.sheets.length, 16);
    });

    it("--in-place rewrites the input", async () => {
      const input = join(dir, "in.xlsx");
      await seedWith(input, { 收支总表: { E37: null } });
      const r = await cli(["fill", input, "--in-place"]);
      assert.equal(r.code, 1);
      assert.match(r.out, /部门预算收支总表 E37: （空） → 1042\.58/);
      const t1 = (await readSnapshot(readFileSync(input))).snapshot.sheets[0];
      assert.equal(cellAt(t1, 36, 4), 1042.58);
      assert.deepEqual(readdirSync(dir), ["in.xlsx"]);
    });

    it("refuses -o equal to the input", async () => {
      const r = await cli(["fill", SEED, "-o", SEED]);
      assert.equal(r.code, 2);
      assert.match(r.err, /输出文件与输入文件相同/);
    });

    it("refuses -o that is the input under another name (hard or symbolic link), even with --force", async () => {
      const input = join(dir, "in.xlsx");
      await seedWith(input, { 收支总表: { E37: null } });
      const before = readFileSync(input);
      linkSync(input, join(dir, "hard.xlsx"));
      symlinkSync(input, join(dir, "soft.xlsx"));
      for (const name of ["hard.xlsx", "soft.xlsx"]) {
        const r = await cli(["fill", input, "-o", join(dir, name), "--force"]);
        assert.equal(r.code, 2, name);
        assert.match(r.err, new RegExp(`^输出文件与输入文件相同：.*${name}。如需直接修改原文件，请使用 --in-place。`));
      }
      assert.deepEqual(readFileSync(input), before);
      assert.ok(lstatSync(join(dir, "soft.xlsx")).isSymbolicLink());
    });

    it("the output is named for the kind of workbook: an .xlsm stays .xlsm, a workbook is not written as .docx", async () => {
      const xlsm = join(FIXTURES, "libreoffice", "seed-chart.xlsm");
      for (const [input, out, want, kind] of [
        [xlsm, "out.xlsx", ".xlsm", "启用宏的工作簿"],
        [SEED, "预算公开.docx", ".xlsx", "工作簿"],
        [SEED, "out.xlsm", ".xlsx", "工作簿"],
      ]) {
        const r = await cli(["fill", input, "-o", join(dir, out)]);
        assert.equal(r.code, 2, out);
        assert.match(r.err, new RegExp(`^输出文件 .*${out.replace(".", "\\.")} 应以 \\${want} 结尾：.* 是${kind}，扩展名不符时 Excel 和 WPS 无法打开。未做任何改动。`));
      }
      assert.deepEqual(readdirSync(dir), []);
      const ok = await cli(["fill", xlsm, "-o", join(dir, "out.XLSM")]);
      assert.notEqual(ok.code, 2, ok.err);
      assert.deepEqual(readdirSync(dir), ["out.XLSM"]);
    });

    it("an error while writing the filled package names the input and the output not written, as read errors do, no stack", async () => {
      const input = join(dir, "in.xlsx");
      await seedWith(input, { 支出总表: { D6: null } });
      const before = readFileSync(input);
      const out = join(dir, "out.xlsx");
      const saved = codec();
      // The zip writer fails: a reader's message (bad input) passes through, anything else is a bug said so.
      const failing = (e: Error) => useCodec({ ...saved, deflate: () => { throw e; } });
      try {
        failing(new XlsxReadError("damaged", MESSAGES.badXml("xl/worksheets/sheet3.xml")));
        const bad = await cli(["fill", input, "-o", out]);
        assert.equal(bad.code, 2);
        assert.equal(bad.err, `无法填充 ${input}（未生成 ${out}）：${MESSAGES.badXml("xl/worksheets/sheet3.xml")}\n`);
        failing(new TypeError("Cannot read properties of undefined (reading 'length')"));
        const bug = await cli(["fill", input, "-o", out]);
        assert.equal(bug.code, 2);
        assert.equal(
          bug.err,
          `无法填充 ${input}（未生成 ${out}）：写入填充结果时本工具出现了内部错误（这是程序的缺陷，不一定是文件的问题）。请把这条信息和所用的文件一起反馈给维护人员。技术信息：TypeError：Cannot read properties of undefined (reading 'length')\n`,
        );
        const inPlace = await cli(["fill", input, "--in-place"]);
        assert.equal(inPlace.code, 2);
        assert.match(inPlace.err, new RegExp(`^无法填充 ${input.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}：写入填充结果时本工具出现了内部错误`));
        assert.doesNotMatch(bug.err + inPlace.err, /处理失败|\n\s+at /);
      } finally {
        useCodec(saved);
      }
      assert.deepEqual(readdirSync(dir), ["in.xlsx"], "nothing written");
      assert.ok(readFileSync(input).equals(before), "input untouched");
    });
  });

  it("check, fill and export say an unreadable workbook alike: the file named, the reader's reason", async () => {
    const input = join(dir, "坏.xlsx");
    writeFileSync(input, "这不是工作簿");
    const said = `无法读取 ${input}：${MESSAGES.notXlsx}\n`;
    assert.equal((await cli(["check", input])).err, said);
    assert.equal((await cli(["fill", input, "-o", join(dir, "out.xlsx")])).err, said);
    const e = await cli(["export", input, "-o", join(dir, "out.docx")]);
    assert.deepEqual([e.code, e.err], [2, said]);
  });

  describe("init", () => {
    it("writes a blank standard workbook that check reads back with no error", async () => {
      const out = join(dir, "new.xlsx");
      const r = await cli(["init", out, "--year", "2025", "--dept", "428 平乡县行政审批局"]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /已生成空白预算公开工作簿：.*new\.xlsx（2025 年，428 平乡县行政审批局）/);
      const { snapshot } = await readSnapshot(readFileSync(out));
      assert.equal(cellAt(snapshot.sheets[0], 1, 0), "428 平乡县行政审批局");
      assert.equal(cellAt(snapshot.sheets[0], 1, 2), "预算年度：2025");
      const c = await cli(["check", out]);
      assert.equal(c.code, 0, c.out);
      assert.match(c.out, /结果：错误 0 个/);
    });

    it("defaults to next year and a placeholder department; refuses to overwrite", async () => {
      const out = join(dir, "new.xlsx");
      const r = await cli(["init", out], { now: new Date(2026, 10, 26) });
      assert.equal(r.code, 0);
      const { snapshot } = await readSnapshot(readFileSync(out));
      assert.equal(cellAt(snapshot.sheets[0], 1, 0), "000 部门名称");
      assert.equal(cellAt(snapshot.sheets[0], 1, 2), "预算年度：2027");
      const again = await cli(["init", out]);
      assert.equal(again.code, 2);
      assert.match(again.err, /文件已存在/);
      for (const year of ["24", "0000", "1800", "2101"]) {
        const bad = await cli(["init", join(dir, "x.xlsx"), "--year", year]);
        assert.equal(bad.code, 2, year);
        assert.match(bad.err, /--year 应为四位年份（2000 到 2100），如 2025，收到：/, year);
      }
    });
  });

  describe("narrative", () => {
    it("rejects an unknown format and a missing file", async () => {
      const a = await cli(["narrative", SEED, "--format", "pdf"]);
      assert.equal(a.code, 2);
      assert.match(a.err, /--format 只能是 text、md 或 json/);
      const b = await cli(["narrative", join(dir, "no.xlsx")]);
      assert.equal(b.code, 2);
      assert.match(b.err, /no\.xlsx：文件不存在/);
    });

    it("an unknown template file name is a clear error", async () => {
      writeFileSync(join(dir, "s2.liquid"), "x");
      const r = await cli(["narrative", SEED, "--templates", dir]);
      assert.equal(r.code, 2);
      assert.match(r.err, /无法识别的模板文件：s2\.liquid/);
    });

    it("--templates replaces a default template by file name", async () => {
      writeFileSync(join(dir, "s10.liquid"), "十、其他需要说明的事项\n本部门{{ 年度 }}年无其他事项。");
      const r = await cli(["narrative", SEED, "--templates", dir]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /十、其他需要说明的事项\n本部门2024年无其他事项。/);
      assert.ok(!r.out.includes("我部门无其他需要说明的事项。"));
    });

    it("lists missing 说明参数 keys on stderr and marks them in the text", async () => {
      const out = join(dir, "blank.xlsx");
      assert.equal((await cli(["init", out, "--year", "2025", "--dept", "428 平乡县行政审批局"])).code, 0);
      const r = await cli(["narrative", out]);
      // The row is there with an empty 内容: the warning points at that cell and says to fill it in.
      assert.match(r.err, /\[警告\] 说明参数 B8 N-01 — 说明参数“上年基本支出”还没有填写内容.*B8 填写/);
      assert.match(r.out, /【缺少：说明参数“上年基本支出”】/);
      // An empty workbook's figures are blank cells (zero), its 上年 figures unknown: exit 1, never 0.
      assert.equal(r.code, 1);
      assert.match(r.err, /情况说明中有 \d+ 处【缺少：…】/);
    });

    it("exits 2 when no table was read, and rejects an unknown --style", async () => {
      const out = join(dir, "params-only.xlsx");
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("说明参数");
      ws.addRows([["说明参数"], ["项目", "内容"], ["部门名称", "某某局"], ["预算年度", "2025"]]);
      writeFileSync(out, Buffer.from(await wb.xlsx.writeBuffer()));
      const r = await cli(["narrative", out]);
      assert.equal(r.code, 2);
      assert.equal(r.out, "");
      assert.match(r.err, /没有找到可识别的预算公开表/);
      const s = await cli(["narrative", SEED, "--style", "北京"]);
      assert.equal(s.code, 2);
      assert.match(s.err, /--style 只能是 河北县级、上海区级，收到：北京/);
    });

    it("--style 上海区级 writes the 预算编制说明; --previous takes 上年 figures from last year's workbook", async () => {
      const sh = await cli(["narrative", SEED, "--style", "上海区级"]);
      assert.match(sh.out, /^2024年部门预算编制说明$/m);
      assert.match(sh.out, /^其他相关情况说明$/m);
      // The 元 twin is of this year too: as "last year" every change would read 持平, so it is refused.
      const yuan = join(FIXTURES, "seed-yuan.xlsx");
      const same = await cli(["narrative", SEED, "--previous", yuan]);
      assert.equal(same.code, 2);
      assert.equal(same.out, "");
      assert.equal(same.err, `无法为 ${SEED} 生成情况说明：上年工作簿 ${yuan} 是2024年的预算，${SEED} 是2024年的预算；上年工作簿应是2023年的。请选择2023年的预算公开工作簿。\n`);
      const last = join(dir, "2023.xlsx");
      writeFileSync(last, await workbookToBuffer(buildStandardWorkbook(SEED_AS_2023, { unit: "元" })));
      const prev = await cli(["narrative", SEED, "--previous", last, "--format", "json"]);
      const json = JSON.parse(prev.out);
      assert.equal(json.style, "河北县级");
      // The 2023 workbook holds this year's figures: it disagrees with every typed 上年 row.
      assert.match(prev.err, /N-03 — 说明参数“上年预算收支总额”为1009\.10万元，上年工作簿为1042\.58万元/);
      assert.match(json.sections.find((s: { id: string }) => s.id === "s02").paragraphs.join(""), /较2023年预算持平/);
      const missing = await cli(["narrative", SEED, "--previous", join(dir, "none.xlsx")]);
      assert.equal(missing.code, 2);
      assert.match(missing.err, /none\.xlsx：文件不存在/);
    });

    it("a bug met while generating is said to be one, naming the input", async () => {
      const r = await cli(["narrative", SEED], { fs: failingOn(SEED) });
      assert.equal(r.code, 2);
      assert.equal(r.out, "");
      assert.equal(r.err, `无法为 ${SEED} 生成情况说明：${BUG("生成情况说明")}\n`);
    });

    it("renders the seed's 情况说明 as text, md and json", async function () {
      const text = await cli(["narrative", SEED]);
      assert.equal(text.code, 0, text.err);
      assert.match(text.out, /二、部门预算安排的总体情况/);
      assert.match(text.out, /2024年预算收入1042\.58万元/);
      const md = await cli(["narrative", SEED, "--format", "md"]);
      assert.match(md.out, /^## 二、部门预算安排的总体情况$/m);
      const json = JSON.parse((await cli(["narrative", SEED, "--format", "json"])).out);
      assert.ok(json.sections.some((s: { title: string }) => s.title === "八、国有资产信息"));
    });
  });
});
