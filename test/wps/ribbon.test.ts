// ribbon.xml is well-formed CustomUI, every callback it names is a global of the add-in's entry script (main.js),
// and the two buttons do what they say against the WPS 表格 double.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { STORE_KEYS } from "../../src/excel/store";
import { detectWps } from "../../src/wps/detect";
import * as main from "../../src/wps/main";
import { WpsHost } from "../../src/wps/wps-host";
import { createWpsDouble } from "../support/wps-double";
import { variantSnapshot } from "../e2e/seed-variant";
import { ROOT } from "../e2e/support";

const RIBBON = fs.readFileSync(path.join(ROOT, "src/wps/ribbon.xml"), "utf8");
const CALLBACK_ATTRS = /\b(onLoad|onAction|getImage|getLabel|getEnabled|getVisible|getScreentip|getSupertip|getPressed|onChange)="([^"]+)"/g;

async function validate(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateXML } = require("xmllint-wasm") as typeof import("xmllint-wasm");
  const r = await validateXML({
    xml: [{ fileName: "ribbon.xml", contents: xml }],
    schema: [{ fileName: "customui-subset.xsd", contents: fs.readFileSync(path.join(__dirname, "customui-subset.xsd"), "utf8") }],
  });
  return { valid: r.valid, errors: r.errors.map((e) => e.rawMessage || e.message) };
}

describe("wps/ribbon.xml and the entry script", function () {
  this.timeout(60_000);

  it("is well-formed CustomUI (2006 namespace) with the 预算公开 tab, 打开助手 and 全面校验", async () => {
    const r = await validate(RIBBON);
    assert.deepEqual(r.errors, []);
    assert.match(RIBBON, /<customUI xmlns="http:\/\/schemas\.microsoft\.com\/office\/2006\/01\/customui"/);
    assert.match(RIBBON, /<tab id="[^"]+" label="预算公开">/);
    assert.match(RIBBON, /<button id="btnOpenPane" label="打开助手"/);
    assert.match(RIBBON, /<button id="btnFullCheck" label="全面校验"/);
  });

  it("the validator rejects a broken ribbon (unclosed element, a button without onAction)", async () => {
    assert.equal((await validate(RIBBON.replace("</group>", ""))).valid, false);
    assert.equal((await validate(RIBBON.replace(/ onAction="OnAction"/, ""))).valid, false);
  });

  it("every callback it names is a function main.js puts on the page's globals", () => {
    const names = [...RIBBON.matchAll(CALLBACK_ATTRS)].map((m) => m[2]);
    assert.ok(names.includes("OnAddinLoad") && names.includes("OnAction") && names.includes("GetImage"));
    const g = globalThis as unknown as Record<string, unknown>;
    for (const n of new Set(names)) assert.equal(typeof g[n], "function", `${n} is not a global function of main.js`);
    assert.equal(g.OnAction, main.OnAction);
  });

  it("GetImage gives each button an icon from assets/ (32 px PNG) that the build ships", () => {
    const ids = [...RIBBON.matchAll(/<button id="([^"]+)"/g)].map((m) => m[1]);
    for (const id of ids) {
      const rel = main.GetImage({ Id: id });
      assert.match(rel, /^assets\/icon-[\w-]+\.png$/);
      const png = fs.readFileSync(path.join(ROOT, rel));
      assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
      assert.equal(png.readUInt32BE(16), 32);
    }
    assert.notEqual(main.GetImage({ Id: "btnOpenPane" }), main.GetImage({ Id: "btnFullCheck" }));
  });

  it("打开助手 creates the task pane once (docked right, the add-in's wps-taskpane.html), then hides and shows it", async () => {
    const { snapshot } = await variantSnapshot();
    const d = createWpsDouble(snapshot);
    const g = detectWps({ Application: d.Application, wps: d.wps })!;
    main.togglePane(g, "http://127.0.0.1:3889/");
    assert.equal(d.state.panes.length, 1);
    const pane = d.state.panes[0];
    assert.equal(pane.url, "http://127.0.0.1:3889/wps-taskpane.html");
    assert.equal(pane.title, "预算公开助手");
    assert.equal(pane.Visible, true);
    assert.equal(pane.DockPosition, 2);
    main.togglePane(g, "http://127.0.0.1:3889/");
    assert.equal(d.state.panes.length, 1, "the same pane, found again by its id");
    assert.equal(pane.Visible, false);
    main.togglePane(g, "http://127.0.0.1:3889/");
    assert.equal(pane.Visible, true);
    assert.equal(main.addinBase("file:///home/u/.local/share/Kingsoft/wps/jsaddons/budget-disclosure_0.1.0/index.html?x=1"), "file:///home/u/.local/share/Kingsoft/wps/jsaddons/budget-disclosure_0.1.0/");
  });

  it("全面校验 marks the finding cells, goes to the first error, says what it found and leaves the summary for the pane", async () => {
    const { snapshot, sheet } = await variantSnapshot();
    const d = createWpsDouble(snapshot);
    const g = detectWps({ Application: d.Application, wps: d.wps })!;
    const alerts: string[] = [];
    (globalThis as unknown as { alert: (m: string) => void }).alert = (m) => alerts.push(m);
    try {
      const summary = await main.runFullCheck(g);
      assert.ok(summary.error > 0);
      assert.equal(alerts.length, 1);
      assert.match(alerts[0], new RegExp(`错误 ${summary.error} 条、警告 ${summary.warning} 条、提示 ${summary.info} 条`));
      assert.ok(d.state.selected, "a cell is selected");
      assert.ok(d.cell(sheet, "D6")!.fill, "D6 is marked");
      const pane = new WpsHost(g);
      assert.deepEqual(await pane.lastRibbonCheck(), summary);
      assert.ok(await pane.store.get(STORE_KEYS.highlights), "the marks are remembered for 清除标记");
      // A refused call: the alert says so in Chinese, and the pane will too.
      d.state.failNext = "Unknown error";
      const failed = await main.runFullCheck(g);
      assert.match(failed.failed!, /WPS 表格没有完成这次操作/);
      assert.match(alerts[1], /全面校验没有完成/);
    } finally {
      delete (globalThis as { alert?: unknown }).alert;
    }
  });
});
