// 科目 named in the text ("“社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）”53.84万元"):
// parsed with a single linear scan, resolved against the 科目 rows of the tables, and the figure each stands for.
import Decimal from "decimal.js";
import type { BudgetWorkbook, CodeRow, CodeTable, Loc } from "../model/types";
import { normName } from "../model/classification";
import { cachedOn } from "../memo";
import type { Fact } from "./table-facts";

export type Level = 1 | 2 | 3;
const LEVEL_LABEL: Record<Level, string> = { 1: "类", 2: "款", 3: "项" };

export interface KemuPart {
  name: string;
  level: Level;
  /** Offsets of the name and its marker in the whole text. */
  start: number;
  end: number;
}

export interface KemuMention {
  parts: KemuPart[];
  start: number;
  end: number;
  text: string;
}

// A level marker: （类） （款） （项）, also with a code number inside ("（01项）").
const MARKER = /[（(]\s*\d{0,3}\s*([类款项])\s*[)）]/g;
// Characters that end a 科目 name going backwards from its marker.
const NAME_STOP = new Set([..."“”\"‘’'，,。；;：:、！？!?\n\t （）()【】《》0123456789.．%％"]);

/** Every 科目 mention in a stretch of text; `offset` maps its indices into the whole text. */
export function findKemu(text: string, offset = 0): KemuMention[] {
  const out: KemuMention[] = [];
  let cur: KemuMention | undefined;
  let lastEnd = -1;
  for (const m of text.matchAll(MARKER)) {
    const at = m.index!;
    let i = at;
    // The name runs back to a stop character or to the previous marker (bounded: names are short).
    const floor = Math.max(lastEnd, at - 40, 0);
    while (i > floor && !NAME_STOP.has(text[i - 1])) i--;
    const name = text.slice(i, at).trim();
    const level = ({ 类: 1, 款: 2, 项: 3 } as const)[m[1] as "类" | "款" | "项"];
    const end = at + m[0].length;
    lastEnd = end;
    if (!name) continue;
    const part: KemuPart = { name, level, start: offset + i, end: offset + end };
    if (cur && i === cur.end - offset) {
      cur.parts.push(part);
      cur.end = offset + end;
      cur.text = text.slice(cur.start - offset, end);
    } else {
      cur = { parts: [part], start: offset + i, end: offset + end, text: text.slice(i, end) };
      out.push(cur);
    }
  }
  return out;
}

// Names of functional classes in earlier years (domain-rules C.1).
const OLD_CLASS_NAMES: Record<string, string[]> = {
  "207": ["文化体育与传媒支出"],
  "210": ["医疗卫生与计划生育支出", "医疗卫生支出"],
  "215": ["资源勘探信息等支出", "资源勘探电力信息等支出"],
  "220": ["国土海洋气象等支出", "国土资源气象等支出"],
};

export interface KemuEntry {
  code: string;
  name: string;
  level: Level;
  nameLoc: Loc;
  /** The row in each table that has it. */
  rows: Partial<Record<"t2" | "t3" | "t5" | "t7" | "t8", CodeRow>>;
}

export interface KemuIndex {
  byCode: Map<string, KemuEntry>;
  children: Map<string, KemuEntry[]>;
  classes: KemuEntry[];
}

const INDEX = Symbol("kemuIndex");

/** The 科目 rows of the function tables, by code (表3 first for names, then 表5, 表2, 表7, 表8). */
export function kemuIndex(wb: BudgetWorkbook): KemuIndex {
  return cachedOn(wb, INDEX, makeIndex);
}

function makeIndex(wb: BudgetWorkbook): KemuIndex {
  const byCode = new Map<string, KemuEntry>();
  const tables: ["t3" | "t5" | "t2" | "t7" | "t8", CodeTable | undefined][] = [
    ["t3", wb.t3],
    ["t5", wb.t5],
    ["t2", wb.t2],
    ["t7", wb.t7],
    ["t8", wb.t8],
  ];
  for (const [key, t] of tables)
    for (const r of t?.rows ?? []) {
      if (r.level < 1) continue;
      let e = byCode.get(r.code);
      if (!e) byCode.set(r.code, (e = { code: r.code, name: r.name.trim(), level: r.level as Level, nameLoc: r.nameLoc, rows: {} }));
      e.rows[key] ??= r;
    }
  const children = new Map<string, KemuEntry[]>();
  const classes: KemuEntry[] = [];
  for (const e of byCode.values()) {
    if (e.level === 1) classes.push(e);
    else {
      const parent = e.code.slice(0, e.level === 2 ? 3 : 5);
      children.set(parent, [...(children.get(parent) ?? []), e]);
    }
  }
  return { byCode, children, classes };
}

const same = (a: string, b: string) => normName(a) === normName(b);

export interface KemuResolution {
  /** The deepest 科目 the mention names, when the tables have it. */
  entry?: KemuEntry;
  /** What is wrong with the naming (S-18), one message; related cells to show. */
  problem?: { message: string; related: Loc[]; expected?: string };
}

/** Whether a parent's rows in the tables are complete: its children add up to it (so a missing name is really missing). */
function childrenComplete(ix: KemuIndex, parent: KemuEntry): boolean {
  const kids = ix.children.get(parent.code) ?? [];
  if (!kids.length) return false;
  const value = (e: KemuEntry) => (e.rows.t3 ?? e.rows.t5 ?? e.rows.t2)?.cells.total?.value;
  const pv = value(parent);
  if (!pv) return true;
  const sum = kids.reduce((s, k) => s.plus(value(k) ?? 0), new Decimal(0));
  return sum.minus(pv).abs().lte(new Decimal("0.0101").times(kids.length));
}

const describe = (e: KemuEntry) => `${LEVEL_LABEL[e.level]}“${e.name}”（${e.code}）`;

/** Resolves a mention against the tables' 科目; reports a name, level or 款/项 pair the tables do not have. */
export function resolveKemu(wb: BudgetWorkbook, m: KemuMention): KemuResolution {
  const ix = kemuIndex(wb);
  if (!ix.classes.length) return {};
  const named = (lvl: Level) => m.parts.find((p) => p.level === lvl);
  const cls = named(1);
  const kuan = named(2);
  const xiang = named(3);
  const problems: string[] = [];
  const related: Loc[] = [];
  let expected: string | undefined;
  let klass: KemuEntry | undefined;
  if (cls) {
    klass = ix.classes.find((c) => same(c.name, cls.name));
    if (!klass) {
      const old = Object.entries(OLD_CLASS_NAMES).find(([, names]) => names.some((n) => same(n, cls.name)));
      const byOld = old && ix.byCode.get(old[0]);
      if (byOld) {
        klass = byOld;
        problems.push(`“${cls.name}”是旧的科目名称，报表中${byOld.code}类为“${byOld.name}”`);
        related.push(byOld.nameLoc);
        expected = byOld.name;
      } else {
        const other = [...ix.byCode.values()].find((e) => e.level !== 1 && same(e.name, cls.name));
        if (other) {
          problems.push(`“${cls.name}”在报表中是${describe(other)}，不是类`);
          related.push(other.nameLoc);
        }
        // A class the tables do not have at all: the text may speak of another fund's table; stay silent.
        return problems.length ? { problem: { message: problems.join("；"), related } } : {};
      }
    }
  }
  const under = (parent: KemuEntry | undefined, lvl: Level) =>
    parent ? (ix.children.get(parent.code) ?? []).filter((e) => e.level === lvl) : [...ix.byCode.values()].filter((e) => e.level === lvl);
  let k: KemuEntry | undefined;
  if (kuan) {
    k = under(klass, 2).find((e) => same(e.name, kuan.name));
    if (!k && klass && childrenComplete(ix, klass)) {
      // The text's 款 is not under its 类: a pair the tables do not have (or a name from another level).
      const asXiang = xiang && under(klass, 2).find((e) => same(e.name, xiang.name));
      if (asXiang) {
        const kids = under(asXiang, 3);
        problems.push(
          `报表中${klass.code}${klass.name}下没有“${kuan.name}”款；“${xiang!.name}”是款（${asXiang.code}）而不是项${kids.length ? `，其下的项为${kids.map((x) => `“${x.name}”（${x.code}）`).join("、")}` : ""}`,
        );
        related.push(asXiang.nameLoc, ...kids.map((x) => x.nameLoc));
        expected = kids.length === 1 ? `${asXiang.name}（款）${kids[0].name}（项）` : undefined;
        return { problem: { message: problems.join("；"), related, expected } };
      }
      problems.push(`报表中${klass.code}${klass.name}下没有“${kuan.name}”款`);
      related.push(klass.nameLoc);
    }
  }
  let x: KemuEntry | undefined;
  if (xiang && (k || !kuan)) {
    x = under(k ?? klass, 3).find((e) => same(e.name, xiang.name));
    const parent = k ?? klass;
    if (!x && parent && k && childrenComplete(ix, parent)) {
      const kids = under(parent, 3);
      problems.push(`报表中${describe(parent)}下没有“${xiang.name}”项，其下的项为${kids.map((e) => `“${e.name}”（${e.code}）`).join("、")}`);
      related.push(...kids.map((e) => e.nameLoc));
    }
  }
  const entry = xiang ? x : kuan ? k : klass;
  return { entry, problem: problems.length ? { message: problems.join("；"), related, expected } : undefined };
}

export type KemuScope = "fiscal" | "gp" | "all";

/** The figure a 科目 line stands for: 财政拨款 = 表5 + 表7 + 表8 of that code, 一般公共预算 = 表5, else 表3. */
export function kemuFacts(wb: BudgetWorkbook, e: KemuEntry, scope: KemuScope): Fact[] {
  const out: Fact[] = [];
  const cell = (r: CodeRow | undefined) => r?.cells.total;
  const t5 = cell(e.rows.t5);
  const t3 = cell(e.rows.t3);
  const label = `${e.code} ${e.name}`;
  if (scope === "fiscal" && (t5 || e.rows.t7 || e.rows.t8)) {
    const parts = [t5, cell(e.rows.t7), cell(e.rows.t8)].filter((a): a is NonNullable<typeof a> => !!a);
    const value = parts.reduce((s, a) => s.plus(a.value), new Decimal(0));
    out.push({ value, loc: parts[0].loc, source: parts.length > 1 ? `财政拨款支出表 ${label}` : `${wb.t5?.title ?? "一般公共预算支出表"} ${label}` });
  }
  if (scope === "gp" && t5) out.push({ value: t5.value, loc: t5.loc, source: `${wb.t5!.title} ${label}` });
  if (t3) out.push({ value: t3.value, loc: t3.loc, source: `${wb.t3!.title} ${label}` });
  if (t5 && !out.some((f) => f.loc === t5.loc)) out.push({ value: t5.value, loc: t5.loc, source: `${wb.t5!.title} ${label}` });
  return out;
}
