// Confidence of each 情况说明 rule (H → error, M → warning, L → note): every S rule is H but these.
import type { Severity } from "../findings";
import type { RuleInfo } from "../rules/index";
import { CONFIDENCE_SEVERITY } from "../rules/framework";

const NOT_H: Record<string, RuleInfo["confidence"]> = { "S-14": "M", "S-15": "L", "S-20": "M", "S-25": "L" };

export function textRuleConfidence(id: string): RuleInfo["confidence"] {
  return NOT_H[id] ?? "H";
}

export function textRuleSeverity(id: string): Severity {
  return CONFIDENCE_SEVERITY[textRuleConfidence(id)];
}
