// Browser mode: a failure writing the local .xlsx reaches the pane as a Chinese message naming the file, never raw.
import { strict as assert } from "node:assert";
import Decimal from "decimal.js";
import { strToU8, zipSync } from "fflate";
import type { WorkbookHost } from "../../src/host/workbook-host";
import { describeError, paneError } from "../../src/taskpane/errors";
import { downloadNamed, fileFailure, guardFileHost, readChosen } from "../../src/taskpane/file-guard";
import { MESSAGES, XlsxReadError } from "../../src/xlsx/errors";
import { openFileHost } from "../../src/xlsx/file-host";

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A workbook whose A1:B2 is one array formula: Excel refuses a write into B2, and so does the writer. */
function arrayFormulaWorkbook(): Uint8Array {
  return zipSync({
    "[Content_Types].xml": strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
    "_rels/.rels": strToU8(`<Relationships xmlns="r"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(`<workbook xmlns:r="${REL}"><sheets><sheet name="支出表" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships xmlns="r"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(
      '<worksheet xmlns="m"><sheetData><row r="1"><c r="A1"><f t="array" ref="A1:B2">{1,2;3,4}</f><v>1</v></c><c r="B1"><v>2</v></c></row>' +
        '<row r="2"><c r="A2"><v>3</v></c><c r="B2"><v>4</v></c></row></sheetData></worksheet>',
    ),
  });
}

const plan = (cell: string, row: number, col: number) => ({
  writes: [{ sheet: "支出表", cell, row, col, oldValue: 4, oldFormula: null, newValue: new Decimal(5), table: "支出表", label: "合计", replaces: true }],
});

describe("taskpane/file-guard: browser mode names the file in every read and write failure", () => {
  it("a fill the writer refuses: the file, sheet and cell in Chinese; the page and its bytes unchanged", async () => {
    const bytes = arrayFormulaWorkbook();
    let changed = 0;
    const file = await openFileHost(bytes, "平乡县-预算.xlsx");
    const host = guardFileHost(file, () => changed++);
    const err = await host.applyPlan(plan("B2", 1, 1)).then(
      () => assert.fail("the write into an array formula was accepted"),
      (e: unknown) => e,
    );
    const shown = describeError(err);
    assert.equal(shown.message, "无法填充 平乡县-预算.xlsx：工作表“支出表”单元格 B2 是数组公式 A1:B2 的一部分，不能单独写入。");
    assert.equal(shown.hint, "");
    assert.equal(changed, 0, "a failed write does not mark the page as changed");
    assert.deepEqual(await host.exportWorkbook!(), bytes);
  });

  it("a write outside the array formula goes through and marks the page as changed (download does not)", async () => {
    let changed = 0;
    const host = guardFileHost(await openFileHost(arrayFormulaWorkbook(), "a.xlsx"), () => changed++);
    assert.equal((await host.applyPlan(plan("C2", 1, 2))).written, 1);
    assert.equal(changed, 1);
    assert.equal((await host.readSnapshot()).sheets[0].rows[1][2], 5);
    await host.exportWorkbook!();
    assert.equal(changed, 1);
  });

  it("a bug met while writing is said to be one, with what was done and no stack", async () => {
    const boom = () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'rows')"));
    const stub = { name: () => "b.xlsx", writeNarrative: boom, saveTemplates: boom, undoLastFill: boom, exportWorkbook: boom } as unknown as WorkbookHost;
    const host = guardFileHost(stub, () => assert.fail("changed"));
    const tech = "技术信息：TypeError：Cannot read properties of undefined (reading 'rows')";
    const cases: [Promise<unknown>, string][] = [
      [host.writeNarrative([]), `无法把情况说明写入 b.xlsx：${MESSAGES.internal("TypeError：Cannot read properties of undefined (reading 'rows')", "写入情况说明")}`],
      [host.saveTemplates({}), "无法把模板保存到 b.xlsx：保存模板时本工具出现了内部错误"],
      [host.undoLastFill(), "无法撤销 b.xlsx 的填充：撤销填充时本工具出现了内部错误"],
      [host.exportWorkbook!(), "无法生成 b.xlsx 的下载文件：生成下载文件时本工具出现了内部错误"],
    ];
    for (const [call, start] of cases) {
      const e = await call.then(() => assert.fail("resolved"), (x: unknown) => x as Error);
      const shown = describeError(e);
      assert.ok(shown.message.startsWith(start), shown.message);
      assert.ok(shown.message.endsWith(tech), shown.message);
      assert.doesNotMatch(shown.message, /\n\s+at /);
    }
  });

  it("a read failure names the file; a message the pane made (time limit, cancel) is kept", () => {
    const damaged = fileFailure("无法读取 c.xlsx", new XlsxReadError("damaged", MESSAGES.damaged()), "读取工作簿");
    assert.equal(describeError(damaged).message, `无法读取 c.xlsx：${MESSAGES.damaged()}`);
    const cancelled = paneError("已取消读取工作簿。");
    assert.equal(fileFailure("无法读取 c.xlsx", cancelled), cancelled);
  });

  describe("the download itself", () => {
    const NAME = "平乡县-预算（已处理）.xlsx";
    const blob = new Blob(["x"]);
    const fails = (download: () => void) => {
      try {
        downloadNamed(blob, NAME, download);
      } catch (e) {
        return describeError(e);
      }
      return assert.fail("the download did not fail");
    };

    it("hands the bytes and the name to the browser", () => {
      const got: [Blob, string][] = [];
      downloadNamed(blob, NAME, (b, n) => void got.push([b, n]));
      assert.deepEqual(got, [[blob, NAME]]);
    });

    it("the browser refusing it (a DOMException): the file and what to do", () => {
      const shown = fails(() => {
        throw new DOMException("Download is disallowed. The frame initiating or instantiating the download is sandboxed.", "SecurityError");
      });
      assert.equal(shown.message, `无法下载 ${NAME}：浏览器拒绝了下载（SecurityError：Download is disallowed. The frame initiating or instantiating the download is sandboxed.）。`);
      assert.equal(shown.hint, "请在浏览器中允许本页下载文件（地址栏中的下载图标或网站设置），然后再试；或换用最新版的 Edge、Chrome 或 Firefox。");
    });

    it("a bug in it is said to be one, naming the file, with no stack", () => {
      const shown = fails(() => {
        throw new TypeError("a.click is not a function");
      });
      assert.equal(shown.message, `无法下载 ${NAME}：${MESSAGES.internal("TypeError：a.click is not a function", "下载文件")}`);
      // The real download where there is no page (here): the same, not a raw ReferenceError.
      assert.throws(
        () => downloadNamed(blob, NAME),
        (e: Error) => describeError(e).message === `无法下载 ${NAME}：${MESSAGES.internal("ReferenceError：document is not defined", "下载文件")}`,
      );
    });
  });

  describe("the chosen file's bytes", () => {
    const failure = (file: Pick<File, "name" | "size" | "arrayBuffer">) =>
      readChosen(file).then(
        () => assert.fail("read"),
        (e: unknown) => describeError(e),
      );

    it("a file the user chose is read as it is", async () => {
      assert.deepEqual(new Uint8Array(await readChosen(new File([new Uint8Array([0x50, 0x4b, 3, 4])], "a.xlsx"))), new Uint8Array([0x50, 0x4b, 3, 4]));
    });

    it("too large a file is refused before it is read, with its size (gigabytes would freeze the tab)", async () => {
      const shown = await failure({ name: "大.xlsx", size: 3 * 1024 ** 3, arrayBuffer: () => assert.fail("read") });
      assert.equal(shown.message, "无法读取 大.xlsx：文件有 3,072 MB，超过 256 MB 的上限，不像是预算公开文件。请确认选择了正确的文件。");
    });

    it("the browser failing to read it (moved or locked since it was chosen): the file and what to do", async () => {
      const why = "The requested file could not be read, typically due to permission problems that have occurred after a reference to a file was acquired.";
      const shown = await failure({ name: "b.xlsx", size: 10, arrayBuffer: () => Promise.reject(new DOMException(why, "NotReadableError")) });
      assert.equal(shown.message, `无法读取 b.xlsx：浏览器无法读取这个文件（NotReadableError：${why}）。`);
      assert.equal(shown.hint, "文件可能在选择后被移动、删除或修改，或正被其他程序占用。请关闭占用它的程序后重新选择文件。");
    });

    it("a bug while reading it is said to be one, naming the file", async () => {
      const shown = await failure({ name: "c.xlsx", size: 10, arrayBuffer: () => Promise.reject(new TypeError("x is undefined")) });
      assert.equal(shown.message, `无法读取 c.xlsx：${MESSAGES.internal("TypeError：x is undefined", "读取文件")}`);
    });
  });
});
