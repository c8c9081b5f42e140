import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readSnapshot, XlsxReadError } from "../../src/xlsx/read-snapshot";
import { cellAt, formulaAt, type SheetSnapshot } from "../../src/core/snapshot";

const FIXTURES = join(__dirname, "..", "fixtures");
const seedBytes = () => readFileSync(join(FIXTURES, "seed.xlsx"));

function sheet(snap: { sheets: SheetSnapshot[] }, name: string): SheetSnapshot {
  const s = snap.sheets.find((x) => x.name === name);
  assert.ok(s, `sheet ${name}`);
  return s;
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function readError(data: Uint8Array): Promise<XlsxReadError> {
  try {
    await readSnapshot(data, "x.xlsx");
  } catch (e) {
    assert.ok(XlsxReadError.is(e), `expected XlsxReadError, got ${String(e)}`);
    return e;
  }
  assert.fail("readSnapshot should have thrown");
}

describe("xlsx/readSnapshot", () => {
  it("reads every sheet of the seed fixture in order, with the file name", async () => {
    const { snapshot } = await readSnapshot(seedBytes(), "seed.xlsx");
    assert.equal(snapshot.name, "seed.xlsx");
    assert.equal(snapshot.sheets.length, 16);
    assert.deepEqual(snapshot.sheets.slice(0, 3).map((s) => s.name), ["收支总表", "收入总表", "支出总表"]);
    assert.equal(snapshot.sheets.at(-1)!.name, "说明参数");
  });

  it("keeps a merged value only in its top-left cell, as Excel's range.values does", async () => {
    const { snapshot } = await readSnapshot(seedBytes());
    const t1 = sheet(snapshot, "收支总表");
    assert.equal(cellAt(t1, 0, 0), "部门预算收支总表"); // A1:E1 merged
    for (let c = 1; c < 5; c++) assert.equal(cellAt(t1, 0, c), null);
    // 收入 group header B3:C3, 序号 A3:A4
    assert.equal(cellAt(t1, 2, 1), "收入");
    assert.equal(cellAt(t1, 2, 2), null);
    assert.equal(cellAt(t1, 2, 0), "序号");
    assert.equal(cellAt(t1, 3, 0), null);
    assert.equal(cellAt(t1, 3, 1), "项目");
  });

  it("reads numbers, text codes and number formats", async () => {
    const { snapshot } = await readSnapshot(seedBytes());
    const t3 = sheet(snapshot, "支出总表");
    assert.deepEqual(t3.rows[4].slice(0, 4), ["栏次", 1, 2, 3]);
    assert.deepEqual(t3.rows[5].slice(0, 6), [1, null, "合计", 1042.58, 852.58, 190]);
    assert.equal(cellAt(t3, 11, 1), "20805");
    assert.equal(t3.numberFormats?.[5][3], "0.00");
  });

  it("reads formulas (cached result and text), errors, rich text, dates, hyperlinks and booleans", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.getCell("A1").value = 1.5;
    ws.getCell("A2").value = 2.25;
    ws.getCell("A3").value = { formula: "SUM(A1:A2)", result: 3.75 };
    ws.getCell("B1").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
    ws.getCell("B2").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
    ws.getCell("C1").value = { richText: [{ text: "部门" }, { font: { bold: true }, text: "预算" }] };
    ws.getCell("C2").value = new Date(Date.UTC(2023, 11, 31));
    ws.getCell("C3").value = { text: "财政局网站", hyperlink: "http://example.invalid/" };
    ws.getCell("D1").value = true;
    ws.getCell("D2").value = "单位：万元";
    ws.getCell("D2").numFmt = "@";
    const { snapshot } = await readSnapshot(await bytesOf(wb), "mixed.xlsx");
    const s = sheet(snapshot, "数据");
    assert.equal(cellAt(s, 2, 0), 3.75);
    assert.equal(formulaAt(s, 2, 0), "=SUM(A1:A2)");
    assert.equal(formulaAt(s, 0, 0), null);
    assert.deepEqual(cellAt(s, 0, 1), { error: "#REF!" });
    assert.deepEqual(cellAt(s, 1, 1), { error: "#DIV/0!" });
    assert.equal(formulaAt(s, 1, 1), "=1/0");
    assert.equal(cellAt(s, 0, 2), "部门预算");
    assert.equal(cellAt(s, 1, 2), "2023-12-31");
    assert.equal(cellAt(s, 2, 2), "财政局网站");
    assert.equal(cellAt(s, 0, 3), true);
    assert.equal(cellAt(s, 1, 3), "单位：万元");
    assert.equal(s.numberFormats?.[1][3], "@");
  });

  it("accepts an ArrayBuffer as well as a Uint8Array", async () => {
    const b = seedBytes();
    const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    const { snapshot } = await readSnapshot(ab);
    assert.equal(snapshot.sheets.length, 16);
  });

  describe("bad input", () => {
    it("a text file renamed .xlsx is not-xlsx", async () => {
      const e = await readError(new TextEncoder().encode("项目,金额\n合计,1042.58\n"));
      assert.equal(e.code, "not-xlsx");
      assert.match(e.message, /不是 Excel 工作簿/);
    });

    it("a truncated .xlsx is damaged", async () => {
      const b = seedBytes();
      const e = await readError(b.subarray(0, Math.floor(b.length / 2)));
      assert.equal(e.code, "damaged");
      assert.match(e.message, /损坏或不完整/);
    });

    it("a ZIP that holds no workbook is not-xlsx", async () => {
      const zip = new JSZip();
      zip.file("readme.txt", "hello");
      const e = await readError(await zip.generateAsync({ type: "uint8array" }));
      assert.equal(e.code, "not-xlsx");
    });

    it("a CFB container with an EncryptedPackage stream is encrypted", async () => {
      const bytes = new Uint8Array(1024);
      bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      const name = "EncryptedPackage";
      for (let i = 0; i < name.length; i++) bytes[600 + 2 * i] = name.charCodeAt(i); // UTF-16LE
      const e = await readError(bytes);
      assert.equal(e.code, "encrypted");
      assert.match(e.message, /密码/);
    });

    it("another CFB file is an old .xls: save as .xlsx", async () => {
      const bytes = new Uint8Array(1024);
      bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      const e = await readError(bytes);
      assert.equal(e.code, "not-xlsx");
      assert.match(e.message, /另存为/);
      assert.match(e.message, /\.xls/);
    });

    it("a workbook without its relationships part is damaged, not empty (its sheets cannot be found)", async () => {
      const zip = await JSZip.loadAsync(seedBytes());
      zip.remove("xl/_rels/workbook.xml.rels");
      const e = await readError(await zip.generateAsync({ type: "uint8array" }));
      assert.equal(e.code, "damaged");
      assert.match(e.message, /缺少.*xl\/_rels\/workbook\.xml\.rels/);
    });

    it("zero bytes is empty", async () => {
      const e = await readError(new Uint8Array(0));
      assert.equal(e.code, "empty");
      assert.match(e.message, /空/);
    });
  });
});
