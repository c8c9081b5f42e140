// Code → row of a code table, made once per table: the reader fills it as it reads (it needs it to find repeated
// codes), the rules and the fill look rows up in it.
import { cachedOn, keepOn } from "../memo";
import type { CodeRow, CodeTable } from "./types";

const INDEX = Symbol("codeIndex");

export function codeIndex(t: CodeTable): Map<string, CodeRow> {
  return cachedOn(t, INDEX, () => new Map(t.rows.map((r) => [r.code, r])));
}

/** The index of a table just read: each of its rows under its code, and no other entry (as codeIndex would make it). */
export function keepCodeIndex(t: CodeTable, index: Map<string, CodeRow>): void {
  keepOn(t, INDEX, index);
}
