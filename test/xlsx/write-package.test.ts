// The writer: the fill goes into the original package; a test unzips original and filled and compares every part.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { readSnapshotSync } from "../../src/xlsx/read-snapshot";
import { openPackage } from "../../src/xlsx/package";
import { writeCells, writePlan, withFullCalcOnLoad } from "../../src/xlsx/write-package";
import { editSheetXml } from "../../src/xlsx/write-cells";
import { ZipArchive } from "../../src/xlsx/zip";
import { deflateLevel, fflateCodec } from "../../src/xlsx/inflate";
import { zlibCodec } from "../../src/xlsx/inflate-node";
import { planFill } from "../../src/core/fill";
import { cellAt, formulaAt, parseA1, type CellValue, type WorkbookSnapshot } from "../../src/core/snapshot";
import type { CellWrite } from "../../src/core/plan";
import { gbk } from "../support/gbk";

const FIXTURES = join(__dirname, "..", "fixtures");
const SEED = join(FIXTURES, "seed.xlsx");

function write(sheet: string, cell: string, value: string): CellWrite {
  const { row, col } = parseA1(cell)!;
  return { sheet, cell, row, col, oldValue: null, oldFormula: null, newValue: new Decimal(value), table: "", label: "", replaces: false };
}

/** Each entry's stored bytes (local header through data), by name. */
function storedEntries(bytes: Uint8Array): Map<string, Uint8Array> {
  const zip = new ZipArchive(bytes);
  const sorted = [...zip.entries].sort((a, b) => a.offset - b.offset);
  return new Map(sorted.map((e, i) => [e.name, bytes.subarray(e.offset, i + 1 < sorted.length ? sorted[i + 1].offset : zip.cdOffset)]));
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Every cell of every sheet equal, except the listed ones. */
function sameCellsExcept(a: WorkbookSnapshot, b: WorkbookSnapshot, except: Set<string>): void {
  assert.deepEqual(b.sheets.map((s) => s.name), a.sheets.map((s) => s.name));
  a.sheets.forEach((s, i) => {
    const t = b.sheets[i];
    assert.deepEqual(t.merges, s.merges, s.name);
    for (let r = 0; r < Math.max(s.rows.length, t.rows.length); r++) {
      for (let c = 0; c < Math.max(s.rows[r]?.length ?? 0, t.rows[r]?.length ?? 0); c++) {
        const k = `${s.name}!${r},${c}`;
        if (except.has(k)) continue;
        assert.deepEqual(cellAt(t, r, c), cellAt(s, r, c), k);
        assert.equal(formulaAt(t, r, c), formulaAt(s, r, c), k);
        if (cellAt(s, r, c) !== null) assert.equal(t.numberFormats?.[r]?.[c] ?? null, s.numberFormats?.[r]?.[c] ?? null, k);
      }
    }
  });
}

/** The seed with some totals blanked and extra parts ExcelJS would drop (VBA, customXml, a chart). */
async function blankedSeed(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(SEED) as unknown as ArrayBuffer);
  for (const a of ["D6", "E6", "F6"]) wb.getWorksheet("支出总表")!.getCell(a).value = null;
  const files = unzipSync(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  files["xl/vbaProject.bin"] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]);
  files["customXml/item1.xml"] = strToU8('<?xml version="1.0"?><b:Sources xmlns:b="urn:x"/>');
  files["xl/charts/chart1.xml"] = strToU8('<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
  return zipSync(files);
}

/**
 * Fills `original` and asserts what the fill must keep: the same entries in the same order, every part other than
 * the filled sheets byte for byte (stored bytes, so also unchanged compression), the filled sheets' other cells as
 * they were, the written cells holding the plan's figures, and nothing left to fill.
 */
function fillKeepsEveryOtherPart(original: Uint8Array) {
  const { snapshot, pkg } = readSnapshotSync(original);
  const plan = planFill(snapshot);
  assert.ok(plan.writes.length > 0);
  const out = writePlan(pkg, plan)!;
  const before = storedEntries(original);
  const after = storedEntries(out.bytes);
  assert.deepEqual([...after.keys()], [...before.keys()]);
  const touched = new Set(plan.writes.map((w) => pkg.sheets.find((s) => s.name === w.sheet)!.path));
  for (const [name, bytes] of before) {
    if (touched.has(name)) assert.ok(!same(bytes, after.get(name)!), name);
    else assert.ok(same(bytes, after.get(name)!), `${name} copied byte for byte`);
  }
  const filled = readSnapshotSync(out.bytes).snapshot;
  sameCellsExcept(snapshot, filled, new Set(plan.writes.map((w) => `${w.sheet}!${w.row},${w.col}`)));
  for (const w of plan.writes) assert.equal(cellAt(filled.sheets.find((s) => s.name === w.sheet)!, w.row, w.col), Number(w.newValue.toFixed()), w.cell);
  assert.deepEqual(planFill(filled).writes, []);
  return { plan, out, before, after };
}

describe("xlsx writer (the fill into the original package)", () => {
  it("changes only the written cells; every other part is byte for byte the original", async () => {
    const original = await blankedSeed();
    const { plan, out } = fillKeepsEveryOtherPart(original);
    const d6 = plan.writes.find((w) => w.sheet === "支出总表" && w.cell === "D6");
    assert.equal(d6?.newValue.toFixed(2), "1042.58");
    // The written cells keep their style: ExcelJS sees the same number format and font.
    const a = new ExcelJS.Workbook();
    await a.xlsx.load(original.slice().buffer as ArrayBuffer);
    const b = new ExcelJS.Workbook();
    await b.xlsx.load(out.bytes.slice().buffer as ArrayBuffer);
    for (const w of plan.writes) {
      const ca = a.getWorksheet(w.sheet)!.getCell(w.cell);
      const cb = b.getWorksheet(w.sheet)!.getCell(w.cell);
      assert.deepEqual(cb.style, ca.style, w.cell);
    }
  });

  // Saved by LibreOffice (scripts/libreoffice-chart-fixture.py): a chart and its drawing on the filled sheet.
  it("a LibreOffice-saved workbook with a chart: the chart, its drawing and every other part stay byte for byte", () => {
    const original = new Uint8Array(readFileSync(join(FIXTURES, "libreoffice", "seed-chart.xlsx")));
    const { plan, after } = fillKeepsEveryOtherPart(original);
    assert.deepEqual(plan.writes.filter((w) => w.sheet === "支出总表" && w.row === 5).map((w) => `${w.cell}=${w.newValue.toFixed(2)}`), ["D6=1042.58", "E6=852.58", "F6=190.00"]);
    for (const part of ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels"]) assert.ok(after.has(part), part);
  });

  it("an .xlsm keeps its VBA project and its macro-enabled content type", () => {
    // LibreOffice saves the .xlsm without macros; a VBA project (with its relationship) is added as Excel stores one.
    const files = unzipSync(new Uint8Array(readFileSync(join(FIXTURES, "libreoffice", "seed-chart.xlsm"))));
    const text = (name: string) => new TextDecoder().decode(files[name]);
    files["xl/vbaProject.bin"] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 9, 8, 7]);
    files["[Content_Types].xml"] = strToU8(text("[Content_Types].xml").replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'));
    files["xl/_rels/workbook.xml.rels"] = strToU8(
      text("xl/_rels/workbook.xml.rels").replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'),
    );
    const original = zipSync(files);
    const { out } = fillKeepsEveryOtherPart(original);
    const filled = unzipSync(out.bytes);
    assert.deepEqual([...filled["xl/vbaProject.bin"]], [...files["xl/vbaProject.bin"]]);
    assert.match(new TextDecoder().decode(filled["[Content_Types].xml"]), /application\/vnd\.ms-excel\.sheet\.macroEnabled\.main\+xml/);
    assert.ok(filled["xl/charts/chart2.xml"]);
  });

  it("returns null when there is nothing to write, so the file is left alone", () => {
    const { pkg } = readSnapshotSync(readFileSync(SEED));
    assert.equal(writePlan(pkg, { writes: [] }), null);
  });

  it("sets calcPr fullCalcOnLoad when the plan asks Excel to recalculate on open", () => {
    const { pkg } = readSnapshotSync(readFileSync(SEED));
    const out = writePlan(pkg, { writes: [], recalculateOnOpen: true })!;
    const wbXml = new TextDecoder().decode(unzipSync(out.bytes)["xl/workbook.xml"]);
    assert.match(wbXml, /<calcPr\b[^>]*fullCalcOnLoad="1"/);
    assert.equal(withFullCalcOnLoad('<workbook><sheets/><calcPr calcId="1" fullCalcOnLoad="0"/></workbook>'), '<workbook><sheets/><calcPr calcId="1" fullCalcOnLoad="1"/></workbook>');
    assert.equal(withFullCalcOnLoad("<x:workbook><x:sheets></x:sheets><x:definedNames/><x:extLst/></x:workbook>"), '<x:workbook><x:sheets></x:sheets><x:definedNames/><x:calcPr fullCalcOnLoad="1"/><x:extLst/></x:workbook>');
    // A calcPr or a </definedNames> in a comment is none: the flag went into the comment and was lost.
    assert.equal(
      withFullCalcOnLoad('<workbook><sheets><sheet name="a"/></sheets><!-- <calcPr calcId="1"/> </definedNames> --><definedNames><definedName name="x">1</definedName></definedNames><extLst/></workbook>'),
      '<workbook><sheets><sheet name="a"/></sheets><!-- <calcPr calcId="1"/> </definedNames> --><definedNames><definedName name="x">1</definedName></definedNames><calcPr fullCalcOnLoad="1"/><extLst/></workbook>',
    );
    assert.equal(withFullCalcOnLoad("<workbook><sheets/><extLst/></workbook>"), '<workbook><sheets/><calcPr fullCalcOnLoad="1"/><extLst/></workbook>');
  });

  it("inserts missing cells and rows in order, with the row's or the column's style", () => {
    const xml =
      '<worksheet xmlns="m"><cols><col min="4" max="4" style="7"/></cols><sheetData>' +
      '<row r="2"><c r="A2"><v>1</v></c><c r="C2" s="3"><v>3</v></c></row>' +
      '<row r="5" s="9" customFormat="1"/>' +
      '</sheetData><mergeCells count="1"><mergeCell ref="A9:B9"/></mergeCells></worksheet>';
    const r = editSheetXml(xml, "s.xml", [
      { row: 1, col: 1, edit: { number: "2" } },
      { row: 1, col: 3, edit: { number: "4" } },
      { row: 1, col: 2, edit: { number: "30" } },
      { row: 0, col: 0, edit: { number: "0.5" } },
      { row: 4, col: 0, edit: { number: "5" } },
      { row: 6, col: 3, edit: { number: "7" } },
    ]);
    assert.equal(
      r.xml,
      '<worksheet xmlns="m"><cols><col min="4" max="4" style="7"/></cols><sheetData>' +
        '<row r="1"><c r="A1"><v>0.5</v></c></row>' +
        '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c><c r="C2" s="3"><v>30</v></c><c r="D2" s="7"><v>4</v></c></row>' +
        '<row r="5" s="9" customFormat="1"><c r="A5" s="9"><v>5</v></c></row>' +
        '<row r="7"><c r="D7" s="7"><v>7</v></c></row>' +
        '</sheetData><mergeCells count="1"><mergeCell ref="A9:B9"/></mergeCells></worksheet>',
    );
    assert.equal(r.originals.get("C2"), '<c r="C2" s="3"><v>3</v></c>');
    assert.equal(r.originals.get("B2"), "");
  });

  it("a new cell takes the first <col> that covers it (overlapping, fractional, unreadable bounds as before the styles were precomputed)", () => {
    const cols =
      '<cols><col min="2" max="4" style="3"/><col min="3" max="6" style="5"/><col min="8" max="8" style="0"/><col min="7.5" max="9.5" style="6"/>' +
      '<col min="x" max="12" style="4"/><col min="11" max="11" style="8"/><col min="16000" max="99999" style="2"/></cols>';
    const xml = `<worksheet xmlns="m">${cols}<sheetData><row r="2" s="9" customFormat="1"/></sheetData></worksheet>`;
    const columns = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16383];
    const r = editSheetXml(xml, "s.xml", [...columns.map((col) => ({ row: 0, col, edit: { number: "1" } })), { row: 1, col: 2, edit: { number: "2" } }]);
    const styles = [...r.xml.matchAll(/<c r="([A-Z]+1)"(?: s="(\d+)")?>/g)].map((m) => `${m[1]}:${m[2] ?? "-"}`);
    assert.deepEqual(styles, ["A1:-", "B1:3", "C1:3", "D1:3", "E1:5", "F1:5", "G1:-", "H1:6", "I1:6", "J1:-", "K1:8", "L1:-", "XFD1:2"]);
    assert.match(r.xml, /<row r="2" s="9" customFormat="1"><c r="C2" s="9"><v>2<\/v><\/c><\/row>/); // the row's style first
  });

  it("refuses a cell inside any array formula's range, naming it; cells outside and unreadable ranges are written", () => {
    const xml =
      '<worksheet xmlns="m"><sheetData>' +
      '<row r="1"><c r="A1"><f t="array" ref="A1:B2">{1,2;3,4}</f><v>1</v></c><c r="B1"><v>2</v></c><c r="D1"><f t="array" ref="D1">7</f><v>7</v></c>' +
      '<c r="E1"><f t="array" ref="E1:Q">8</f><v>8</v></c></row>' +
      '<row r="2"><c r="A2"><v>3</v></c><c r="B2"><v>4</v></c></row>' +
      '<row r="3"><c r="C3"><f t="array" ref="C3:D4">9</f><v>9</v></c></row><row r="4"><c r="D4"><v>9</v></c></row></sheetData></worksheet>';
    const edit = (row: number, col: number) => editSheetXml(xml, "s.xml", [{ row, col, edit: { number: "5" } }]);
    for (const [row, col, message] of [[1, 1, "单元格 B2 是数组公式 A1:B2 的一部分"], [3, 3, "单元格 D4 是数组公式 C3:D4 的一部分"], [0, 0, "单元格 A1 是数组公式 A1:B2 的一部分"]] as const) {
      assert.throws(() => edit(row, col), (e: Error) => e.message === `${message}，不能单独写入。`, message);
    }
    assert.match(edit(1, 2).xml, /<c r="B2"><v>4<\/v><\/c><c r="C2"><v>5<\/v><\/c><\/row>/);
    assert.match(edit(0, 3).xml, /<c r="D1"><v>5<\/v><\/c>/); // a one-cell array formula is the cell's own
    assert.match(edit(0, 5).xml, /<c r="E1">.*<c r="F1"><v>5<\/v><\/c><\/row>/); // "E1:Q" covers nothing
  });

  it("refuses a sheet whose cells or rows are out of order or saved twice, naming them, instead of writing a cell twice", () => {
    // The edits are merged in by position: B5 after C5 got a new B5 before C5 and kept the old one after it (Excel
    // repairs such a file; this reader read the old value back).
    const sheet = (data: string) => `<worksheet xmlns="m"><sheetData>${data}</sheetData></worksheet>`;
    const cases: [string, RegExp][] = [
      ['<row r="5"><c r="C5"><v>3</v></c><c r="B5"><v>2</v></c></row>', /^单元格 B5 在 C5 之后保存（Excel 按行、列的顺序保存），写入会留下重复的单元格.*未做任何改动/],
      ['<row r="7"><c r="B7"><v>3</v></c></row><row r="5"><c r="B5"><v>2</v></c></row>', /^第 5 行在第 7 行之后保存/],
      ['<row r="5"><c r="B5"><v>2</v></c><c r="B5"><v>3</v></c></row>', /^单元格 B5 在文件中保存了两次/],
      ['<row r="5"><c r="B5"><v>2</v></c></row><row r="5"><c r="C5"><v>3</v></c></row>', /^第 5 行在文件中保存了两次/],
    ];
    for (const [data, message] of cases) {
      assert.throws(() => editSheetXml(sheet(data), "s.xml", [{ row: 4, col: 1, edit: { number: "9" } }]), (e: Error) => message.test(e.message), data);
    }
    // Through writeCells the message names the sheet.
    const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const pkg = openPackage(
      zipSync({
        "_rels/.rels": strToU8(`<Relationships xmlns="r"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
        "xl/workbook.xml": strToU8(`<workbook xmlns:r="${REL}"><sheets><sheet name="支出表" sheetId="1" r:id="rId1"/></sheets></workbook>`),
        "xl/_rels/workbook.xml.rels": strToU8(`<Relationships xmlns="r"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
        "xl/worksheets/sheet1.xml": strToU8(sheet(cases[0][0])),
      }),
    );
    assert.throws(() => writeCells(pkg, [{ sheet: "支出表", row: 4, col: 1, edit: { number: "9" } }]), (e: Error) => /^工作表“支出表”单元格 B5 在 C5 之后保存/.test(e.message));
    // In order, with rows and cells without r following the one before: written as before.
    assert.equal(
      editSheetXml(sheet('<row r="4"><c r="A4"><v>1</v></c></row><row><c><v>2</v></c><c><v>3</v></c></row>'), "s.xml", [{ row: 4, col: 1, edit: { number: "9" } }]).xml,
      sheet('<row r="4"><c r="A4"><v>1</v></c></row><row><c><v>2</v></c><c r="B5"><v>9</v></c></row>'),
    );
  });

  it("a package of more parts than a 16-bit count keeps every part, and says how many in zip64 end records", () => {
    // fflate, like other writers without zip64, keeps the count's low 16 bits: 70,004 parts counted as 4,468. The
    // reader read 4,468 and the filled copy dropped the other 65,536.
    const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const files: Record<string, Uint8Array> = {
      "_rels/.rels": strToU8(`<Relationships xmlns="r"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      "xl/workbook.xml": strToU8(`<workbook xmlns:r="${REL}"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      "xl/_rels/workbook.xml.rels": strToU8(`<Relationships xmlns="r"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
      "xl/worksheets/sheet1.xml": strToU8('<worksheet xmlns="m"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>'),
    };
    for (let i = 0; i < 70_000; i++) files[`customXml/item${i}.xml`] = strToU8(`<i>${i}</i>`);
    const input = zipSync(files, { level: 0 });
    const pkg = openPackage(input);
    assert.equal(pkg.zip.entries.length, 70_004);
    const out = writeCells(pkg, [{ sheet: "表", row: 0, col: 1, edit: { number: "2" } }])!.bytes;
    const back = new ZipArchive(out);
    assert.equal(back.entries.length, 70_004);
    assert.equal(back.text("customXml/item69999.xml"), "<i>69999</i>");
    const v = new DataView(out.buffer, out.byteOffset, out.byteLength);
    assert.equal(v.getUint16(out.length - 22 + 10, true), 0xffff, "the 16-bit count says: see zip64");
    assert.equal(Object.keys(unzipSync(out)).length, 70_004, "another reader agrees");
    assert.deepEqual(readSnapshotSync(out).snapshot.sheets[0].rows, [[1, 2]]);
  });

  it("a sheet saved in UTF-16 or declared in GBK is read so and written back in UTF-8, saying so (GBK read as mojibake before)", () => {
    const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const xml = (encoding: string) =>
      `<?xml version="1.0" encoding="${encoding}"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>合计</t></is></c></row></sheetData></worksheet>`;
    const x16 = xml("UTF-16");
    const utf16 = new Uint8Array(2 + x16.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < x16.length; i++) (utf16[2 + 2 * i] = x16.charCodeAt(i) & 0xff), (utf16[3 + 2 * i] = x16.charCodeAt(i) >> 8);
    const xGbk = xml("GBK");
    const inGbk = gbk(xGbk);
    assert.deepEqual([...inGbk.subarray(xGbk.indexOf("合"), xGbk.indexOf("合") + 4)], [0xba, 0xcf, 0xbc, 0xc6]); // 合计 in GBK
    for (const sheet of [utf16, inGbk]) {
      const pkg = openPackage(
        zipSync({
          "_rels/.rels": strToU8(`<Relationships xmlns="r"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
          "xl/workbook.xml": strToU8(`<workbook xmlns:r="${REL}"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`),
          "xl/_rels/workbook.xml.rels": strToU8(`<Relationships xmlns="r"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
          "xl/worksheets/sheet1.xml": sheet,
        }),
      );
      const out = writeCells(pkg, [{ sheet: "表", row: 0, col: 1, edit: { number: "12.5" } }])!;
      const text = new TextDecoder("utf-8", { fatal: true }).decode(unzipSync(out.bytes)["xl/worksheets/sheet1.xml"]);
      assert.ok(text.startsWith('<?xml version="1.0" encoding="UTF-8"?><worksheet'), text.slice(0, 60));
      assert.deepEqual(readSnapshotSync(out.bytes).snapshot.sheets[0].rows, [["合计", 12.5]]);
    }
  });

  it("a workbook read within the total size limit is filled: the sheets the fill reads again count once (the fill refused it)", async () => {
    const input = await blankedSeed();
    // The limit set to exactly what reading inflates.
    const total = (readSnapshotSync(input).pkg.zip as unknown as { inflated: number }).inflated;
    const { snapshot, pkg } = readSnapshotSync(input, "x.xlsx", { limits: { maxTotalBytes: total } });
    const out = writePlan(pkg, planFill(snapshot))!;
    assert.ok(out.bytes.length > 0);
  });

  it("keeps the archive comment byte for byte (it was dropped)", async () => {
    const input = await blankedSeed();
    const comment = new Uint8Array([...strToU8("平乡县行政审批局 2024 "), 0, 0xff, 0x50, 0x4b]);
    const withComment = new Uint8Array(input.length + comment.length);
    withComment.set(input);
    withComment.set(comment, input.length);
    new DataView(withComment.buffer).setUint16(input.length - 2, comment.length, true);
    const out = fillKeepsEveryOtherPart(withComment).out.bytes;
    const pkg = openPackage(withComment);
    assert.ok(same(pkg.zip.comment, comment));
    assert.ok(same(out.subarray(out.length - comment.length), comment));
    assert.equal(new DataView(out.buffer, out.byteOffset).getUint16(out.length - comment.length - 2, true), comment.length);
    assert.ok(same(new ZipArchive(out).comment, comment));
    assert.equal(Object.keys(unzipSync(out)).length, pkg.zip.entries.length, "another reader agrees");
  });

  it("refuses to replace a shared-formula master whose clone was saved before it, naming both", () => {
    const xml =
      '<worksheet xmlns="m"><sheetData><row r="1"><c r="A1"><f t="shared" si="0"/><v>2</v></c><c r="B1"><f t="shared" si="0" ref="A1:C1">D1*2</f><v>3</v></c>' +
      '<c r="C1"><f t="shared" si="0"/><v>4</v></c></row></sheetData></worksheet>';
    assert.throws(
      () => editSheetXml(xml, "s.xml", [{ row: 0, col: 1, edit: { number: "9" } }]),
      (e: Error) => /^单元格 B1 是共享公式的主单元格，而用这个公式的单元格 A1 保存在它之前.*未做任何改动/.test(e.message),
    );
    // A clone written over is no master: written as usual.
    assert.match(editSheetXml(xml, "s.xml", [{ row: 0, col: 2, edit: { number: "9" } }]).xml, /<c r="C1"><v>9<\/v><\/c><\/row>/);
  });

  it("a replaced shared-formula master leaves its clones their own formulas, and the calculation chain goes", () => {
    const sheet =
      '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row>' +
      '<x:row r="2"><x:c r="A2" s="1"><x:f t="shared" ref="A2:B2" si="0">A1*2</x:f><x:v>2</x:v></x:c><x:c r="B2"><x:f t="shared" si="0"/><x:v>4</x:v></x:c></x:row>' +
      "</x:sheetData></x:worksheet>";
    const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    // Also an Id and a part name that hold pattern characters: "rId(9" made the writer throw a SyntaxError (English,
    // no file written), "[1]" left the removed part's content type behind (Excel then repairs the file).
    for (const [id, chain] of [["rId9", "calcChain.xml"], ["rId(9", "calcChain[1]+.xml"]]) {
      const bytes = zipSync({
        "[Content_Types].xml": strToU8(`<Types xmlns="t"><Override PartName="/xl/${chain}" ContentType="c"/><Default Extension="xml" ContentType="application/xml"/></Types>`),
        "_rels/.rels": strToU8(`<Relationships xmlns="r"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
        "xl/workbook.xml": strToU8(`<workbook xmlns:r="${REL}"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`),
        "xl/_rels/workbook.xml.rels": strToU8(`<Relationships xmlns="r"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="${id}" Type="${REL}/calcChain" Target="${chain}"/></Relationships>`),
        "xl/worksheets/sheet1.xml": strToU8(sheet),
        [`xl/${chain}`]: strToU8('<calcChain xmlns="m"><c r="A2" i="1"/><c r="B2"/></calcChain>'),
      });
      const pkg = openPackage(bytes);
      const out = writeCells(pkg, [{ sheet: "表", row: 1, col: 0, edit: { number: "9" } }])!;
      const files = unzipSync(out.bytes);
      const text = (n: string) => new TextDecoder().decode(files[n]);
      assert.match(text("xl/worksheets/sheet1.xml"), /<x:c r="A2" s="1"><x:v>9<\/x:v><\/x:c><x:c r="B2"><x:f>B1\*2<\/x:f><x:v>4<\/x:v><\/x:c>/);
      assert.equal(files[`xl/${chain}`], undefined);
      assert.equal(text("xl/_rels/workbook.xml.rels"), `<Relationships xmlns="r"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`, id);
      assert.equal(text("[Content_Types].xml"), '<Types xmlns="t"><Default Extension="xml" ContentType="application/xml"/></Types>', chain);
      const s = readSnapshotSync(out.bytes).snapshot.sheets[0];
      assert.equal(cellAt(s, 1, 0), 9);
      assert.equal(formulaAt(s, 1, 1), "=B1*2");
    }
  });

  it("puts back what a cell held (undo) from the original element", () => {
    const { pkg } = readSnapshotSync(readFileSync(SEED));
    const filled = writePlan(pkg, { writes: [write("支出总表", "D6", "1"), write("支出总表", "Z99", "2")] })!;
    const again = openPackage(filled.bytes);
    const undone = writeCells(again, filled.originals.map((o) => ({ sheet: o.sheet, ...parseA1(o.cell)!, edit: { raw: o.xml } })))!;
    const s = readSnapshotSync(undone.bytes).snapshot.sheets.find((x) => x.name === "支出总表")!;
    assert.equal(cellAt(s, 5, 3), 1042.58);
    assert.equal(cellAt(s, 98, 25), null);
  });

  it("is linear in its writes: 60,000 cells into one sheet", () => {
    const { pkg } = readSnapshotSync(readFileSync(SEED));
    const writes: CellWrite[] = [];
    for (let r = 100; r < 20100; r++) for (const c of ["H", "I", "J"]) writes.push(write("支出总表", `${c}${r}`, String(r)));
    const out = writePlan(pkg, { writes })!;
    const s = readSnapshotSync(out.bytes).snapshot.sheets.find((x) => x.name === "支出总表")!;
    assert.equal(cellAt(s, 20098, 9) as CellValue, 20099);
    assert.equal(out.originals.length, 60000);
  });

  it("stores CRC-32 as zip tools check it, by zlib and by the table alike; deflates a part over 1 MB at level 3", () => {
    assert.equal(zlibCodec.crc32(strToU8("123456789")), 0xcbf43926); // the standard check value
    assert.equal(fflateCodec.crc32(strToU8("123456789")), 0xcbf43926);
    const big = new Uint8Array(3_000_000).map((_, i) => (i * 7919) % 251);
    assert.equal(zlibCodec.crc32(big), fflateCodec.crc32(big));
    assert.deepEqual([deflateLevel(1000), deflateLevel(1024 * 1024), deflateLevel(1024 * 1024 + 1)], [6, 6, 3]);
    // A part written at level 3 reads back byte for byte, whichever codec reads it.
    for (const c of [zlibCodec, fflateCodec]) assert.deepEqual(c.inflate(zlibCodec.deflate(big, 3), big.length), big);
  });
});
