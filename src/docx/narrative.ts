// The 情况说明 as text → sections (title, preamble, 一 … 十), for a hand-written or sheet narrative.
import type { NarrativeResult, NarrativeSection } from "../core/narrative/render";

const HEADING = /^\s*([一二三四五六七八九十])\s*、/;
const SECTION_NO = "一二三四五六七八九十";
/** Shanghai's 预算编制说明 style: its sections by their heading lines. */
const SHANGHAI_HEADINGS: [RegExp, string][] = [
  [/主要职能$/, "sh01"],
  [/机构设置$/, "sh02"],
  [/^名词解释$/, "sh03"],
  [/预算编制说明$/, "sh04"],
  [/^其他相关情况说明$/, "sh05"],
];
const isHeadingLine = (line: string) => line.length <= 40 && !/[，。]/.test(line);

/**
 * Splits a 情况说明 into the renderer's sections. Lines with tabs (table rows pasted as text) are dropped; the
 * document builder leaves out the captions and notes of the tables it draws itself (see tableOwned in build.ts).
 */
export function narrativeFromText(text: string): NarrativeResult {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^- /, "").replace(/\*\*/g, "").trim())
    .filter((l) => l && !l.includes("\t"));
  // A text with Shanghai's 预算编制说明 or 其他相关情况说明 is in that style: its 一、二、 lines are parts of a section.
  const shanghai = lines.some((l) => isHeadingLine(l) && SHANGHAI_HEADINGS.slice(3).some(([re]) => re.test(l)));
  const sections: NarrativeSection[] = [];
  let current: NarrativeSection | undefined;
  for (const line of lines) {
    const sh = shanghai && isHeadingLine(line) ? SHANGHAI_HEADINGS.find(([re]) => re.test(line)) : undefined;
    const m = shanghai ? null : HEADING.exec(line);
    if (sh && !sections.some((s) => s.id === sh[1])) {
      current = { id: sh[1], title: line, paragraphs: [] };
      sections.push(current);
    } else if (m && isHeadingLine(line)) {
      current = { id: `s${String(SECTION_NO.indexOf(m[1]) + 1).padStart(2, "0")}`, title: line, paragraphs: [] };
      sections.push(current);
    } else if (shanghai && !current && !sections.length && /预算$/.test(line) && isHeadingLine(line)) {
      sections.push({ id: "sh00", title: line, paragraphs: [] });
    } else if (!current && !sections.length && /情况说明$/.test(line)) {
      sections.push({ id: "title", title: line, paragraphs: [] });
    } else if (!current) {
      const pre = sections.find((s) => s.id === "preamble") ?? (sections.push({ id: "preamble", title: "", paragraphs: [] }), sections[sections.length - 1]);
      pre.paragraphs.push(line);
    } else {
      // A line a page break split ("…伙食补助费、" + "杂费…") is one paragraph.
      const prev = current.paragraphs[current.paragraphs.length - 1];
      if (prev !== undefined && /[、，]$/.test(prev)) current.paragraphs[current.paragraphs.length - 1] = prev + line;
      else current.paragraphs.push(line);
    }
  }
  return { sections, findings: [], style: shanghai ? "上海区级" : undefined };
}
