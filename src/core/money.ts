// Amounts: parsing cell contents into Decimal and the rounding-aware (interval) comparison of domain-rules D.3.
import Decimal from "decimal.js";
import { boundedMemo } from "./memo";
import { isCellError, type CellValue } from "./snapshot";
import { hiddenCharNames, quoteText } from "./quote";

export { Decimal };

export const ZERO = new Decimal(0);

export type ParsedAmount =
  | { ok: true; value: Decimal; blank: boolean }
  | { ok: false; reason: string };

const FULLWIDTH = /[０-９．，－＋]/g;
const DASHES = /^[-—–－―─]+$/;
/** Minus signs other than "-" that people and converters type before a figure: −, ‒, –, ‐, ‑, ﹣, ➖. */
const MINUS = /^[\u2212\u2012\u2013\u2010\u2011\ufe63\u2796](?=[\d.(])/;
const NUMBER_TEXT = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/;

function toHalfWidth(s: string): string {
  return s.replace(FULLWIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** A JS number from a cell (maybe with binary noise such as 883.0200000000001) as the Decimal Excel shows. */
// Decimals are immutable, and the same figures recur across tables (a leaf sits in tables 2, 3 and 5).
// Large enough that a figure read in table 3 is still cached when table 5 repeats it in a 50,000-row workbook.
export const decimalFromNumber = boundedMemo((n: number): Decimal => {
  // Whole numbers below 1e7 (not -0): decimal.js builds these directly, the same value as from their text.
  if (Number.isInteger(n) && n < 1e7 && n > -1e7 && !Object.is(n, -0)) return new Decimal(n);
  const s = String(n);
  // Short decimal strings are exact already; only long ones carry binary noise worth trimming.
  return new Decimal(s.length <= 15 ? s : Number(n.toPrecision(15)).toString());
}, 1 << 18);

/** 1 元 in 万元: a 元 figure times this is the figure in 万元. */
export const YUAN_IN_WANYUAN = new Decimal("0.0001");

const FEN_LIMIT = 1e15;
const FEN_PER_WANYUAN = new Decimal(1e6);

/**
 * An amount as a whole number of 分 (0.01 元 = 10⁻⁶ 万元), the exact integer the Decimal stands for, so that the sums
 * a 50,000-row table needs run on integers; NaN when the figure is not a whole number of 分 or has more than 15 digits
 * (then only the Decimal serves). `perUnit` is 分 per unit of the figure: 1e6 for 万元, 100 for 元.
 * Exact: below 10¹⁵ a figure with at most 15 digits round-trips through a double, and n / perUnit === v holds
 * exactly when v is the double of the decimal n / perUnit, which is then the figure decimalFromNumber reads (it
 * trims longer numbers to 15 digits, and so does this).
 */
export function fenOfNumber(v: number, perUnit: number): number {
  const n = Math.round(v * perUnit);
  if (n < FEN_LIMIT && n > -FEN_LIMIT && n / perUnit === v) return n;
  // A figure with binary noise (883.0200000000001, a formula's cached result) is read as its 15 digits (883.02).
  if (String(v).length <= 15 || (Number.isInteger(v) && v < 1e7 && v > -1e7)) return NaN;
  const w = Number(v.toPrecision(15));
  const m = Math.round(w * perUnit);
  return m < FEN_LIMIT && m > -FEN_LIMIT && m / perUnit === w ? m : NaN;
}

/** A Decimal in 万元 as whole 分 (see fenOfNumber); NaN when it is none. For the rare text or computed amount. */
export function fenOfDecimal(d: Decimal): number {
  const f = d.times(FEN_PER_WANYUAN);
  return f.isInteger() && f.abs().lt(FEN_LIMIT) ? f.toNumber() : NaN;
}

/** The Decimal in 万元 of a whole number of 分 (a safe integer), built from its digits: exact, no division. */
export function decimalFromFen(fen: number): Decimal {
  const digits = String(Math.abs(fen)).padStart(7, "0");
  return new Decimal(`${fen < 0 ? "-" : ""}${digits.slice(0, -6)}.${digits.slice(-6)}`);
}

/** Whole 分 rounded to a multiple of `step` 分, half away from zero (Decimal.ROUND_HALF_UP); NaN stays NaN. */
export function roundFen(fen: number, step: number): number {
  const rest = fen % step;
  const whole = fen - rest;
  return rest * 2 >= step ? whole + step : rest * 2 <= -step ? whole - step : whole;
}

/**
 * Σ weight·fen of figures known in 分, or NaN when one is not (then the caller sums Decimals). Each |fen| < 10¹⁵ and the
 * running sum is stopped above 8·10¹⁵, so every partial sum stays below 2⁵³ and is exact.
 */
export function sumFen(fens: number[], weights?: (1 | -1 | undefined)[]): number {
  let acc = 0;
  for (let i = 0; i < fens.length; i++) {
    const f = fens[i];
    if (f !== f) return NaN;
    acc = weights?.[i] === -1 ? acc - f : acc + f;
    if (acc > 8e15 || acc < -8e15) return NaN;
  }
  return acc;
}

/**
 * Read an amount cell: numbers; text with thousands separators or full-width digits; a lone dash = 0;
 * blank = 0. Anything else (words, booleans, Excel errors) is not an amount.
 */
export function parseAmount(v: CellValue): ParsedAmount {
  if (v === null) return { ok: true, value: ZERO, blank: true };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { ok: false, reason: "不是有效数字" };
    return { ok: true, value: decimalFromNumber(v), blank: false };
  }
  if (typeof v === "boolean") return { ok: false, reason: `逻辑值“${v ? "TRUE" : "FALSE"}”不是金额` };
  if (isCellError(v)) return { ok: false, reason: `单元格为错误值 ${v.error}` };
  const t = toHalfWidth(v).replace(/[\s\u00a0\u3000]/g, "");
  if (t === "") return { ok: true, value: ZERO, blank: true };
  if (DASHES.test(t)) return { ok: true, value: ZERO, blank: true };
  if (t.length > 64) return { ok: false, reason: `“${quoteText(v.trim())}”不是数字` }; // no amount is this long
  let body = t.replace(MINUS, "-");
  let negative = false;
  const paren = /^\((.*)\)$/.exec(body);
  if (paren) {
    body = paren[1];
    negative = true;
  }
  if (!NUMBER_TEXT.test(body)) {
    const hidden = hiddenCharNames(t);
    const why = hidden.length ? `含有看不见或形似数字的字符${hidden.map((n) => `‹${n}›`).join("")}，不是数字` : "不是数字";
    return { ok: false, reason: `“${quoteText(v.trim())}”${why}` };
  }
  const d = new Decimal(body.replace(/,/g, ""));
  return { ok: true, value: negative ? d.neg() : d, blank: false };
}

/** Half the rounding step of a figure shown with d decimals: 0.005 for d = 2. */
const HALF_STEPS = new Map<number, Decimal>();

export function halfStep(decimals: number): Decimal {
  let h = HALF_STEPS.get(decimals);
  if (!h) {
    h = new Decimal(10).pow(-decimals).div(2);
    HALF_STEPS.set(decimals, h);
  }
  return h;
}

/** Format with a fixed number of decimals, half away from zero (as Excel's ROUND). */
export function fmt(d: Decimal, decimals = 2): string {
  return d.toFixed(decimals, Decimal.ROUND_HALF_UP);
}

export { thousands } from "./quote";

/** The width a slack or difference needs to show without losing digits (at least 2 decimals). */
export function fmtExact(d: Decimal, min = 2): string {
  return d.toFixed(Math.max(min, d.decimalPlaces()));
}

export interface Term {
  value: Decimal;
  /** The value in whole 分 when it is one (Amount.fen): a sum that foots to the 分 needs no Decimal. */
  fen?: number;
  /** Precision of the figure; null = exact (blank cells, computed values). */
  decimals: number | null;
  weight?: 1 | -1;
}

export type Verdict = "exact" | "rounding" | "error";

export interface Comparison {
  verdict: Verdict;
  total: Decimal;
  sum: Decimal;
  /** total − sum */
  diff: Decimal;
  /** Largest |diff| that rounding of the shown figures can explain. */
  slack: Decimal;
}

function slackOf(t: Term): Decimal {
  return t.decimals === null ? ZERO : halfStep(t.decimals);
}

/**
 * Calc 1.1 style check that a total agrees with the weighted sum of its items: both intervals
 * [v − ½·10^−d, v + ½·10^−d] (closed) must intersect. Blank items are exact zeros.
 */
export function compareSum(total: Term, items: Term[]): Comparison {
  if (total.fen !== undefined && total.fen === sumFen(items.map((it) => it.fen ?? NaN), items.map((it) => it.weight))) {
    return { verdict: "exact", total: total.value, sum: total.value, diff: ZERO, slack: ZERO };
  }
  let sum = ZERO;
  for (const it of items) if (!it.value.isZero()) sum = it.weight === -1 ? sum.minus(it.value) : sum.plus(it.value);
  const diff = total.value.minus(sum);
  if (diff.isZero()) return { verdict: "exact", total: total.value, sum, diff, slack: ZERO };
  let slack = slackOf(total);
  for (const it of items) slack = slack.plus(slackOf(it));
  return { verdict: diff.abs().lte(slack) ? "rounding" : "error", total: total.value, sum, diff, slack };
}

/** Two reports of the same figure. Same precision on both sides means the same export: exact equality is required. */
export function compareSame(a: Term, b: Term): Comparison {
  if (a.decimals !== null && a.decimals === b.decimals) {
    const diff = a.value.minus(b.value);
    return { verdict: diff.isZero() ? "exact" : "error", total: a.value, sum: b.value, diff, slack: ZERO };
  }
  return compareSum(a, [b]);
}
