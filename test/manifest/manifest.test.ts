import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateManifest, schemaDir } = require("../../scripts/validate-manifest.js") as {
  validateManifest(xml: string): Promise<{ valid: boolean; errors: string[] }>;
  schemaDir(): string | null;
};

const ROOT = path.resolve(__dirname, "../..");
const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

describe("manifest.xml", () => {
  it("finds the offline schemas beside the repository", () => {
    assert.ok(schemaDir(), "../shared/manifest-schema is missing");
  });

  it("validates against OfficeAppManifestV1_1.xsd offline", async () => {
    const r = await validateManifest(manifest);
    assert.deepEqual(r.errors, []);
    assert.equal(r.valid, true);
  });

  it("the validator rejects a broken manifest", async () => {
    const r = await validateManifest(manifest.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Bogus</Permissions>"));
    assert.equal(r.valid, false);
  });

  it("is a zh-CN Excel task pane with en-US overrides and ReadWriteDocument", () => {
    assert.match(manifest, /xsi:type="TaskPaneApp"/);
    assert.match(manifest, /<DefaultLocale>zh-CN<\/DefaultLocale>/);
    assert.match(manifest, /<Override Locale="en-US"/);
    assert.match(manifest, /<Host Name="Workbook" \/>/);
    assert.match(manifest, /<Permissions>ReadWriteDocument<\/Permissions>/);
  });

  it("has the 预算公开 group with a pane button and a function command the commands page registers", () => {
    assert.match(manifest, /id="Group.Label" DefaultValue="预算公开"/);
    assert.match(manifest, /xsi:type="ShowTaskpane"/);
    const fn = /<FunctionName>([^<]+)<\/FunctionName>/.exec(manifest)?.[1];
    assert.equal(fn, "runFullCheck");
    const commands = fs.readFileSync(path.join(ROOT, "src/commands/commands.ts"), "utf8");
    assert.match(commands, new RegExp(`associate\\("${fn}"`));
  });

  it("every icon it names exists in assets/ as a PNG of that size", () => {
    const icons = [...manifest.matchAll(/assets\/(icon-(\d+)\.png)/g)];
    const sizes = new Set(icons.map((m) => Number(m[2])));
    for (const s of [16, 32, 64, 80]) assert.ok(sizes.has(s), `icon ${s} not referenced`);
    for (const [, file, size] of icons) {
      const png = fs.readFileSync(path.join(ROOT, "assets", file));
      assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
      assert.equal(png.readUInt32BE(16), Number(size), `${file} width`);
      assert.equal(png.readUInt32BE(20), Number(size), `${file} height`);
    }
  });
});
