import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES_BEGIN, RULES_END, ruleListMarkdown } from "../../src/core/rules/catalog-md";

describe("README", () => {
  const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");

  it("shows the rule list generated from the registries (run npm run readme after changing a rule)", () => {
    const a = readme.indexOf(RULES_BEGIN);
    const b = readme.indexOf(RULES_END);
    assert.ok(a >= 0 && b > a, "README.md has the rule list markers");
    assert.equal(readme.slice(a, b + RULES_END.length), ruleListMarkdown());
  });

  it("gives the two commands a newcomer needs", () => {
    assert.match(readme, /npm ci && npm start/);
    assert.match(readme, /npm test/);
    assert.match(readme, /npm run demo/);
  });
});
