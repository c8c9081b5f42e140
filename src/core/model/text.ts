// Normalisation of titles, header labels and row labels, so that spaces, quote styles, bracket widths
// and ordinal prefixes ("一、", "1、", "（一）", "其中：") never decide whether a label is recognised.
import { boundedMemo } from "../memo";
import { cellText, isCellError, type CellValue } from "../snapshot";

const QUOTES = /["“”'‘’「」『』]/g;
const SPACES = /[\s\u00a0\u3000]/g;

export const normBasic = boundedMemo((s: string): string =>
  s.replace(SPACES, "").replace(QUOTES, "").replace(/（/g, "(").replace(/）/g, ")").replace(/：/g, ":"),
);

const ORDINAL = /^(?:[一二三四五六七八九十]+|\d+|\([一二三四五六七八九十\d]+\))[、.．]?/;

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

/**
 * Title key: quotes and spaces removed, then a leading "<anything>2024年" and "部门预算"/"部门" dropped,
 * so "2024年部门预算收支总表" and "部门预算收支总表" both give "收支总表".
 */
export function titleKey(s: string): string {
  let t = normBasic(s);
  t = t.replace(/^.*?\d{4}年度?/, "");
  t = t.replace(/^部门预算/, "").replace(/^部门/, "");
  return t;
}
