// Wording defects an inspector finds without the tables: empty reasons (S-21), template alternatives and
// instructions (S-22), repeated paragraphs (S-23), punctuation (S-24), 部门 wording in a 单位预算 (S-20).
// Every pattern is a single pass over the text (bounded quantifiers only), so long cells cost linear time.
import type { BudgetWorkbook } from "../model/types";
import { budgetSubject } from "../facts";
import { sentenceAt, sentencesByParagraph, type Paragraph, type Sentence } from "./segment";

export type Report = (rule: string, s: Sentence, span: [number, number], message: string, extra?: { expected?: string; actual?: string }) => void;

// "主要原因是。", "原因为：；", "主要原因是" at the end of a paragraph.
const EMPTY_REASON = /(?:主要|增减|变化)?原因(?:是|为|在于|[：:])[：:]?(?=[。；;，,]|$)/g;

// "增加（减少）", "增加/减少", "增长(下降)": both alternatives of a template left in.
const ALTERNATIVES = /(增加|增长|上升|提高|减少|下降|降低)\s*(?:[（(]\s*(增加|增长|上升|提高|减少|下降|降低|持平)\s*[)）]|[\/／]\s*(增加|增长|上升|提高|减少|下降|降低|持平))/g;
// A bracketed instruction to the person filling the template: "（增加内容）", "（如有）", "（请填写…）".
const INSTRUCTION = /[（(][^（）()\n]{0,16}?(增加内容|新增内容|填写|填报|如有|如无|选填|可选|删除|删去|此处|示例|按实际|据实)[^（）()\n]{0,16}?[)）]/g;

const DOUBLED = /([。，、；：！？,;])\1+|[，,；;]\s*[。]|。\s*[，,；;]/g;

export function checkWording(paragraphs: Paragraph[], sentences: Sentence[], report: Report, wb: BudgetWorkbook) {
  const unit = budgetSubject(wb) === "单位";
  for (const s of sentences) {
    for (const m of s.text.matchAll(EMPTY_REASON)) {
      const at = s.start + m.index!;
      report("S-21", s, [at, at + m[0].length], `“${m[0].trim()}”后没有写出原因，请写明具体原因。`, { actual: m[0].trim() });
    }
    for (const m of s.text.matchAll(ALTERNATIVES)) {
      const at = s.start + m.index!;
      report("S-22", s, [at, at + m[0].length], `“${m[0]}”是模板的备选写法，应按实际只保留一种（增加、减少或持平）。`, { actual: m[0] });
    }
    for (const m of s.text.matchAll(INSTRUCTION)) {
      const at = s.start + m.index!;
      report("S-22", s, [at, at + m[0].length], `“${m[0]}”是模板的填写说明，不应出现在公开文本中，请删去。`, { actual: m[0] });
    }
    if (unit) for (const m of s.text.matchAll(DEPT_WORDS)) {
      const at = s.start + m.index!;
      const want = m[0].replace("部门", "单位");
      report("S-20", s, [at, at + m[0].length], `这是单位预算，“${m[0]}”应写作“${want}”。`, { expected: want, actual: m[0] });
    }
  }
  checkPunctuation(paragraphs, sentences, report);
  checkRepeats(paragraphs, sentences, report);
}

// 部门 wording that names the document's own kind; "部门预算经济分类" is the classification's name, not the document.
const DEPT_WORDS = /本部门|我部门|部门预算(?!经济分类|支出经济分类)|部门整体/g;


/** Punctuation, per paragraph (a doubled stop spans two sentences): "。。", "，。", and “ without its ” (quotes never span paragraphs here). */
function checkPunctuation(paragraphs: Paragraph[], sentences: Sentence[], report: Report) {
  const by = sentencesByParagraph(sentences);
  for (const p of paragraphs) {
    const ss = by.get(p);
    if (!ss) continue;
    const at = (i: number): [Sentence, [number, number]] => [sentenceAt(ss, p.start + i), [p.start + i, p.start + i + 1]];
    for (const m of p.text.matchAll(DOUBLED)) {
      const want = m[0].includes("。") ? "。" : m[0][0];
      const [s, span] = at(m.index!);
      report("S-24", s, [span[0], span[0] + m[0].length], `标点“${m[0]}”重复，应为“${want}”。`, { expected: want, actual: m[0] });
    }
    let open = -1;
    let bad = -1;
    for (let i = 0; i < p.text.length && bad < 0; i++) {
      const c = p.text[i];
      if (c === "“") {
        if (open >= 0) bad = open;
        open = i;
      } else if (c === "”") {
        if (open < 0) bad = i;
        open = -1;
      }
    }
    if (bad < 0) bad = open;
    if (bad >= 0) report("S-24", ...at(bad), `引号“${p.text[bad]}”不成对。`, { actual: p.text[bad] });
  }
}

/** A paragraph (or numbered item) printed twice: reported at the second copy. */
function checkRepeats(paragraphs: Paragraph[], sentences: Sentence[], report: Report) {
  const seen = new Map<string, Paragraph>();
  const first = new Map<Paragraph, Sentence>();
  for (const s of sentences) if (!first.has(s.paragraph)) first.set(s.paragraph, s);
  for (const p of paragraphs) {
    if (p.kind !== "prose") continue;
    // The item number does not count: a list printed twice may be renumbered.
    const key = p.text.replace(/^\s*(\d+\s*[.．、]|[（(][一二三四五六七八九十\d]+[)）])\s*/, "").replace(/\s/g, "");
    // Short stock phrases ("主要原因是：根据实际支出。") recur by design; a repeated figure or a long paragraph does not.
    if (key.length < 20 && !(key.length >= 12 && /\d/.test(key))) continue;
    // A paragraph is prose with clauses; lines of figures (a table's rows in a PDF's text) repeat by nature.
    if (!/[，。；]/.test(key) || !/[\u4e00-\u9fff]{4}/.test(key)) continue;
    const prev = seen.get(key);
    const s = first.get(p);
    if (prev && s) report("S-23", s, [p.start, p.end], `与第${prev.no}段内容完全相同，段落重复，请删去其一。`);
    else seen.set(key, p);
  }
}
