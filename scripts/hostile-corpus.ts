// The hostile corpus of issue 14: files and folders built on the spot (never committed), each with the command to
// run, the exit code and message expected, and generous time and memory bounds. test/hostile/corpus.test.ts runs
// them through the real CLI; `npx tsx scripts/hostile-corpus.ts <folder>` writes them for a look by hand.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, zipSync } from "fflate";
import { gbk } from "../test/support/gbk";
import { renamePart } from "../test/support/zip-forge";

const ROOT = path.join(__dirname, "..");
const SEED = path.join(ROOT, "test", "fixtures", "seed.xlsx");

export interface FillProof {
  input: string;
  output: string;
  /** Cells ("sheet!A1") that must read the same after the fill: labels, leaves, merged-over cells, totals over unreadable inputs, formulas. */
  mustKeep: string[];
  /** Cells the fill must have written, with their new value. */
  mustWrite?: Record<string, number>;
}

export interface HostileCase {
  name: string;
  args: string[];
  code: number;
  /** Expected on stderr (or stdout for fill and narrative reports). */
  message: RegExp;
  /** Must appear nowhere in the output: stack traces, English errno text, secrets. */
  never?: RegExp;
  maxSeconds: number;
  /** Peak resident memory of the CLI process. */
  maxMB: number;
  /** Output bytes (stdout + stderr) at most: a message must not quote a whole huge cell. */
  maxOutputBytes?: number;
  fill?: FillProof;
  /** Prepare what cannot be a plain file (read-only mode, lock file, FIFO); runs just before the case. */
  setup?: () => void;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A minimal .xlsx package: sheets by name and XML, optional shared strings and styles. */
function pkg(sheets: [string, string][], sharedStrings?: string, styles?: string): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets>${sheets.map(([n], i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}${sharedStrings === undefined ? "" : `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`}${styles === undefined ? "" : `<Relationship Id="rIdT" Type="${REL}/styles" Target="styles.xml"/>`}</Relationships>`,
    ),
  };
  sheets.forEach(([, xml], i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml)));
  if (sharedStrings !== undefined) files["xl/sharedStrings.xml"] = strToU8(sharedStrings);
  if (styles !== undefined) files["xl/styles.xml"] = strToU8(styles);
  return zipSync(files, { level: 9 });
}

const ws = (rows: string, after = "") => `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${rows}</sheetData>${after}</worksheet>`;

/** Column letters of a 0-based index ("A", "Z", "AA"). */
function column(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A one-sheet package whose sheet XML is streamed in chunks (files too big to hold as one string). */
function streamedPackage(file: string, chunks: () => Generator<string>): Promise<void> {
  const out = fs.openSync(file, "w");
  return new Promise((resolve, reject) => {
    const zip = new Zip((err, data, final) => {
      if (err) return reject(err);
      fs.writeSync(out, data);
      if (final) {
        fs.closeSync(out);
        resolve();
      }
    });
    const add = (name: string, text: string) => {
      const f = new ZipDeflate(name, { level: 6 });
      zip.add(f);
      f.push(strToU8(text), true);
    };
    add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`);
    add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
    add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="大表" sheetId="1" r:id="rId1"/></sheets></workbook>`);
    add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`);
    const sheet = new ZipDeflate("xl/worksheets/sheet1.xml", { level: 1 });
    zip.add(sheet);
    for (const c of chunks()) sheet.push(strToU8(c));
    sheet.push(new Uint8Array(0), true);
    zip.end();
  });
}

async function seedBook(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(SEED) as unknown as ArrayBuffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook, file: string): Promise<string> {
  fs.writeFileSync(file, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  return file;
}

const T1 = "收支总表";
const T3 = "支出总表";
const STACK = /\n\s+at |ENOENT|EISDIR|ENOSPC|EACCES|Error:|undefined|\[object/;

/** Builds every file of the corpus in `dir` and returns the cases. Big files take a few seconds. */
export async function buildCorpus(dir: string): Promise<HostileCase[]> {
  fs.mkdirSync(dir, { recursive: true });
  const p = (name: string) => path.join(dir, name);
  const cases: HostileCase[] = [];
  const out = (name: string) => p(`${name}-已填充.xlsx`);

  // ---------- zip bombs, DTDs, broken structure ----------
  // A part that inflates 1,000×: 64 MB of spaces in the shared strings, a few dozen KB on disk.
  fs.writeFileSync(p("bomb-ratio.xlsx"), pkg([["表", ws("")]], `<sst ${NS}><si><t>${" ".repeat(64 * 1024 * 1024)}</t></si></sst>`));
  cases.push({ name: "zip bomb: a part that inflates over 1,000 times", args: ["check", p("bomb-ratio.xlsx")], code: 2, message: /压缩比异常.*可能是“压缩炸弹”，不予读取/, never: STACK, maxSeconds: 60, maxMB: 600 });
  // Many small strings (the other kind: cheap to inflate, costly to hold): 2.5 million entries.
  {
    const parts: string[] = [`<sst ${NS}>`];
    for (let i = 0; i < 2_500_000; i++) parts.push(`<si><t>${(i * 7919) % 1000003}</t></si>`);
    parts.push("</sst>");
    fs.writeFileSync(p("bomb-strings.xlsx"), pkg([["表", ws("")]], parts.join("")));
  }
  cases.push({ name: "zip bomb: millions of small shared strings", args: ["check", p("bomb-strings.xlsx")], code: 2, message: /共享字符串超过 2,000,000 个，不予读取/, never: STACK, maxSeconds: 90, maxMB: 900 });
  fs.writeFileSync(
    p("dtd.xlsx"),
    pkg([["表", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><worksheet ${NS}><sheetData><row><c t="inlineStr"><is><t>&c;</t></is></c></row></sheetData></worksheet>`]]),
  );
  cases.push({ name: "a DTD (billion laughs)", args: ["check", p("dtd.xlsx")], code: 2, message: /含有 DTD.*不予读取/, never: STACK, maxSeconds: 30, maxMB: 400 });
  fs.writeFileSync(p("xxe.xlsx"), pkg([["表", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet ${NS}><sheetData><row><c t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>`]]));
  cases.push({ name: "an external entity (XXE)", args: ["check", p("xxe.xlsx")], code: 2, message: /含有 DTD/, never: /root:|\n\s+at /, maxSeconds: 30, maxMB: 400 });
  fs.writeFileSync(p("dup-sheets.xlsx"), pkg([["部门预算收支总表", ws("")], ["部门预算收支总表", ws("")]]));
  cases.push({ name: "two sheets with one name", args: ["check", p("dup-sheets.xlsx")], code: 2, message: /两个同名的工作表“部门预算收支总表”/, never: STACK, maxSeconds: 30, maxMB: 400 });
  fs.writeFileSync(p("bad-ref.xlsx"), pkg([["表", ws('<row r="3"><c r="C3" t="s"><v>99</v></c></row>')]], `<sst ${NS}><si><t>a</t></si></sst>`));
  cases.push({ name: "a shared-string index past the table", args: ["check", p("bad-ref.xlsx")], code: 2, message: /C3 引用了第 100 个共享字符串，但文件只有 1 个/, never: STACK, maxSeconds: 30, maxMB: 400 });

  // ---------- parts that are ambiguous or in another encoding ----------
  {
    // The seed with its first sheet stored twice (the second a blank copy): the reader used the last, fill replaced both.
    const files = unzipSync(fs.readFileSync(SEED));
    const zip = new Zip();
    const chunks: Uint8Array[] = [];
    zip.ondata = (err, data) => {
      if (err) throw err;
      chunks.push(data);
    };
    const add = (name: string, data: Uint8Array) => {
      const f = new ZipDeflate(name, { level: 6 });
      zip.add(f);
      f.push(data, true);
    };
    for (const [name, data] of Object.entries(files)) add(name, data);
    add("xl/worksheets/sheet1.xml", strToU8(ws("")));
    zip.end();
    fs.writeFileSync(p("dup-part.xlsx"), Buffer.concat(chunks));
  }
  cases.push({ name: "fill on a package that holds one part twice", args: ["fill", p("dup-part.xlsx"), "-o", out("dup-part")], code: 2, message: /两个同名的部件 xl\/worksheets\/sheet1\.xml.*不予读取/, never: STACK, maxSeconds: 30, maxMB: 400 });
  {
    // The seed with its shared strings and workbook saved in GBK and declared so (every title read as mojibake before).
    const files = unzipSync(fs.readFileSync(SEED));
    for (const name of ["xl/sharedStrings.xml", "xl/workbook.xml"]) {
      files[name] = gbk(strFromU8(files[name]).replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="GBK" standalone="yes"?>'));
    }
    fs.writeFileSync(p("gbk.xlsx"), zipSync(files));
  }
  cases.push({ name: "shared strings and sheet names saved in GBK", args: ["check", p("gbk.xlsx")], code: 1, message: /识别到 \d+ 张表[\s\S]*支出总表/, never: STACK, maxSeconds: 30, maxMB: 400 });

  // ---------- 1,000,000 rows ----------
  await streamedPackage(p("million-rows.xlsx"), function* () {
    yield `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>`;
    const row = `<row>${"<c><v>1</v></c>".repeat(8)}</row>`;
    const block = row.repeat(10_000);
    for (let i = 0; i < 100; i++) yield block;
    yield "</sheetData></worksheet>";
  });
  cases.push({ name: "1,000,000 rows × 8 columns", args: ["fill", p("million-rows.xlsx"), "-o", out("million-rows")], code: 2, message: /单元格超过 5,000,000 个，不予读取/, never: STACK, maxSeconds: 120, maxMB: 900 });

  // ---------- small files that multiply work: far addresses, merges, shared formulas, number formats ----------
  // Each of these hung or crashed the reader (times before the fix, on this 2-core machine).
  fs.writeFileSync(p("far-cell.xlsx"), pkg([["表", ws('<row r="1"><c r="A4294967290"><v>1</v></c></row>')]])); // 3.3 GB, then a crash at 44 s
  cases.push({ name: "a cell address past row 1,048,576", args: ["check", p("far-cell.xlsx")], code: 2, message: /单元格地址“A4294967290”超出 Excel 的范围/, never: STACK, maxSeconds: 30, maxMB: 400 });
  fs.writeFileSync(p("last-rows.xlsx"), pkg(Array.from({ length: 20 }, (_, i): [string, string] => [`表${i + 1}`, ws('<row r="1048576"><c r="A1048576"><v>1</v></c></row>')]))); // over 60 s
  cases.push({ name: "20 sheets with a cell in the last row", args: ["check", p("last-rows.xlsx")], code: 2, message: /“表5”处读到的单元格超过 5,000,000 个/, never: STACK, maxSeconds: 30, maxMB: 600 });
  fs.writeFileSync(
    p("merged-columns.xlsx"),
    pkg([["表", ws('<row r="1048576"><c r="A1048576"><v>1</v></c></row>', `<mergeCells>${Array.from({ length: 16_000 }, (_, i) => `<mergeCell ref="${column(i + 1)}1:${column(i + 1)}1048576"/>`).join("")}</mergeCells>`)]]),
  ); // over 60 s
  cases.push({ name: "16,000 whole columns merged", args: ["check", p("merged-columns.xlsx")], code: 2, message: /合并单元格过多或相互重叠/, never: STACK, maxSeconds: 30, maxMB: 600 });
  // 3.2 million merged ranges past the last row: 6.2 s and 730 MB before the merged-cell limit stopped them.
  await streamedPackage(p("many-merges.xlsx"), function* () {
    yield `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>`;
    for (let block = 0; block < 320; block++) {
      const parts: string[] = [];
      for (let i = 0; i < 10_000; i++) parts.push(`<mergeCell ref="A${block * 3000 + i + 10}:C${block * 3000 + i + 10}"/>`);
      yield parts.join("");
    }
    yield "</mergeCells></worksheet>";
  });
  cases.push({ name: "3,200,000 merged ranges", args: ["check", p("many-merges.xlsx")], code: 2, message: /“大表”处读到的合并单元格区域超过 1,000,000 个/, never: STACK, maxSeconds: 30, maxMB: 600 });
  {
    // A master of 20,000 references (128,000 characters) cloned down 20,000 rows: over 60 s.
    const master = Array.from({ length: 20_000 }, (_, i) => `B${i + 1}`).join("+");
    const clones = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><f t="shared" si="0"/><v>1</v></c></row>`).join("");
    fs.writeFileSync(p("shared-formula.xlsx"), pkg([["表", ws(`<row r="1"><c r="A1"><f t="shared" si="0" ref="A1:A20001">${master}</f><v>1</v></c></row>${clones}`)]]));
  }
  cases.push({ name: "a long shared formula cloned down 20,000 rows", args: ["check", p("shared-formula.xlsx")], code: 2, message: /由共享公式展开的公式文字累计超过 30,000,000 个字符/, never: STACK, maxSeconds: 30, maxMB: 600 });
  const styled = (numFmt: string, xfs: number) =>
    `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="200" formatCode="${numFmt}"/></numFmts><cellXfs count="${xfs + 1}"><xf numFmtId="0"/>${'<xf numFmtId="200"/>'.repeat(xfs)}</cellXfs></styleSheet>`;
  fs.writeFileSync(p("format-brackets.xlsx"), pkg([["表", ws('<row r="1"><c r="A1" s="1"><v>1</v></c></row>')]], undefined, styled("[".repeat(200_000), 1))); // 48 s
  cases.push({ name: "a number format of 200,000 unclosed brackets", args: ["check", p("format-brackets.xlsx")], code: 2, message: /没有找到可识别的预算公开表/, never: STACK, maxSeconds: 30, maxMB: 400 });
  fs.writeFileSync(p("format-repeated.xlsx"), pkg([["表", ws('<row r="1"><c r="A1" s="1"><v>1</v></c></row>')]], undefined, styled("0.00;".repeat(20_000), 200_000))); // over 60 s
  cases.push({ name: "a 100,000-character number format in 200,000 cell formats", args: ["check", p("format-repeated.xlsx")], code: 2, message: /没有找到可识别的预算公开表/, never: STACK, maxSeconds: 30, maxMB: 400 });

  {
    // The seed with 2,000 copies of one merge over the whole sheet right of its tables on every sheet: the reader reads
    // it, and the fill's merge lookups hung (every range listed in all 16,384 blocks of rows, every column scanned).
    const files = unzipSync(fs.readFileSync(SEED));
    const merges = '<mergeCell ref="Z1:XFD1048576"/>'.repeat(2000);
    for (const name of Object.keys(files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))) {
      const xml = strFromU8(files[name]);
      files[name] = strToU8(xml.includes("</mergeCells>") ? xml.replace("</mergeCells>", `${merges}</mergeCells>`) : xml.replace("</sheetData>", `</sheetData><mergeCells>${merges}</mergeCells>`));
    }
    fs.writeFileSync(p("merged-sheets.xlsx"), zipSync(files));
  }
  cases.push({ name: "fill with 2,000 whole-sheet merges on every sheet", args: ["fill", p("merged-sheets.xlsx"), "-o", out("merged-sheets")], code: 1, message: /“支出总表”Z2在合并单元格 Z1:XFD1048576 中，Z 列的标题看不到/, never: STACK, maxSeconds: 30, maxMB: 500 });

  // ---------- long cells, invisible characters, minus signs ----------
  {
    const wb = await seedBook();
    const t3 = wb.getWorksheet(T3)!;
    t3.getCell("E10").value = "六".repeat(30_000); // an amount cell with 30,000 characters of text
    t3.getCell("E13").value = "65.15\u200b"; // a zero-width space after the figure
    t3.getCell("E16").value = "41.11\u00a0元"; // a no-break space and a unit
    t3.getCell("E19").value = "\u221253.30"; // U+2212 MINUS SIGN: read as minus
    await save(wb, p("odd-text.xlsx"));
  }
  cases.push({
    name: "a 30,000-character amount cell, invisible characters and U+2212",
    args: ["check", p("odd-text.xlsx")],
    code: 1,
    message: /“六{40}…（共 30000 字）”不是数字[\s\S]*“65\.15‹零宽空格›”含有看不见或形似数字的字符‹零宽空格›/,
    never: /六{41}|E19.*不是数字|\n\s+at /,
    maxSeconds: 60,
    maxMB: 500,
    maxOutputBytes: 64 * 1024,
  });
  {
    // Varied characters, so that the part compresses like text and the length limit (not the ratio) stops it.
    let x = 12345;
    const text = Array.from({ length: 1_000_000 }, () => String.fromCharCode(0x4e00 + ((x = (x * 1103515245 + 12345) >>> 0) % 20000))).join("");
    fs.writeFileSync(p("long-string.xlsx"), pkg([["说明", ws(`<row r="2"><c r="A2" t="inlineStr"><is><t>${text}</t></is></c></row>`)]]));
  }
  cases.push({ name: "a 1,000,000-character cell", args: ["check", p("long-string.xlsx")], code: 2, message: /单元格 A2 的文字长达 1,000,000 个字符，超过上限/, never: STACK, maxSeconds: 30, maxMB: 500, maxOutputBytes: 4096 });

  {
    // A hand-written 情况说明 sheet with three cells of 30,000 characters (Excel allows 32,767): each is checked up
    // to 20,000 characters and says so (S-25); nothing quotes them whole.
    const wb = await seedBook();
    const sh = wb.addWorksheet("情况说明");
    sh.getCell("A1").value = "平乡县行政审批局2024年部门预算信息公开情况说明";
    const para = "2024年，我部门机关运行经费共计安排39.52万元，主要用于日常运行支出，比上年持平。";
    for (const row of [2, 3, 4]) sh.getCell(`A${row}`).value = para.repeat(Math.ceil(30_000 / para.length)).slice(0, 30_000);
    await save(wb, p("long-narrative-cells.xlsx"));
  }
  cases.push({
    name: "three 30,000-character 情况说明 cells",
    args: ["check", p("long-narrative-cells.xlsx")],
    code: 1,
    message: /单元格 A2过长（共 30,000 个字符），只检查了前 20,000 个字符[\s\S]*单元格 A4过长/,
    never: STACK,
    maxSeconds: 30,
    maxMB: 500,
    maxOutputBytes: 256 * 1024,
  });

  // ---------- a 情况说明 .docx: 200,000 unclosed paragraphs, and a bomb ----------
  fs.writeFileSync(p("unclosed.docx"), zipSync({ "word/document.xml": strToU8(`<w:document><w:body>${"<w:p><w:r><w:t>一、部门职责</w:t></w:r>".repeat(200_000)}</w:body></w:document>`) }, { level: 9 }));
  cases.push({ name: "check --narrative on a .docx of 200,000 unclosed paragraphs", args: ["check", SEED, "--narrative", p("unclosed.docx")], code: 1, message: /识别到 \d+ 张表/, never: STACK, maxSeconds: 30, maxMB: 600 });
  fs.writeFileSync(p("bomb.docx"), zipSync({ "word/document.xml": strToU8(" ".repeat(64 * 1024 * 1024)) }, { level: 9 }));
  cases.push({ name: "check --narrative on a .docx zip bomb", args: ["check", SEED, "--narrative", p("bomb.docx")], code: 2, message: /bomb\.docx：文件的 word\/document\.xml 压缩比异常/, never: STACK, maxSeconds: 60, maxMB: 600 });
  // Two entries named word/document.xml: which one is the text depends on the program (said as the workbook reader says it).
  const body = strToU8(`<w:document><w:body><w:p><w:r><w:t>一、部门职责</w:t></w:r></w:p></w:body></w:document>`);
  fs.writeFileSync(p("duplicate.docx"), renamePart(zipSync({ "word/document.xml": body, "word/documenX.xml": body }), "word/documenX.xml", "word/document.xml"));
  cases.push({ name: "check --narrative on a .docx with two entries of one name", args: ["check", SEED, "--narrative", p("duplicate.docx")], code: 2, message: /duplicate\.docx：文件中有两个同名的部件 word\/document\.xml.*Word、WPS 保存的文档不会这样/, never: STACK, maxSeconds: 30, maxMB: 600 });

  // ---------- fills that must not destroy a figure ----------
  {
    // A total merged with its label (C8:D8) and 本年支出合计 merged with its label too.
    const wb = await seedBook();
    const t3 = wb.getWorksheet(T3)!;
    t3.getCell("D8").value = null;
    t3.mergeCells("C8:D8");
    t3.getCell("E6").value = 100; // a wrong total elsewhere: the fill still corrects what it may
    const t1 = wb.getWorksheet(T1)!;
    t1.getCell("E37").value = null;
    t1.mergeCells("D37:E37");
    await save(wb, p("merged-totals.xlsx"));
  }
  cases.push({
    name: "totals merged with their labels",
    args: ["fill", p("merged-totals.xlsx"), "-o", out("merged-totals")],
    code: 1,
    message: /“支出总表”D8（20103 政府办公厅（室）及相关机构事务 合计）在合并单元格 C8:D8 中（内容在 C8），写入会覆盖 C8 的“政府办公厅（室）及相关机构事务”，未填充/,
    never: STACK,
    maxSeconds: 60,
    maxMB: 500,
    fill: { input: p("merged-totals.xlsx"), output: out("merged-totals"), mustKeep: [`${T3}!C8`, `${T3}!D8`, `${T3}!D7`, `${T3}!D6`, `${T1}!D37`, `${T1}!E37`], mustWrite: { [`${T3}!E6`]: 852.58 } },
  });
  {
    // Unreadable leaves under totals: a unit in a cell, a currency sign, #N/A; the totals above are blanked or wrong.
    const wb = await seedBook();
    const t3 = wb.getWorksheet(T3)!;
    t3.getCell("F9").value = "190万元";
    t3.getCell("E13").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    t3.getCell("E16").value = "¥41.11";
    t3.getCell("E6").value = 159.56; // wrong: but its inputs cannot all be read, so it stays
    t3.getCell("D19").value = null; // 2210201's row total: its inputs are readable, so it is filled
    await save(wb, p("unreadable-leaves.xlsx"));
  }
  cases.push({
    name: "unreadable leaves under totals",
    args: ["fill", p("unreadable-leaves.xlsx"), "-o", out("unreadable-leaves")],
    code: 1,
    message: /“支出总表”F9“190万元”不是数字，依赖它的 \d+ 个合计保持原值未填充[\s\S]*“支出总表”E13单元格为错误值 #N\/A[\s\S]*“¥41\.11”不是数字/,
    never: STACK,
    maxSeconds: 60,
    maxMB: 500,
    fill: {
      input: p("unreadable-leaves.xlsx"),
      output: out("unreadable-leaves"),
      mustKeep: [`${T3}!F9`, `${T3}!E13`, `${T3}!E16`, `${T3}!E6`, `${T3}!D6`, `${T3}!F8`, `${T3}!F7`, `${T3}!E12`, `${T3}!E11`, `${T3}!E15`, `${T1}!E37`, `${T1}!E13`],
      mustWrite: { [`${T3}!D19`]: 53.3 },
    },
  });
  {
    // Formula totals: one with a stale cached result, one saved without any (a tool that does not calculate).
    const wb = await seedBook();
    const t3 = wb.getWorksheet(T3)!;
    t3.getCell("D8").value = { formula: "D9+D10", result: 883.02 } as ExcelJS.CellFormulaValue;
    t3.getCell("F9").value = 180; // a leaf changed: D8's cached 883.02 is stale
    t3.getCell("D11").value = { formula: "D12" } as ExcelJS.CellFormulaValue; // no cached value
    await save(wb, p("formula-totals.xlsx"));
  }
  cases.push({
    name: "formula totals with stale and missing results",
    args: ["fill", p("formula-totals.xlsx"), "-o", out("formula-totals")],
    code: 1,
    message: /D8（20103 政府办公厅（室）及相关机构事务 合计）的公式 =D9\+D10 现在的结果为 883\.02，按明细应为 873\.02。公式保留未改写，文件已设置为打开时重新计算[\s\S]*D11（208 社会保障和就业支出 合计）的公式 =D12 没有保存计算结果（公式未计算）/,
    never: STACK,
    maxSeconds: 60,
    maxMB: 500,
    fill: { input: p("formula-totals.xlsx"), output: out("formula-totals"), mustKeep: [`${T3}!D8`, `${T3}!D11`, `${T3}!F9`], mustWrite: { [`${T3}!D9`]: 180, [`${T3}!D7`]: 873.02 } },
  });
  cases.push({ name: "check on formulas saved without results: 公式未计算, not 0", args: ["check", p("formula-totals.xlsx")], code: 1, message: /D11 P-11 — 公式未计算（公式 =D12 没有保存计算结果）.*请在 Excel 或 WPS 中打开文件，重新计算（F9）并保存后再检查/, never: STACK, maxSeconds: 60, maxMB: 500 });

  // ---------- hostile templates ----------
  const tpl = p("templates");
  fs.mkdirSync(tpl, { recursive: true });
  fs.writeFileSync(path.join(tpl, "s01.liquid"), "{% include '../../../../../../etc/passwd' %}");
  fs.writeFileSync(path.join(tpl, "s02.liquid"), "{% for i in (1..2000000000) %}{{ i }}{% endfor %}");
  fs.writeFileSync(path.join(tpl, "s03.liquid"), "{% for i in (1..100000) %}{% for j in (1..100000) %}{% endfor %}{% endfor %}");
  fs.writeFileSync(path.join(tpl, "s04.liquid"), "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}");
  fs.writeFileSync(path.join(tpl, "s05.liquid"), "{% include 's05' %}");
  fs.writeFileSync(path.join(tpl, "s06.liquid"), "{% assign u = '/leak?total=' | append: 收入.合计 %}{% include u %}");
  cases.push({
    name: "hostile templates in a --templates folder",
    args: ["narrative", SEED, "--templates", tpl],
    code: 1,
    message: /引用的模板“\.\.\/\.\.\/.*”不存在：include、render 只能按名称引用[\s\S]*运行时占用的内存超过上限[\s\S]*运行时间超过上限[\s\S]*引用的模板“\/leak\?total=/,
    never: /root:x:|\n\s+at |Failed to lookup|limit exceeded/,
    maxSeconds: 60,
    maxMB: 600,
  });
  {
    // The same templates stored in the workbook (the pane's hidden sheet): the CLI never runs them.
    const wb = await seedBook();
    const store = wb.addWorksheet("_预算公开助手", { state: "veryHidden" });
    store.addRow(["template:s01", "{% include '/etc/passwd' %}"]);
    store.addRow(["template:s02", "{% for i in (1..2000000000) %}{% endfor %}"]);
    await save(wb, p("templates-in-workbook.xlsx"));
  }
  cases.push({ name: "hostile templates stored in a workbook", args: ["narrative", p("templates-in-workbook.xlsx")], code: 0, message: /二、部门预算安排的总体情况/, never: /root:x:|\n\s+at /, maxSeconds: 60, maxMB: 500 });

  // ---------- the file system ----------
  const readOnly = p("只读.xlsx");
  fs.copyFileSync(SEED, readOnly);
  cases.push({ name: "--in-place on a read-only file", args: ["fill", readOnly, "--in-place"], code: 2, message: /文件是只读的，未做任何改动/, never: STACK, maxSeconds: 30, maxMB: 400, setup: () => fs.chmodSync(readOnly, 0o444) });
  const locked = p("打开中.xlsx");
  fs.copyFileSync(SEED, locked);
  fs.writeFileSync(p("~$打开中.xlsx"), "owner");
  cases.push({ name: "--in-place on a file open in Excel (lock file)", args: ["fill", locked, "--in-place"], code: 2, message: /可能正在 Excel 或 WPS 中打开（发现锁定文件 ~\$打开中\.xlsx）/, never: STACK, maxSeconds: 30, maxMB: 400 });
  const wpsLocked = p("wps.xlsx");
  fs.copyFileSync(SEED, wpsLocked);
  fs.writeFileSync(p(".~wps.xlsx#"), "owner");
  cases.push({ name: "--in-place on a file open in WPS (lock file)", args: ["fill", wpsLocked, "--in-place"], code: 2, message: /发现锁定文件 \.~wps\.xlsx#/, never: STACK, maxSeconds: 30, maxMB: 400 });
  const fifo = p("管道.xlsx");
  cases.push({ name: "a FIFO", args: ["check", fifo], code: 2, message: /这不是普通文件（而是设备、管道或套接字）/, never: STACK, maxSeconds: 30, maxMB: 400, setup: () => fs.existsSync(fifo) || execFileSync("mkfifo", [fifo]) });
  cases.push({ name: "/dev/zero", args: ["check", "/dev/zero"], code: 2, message: /这不是普通文件/, never: STACK, maxSeconds: 30, maxMB: 400 });
  cases.push({ name: "a folder as the output", args: ["fill", SEED, "-o", dir, "--force"], code: 2, message: /这是一个文件夹/, never: STACK, maxSeconds: 30, maxMB: 400 });
  cases.push({ name: "an output folder that does not exist", args: ["fill", SEED, "-o", path.join(dir, "没有", "x.xlsx")], code: 2, message: /文件夹 .*没有 不存在/, never: STACK, maxSeconds: 30, maxMB: 400 });
  return cases;
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write("用法：npx tsx scripts/hostile-corpus.ts <文件夹>\n");
    process.exit(2);
  }
  buildCorpus(dir).then((cases) => {
    for (const c of cases) process.stdout.write(`${c.name}\n  budget-disclosure ${c.args.join(" ")}\n  → 退出码 ${c.code}，${c.message}\n`);
  });
}
