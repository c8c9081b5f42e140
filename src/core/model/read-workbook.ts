import type { WorkbookSnapshot } from "../snapshot";
import type { BudgetWorkbook } from "./types";

export function readWorkbook(_snapshot: WorkbookSnapshot): BudgetWorkbook {
  throw new Error("engine under construction");
}
