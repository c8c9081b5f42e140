// npm run build:wps: the online folder and jsplugins.xml, the offline package, and its Linux install script run for real.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { buildOnce, launch, requireChromium } from "./support";
import { variantSnapshot } from "./seed-variant";
import { wpsDoubleScript } from "./wps-support";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packageWps } = require("../../scripts/build-wps.js") as {
  packageWps(buildDir: string, outDir: string, o?: { url?: string }): Promise<{ online: string; offline: string; folder: string; zipFile: string; url: string; files: string[] }>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require("../../package.json") as { name: string; version: string };

async function wellFormed(xml: string, name: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateXML } = require("xmllint-wasm") as typeof import("xmllint-wasm");
  // A schema that accepts any element: only well-formedness is checked.
  const anyXsd = `<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"><xsd:element name="jsplugins"><xsd:complexType><xsd:sequence><xsd:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence></xsd:complexType></xsd:element></xsd:schema>`;
  const r = await validateXML({ xml: [{ fileName: name, contents: xml }], schema: [{ fileName: "any.xsd", contents: anyXsd }] });
  assert.deepEqual(r.errors.map((e) => e.rawMessage), [], name);
}

describe("build:wps: the WPS add-in, online and offline", function () {
  this.timeout(300_000);
  let out: string;
  let r: Awaited<ReturnType<typeof packageWps>>;
  const folder = `${pkg.name}_${pkg.version}`;

  before(async () => {
    const dist = await buildOnce();
    out = fs.mkdtempSync(path.join(os.tmpdir(), "budget-wps-pkg-"));
    r = await packageWps(dist, out, { url: "https://intranet.example/budget" });
  });

  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it("online: the add-in folder WPS loads (index.html → its script, ribbon.xml, the pane, icons), without Office's files", async () => {
    const files = fs.readdirSync(r.online);
    for (const f of ["index.html", "ribbon.xml", "wps-taskpane.html", "taskpane.css", "jsplugins.xml"]) assert.ok(files.includes(f), f);
    assert.ok(!files.includes("manifest.xml") && !files.includes("taskpane.html") && !files.some((f) => f.startsWith("commands")));
    const index = fs.readFileSync(path.join(r.online, "index.html"), "utf8");
    const scripts = [...index.matchAll(/<script src="?([^" >]+)"?/g)].map((m) => m[1]);
    assert.ok(scripts.some((f) => /^wps-main\.[0-9a-f]+\.js$/.test(f)), scripts.join(", "));
    for (const f of scripts) assert.ok(fs.existsSync(path.join(r.online, f)), f);
    const pane = fs.readFileSync(path.join(r.online, "wps-taskpane.html"), "utf8");
    assert.doesNotMatch(pane, /appsforoffice/);
    assert.ok(fs.existsSync(path.join(r.online, "assets/icon-check-32.png")));
    const list = fs.readFileSync(path.join(r.online, "jsplugins.xml"), "utf8");
    await wellFormed(list, "jsplugins.xml");
    assert.match(list, new RegExp(`<jspluginonline name="${pkg.name}" type="et" url="https://intranet\\.example/budget/"/>`));
  });

  it("offline: <name>_<version>/ with the same files, publish.xml, install steps; the zip holds them all", async () => {
    assert.equal(r.folder, folder);
    assert.deepEqual(fs.readdirSync(path.join(r.offline, folder)).sort(), fs.readdirSync(r.online).filter((f) => f !== "jsplugins.xml").sort());
    const publish = fs.readFileSync(path.join(r.offline, "publish.xml"), "utf8");
    await wellFormed(publish, "publish.xml");
    assert.match(publish, new RegExp(`<jsplugin name="${pkg.name}" type="et" url="${folder}" version="${pkg.version}"`));
    const readme = fs.readFileSync(path.join(r.offline, "安装说明.txt"), "utf8");
    assert.match(readme, /%APPDATA%\\kingsoft\\wps\\jsaddons/);
    assert.match(readme, /~\/\.local\/share\/Kingsoft\/wps\/jsaddons/);
    assert.match(fs.readFileSync(path.join(r.offline, "install-windows.bat"), "utf8"), /install-windows\.ps1/);
    assert.match(fs.readFileSync(path.join(r.offline, "install-windows.ps1"), "utf8"), /kingsoft\\wps\\jsaddons/);
    const zip = await JSZip.loadAsync(fs.readFileSync(r.zipFile));
    const names = Object.keys(zip.files);
    const top = `${pkg.name}-wps-${pkg.version}/`;
    for (const f of ["安装说明.txt", "install-linux.sh", "install-windows.bat", "publish.xml", `${folder}/index.html`, `${folder}/ribbon.xml`]) assert.ok(names.includes(top + f), f);
  });

  it("the offline folder works opened from disk (file:), as WPS opens it: the pane starts and the Word export is saved", async function () {
    requireChromium(this);
    const { snapshot } = await variantSnapshot();
    const browser = await launch();
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.addInitScript((s) => {
        (window as unknown as { __WPS_SEED__: unknown }).__WPS_SEED__ = s;
      }, snapshot);
      await page.addInitScript(wpsDoubleScript());
      await page.goto("file://" + path.join(r.offline, folder, "wps-taskpane.html"));
      await page.waitForSelector("#btn-check");
      assert.equal(await page.locator(".badge").first().textContent(), "WPS 表格");
      await page.click("#tab-narrative");
      await page.click("#btn-export-docx");
      // The seed's 办公用房 errors hold the export until the user confirms it.
      await page.waitForSelector("#btn-export-confirm:visible", { timeout: 120_000 });
      await page.click("#btn-export-confirm");
      await page.waitForSelector(".message >> text=已保存到", { timeout: 120_000 });
      const files = await page.evaluate(() => (window as unknown as { __wps: { state: { files: Record<string, string> } } }).__wps.state.files);
      const docx = Object.entries(files).filter(([p]) => p.endsWith(".docx"));
      assert.equal(docx.length, 1);
      assert.equal(docx[0][1].slice(0, 2), "PK", "a .docx (zip) was written");
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });

  it("install-linux.sh installs into ~/.local/share/Kingsoft/wps/jsaddons, keeps other add-ins, and can run again", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "budget-wps-home-"));
    try {
      const jsaddons = path.join(home, ".local/share/Kingsoft/wps/jsaddons");
      fs.mkdirSync(path.join(jsaddons, `${pkg.name}_0.0.1`), { recursive: true }); // an older version
      const other = '<jsplugin name="other" type="wps" url="other_1.0" version="1.0"/>';
      fs.writeFileSync(path.join(jsaddons, "publish.xml"), `<jsplugins>\n  ${other}\n  <jsplugin name="${pkg.name}" type="et" url="${pkg.name}_0.0.1" version="0.0.1"/>\n</jsplugins>\n`);
      for (let i = 0; i < 2; i++) execFileSync("sh", [path.join(r.offline, "install-linux.sh")], { env: { ...process.env, HOME: home }, stdio: "pipe" });
      assert.deepEqual(fs.readdirSync(jsaddons).sort(), [folder, "publish.xml"].sort(), "the old version is gone");
      assert.ok(fs.existsSync(path.join(jsaddons, folder, "index.html")));
      const publish = fs.readFileSync(path.join(jsaddons, "publish.xml"), "utf8");
      assert.ok(publish.includes(other));
      assert.equal(publish.match(new RegExp(`name="${pkg.name}"`, "g"))?.length, 1);
      assert.match(publish, new RegExp(`url="${folder}"`));
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
