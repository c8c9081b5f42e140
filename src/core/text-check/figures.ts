// Amounts and percentages as the text writes them, with the precision the text shows (domain-rules D.3).
import Decimal from "decimal.js";
import { halfStep } from "../money";
export { fmt } from "../money";

export interface TextAmount {
  /** Value in 万元 (元 and 亿元 converted). */
  value: Decimal;
  /** The number as written, in its own unit. */
  written: Decimal;
  unit: "万元" | "元" | "亿元";
  /** Decimals shown in the text, in the written unit. */
  decimals: number;
  /** Half-width of the interval the written number stands for, in 万元. */
  slack: Decimal;
  /** Offsets in the paragraph-independent text. */
  start: number;
  end: number;
  text: string;
}

export interface TextPercent {
  value: Decimal;
  decimals: number;
  start: number;
  end: number;
  text: string;
}

/** Full-width digits and points to ASCII, one character for one, so offsets stay valid. */
export function normaliseDigits(s: string): string {
  return s.replace(/[０-９．]/g, (c) => (c === "．" ? "." : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

// "1,042.58万元", "32 万元", "0.00万元"; not "0.5万元/次" (a unit price in an indicator).
// A bare "万" counts as 万元 only before punctuation or the end ("项目支出132万，"), never in "3万人次".
const AMOUNT = /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|亿元|元|万(?=[，,。；;、）)\s]|$))(?![\/／每])/g;
const PERCENT = /(\d+(?:\.\d+)?)\s*[%％]/g;

const SCALE: Record<TextAmount["unit"], Decimal> = { 万元: new Decimal(1), 元: new Decimal("0.0001"), 亿元: new Decimal(10000) };

export function findAmounts(text: string, offset = 0): TextAmount[] {
  const t = normaliseDigits(text);
  const out: TextAmount[] = [];
  for (const m of t.matchAll(AMOUNT)) {
    const num = m[1].replace(/,/g, "");
    const unit = (m[2] === "万" ? "万元" : m[2]) as TextAmount["unit"];
    const decimals = num.includes(".") ? num.length - num.indexOf(".") - 1 : 0;
    const written = new Decimal(num);
    const scale = SCALE[unit];
    out.push({
      value: written.times(scale),
      written,
      unit,
      decimals,
      slack: halfStep(decimals).times(scale),
      start: offset + m.index!,
      end: offset + m.index! + m[0].length,
      text: text.slice(m.index!, m.index! + m[0].length),
    });
  }
  return out;
}

export function findPercents(text: string, offset = 0): TextPercent[] {
  const t = normaliseDigits(text);
  const out: TextPercent[] = [];
  for (const m of t.matchAll(PERCENT)) {
    const num = m[1];
    out.push({
      value: new Decimal(num),
      decimals: num.includes(".") ? num.length - num.indexOf(".") - 1 : 0,
      start: offset + m.index!,
      end: offset + m.index! + m[0].length,
      text: text.slice(m.index!, m.index! + m[0].length),
    });
  }
  return out;
}

/** Whether a written figure (value ± slack) can be the exact table figure. */
export function agrees(written: Decimal, slack: Decimal, exact: Decimal): boolean {
  return written.minus(exact).abs().lte(slack);
}
