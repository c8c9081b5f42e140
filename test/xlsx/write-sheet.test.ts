// Whole sheets the add-in owns, written into the original package (the 情况说明, the hidden template store).
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { readSnapshotSync } from "../../src/xlsx/read-snapshot";
import { setSheet } from "../../src/xlsx/write-sheet";
import { narrativeRows } from "../../src/xlsx/file-host";
import { ZipArchive } from "../../src/xlsx/zip";

const SEED = join(__dirname, "..", "fixtures", "seed.xlsx");
const sections = [
  { id: "title", title: "平乡县行政审批局2024年部门预算信息公开情况说明", paragraphs: [] },
  { id: "s02", title: "二、部门预算安排的总体情况", paragraphs: ["1、收入说明", "反映本部门当年全部收入 & <其他>。"] },
];

async function exceljs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  return wb;
}

describe("xlsx/setSheet (the 情况说明 and the template store)", () => {
  it("adds the 情况说明 after the last sheet: one paragraph per row in column A, headings bold, wrapped, A4", async () => {
    const { pkg } = readSnapshotSync(readFileSync(SEED));
    const bytes = setSheet(pkg, "情况说明", { rows: narrativeRows(sections), widthA: 100, printA4: true })!;
    const snap = readSnapshotSync(bytes).snapshot;
    assert.equal(snap.sheets.at(-1)!.name, "情况说明");
    assert.deepEqual(
      snap.sheets.at(-1)!.rows.map((r) => r[0]),
      ["平乡县行政审批局2024年部门预算信息公开情况说明", "二、部门预算安排的总体情况", "1、收入说明", "反映本部门当年全部收入 & <其他>。"],
    );
    const ws = (await exceljs(bytes)).getWorksheet("情况说明")!;
    assert.equal(ws.getCell("A1").font.bold, true);
    assert.equal(ws.getCell("A1").font.name, "仿宋");
    assert.equal(ws.getCell("A2").font.bold, true);
    assert.ok(!ws.getCell("A3").font.bold);
    assert.equal(ws.getCell("A3").alignment.wrapText, true);
    assert.ok((ws.getColumn(1).width ?? 0) >= 80);
    assert.equal(ws.pageSetup.paperSize, 9);
    // The other sheets are the original parts, byte for byte.
    const before = new ZipArchive(readFileSync(SEED));
    const after = new ZipArchive(bytes);
    for (const s of pkg.sheets) assert.ok(Buffer.from(after.raw(after.entry(s.path)!)).equals(before.raw(before.entry(s.path)!)), s.path);
  });

  it("replaces an earlier 情况说明 where it stood", () => {
    const { pkg } = readSnapshotSync(readFileSync(SEED));
    const first = setSheet(pkg, "情况说明", { rows: narrativeRows(sections) })!;
    const withNote = setSheet(readSnapshotSync(first).pkg, "备注", { rows: [{ cells: ["after"], kind: "plain" }] })!;
    const order = readSnapshotSync(withNote).snapshot.sheets.map((s) => s.name);
    assert.deepEqual(order.slice(-2), ["情况说明", "备注"]);
    const again = setSheet(readSnapshotSync(withNote).pkg, "情况说明", { rows: narrativeRows([{ id: "s10", title: "十、其他需要说明的事项", paragraphs: ["我部门无其他需要说明的事项。"] }]) })!;
    const snap = readSnapshotSync(again).snapshot;
    assert.deepEqual(snap.sheets.map((s) => s.name), order);
    assert.deepEqual(snap.sheets.find((x) => x.name === "情况说明")!.rows.map((r) => r[0]), ["十、其他需要说明的事项", "我部门无其他需要说明的事项。"]);
  });

  it("keeps the template store very hidden, and removing it leaves the workbook as it was", async () => {
    const { pkg } = readSnapshotSync(readFileSync(SEED));
    const stored = setSheet(pkg, "_store", { rows: [{ cells: ["template:s01", "{{ 部门名称 }}"], kind: "plain" }], state: "veryHidden" })!;
    assert.equal((await exceljs(stored)).getWorksheet("_store")!.state, "veryHidden");
    const removed = setSheet(readSnapshotSync(stored).pkg, "_store", null)!;
    assert.deepEqual(readSnapshotSync(removed).snapshot, readSnapshotSync(readFileSync(SEED)).snapshot);
    assert.equal(setSheet(readSnapshotSync(removed).pkg, "_store", null), null);
    await exceljs(removed); // still a workbook ExcelJS opens
  });

  it("styles.xml with no closed <fonts> but 300,000 '<fonts' in a comment: the 情况说明 is written, unstyled (a pattern took minutes)", () => {
    const files = unzipSync(readFileSync(SEED));
    const styles = strFromU8(files["xl/styles.xml"]);
    files["xl/styles.xml"] = strToU8(styles.replace(/<fonts\b[\s\S]*?<\/fonts>/, `<fonts count="0"/><!--${"<fonts>".repeat(300_000)}-->`));
    const { pkg } = readSnapshotSync(zipSync(files, { level: 0 })); // stored: deflated, it would pass the bomb ratio
    const bytes = setSheet(pkg, "情况说明", { rows: narrativeRows(sections), widthA: 100 })!;
    const [before, after] = [new ZipArchive(zipSync(files, { level: 0 })), new ZipArchive(bytes)];
    assert.ok(Buffer.from(after.raw(after.entry("xl/styles.xml")!)).equals(before.raw(before.entry("xl/styles.xml")!)), "styles.xml kept byte for byte");
    assert.equal(readSnapshotSync(bytes).snapshot.sheets.at(-1)!.rows[0][0], "平乡县行政审批局2024年部门预算信息公开情况说明");
  });

  it("removes a sheet in the middle: its local names go, later sheets' move up; comments are no sheets (a pattern took minutes on many '<sheet')", () => {
    const files = unzipSync(readFileSync(SEED));
    const names = [0, 1, 2].map((i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'表${i}'!$1:$4</definedName>`).join("");
    const junk = `<!--${Array.from({ length: 300_000 }, (_, i) => `<sheet ${i}`).join("")}-->`;
    const wb = strFromU8(files["xl/workbook.xml"])
      .replace("<sheets>", `<!-- <sheet name="旧表" sheetId="99" r:id="rId99"/> --><sheets>`)
      .replace("</sheets>", `</sheets>${junk}<definedNames>${names}</definedNames>`);
    files["xl/workbook.xml"] = strToU8(wb);
    const { pkg } = readSnapshotSync(zipSync(files));
    const removed = setSheet(pkg, "收入总表", null)!;
    const after = strFromU8(unzipSync(removed)["xl/workbook.xml"]);
    assert.ok(after.includes(`<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'表0'!$1:$4</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">'表2'!$1:$4</definedName></definedNames>`), after.slice(-400));
    assert.ok(after.includes(`<!-- <sheet name="旧表" sheetId="99" r:id="rId99"/> -->`) && after.includes(junk));
    assert.deepEqual(readSnapshotSync(removed).snapshot.sheets.map((x) => x.name), readSnapshotSync(readFileSync(SEED)).snapshot.sheets.map((x) => x.name).filter((n) => n !== "收入总表"));
  });

  it("adds a sheet after 200,000 sheet elements without a worksheet, not into a comment that holds </sheets>", () => {
    // Math.max(...ids) overflowed the stack (a RangeError); the first "</sheets>", in a comment, took the new sheet.
    const files = unzipSync(readFileSync(SEED));
    const bogus = Array.from({ length: 200_000 }, (_, i) => `<sheet name="x${i}" sheetId="${i + 100}" r:id="none"/>`).join("");
    files["xl/workbook.xml"] = strToU8(strFromU8(files["xl/workbook.xml"]).replace("</sheets>", `${bogus}</sheets>`).replace("<sheets>", `<!-- </sheets> --><sheets>`));
    const { pkg } = readSnapshotSync(zipSync(files));
    const bytes = setSheet(pkg, "情况说明", { rows: narrativeRows(sections) })!;
    assert.match(strFromU8(unzipSync(bytes)["xl/workbook.xml"]), /<sheet name="x199999" sheetId="200099" r:id="none"\/><sheet name="情况说明" sheetId="200100" r:id="rId\d+"\/><\/sheets>/);
    assert.equal(readSnapshotSync(bytes).snapshot.sheets.at(-1)!.name, "情况说明");
  });

  it("removes a sheet whose relationship Id and part name hold pattern characters, with its relationship and content type", () => {
    // A pattern built from them kept "rId[7"'s relationship and the content type of "sheet(17).xml", a part now gone.
    const stored = setSheet(readSnapshotSync(readFileSync(SEED)).pkg, "_store", { rows: [{ cells: ["a"], kind: "plain" }], state: "veryHidden" })!;
    const files = unzipSync(stored);
    const path = readSnapshotSync(stored).pkg.sheets.find((x) => x.name === "_store")!.path;
    const relId = readSnapshotSync(stored).pkg.sheets.find((x) => x.name === "_store")!.relId;
    const odd = path.replace(/(\d+)\.xml$/, "($1).xml");
    const edit = (name: string, f: (x: string) => string) => (files[name] = strToU8(f(strFromU8(files[name]))));
    edit("xl/_rels/workbook.xml.rels", (x) => x.replace(`Id="${relId}"`, 'Id="rId[7"').replace(path.slice(3), odd.slice(3)));
    edit("xl/workbook.xml", (x) => x.replace(`r:id="${relId}"`, 'r:id="rId[7"'));
    edit("[Content_Types].xml", (x) => x.replace(`/${path}`, `/${odd}`));
    files[odd] = files[path];
    delete files[path];
    const before = readSnapshotSync(zipSync(files)).pkg;
    assert.equal(before.sheets.at(-1)!.path, odd);
    const removed = setSheet(before, "_store", null)!;
    const after = unzipSync(removed);
    assert.equal(after[odd], undefined);
    assert.doesNotMatch(strFromU8(after["xl/_rels/workbook.xml.rels"]), /rId\[7|\(\d+\)/);
    assert.doesNotMatch(strFromU8(after["[Content_Types].xml"]), /\(\d+\)/);
    assert.deepEqual(readSnapshotSync(removed).snapshot, readSnapshotSync(readFileSync(SEED)).snapshot);
  });
});
