// The publishable disclosure as a Word document: cover, 目录, tables 1–9, then the 情况说明 with its tables.
// Pure: workbook model and narrative in, .docx bytes out (no fs), so the task pane and the browser use it too.
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  TableOfContents,
  TextRun,
  type FileChild,
  type ISectionOptions,
} from "docx";
import { estimatePageNumbersWith } from "docx/layout";
import JSZip from "jszip";
import { budgetSubject } from "../core/facts";
import type { BudgetWorkbook, ProjectTable, TableKey } from "../core/model/types";
import type { NarrativeResult, NarrativeSection } from "../core/narrative/render";
import { findStyle } from "../core/narrative/styles";
import { knownPageNumbers, placeholderPageNumbers } from "./pagination";
import { SlipLog, type Slip } from "./slips";
import { drawTable, orgTable, projectTables, publishedTable, textTable, type PublishedTable } from "./tables";
import { shanghaiContent } from "./shanghai-tables";
import {
  FONTS,
  LANDSCAPE_MARGIN,
  LANDSCAPE_TEXT_WIDTH,
  PAGE,
  PORTRAIT_TEXT_WIDTH,
  SIZE,
  bodyParagraph,
  fontOf,
  measureCjk,
  run,
  smallParagraph,
  withSlipLog,
  BODY_SQUEEZE,
  INDENT2,
  LANGUAGE,
  LINE,
} from "./typography";

export interface DocxOptions {
  /** Work out the 目录's page numbers while writing (default true); false leaves them for Word to update. */
  pageNumbers?: boolean;
  /** The printed page of each heading, in document order, as a renderer laid them out: written into the 目录 as they are. */
  pages?: number[];
  /**
   * The published form: "上海区级" (Shanghai's nine tables after 主要职能, 机构设置, 名词解释 and 预算编制说明) or the seed's
   * (河北县级, the default). A style name or alias, as 说明参数 说明样式 takes it.
   */
  form?: string;
  /**
   * A document for a measuring rendering: every body row of the published tables bookmarked (rowBreaks reads where they
   * land), the 目录's entries written with placeholder numbers (its pages laid out as the final document's).
   */
  measure?: boolean;
  /** By table key, the body rows that start a page in a rendering: the tables are split there and continued with 续表. */
  breaks?: Partial<Record<TableKey, number[]>>;
}

export interface BuiltDocx {
  bytes: Uint8Array;
  /** The 目录's headings in document order (what `pages` numbers). */
  headings: string[];
  /** Where the 目录's page numbers came from: a rendering, the layout estimate (Word asks to update them), or none. */
  pageNumbers: "rendered" | "estimated" | "none";
  /** Typographic slips of the source fixed in the document (half-width brackets, straight quotes …). */
  slips: Slip[];
}

const width = (landscape: boolean) => (landscape ? LANDSCAPE_TEXT_WIDTH : PORTRAIT_TEXT_WIDTH);

/**
 * A heading on the grid: whole grid lines (exact pitch, space before and after in whole lines). A "\n" in the text is
 * a controlled line break (titles break between words, never inside one).
 */
function heading(text: string, level: 1 | 2, role: "title" | "heading", size: number, align: "center" | "left" = "center", linesAfter = 0, pageBreakBefore = false): Paragraph {
  return new Paragraph({
    pageBreakBefore: pageBreakBefore || undefined,
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    alignment: align === "center" ? AlignmentType.CENTER : AlignmentType.LEFT,
    indent: align === "left" ? { firstLine: INDENT2 } : undefined,
    keepNext: true,
    spacing: { before: 0, after: linesAfter * LINE, line: LINE, lineRule: LineRuleType.EXACT },
    children: text.split("\n").map((part, i) => run(part, role, size, i > 0 ? { break: 1 } : {})),
  });
}

/**
 * A title too long for one line breaks before "<年>部门预算信息公开情况说明" (or Shanghai's "（部门）主要职能", "<年>部门预算
 * 编制说明" …), so no word is cut (GB/T 9704: a title
 * that runs onto more lines keeps its words whole). `perLine` is how many ideographs of its size fit a line.
 */
export function breakTitle(title: string, perLine: number): string {
  if (measureCjk(title, { size: 1 }) <= perLine) return title;
  const m = /^(.+?)\s*((?:\d{4}\s*年\s*)?(?:部门|单位)?预算(?:信息公开情况说明|编制说明)?|(?:（(?:部门|单位)）)?(?:主要职能|机构设置))$/.exec(title);
  return m && measureCjk(m[2], { size: 1 }) <= perLine ? `${m[1]}\n${m[2]}` : title;
}

function caption(text: string, pageBreakBefore = false): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, pageBreakBefore, spacing: { before: 200, after: 120 }, children: [run(text, "heading", SIZE.四号)] });
}

/** Title, department/year/unit line, table, notes: what one published table prints. */
function tableBlock(t: PublishedTable, withTitle = true): FileChild[] {
  return [
    ...(withTitle ? [heading(t.title, 2, "title", SIZE.小二)] : [caption(t.title)]),
    ...t.table,
    ...t.notes.map((n) => smallParagraph(n)),
  ];
}

/** "— 7 —" in 四号 宋体 at the outer edge, one character in: right on odd pages, left on even ones (GB/T 9704). */
const footer = (side: "odd" | "even") =>
  new Footer({
    children: [
      new Paragraph({
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: SIZE.四号 * 10 } : { left: SIZE.四号 * 10 },
        children: [run("— ", "table", SIZE.四号), new TextRun({ children: [PageNumber.CURRENT], font: fontOf("table"), size: SIZE.四号 }), run(" —", "table", SIZE.四号)],
      }),
    ],
  });

function section(children: FileChild[], landscape: boolean, extra: Partial<ISectionOptions["properties"]> = {}): ISectionOptions {
  return {
    properties: {
      type: SectionType.NEXT_PAGE,
      page: {
        size: { width: PAGE.width, height: PAGE.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: landscape ? LANDSCAPE_MARGIN : PAGE.margin,
      },
      ...extra,
    },
    footers: { default: footer("odd"), even: footer("even") },
    children,
  };
}

/** Paragraph styling by what the line is: sub-headings （一）/1、, 名词解释 terms, body text. */
function narrativeParagraph(text: string, sectionId: string): Paragraph {
  const short = text.length <= 30 && !/[。；]/.test(text);
  // Shanghai's 其他相关情况说明 numbers its parts 一、二、… under the section heading: 黑体, never alone at a page foot.
  if (short && /^[一二三四五六七八九十]+、/.test(text)) return new Paragraph({ keepNext: true, indent: { firstLine: INDENT2 }, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(text, "heading", SIZE.三号, { characterSpacing: BODY_SQUEEZE })] });
  if (short && /^（[一二三四五六七八九十]+）/.test(text)) return new Paragraph({ keepNext: true, indent: { firstLine: INDENT2 }, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(text, "subheading", SIZE.三号, { characterSpacing: BODY_SQUEEZE })] });
  if (short && /^(\d+\s*[、.．]|（\d+）|\(\d+\))/.test(text)) return new Paragraph({ keepNext: true, indent: { firstLine: INDENT2 }, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(text, "body", SIZE.三号, { bold: true, characterSpacing: BODY_SQUEEZE })] });
  const term = sectionId === "s09" || sectionId === "sh03" ? /^(\d+\s*、|（[一二三四五六七八九十]+）)?([^：:]{2,16}[：:])/.exec(text) : null;
  if (term) {
    const head = term[0];
    return new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: INDENT2 },
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      children: [run(head, "body", SIZE.三号, { bold: true, characterSpacing: BODY_SQUEEZE }), run(text.slice(head.length), "body", SIZE.三号, { characterSpacing: BODY_SQUEEZE })],
    });
  }
  // "部门职责：", "机构设置：" introduce what follows: never the last line of a page.
  return bodyParagraph(text, /[：:]$/.test(text) ? { keepNext: true } : {});
}

function orgLines(wb: BudgetWorkbook): string[] {
  const p = Object.values(wb.params?.params ?? {}).find((x) => x.key.replace(/\s/g, "") === "机构设置");
  return (p?.value ?? "").split(/\r?\n/).filter((l) => l.trim());
}

function projectBlock(projects: ProjectTable[]): FileChild[] {
  // Each project's table starts a page: keep-with-next inside tables is honoured by Word but not by every
  // renderer (LibreOffice, WPS), and a 目录 page number must not depend on it.
  return projects.flatMap((p, i) => [
    caption(`${i + 1}、${p.name}绩效目标表`, i > 0),
    new Paragraph({ alignment: AlignmentType.RIGHT, keepNext: true, children: [run("单位：万元", "table", SIZE.五号)] }),
    // A paragraph between the header block and the indicator grid: two adjacent tables are one table to Word.
    ...projectTables(p, PORTRAIT_TEXT_WIDTH).flatMap((t, k) => (k === 0 ? [t, new Paragraph({ keepNext: true, spacing: { before: 0, after: 0, line: 120, lineRule: LineRuleType.EXACT }, children: [run("", "table", 2)] })] : [t])),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ]);
}

// Lines of a narrative that the tables drawn from the workbook already print (captions, unit lines, notes).
const CAPTION = /^\d+\s*[、.．].*绩效目标表$/;
const TABLE_LINE = [/^(部门|单位)机构设置情况$/, /^单位[：:]\s*(万元|元)$/, /^(部门|单位)政府采购预算$/, /^(部门|单位)固定资产占用情况表$/, /^截止时间[：:]/, /^\d{2,8}\s+\S+$/, /^注[：:]/];

/**
 * The section's paragraphs without what its tables print: in 一 the 机构设置 lines ("<单位>：单位性质为…"), in 六
 * everything from the first 绩效目标表 caption on (each project's table replaces its summary), in 七/八 notes and captions.
 */
function tableOwned(s: NarrativeSection, wb: BudgetWorkbook, orgNames: string[]): string[] {
  const ps = s.paragraphs ?? [];
  const drop = (p: string) => TABLE_LINE.some((re) => re.test(p.trim()));
  if (s.id === "s01") return ps.filter((p) => !drop(p) && !orgNames.some((n) => p.startsWith(`${n}：`) || p.startsWith(`${n}|`)));
  if (s.id === "s06" && (wb.projects ?? []).length) {
    const first = ps.findIndex((p) => CAPTION.test(p.trim()) || /^项目编码/.test(p.trim()));
    return (first < 0 ? ps : ps.slice(0, first)).filter((p) => !drop(p));
  }
  if ((s.id === "s07" && wb.t10) || (s.id === "s08" && wb.t11)) return ps.filter((p) => !drop(p));
  return ps;
}

/** Sections of Shanghai's narrative that its published form prints before the tables (主要职能 … 预算编制说明). */
const SHANGHAI_FRONT = ["sh01", "sh02", "sh03", "sh04"];

/** Paragraphs of a section, tab-separated rows (a 机构表 the template wrote as text) drawn as one table. */
function withTextTables(texts: string[], sectionId: string): FileChild[] {
  const out: FileChild[] = [];
  for (let i = 0; i < texts.length; ) {
    if (!texts[i].includes("\t")) {
      out.push(narrativeParagraph(texts[i++], sectionId));
      continue;
    }
    const rows: string[][] = [];
    while (i < texts.length && texts[i].includes("\t")) rows.push(texts[i++].split("\t").map((c) => c.trim()));
    out.push(textTable(rows, PORTRAIT_TEXT_WIDTH));
  }
  return out;
}

/**
 * The narrative's sections as the document's sections: `front` goes before the tables (Shanghai's form prints 主要职能,
 * 机构设置, 名词解释 and 预算编制说明 first), `back` after them. Whatever style the narrative was written in, every
 * section of it is printed; the 机构设置, 绩效目标, 政府采购 and 固定资产 tables go where the seed has them, else
 * after the last section.
 */
function narrativeSections(wb: BudgetWorkbook, narrative: NarrativeResult, shanghaiForm: boolean, table: (key: TableKey) => PublishedTable, subject: "部门" | "单位"): { front: ISectionOptions[]; back: ISectionOptions[] } {
  const byId = new Map(narrative.sections.map((s) => [s.id, s]));
  const own = narrative.sections.filter((s) => /^(s|sh)\d\d$/.test(s.id) && s.id !== "sh00");
  const frontIds = shanghaiForm ? own.filter((s) => SHANGHAI_FRONT.includes(s.id)) : [];
  const rest = own.filter((s) => !frontIds.includes(s));
  // In Shanghai's form its sections are parts of the document, each on its own page under a centred heading; in the
  // seed's they are 一 … 十 under the 情况说明's title.
  const parts = shanghaiForm && rest.every((s) => s.id.startsWith("sh"));
  const orgNames = orgLines(wb).map((l) => l.split(/[|｜]/)[0].trim());
  const out: ISectionOptions[] = [];
  let current: FileChild[] = [];
  const flush = (landscape: boolean) => {
    if (current.length) out.push(section(current, landscape));
    current = [];
  };
  const partHeading = (title: string, first: boolean) => heading(breakTitle(title, PORTRAIT_TEXT_WIDTH / (SIZE.小二 * 10)), 1, "title", SIZE.小二, "center", 1, !first);
  const emit = (s: NarrativeSection, asPart: boolean, first: boolean) => {
    // A rendered paragraph may hold line breaks (a 说明参数 text of several lines): one Word paragraph each.
    const kept = tableOwned({ ...s, paragraphs: (s.paragraphs ?? []).flatMap((p) => p.split(/\r?\n/)).filter((p) => p.trim()) }, wb, orgNames);
    const head = asPart ? partHeading(s.title, first) : heading(s.title, 2, "heading", SIZE.三号, "left");
    if (s.id === "s07" && wb.t10) {
      flush(false);
      current.push(head, ...kept.map((p) => narrativeParagraph(p, s.id)), ...tableBlock(table("T10"), false));
      flush(true);
      return;
    }
    current.push(head);
    if (s.id === "s01") current.push(...withOrgTable(kept, kept.map((p) => narrativeParagraph(p, s.id)), orgLines(wb), subject));
    else current.push(...withTextTables(kept, s.id));
    if (s.id === "s06") current.push(...projectBlock(wb.projects ?? []));
    if (s.id === "s08" && wb.t11) current.push(...tableBlock(table("T11"), false));
  };

  frontIds.forEach((s, i) => emit(s, true, i === 0));
  flush(false);
  const front = out.splice(0);

  if (!parts) {
    const title = byId.get("title")?.title || `${wb.deptName ?? ""}${wb.year ?? ""}年${subject}预算信息公开情况说明`;
    current.push(heading(breakTitle(title, PORTRAIT_TEXT_WIDTH / (SIZE.二号 * 10)), 1, "title", SIZE.二号, "center", 1));
    for (const p of byId.get("preamble")?.paragraphs ?? []) current.push(bodyParagraph(p));
  }
  rest.forEach((s, i) => emit(s, parts, i === 0));
  // Tables of the workbook the narrative has no section for (s06, s08, s07 place them) still print, after its last section.
  const placed = new Set(own.map((s) => s.id));
  if (wb.projects?.length && !placed.has("s06")) current.push(caption("项目绩效目标表", current.length > 0), ...projectBlock(wb.projects));
  if (wb.t11 && !placed.has("s08")) current.push(...tableBlock(table("T11"), false));
  flush(false);
  if (wb.t10 && !placed.has("s07")) {
    current.push(...tableBlock(table("T10"), false));
    flush(true);
  }
  return { front, back: out };
}

function withOrgTable(texts: string[], paras: Paragraph[], lines: string[], subject: "部门" | "单位"): FileChild[] {
  if (!lines.length) return paras;
  const at = texts.findIndex((p) => /^机构设置[：:]?$/.test(p.trim()));
  const block: FileChild[] = [caption(`${subject}机构设置情况`), orgTable(lines, PORTRAIT_TEXT_WIDTH)];
  if (at < 0) return [...paras, bodyParagraph("机构设置："), ...block];
  return [...paras.slice(0, at + 1), ...block, ...paras.slice(at + 1)];
}

const TABLE_ORDER: TableKey[] = ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"];
/** Shanghai publishes the function tables by fund first, then the 基本支出 economic table, then 三公. */
const SHANGHAI_ORDER: TableKey[] = ["T1", "T2", "T3", "T4", "T5", "T7", "T8", "T6", "T9"];

function coverAndContents(wb: BudgetWorkbook, shanghaiForm: boolean, subject: "部门" | "单位"): FileChild[] {
  const year = wb.year ?? "";
  const what = shanghaiForm ? `${year}年${subject}预算` : `${year}年${subject}预算信息公开`;
  return [
    new Paragraph({ spacing: { before: 4200 }, alignment: AlignmentType.CENTER, children: [run(wb.deptName ?? "", "title", SIZE.二号)] }),
    new Paragraph({ spacing: { before: 240 }, alignment: AlignmentType.CENTER, children: [run(what, "title", SIZE.二号)] }),
    new Paragraph({ pageBreakBefore: true, alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [run(shanghaiForm ? "目  录" : `${what}目录`, "heading", SIZE.小二)] }),
    new TableOfContents("目录", { hyperlink: true, headingStyleRange: "1-2" }),
  ];
}

function styles() {
  const heading = (id: string, name: string, role: keyof typeof FONTS, size: number) => ({
    id,
    name,
    basedOn: "Normal",
    next: "Normal",
    quickFormat: true,
    run: { font: fontOf(role), size, color: "000000", bold: false },
    paragraph: { spacing: { before: 0, after: 0 } },
  });
  const toc = (id: string, name: string, indent: number, role: keyof typeof FONTS) => ({
    id,
    name,
    basedOn: "Normal",
    next: "Normal",
    run: { font: fontOf(role), size: SIZE.四号 },
    paragraph: { indent: { left: indent }, spacing: { before: 60, after: 60, line: 480, lineRule: LineRuleType.AT_LEAST } },
  });
  return {
    default: { document: { run: { font: fontOf("body"), size: SIZE.三号, language: LANGUAGE } } },
    paragraphStyles: [heading("Heading1", "heading 1", "title", SIZE.二号), heading("Heading2", "heading 2", "heading", SIZE.三号), toc("TOC1", "toc 1", 0, "heading"), toc("TOC2", "toc 2", 420, "body")],
  };
}

/** Whether `form` names Shanghai's published form (上海区级 or an alias of it). */
const isShanghaiForm = (form: string | undefined) => findStyle(form)?.name === "上海区级";

function document(wb: BudgetWorkbook, narrative: NarrativeResult, pageNumbers: BuiltDocx["pageNumbers"], options: DocxOptions, shanghaiForm: boolean): Document {
  const pages = options.pages;
  const layout = (key: TableKey) => ({ marks: options.measure, breaks: options.breaks?.[key] });
  const table = (key: TableKey) => {
    const sh = shanghaiForm ? shanghaiContent(wb, key) : undefined;
    return sh ? drawTable(key, sh, width, layout(key)) : publishedTable(wb, key, width, layout(key));
  };
  const order = shanghaiForm ? SHANGHAI_ORDER : TABLE_ORDER;
  // 部门 or 单位 as the narrative decides it (budgetSubject), in every fixed text of the document.
  const subject = budgetSubject(wb);
  const tableSections = order.map((key, i) => {
    const t = table(key);
    // Shanghai numbers its tables "1. …" under 部门预算表; the seed prints the titles alone under 部门预算公开表 (单位… for a unit).
    if (shanghaiForm) t.title = `${i + 1}. ${t.title}`;
    // The part heading in the title face and larger than the table titles under it.
    const children: FileChild[] = [...(i === 0 ? [heading(shanghaiForm ? `${subject}预算表` : `${subject}预算公开表`, 1, "title", SIZE.二号, "center", 1)] : []), ...tableBlock(t)];
    return section(children, t.landscape);
  });
  const cover: ISectionOptions = {
    properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
    children: coverAndContents(wb, shanghaiForm, subject),
  };
  const { front, back } = narrativeSections(wb, narrative, shanghaiForm, table, subject);
  const body = [...front, ...tableSections, ...back];
  // Page 1 is the first page after the 目录.
  body[0] = { ...body[0], properties: { ...body[0].properties, page: { ...body[0].properties?.page, pageNumbers: { start: 1 } } } };
  const title = `${wb.deptName ?? ""}${wb.year ?? ""}年${subject}预算${shanghaiForm ? "" : "信息公开"}`;
  return new Document({
    title,
    creator: "预算公开助手",
    description: `${subject}预算信息公开：${subject}预算公开表与情况说明`,
    styles: styles(),
    // Page numbers of the 目录: as a renderer laid the pages out, else worked out while writing, with CJK text measured
    // one em a character; estimated numbers ask Word to update them when the document is opened.
    pageNumbers: options.measure ? placeholderPageNumbers() : pageNumbers === "rendered" ? knownPageNumbers(pages!) : pageNumbers === "estimated" ? estimatePageNumbersWith({ measureWidth: measureCjk, guess: true }) : undefined,
    features: pageNumbers === "rendered" ? undefined : { updateFields: true },
    evenAndOddHeaderAndFooters: true,
    sections: [cover, ...body],
  });
}

/** Paragraph text of a document.xml fragment (runs' w:t, not field codes). */
const xmlText = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join("")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** The headings the 目录 lists, in document order: paragraphs styled Heading1/Heading2 outside the 目录 itself. */
function headingsOf(documentXml: string): string[] {
  const body = documentXml.replace(/<w:sdt>[\s\S]*?<\/w:sdt>/g, "");
  return [...body.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].filter((m) => /<w:pStyle w:val="Heading[12]"\/>/.test(m[1])).map((m) => xmlText(m[1]));
}

/**
 * What docx does not write: font fallbacks (Word falls back to `altName` where 仿宋_GB2312, 方正小标宋简体 … are not
 * installed). Also reads the headings back, as written.
 */
async function finish(bytes: Uint8Array): Promise<{ bytes: Uint8Array; headings: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const headings = headingsOf(await zip.file("word/document.xml")!.async("string"));
  const file = zip.file("word/fontTable.xml");
  if (!file) return { bytes, headings };
  const xml = await file.async("string");
  const fonts = Object.values(FONTS)
    .map((f) => `<w:font w:name="${f.name}"><w:altName w:val="${f.fallback}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`)
    .join("");
  const patched = /<w:fonts([^>]*)\/>/.test(xml) ? xml.replace(/<w:fonts([^>]*)\/>/, `<w:fonts$1>${fonts}</w:fonts>`) : xml.replace("</w:fonts>", `${fonts}</w:fonts>`);
  zip.file("word/fontTable.xml", patched);
  return { bytes: await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }), headings };
}

export async function buildDisclosure(workbook: BudgetWorkbook, narrative: NarrativeResult, options: DocxOptions = {}): Promise<BuiltDocx> {
  let mode: BuiltDocx["pageNumbers"] = options.pages ? "rendered" : options.pageNumbers === false || options.measure ? "none" : "estimated";
  let bytes: Uint8Array;
  let log = new SlipLog();
  const shanghaiForm = isShanghaiForm(options.form);
  try {
    bytes = await Packer.pack(withSlipLog(log, () => document(workbook, narrative, mode, options, shanghaiForm)), "uint8array");
  } catch (e) {
    // The estimate is a nicety: without it the 目录 keeps its entries and Word fills the numbers on update.
    if (mode !== "estimated") throw e;
    mode = "none";
    log = new SlipLog();
    bytes = await Packer.pack(withSlipLog(log, () => document(workbook, narrative, mode, { ...options, pages: undefined }, shanghaiForm)), "uint8array");
  }
  const done = await finish(bytes);
  if (options.pages && options.pages.length !== done.headings.length) throw new Error(`目录有 ${done.headings.length} 个标题，给出的页码有 ${options.pages.length} 个。`);
  return { ...done, pageNumbers: mode, slips: log.slips };
}

export async function buildDisclosureDocx(workbook: BudgetWorkbook, narrative: NarrativeResult, options: DocxOptions = {}): Promise<Uint8Array> {
  return (await buildDisclosure(workbook, narrative, options)).bytes;
}
