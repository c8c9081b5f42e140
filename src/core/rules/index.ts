import type { Severity } from "../findings";

export interface RuleInfo {
  id: string;
  severity: Severity;
  confidence: "H" | "M" | "L";
  description: string; // Chinese, for the README rule list and the task pane
}

export const RULES: RuleInfo[] = [];
