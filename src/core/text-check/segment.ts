// Splits a narrative into paragraphs (lines) and sentences, keeping character offsets into the original text.

export type ParagraphKind = "prose" | "heading" | "table-row" | "label";

export interface Paragraph {
  /** 1-based among non-empty paragraphs: what a reader counts ("第3段"). */
  no: number;
  /** 0-based line index in the text (a sheet source maps it to a cell). */
  line: number;
  start: number;
  end: number;
  text: string;
  kind: ParagraphKind;
  /** 1..10 for the 情况说明 section the paragraph sits in (一 … 十), 0 before the first heading. */
  section: number;
}

export interface Sentence {
  paragraph: Paragraph;
  /** 1-based within its paragraph. */
  no: number;
  start: number;
  end: number;
  text: string;
  /** Ends with 。！？ (possibly followed by a closing quote or bracket). */
  terminated: boolean;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** "四" → 4, "十" → 10; 0 when not a numeral the 情况说明 uses. */
export function sectionNumber(s: string): number {
  if (s.length === 1) return CN_DIGITS[s] ?? 0;
  return 0;
}

const SECTION_HEADING = /^\s*([一二三四五六七八九十])\s*、/;
const SUB_HEADING = /^\s*(（[一二三四五六七八九十]+）|\(\d+\)|（\d+）|\d+\s*[、.．])/;

function classify(text: string): ParagraphKind {
  // Tab-separated, or columns aligned with runs of spaces (a table in text taken from a PDF).
  if (text.includes("\t") || /\S(?: {3,}|\u3000{2,})\S/.test(text)) return "table-row";
  const t = text.trim();
  if (/[：:]$/.test(t)) return "label";
  const hasComma = /[，,；;。！？]/.test(t.slice(0, -1));
  if (SECTION_HEADING.test(t) && !hasComma && t.length <= 40) return "heading";
  if (SUB_HEADING.test(t) && !hasComma && !/[。！？]$/.test(t) && t.length <= 40) return "heading";
  // A title line ("…情况说明", "…绩效目标表") has no comma and no final stop.
  if (!hasComma && !/[。！？]$/.test(t) && t.length <= 40) return "heading";
  return "prose";
}

export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let offset = 0;
  let section = 0;
  const lines = text.split("\n");
  let lastLine = "";
  lines.forEach((raw, line) => {
    const lineText = raw.replace(/\r$/, "");
    const start = offset;
    offset += raw.length + 1;
    if (!lineText.trim()) return;
    // A line that stops mid-sentence ("…伙食补助费、") goes on in the next one: a page break in text copied from a PDF.
    const prev = out[out.length - 1];
    if (prev && prev.kind === "prose" && /[、，,；;（(“]\s*$/.test(lastLine) && !lineText.includes("\t")) {
      // Joined text is cut once at the end: re-slicing on every joined line would be quadratic.
      prev.end = start + lineText.length;
      lastLine = lineText;
      return;
    }
    lastLine = lineText;
    const kind = classify(lineText);
    const m = SECTION_HEADING.exec(lineText);
    if (m && kind === "heading") section = sectionNumber(m[1]);
    out.push({ no: out.length + 1, line, start, end: start + lineText.length, text: lineText, kind, section });
  });
  for (const p of out) if (p.end - p.start !== p.text.length) p.text = text.slice(p.start, p.end);
  return out;
}

const ENDERS = "。！？!?";
const CLOSERS = "”’」』）)】";

export function splitSentences(p: Paragraph): Sentence[] {
  const out: Sentence[] = [];
  let s = 0;
  const t = p.text;
  for (let i = 0; i < t.length; i++) {
    if (!ENDERS.includes(t[i])) continue;
    let e = i + 1;
    while (e < t.length && CLOSERS.includes(t[e])) e++;
    push(s, e, true);
    s = e;
    i = e - 1;
  }
  if (t.slice(s).trim()) push(s, t.length, false);
  return out;

  function push(a: number, b: number, terminated: boolean) {
    // Skip leading spaces so offsets point at the first character a reader sees.
    while (a < b && /\s/.test(t[a])) a++;
    if (a >= b) return;
    out.push({ paragraph: p, no: out.length + 1, start: p.start + a, end: p.start + b, text: t.slice(a, b), terminated });
  }
}

/** "第3段第2句", what a message says about where a sentence is. */
export function position(s: Sentence): string {
  return `第${s.paragraph.no}段第${s.no}句`;
}

/** Sentences grouped by their paragraph, in order. */
export function sentencesByParagraph(sentences: Sentence[]): Map<Paragraph, Sentence[]> {
  const by = new Map<Paragraph, Sentence[]>();
  for (const s of sentences) {
    const list = by.get(s.paragraph);
    if (list) list.push(s);
    else by.set(s.paragraph, [s]);
  }
  return by;
}

/** The sentence (of one paragraph, in order) holding a text offset: binary search. */
export function sentenceAt(ss: Sentence[], at: number): Sentence {
  let lo = 0;
  let hi = ss.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ss[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  return ss[lo];
}
