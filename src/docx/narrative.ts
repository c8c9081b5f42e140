// The 情况说明 as text → sections (title, preamble, 一 … 十), for a hand-written or sheet narrative.
import type { NarrativeResult, NarrativeSection } from "../core/narrative/render";

const HEADING = /^\s*([一二三四五六七八九十])\s*、/;
const SECTION_NO = "一二三四五六七八九十";

/**
 * Splits a 情况说明 into the renderer's sections. Lines with tabs (table rows pasted as text) are dropped; the
 * document builder leaves out the captions and notes of the tables it draws itself (see tableOwned in build.ts).
 */
export function narrativeFromText(text: string): NarrativeResult {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^- /, "").replace(/\*\*/g, "").trim())
    .filter((l) => l && !l.includes("\t"));
  const sections: NarrativeSection[] = [];
  let current: NarrativeSection | undefined;
  for (const line of lines) {
    const m = HEADING.exec(line);
    if (m && line.length <= 40 && !/[，。]/.test(line)) {
      current = { id: `s${String(SECTION_NO.indexOf(m[1]) + 1).padStart(2, "0")}`, title: line, paragraphs: [] };
      sections.push(current);
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
  return { sections, findings: [] };
}
