// Shared test fixtures: the seed workbook (and its twins) as snapshots, edits by sheet and A1 address.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseA1, type CellValue, type WorkbookSnapshot } from "../../src/core/snapshot";
import type { Finding } from "../../src/core/findings";
import { readSnapshot } from "../../src/xlsx/read-snapshot";
import { loadTemplates } from "../../src/cli/templates";

export const FIXTURES = join(__dirname, "..", "fixtures");

const cache = new Map<string, WorkbookSnapshot>();

/** A fresh deep copy of a fixture's snapshot (seed, seed-yuan, seed-alt). */
export async function fixture(name = "seed"): Promise<WorkbookSnapshot> {
  let s = cache.get(name);
  if (!s) {
    s = (await readSnapshot(readFileSync(join(FIXTURES, `${name}.xlsx`)), `${name}.xlsx`)).snapshot;
    cache.set(name, s);
  }
  return structuredClone(s);
}

export function setCell(s: WorkbookSnapshot, sheet: string, address: string, value: CellValue): void {
  const sh = s.sheets.find((x) => x.name === sheet);
  if (!sh) throw new Error(`no sheet ${sheet}`);
  const p = parseA1(address)!;
  while (sh.rows.length <= p.row) sh.rows.push([]);
  const row = sh.rows[p.row];
  while (row.length <= p.col) row.push(null);
  row[p.col] = value;
}

export function getCell(s: WorkbookSnapshot, sheet: string, address: string): CellValue {
  const p = parseA1(address)!;
  return s.sheets.find((x) => x.name === sheet)?.rows[p.row]?.[p.col] ?? null;
}

export function removeSheet(s: WorkbookSnapshot, sheet: string): void {
  s.sheets = s.sheets.filter((x) => x.name !== sheet);
}

/** "rule severity sheet!cell" keys, sorted, for whole-list comparisons. */
export function keys(findings: Finding[]): string[] {
  return findings.map((f) => `${f.rule} ${f.severity} ${f.sheet}!${f.cell}`).sort();
}

export function templates() {
  return loadTemplates();
}
