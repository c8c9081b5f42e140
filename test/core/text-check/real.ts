// The two real Shanghai disclosures (../shared/reference/real-disclosures): narrative text and the workbook as the
// project's reader reads it.
import { readFileSync } from "fs";
import { join } from "path";
import { readSnapshot } from "../../../src/xlsx/read-snapshot";
import { readWorkbook } from "../../../src/core/model/read-workbook";
import type { WorkbookSnapshot } from "../../../src/core/snapshot";
import type { BudgetWorkbook } from "../../../src/core/model/types";
import { REPO } from "../../docx/seed";

export const REAL_DIR = join(REPO, "..", "shared", "reference", "real-disclosures");
export const REAL = ["shanghai-putuo-swfy-2024", "shanghai-putuo-wanli-2025"] as const;
export type RealName = (typeof REAL)[number];

const cache = new Map<string, { wb: BudgetWorkbook; text: string; snapshot: WorkbookSnapshot }>();

export async function loadReal(name: RealName): Promise<{ wb: BudgetWorkbook; text: string; snapshot: WorkbookSnapshot }> {
  const hit = cache.get(name);
  if (hit) return hit;
  const dir = join(REAL_DIR, name);
  const { snapshot } = await readSnapshot(new Uint8Array(readFileSync(join(dir, "workbook.xlsx"))), "workbook.xlsx");
  const wb = readWorkbook(snapshot);
  const out = { wb, text: readFileSync(join(dir, "published-narrative.txt"), "utf8"), snapshot };
  cache.set(name, out);
  return out;
}

