// Government-document typography (GB/T 9704 style) for the disclosure: fonts, sizes, page geometry.
import { fixSlips, type SlipLog } from "./slips";
import { AlignmentType, LineRuleType, Paragraph, TextRun, type IRunOptions, type IParagraphOptions } from "docx";

/** Font faces by role. East Asian text takes the first; Word falls back to `fallback` (fontTable altName). */
export const FONTS = {
  title: { name: "方正小标宋简体", fallback: "宋体" },
  heading: { name: "黑体", fallback: "SimHei" },
  subheading: { name: "楷体_GB2312", fallback: "楷体" },
  body: { name: "仿宋_GB2312", fallback: "仿宋" },
  table: { name: "宋体", fallback: "SimSun" },
} as const;

export type FontRole = keyof typeof FONTS;

/** Latin letters and digits in every role: Times New Roman, as 公文 practice has it. */
const LATIN = "Times New Roman";

/** Chinese point sizes in half-points (docx `size`). */
export const SIZE = {
  二号: 44,
  小二: 36,
  三号: 32,
  四号: 28,
  小四: 24,
  五号: 21,
  小五: 18,
  六号: 15,
} as const;

export function fontOf(role: FontRole) {
  const f = FONTS[role].name;
  return { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: f };
}

// Every text of the document goes through run(): the slips of the source are fixed there, and logged to the
// document being built (building is synchronous, so one log at a time; see withSlipLog).
let slipLog: SlipLog | undefined;

/** Runs `build` with every run() of it fixing and logging slips into `log`. */
export function withSlipLog<T>(log: SlipLog, build: () => T): T {
  const outer = slipLog;
  slipLog = log;
  try {
    return build();
  } finally {
    slipLog = outer;
  }
}

export function run(text: string, role: FontRole, size: number, extra: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text: fixSlips(text, slipLog), font: fontOf(role), size, ...extra });
}

/** Page geometry in twips. A4; 公文 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm). */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: 2098, bottom: 1984, left: 1587, right: 1474, header: 851, footer: 992 },
};
/** Landscape pages for the wide tables keep 20 mm all round so 13–14 columns fit. */
export const LANDSCAPE_MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 };

export const PORTRAIT_TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
const PORTRAIT_TEXT_HEIGHT = PAGE.height - PAGE.margin.top - PAGE.margin.bottom;

/**
 * GB/T 9704's grid, 22 lines a page and 28 characters of 三号 a line, kept by the text itself rather than a w:docGrid:
 * LibreOffice (7.4) applies a document grid to table cells too (every table row grew to a grid line and table text was
 * spread out, with w:snapToGrid="0" on the cells' paragraphs as well: a 150-row department went from 37 to 45 pages),
 * while exact 1/22-page lines and characters drawn 1/28 of the line apart give the same page in Word, WPS and
 * LibreOffice.
 */
export const LINE = Math.floor(PORTRAIT_TEXT_HEIGHT / 22);
/** Twips taken off each 三号 character (16 pt) so that 28 fit the 156 mm line. */
export const BODY_SQUEEZE = Math.floor(PORTRAIT_TEXT_WIDTH / 28) - SIZE.三号 * 10;
/** Two characters of the grid: the first-line indent of body text and sub-headings. */
export const INDENT2 = Math.round((2 * PORTRAIT_TEXT_WIDTH) / 28);
/**
 * Languages of the text: Chinese for the ideographs, so renderers pick Chinese faces and rules (not Japanese ones);
 * English for Latin text and figures, as Chinese Word writes it: with zh-CN there, LibreOffice broke figures across
 * lines ("收入预算1 / 8,976.76万元").
 */
export const LANGUAGE = { value: "en-US", eastAsia: "zh-CN" };
export const LANDSCAPE_TEXT_WIDTH = PAGE.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right;

/** Body paragraph: 仿宋 三号, two-character first-line indent, one grid line a line. */
export function bodyParagraph(text: string, opts: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({
    children: [run(text, "body", SIZE.三号, { characterSpacing: BODY_SQUEEZE })],
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: INDENT2 },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    ...opts,
  });
}

/** A line under a table: notes ("注：…"), table captions. */
export function smallParagraph(text: string, opts: Partial<IParagraphOptions> = {}, size: number = SIZE.五号): Paragraph {
  return new Paragraph({ children: [run(text, "table", size)], spacing: { before: 60, after: 60 }, ...opts });
}

/**
 * Text widths for the page-number estimate: CJK fonts draw ideographs and full-width marks one em wide and
 * Latin letters and digits about half an em. The layout's own width tables know no CJK font.
 */
export function measureCjk(text: string, font: { size: number }): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const full = (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60) || (c >= 0x3000 && c <= 0x303f) || c === 0x201c || c === 0x201d;
    w += full ? font.size : ch === " " ? font.size * 0.25 : font.size * 0.5;
  }
  return w;
}
