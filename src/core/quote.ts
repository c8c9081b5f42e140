// Cell text as a message quotes it: invisible and look-alike characters named (a finance officer cannot see
// a zero-width space), and cut to a few dozen characters so that one huge cell cannot flood the output.

/** Characters that look like nothing, or like something else, by their Chinese name. */
const NAMED: Record<string, string> = {
  "\u200b": "零宽空格",
  "\u200c": "零宽不连字",
  "\u200d": "零宽连字",
  "\u2060": "零宽不换行",
  "\ufeff": "零宽不换行空格",
  "\u00ad": "软连字符",
  "\u00a0": "不间断空格",
  "\u202f": "窄不间断空格",
  "\u2007": "数字空格",
  "\u2009": "窄空格",
  "\u3000": "全角空格",
  "\u200e": "左至右标记",
  "\u200f": "右至左标记",
  "\u202a": "方向控制符",
  "\u202b": "方向控制符",
  "\u202c": "方向控制符",
  "\u202d": "方向控制符",
  "\u202e": "方向控制符",
  "\u2066": "方向控制符",
  "\u2067": "方向控制符",
  "\u2068": "方向控制符",
  "\u2069": "方向控制符",
  "\t": "制表符",
  "\n": "换行",
  "\r": "回车",
  "\u041e": "西里尔字母О",
  "\u043e": "西里尔字母о",
  "\u039f": "希腊字母Ο",
  "\u03bf": "希腊字母ο",
  "\u0417": "西里尔字母З",
};

const NAMED_RE = new RegExp(`[${Object.keys(NAMED).join("")}]|[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]`, "g");

/** Default length of quoted text: enough to recognise a cell, short enough for one line. */
export const QUOTE_MAX = 40;

/** The name of each invisible or look-alike character in the text, once each, in order of appearance. */
export function hiddenCharNames(text: string, scanMax = 10_000): string[] {
  const names = new Set<string>();
  const part = text.length > scanMax ? text.slice(0, scanMax) : text;
  for (const m of part.matchAll(NAMED_RE)) names.add(NAMED[m[0]] ?? "控制字符");
  return [...names];
}

/**
 * Text for a message: at most `max` visible characters (then "…（共 N 字）"), invisible characters shown as
 * ‹名称›. Leading and trailing ordinary spaces are trimmed; named ones are kept, since they may be the problem.
 */
export function quoteText(text: string, max = QUOTE_MAX): string {
  const long = text.length > max;
  let head = long ? text.slice(0, max) : text;
  if (long && /[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1); // do not split a surrogate pair
  const shown = head.replace(/^ +| +$/g, "").replace(NAMED_RE, (ch) => `‹${NAMED[ch] ?? "控制字符"}›`);
  return long ? `${shown}…（共 ${text.length} 字）` : shown;
}

/** A decimal text with thousands separators in its whole part ("-18976.76" → "-18,976.76"), as Shanghai prints amounts. */
export function thousands(text: string): string {
  return text.replace(/^(-?\d+)/, (m) => m.replace(/\B(?=(\d{3})+$)/g, ","));
}

/**
 * A count or size in a message, grouped ("1,048,576"), as toLocaleString("en-US") writes it but without ICU, whose
 * first use in a process costs more than the rest of a one-file check's messages together.
 */
export function groupDigits(n: number): string {
  return Number.isSafeInteger(n) ? thousands(String(n)) : n.toLocaleString("en-US");
}
