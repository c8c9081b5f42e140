import { ALL_SECTION_IDS } from "../../src/core/narrative/render";
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadTemplates, TemplateError } from "../../src/cli/templates";
import { run } from "../../src/cli/main";
import { nodeFs } from "../../src/cli/node-io";

describe("cli/loadTemplates", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "budget-tpl-"));
    mkdirSync(join(root, "defaults"));
    mkdirSync(join(root, "user"));
    writeFileSync(join(root, "defaults", "s02.liquid"), "默认二");
    writeFileSync(join(root, "defaults", "s03.liquid"), "默认三");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("reads the defaults and overlays same-named files", () => {
    assert.deepEqual(loadTemplates(undefined, join(root, "defaults")), { s02: "默认二", s03: "默认三" });
    writeFileSync(join(root, "user", "s03.liquid"), "我的三");
    writeFileSync(join(root, "user", "说明.txt"), "not a template");
    assert.deepEqual(loadTemplates(join(root, "user"), join(root, "defaults")), { s02: "默认二", s03: "我的三" });
  });

  it("names unknown template files and a missing folder", () => {
    writeFileSync(join(root, "user", "s3.liquid"), "x");
    assert.throws(() => loadTemplates(join(root, "user"), join(root, "defaults")), (e: unknown) => e instanceof TemplateError && /s3\.liquid/.test(e.message) && /s03\.liquid/.test(e.message));
    assert.throws(() => loadTemplates(join(root, "nope"), join(root, "defaults")), /模板文件夹不存在/);
  });

  it("reads templates as Notepad saves them: GBK (ANSI), UTF-16 (Unicode), UTF-8 with BOM and CRLF", () => {
    const gbk = Buffer.from([0xd2, 0xbb, 0xa1, 0xa2, 0xb2, 0xbf, 0xc3, 0xc5]); // 一、部门 in GBK
    writeFileSync(join(root, "user", "s02.liquid"), gbk);
    writeFileSync(join(root, "user", "s03.liquid"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("二、收入\r\n{{ x }}", "utf16le")]));
    assert.deepEqual(loadTemplates(join(root, "user"), join(root, "defaults")), { s02: "一、部门", s03: "二、收入\n{{ x }}" });
    writeFileSync(join(root, "user", "s03.liquid"), "\uFEFF三、支出\r\n");
    assert.equal(loadTemplates(join(root, "user"), join(root, "defaults")).s03, "三、支出\n");
  });

  it("refuses a binary file under a .liquid name, naming it (it would print as garbled text)", () => {
    writeFileSync(join(root, "user", "s02.liquid"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    assert.throws(() => loadTemplates(join(root, "user"), join(root, "defaults")), (e: unknown) => e instanceof TemplateError && /^无法读取模板 .*s02\.liquid：这不是文本文件。/.test(e.message));
  });

  it("names a --templates that is a file, and a template that is a folder or a pipe, without reading it", () => {
    writeFileSync(join(root, "s01.liquid"), "x");
    assert.throws(() => loadTemplates(join(root, "s01.liquid"), join(root, "defaults")), (e: unknown) => e instanceof TemplateError && /s01\.liquid 是一个文件：请给出存放 \.liquid 模板的文件夹/.test(e.message));
    mkdirSync(join(root, "user", "s02.liquid"));
    assert.throws(() => loadTemplates(join(root, "user"), join(root, "defaults")), (e: unknown) => e instanceof TemplateError && /无法读取 .*s02\.liquid：这是一个文件夹，请给出 \.liquid 模板文件/.test(e.message));
    rmSync(join(root, "user", "s02.liquid"), { recursive: true });
    execFileSync("mkfifo", [join(root, "user", "s03.liquid")]);
    assert.throws(() => loadTemplates(join(root, "user"), join(root, "defaults")), (e: unknown) => e instanceof TemplateError && /s03\.liquid：这不是普通文件/.test(e.message));
  });

  it("export with a broken --templates says what is wrong, not that it is a fault to report", async () => {
    mkdirSync(join(root, "user", "s01.liquid"));
    let err = "";
    const io = { stdout: () => undefined, stderr: (t: string) => void (err += t), isTTY: false, fs: nodeFs, now: () => new Date(2024, 5, 1) };
    const seed = join(__dirname, "..", "fixtures", "seed.xlsx");
    const code = await run(["export", seed, "-o", join(root, "out.docx"), "--estimate", "--force", "--templates", join(root, "user")], io);
    assert.equal(code, 2);
    assert.match(err, /^无法读取 .*s01\.liquid：这是一个文件夹，请给出 \.liquid 模板文件。\n$/);
    assert.ok(!existsSync(join(root, "out.docx")));
  });

  it("finds the engine's default templates next to the renderer: one per section", function () {
    const t = loadTemplates();
    assert.ok(existsSync(join(__dirname, "..", "..", "src", "core", "narrative", "templates")));
    assert.deepEqual(Object.keys(t).sort(), [...ALL_SECTION_IDS].sort());
    assert.match(t.s04, /三公/);
  });
});
