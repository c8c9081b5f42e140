// Shared set-up for the browser tests: one production build per run, a static server, Debian's chromium.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { BrowserContext, Page, Route } from "playwright-core";

export const ROOT = path.resolve(__dirname, "../..");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const OFFICE_CDN = "https://appsforoffice.microsoft.com/";
const OFFICE_DIST = path.join(ROOT, "node_modules/@microsoft/office-js/dist");

/** Skips the suite (with a reason) only on a developer machine without chromium; in CI a missing browser fails. */
export function requireChromium(ctx: Mocha.Context): void {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install chromium (apt-get install -y chromium) before npm test`);
  console.warn(`    skipped: ${CHROMIUM} not found (install with: apt-get install -y chromium)`);
  ctx.skip();
}

let built: Promise<string> | null = null;

/** Production build into a fresh temporary folder, once per test run. */
export function buildOnce(): Promise<string> {
  if (!built) {
    built = (async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), "budget-e2e-dist-"));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const webpack = require("webpack");
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const factory = require(path.join(ROOT, "webpack.config.js"));
      const config = await factory({ outputPath: out, quiet: true }, { mode: "production" });
      await new Promise<void>((resolve, reject) =>
        webpack(config, (err: Error | null, stats: { hasErrors(): boolean; toString(o: string): string }) => {
          if (err) reject(err);
          else if (stats.hasErrors()) reject(new Error(stats.toString("errors-only")));
          else resolve();
        }),
      );
      return out;
    })();
  }
  return built;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".json": "application/json",
  ".xml": "application/xml",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serve(dir: string): Promise<Served> {
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://x");
    const rel = decodeURIComponent(u.pathname).replace(/^\/+/, "") || "taskpane.html";
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function launch(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "budget-e2e-profile-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 420, height: 900 },
    locale: "zh-CN",
    // Chinese file names (uploads, download names) need a UTF-8 locale; a CI shell may have none.
    env: { ...process.env, LANG: /utf-?8/i.test(process.env.LANG ?? "") ? process.env.LANG! : "C.UTF-8" },
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface Watch {
  /** Requests that left the test server and the (routed) Office CDN. */
  external: string[];
  requested: string[];
  dialogs: string[];
  cspViolations: string[];
  pageErrors: string[];
}

/** Blocks and records any request to another host; serves the Office CDN from the local @microsoft/office-js copy or a test double. */
export async function guard(page: Page, base: string, office: "real" | "missing" | { script: string }): Promise<Watch> {
  const w: Watch = { external: [], requested: [], dialogs: [], cspViolations: [], pageErrors: [] };
  page.on("dialog", (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) w.cspViolations.push(m.text());
  });
  page.on("pageerror", (e) => w.pageErrors.push(String(e)));
  await page.route("**/*", async (route: Route) => {
    const url = route.request().url();
    w.requested.push(url);
    if (url.startsWith(base) || url.startsWith("blob:") || url.startsWith("data:")) return route.continue();
    if (url.startsWith(OFFICE_CDN)) {
      if (office === "missing") return route.abort(); // offline: the CDN cannot be reached
      if (typeof office === "object") {
        if (url.endsWith("/office.js")) return route.fulfill({ status: 200, contentType: "text/javascript", body: office.script });
        return route.fulfill({ status: 404, body: "" });
      }
      const rel = new URL(url).pathname.replace(/^\/lib\/1\/hosted\//, "");
      const file = path.join(OFFICE_DIST, rel);
      if (file.startsWith(OFFICE_DIST) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return route.fulfill({ status: 200, contentType: "text/javascript", body: fs.readFileSync(file) });
      }
      return route.fulfill({ status: 404, body: "" });
    }
    w.external.push(url);
    return route.abort();
  });
  return w;
}

/** office.js replaced by the Excel test double, started from `window.__DOUBLE_SEED__` or the state a previous page left. */
export function doubleScript(): string {
  const src = fs.readFileSync(path.join(ROOT, "test/support/excel-double.js"), "utf8");
  return `${src}
;(function () {
  var saved = null;
  try { saved = JSON.parse(sessionStorage.getItem("__excelDoubleState") || "null"); } catch (e) {}
  var d = ExcelDouble.createExcelDouble(saved || window.__DOUBLE_SEED__, window.__DOUBLE_OPTIONS__ || {});
  window.__excelDouble = d;
  window.Office = d.Office;
  window.Excel = d.Excel;
  window.OfficeExtension = d.OfficeExtension;
  // A reopened pane sees the same workbook, as Excel keeps it while the pane is closed.
  window.addEventListener("pagehide", function () {
    sessionStorage.setItem("__excelDoubleState", JSON.stringify(d.exportState()));
  });
})();`;
}

export const XSS = "<img src=x onerror=alert(1)>";

export function outputDir(): string {
  const dir = path.join(ROOT, "test-output");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Resolves when the pane is no longer busy (#app has no aria-busy). */
export function waitIdle(page: Page): Promise<unknown> {
  return page.waitForFunction(() => !document.getElementById("app")?.hasAttribute("aria-busy"));
}

/** Copies a screenshot into docs/ for the README: when it is not there yet, or with UPDATE_SCREENSHOTS=1. */
export function publishScreenshot(shot: string, name: string): void {
  const docs = path.join(ROOT, "docs", name);
  if (!fs.existsSync(docs) || process.env.UPDATE_SCREENSHOTS) {
    fs.mkdirSync(path.dirname(docs), { recursive: true });
    fs.copyFileSync(shot, docs);
  }
}

const AXE = () => fs.readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

/** axe-core's WCAG 2.1 A/AA rules over the page as it is now: "rule: target" per violation. */
export async function axe(page: Page): Promise<string[]> {
  // page.evaluate runs outside the page's Content-Security-Policy, which forbids injected scripts.
  await page.evaluate(`${AXE()};0`);
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  return violations;
}


/** What every browser test starts from: the pane built and served, a browser, and one page watched for requests. */
export interface PaneRig {
  server: Served;
  browser: Awaited<ReturnType<typeof launch>>;
  page: Page;
  watch: Watch;
}

/**
 * Registers the suite's before/after hooks for a PaneRig (its fields are set in `before`). `prepare` runs once the
 * server is up (the suite's own data, which may need its URL); `open` then loads the page (init scripts, viewport, goto).
 */
export function paneRig(
  office: Parameters<typeof guard>[2],
  setup: { prepare?: (server: Served) => Promise<void>; open: (page: Page, server: Served) => Promise<void> },
): PaneRig {
  const rig = {} as PaneRig;
  before(async function () {
    requireChromium(this);
    rig.server = await serve(await buildOnce());
    await setup.prepare?.(rig.server);
    rig.browser = await launch();
    rig.page = await rig.browser.context.newPage();
    rig.watch = await guard(rig.page, rig.server.url, office);
    await setup.open(rig.page, rig.server);
  });
  after(async () => {
    await rig.browser?.close();
    await rig.server?.close();
  });
  return rig;
}
