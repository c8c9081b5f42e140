// Normalisation of titles, header labels and row labels, so that spaces, quote styles, bracket widths
// and ordinal prefixes ("一、", "1、", "（一）", "其中：") never decide whether a label is recognised.
import { boundedMemo } from "../memo";
import { cellText, isCellError, type CellValue } from "../snapshot";

const QUOTES = /["“”'‘’「」『』]/g;
const SPACES = /[\s\u00a0\u3000]/g;

export const normBasic = boundedMemo((s: string): string =>
  s.replace(SPACES, "").replace(QUOTES, "").replace(/（/g, "(").replace(/）/g, ")").replace(/：/g, ":"),
);

// A Chinese numeral needs its separator: 一般公共预算 starts with 一 but is no ordinal.
const ORDINAL = /^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]?|\([一二三四五六七八九十\d]+\)[、.．]?)/;

/** Row label for matching: basic normalisation, ordinal prefix and "其中:" removed. */
export const normLabel = boundedMemo(normLabelUncached);

function normLabelUncached(s: string): string {
  let t = normBasic(s);
  t = t.replace(/^其中:?/, "");
  const m = ORDINAL.exec(t);
  if (m && m[0].length < t.length) t = t.slice(m[0].length);
  return t.replace(/^其中:?/, "");
}

/** A cell as trimmed text ("" for blank and errors). */
export function textOf(v: CellValue): string {
  if (v === null || isCellError(v)) return "";
  return cellText(v).trim();
}

/** A label row or number before a title: 公开01表, 表一, 附表3, 1., 4．, 一、, （一）. */
const TITLE_LABELS = [/^(?:公开|附)?表[0-9一二三四五六七八九十]+[-—:、.．]?/, /^(?:公开|附表)[0-9]+表?[-—:、.．]?/, /^[0-9]+[、.．)]/, /^[一二三四五六七八九十]+[、.．]/, /^\([一二三四五六七八九十0-9]+\)/];

/**
 * The words of a title that say what the table is: quotes and spaces removed, a leading label or number, the
 * year (2024年, 2024年度) and whatever precedes it (a province or department name), and 部门/单位 wording dropped.
 * "一、2017年度江苏省某某部门收支预算总表" → "收支预算总表"; "2024年预算单位财务收支预算总表" → "财务收支预算总表".
 */
export function titleCore(s: string): string {
  let t = normBasic(s);
  for (const re of TITLE_LABELS) t = t.replace(re, "");
  t = t.replace(/^.*?\d{4}年度?/, "");
  t = t.replace(/^(?:部门预算|预算单位|单位预算|部门|单位|本级)+/, "");
  return t;
}
