// npm run readme: regenerate the rule list in README.md from the rule registries.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RULES_BEGIN, RULES_END, ruleListMarkdown } from "../src/core/rules/catalog-md";

const file = join(__dirname, "..", "README.md");
const text = readFileSync(file, "utf8");
const a = text.indexOf(RULES_BEGIN);
const b = text.indexOf(RULES_END);
if (a < 0 || b < a) {
  console.error("README.md 中找不到规则列表的起止标记。");
  process.exitCode = 1;
} else {
  writeFileSync(file, text.slice(0, a) + ruleListMarkdown() + text.slice(b + RULES_END.length));
  console.log("README.md 的规则列表已更新。");
}
