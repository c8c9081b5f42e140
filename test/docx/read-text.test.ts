// A hostile 情况说明 .docx gets the workbook reader's specific messages (said for a Word document), not "damaged".
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { run } from "../../src/cli/main";
import { nodeFs, type CliIo } from "../../src/cli/node-io";
import { readNarrativeFile } from "../../src/docx/read-text";
import { DOCX_FILE, MESSAGES } from "../../src/xlsx/errors";
import { ZipArchive } from "../../src/xlsx/zip";
import { gbk } from "../support/gbk";
import { forgeCentral, renamePart, shareData } from "../support/zip-forge";

const SEED = join(__dirname, "..", "fixtures", "seed.xlsx");
const DAMAGED = "文件已损坏或不完整（可能下载或复制未完成），无法作为 .docx 打开。请重新获取原文件，或在 Word 或 WPS 中打开修复后另存为 .docx 再试。";
const BAD_REF_REASON = "文件的 word/document.xml 含有未定义的实体“&#99999999;”，文件已损坏或被人为构造，不予读取。请在 Word 或 WPS 中打开后另存为 .docx 再试。";
const BAD_REF = `说明.docx：${BAD_REF_REASON}`;
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const doc = (text: string, decl = '<?xml version="1.0" encoding="UTF-8"?>') => `${decl}<w:document ${W}><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;
const docx = (parts: Record<string, string | Uint8Array>) =>
  zipSync(Object.fromEntries(Object.entries({ "[Content_Types].xml": '<Types xmlns="t"/>', ...parts }).map(([k, v]) => [k, typeof v === "string" ? strToU8(v) : v])));

async function readFails(bytes: Uint8Array): Promise<string> {
  try {
    await readNarrativeFile(bytes, "说明.docx");
  } catch (e) {
    return (e as Error).message;
  }
  return assert.fail("read");
}

describe("docx: a hostile 情况说明 gets the specific messages the workbook reader gives", () => {
  const duplicate = () => renamePart(docx({ "word/document.xml": doc("一、部门职责"), "word/documenX.xml": doc("二、机构设置") }), "word/documenX.xml", "word/document.xml");

  it("two entries of one part name", async () => {
    assert.equal(
      await readFails(duplicate()),
      "说明.docx：文件中有两个同名的部件 word/document.xml（压缩包里同一个名字出现了两次），不知道哪一个才是真正的内容。Word、WPS 保存的文档不会这样，文件可能被其他程序改坏或被人为构造，不予读取。请在 Word 或 WPS 中打开修复并另存为 .docx 后再试。",
    );
  });

  it("two entries that share their data", async () => {
    const bytes = shareData(docx({ "word/document.xml": doc("一、部门职责"), "word/styles.xml": "<w:styles/>" }), "word/styles.xml", "word/document.xml");
    assert.match(await readFails(bytes), /^说明\.docx：文件中部件 word\/(document|styles)\.xml 的数据与部件 word\/(document|styles)\.xml 的数据相互重叠.*Word、WPS 保存的文档不会这样，这样的文件可能是“压缩炸弹”或被人为构造，不予读取。请重新获取原文件。$/);
  });

  it("a declared encoding no decoder knows; a known one (GBK) is read", async () => {
    assert.equal(
      await readFails(docx({ "word/document.xml": doc("一、部门职责", '<?xml version="1.0" encoding="x-mac-klingon"?>') })),
      "说明.docx：文件的 word/document.xml 声明使用字符编码“x-mac-klingon”，本工具无法识别这种编码，读出的文字会是乱码，不予读取。请在 Word 或 WPS 中打开后另存为 .docx 再试。",
    );
    assert.equal(await readNarrativeFile(docx({ "word/document.xml": gbk(doc("一、部门职责", '<?xml version="1.0" encoding="GBK"?>')) }), "说明.docx"), "一、部门职责");
  });

  it("a zip bomb and a part past the size limit are said for a Word document (they told to delete worksheets)", async () => {
    const bomb = docx({ "word/document.xml": doc(" ".repeat(3 * 1024 * 1024)) });
    assert.match(await readFails(bomb), /^说明\.docx：文件的 word\/document\.xml 压缩比异常（约 [\d,]+ 倍，正常文档不超过一百倍），可能是“压缩炸弹”，不予读取。请重新获取原文件。$/);
    const large = forgeCentral(docx({ "word/document.xml": doc("一、部门职责") }), "word/document.xml", 24, 200 * 1024 * 1024);
    assert.equal(
      await readFails(large),
      "说明.docx：文件的 word/document.xml 解压后有 200 MB，超过上限 128 MB，不予读取（情况说明远小于此）。请确认选择了正确的文件，或在 Word 或 WPS 中打开后另存为 .docx 再试。",
    );
  });

  it("what is only broken still reads as a damaged document", async () => {
    assert.equal(await readFails(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2])), `说明.docx：${DAMAGED}`);
    assert.match(await readFails(strToU8("一、部门职责")), /^说明\.docx：这不是有效的 Word 文档（\.docx），无法读取/);
  });

  it("a 情况说明 that is no text (a PDF, the workbook, an .odt, a binary file) is refused, not read as garbled sentences", async () => {
    const NOT_TEXT = "这不是 Word 文档（.docx）或文本文件（.txt），无法读取。请在 Word 或 WPS 中把情况说明另存为 .docx 或 .txt 后再试。";
    const reason = async (bytes: Uint8Array, name: string) => {
      try {
        await readNarrativeFile(bytes, name);
      } catch (e) {
        return (e as Error).message;
      }
      return "read";
    };
    assert.equal(await reason(strToU8("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj"), "说明.pdf"), "说明.pdf：这是 PDF 文件，无法从中读取情况说明的文字。请提供情况说明的 Word 文档（.docx）或文本文件（.txt）。");
    assert.equal(await reason(readFileSync(SEED), "预算.xlsx"), `预算.xlsx：${NOT_TEXT}`);
    assert.equal(await reason(docx({ mimetype: "application/vnd.oasis.opendocument.text" }), "说明.odt"), `说明.odt：${NOT_TEXT}`);
    assert.equal(await reason(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "说明.wps"), `说明.wps：${NOT_TEXT}`);
    assert.equal(await reason(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), "说明.txt"), `说明.txt：${NOT_TEXT}`);
    // Text stays text: GBK, UTF-16 with its BOM.
    assert.equal(await readNarrativeFile(gbk("一、部门职责"), "说明.txt"), "一、部门职责");
    assert.equal(await readNarrativeFile(new Uint8Array([0xff, 0xfe, ...Buffer.from("二、机构", "utf16le")]), "说明.txt"), "二、机构");
    // Nothing to check is said, not passed as a narrative without problems: an empty file, blank lines, a .docx without text.
    const EMPTY = "情况说明是空的（没有任何文字），无法核对。请确认选择了写好的情况说明文件。";
    assert.equal(await reason(new Uint8Array(0), "说明.txt"), `说明.txt：${EMPTY}`);
    assert.equal(await reason(strToU8(" \r\n\u3000\n"), "说明.txt"), `说明.txt：${EMPTY}`);
    assert.equal(await reason(docx({ "word/document.xml": doc("") }), "说明.docx"), `说明.docx：${EMPTY}`);
  });

  it("a 情况说明 past 500,000 characters is refused before it is checked (a 38 MB text took 3 GB)", async () => {
    const line = "一、部门职责。本部门2024年预算收入1042.58万元。\n";
    const big = strToU8(line.repeat(Math.ceil(600_000 / line.length)));
    await assert.rejects(readNarrativeFile(big, "说明.txt"), (e: Error) => /^说明\.txt：文字有 \d{3},\d{3} 个字符，超过 500,000 个字符的上限（一份情况说明通常只有几万字），不予核对。请确认选择了正确的文件。$/.test(e.message));
    // Paragraphs count as far as they are checked (S-25 cuts each at 20,000): 26 paragraphs of 20,000 are too many, one long one is not.
    const varied = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join(""); // no zip bomb
    const para = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const body = (ps: string[]) => docx({ "word/document.xml": `<w:document ${W}><w:body>${ps.join("")}</w:body></w:document>` });
    await assert.rejects(readNarrativeFile(body(Array.from({ length: 26 }, () => para(varied))), "说明.docx"), /说明\.docx：文字有 520,025 个字符，超过 500,000/);
    assert.equal((await readNarrativeFile(body([para(varied.repeat(30))]), "说明.docx")).length, 600_000);
    assert.equal((await readNarrativeFile(strToU8(line.repeat(100)), "说明.txt")).length, line.length * 100);
  });

  it("check --narrative names the file once and says why, no stack", async () => {
    const dir = mkdtempSync(join(tmpdir(), "docx-"));
    try {
      const file = join(dir, "说明.docx");
      writeFileSync(file, duplicate());
      let err = "";
      const io: CliIo = { stdout: () => {}, stderr: (t) => void (err += t), isTTY: false, fs: nodeFs, now: () => new Date(2024, 5, 1) };
      assert.equal(await run(["check", SEED, "--narrative", file], io), 2);
      assert.match(err, new RegExp(`^无法读取 ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}：文件中有两个同名的部件 word/document\\.xml`));
      assert.doesNotMatch(err, /\n\s+at |不是有效的/);
      assert.equal(err.split("说明.docx").length, 2, err);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe("check and export --narrative: any failure reading the file ends as a Chinese message naming it", () => {
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    async function cli(args: (file: string) => string[], name: string, bytes: Uint8Array, fs: CliIo["fs"] = nodeFs): Promise<{ code: number; err: string; file: string }> {
      const dir = mkdtempSync(join(tmpdir(), "docx-"));
      try {
        const file = join(dir, name);
        writeFileSync(file, bytes);
        let err = "";
        const io: CliIo = { stdout: () => {}, stderr: (t) => void (err += t), isTTY: false, fs, now: () => new Date(2024, 5, 1) };
        return { code: await run(args(file), io), err, file };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    it("a character reference past Unicode (no Word writes one) is a damaged document, not a RangeError", async () => {
      const bytes = docx({ "word/document.xml": doc("一、部门职责&#99999999;") });
      await assert.rejects(readNarrativeFile(bytes, "说明.docx"), (e: Error) => e.name === "NarrativeFileError" && e.message === BAD_REF);
      for (const args of [(f: string) => ["check", SEED, "--narrative", f], (f: string) => ["export", SEED, "-o", join(tmpdir(), "不会生成.docx"), "--estimate", "--narrative", f]]) {
        const { code, err, file } = await cli(args, "说明.docx", bytes);
        assert.equal(code, 2, err);
        assert.equal(err, `无法读取 ${file}：${BAD_REF_REASON}\n`);
        assert.doesNotMatch(err, /Invalid code point|RangeError|\n\s+at |处理失败/);
      }
    });

    it("an unexpected error while reading is said to be the tool's, naming the file, never raw", async () => {
      // A read that hands back text instead of bytes: a bug, whose TypeError carries a Node code (not a file system error).
      const fs = { ...nodeFs, readFile: async (p: string) => (p.endsWith(".txt") ? ("一、部门职责" as unknown as Uint8Array) : nodeFs.readFile(p)) };
      const { code, err, file } = await cli((f) => ["check", SEED, "--narrative", f], "说明.txt", strToU8("一、部门职责"), fs);
      assert.equal(code, 2, err);
      assert.match(err, new RegExp(`^无法读取 ${esc(file)}：读取情况说明时本工具出现了内部错误（这是程序的缺陷，不一定是文件的问题）。.*技术信息：TypeError：`), err);
      assert.doesNotMatch(err, /系统代码|\n\s+at /);
    });
  });

  describe("every message a .docx can get calls it a Word document, never a workbook", () => {
    const WORKBOOK = /工作簿|工作表|Excel|\.xlsx/;
    const BODY = "word/document.xml";
    const good = () => docx({ [BODY]: doc("一、部门职责") });
    /** The body's central record with general-purpose flags and compression method forged (one 32-bit field). */
    const forgeFlags = (flags: number, method?: number) => forgeCentral(good(), BODY, 8, flags + (method ?? new ZipArchive(good()).entry(BODY)!.method) * 0x10000);
    /** A CFB container (Word's file with an open password, or an old .doc) with the given stream name in UTF-16LE. */
    const cfb = (stream: string) => {
      const bytes = new Uint8Array(1024);
      bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      for (let i = 0; i < stream.length; i++) bytes[600 + 2 * i] = stream.charCodeAt(i);
      return bytes;
    };
    const ENCRYPTED = "说明.docx：文件设置了打开密码（已加密），无法读取。请在 Word 中打开，通过“文件 → 信息 → 保护文档 → 用密码进行加密”清除密码后另存为 .docx 再试。";
    const cases: [string, () => Uint8Array, string][] = [
      ["Word's file with an open password (a CFB container with an EncryptedPackage stream)", () => cfb("EncryptedPackage"), ENCRYPTED],
      ["a body part flagged encrypted in the zip", () => forgeFlags(1), ENCRYPTED],
      ["a body part stored with a compression method no .docx uses", () => forgeFlags(0, 99), `说明.docx：${DAMAGED}`],
      ["a body whose data is cut short", () => good().subarray(0, 40), `说明.docx：${DAMAGED}`],
      ["a character reference no character has", () => docx({ [BODY]: doc("一、部门职责&#99999999;") }), BAD_REF],
      ["an empty file", () => new Uint8Array(0), "说明.docx：文件是空的（0 字节或不含任何内容）。请确认选择了正确的文件，或在 Word 或 WPS 中重新保存为 .docx 再试。"],
      ["another CFB file (an old .doc renamed)", () => cfb("WordDocument"), "说明.docx：这是旧版 Word 文档（.doc），请在 Word 中另存为 .docx 后再试。"],
    ];
    for (const [what, bytes, message] of cases) {
      it(what, async () => {
        const got = await readFails(bytes());
        assert.equal(got, message);
        assert.doesNotMatch(got, WORKBOOK);
      });
    }

    it("a workbook's messages still say workbook", () => {
      assert.equal(MESSAGES.encrypted(), "文件设置了打开密码（已加密），无法读取。请在 Excel 中打开，通过“文件 → 信息 → 保护工作簿 → 用密码进行加密”清除密码后另存为 .xlsx 再试。");
      assert.equal(MESSAGES.damaged(), "文件已损坏或不完整（可能下载或复制未完成），无法作为 .xlsx 打开。请重新获取原文件，或在 Excel 中打开修复后另存为 .xlsx。");
      assert.equal(MESSAGES.empty(), "文件是空的（0 字节或不含任何工作表）。请确认选择了正确的文件，或重新导出工作簿。");
      assert.equal(MESSAGES.missingPart("xl/workbook.xml"), "文件缺少工作簿声明的部件 xl/workbook.xml，文件已损坏或不完整。请重新获取原文件，或在 Excel 中打开修复后另存为 .xlsx。");
      assert.equal(MESSAGES.badEntity("xl/sharedStrings.xml", "&bogus;"), "文件的 xl/sharedStrings.xml 含有未定义的实体“&bogus;”，文件已损坏或被人为构造，不予读取。请在 Excel 或 WPS 中打开后另存为 .xlsx 再试。");
    });

    it("a missing part of a Word document is said so", () => {
      assert.throws(() => new ZipArchive(good(), undefined, DOCX_FILE).read("word/styles.xml"), (e: Error) => e.message === "文件缺少文档声明的部件 word/styles.xml，文件已损坏或不完整。请重新获取原文件，或在 Word 或 WPS 中打开修复后另存为 .docx 再试。");
    });
  });
});
