// The value-only reader against ExcelJS (cell for cell) on every fixture, LibreOffice-saved files and real
// workbooks; hand-built packages for what ExcelJS never writes; and the limits that stop hostile files.
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { zipSync, strToU8 } from "fflate";
import { asReadError, readSnapshotSync, type ReadOptions } from "../../src/xlsx/read-snapshot";
import { readSharedStrings } from "../../src/xlsx/sheet-xml";
import { XmlScanner } from "../../src/xlsx/xml";
import { snapshotOfWorkbook } from "../support/exceljs-snapshot";
import { gbk } from "../support/gbk";
import { DEFAULT_LIMITS, MESSAGES, sizeText, XlsxReadError, type XlsxReadErrorCode } from "../../src/xlsx/errors";
import { cellAt, formulaAt, type SheetSnapshot, type WorkbookSnapshot } from "../../src/core/snapshot";
import { codec, fflateCodec, InflateLimitError, useCodec } from "../../src/xlsx/inflate";
import { zlibCodec } from "../../src/xlsx/inflate-node";
import { isDateFormat, plainNumber, readStyles, slideFormula } from "../../src/xlsx/sheet-xml";
import { forgeCentral, renamePart, shareData } from "../support/zip-forge";

const FIXTURES = join(__dirname, "..", "fixtures");
const files = [
  ...["seed.xlsx", "seed-alt.xlsx", "seed-yuan.xlsx"].map((f) => join(FIXTURES, f)),
  ...readdirSync(join(FIXTURES, "libreoffice")).filter((f) => f.endsWith(".xlsx")).map((f) => join(FIXTURES, "libreoffice", f)),
  ...readdirSync(join(FIXTURES, "real")).filter((f) => f.endsWith(".xlsx")).map((f) => join(FIXTURES, "real", f)),
];

function sheet(snap: WorkbookSnapshot, name: string): SheetSnapshot {
  const s = snap.sheets.find((x) => x.name === name);
  assert.ok(s, `sheet ${name}`);
  return s;
}

/** Differences between two snapshots, cell by cell (values, formulas, number formats of non-blank cells). */
function differences(a: WorkbookSnapshot, b: WorkbookSnapshot): string[] {
  const out: string[] = [];
  assert.deepEqual(b.sheets.map((s) => s.name), a.sheets.map((s) => s.name));
  // LibreOffice escapes literal characters in formats ("yyyy\-mm\-dd"), ExcelJS drops the backslashes;
  // "General" is no format, which ExcelJS reports as null or "General" depending on how the file declares it.
  const fmt = (f: string | null | undefined) => (!f || /^general$/i.test(f) ? null : f.replace(/\\/g, ""));
  a.sheets.forEach((s, i) => {
    const t = b.sheets[i];
    const rows = Math.max(s.rows.length, t.rows.length);
    for (let r = 0; r < rows; r++) {
      const cols = Math.max(s.rows[r]?.length ?? 0, t.rows[r]?.length ?? 0);
      for (let c = 0; c < cols; c++) {
        const va = JSON.stringify(cellAt(s, r, c));
        const vb = JSON.stringify(cellAt(t, r, c));
        if (va !== vb) out.push(`${s.name}!${r},${c} value ${va} ≠ ${vb}`);
        if (formulaAt(s, r, c) !== formulaAt(t, r, c)) out.push(`${s.name}!${r},${c} formula ${formulaAt(s, r, c)} ≠ ${formulaAt(t, r, c)}`);
        if (cellAt(s, r, c) !== null && fmt(s.numberFormats?.[r]?.[c]) !== fmt(t.numberFormats?.[r]?.[c])) {
          out.push(`${s.name}!${r},${c} format ${s.numberFormats?.[r]?.[c]} ≠ ${t.numberFormats?.[r]?.[c]}`);
        }
      }
    }
  });
  return out;
}

// ---------- hand-built packages ----------

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

interface Pkg {
  sheets: [string, string][]; // name, sheet XML
  sharedStrings?: string;
  styles?: string;
  workbookPr?: string;
  extra?: Record<string, Uint8Array>;
}

function pkg(p: Pkg): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0"?><workbook ${NS}>${p.workbookPr ?? ""}<sheets>${p.sheets.map(([n], i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${p.sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join("")}<Relationship Id="rS" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="rT" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
  };
  p.sheets.forEach(([, xml], i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml)));
  if (p.sharedStrings !== undefined) files["xl/sharedStrings.xml"] = strToU8(p.sharedStrings);
  if (p.styles !== undefined) files["xl/styles.xml"] = strToU8(p.styles);
  return zipSync({ ...files, ...p.extra });
}

const ws = (data: string, after = "") => `<?xml version="1.0"?><worksheet ${NS}><sheetData>${data}</sheetData>${after}</worksheet>`;

function readError(bytes: Uint8Array, limits?: ReadOptions["limits"]): XlsxReadError {
  try {
    readSnapshotSync(bytes, "x.xlsx", { limits });
  } catch (e) {
    assert.ok(XlsxReadError.is(e), `expected XlsxReadError, got ${String(e)}`);
    return e;
  }
  assert.fail("the reader should have refused the file");
}

describe("xlsx reader (value-only, no ExcelJS)", () => {
  describe("the same snapshot as ExcelJS, cell for cell", () => {
    for (const file of files) {
      it(file.slice(FIXTURES.length + 1), async () => {
        const bytes = readFileSync(file);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
        const mine = readSnapshotSync(bytes).snapshot;
        assert.deepEqual(differences(snapshotOfWorkbook(wb), mine), []);
        assert.ok(mine.sheets.some((s) => s.rows.some((r) => r.some((v) => typeof v === "number"))));
      });
    }
  });

  it("reads merged ranges and number formats (the seed and its LibreOffice copy alike)", () => {
    for (const f of ["seed.xlsx", "libreoffice/seed.xlsx"]) {
      const s = readSnapshotSync(readFileSync(join(FIXTURES, f))).snapshot;
      const t1 = sheet(s, "收支总表");
      assert.ok(t1.merges?.includes("A1:E1"), `${f}: ${t1.merges}`);
      assert.equal(sheet(s, "支出总表").numberFormats?.[5][3], "0.00");
    }
  });

  it("reads what LibreOffice writes: rich text, dates, booleans, errors, formulas, merges over rows", () => {
    const s = sheet(readSnapshotSync(readFileSync(join(FIXTURES, "libreoffice", "mixed.xlsx"))).snapshot, "支出总表");
    assert.equal(cellAt(s, 0, 0), "部门支出总表");
    assert.deepEqual(s.merges, ["A1:D1", "B5:B6"]);
    assert.equal(cellAt(s, 2, 2), 852.58);
    assert.equal(s.numberFormats?.[2][2], "0.00");
    assert.equal(s.numberFormats?.[3][2], "#,##0.00");
    assert.equal(cellAt(s, 2, 3), "2024-01-31");
    assert.equal(formulaAt(s, 4, 2), "=SUM(C3:C4)");
    assert.equal(cellAt(s, 4, 2), 2042.58);
    assert.deepEqual(cellAt(s, 4, 3), { error: "#DIV/0!" });
    assert.equal(cellAt(s, 5, 3), "第一行\n第二行 & <尖括号>");
    assert.equal(s.numberFormats?.[0][0], null); // LibreOffice's "General" is no format
  });

  it("reads prefixed namespaces, shared formulas, inline and rich strings without phonetic runs, 1904 dates", () => {
    const xml = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
      <x:row r="2"><x:c r="A2"><x:v>1.5</x:v></x:c><x:c r="B2" s="1"><x:v>2.25</x:v></x:c><x:c r="C2" s="2"><x:v>0</x:v></x:c></x:row>
      <x:row r="3"><x:c r="A3"><x:f t="shared" ref="A3:C3" si="0">A1+$B$2</x:f><x:v>3</x:v></x:c><x:c r="B3"><x:f t="shared" si="0"/><x:v>4</x:v></x:c><x:c><x:f t="shared" si="0"/><x:v>5</x:v></x:c></x:row>
      <x:row><x:c t="inlineStr"><x:is><x:r><x:t>单位</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">：万元 </x:t></x:r></x:is></x:c><x:c t="s"><x:v>0</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row>
      </x:sheetData><x:mergeCells count="1"><x:mergeCell ref="D2:E2"/></x:mergeCells></x:worksheet>`;
    const bytes = pkg({
      sheets: [["表", xml]],
      workbookPr: `<workbookPr date1904="1"/>`,
      sharedStrings: `<sst ${NS}><si><r><t>部门</t></r><r><t>预算</t></r><rPh sb="0" eb="2"><t>ぶもん</t></rPh></si><si><t>a_x000D_b</t></si></sst>`,
      styles: `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="176" formatCode="#,##0.00_ "/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
    });
    const s = readSnapshotSync(bytes).snapshot.sheets[0];
    assert.deepEqual(s.rows[1], [1.5, 2.25, "1904-01-01"]);
    assert.equal(s.numberFormats?.[1][1], "#,##0.00_ ");
    assert.deepEqual(s.formulas?.[2], ["=A1+$B$2", "=B1+$B$2", "=C1+$B$2"]);
    assert.deepEqual(s.rows[2], [3, 4, 5]);
    assert.deepEqual(s.rows[3], ["单位：万元 ", "部门预算", true, { error: "#N/A" }, "ab", "a\rb"]);
    assert.equal(formulaAt(s, 3, 4), '="a"&"b"');
    assert.deepEqual(s.merges, ["D2:E2"]);
  });

  it("reads every workbook with the one default limits object unless limits are given (one hidden class for the reader)", () => {
    const bytes = pkg({ sheets: [["表", ws('<row r="1"><c r="A1"><v>1</v></c></row>')]] });
    assert.equal(readSnapshotSync(bytes).pkg.zip.limits, DEFAULT_LIMITS);
    assert.equal(readSnapshotSync(bytes, "a.xlsx", {}).pkg.zip.limits, DEFAULT_LIMITS);
    const given = readSnapshotSync(bytes, "a.xlsx", { limits: { maxCells: 20 } }).pkg.zip.limits;
    assert.deepEqual(given, { ...DEFAULT_LIMITS, maxCells: 20 });
    assert.equal(DEFAULT_LIMITS.maxCells, 5_000_000);
  });

  it("reads each form of shared string: plain in place, and runs, phonetics, prefixes, CDATA and spaced tags the general way", () => {
    const items = [
      `<si><t>部门预算</t></si>`,
      `<si><t xml:space="preserve"> 单位：万元 </t></si>`,
      `<si><t>a &amp; b&#x4E00;\r\nc_x000D_</t></si>`,
      `<si><t></t></si>`,
      `<si><t/></si>`,
      `<si/>`,
      `<si><r><t>部门</t></r><r><rPr><b/></rPr><t>预算</t></r></si>`,
      `<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>`,
      `<si><t><![CDATA[<b>]]></t></si>`,
      `<si>\n  <t>缩进</t>\n</si>`,
      `<si><t xml:space="default">默认</t></si>`,
    ];
    const strings = readSharedStrings(`<sst ${NS}>${items.join("")}</sst>`, "xl/sharedStrings.xml", DEFAULT_LIMITS);
    assert.deepEqual(strings, ["部门预算", " 单位：万元 ", "a & b一\nc\r", "", "", "", "部门预算", "漢字", "<b>", "缩进", "默认"]);
    const prefixed = readSharedStrings(`<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>前缀</x:t></x:si></x:sst>`, "p", DEFAULT_LIMITS);
    assert.deepEqual(prefixed, ["前缀"]);
    assert.throws(() => readSharedStrings(`<sst ${NS}><si><t>a &nbsp; b</t></si></sst>`, "xl/sharedStrings.xml", DEFAULT_LIMITS), /nbsp/);
  });

  describe("the fast paths for rows, cells and numbers read what the general path reads", () => {
    // White space inside tags (CR LF, tabs, around "="), entities, numbers Number() reads but the fast path leaves
    // to it, inline and rich strings, shared formulas: the same snapshot as ExcelJS.
    const odd = ws(
      `<row r="1" spans="1:6" x14ac:dyDescent="0.25" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">` +
        `<c r="A1"><v>8836360.73</v></c><c r="B1"><v>-0.5</v></c><c r="C1"><v>1.5E-2</v></c><c r="D1"><v>0.30000000000000004</v></c>` +
        `<c r="E1"><v>123456789012345678</v></c><c r="F1"><v>12345678901234.5</v></c><c r="G1"><v>&#49;&#50;.5</v></c><c r="H1"><v>-0</v></c></row>` +
        `<row\r\n r="2"\t><c\r\n r="A2"\r\n s="1"><v>45291</v></c><c r = "B2" s="2"><v>2.25</v></c><c r\n="C2"\tt="s"><v>0</v></c><c r="D2"><v>007</v></c></row >` +
        `<row r="3"><c r="A3"><f t="shared" ref="A3:C3" si="0">A2+$B$2</f><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>4</v></c><c r="C3"><f t="shared" si="0"/><v>5</v></c></row>` +
        `<row r="4"><c r="A4" t="inlineStr"><is><r><t>单位</t></r><r><rPr><b/></rPr><t xml:space="preserve">：万元 </t></r></is></c><c r="B4" t="str"><v>a &amp; b</v></c><c r="C4" t="b"><v>1</v></c><c r="D4" t="e"><v>#N/A</v></c></row>` +
        `<row r="6"/>` +
        `<row r="7" spans="1:2"><c r="A7" s="2"><v>1</v></c><c r="B7" s="2"><v>2</v></c></row><row r="8" spans="1:2"><c r="A8" s="2"><v>3</v></c><c r="B8" s="2"><v>4</v></c></row>`,
    );
    const styles = `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="176" formatCode="#,##0.00_ "/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/></cellXfs></styleSheet>`;
    const oddPkg = () => pkg({ sheets: [["表", odd]], sharedStrings: `<sst ${NS}><si><t>部门</t></si></sst>`, styles });

    it("the same snapshot as ExcelJS on white space in tags, entities, odd numbers, inline strings, shared formulas", async () => {
      const bytes = oddPkg();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      const mine = readSnapshotSync(bytes).snapshot;
      assert.deepEqual(differences(snapshotOfWorkbook(wb), mine), []);
      const s = mine.sheets[0];
      assert.deepEqual(s.rows[0], [8836360.73, -0.5, 0.015, 0.30000000000000004, 123456789012345680, 12345678901234.5, 12.5, -0]);
      assert.ok(Object.is(s.rows[0][7], -0));
      assert.deepEqual(s.rows[1], ["2023-12-31", 2.25, "部门", 7]);
      assert.deepEqual(s.numberFormats?.[1], ["mm-dd-yy", "#,##0.00_ ", null, null]);
      assert.deepEqual(s.formulas?.[2], ["=A2+$B$2", "=B2+$B$2", "=C2+$B$2"]);
      assert.deepEqual(s.rows[3], ["单位：万元 ", "a & b", true, { error: "#N/A" }]);
      assert.deepEqual(s.rows[4], []);
      assert.deepEqual(s.rows[5], []);
      assert.deepEqual(s.rows.slice(6), [
        [1, 2],
        [3, 4],
      ]);
      assert.deepEqual(s.numberFormats?.[7], ["#,##0.00_ ", "#,##0.00_ "]);
    });

    it("reads r, s and t in any form the scan of a cell tag may meet: lower case, $, single quotes, any order, t not one letter", () => {
      const xml = ws(
        `<row r="1"><c r="a1" s="2"><v>1</v></c><c r="$B$1" t="s"><v>0</v></c><c r='C1' s='2'><v>3</v></c><c s="2" t="n" r="D1"><v>4</v></c>` +
          `<c r="E1" t="str"><v>x</v></c><c r="F1" t="s"><v>0.0</v></c><c t="s" s="1" r="G1"><v>0</v></c><c r="H1" s="02"><v>5</v></c></row>` +
          `<row r="2"><c r="B2" s=""><v>6</v></c><c r="C2" t=""><v>7</v></c><c r="D"><v>8</v></c><c r="9"><v>9</v></c></row>`,
      );
      const s = readSnapshotSync(pkg({ sheets: [["表", xml]], sharedStrings: `<sst ${NS}><si><t>部门</t></si></sst>`, styles })).snapshot.sheets[0];
      assert.deepEqual(s.rows[0], [1, "部门", 3, 4, "x", "部门", "部门", 5]);
      assert.deepEqual(s.numberFormats?.[0], ["#,##0.00_ ", null, "#,##0.00_ ", "#,##0.00_ ", null, null, "mm-dd-yy", "#,##0.00_ "]);
      // An empty s is style 0; an empty t is a type the reader does not know (its text is kept); an r without a row or a
      // column is no r (the cell follows the one before).
      assert.deepEqual(s.rows[1], [null, 6, "7", 8, 9]);
    });

    it("rows that repeat formats share them, and a row written again after others keeps its own", () => {
      // Rows 1 and 2 share one format list; row 1 comes back after row 3 with another format: row 2 must not change.
      const xml = ws(
        `<row r="1"><c r="A1" s="2"><v>1</v></c><c r="B1" s="2"><v>2</v></c></row>` +
          `<row r="2"><c r="A2" s="2"><v>3</v></c><c r="B2" s="2"><v>4</v></c></row>` +
          `<row r="3"><c r="A3" s="2"><v>5</v></c><c r="B3" s="2"><v>6</v></c></row>` +
          `<row r="1"><c r="C1" s="1"><v>45291</v></c></row>` +
          `<row r="4"><c r="A4" s="2"><v>7</v></c><c r="B4" s="2"><v>8</v></c></row>`,
      );
      const bytes = pkg({ sheets: [["表", xml]], styles });
      const s = readSnapshotSync(bytes).snapshot.sheets[0];
      assert.deepEqual(s.numberFormats, [["#,##0.00_ ", "#,##0.00_ ", "mm-dd-yy"], ["#,##0.00_ ", "#,##0.00_ "], ["#,##0.00_ ", "#,##0.00_ "], ["#,##0.00_ ", "#,##0.00_ "]]);
      assert.deepEqual(s.rows, [[1, 2, "2023-12-31"], [3, 4], [5, 6], [7, 8]]);
    });

    it("two rows written cell by cell in turn read as two rows, each with its own formats", () => {
      const cols = ["A", "B", "C", "D", "E", "F"];
      const xml = ws(cols.map((c, i) => `<row r="1"><c r="${c}1" s="2"><v>${i}</v></c></row><row r="2"><c r="${c}2" s="${i === 5 ? 1 : 2}"><v>${10 + i}</v></c></row>`).join(""));
      const s = readSnapshotSync(pkg({ sheets: [["表", xml]], styles })).snapshot.sheets[0];
      assert.deepEqual(s.rows, [[0, 1, 2, 3, 4, 5], [10, 11, 12, 13, 14, "1900-01-14"]]);
      const n = "#,##0.00_ ";
      assert.deepEqual(s.numberFormats, [[n, n, n, n, n, n], [n, n, n, n, n, "mm-dd-yy"]]);
    });

    it("rows and cells without r follow the one before, in the fast and the general path alike", () => {
      const xml = ws(
        `<row><c><v>1</v></c><c><v>2</v></c></row><row r="3"><c r="B3"><v>3</v></c><c><v>4</v></c></row><row><c t="s"><v>0</v></c></row>` +
          `<row r="6" ><c r="C6"><v>5</v></c></row><row/><x:row xmlns:x="${NS.slice(7, NS.indexOf('"', 7))}"><x:c><x:v>6</x:v></x:c></x:row>`,
      );
      const s = readSnapshotSync(pkg({ sheets: [["表", xml]], sharedStrings: `<sst ${NS}><si><t>文字</t></si></sst>` })).snapshot.sheets[0];
      assert.deepEqual(s.rows, [[1, 2], [], [null, 3, 4], ["文字"], [], [null, null, 5], [], [6]]);
    });

    it("refuses a row number that is not one, as the general path does", () => {
      for (const [r, code] of [['r="0"', "bad-reference"], ['r="x1"', "damaged"], ['r="1048577"', "bad-reference"]]) {
        assert.equal(readError(pkg({ sheets: [["表", ws(`<row ${r}><c><v>1</v></c></row>`)]] })).code, code, r);
      }
    });

    it("reads a plain decimal in place exactly as Number() does, and leaves anything else to Number()", () => {
      let seed = 12345;
      const rnd = (n: number) => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % n;
      };
      let fast = 0;
      for (let k = 0; k < 20000; k++) {
        let t = rnd(4) === 0 ? "-" : "";
        const int = 1 + rnd(12);
        for (let i = 0; i < int; i++) t += String(rnd(10));
        if (rnd(3) > 0) {
          t += ".";
          const frac = 1 + rnd(10);
          for (let i = 0; i < frac; i++) t += String(rnd(10));
        }
        const n = plainNumber(`<v>${t}</v>`, 3, 3 + t.length);
        if (n === n) {
          fast++;
          assert.ok(Object.is(n, Number(t)), `${t}: ${n} ≠ ${Number(t)}`);
        } else assert.ok(t.replace(/[-.]/g, "").length > 15, t);
      }
      assert.ok(fast > 10000, String(fast));
      for (const t of ["", "-", ".5", "5.", "1e5", " 1", "1 ", "+1", "1.2.3", "0x10", "&#49;", "1234567890123456", "Infinity"]) {
        assert.ok(Number.isNaN(plainNumber(t, 0, t.length)), t);
      }
      assert.equal(plainNumber("x-12.50y", 1, 7), -12.5);
      assert.equal(plainNumber("999999999999999", 0, 15), 999999999999999);
    });
  });

  it("moves shared formulas as Excel does: absolute parts stay, function names and quoted text are not references", () => {
    assert.equal(slideFormula("SUM(D5:D9)+$A$1+LOG10(A2)", 1, 2), "SUM(F6:F10)+$A$1+LOG10(C3)");
    assert.equal(slideFormula(`IF(A1="B2",'表 2'!C3,A$1)`, 2, 0), `IF(A3="B2",'表 2'!C5,A$1)`);
  });

  it("skips chart sheets and keeps the order of the workbook's sheet list", () => {
    const bytes = pkg({ sheets: [["乙", ws('<row r="1"><c r="A1"><v>1</v></c></row>')], ["甲", ws("")]] });
    assert.deepEqual(readSnapshotSync(bytes).snapshot.sheets.map((s) => s.name), ["乙", "甲"]);
  });

  describe("odd encodings and odd numbers", () => {
    const utf16 = (text: string, order: "le" | "be", bom: boolean) => {
      const out = new Uint8Array(text.length * 2 + (bom ? 2 : 0));
      let at = 0;
      if (bom) (out[0] = order === "le" ? 0xff : 0xfe), (out[1] = order === "le" ? 0xfe : 0xff), (at = 2);
      for (let i = 0; i < text.length; i++) {
        const hi = text.charCodeAt(i) >> 8;
        const lo = text.charCodeAt(i) & 0xff;
        out[at + 2 * i] = order === "le" ? lo : hi;
        out[at + 2 * i + 1] = order === "le" ? hi : lo;
      }
      return out;
    };
    it("reads parts saved in UTF-16 (either byte order, with or without a BOM) as XML allows; they read as empty before", () => {
      const sheetXml = `<?xml version="1.0" encoding="UTF-16"?>` + ws('<row r="1"><c r="A1" t="inlineStr"><is><t>支出</t></is></c><c r="B1"><v>7.5</v></c></row>');
      for (const [order, bom] of [["le", true], ["be", true], ["le", false], ["be", false]] as const) {
        const bytes = pkg({ sheets: [["表", "placeholder"]], extra: { "xl/worksheets/sheet1.xml": utf16(sheetXml, order, bom) } });
        assert.deepEqual(readSnapshotSync(bytes).snapshot.sheets[0].rows, [["支出", 7.5]], `${order} ${bom}`);
      }
      const wb = `<?xml version="1.0" encoding="UTF-16"?><workbook ${NS}><sheets><sheet name="收入表" sheetId="1" r:id="rId1"/></sheets></workbook>`;
      const bytes = pkg({ sheets: [["表", ws('<row r="1"><c r="A1"><v>1</v></c></row>')]], extra: { "xl/workbook.xml": utf16(wb, "le", true) } });
      assert.deepEqual(readSnapshotSync(bytes).snapshot.sheets.map((x) => x.name), ["收入表"]);
    });
    it("two entries whose names are no UTF-8 (GBK from a zip tool) are not taken for one part name", () => {
      const zip = pkg({ sheets: [["表", ws('<row r="1"><c r="A1"><v>1</v></c></row>')]], extra: { "xl/media/aa.png": new Uint8Array([1]), "xl/media/bb.png": new Uint8Array([2]) } });
      const gbkNames = renamePart(renamePart(zip, "xl/media/aa.png", new Uint8Array([...strToU8("xl/media/"), 0xb1, 0xed, ...strToU8(".png")])), "xl/media/bb.png", new Uint8Array([...strToU8("xl/media/"), 0xb1, 0xee, ...strToU8(".png")]));
      assert.deepEqual(readSnapshotSync(gbkNames).snapshot.sheets[0].rows, [[1]]);
    });
    it("reads parts that declare GBK, GB2312 or GB18030 in that encoding (they read as mojibake before)", () => {
      const strings = `<sst ${NS}><si><t>一般公共预算拨款收入</t></si></sst>`;
      const sheetXml = ws('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>部门预算收支总表</t></is></c></row>');
      for (const label of ["GBK", "gb2312", "GB18030"]) {
        const decl = (xml: string, q = '"') => `<?xml version=${q}1.0${q} encoding=${q}${label}${q} standalone=${q}yes${q}?>` + xml.replace(/^<\?xml[^>]*>/, "");
        const wb = decl(`<workbook ${NS}><sheets><sheet name="收支总表" sheetId="1" r:id="rId1"/></sheets></workbook>`, "'");
        const bytes = pkg({ sheets: [["表", "placeholder"]], extra: { "xl/workbook.xml": gbk(wb), "xl/worksheets/sheet1.xml": gbk(decl(sheetXml)), "xl/sharedStrings.xml": gbk(decl(strings)) } });
        const s = readSnapshotSync(bytes).snapshot.sheets[0];
        assert.equal(s.name, "收支总表", label);
        assert.deepEqual(s.rows, [["一般公共预算拨款收入", "部门预算收支总表"]], label);
      }
    });
    it("a shared-formula clone saved before its master gets the master's formula, moved (it read as a plain value before)", () => {
      const xml = ws(
        '<row r="1"><c r="A1"><f t="shared" si="0"/><v>2</v></c><c r="B1"><f t="shared" si="0" ref="A1:C1">D1*2</f><v>3</v></c><c r="C1"><f t="shared" si="0"/><v>4</v></c></row>' +
          '<row r="2"><c r="A2"><f t="shared" si="7"/><v>5</v></c></row>',
      );
      const s = readSnapshotSync(pkg({ sheets: [["表", xml]] })).snapshot.sheets[0];
      assert.deepEqual(s.formulas, [["=C1*2", "=D1*2", "=E1*2"], [null]]);
      assert.deepEqual(s.rows, [[2, 3, 4], [5]]);
    });
    it("a number cell whose text is not a number Excel writes keeps its text for the check to report, never a blank", () => {
      const cells = ["1,234.50", "NaN", "0x1A", "-1e309", "9".repeat(400), "INF", " 12 ", "1.5E-3", "0.30000000000000004", "-7"];
      const xml = ws(`<row r="1">${cells.map((v, i) => `<c r="${String.fromCharCode(65 + i)}1"><v>${v}</v></c>`).join("")}</row>`);
      const row = readSnapshotSync(pkg({ sheets: [["表", xml]] })).snapshot.sheets[0].rows[0];
      assert.deepEqual(row, ["1,234.50", "NaN", "0x1A", "-1e309", "9".repeat(400), "INF", 12, 0.0015, 0.30000000000000004, -7]);
      // Booleans and ISO dates that are neither keep their text too (they read as false and "" before).
      const odd = ws('<row r="1"><c r="A1" t="b"><v>2</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="d"><v>2024-13-45</v></c><c r="D1" t="d"><v>2024-01-31</v></c></row>');
      assert.deepEqual(readSnapshotSync(pkg({ sheets: [["表", odd]] })).snapshot.sheets[0].rows[0], ["2", false, "2024-13-45", "2024-01-31"]);
      const long = ws(`<row r="2"><c r="C2"><v>${"9".repeat(401)}</v></c></row>`);
      const e = readError(pkg({ sheets: [["表", long]] }), { maxStringLength: 100 });
      assert.equal(e.code, "string-too-long");
      assert.match(e.message, /单元格 C2 的文字长达 401 个字符/);
    });
  });

  describe("number formats", () => {
    // What isDateFormat decided with regular expressions (quadratic on an unclosed "[": 48 s for 200,000 of them).
    const byRegex = (fmt: string) => /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "").replace(/\\./g, ""));
    it("a date is y, m, d, h or s outside brackets, quotes and escapes, unclosed ones included", () => {
      const cases: [string, boolean][] = [
        ["yyyy-mm-dd", true], ['#,##0.00"元"', false], ["[Red]0.00", false], ["[$-804]yyyy年m月", true], ["[h]:mm", true], ["[h]", false],
        ['0.00" d"', false], ["0.00\\d", false], ["[Red0.00d", true], ['"元0.00', false], ['"元"0.00"d', true], ["[", false], ["]d[", true],
        ["[".repeat(50_000) + "0.00", false], ['[a]"[d]"[b]', false], ['"[" y "]"', false],
      ];
      for (const [fmt, date] of cases) assert.equal(isDateFormat(fmt), date, fmt.slice(0, 30));
      // And on every short format over the characters that matter, exactly as before.
      const alphabet = ['[', ']', '"', "\\", "d", "0"];
      const all = (n: number): string[] => (n === 0 ? [""] : all(n - 1).flatMap((s) => alphabet.map((c) => s + c)));
      for (let n = 1; n <= 6; n++) for (const fmt of all(n)) assert.equal(isDateFormat(fmt), byRegex(fmt), fmt);
    });
    it("an xf list that repeats a long format reads each xf's format", () => {
      const code = "0.00;".repeat(1000) + "yyyy";
      const styles = readStyles(`<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="200" formatCode="${code}"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="200"/><xf numFmtId="200"/></cellXfs></styleSheet>`, "xl/styles.xml");
      assert.deepEqual(styles.isDate, [false, true, true]);
      assert.deepEqual(styles.formats, [null, code, code]);
    });
  });

  describe("hostile and broken files end with a distinct Chinese message", () => {
    const cases: [string, () => Uint8Array, XlsxReadErrorCode, RegExp, ReadOptions["limits"]?][] = [
      ["a DTD with entity declarations (billion laughs)", () => pkg({ sheets: [["表", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><worksheet ${NS}><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>`]] }), "dtd", /DTD/],
      ["a DTD in the shared strings", () => pkg({ sheets: [["表", ws("")]], sharedStrings: `<!DOCTYPE sst SYSTEM "http://example.invalid/x.dtd"><sst ${NS}/>` }), "dtd", /sharedStrings\.xml.*DTD/],
      ["an undefined entity", () => pkg({ sheets: [["表", ws('<row><c t="inlineStr"><is><t>&xxe;</t></is></c></row>')]] }), "damaged", /未定义的实体/],
      ["two sheets with one name", () => pkg({ sheets: [["表1", ws("")], ["表1", ws("")]] }), "duplicate-sheet", /同名的工作表“表1”/],
      ["a shared-string index past the table", () => pkg({ sheets: [["表2", ws('<row r="3"><c r="C3" t="s"><v>7</v></c></row>')]], sharedStrings: `<sst ${NS}><si><t>a</t></si></sst>` }), "bad-reference", /“表2”单元格 C3 引用了第 8 个共享字符串，但文件只有 1 个/],
      ["a shared-string index that is no number", () => pkg({ sheets: [["表2", ws('<row r="3"><c r="C3" t="s"><v>#N/A</v></c></row>')]], sharedStrings: `<sst ${NS}><si><t>a</t></si></sst>` }), "bad-reference", /“表2”单元格 C3 的共享字符串编号“#N\/A”不是有效的编号，文件已损坏/],
      [
        "a Word document (the exported .docx) given for a workbook is said to be one, not an empty workbook",
        () =>
          zipSync({
            "[Content_Types].xml": strToU8("<Types/>"),
            "_rels/.rels": strToU8('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
            "word/document.xml": strToU8("<w:document/>"),
          }),
        "not-xlsx",
        /^这是 Word 文档（\.docx），不是 Excel 工作簿。请选择预算公开表的 \.xlsx 文件。$/,
      ],
      [
        "an old Word document (.doc, a CFB file with a WordDocument stream) is said to be one, not an old .xls",
        () => {
          const bytes = new Uint8Array(1024);
          bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
          [..."WordDocument"].forEach((c, i) => (bytes[600 + 2 * i] = c.charCodeAt(0)));
          return bytes;
        },
        "not-xlsx",
        /^这是旧版 Word 文档（\.doc），不是 Excel 工作簿。请选择预算公开表的 \.xlsx 文件。$/,
      ],
      ["more cells than the limit", () => pkg({ sheets: [["大表", ws(Array.from({ length: 30 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c></row>`).join(""))]] }), "too-many-cells", /“大表”.*超过 20 个/, { maxCells: 20 }],
      // 11 cells but 30 rows padded out to column Z (a border drawn far right): 780 cells in memory.
      ["rows padded far to the right (a format filled out across the sheet) count as cells", () => pkg({ sheets: [["宽表", ws(Array.from({ length: 30 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c><c r="Z${i + 1}" s="1"/></row>`).join(""))]] }), "too-many-cells", /“宽表”.*超过 200 个/, { maxCells: 200 }],
      ["more shared strings than the limit", () => pkg({ sheets: [["表", ws("")]], sharedStrings: `<sst ${NS}>${"<si><t>x</t></si>".repeat(11)}</sst>` }), "too-many-strings", /共享字符串超过 10 个/, { maxSharedStrings: 10 }],
      ["a shared string longer than the limit", () => pkg({ sheets: [["表", ws("")]], sharedStrings: `<sst ${NS}><si><t>${"长".repeat(101)}</t></si></sst>` }), "string-too-long", /共享字符串第 1 项的文字长达 101 个字符，超过上限 100/, { maxStringLength: 100 }],
      ["an inline string longer than the limit", () => pkg({ sheets: [["说明", ws(`<row r="4"><c r="B4" t="inlineStr"><is><t>${"长".repeat(101)}</t></is></c></row>`)]] }), "string-too-long", /“说明”单元格 B4 的文字长达 101/, { maxStringLength: 100 }],
      ["a part larger than the limit", () => pkg({ sheets: [["表", ws(`<row><c><v>1</v></c></row>`.repeat(5000))]] }), "part-too-large", /sheet1\.xml 解压后有/, { maxPartBytes: 64 * 1024 }],
      ["a zip bomb: a part that inflates 1,000× and more", () => pkg({ sheets: [["表", ws("")]], sharedStrings: `<sst ${NS}>${" ".repeat(3 * 1024 * 1024)}</sst>` }), "zip-bomb", /sharedStrings\.xml 压缩比异常/],
      ["a zip bomb: a header that understates the size", () => forgeSize(pkg({ sheets: [["表", ws(`<row><c><v>1</v></c></row>`.repeat(2000))]] }), "xl/worksheets/sheet1.xml", 100), "zip-bomb", /sheet1\.xml 解压后比文件头记录的 100 字节更大/],
      ["a sheet the workbook names but the archive lacks", () => dropPart(pkg({ sheets: [["表", ws("")]] }), "xl/worksheets/sheet1.xml"), "damaged", /缺少.*sheet1\.xml/],
      ["unterminated XML", () => pkg({ sheets: [["表", `<worksheet ${NS}><sheetData><row><c r="A1"><v>1`]] }), "damaged", /不是完整的 XML/],
      ["a part in an encoding no decoder knows", () => pkg({ sheets: [["表", `<?xml version="1.0" encoding="x-mac-klingon"?>` + ws("").replace(/^<\?xml[^>]*>/, "")]] }), "unknown-encoding", /xl\/worksheets\/sheet1\.xml 声明使用字符编码“x-mac-klingon”，本工具无法识别/],
      // The reader used the last of the two and the fill replaced both: which one is the sheet depends on the program.
      ["two entries of one part name", () => renamePart(pkg({ sheets: [["表", ws('<row r="1"><c r="A1"><v>1</v></c></row>')]], extra: { "xl/worksheets/sheetX.xml": strToU8(ws('<row r="1"><c r="A1"><v>2</v></c></row>')) } }), "xl/worksheets/sheetX.xml", "xl/worksheets/sheet1.xml"), "duplicate-part", /两个同名的部件 xl\/worksheets\/sheet1\.xml/],
      ["two entries of one part name in other case", () => pkg({ sheets: [["表", ws("")]], extra: { "XL/Workbook.xml": strToU8("<x/>") } }), "duplicate-part", /两个同名的部件 XL\/Workbook\.xml/],
      // 2,500,000 empty entries (211 MB) took 1.1 GB before anything was read.
      ["more zip entries than the limit", () => pkg({ sheets: [["表", ws("")]], extra: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`customXml/item${i}.xml`, strToU8("<a/>")])) }), "too-many-parts", /压缩包里有超过 12 个部件，不予读取/, { maxParts: 12 }],
      // The reader read both from one piece of data; a fill cut the copy of one at the other's start.
      ["two entries that share their data (an overlapping zip bomb)", () => shareData(pkg({ sheets: [["表", ws("")]], extra: { "customXml/item1.xml": strToU8("<a/>") } }), "customXml/item1.xml", "xl/worksheets/sheet1.xml"), "overlapping-parts", /部件 (customXml\/item1|xl\/worksheets\/sheet1)\.xml 的数据与部件 .* 的数据相互重叠/],
      ["an entry whose data runs into the directory", () => forgeCentral(pkg({ sheets: [["表", ws("")]], extra: { "customXml/item1.xml": strToU8("<a/>") } }), "customXml/item1.xml", 20, 100_000), "overlapping-parts", /部件 customXml\/item1\.xml 的数据与压缩包目录相互重叠/],
      ["an OpenDocument spreadsheet named .xlsx", () => zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet"), "content.xml": strToU8("<office:document-content/>") }, { level: 0 }), "not-xlsx", /这是 OpenDocument 表格（\.ods/],
      // LibreOffice's flat XML form: its <table:table> was taken for a web page's <table>.
      ["a flat OpenDocument spreadsheet (.fods) named .xlsx", () => readFileSync(join(__dirname, "..", "fixtures", "libreoffice", "mixed.fods")), "not-xlsx", /^这是 OpenDocument 表格（\.ods/],
      ["a flat OpenDocument text (.fodt) named .xlsx", () => strToU8('<?xml version="1.0"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text><table:table/></office:text></office:body></office:document>'), "not-xlsx", /^这是 OpenDocument 文字或演示文档，不是 Excel 工作簿/],
      ["a web page saved as .xls/.xlsx", () => strToU8('\ufeff<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head><body><table><tr><td>1</td></tr></table></body></html>'), "not-xlsx", /这是网页（HTML）格式的表格/],
      ["an Excel 2003 XML spreadsheet", () => strToU8('<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'), "not-xlsx", /这是 Excel 2003 XML 表格/],
      // Before these limits: r="A4294967290" made a rows array that long (3 GB, then a crash); r="A99999999" hung.
      ["a cell address past row 1,048,576", () => pkg({ sheets: [["表3", ws('<row r="1"><c r="A1"><v>1</v></c><c r="B1048577"><v>2</v></c></row>')]] }), "bad-reference", /“表3”中的单元格地址“B1048577”超出 Excel 的范围/],
      ["a cell address past column XFD", () => pkg({ sheets: [["表3", ws('<row r="2"><c r="XFE2"><v>2</v></c></row>')]] }), "bad-reference", /“表3”中的单元格地址“XFE2”超出 Excel 的范围/],
      ["a row number past 1,048,576", () => pkg({ sheets: [["表3", ws('<row r="1048577"><c><v>2</v></c></row>')]] }), "bad-reference", /“表3”中的行号“1048577”超出/],
      ["a row number 0", () => pkg({ sheets: [["表3", ws('<row r="0"><c><v>2</v></c></row>')]] }), "bad-reference", /“表3”中的行号“0”超出/],
      // One cell in row 30 of each sheet: 30 rows in memory each (a cell in row 1,048,576 of 100 sheets hung).
      ["blank rows before a far row count as cells", () => pkg({ sheets: [["甲", ws('<row r="30"><c r="A30"><v>1</v></c></row>')], ["乙", ws('<row r="30"><c r="A30"><v>1</v></c></row>')]] }), "too-many-cells", /“乙”.*超过 50 个/, { maxCells: 50 }],
      // 10 rows × 3 cells merged over and over (overlapping merges over the whole sheet hung).
      ["overlapping merges: each cell blanked again counts", () => pkg({ sheets: [["合并", ws(Array.from({ length: 10 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c><c r="B${i + 1}"><v>1</v></c><c r="C${i + 1}"><v>1</v></c></row>`).join(""), `<mergeCells>${'<mergeCell ref="A1:XFD1048576"/>'.repeat(5)}</mergeCells>`)]] }), "too-many-merges", /“合并”的合并单元格过多或相互重叠（到 A1:XFD1048576 处已涉及超过 100 个单元格）/, { maxCells: 100 }],
      ["merged columns down an empty sheet: each row visited counts", () => pkg({ sheets: [["合并", ws('<row r="40"><c r="A40"><v>1</v></c></row>', `<mergeCells>${["B", "C", "D"].map((c) => `<mergeCell ref="${c}1:${c}1048576"/>`).join("")}</mergeCells>`)]] }), "too-many-merges", /到 D1:D1048576 处已涉及超过 100 个单元格/, { maxCells: 100 }],
      ["merged ranges past the last row count once each", () => pkg({ sheets: [["合并", ws('<row r="1"><c r="A1"><v>1</v></c></row>', `<mergeCells>${Array.from({ length: 101 }, (_, i) => `<mergeCell ref="A${i + 10}:B${i + 10}"/>`).join("")}</mergeCells>`)]] }), "too-many-merges", /到 A110:B110 处已涉及超过 100 个单元格/, { maxCells: 100 }],
      // Counted while scanning, all sheets together: 3.2 million ranges past the last row took 6.2 s and 730 MB.
      ["more mergeCell elements than the limit", () => pkg({ sheets: [["甲", ws("", `<mergeCells>${'<mergeCell ref="A5:B5"/>'.repeat(6)}</mergeCells>`)], ["乙", ws("", `<mergeCells>${'<mergeCell ref="A5:B5"/>'.repeat(6)}</mergeCells>`)]] }), "too-many-merges", /“乙”处读到的合并单元格区域超过 10 个/, { maxMerges: 10 }],
      // A master of 20 characters cloned down 10 rows: the sixth clone (A7) passes 100 (a long master over 200,000 rows hung).
      ["text built from shared formulas counts", () => pkg({ sheets: [["公式", ws(`<row r="1"><c r="A1"><f t="shared" si="0" ref="A1:A11">B1+C1+D1+E1+F1+G1+H1</f><v>0</v></c></row>` + Array.from({ length: 10 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><f t="shared" si="0"/><v>0</v></c></row>`).join(""))]] }), "formula-too-long", /“公式”单元格 A7 处由共享公式展开的公式文字累计超过 100 个字符/, { maxSharedFormulaChars: 100 }],
    ];
    for (const c of [fflateCodec, zlibCodec]) {
      const label = c === fflateCodec ? "fflate (browser)" : "node:zlib (CLI)";
      for (const [name, make, code, message, limits] of cases) {
        it(`${name} — ${label}`, () => {
          const before = codec();
          useCodec(c);
          try {
            const e = readError(make(), limits);
            assert.equal(e.code, code, e.message);
            assert.match(e.message, message);
          } finally {
            useCodec(before);
          }
        });
      }
    }
  });

  it("size limits below 1 MB read in KB or bytes (a 100 KB limit read \"0 MB\")", () => {
    const big = pkg({ sheets: [["表", ws(`<row><c><v>1</v></c></row>`.repeat(5000))]] });
    assert.match(readError(big, { maxTotalBytes: 100 * 1024 }).message, /^文件解压后的总大小超过上限 100 KB，不予读取/);
    assert.match(readError(big, { maxPartBytes: 64 * 1024 }).message, /sheet1\.xml 解压后有 12\d KB，超过上限 64 KB，不予读取/);
    assert.match(MESSAGES.totalTooLarge(300), /超过上限 300 字节，/);
    assert.match(MESSAGES.partTooLarge("x.xml", 1.5 * 1024 * 1024, DEFAULT_LIMITS.maxPartBytes), /解压后有 1\.5 MB，超过上限 128 MB，/);
    assert.deepEqual([1023, 1024, 1536, 10 * 1024 * 1024 - 1, 384 * 1024 * 1024].map(sizeText), ["1,023 字节", "1 KB", "1.5 KB", "10 MB", "384 MB"]);
  });
});

describe("xlsx reader: a bug of the reader is not blamed on the file", () => {
  const good = () => pkg({ sheets: [["表", ws('<row r="1"><c r="A1"><v>1</v></c></row>')]] });
  it("a TypeError thrown by the reader's own code says 内部错误 and asks for a report (it said the file was damaged)", () => {
    const attr = XmlScanner.prototype.attr;
    XmlScanner.prototype.attr = function () {
      throw new TypeError("Cannot read properties of undefined (reading 'length')");
    };
    let e: XlsxReadError;
    try {
      e = readError(good());
    } finally {
      XmlScanner.prototype.attr = attr;
    }
    assert.equal(e.code, "internal");
    assert.match(e.message, /^读取文件时本工具出现了内部错误（这是程序的缺陷，不一定是文件的问题）。请把这条信息和所用的文件一起反馈给维护人员。技术信息：TypeError：Cannot read properties/);
    assert.doesNotMatch(e.message, /\n\s+at |文件已损坏/);
  });
  it("what bad offsets and sizes cause (RangeError, a codec's coded error, an inflate limit) still reads as a damaged file", () => {
    const zlibError = Object.assign(new Error("invalid distance too far back"), { code: "Z_DATA_ERROR" });
    const fflateError = Object.assign(new Error("invalid block type"), { code: 1 });
    for (const x of [new RangeError("Invalid typed array length: -4"), zlibError, fflateError, new InflateLimitError(10)]) {
      const e = asReadError(x);
      assert.equal(e.code, "damaged", x.message);
      assert.match(e.message, /文件已损坏或不完整/);
    }
    const own = new XlsxReadError("bad-reference", "x");
    assert.equal(asReadError(own), own);
    assert.equal(asReadError(new ReferenceError("y is not defined")).code, "internal");
    assert.equal(asReadError(Object.assign(new TypeError('The "data" argument must be of type string'), { code: "ERR_INVALID_ARG_TYPE" })).code, "internal");
  });
});

/** The archive with one entry's declared uncompressed size (central directory) set to `size`. */
function forgeSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  return forgeCentral(zip, name, 24, size);
}

/** The archive with one entry renamed so that the workbook's reference to it dangles. */
function dropPart(zip: Uint8Array, name: string): Uint8Array {
  const out = zip.slice();
  const nameBytes = strToU8(name);
  for (let p = 0; p + nameBytes.length < out.length; p++) {
    if (nameBytes.every((b, i) => out[p + i] === b)) out[p + nameBytes.length - 5] = 0x5f; // sheet1.xml → sheet_.xml
  }
  return out;
}


