#!/usr/bin/env node
// Validates manifest.xml offline against the add-in manifest schemas in ../shared/manifest-schema (or MANIFEST_SCHEMA_DIR).
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");

function schemaDir() {
  const candidates = [process.env.MANIFEST_SCHEMA_DIR, path.resolve(ROOT, "../shared/manifest-schema"), path.resolve(ROOT, "../../shared/manifest-schema")];
  for (const c of candidates) if (c && fs.existsSync(path.join(c, "OfficeAppManifestV1_1.xsd"))) return c;
  return null;
}

/** Returns {valid, errors: string[]} for the manifest text. */
async function validateManifest(xml, dir = schemaDir()) {
  if (!dir) throw new Error("找不到清单架构目录 ../shared/manifest-schema（可用 MANIFEST_SCHEMA_DIR 指定）");
  const { validateXML } = require("xmllint-wasm");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".xsd"));
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    schema: [{ fileName: "OfficeAppManifestV1_1.xsd", contents: fs.readFileSync(path.join(dir, "OfficeAppManifestV1_1.xsd"), "utf8") }],
    preload: files.filter((f) => f !== "OfficeAppManifestV1_1.xsd").map((f) => ({ fileName: f, contents: fs.readFileSync(path.join(dir, f), "utf8") })),
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage || e.message || String(e)) };
}

module.exports = { validateManifest, schemaDir };

if (require.main === module) {
  const file = path.resolve(process.argv[2] || path.join(ROOT, "manifest.xml"));
  validateManifest(fs.readFileSync(file, "utf8"))
    .then((r) => {
      if (r.valid) {
        console.log(`清单有效：${path.relative(process.cwd(), file)}（按 ${schemaDir()} 离线校验）`);
      } else {
        console.error(`清单无效：${file}`);
        for (const e of r.errors) console.error("  " + e);
        process.exitCode = 1;
      }
    })
    .catch((e) => {
      console.error(e.message || e);
      process.exitCode = 1;
    });
}
