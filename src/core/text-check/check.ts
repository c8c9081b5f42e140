// Checks a hand-written 情况说明 against the tables: domain-rules B.4 (S-01 … S-15).
// Every figure in a known sentence is compared rounding-aware, with the decimals the text itself shows (D.3).
import Decimal from "decimal.js";
import type { Finding, CellRef } from "../findings";
import type { BudgetWorkbook, Loc } from "../model/types";
import { splitParagraphs, splitSentences, position, type Paragraph, type Sentence } from "./segment";
import { halfStep } from "../money";
import { findAmounts, findPercents, agrees, fmt, normaliseDigits, type TextAmount } from "./figures";
import { factFor, lastYearFor, param, tableAmounts, tableOf, type Fact, type SubjectId } from "./table-facts";
import { textRuleSeverity } from "./severity";
import { organisation } from "../facts";
import { findKemu, kemuFacts, resolveKemu, type KemuScope } from "./kemu";
import { checkWording } from "./wording";
import { groupDigits } from "../quote";
import { TEXT_CELL_MAX } from "./sheet-source";
import { sentenceAt, sentencesByParagraph } from "./segment";

export interface NarrativeSourceInfo {
  /** The 情况说明 sheet's name, or the .docx/.txt file name: what findings name as their sheet. */
  name: string;
  /** For a sheet source: the cell of each line of the text (index = 0-based line), e.g. "A12". */
  lineCells?: string[];
  /** Lines (cells or paragraphs) cut to TEXT_CELL_MAX characters before the check, with their full length. */
  cut?: { line: number; length: number }[];
}

/** A figure of the text and what the tables say about it. */
export interface FigureCheck {
  rule: string;
  subject: string;
  text: string;
  start: number;
  end: number;
  position: string;
  /** "agree": within the text's rounding; "differ": a finding was raised; "unchecked": no table figure. */
  status: "agree" | "differ" | "unchecked";
  expected?: string;
  related?: CellRef;
}

export interface LocatedFinding {
  finding: Finding;
  start: number;
  end: number;
}

export interface TextCheckResult {
  findings: Finding[];
  located: LocatedFinding[];
  figures: FigureCheck[];
  sentences: Sentence[];
}

interface SubjectDef {
  id: SubjectId;
  label: string;
  re: RegExp;
  /** Only in a sentence that matches this (the income patterns need 收入, 政府采购 splits need 政府采购 ...). */
  sentence?: RegExp;
}

// Most specific first: the first pattern found in the words before a figure names it.
const SUBJECTS: SubjectDef[] = [
  { id: "admin", label: "机关运行经费", re: /机关运行经费/ },
  { id: "sg.abroad", label: "因公出国（境）费", re: /因公出国/ },
  { id: "sg.car", label: "公务用车购置及运行维护费", re: /公务用车购置(及|和|与)运/ },
  { id: "sg.carBuy", label: "公务用车购置费", re: /购置费/, sentence: /三公|公务用车/ },
  { id: "sg.carRun", label: "公务用车运行维护费", re: /运行维护费|运维费|运行费/, sentence: /三公|公务用车/ },
  { id: "sg.reception", label: "公务接待费", re: /公务接待/ },
  { id: "sg.total", label: "“三公”经费", re: /三公/ },
  { id: "fa.buy", label: "本年拟购置固定资产总额", re: /拟购置|拟新增|购置固定资产/ },
  { id: "fa.total", label: "上年末固定资产金额", re: /固定资产/ },
  { id: "pp.goods", label: "政府采购货物类", re: /货物/, sentence: /采购/ },
  { id: "pp.works", label: "政府采购工程类", re: /工程/, sentence: /采购/ },
  { id: "pp.services", label: "政府采购服务类", re: /服务/, sentence: /采购/ },
  { id: "pp.small", label: "预留给小型和微型企业的政府采购预算", re: /小型和微型|小微企业/, sentence: /采购/ },
  { id: "pp.sme", label: "面向中小企业预留的政府采购预算", re: /中小企业/, sentence: /采购/ },
  { id: "pp.total", label: "政府采购预算总额", re: /政府采购/ },
  // The parts of 财政拨款支出 (Shanghai 预算编制说明): each its own table's 合计.
  { id: "ex.gp", label: "一般公共预算拨款支出", re: /一般公共预算(财政)?拨款支出|一般公共预算支出/ },
  { id: "ex.fund", label: "政府性基金拨款支出", re: /政府性基金(预算)?(财政)?拨款支出|政府性基金(预算)?支出/ },
  { id: "ex.soe", label: "国有资本经营预算拨款支出", re: /国有资本经营(预算)?(财政)?拨款支出|国有资本经营(预算)?支出/ },
  { id: "ex.fiscal", label: "财政拨款支出", re: /财政拨款支出/ },
  { id: "in.business", label: "事业收入", re: /事业收入/ },
  { id: "in.operating", label: "事业单位经营收入", re: /经营收入/ },
  { id: "in.other", label: "其他收入", re: /其他收入/ },
  { id: "in.superior", label: "上级补助收入", re: /上级补助收入/ },
  { id: "in.affiliated", label: "附属单位上缴收入", re: /附属单位上缴/ },
  { id: "ex.operating", label: "经营支出", re: /经营支出/ },
  { id: "ex.remit", label: "上解上级支出", re: /上解上级/ },
  { id: "ex.subsidy", label: "对附属单位补助支出", re: /对附属单位补助/ },
  { id: "in.carry", label: "上年结转结余", re: /上年结转/, sentence: /收入/ },
  { id: "in.fiscal", label: "财政拨款收入", re: /财政拨款/, sentence: /收入/ },
  { id: "in.gp", label: "一般公共预算收入", re: /一般公共预算/, sentence: /收入/ },
  { id: "in.fund", label: "政府性基金预算收入", re: /基金/, sentence: /收入/ },
  { id: "in.soe", label: "国有资本经营预算收入", re: /国有资本/, sentence: /收入/ },
  { id: "in.special", label: "财政专户管理资金收入", re: /财政专户/, sentence: /收入/ },
  { id: "in.unitFunds", label: "单位资金收入", re: /单位资金/, sentence: /收入/ },
  { id: "personnel", label: "人员经费", re: /人员经费/ },
  { id: "public", label: "日常公用经费", re: /公用经费/ },
  { id: "basic", label: "基本支出", re: /基本支出/ },
  { id: "project", label: "项目支出", re: /项目支出/ },
  { id: "io.total", label: "预算收支总额", re: /收支/ },
  { id: "in.total", label: "预算收入总额", re: /收入/ },
  { id: "ex.total", label: "支出预算总额", re: /支出/ },
];

const BARE_FIGURE = /^(\d{4}\s*年(度)?)?(预算|安排|预算安排|预算数|预算金额)?(为|是)?$/;

/** Subjects that end a project list ("…项目支出190万元，主要为A 32万元…；基本支出…"). */
const LIST_BREAKERS = new Set<SubjectId>(["basic", "project", "personnel", "public", "admin", "io.total", "ex.total", "in.total", "sg.total"]);

const CHANGE_UP = /(增加|增长|上升|提高|增)$/;
const CHANGE_DOWN = /(减少|下降|降低|减)$/;
const REASON = /主要|原因|由于|因为|用于|系|其中|是因/;
/** A reason stated further on (next sentence, paragraph or sub-item). */
const REASON_LATER = /原因|由于|因为|是因/;
const FLAT = /持平|无变化|没有变化|无增减|未发生变化|相同/;

export function checkNarrativeText(text: string, workbook: BudgetWorkbook, source?: NarrativeSourceInfo): Finding[] {
  return checkNarrativeTextDetailed(text, workbook, source).findings;
}

export function checkNarrativeTextDetailed(text: string, wb: BudgetWorkbook, source: NarrativeSourceInfo = { name: "情况说明" }): TextCheckResult {
  const ctx = new Ctx(text, wb, source);
  const paragraphs = splitParagraphs(text);
  const sentences = paragraphs.filter((p) => p.kind !== "table-row").flatMap((p) => splitSentences(p));
  ctx.sentences = sentences;
  sentences.forEach((x, i) => ctx.sentenceIndex.set(x, i));
  ctx.outline = outline(paragraphs);
  for (const p of paragraphs) checkParagraphForm(ctx, p);
  const kemuItems = checkKemu(ctx, paragraphs, sentences);
  let prevInParagraph: { paragraph: number; head?: SubjectId } = { paragraph: 0 };
  let under: Paragraph | undefined;
  for (const s of sentences) {
    if (s.paragraph.kind === "table-row") continue;
    if (s.paragraph !== under) {
      under = s.paragraph;
      // Only a short heading that is the subject's name ("（二）公务接待费"), not one that mentions it ("3、政府采购评标专家酬金项目绩效目标表").
      const title = s.paragraph.text.trim().replace(/^(\d+\s*[.．、]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)\s*/, "");
      if (s.paragraph.kind === "heading" || numberLevel(s.paragraph.text)) ctx.headingHead = s.paragraph.kind === "heading" && title.length <= 12 ? subjectIn(title, title)?.id : undefined;
    }
    const head = kemuItems.has(s.paragraph) ? undefined : checkFigures(ctx, s, prevInParagraph.paragraph === s.paragraph.no ? prevInParagraph.head : undefined);
    prevInParagraph = { paragraph: s.paragraph.no, head: head ?? (prevInParagraph.paragraph === s.paragraph.no ? prevInParagraph.head : undefined) };
    checkResidue(ctx, s);
    checkIdentity(ctx, s);
    checkTableMentions(ctx, s);
  }
  checkDeltaSums(ctx);
  checkEmptyTables(ctx);
  checkUnits(ctx);
  checkComparisonYears(ctx);
  checkWording(paragraphs, sentences, (rule, s, span, message, extra) => ctx.report(rule, s, span, message, extra), wb);
  reportCut(ctx);
  return { findings: ctx.located.map((l) => l.finding), located: ctx.located, figures: ctx.figures, sentences };
}

/** S-25: each cell or paragraph cut to TEXT_CELL_MAX before the check, at its cell. */
function reportCut(ctx: Ctx): void {
  const cut = ctx.source.cut ?? [];
  if (cut.length === 0) return;
  const starts = [0];
  for (let i = ctx.text.indexOf("\n"); i >= 0; i = ctx.text.indexOf("\n", i + 1)) starts.push(i + 1);
  for (const c of cut) {
    const cell = ctx.source.lineCells?.[c.line];
    const start = starts[c.line] ?? 0;
    const finding: Finding = {
      rule: "S-25",
      severity: textRuleSeverity("S-25"),
      sheet: ctx.source.name,
      cell: cell ?? "",
      table: "情况说明",
      related: [],
      message:
        `${cell ? `单元格 ${cell}` : `第 ${c.line + 1} 段`}过长（共 ${groupDigits(c.length)} 个字符），只检查了前 ${groupDigits(TEXT_CELL_MAX)} 个字符，其后的文字未核对。` +
        `请把这段说明分成几段${cell ? "（每段一个单元格）" : ""}后再检查。`,
    };
    ctx.located.push({ finding, start, end: start });
  }
}

class Ctx {
  located: LocatedFinding[] = [];
  figures: FigureCheck[] = [];
  sentences: Sentence[] = [];
  /** Year-on-year statements by paragraph, for Δtotal = Δbasic + Δproject. */
  deltas: { s: Sentence; id: SubjectId; value: Decimal; slack: Decimal; checked: boolean }[] = [];
  outline: Outline = { paragraphs: [], level: new Map(), index: new Map(), enclosing: new Map() };
  sentenceIndex = new Map<Sentence, number>();
  /** The subject a heading or sub-item title names, for the paragraphs under it. */
  headingHead?: SubjectId;
  readonly year?: string;
  constructor(
    readonly text: string,
    readonly wb: BudgetWorkbook,
    readonly source: NarrativeSourceInfo,
  ) {
    this.year = wb.year ?? param(wb, "预算年度")?.value?.trim() ?? /(\d{4})\s*年\s*(?:度)?(?:部门|单位)预算/.exec(normaliseDigits(text.slice(0, 300)))?.[1];
  }

  /** `s` null: the finding concerns the text as a whole (a missing statement). */
  report(rule: string, s: Sentence | null, span: [number, number], message: string, extra: { related?: (Loc | undefined)[]; expected?: string; actual?: string; note?: string } = {}) {
    const excerpt = this.text.slice(span[0], span[1]).trim();
    const quoted = excerpt && excerpt.length <= 60 ? `“${excerpt}”` : "";
    const finding: Finding = {
      rule,
      severity: textRuleSeverity(rule),
      sheet: this.source.name,
      cell: s ? (this.source.lineCells?.[s.paragraph.line] ?? "") : "",
      table: "情况说明",
      related: (extra.related ?? []).filter((l): l is Loc => !!l).map((l) => ({ sheet: l.sheet, cell: l.address })),
      message: s ? `${position(s)}${quoted}：${message}` : message,
    };
    if (extra.expected !== undefined) finding.expected = extra.expected;
    if (extra.actual !== undefined) finding.actual = extra.actual;
    if (extra.note !== undefined) finding.note = extra.note;
    this.located.push({ finding, start: span[0], end: span[1] });
    return finding;
  }

  figure(rule: string, subject: string, s: Sentence, a: { start: number; end: number; text: string }, status: FigureCheck["status"], fact?: Fact, expected?: string) {
    this.figures.push({
      rule,
      subject,
      text: a.text,
      start: a.start,
      end: a.end,
      position: position(s),
      status,
      expected: expected ?? (fact ? fmt(fact.value) : undefined),
      related: fact?.loc ? { sheet: fact.loc.sheet, cell: fact.loc.address } : undefined,
    });
  }
}

/** The words a figure belongs to: back to the last clause mark or the previous figure. */
function clauseBefore(sentenceText: string, upTo: number, floor: number): string {
  let i = upTo;
  while (i > floor && !"，,；;：:。！？".includes(sentenceText[i - 1])) i--;
  return sentenceText.slice(i, upTo);
}

// Which sentence conditions hold, computed once per sentence (a long sentence with many figures stays linear).
let condText: string | undefined;
let condHolds: boolean[] = [];
function sentenceHolds(sentence: string): boolean[] {
  if (sentence !== condText) {
    condText = sentence;
    condHolds = SUBJECTS.map((d) => !d.sentence || d.sentence.test(sentence));
  }
  return condHolds;
}

function subjectIn(words: string, sentence: string): SubjectDef | undefined {
  const ok = sentenceHolds(sentence);
  return SUBJECTS.find((d, i) => ok[i] && d.re.test(words));
}

/** The subject named last in a stretch of text ("基本支出852.58万元，占…": 基本支出). */
function lastSubjectIn(words: string, sentence: string): SubjectDef | undefined {
  let best: { def: SubjectDef; at: number } | undefined;
  const ok = sentenceHolds(sentence);
  for (const [i, d] of SUBJECTS.entries()) {
    if (!ok[i]) continue;
    const re = new RegExp(d.re.source, "g");
    let at = -1;
    for (const m of words.matchAll(re)) at = m.index! + m[0].length;
    if (at >= 0 && (!best || at > best.at)) best = { def: d, at };
  }
  return best?.def;
}

/** The subject of the last figure in a stretch ("…收入1042.58万元；政府性基金预算收入0.00万元，占": 政府性基金预算收入). */
function subjectOfLastFigure(words: string, sentence: string): SubjectDef | undefined {
  const amounts = findAmounts(words);
  const last = amounts[amounts.length - 1];
  if (!last) return undefined;
  const floor = amounts.length > 1 ? amounts[amounts.length - 2].end : 0;
  return subjectIn(clauseBefore(words, last.start, floor), sentence);
}

/** The S rule a subject's figures fall under, by its family. */
function ruleOf(id: SubjectId): string {
  if (id.startsWith("in.")) return "S-01";
  if (id === "admin") return "S-05";
  const family: Record<string, string> = { sg: "S-06", pp: "S-07", fa: "S-08" };
  return family[id.slice(0, 2)] ?? "S-02";
}

const defOf = (id: SubjectId) => SUBJECTS.find((d) => d.id === id)!;

/** Checks the figures of one sentence; returns the sentence's head subject (its first named figure). */
function checkFigures(ctx: Ctx, s: Sentence, paragraphHead?: SubjectId): SubjectId | undefined {
  const amounts = findAmounts(s.text, s.start);
  let head: SubjectId | undefined;
  let lastSubject: SubjectId | undefined;
  let listAfter: { amount: TextAmount; fact?: Fact } | undefined; // a 项目支出 figure followed by its project list
  const items: { name: string; amount: TextAmount; project?: number }[] = [];
  const procurement: { id: SubjectId; amount: TextAmount; fact?: Fact }[] = [];
  const subjectsAt: { at: number; id: SubjectId }[] = [];
  let floor = 0;
  const rel = (a: TextAmount) => a.start - s.start;
  for (const a of amounts) {
    const words = clauseBefore(s.text, rel(a), floor);
    floor = rel(a) + a.text.length;
    const trimmed = words.replace(/(了|为|约|共计|共|达到|达|是)$/, "").replace(/\s+$/, "");
    const up = CHANGE_UP.exec(trimmed);
    const down = CHANGE_DOWN.exec(trimmed);
    if (up || down) {
      const subjectWords = trimmed.slice(0, trimmed.length - (up ?? down)![0].length);
      const def = subjectIn(subjectWords, s.text);
      const id = def?.id ?? lastSubject ?? head ?? paragraphHead ?? sectionDefault(s);
      const wordAt = a.start - words.length + subjectWords.length;
      checkChange(ctx, s, a, id, up ? 1 : -1, wordAt);
      continue;
    }
    if (listAfter) {
      const name = words.replace(/^(主要为|主要是|主要包括|包括|其中|用于|以及|及|和|、)+/, "").replace(/(为|共|约|是)$/, "");
      const project = matchProject(ctx.wb, name);
      // A project's name may hold a subject word ("政府采购评标专家酬金项目"): only the budget's own parts end the list.
      const other = subjectIn(words, s.text);
      if (project !== undefined || !other || !LIST_BREAKERS.has(other.id)) {
        items.push({ name, amount: a, project });
        continue;
      }
    }
    // A figure with only a date before it ("2024年预算0.50万元") under a heading that names the subject ("（二）公务用车购置费").
    const def = subjectIn(words, s.text) ?? (ctx.headingHead && BARE_FIGURE.test(words.trim()) ? defOf(ctx.headingHead) : undefined);
    if (!def) continue;
    // Last year's figure, stated for comparison (上年结转 and 上年末固定资产 are this year's facts).
    if (isLastYear(ctx, words)) {
      compareLastYear(ctx, s, a, def, words);
      continue;
    }
    head = head ?? def.id;
    lastSubject = def.id;
    subjectsAt.push({ at: rel(a), id: def.id });
    const fact = compareFigure(ctx, s, a, def, words);
    if (def.id === "project") listAfter = { amount: a, fact };
    if (def.id.startsWith("pp.")) procurement.push({ id: def.id, amount: a, fact });
  }
  if (listAfter && items.length) checkProjectList(ctx, s, listAfter.amount, listAfter.fact, items);
  checkProcurementSplit(ctx, s, procurement);
  checkFlatStatement(ctx, s, subjectsAt, paragraphHead ?? sectionDefault(s));
  checkPercents(ctx, s);
  return head;
}

function sectionDefault(s: Sentence): SubjectId | undefined {
  if (s.paragraph.section === 4 || /三公/.test(s.paragraph.text)) return "sg.total";
  return undefined;
}

function isLastYear(ctx: Ctx, words: string): boolean {
  if (/上年结转|上年末/.test(words)) return false;
  if (/上年|上一年|去年/.test(words)) return true;
  const y = /(\d{4})\s*年/.exec(normaliseDigits(words));
  return !!(y && ctx.year && Number(y[1]) === Number(ctx.year) - 1);
}

/** "2023年预算收支1009.10万元": last year's figure against 说明参数; the budget year's figure under last year's date is a year slip. */
function compareLastYear(ctx: Ctx, s: Sentence, a: TextAmount, def: SubjectDef, words: string) {
  const last = lastYearFor(ctx.wb, def.id);
  const now = factFor(ctx.wb, def.id);
  const label = `上年${def.label}`;
  if (last && agrees(a.value, a.slack, last.value)) {
    ctx.figure("S-04", label, s, a, "agree", last);
    return;
  }
  const y = /(\d{4})\s*年/.exec(normaliseDigits(words));
  if (y && now && agrees(a.value, a.slack, now.value)) {
    ctx.report("S-11", s, [a.start - words.length, a.end], `${def.label}${a.text}是${ctx.year}年的数，年度却写为${y[1]}年。`, {
      expected: ctx.year,
      actual: y[1],
      related: [now.loc],
    });
    ctx.figure("S-11", def.label, s, a, "differ", now);
    return;
  }
  if (!last) {
    ctx.figure("S-04", label, s, a, "unchecked");
    return;
  }
  ctx.report("S-04", s, [a.start, a.end], `${label}写作${a.text}，与${last.source}的${fmt(last.value)}万元不符。`, {
    expected: `${fmt(last.value)}万元`,
    actual: a.text,
    related: [last.loc],
  });
  ctx.figure("S-04", label, s, a, "differ", last);
}

function compareFigure(ctx: Ctx, s: Sentence, a: TextAmount, def: SubjectDef, words: string): Fact | undefined {
  const wb = ctx.wb;
  const fact = factFor(wb, def.id);
  // A stated year other than the budget year on this year's figure (S-11).
  const y = /(\d{4})\s*年/.exec(normaliseDigits(words));
  if (y && ctx.year && y[1] !== ctx.year) {
    ctx.report("S-11", s, [a.start - words.length, a.end], `年度写为${y[1]}年，与报表预算年度${ctx.year}年不一致。`, {
      expected: ctx.year,
      actual: y[1],
      related: [wb.t1?.yearLoc ?? wb.t1?.titleLoc],
    });
  }
  if (def.id.startsWith("pp.") && def.id !== "pp.total" && def.id !== "pp.sme") {
    ctx.figure(ruleOf(def.id), def.label, s, a, "unchecked");
    return undefined;
  }
  if (def.id === "fa.buy") return compareFaBuy(ctx, s, a, def);
  if (!fact) {
    ctx.figure(ruleOf(def.id), def.label, s, a, "unchecked");
    return undefined;
  }
  // "预算收入/支出" may mean the 本年 figure or the 总计 with carry-over: accept either.
  const alternatives: Fact[] = [fact];
  if (def.id === "in.total" || def.id === "io.total") {
    const g = wb.t1?.income.grand?.cells.inAmount;
    if (g) alternatives.push({ value: g.value, loc: g.loc, source: `${wb.t1!.title} 收入总计` });
  }
  if (def.id === "ex.total" || def.id === "io.total") {
    const t = wb.t1?.expense.total?.cells.exAmount;
    const g = wb.t1?.expense.grand?.cells.exAmount;
    if (t) alternatives.push({ value: t.value, loc: t.loc, source: `${wb.t1!.title} 本年支出合计` });
    if (g) alternatives.push({ value: g.value, loc: g.loc, source: `${wb.t1!.title} 支出总计` });
  }
  const match = alternatives.find((f) => agrees(a.value, a.slack, f.value));
  if (match) {
    ctx.figure(ruleOf(def.id), def.label, s, a, "agree", match);
    return match;
  }
  if (a.unit === "元" && agrees(a.written, halfStep(a.decimals), fact.value)) {
    // The figure is right in 万元 but labelled 元: S-10.
    ctx.report("S-10", s, [a.start, a.end], `${def.label}写作${a.text}，按报表应为${fmt(fact.value)}万元，金额单位应为“万元”。`, {
      expected: `${fmt(fact.value)}万元`,
      actual: a.text,
      related: [fact.loc],
    });
    ctx.figure("S-10", def.label, s, a, "differ", fact);
    return fact;
  }
  ctx.report(ruleOf(def.id), s, [a.start, a.end], `${def.label}写作${a.text}，与${fact.source}的${fmt(fact.value)}万元不符（相差${fmt(a.value.minus(fact.value).abs())}万元）。`, {
    expected: `${fmt(fact.value)}万元`,
    actual: a.text,
    related: [fact.loc],
  });
  ctx.figure(ruleOf(def.id), def.label, s, a, "differ", fact);
  return fact;
}

function compareFaBuy(ctx: Ctx, s: Sentence, a: TextAmount, def: SubjectDef): Fact | undefined {
  const p = factFor(ctx.wb, "fa.buy");
  const pp = factFor(ctx.wb, "pp.total");
  let status: FigureCheck["status"] = "unchecked";
  if (p) {
    status = agrees(a.value, a.slack, p.value) ? "agree" : "differ";
    if (status === "differ")
      ctx.report("S-08", s, [a.start, a.end], `本年拟购置固定资产总额写作${a.text}，与${p.source}的${fmt(p.value)}万元不符。`, {
        expected: `${fmt(p.value)}万元`,
        actual: a.text,
        related: [p.loc],
      });
  }
  // The purchase is to be in the procurement budget (X-26): it cannot exceed it.
  if (pp && a.value.minus(a.slack).gt(pp.value)) {
    status = "differ";
    ctx.report("S-08", s, [a.start, a.end], `本年拟购置固定资产总额${a.text}大于政府采购预算合计${fmt(pp.value)}万元，说明中称已列入政府采购预算，请核对。`, {
      expected: `不大于${fmt(pp.value)}万元`,
      actual: a.text,
      related: [pp.loc],
    });
  }
  ctx.figure(ruleOf(def.id), def.label, s, a, status, p ?? pp);
  return p;
}

function checkChange(ctx: Ctx, s: Sentence, a: TextAmount, id: SubjectId | undefined, sign: 1 | -1, wordAt: number) {
  const def = id ? defOf(id) : undefined;
  const rule = id?.startsWith("sg.") ? "S-06" : "S-04";
  const label = def ? `${def.label}增减额` : "增减额";
  const word = ctx.text.slice(wordAt, a.start).replace(/\s+$/, "") || (sign > 0 ? "增加" : "减少");
  // What follows a change within reach (a reason comes right after it): bounded, so many changes stay linear.
  const after = s.text.slice(a.end - s.start, a.end - s.start + 300);
  // "原因是无增减变化" about this change: up to the next figure, a 持平 there belongs to another clause.
  const own = after.slice(0, Math.max(0, findAmounts(after)[0]?.start ?? after.length));
  const flatReason = /原因.{0,12}(持平|无变化|没有变化|无增减|未发生变化)/.test(own);
  const stated = a.value.times(sign);
  let expected: Decimal | undefined;
  let fact: Fact | undefined;
  if (id) {
    const now = factFor(ctx.wb, id);
    const last = lastYearFor(ctx.wb, id);
    if (now && last) {
      expected = now.value.minus(last.value);
      fact = { value: expected, loc: now.loc, source: `${now.source}减${last.source}` };
    }
    if (id === "in.total" || id === "ex.total" || id === "io.total" || id === "basic" || id === "project")
      ctx.deltas.push({ s, id: id === "in.total" || id === "ex.total" ? "io.total" : id, value: stated, slack: a.slack, checked: expected !== undefined });
  }
  if (a.value.isZero()) {
    // "增加0.00万元" where nothing changed: say 持平.
    const lastYear = ctx.year ? `${Number(ctx.year) - 1}年` : "上年";
    ctx.report(rule, s, [wordAt, a.end], `写作“${word}${a.text}”${flatReason ? "，原因又写“无增减变化”" : ""}，实际没有增减，应写为“与${lastYear}持平”。`, {
      expected: "持平",
      actual: `${word}${a.text}`,
      related: [fact?.loc],
    });
    ctx.figure(rule, label, s, a, expected === undefined ? "unchecked" : expected.isZero() ? "agree" : "differ", fact, expected ? fmt(expected) : undefined);
    return;
  }
  if (expected !== undefined) {
    if (agrees(stated, a.slack, expected)) ctx.figure(rule, label, s, a, "agree", fact, fmt(expected));
    else {
      const right = expected.isZero() ? "持平" : `${expected.gt(0) ? "增加" : "减少"}${fmt(expected.abs())}万元`;
      ctx.report(rule, s, [wordAt, a.end], `${def?.label ?? ""}比上年${word}${a.text}，按报表与上年数计算应为${right}。`, {
        expected: right,
        actual: `${word}${a.text}`,
        related: [fact?.loc],
      });
      ctx.figure(rule, label, s, a, "differ", fact, fmt(expected));
    }
  } else ctx.figure(rule, label, s, a, "unchecked");
  // A change needs its reason (BUD-T006): in the rest of the sentence, or further on within its item or section.
  if (!REASON.test(after) && !reasonLater(ctx, s, a.end)) {
    ctx.report(rule, s, [wordAt, a.end], `${def?.label ?? ""}${word}${a.text}，没有说明增减变化的原因。`, { related: [fact?.loc] });
  }
  if (flatReason)
    ctx.report(rule, s, [wordAt, s.end], `写作“${word}${a.text}”，原因却是“无增减变化”，前后矛盾。`, { related: [fact?.loc] });
}

/** "与上年持平" without a figure: the tables must agree that nothing changed for the clause's own subject. */
function checkFlatStatement(ctx: Ctx, s: Sentence, subjects: { at: number; id: SubjectId }[], fallback: SubjectId | undefined) {
  for (const m of s.text.matchAll(/(与|较|比)[^，,；;。]{0,10}(持平|相同|无变化|没有变化)/g)) {
    let id = fallback;
    for (const x of subjects) if (x.at < m.index!) id = x.id;
    const now = id && factFor(ctx.wb, id);
    const last = id && lastYearFor(ctx.wb, id);
    if (now && last) flatAgainstTables(ctx, s, m as RegExpExecArray, id!, now, last);
  }
}

function flatAgainstTables(ctx: Ctx, s: Sentence, m: RegExpExecArray, id: SubjectId, now: Fact, last: Fact) {
  const delta = now.value.minus(last.value);
  const start = s.start + m.index;
  if (delta.isZero()) {
    ctx.figure(id.startsWith("sg.") ? "S-06" : "S-04", `${defOf(id).label}增减额`, s, { start, end: start + m[0].length, text: m[0] }, "agree", undefined, "0.00");
    return;
  }
  ctx.report(id.startsWith("sg.") ? "S-06" : "S-04", s, [start, start + m[0].length], `写作与上年持平，按报表与上年数计算${delta.gt(0) ? "增加" : "减少"}${fmt(delta.abs())}万元。`, {
    expected: `${delta.gt(0) ? "增加" : "减少"}${fmt(delta.abs())}万元`,
    actual: "持平",
    related: [now.loc, last.loc],
  });
}

/** Δtotal = Δbasic + Δproject, when the text states all three in one paragraph (S-04). */
function checkDeltaSums(ctx: Ctx) {
  const byParagraph = new Map<number, typeof ctx.deltas>();
  for (const d of ctx.deltas) {
    const list = byParagraph.get(d.s.paragraph.no);
    if (list) list.push(d);
    else byParagraph.set(d.s.paragraph.no, [d]);
  }
  for (const ds of byParagraph.values()) {
    const total = ds.find((d) => d.id === "io.total");
    const basic = ds.find((d) => d.id === "basic");
    const project = ds.find((d) => d.id === "project");
    // Each one checked against the tables and last year already says more than the sum would.
    if (!total || !basic || !project || (total.checked && basic.checked && project.checked)) continue;
    const sum = basic.value.plus(project.value);
    if (agrees(total.value, total.slack.plus(basic.slack).plus(project.slack), sum)) continue;
    ctx.report("S-04", total.s, [total.s.start, total.s.end], `总额增减${fmt(total.value)}万元，不等于基本支出增减${fmt(basic.value)}万元与项目支出增减${fmt(project.value)}万元之和${fmt(sum)}万元。`, {
      expected: fmt(sum),
      actual: fmt(total.value),
    });
  }
}

/** 政府采购: 货物 + 工程 + 服务 = the stated total (操作规程 asks for the split), rounding of each part adding up. */
function checkProcurementSplit(ctx: Ctx, s: Sentence, figures: { id: SubjectId; amount: TextAmount; fact?: Fact }[]) {
  const total = figures.find((f) => f.id === "pp.total");
  const parts = figures.filter((f) => f.id === "pp.goods" || f.id === "pp.works" || f.id === "pp.services");
  if (!total || !parts.length) return;
  const sum = parts.reduce((x, p) => x.plus(p.amount.value), new Decimal(0));
  const slack = parts.reduce((x, p) => x.plus(p.amount.slack), total.amount.slack);
  if (agrees(sum, slack, total.amount.value)) return;
  ctx.report("S-07", s, [total.amount.start, s.end], `政府采购分项（货物、工程、服务）合计${fmt(sum)}万元，不等于所写总额${total.amount.text}。`, {
    expected: total.amount.text,
    actual: `${fmt(sum)}万元`,
    related: [total.fact?.loc],
  });
}

/** Dice similarity on the longest common subsequence: tolerant of "综合业务经费" for "综合业务工作经费". */
function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  const dp: number[] = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let prev = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = a[i - 1] === b[j - 1] ? prev + 1 : Math.max(dp[j], dp[j - 1]);
      prev = tmp;
    }
  }
  return (2 * dp[b.length]) / (a.length + b.length);
}

function matchProject(wb: BudgetWorkbook, name: string): number | undefined {
  let best: number | undefined;
  let score = 0.6;
  (wb.projects ?? []).forEach((p, i) => {
    const sc = similarity(name.replace(/项目$/, ""), p.name.replace(/项目$/, ""));
    if (sc >= score) {
      score = sc;
      best = i;
    }
  });
  return best;
}

function checkProjectList(ctx: Ctx, s: Sentence, total: TextAmount, totalFact: Fact | undefined, items: { name: string; amount: TextAmount; project?: number }[]) {
  const ps = ctx.wb.projects ?? [];
  let sum = new Decimal(0);
  let slack = new Decimal(0);
  for (const it of items) {
    sum = sum.plus(it.amount.value);
    slack = slack.plus(it.amount.slack);
    if (it.project === undefined) {
      if (ps.length)
        ctx.report("S-03", s, [it.amount.start - it.name.length, it.amount.end], `项目“${it.name}”在项目绩效目标表中找不到，请核对项目名称。`, { actual: it.name });
      ctx.figure("S-03", `项目“${it.name}”`, s, it.amount, "unchecked");
      continue;
    }
    const p = ps[it.project];
    const fact: Fact | undefined = p.budget ? { value: p.budget.value, loc: p.budget.loc, source: `${p.title} 预算数` } : undefined;
    if (!fact) {
      ctx.figure("S-03", `项目“${p.name}”`, s, it.amount, "unchecked");
      continue;
    }
    if (agrees(it.amount.value, it.amount.slack, fact.value)) ctx.figure("S-03", `项目“${p.name}”`, s, it.amount, "agree", fact);
    else {
      ctx.report("S-03", s, [it.amount.start - it.name.length, it.amount.end], `项目“${p.name}”写作${it.amount.text}，与${fact.source}${fmt(fact.value)}万元不符。`, {
        expected: `${fmt(fact.value)}万元`,
        actual: it.amount.text,
        related: [fact.loc],
      });
      ctx.figure("S-03", `项目“${p.name}”`, s, it.amount, "differ", fact);
    }
  }
  // The listed projects against the stated 项目支出 (rounding of each item adds up, D.3).
  const target = totalFact?.value ?? total.value;
  if (!agrees(sum, slack.plus(total.slack), target)) {
    const named = new Set(items.map((i) => i.project));
    const missing = ps.filter((_, i) => !named.has(i)).map((p) => `${p.name}${fmt(p.budget?.value ?? new Decimal(0))}万元`);
    ctx.report("S-03", s, [total.start, s.end], `所列项目合计${fmt(sum)}万元，与项目支出${fmt(target)}万元不符${missing.length ? `；未列出：${missing.join("、")}` : ""}。`, {
      expected: `${fmt(target)}万元`,
      actual: `${fmt(sum)}万元`,
      related: [totalFact?.loc],
    });
  }
}

/** Shares (占…%) and growth rates recomputed from the tables (S-13). */
function checkPercents(ctx: Ctx, s: Sentence) {
  for (const p of findPercents(s.text, s.start)) {
    const before = clauseBefore(s.text, p.start - s.start, 0);
    // A share or growth phrase spans a clause or two before its figure: look back a bounded window.
    const upTo = s.text.slice(Math.max(0, p.start - s.start - 200), p.start - s.start);
    const share = /^(.*)占([^占，,；;]*?)(的)?(比重|比例)?(为|是)?\s*$/.exec(upTo);
    let ratio: { lo: Decimal; hi: Decimal; what: string; locs: (Loc | undefined)[] } | undefined;
    if (share) {
      const a = subjectOfLastFigure(share[1], s.text) ?? lastSubjectIn(share[1], s.text);
      const baseDef = subjectIn(share[2], s.text) ?? (/收入/.test(s.text) ? defOf("in.total") : defOf("ex.total"));
      const fa = a && factFor(ctx.wb, a.id);
      const fb = factFor(ctx.wb, baseDef.id);
      if (a && fa && fb && !fb.value.isZero())
        ratio = { ...interval(fa.value, fb.value), what: `${a.label}占${baseDef.label}的比重`, locs: [fa.loc, fb.loc] };
    } else {
      const g = /(.*?)(增长|下降|增加|减少)(了)?(幅度)?(为)?\s*$/.exec(before);
      const def = g && (subjectIn(g[1], s.text) ?? lastSubjectIn(upTo.slice(0, upTo.length - before.length), s.text));
      const now = def && factFor(ctx.wb, def.id);
      const last = def && lastYearFor(ctx.wb, def.id);
      if (def && now && last && !last.value.isZero()) {
        const sign = /下降|减少/.test(g![2]) ? -1 : 1;
        const iv = interval(now.value.minus(last.value).times(sign), last.value);
        ratio = { ...iv, what: `${def.label}${g![2]}幅度`, locs: [now.loc, last.loc] };
      }
    }
    if (ratio) checkRatio(ctx, s, p, ratio, "按报表");
  }
}

type Percent = { value: Decimal; decimals: number; start: number; end: number; text: string };

/**
 * A printed percentage against the interval its figures give; a slip of at most 0.02 points (truncation rather
 * than rounding) is a note. `basis` says which figures ("按报表", "按文中的上年数…").
 */
function checkRatio(ctx: Ctx, s: Sentence, p: Percent, ratio: { lo: Decimal; hi: Decimal; what: string; locs: (Loc | undefined)[] }, basis: string) {
  const slack = halfStep(p.decimals);
  const ok = p.value.minus(slack).lte(ratio.hi) && p.value.plus(slack).gte(ratio.lo);
  const mid = ratio.lo.plus(ratio.hi).div(2);
  const shown = `${mid.toFixed(2)}%`;
  ctx.figure("S-13", ratio.what, s, p, ok ? "agree" : "differ", undefined, shown);
  if (ok) return;
  const slip = p.value.minus(mid).abs().lte("0.02");
  const f = ctx.report("S-13", s, [p.start, p.end], `${ratio.what}写作${p.text}，${basis}计算为${shown}${slip ? "（相差不超过0.02个百分点，多为截位而非四舍五入）" : ""}。`, {
    expected: shown,
    actual: p.text,
    related: ratio.locs,
  });
  if (slip) f.severity = "info";
}

/** a/b in percent, with each table figure standing for ±0.005 万元 (two decimals). */
function interval(a: Decimal, b: Decimal): { lo: Decimal; hi: Decimal } {
  const e = new Decimal("0.005");
  return intervalWith(a, e, b, e);
}

// ----- wording (S-12), identity (S-11), table mentions (S-15), empty tables (S-09), units (S-10), 机构设置 (S-14) -----

const RESIDUE = /X{2,}|Ｘ{2,}|×{2,}|待填写|待补充|待完善|此处填写|请填写|\{[^{}]*\}|【[^【】]*】|_{3,}|＿{2,}|（\s*）|\(\s*\)/g;
const REPEAT = /([\u4e00-\u9fa5]{2,4})\1|(的|了|和|在|是|及|与|为)\2/g;
// Repetitions that are words in their own right.
const REPEAT_OK = new Set(["一一", "常常", "层层", "处处", "人人", "事事", "时时", "年年", "步步", "个个", "天天", "渐渐", "紧紧", "牢牢", "实实", "切切"]);

function checkResidue(ctx: Ctx, s: Sentence) {
  for (const m of s.text.matchAll(RESIDUE)) {
    const start = s.start + m.index!;
    ctx.report("S-12", s, [start, start + m[0].length], `留有模板占位内容“${m[0]}”，请替换为实际内容或删去。`, { actual: m[0] });
  }
  for (const m of s.text.matchAll(REPEAT)) {
    if (REPEAT_OK.has(m[0])) continue;
    const start = s.start + m.index!;
    ctx.report("S-12", s, [start, start + m[0].length], `“${m[0]}”词语重复，应为“${m[1] ?? m[2]}”。`, { expected: m[1] ?? m[2], actual: m[0] });
  }
}

function checkParagraphForm(ctx: Ctx, p: Paragraph) {
  if (p.kind !== "prose") return;
  const t = p.text.trim();
  const last = t[t.length - 1];
  const beforeCloser = t[t.length - 2];
  const ended = "。！？…".includes(last) || ("”’）)」".includes(last) && "。！？".includes(beforeCloser));
  if (ended) return;
  const sentences = splitSentences(p);
  const s = sentences[sentences.length - 1];
  if (!s) return;
  const lastClause = Math.max(s.text.lastIndexOf("，"), s.text.lastIndexOf(","), s.text.lastIndexOf("；"));
  ctx.report("S-12", s, [s.start + lastClause + 1, s.end], "句末缺少句号“。”。", { expected: "。" });
}

function checkIdentity(ctx: Ctx, s: Sentence) {
  const wb = ctx.wb;
  const name = wb.deptName ?? param(wb, "部门名称")?.value;
  const code = wb.deptCode ?? param(wb, "单位编码")?.value;
  const t = normaliseDigits(s.text);
  const nameLoc = wb.t1?.deptLoc ?? wb.t1?.titleLoc;
  // "<部门名称> 2024 年部门预算信息公开情况说明", "现将<部门名称>2024年部门预算公开如下"
  const m = /^(?:现将)?\s*(.{2,30}?)\s*(\d{4})\s*年(?:度)?部门预算/.exec(t.replace(/^.*?现将/, "现将"));
  if (m) {
    const stated = m[1].replace(/^现将/, "").trim();
    if (name && stated && stated.replace(/\s/g, "") !== name.replace(/\s/g, "") && !/本部门|我部门|我单位|本单位/.test(stated)) {
      const at = s.start + s.text.indexOf(m[1].trim());
      ctx.report("S-11", s, [at, at + m[1].trim().length], `单位名称写作“${stated}”，与报表中的“${name}”不一致。`, {
        expected: name,
        actual: stated,
        related: [nameLoc],
      });
    }
    if (ctx.year && m[2] !== ctx.year) {
      const at = s.start + t.indexOf(m[2]);
      ctx.report("S-11", s, [at, at + 4], `年度写作${m[2]}年，与报表预算年度${ctx.year}年不一致。`, {
        expected: ctx.year,
        actual: m[2],
        related: [wb.t1?.yearLoc ?? nameLoc],
      });
    }
  }
  if (name && code) {
    const esc = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    for (const c of t.matchAll(new RegExp(`(\\d{2,8})\\s*${esc}`, "g"))) {
      if (c[1] === code || c[1] === ctx.year) continue;
      const at = s.start + c.index!;
      ctx.report("S-11", s, [at, at + c[1].length], `单位编码写作${c[1]}，与报表中的${code}不一致。`, { expected: code, actual: c[1], related: [nameLoc] });
    }
  }
}

// Table names a 情况说明 may cite, and the table each stands for ("" = not a published table).
const TABLE_MENTIONS: { re: RegExp; key: string }[] = [
  { re: /财政拨款收支(?:预算)?总表/g, key: "T4" },
  { re: /(?<!财政拨款)收支(?:预算)?总表/g, key: "T1" },
  { re: /收入(?:预算)?总表/g, key: "T2" },
  { re: /(?<!收)支出(?:预算)?总表/g, key: "T3" },
  { re: /一般公共预算(?:财政拨款)?支出表/g, key: "T5" },
  { re: /基本支出(?:预算)?表/g, key: "T6" },
  { re: /项目支出(?:预算)?表/g, key: "" },
  { re: /政府性基金(?:预算)?(?:财政拨款)?支出表/g, key: "T7" },
  { re: /国有资本经营(?:预算)?(?:财政拨款)?支出表/g, key: "T8" },
  { re: /三公.?经费(?:支出)?(?:预算)?表/g, key: "T9" },
  { re: /政府采购(?:预算)?表/g, key: "T10" },
  { re: /固定资产占用情况表/g, key: "T11" },
];

function checkTableMentions(ctx: Ctx, s: Sentence) {
  const published = new Set((ctx.wb.tables ?? []).map((t) => t.key as string));
  const titles = (ctx.wb.tables ?? []).map((t) => t.title);
  for (const { re, key } of TABLE_MENTIONS) {
    for (const m of s.text.matchAll(re)) {
      const ok = key ? published.has(key) : titles.some((t) => t.includes(m[0]));
      if (ok) continue;
      const start = s.start + m.index!;
      ctx.report("S-15", s, [start, start + m[0].length], `提到“${m[0]}”，但本次公开的表格中没有这张表；请删去或改为已公开表格的名称。`, { actual: m[0] });
    }
  }
}

const EMPTY_TABLES: { key: "T7" | "T8" | "T9" | "T10"; name: string; re: RegExp }[] = [
  { key: "T7", name: "政府性基金预算财政拨款支出表", re: /政府性基金|基金预算/ },
  { key: "T8", name: "国有资本经营预算财政拨款支出表", re: /国有资本经营/ },
  { key: "T9", name: "财政拨款“三公”经费支出表", re: /三公/ },
  { key: "T10", name: "政府采购预算表", re: /政府采购/ },
];

function checkEmptyTables(ctx: Ctx) {
  for (const e of EMPTY_TABLES) {
    const table = tableOf(ctx.wb, e.key);
    const amounts = tableAmounts(ctx.wb, e.key);
    if (!table || !amounts) continue;
    const empty = amounts.every((a) => a.value.isZero());
    const noteSaysEmpty = table.notes.some((n) => /空表|无.{0,20}预算/.test(n.text));
    const says = (s: Sentence) => e.re.test(s.text) && (/空表|无.{0,8}(预算|安排|支出)|未安排/.test(s.text) || /0(\.0+)?\s*万元/.test(s.text));
    const textSays = ctx.sentences.some(says);
    if (empty && !noteSaysEmpty && !textSays) {
      ctx.report("S-09", null, [0, 0], `${e.name}为空表，但表下和情况说明中都没有说明（应注明“无…预算，空表列示”）。`, {
        related: [table.titleLoc],
        note: `注：无${e.name.replace(/支出表$|表$/, "")}，空表列示。`,
      });
    }
    if (!empty) {
      for (const s of ctx.sentences.filter((s) => e.re.test(s.text) && /无.{0,6}(预算|安排)|空表/.test(s.text)))
        ctx.report("S-09", s, [s.start, s.end], `说明称无${e.name.replace(/表$/, "")}，但该表有数据。`, { related: [table.titleLoc] });
    }
  }
}

/** S-10: an amount in 元 among 万元 figures that no known sentence took up, when its size says 万元 was meant. */
function checkUnits(ctx: Ctx) {
  const seen = new Set(ctx.figures.map((f) => f.start));
  for (const s of ctx.sentences) {
    for (const a of findAmounts(s.text, s.start)) {
      if (a.unit !== "元" || seen.has(a.start)) continue;
      // Budget sentences speak 万元; a figure with two decimals under 10 000 元 in one is almost surely 万元.
      if (a.decimals === 2 && a.written.lt(10000) && /预算|收入|支出|经费|安排/.test(s.text) && !/\d\s*元\s*[\/／每]/.test(s.text))
        ctx.report("S-10", s, [a.start, a.end], `金额“${a.text}”以“元”为单位，部门预算公开的金额单位应为“万元”，请核对。`, { actual: a.text, expected: "万元" });
    }
  }
  // S-14: the 机构设置 the narrative prints comes from 说明参数: the department's own text, or a list whose every
  // unit has its four fields (core/facts decides which it is, for the narrative too).
  const org = organisation(ctx.wb);
  // Only a text that prints the 机构设置 section (the seed's 一、) depends on it.
  const anchor = ctx.sentences.find((s) => /机构设置/.test(s.text));
  if (!anchor) return;
  if (!org) {
    ctx.report("S-14", anchor, [anchor.start, anchor.end], "说明参数中没有“机构设置”，情况说明第一部分无法列出纳入部门预算的单位。", {});
    return;
  }
  if (org.kind === "list")
    for (const u of org.units)
      if (!u.名称 || !u.性质 || !u.规格 || !u.经费)
        ctx.report("S-14", anchor, [anchor.start, anchor.end], `机构设置“${[u.名称, u.性质, u.规格, u.经费].filter(Boolean).join("|")}”应写成“单位名称|单位性质|单位规格|经费保障形式”四项。`, { related: [org.loc] });
}

// ----- outline: numbered items and sections, the scope a reason may sit in -----

interface Outline {
  paragraphs: Paragraph[];
  /** 1 一、 · 2 （一） · 3 1. / 1、 · 4 （1）; 0 for a paragraph that is not numbered. */
  level: Map<Paragraph, number>;
  index: Map<Paragraph, number>;
  /** The level of the item a paragraph belongs to (its own, or the last numbered one before it; 0 after a "如下：" lead-in). */
  enclosing: Map<Paragraph, number>;
}

function numberLevel(t: string): number {
  if (/^\s*[一二三四五六七八九十]+\s*、/.test(t)) return 1;
  if (/^\s*[（(][一二三四五六七八九十]+[)）]/.test(t)) return 2;
  if (/^\s*\d+\s*[.．、](?!\d)/.test(t)) return 3;
  if (/^\s*[（(]\d+[)）]/.test(t)) return 4;
  return 0;
}

function outline(paragraphs: Paragraph[]): Outline {
  const ps = paragraphs.filter((p) => p.kind !== "table-row");
  const level = new Map(ps.map((p) => [p, numberLevel(p.text)]));
  const enclosing = new Map<Paragraph, number>();
  let current = 0;
  for (const p of ps) {
    const l = level.get(p)!;
    if (l) current = l;
    enclosing.set(p, current);
    if (/如下[：:]\s*$/.test(p.text)) current = 0;
  }
  return { paragraphs: ps, level, index: new Map(ps.map((p, i) => [p, i])), enclosing };
}

/** Paragraphs after `p` that still speak of what `p` speaks of: to the next item of the same or a higher level. */
function scopeAfter(ctx: Ctx, p: Paragraph): Paragraph[] {
  const o = ctx.outline;
  const i = o.index.get(p);
  if (i === undefined) return [];
  const enclosing = o.enclosing.get(p) ?? 0;
  const out: Paragraph[] = [];
  for (let j = i + 1; j < o.paragraphs.length && out.length < 12; j++) {
    const q = o.paragraphs[j];
    const l = o.level.get(q) ?? 0;
    if (l && (!enclosing || l <= enclosing)) break;
    if (q.kind === "heading" && !l) break;
    if (/如下[：:]\s*$/.test(q.text)) break;
    out.push(q);
  }
  return out;
}

/** A reason after offset `from` of sentence `s`: later in its paragraph, or in the paragraphs of its scope. */
function reasonLater(ctx: Ctx, s: Sentence, from: number): boolean {
  const p = s.paragraph;
  if (REASON_LATER.test(ctx.text.slice(from, Math.min(p.end, from + REACH)))) return true;
  const next = ctx.sentences[(ctx.sentenceIndex.get(s) ?? -2) + 1];
  if (next && next.paragraph === p && /^(主要|这是|是由于|由于)/.test(next.text)) return true;
  return scopeAfter(ctx, p).some((q) => REASON_LATER.test(q.text.slice(0, REACH)));
}

/** How far on a reason is looked for (characters): keeps a long paragraph with many changes linear. */
const REACH = 2000;

// ----- 科目 lines: names against the tables (S-18), amounts (S-19), one amount per item (S-17), % (S-13) -----

/** Paragraphs that are about one 科目 ("1. “…（类）…（款）…（项）”53.84万元，…"); their figures belong to it. */
function checkKemu(ctx: Ctx, paragraphs: Paragraph[], sentences: Sentence[]): Set<Paragraph> {
  const items = new Set<Paragraph>();
  const bySentence = sentencesByParagraph(sentences);
  for (const p of paragraphs) {
    const ss = bySentence.get(p);
    if (!ss) continue;
    const mentions = findKemu(p.text, p.start);
    let item = false;
    mentions.forEach((m, i) => {
      const s = sentenceAt(ss, m.start);
      const res = resolveKemu(ctx.wb, m);
      if (res.problem)
        ctx.report("S-18", s, [m.start, m.end], `科目“${m.text}”与报表不符：${res.problem.message}。`, {
          related: res.problem.related,
          actual: m.text,
          expected: res.problem.expected,
        });
      // The paragraph is the 科目's when it opens with it (after its item number and a quote).
      if (i === 0 && /^\s*(\d+\s*[.．、]|[（(][一二三四五六七八九十\d]+[)）])?\s*[“"]?\s*$/.test(ctx.text.slice(p.start, m.start))) {
        item = true;
        kemuItem(ctx, p, ss, m.end, res.entry ? kemuFacts(ctx.wb, res.entry, kemuScope(ctx, p)) : [], m.text);
      }
    });
    if (item) items.add(p);
  }
  return items;
}

/** 财政拨款 or 一般公共预算 when the list's lead-in ("财政拨款支出主要内容如下：") says so. */
function kemuScope(ctx: Ctx, p: Paragraph): KemuScope {
  const o = ctx.outline;
  for (let j = (o.index.get(p) ?? 0) - 1; j >= 0; j--) {
    const q = o.paragraphs[j];
    if (!/[：:]\s*$/.test(q.text) && q.kind !== "heading") continue;
    if (/一般公共预算/.test(q.text)) return "gp";
    if (/财政拨款/.test(q.text)) return "fiscal";
    return "all";
  }
  return "all";
}

const LAST_YEAR_WORDS = /上年|上一年|去年|执行数|决算/;

function kemuItem(ctx: Ctx, p: Paragraph, ss: Sentence[], afterMention: number, facts: Fact[], label: string) {
  const ly = ctx.year ? String(Number(ctx.year) - 1) : undefined;
  const current: { a: TextAmount; s: Sentence }[] = [];
  let last: TextAmount | undefined;
  let change: { a: TextAmount; sign: 1 | -1; s: Sentence } | undefined;
  const pct: (Percent & { sign: 1 | -1; s: Sentence })[] = [];
  const shares: { q: Percent; s: Sentence; base: string }[] = [];
  for (const s of ss) {
    let floor = 0;
    for (const a of findAmounts(s.text, s.start)) {
      const rel = a.start - s.start;
      const words = clauseBefore(s.text, rel, floor);
      floor = rel + a.text.length;
      const trimmed = words.replace(/(了|为|约|共计|共|达到|达|是)$/, "").trim();
      const up = CHANGE_UP.exec(trimmed);
      const down = CHANGE_DOWN.exec(trimmed);
      const y = /(\d{4})\s*年/.exec(normaliseDigits(words));
      if (up || down) change = { a, sign: up ? 1 : -1, s };
      else if (LAST_YEAR_WORDS.test(words) || (y && ly && y[1] === ly)) last = a;
      else if (a.start >= afterMention) current.push({ a, s });
    }
    for (const q of findPercents(s.text, s.start)) {
      const before = clauseBefore(s.text, q.start - s.start, 0).replace(/(了|为|约|幅度)+$/, "").trim();
      const up = /(增加|增长|上升|提高)$/.test(before);
      const down = /(减少|下降|降低)$/.test(before);
      if (up || down) pct.push({ ...q, sign: up ? 1 : -1, s });
      const share = /占([^占，,；;。]*?)(的)?(比重|比例)?(为|是)?$/.exec(before);
      if (share) shares.push({ q, s, base: share[1] });
    }
  }
  // This year's figure: the first one stated; every other one must be the same (S-17), and it must be the table's (S-19).
  const first = current[0];
  if (first) {
    const fact = facts.find((f) => agrees(first.a.value, first.a.slack, f.value));
    if (fact) ctx.figure("S-19", label, first.s, first.a, "agree", fact);
    else if (facts.length) {
      const f = facts[0];
      const another = current.find((c) => agrees(c.a.value, c.a.slack, f.value));
      if (!another) {
        ctx.report("S-19", first.s, [first.a.start, first.a.end], `科目金额写作${first.a.text}，与${f.source}的${fmt(f.value)}万元不符（相差${fmt(first.a.value.minus(f.value).abs())}万元）。`, {
          expected: `${fmt(f.value)}万元`,
          actual: first.a.text,
          related: [f.loc],
        });
        ctx.figure("S-19", label, first.s, first.a, "differ", f);
      }
    } else ctx.figure("S-19", label, first.s, first.a, "unchecked");
    const right = facts.find((f) => current.some((c) => agrees(c.a.value, c.a.slack, f.value)));
    for (const c of current.slice(1)) {
      if (agrees(c.a.value, c.a.slack.plus(first.a.slack), first.a.value) && (!right || agrees(c.a.value, c.a.slack, right.value))) continue;
      const bad = right && agrees(c.a.value, c.a.slack, right.value) ? first : c;
      const good = bad === first ? c : first;
      ctx.report("S-17", bad.s, [bad.a.start, bad.a.end], `同一科目在本段写了两个金额：${first.a.text}和${c.a.text}${right ? `，报表为${fmt(right.value)}万元（${right.source}）` : ""}。`, {
        expected: right ? `${fmt(right.value)}万元` : good.a.text,
        actual: bad.a.text,
        related: right ? [right.loc] : [],
      });
      break;
    }
  }
  // Percentages: from the text's own figures (last year's and this year's), else not checked.
  for (const q of pct) {
    // This year's figure the rate speaks of: the one stated last before it.
    let now = first?.a;
    for (const c of current) if (c.a.start < q.start) now = c.a;
    if (!last || !now || last.value.isZero()) continue;
    checkGrowth(ctx, q.s, q, q.sign, now, last, `${label}比上年${q.sign > 0 ? "增长" : "下降"}幅度`, [facts[0]?.loc]);
  }
  // Its share of a total ("占84.69%", "占一般公共预算支出的…"): the 科目's table figure over the total's.
  const own = facts.find((f) => first && agrees(first.a.value, first.a.slack, f.value));
  for (const { q, s, base } of shares) {
    const def = subjectIn(base, s.text) ?? defOf("ex.total");
    const total = factFor(ctx.wb, def.id);
    if (own && total && !total.value.isZero()) checkRatio(ctx, s, q, { ...interval(own.value, total.value), what: `${label}占${def.label}的比重`, locs: [own.loc, total.loc] }, "按报表");
  }
  // A change (an amount or a percentage) needs its reason within the item.
  const moved = (change && !change.a.value.isZero()) || pct.some((q) => !q.value.isZero());
  if (moved) {
    const at = change ? change.a : pct[0];
    const s = change ? change.s : pct[0].s;
    const rest = ctx.text.slice(at.end, p.end);
    if (!REASON.test(rest) && !scopeAfter(ctx, p).some((q) => REASON_LATER.test(q.text)))
      ctx.report("S-04", s, [at.start, at.end], `${label}有增减变化（${at.text}），没有说明增减变化的原因。`, {});
  }
}

/** A growth rate against the text's own last-year and this-year figures: a rate in the wrong direction is an error. */
function checkGrowth(ctx: Ctx, s: Sentence, q: Percent, sign: 1 | -1, now: TextAmount, last: TextAmount, what: string, related: (Loc | undefined)[]) {
  const delta = now.value.minus(last.value);
  const basis = `按文中的上年数${fmt(last.value)}万元和本年数${fmt(now.value)}万元`;
  if (!delta.isZero() && delta.isNegative() === sign > 0 && !q.value.isZero()) {
    const real = `${delta.isNegative() ? "减少" : "增加"}${delta.abs().div(last.value).times(100).toFixed(2)}%`;
    ctx.report("S-13", s, [q.start, q.end], `写作${sign > 0 ? "增加" : "减少"}${q.text}，但${basis}，实际${real}。`, { expected: real, actual: q.text, related });
    ctx.figure("S-13", what, s, q, "differ", undefined, real);
    return;
  }
  const iv = intervalWith(delta.times(sign), now.slack.plus(last.slack), last.value, last.slack);
  checkRatio(ctx, s, q, { ...iv, what, locs: related }, basis);
}

/** (a ± ea) / (b ± eb) in percent. */
function intervalWith(a: Decimal, ea: Decimal, b: Decimal, eb: Decimal): { lo: Decimal; hi: Decimal } {
  const bounds = [a.minus(ea).div(b.plus(eb)), a.plus(ea).div(b.minus(eb)), a.minus(ea).div(b.minus(eb)), a.plus(ea).div(b.plus(eb))].map((x) => x.times(100));
  return { lo: Decimal.min(...bounds), hi: Decimal.max(...bounds) };
}

// ----- comparison year (S-16) -----

/** "比2025年预算增加" in a 2025 budget: the comparison is with the year before the budget year. */
function checkComparisonYears(ctx: Ctx) {
  if (!ctx.year) return;
  const want = Number(ctx.year) - 1;
  const found: { s: Sentence; year: number; start: number; end: number; text: string }[] = [];
  for (const s of ctx.sentences) {
    const t = normaliseDigits(s.text);
    for (const m of t.matchAll(/(?:比|较|与|同比|相比)\s*(\d{4})\s*年(?:度)?(?:当年)?(?:预算|执行数|决算|相比|同期)?|(\d{4})\s*年(?:度)?(?:当年)?(?:预算)?执行数/g)) {
      const year = Number(m[1] ?? m[2]);
      const at = s.start + m.index!;
      found.push({ s, year, start: at, end: at + m[0].length, text: s.text.slice(m.index!, m.index! + m[0].length) });
    }
  }
  const consistent = found.some((f) => f.year === want);
  for (const f of found) {
    if (f.year === want) continue;
    // A year at or after the budget year is always wrong; an earlier one only when the text elsewhere compares with the year before.
    if (f.year < want && !consistent) continue;
    if (f.year < want - 5) continue;
    ctx.report("S-16", f.s, [f.start, f.end], `这是${ctx.year}年预算，比较的应是${want}年，文中写作“${f.text}”。`, {
      expected: `${want}年`,
      actual: `${f.year}年`,
      related: [ctx.wb.t1?.yearLoc ?? ctx.wb.t1?.titleLoc],
    });
  }
}
