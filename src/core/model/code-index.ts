// Code → row of a code table, made once per table: the reader fills it as it reads (it needs it to find repeated
// codes), the rules and the fill look rows up in it.
import type { CodeRow, CodeTable } from "./types";

const indexCache = new WeakMap<CodeTable, Map<string, CodeRow>>();

export function codeIndex(t: CodeTable): Map<string, CodeRow> {
  let m = indexCache.get(t);
  if (!m) {
    m = new Map(t.rows.map((r) => [r.code, r]));
    indexCache.set(t, m);
  }
  return m;
}

/** The index of a table just read: each of its rows under its code, and no other entry (as codeIndex would make it). */
export function keepCodeIndex(t: CodeTable, index: Map<string, CodeRow>): void {
  indexCache.set(t, index);
}
