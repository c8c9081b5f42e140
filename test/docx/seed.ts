// The seed fixture (test/fixtures/seed.xlsx) read as the CLI reads it, and the seed's published 情况说明 text.
import { readFileSync } from "fs";
import { join } from "path";
import { readSnapshot } from "../../src/xlsx/read-snapshot";
import { readWorkbook } from "../../src/core/model/read-workbook";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import type { BudgetWorkbook } from "../../src/core/model/types";

export const REPO = join(__dirname, "..", "..");
export const SEED_XLSX = join(REPO, "test", "fixtures", "seed.xlsx");
/** CI keeps a copy of shared/ beside the clone. */
export const SEED_TEXT_FILE = join(REPO, "..", "shared", "reference", "2024-pingxiang-xingzheng-shenpiju-disclosure.txt");

export async function loadSeed(file = SEED_XLSX): Promise<{ snapshot: WorkbookSnapshot; wb: BudgetWorkbook; bytes: Uint8Array }> {
  const bytes = new Uint8Array(readFileSync(file));
  const { snapshot } = await readSnapshot(bytes, "seed.xlsx");
  return { snapshot, wb: readWorkbook(snapshot), bytes };
}

/**
 * The seed's 情况说明 as its author wrote it: from the title line to the end, without the tables
 * (tab-separated rows and their titles/notes), the PDF's markdown marks ("- ", "**"), and with the lines a
 * page break split re-joined (a line ending in "、" or "，" continues on the next).
 */
export function seedNarrativeText(): string {
  const all = readFileSync(SEED_TEXT_FILE, "utf8");
  const start = all.indexOf("平乡县行政审批局 2024 年部门预算信息公开情况说明");
  const lines = all
    .slice(start)
    .split("\n")
    .filter((l) => !l.includes("\t"))
    .map((l) => l.replace(/^- /, "").replace(/\*\*/g, "").trim())
    .filter((l) => l !== "");
  const out: string[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /[、，]$/.test(prev)) out[out.length - 1] = prev + l;
    else out.push(l);
  }
  return out.join("\n");
}
