import type { WorkbookSnapshot } from "./snapshot";
import type { FillPlan } from "./plan";

/** Every derived figure whose cell differs from what the tables imply, as cell writes. Leaf inputs are never written. */
export function planFill(_snapshot: WorkbookSnapshot): FillPlan {
  throw new Error("engine under construction");
}
