import { ALL_SECTION_IDS } from "../../src/core/narrative/render";
import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadTemplates, TemplateError } from "../../src/cli/templates";

describe("cli/loadTemplates", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "budget-tpl-"));
    mkdirSync(join(root, "defaults"));
    mkdirSync(join(root, "user"));
    writeFileSync(join(root, "defaults", "s02.liquid"), "默认二");
    writeFileSync(join(root, "defaults", "s03.liquid"), "默认三");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("reads the defaults and overlays same-named files", () => {
    assert.deepEqual(loadTemplates(undefined, join(root, "defaults")), { s02: "默认二", s03: "默认三" });
    writeFileSync(join(root, "user", "s03.liquid"), "我的三");
    writeFileSync(join(root, "user", "说明.txt"), "not a template");
    assert.deepEqual(loadTemplates(join(root, "user"), join(root, "defaults")), { s02: "默认二", s03: "我的三" });
  });

  it("names unknown template files and a missing folder", () => {
    writeFileSync(join(root, "user", "s3.liquid"), "x");
    assert.throws(() => loadTemplates(join(root, "user"), join(root, "defaults")), (e: unknown) => e instanceof TemplateError && /s3\.liquid/.test(e.message) && /s03\.liquid/.test(e.message));
    assert.throws(() => loadTemplates(join(root, "nope"), join(root, "defaults")), /模板文件夹不存在/);
  });

  it("finds the engine's default templates next to the renderer: one per section", function () {
    const t = loadTemplates();
    assert.ok(existsSync(join(__dirname, "..", "..", "src", "core", "narrative", "templates")));
    assert.deepEqual(Object.keys(t).sort(), [...ALL_SECTION_IDS].sort());
    assert.match(t.s04, /三公/);
  });
});
